"""RSS and Atom feeds: one document per entry, the feed's title as the publisher."""

from __future__ import annotations

import io
import re
from typing import Any

import feedparser

from overhorizon.errors import DamagedSourceError, EmptySourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions, finish
from overhorizon.sources.html import html_to_text
from overhorizon.sources.metadata import to_date

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_SNIFF_BYTES = 2048
_MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes open like an RSS, RDF or Atom document."""
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and _FEED_ROOT.search(head) is not None


def _entry_text(entry: Any) -> str:
    """The entry's fullest text: its content when given, else its summary, as plain text."""
    candidates = [*entry.get("content", []), entry.get("summary_detail")]
    best = max(
        (c for c in candidates if c and str(c.get("value", "")).strip()),
        key=lambda c: len(c["value"]),
        default=None,
    )
    if best is None:
        return ""
    value = str(best["value"])
    return html_to_text(value) if "html" in str(best.get("type", "html")) else value


def read_feed(raw: RawSource, options: SourceOptions) -> list[Document]:
    """An RSS or Atom feed; a broken one with no readable entry is damaged."""
    parsed = feedparser.parse(io.BytesIO(raw.data), sanitize_html=True)
    feed = parsed.get("feed", {})
    media_type = _MEDIA_TYPES.get(str(parsed.get("version", ""))[:4], "application/rss+xml")
    documents = []
    for entry in parsed.get("entries", []):
        text = _entry_text(entry) or str(entry.get("title", ""))
        if not text.strip():
            continue
        documents.append(
            finish(
                raw,
                options,
                text=text,
                media_type=media_type,
                title=entry.get("title"),
                publisher=feed.get("title"),
                url=entry.get("link"),
                published=to_date(entry.get("published_parsed") or entry.get("updated_parsed")),
                language=entry.get("language") or feed.get("language"),
            )
        )
    if documents:
        return documents
    if parsed.get("bozo"):
        reason = " ".join(str(parsed.get("bozo_exception", "")).split()) or "not well-formed"
        raise DamagedSourceError(f"{raw.source}: malformed feed ({reason})")
    raise EmptySourceError(f"{raw.source}: the feed has no entries")
