"""A source document, kept whole so every statement can be shown in its context."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from overhorizon.model.statement import utcnow


def content_hash(text: str) -> str:
    """SHA-256 of the text with white space normalised: the same content, the same hash."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    return "doc-" + content_hash(text)[:20]


@dataclass(frozen=True, slots=True)
class Document:
    """A report, article or feed item with its metadata."""

    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    source: str | None = None
    """Where it was read from: a path or URL."""
    media_type: str = "text/plain"
    reliability: str = "F"
    tlp: str = "clear"
    groups: frozenset[str] = frozenset()
    ingested_at: datetime = field(default_factory=utcnow)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def id(self) -> str:
        return document_id(self.text)
