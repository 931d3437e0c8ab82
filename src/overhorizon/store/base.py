"""The store interface: everything else reads and writes through these few methods.

One implementation (SQLStore) serves SQLite and PostgreSQL; the same test suite runs on both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from overhorizon.model.document import Document
from overhorizon.model.entity import Entity
from overhorizon.model.statement import Statement


@dataclass(frozen=True, slots=True)
class NameHit:
    """A search hit on an entity's name or alias."""

    entity_id: str
    schema: str
    name: str


@dataclass(frozen=True, slots=True)
class DocumentHit:
    document_id: str
    title: str | None
    snippet: str


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """Which statements to read; every field left as None matches all."""

    entity_ids: Sequence[str] | None = None
    schemata: Sequence[str] | None = None
    props: Sequence[str] | None = None
    values: Sequence[str] | None = None
    document_id: str | None = None
    origin_prefix: str | None = None


class Writer(ABC):
    """A unit of work: everything added through one writer is committed together or not at all."""

    @abstractmethod
    def add_document(self, document: Document) -> bool:
        """Store a document; False (and nothing written) when its content is already stored."""

    @abstractmethod
    def add_statements(self, statements: Iterable[Statement]) -> int:
        """Store statements; one seen before only has its last_seen moved. Returns how many."""

    @abstractmethod
    def delete_statements(self, statement_ids: Iterable[str]) -> int:
        """Remove statements by id; returns how many were removed."""


class Store(ABC):
    """Documents and statements, with name and full-text search."""

    url: str

    @abstractmethod
    def migrate(self) -> None:
        """Create or upgrade the database schema, and refresh the views derived from the model."""

    @abstractmethod
    def writer(self) -> WriterContext:
        """A transaction to write in: ``with store.writer() as w: ...``."""

    @abstractmethod
    def get_document(self, document_id: str) -> Document | None: ...

    @abstractmethod
    def has_content(self, content_hash: str) -> bool: ...

    @abstractmethod
    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]: ...

    @abstractmethod
    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]: ...

    @abstractmethod
    def entity_ids(
        self, schemata: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[str]:
        """Ids of entities with at least one statement, optionally of some types, sorted."""

    @abstractmethod
    def ids_by_name(self, name: str) -> list[str]:
        """Entities with a name or alias whose lookup key equals that of ``name``."""

    @abstractmethod
    def search_names(self, query: str, limit: int = 20) -> list[NameHit]:
        """Full-text search over names and aliases."""

    @abstractmethod
    def search_documents(self, query: str, limit: int = 20) -> list[DocumentHit]:
        """Full-text search over document titles and texts."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Documents, statements, and entities per schema."""

    @abstractmethod
    def close(self) -> None: ...

    def entity(self, entity_id: str) -> Entity | None:
        """An entity assembled from all its statements, or None when it has none."""
        rows = list(self.statements(StatementQuery(entity_ids=[entity_id])))
        return Entity.from_statements(entity_id, rows) if rows else None

    def entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """Several entities in one read, in the order of ``entity_ids`` (missing ones skipped)."""
        grouped: dict[str, list[Statement]] = {}
        for stmt in self.statements(StatementQuery(entity_ids=entity_ids)):
            grouped.setdefault(stmt.entity_id, []).append(stmt)
        return [Entity.from_statements(i, grouped[i]) for i in entity_ids if i in grouped]

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class WriterContext(ABC):
    @abstractmethod
    def __enter__(self) -> Writer: ...

    @abstractmethod
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
