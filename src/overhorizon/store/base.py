"""The store interface: everything else reads and writes through these few methods.

One implementation (SQLStore) serves SQLite and PostgreSQL; the same test suite runs on both.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Self

from overhorizon.errors import InvalidValueError
from overhorizon.model.document import Document
from overhorizon.model.entity import Entity
from overhorizon.model.statement import Statement, make_id, utcnow

VERDICTS: tuple[str, ...] = ("same", "not_same", "unsure")
"""What a judgement can say about two entity ids."""


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
    resolved: bool = True
    """Widen ``entity_ids`` and entity-reference ``values`` to every member of their clusters,
    so the statements of an entity written under any of its merged ids are found."""


@dataclass(frozen=True, slots=True)
class Reference:
    """A statement whose value names an entity, as ids only: which statement, and the id and
    schema of the entity it was written under."""

    statement_id: str
    entity_id: str
    schema: str


@dataclass(frozen=True, slots=True)
class Judgement:
    """A decision that two entity ids are (or are not) the same, by whom, when and why.

    Judgements are never deleted or edited; undoing one records when and by whom.
    """

    left_id: str
    right_id: str
    verdict: str
    author: str
    """``analyst:NAME`` or ``resolver:NAME@VERSION``."""
    reason: str | None = None
    score: float | None = None
    created_at: datetime = field(default_factory=utcnow)
    reverted_at: datetime | None = None
    reverted_by: str | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise InvalidValueError(f"{self.verdict!r} is not one of {', '.join(VERDICTS)}")
        if self.left_id == self.right_id:
            raise InvalidValueError("a judgement needs two different entity ids")
        if not self.id:
            stamp = self.created_at.isoformat()
            key = make_id(self.left_id, self.right_id, self.verdict, self.author, stamp)
            object.__setattr__(self, "id", "j-" + key[:16])

    @property
    def active(self) -> bool:
        return self.reverted_at is None


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

    @abstractmethod
    def add_judgement(self, judgement: Judgement) -> Judgement:
        """Record a judgement and update the clusters it changes.

        Raises JudgementConflictError for a "same" across an active "not_same" between the two
        clusters, or a "not_same" between two ids of one cluster.
        """

    @abstractmethod
    def revert_judgement(self, judgement_id: str, by: str) -> Judgement:
        """Undo a judgement (it stays on record) and update the clusters; returns it undone."""


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

    @abstractmethod
    def canonical_ids(self, entity_ids: Sequence[str]) -> dict[str, str]:
        """The id each given id is read under: its cluster's canonical id, or itself."""

    @abstractmethod
    def cluster(self, entity_id: str) -> list[str]:
        """Every id merged with ``entity_id`` (itself included), sorted."""

    @abstractmethod
    def judgements(
        self, entity_ids: Sequence[str] | None = None, *, active: bool | None = None
    ) -> list[Judgement]:
        """Judgements touching any of ``entity_ids`` (all when None), oldest first;
        ``active`` True or False keeps only those not undone, or only those undone."""

    @abstractmethod
    def get_judgement(self, judgement_id: str) -> Judgement | None: ...

    def references(self, entity_ids: Sequence[str], props: Sequence[str]) -> list[Reference]:
        """The statements of ``props`` whose value is one of ``entity_ids`` (or another member
        of their clusters), ids only: what a page needs to count and order the relations of
        an entity before it reads the few it shows. Filtered as ``statements`` is."""
        query = StatementQuery(props=props, values=entity_ids)
        return [Reference(s.id, s.entity_id, s.schema) for s in self.statements(query)]

    def entity(self, entity_id: str) -> Entity | None:
        """An entity assembled from all its statements, or None when it has none.

        When the id belongs to a cluster, the entity is the whole cluster: its id is the
        canonical id and its statements those written under any member id (each statement
        keeps the id it was written with, so the members stay visible).
        """
        found = self.entities([entity_id])
        return found[0] if found else None

    def entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """Several entities in one read, in the order of ``entity_ids`` (missing ones skipped,
        ids of one cluster given once, under the canonical id)."""
        canonical = self.canonical_ids(entity_ids)
        wanted = list(dict.fromkeys(canonical.get(i, i) for i in entity_ids))
        rows = list(self.statements(StatementQuery(entity_ids=wanted)))
        owners = self.canonical_ids(sorted({s.entity_id for s in rows}))
        grouped: dict[str, list[Statement]] = {}
        for stmt in rows:
            grouped.setdefault(owners.get(stmt.entity_id, stmt.entity_id), []).append(stmt)
        return [Entity.from_statements(i, grouped[i]) for i in wanted if i in grouped]

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
