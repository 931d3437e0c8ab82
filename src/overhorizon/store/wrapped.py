"""A store seen through another: the base of every view that changes what statements are read
(the TAXII view without a partner's own facts, the workspace's view without retractions).

``WrappedStore`` hands every method to ``inner``; a view overrides ``statements`` (and what
else it changes) and inherits the rest, so a method added to ``Store`` is added here once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.store.base import (
    DocumentHit,
    Judgement,
    NameHit,
    StatementQuery,
    Store,
    WriterContext,
)


class WrappedStore(Store):
    """Every method delegated to ``inner``; ``close`` leaves it open (it belongs to whoever
    opened it)."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.url = inner.url

    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]:
        return self.inner.statements(query)

    def migrate(self) -> None:
        self.inner.migrate()

    def writer(self) -> WriterContext:
        return self.inner.writer()

    def get_document(self, document_id: str) -> Document | None:
        return self.inner.get_document(document_id)

    def has_content(self, content_hash: str) -> bool:
        return self.inner.has_content(content_hash)

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        return self.inner.documents(limit, offset)

    def entity_ids(
        self, schemata: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[str]:
        return self.inner.entity_ids(schemata, limit, offset)

    def ids_by_name(self, name: str) -> list[str]:
        return self.inner.ids_by_name(name)

    def search_names(self, query: str, limit: int = 20) -> list[NameHit]:
        return self.inner.search_names(query, limit)

    def search_documents(self, query: str, limit: int = 20) -> list[DocumentHit]:
        return self.inner.search_documents(query, limit)

    def counts(self) -> dict[str, int]:
        return self.inner.counts()

    def close(self) -> None:
        """The inner store belongs to whoever opened it; nothing to release here."""

    def canonical_ids(self, entity_ids: Sequence[str]) -> dict[str, str]:
        return self.inner.canonical_ids(entity_ids)

    def cluster(self, entity_id: str) -> list[str]:
        return self.inner.cluster(entity_id)

    def judgements(
        self, entity_ids: Sequence[str] | None = None, *, active: bool | None = None
    ) -> list[Judgement]:
        return self.inner.judgements(entity_ids, active=active)

    def get_judgement(self, judgement_id: str) -> Judgement | None:
        return self.inner.get_judgement(judgement_id)
