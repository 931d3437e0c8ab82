"""Where a statement came from, ready to show: document, publisher, date and sentence."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.store.base import Store


@dataclass(frozen=True, slots=True)
class Source:
    document_id: str | None
    title: str | None
    publisher: str | None
    published: date | None
    sentence: str | None
    origin: str
    reliability: str
    asserted_by: str | None

    @property
    def label(self) -> str:
        """A short line naming the source: publisher, date and title where known."""
        parts = [p for p in (self.publisher, _iso(self.published), self.title) if p]
        return ", ".join(parts) if parts else self.origin


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


class SourceCache:
    """Reads each document once, however many statements point into it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._documents: dict[str, Document | None] = {}

    def document(self, document_id: str) -> Document | None:
        if document_id not in self._documents:
            self._documents[document_id] = self.store.get_document(document_id)
        return self._documents[document_id]

    def source(self, stmt: Statement) -> Source:
        doc = self.document(stmt.document_id) if stmt.document_id else None
        sentence = None
        if doc is not None and stmt.span_start is not None and stmt.span_end is not None:
            sentence = " ".join(doc.text[stmt.span_start : stmt.span_end].split())
        return Source(
            document_id=stmt.document_id,
            title=doc.title if doc else None,
            publisher=doc.publisher if doc else None,
            published=doc.published if doc else None,
            sentence=sentence,
            origin=stmt.origin,
            reliability=stmt.reliability,
            asserted_by=stmt.asserted_by,
        )
