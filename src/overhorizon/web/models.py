"""What the API answers, as pydantic models: they make the OpenAPI document, and the fuzzing
tests hold every answer to it."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list; ``total`` is counted after the reader's filter."""

    items: list[T]
    total: int
    limit: int
    offset: int
    next: str | None = Field(default=None, description="The URL of the next page, if any.")


class Marking(BaseModel):
    tlp: str
    groups: list[str]


class StatementOut(BaseModel):
    id: str
    entity_id: str
    schema_: str = Field(alias="schema")
    prop: str
    value: str
    origin: str
    document_id: str | None
    span: tuple[int, int] | None
    confidence: float
    reliability: str
    asserted_by: str | None
    tlp: str
    groups: list[str]
    first_seen: datetime
    last_seen: datetime
    retracted_by: str | None = Field(
        None, description="The retraction that withdraws this statement, if any."
    )
    sentence: str | None = Field(default=None, description="The source sentence, where shown.")
    source: str | None = Field(default=None, description="The source document, in a few words.")

    model_config = {"populate_by_name": True}

    @classmethod
    def of(cls, stmt: Statement, retracted_by: str | None = None) -> StatementOut:
        span = (
            (stmt.span_start, stmt.span_end)
            if stmt.span_start is not None and stmt.span_end is not None
            else None
        )
        return cls(
            id=stmt.id,
            entity_id=stmt.entity_id,
            schema=stmt.schema,
            prop=stmt.prop,
            value=stmt.value,
            origin=stmt.origin,
            document_id=stmt.document_id,
            span=span,
            confidence=stmt.confidence,
            reliability=stmt.reliability,
            asserted_by=stmt.asserted_by,
            tlp=stmt.tlp,
            groups=sorted(stmt.groups),
            first_seen=stmt.first_seen,
            last_seen=stmt.last_seen,
            retracted_by=retracted_by,
        )


class DocumentOut(BaseModel):
    id: str
    title: str | None
    publisher: str | None
    url: str | None
    published: date | None
    language: str | None
    media_type: str
    reliability: str
    tlp: str
    groups: list[str]
    length: int

    @classmethod
    def of(cls, doc: Document) -> DocumentOut:
        return cls(
            id=doc.id,
            title=doc.title,
            publisher=doc.publisher,
            url=doc.url,
            published=doc.published,
            language=doc.language,
            media_type=doc.media_type,
            reliability=doc.reliability,
            tlp=doc.tlp,
            groups=sorted(doc.groups),
            length=len(doc.text),
        )


class DocumentDetail(DocumentOut):
    text: str
    statements: list[StatementOut]


class EntityOut(BaseModel):
    id: str
    schema_: str = Field(alias="schema")
    caption: str
    aliases: list[str]

    model_config = {"populate_by_name": True}


class ClaimOut(BaseModel):
    value: str
    statements: list[StatementOut]


class PropertyOut(BaseModel):
    name: str
    label: str
    conflicting: bool
    claims: list[ClaimOut]


class RelationOut(BaseModel):
    id: str
    schema_: str = Field(alias="schema")
    label: str
    other_id: str
    other: str
    other_schema: str
    outgoing: bool
    start: str | None
    end: str | None
    statements: list[StatementOut]

    model_config = {"populate_by_name": True}


class RetractionOut(BaseModel):
    id: str
    statement_id: str
    replacement_id: str | None
    reason: str | None
    author: str
    at: datetime
    tlp: str
    groups: list[str]


class ProfileOut(BaseModel):
    entity: EntityOut
    members: list[str] = Field(description="Every id merged into this entity.")
    properties: list[PropertyOut]
    relations: list[RelationOut]
    relations_total: int
    mentions: list[StatementOut]
    retractions: list[RetractionOut]
    withdrawn: list[StatementOut] = Field(description="The statements retracted, for undoing.")


class Quantity(BaseModel):
    min: int | None
    max: int | None


class EventOut(BaseModel):
    id: str
    type: str
    name: str
    date: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    perpetrator: str | None
    perpetrator_id: str | None
    responsibility: str
    killed: Quantity
    injured: Quantity
    sources: list[str]


class NodeOut(BaseModel):
    id: str
    schema_: str = Field(alias="schema")
    caption: str
    degree: int

    model_config = {"populate_by_name": True}


class EdgeOut(BaseModel):
    id: str
    schema_: str = Field(alias="schema")
    label: str
    source: str
    target: str
    start: str | None
    end: str | None
    evidence: int
    tlp: str

    model_config = {"populate_by_name": True}


class NetworkOut(BaseModel):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    years: tuple[int, int] | None


class NameHitOut(BaseModel):
    id: str
    schema_: str = Field(alias="schema")
    name: str
    caption: str

    model_config = {"populate_by_name": True}


class DocumentHitOut(BaseModel):
    id: str
    title: str | None
    snippet: str


class SearchOut(BaseModel):
    query: str
    entities: list[NameHitOut]
    documents: list[DocumentHitOut]


class JudgementOut(BaseModel):
    id: str
    left_id: str
    right_id: str
    left: str
    right: str
    verdict: str
    author: str
    reason: str | None
    score: float | None
    created_at: datetime
    reverted_at: datetime | None
    reverted_by: str | None


class ChangeOut(BaseModel):
    retraction: RetractionOut
    replacement: StatementOut | None


class Me(BaseModel):
    user: str | None
    org: str
    role: str
    clearance: str
    groups: list[str]
    may_write: bool
    tlp_levels: list[str]


class AuditOut(BaseModel):
    seq: int
    at: str
    actor: str
    action: str
    objects: list[str]
    details: dict[str, object]
