"""PDF reports: the text of every page, and the title, author and date from the document info."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from overhorizon.errors import DamagedSourceError, EmptySourceError, UnsupportedSourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions, finish
from overhorizon.sources.metadata import to_date


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def read_pdf(raw: RawSource, options: SourceOptions) -> list[Document]:
    """A PDF with a text layer; a scan without one is empty, a truncated file is damaged."""
    try:
        reader = PdfReader(io.BytesIO(raw.data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnsupportedSourceError(f"{raw.source}: the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except FileNotDecryptedError as exc:
        raise UnsupportedSourceError(f"{raw.source}: the PDF is encrypted with a password") from exc
    except UnsupportedSourceError:
        raise
    # pypdf reports broken files with many exception types (its own, ValueError, KeyError,
    # zlib errors, ...); for an untrusted file each of them means the same thing.
    except Exception as exc:
        raise DamagedSourceError(f"{raw.source}: damaged PDF ({_one_line(exc)})") from exc
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise EmptySourceError(
            f"{raw.source}: no extractable text in {len(pages)} page(s) (a scan without OCR?)"
        )
    title = author = None
    created: date | None = None
    if info is not None:
        title, author = info.title, info.author
        try:
            created = to_date(info.creation_date)
        except ValueError:
            created = to_date(info.get("/CreationDate"))
    return [
        finish(
            raw,
            options,
            text=text,
            media_type="application/pdf",
            title=title,
            publisher=author,
            published=created,
        )
    ]
