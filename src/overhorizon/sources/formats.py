"""Which reader reads a source: by file extension, by declared media type, else by content."""

from __future__ import annotations

import re

from overhorizon.errors import DamagedSourceError, UnsupportedSourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, Reader, SourceOptions
from overhorizon.sources.feed import looks_like_feed, read_feed
from overhorizon.sources.html import read_html
from overhorizon.sources.markdown import read_markdown
from overhorizon.sources.pdf import read_pdf
from overhorizon.sources.text import read_text


def read_plain(raw: RawSource, options: SourceOptions) -> list[Document]:
    """A ``.txt`` file: text, unless its content is plainly HTML, a feed or a PDF saved under
    that name (a web page saved as text keeps its markup)."""
    reader = sniff(raw.data)
    return (reader or read_text)(raw, options)


BY_SUFFIX: dict[str, Reader] = {
    ".txt": read_plain,
    ".text": read_plain,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".pdf": read_pdf,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
"""File extensions overhorizon reads, each with its reader."""

BY_MEDIA_TYPE: dict[str, Reader] = {
    "text/html": read_html,
    "application/xhtml+xml": read_html,
    "application/rss+xml": read_feed,
    "application/atom+xml": read_feed,
    "application/x-rss+xml": read_feed,
    "application/rdf+xml": read_feed,
    "application/pdf": read_pdf,
    "text/markdown": read_markdown,
    "text/x-markdown": read_markdown,
}
"""Media types that name a format; vaguer ones (text/plain, application/xml) say too little."""

_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.I | re.S
)


def sniff(data: bytes) -> Reader | None:
    """The reader for bytes whose name or media type says nothing: PDF, feed, HTML or None."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"%PDF-"):
        return read_pdf
    if looks_like_feed(head):
        return read_feed
    if _HTML_START.match(head):
        return read_html
    return None


def read_unknown(raw: RawSource, options: SourceOptions) -> list[Document]:
    """A source of no known type: read by what its content is, refused when it is not text."""
    reader = sniff(raw.data)
    if reader is not None:
        return reader(raw, options)
    try:
        return read_text(raw, options)
    except DamagedSourceError as exc:
        raise UnsupportedSourceError(
            f"{raw.source}: not a format overhorizon reads (not text, HTML, PDF or a feed)"
        ) from exc


def reader_for(media_type: str | None = None, suffix: str = "") -> Reader:
    """The reader for a declared media type (``text/html; charset=utf-8``) or a file extension.

    A media type that names a format wins; then the extension; then the content decides.
    """
    if media_type:
        key = media_type.split(";", 1)[0].strip().lower()
        if key in BY_MEDIA_TYPE:
            return BY_MEDIA_TYPE[key]
    return BY_SUFFIX.get(suffix.lower(), read_unknown)
