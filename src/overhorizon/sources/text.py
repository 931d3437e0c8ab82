"""Plain text: decoded whatever its encoding, refused when it is not text at all."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from overhorizon.errors import DamagedSourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions, finish

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = "cp1252"
"""Preferred among equally plausible guesses, as browsers do for unlabelled legacy pages."""
_TIE = 0.02
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
"""Control characters other than tab, line feed, form feed and carriage return."""
_MAX_TITLE = 150


def decode_text(raw: RawSource) -> str:
    """The text of ``raw``: a byte order mark, a declared charset, UTF-8, or a detected encoding.

    Legacy files (cp1252, latin-1, cp1251) are read correctly rather than rejected; bytes that
    are not text in any encoding (NUL bytes, control characters) are a damaged source.
    """
    data = raw.data
    text = _decode_bom(data)
    if text is None:
        if b"\x00" in data:
            raise DamagedSourceError(f"{raw.source}: binary content (NUL bytes), not text")
        text = _decode_declared(data, raw.charset) or _decode_detected(data)
    if text is None:
        raise DamagedSourceError(f"{raw.source}: not text in any known encoding")
    sample = text[:65536]
    controls = len(_CONTROLS.findall(sample))
    if controls > 1 and controls * 100 > len(sample):
        raise DamagedSourceError(f"{raw.source}: binary content (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    return None


def _decode_declared(data: bytes, charset: str | None) -> str | None:
    for encoding in (charset, "utf-8"):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    return None


def _decode_detected(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if match.chaos <= best.chaos + _TIE and _WESTERN in match.could_be_from_charset:
            return data.decode(_WESTERN, errors="replace")
    return str(best)


def text_title(text: str) -> str | None:
    """The first line when it reads as a headline: short, unpunctuated, then a blank line."""
    lines = text.strip().split("\n")
    if len(lines) < 3 or lines[1].strip():
        return None
    first = lines[0].strip()
    if not first or len(first) > _MAX_TITLE or first[-1] in ".,;:":
        return None
    return first


def read_text(raw: RawSource, options: SourceOptions) -> list[Document]:
    """A ``.txt`` file: its whole text, with its first line as the title when it is one."""
    text = decode_text(raw)
    return [finish(raw, options, text=text, media_type="text/plain", title=text_title(text))]
