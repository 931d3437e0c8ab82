"""What every reader shares: the raw bytes it reads, the options, and how a document is finished.

A reader is a function ``(RawSource, SourceOptions) -> list[Document]``. Files and URLs both
end up as a ``RawSource``, so the same readers serve a folder on disk and a page on the web.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from overhorizon.errors import EmptySourceError, InvalidValueError
from overhorizon.model.document import Document
from overhorizon.model.statement import RELIABILITY, TLP_LEVELS
from overhorizon.sources.metadata import detect_language, normalise_language

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
"""Sources larger than this are refused before they are read (50 MB)."""

DEFAULT_TIMEOUT = 30.0
"""Seconds a URL may take to connect, and between two chunks of its body."""


@dataclass(frozen=True, slots=True)
class SourceOptions:
    """How sources are read, and the markings of documents that do not carry their own."""

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    reliability: str = "F"
    tlp: str = "clear"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise InvalidValueError(f"the size limit must be positive, not {self.max_bytes}")
        if self.reliability not in RELIABILITY:
            raise InvalidValueError(f"{self.reliability!r} is not an Admiralty grade (A-F)")
        if self.tlp not in TLP_LEVELS:
            raise InvalidValueError(f"{self.tlp!r} is not a TLP 2.0 label")


@dataclass(frozen=True, slots=True)
class RawSource:
    """Bytes to read, and where they came from."""

    data: bytes
    source: str
    """The path or URL as the user gave it; error messages name it."""
    url: str | None = None
    """For fetched sources: the address the bytes came from, after redirects."""
    media_type: str | None = None
    """For fetched sources: the media type the server declared, such as ``text/html``."""
    charset: str | None = None
    """The character set a server declared, tried before detection."""


Reader = Callable[[RawSource, SourceOptions], list[Document]]


def finish(
    raw: RawSource,
    options: SourceOptions,
    *,
    text: str,
    media_type: str,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    published: date | None = None,
    language: str | None = None,
    reliability: str | None = None,
    tlp: str | None = None,
) -> Document:
    """A document from what a reader found; the language is detected when none was declared."""
    text = text.strip()
    if not text:
        raise EmptySourceError(f"{raw.source}: no text in it")
    return Document(
        text=text,
        title=_clean(title),
        publisher=_clean(publisher),
        url=_clean(url) or raw.url,
        published=published,
        language=normalise_language(language) or detect_language(text),
        source=raw.source,
        media_type=media_type,
        reliability=reliability or options.reliability,
        tlp=tlp or options.tlp,
    )


def _clean(value: str | None) -> str | None:
    """One line of text, or None when there is nothing."""
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None
