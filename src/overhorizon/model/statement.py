"""The statement: one fact about one entity, with where it came from and who may see it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from overhorizon.errors import InvalidValueError

TLP_LEVELS: tuple[str, ...] = ("clear", "green", "amber", "amber+strict", "red")
"""TLP 2.0 labels, from the most to the least shareable."""

RELIABILITY: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
"""Admiralty source reliability: A completely reliable ... E unreliable, F cannot be judged."""


ORIGIN_TIERS: tuple[str, ...] = ("analyst:", "import:seed", "import:", "extractor:")
"""Origins by how much their naming is trusted: analysts, the curated seed, reference lists,
then automatic extraction."""


def origin_tier(origin: str) -> int:
    """0 for the most trusted kind of origin (see ORIGIN_TIERS); unknown kinds rank last."""
    return next((i for i, p in enumerate(ORIGIN_TIERS) if origin.startswith(p)), len(ORIGIN_TIERS))


def utcnow() -> datetime:
    """The current time in UTC, to the microsecond stored by both databases."""
    return datetime.now(UTC)


def make_id(*parts: str | int | None) -> str:
    """A short deterministic id from parts: the same parts always give the same id."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode())
    return digest.hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Statement:
    """One value of one property of one entity, as asserted by one origin in one place.

    Conflicting values (a toll of 115 and one of 145) are separate statements that live side
    by side; which one a view shows is the view's decision, never the store's.
    """

    entity_id: str
    schema: str
    """The entity's type as this statement asserts it, such as ArmedGroup."""
    prop: str
    value: str
    """The value's canonical text under the property's value type."""
    origin: str
    """Who asserted it: ``extractor:NAME@VERSION``, ``analyst:USER`` or ``import:SOURCE``."""
    document_id: str | None = None
    span_start: int | None = None
    """Character offsets of the sentence the fact was read from, in the document's text."""
    span_end: int | None = None
    confidence: float = 1.0
    reliability: str = "F"
    """Reliability of the source (Admiralty A-F), copied from the document or import."""
    asserted_by: str | None = None
    """Who the source says asserts the fact ("Taliban officials"); None: the source itself."""
    tlp: str = "clear"
    groups: frozenset[str] = frozenset()
    """Need-to-know groups a reader must belong to, on top of the TLP."""
    first_seen: datetime = field(default_factory=utcnow)
    last_seen: datetime = field(default_factory=utcnow)

    def __post_init__(self) -> None:
        if self.tlp not in TLP_LEVELS:
            raise InvalidValueError(f"{self.tlp!r} is not a TLP 2.0 label")
        if self.reliability not in RELIABILITY:
            raise InvalidValueError(f"{self.reliability!r} is not an Admiralty reliability grade")
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidValueError(f"confidence {self.confidence} is outside 0..1")
        if (self.span_start is None) != (self.span_end is None):
            raise InvalidValueError("a span needs both its start and its end")
        if self.span_start is not None and (
            self.document_id is None or not 0 <= self.span_start <= (self.span_end or 0)
        ):
            raise InvalidValueError("a span needs a document and start <= end")

    @property
    def id(self) -> str:
        """Deterministic: the same fact from the same place by the same origin is one row."""
        return make_id(
            self.entity_id,
            self.prop,
            self.value,
            self.document_id,
            self.span_start,
            self.span_end,
            self.origin,
            self.asserted_by,
        )

    def seen_again(self, when: datetime) -> Statement:
        return replace(self, last_seen=max(self.last_seen, when))
