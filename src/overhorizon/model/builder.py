"""Make valid statements: every value is checked against the schema before it is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from overhorizon.errors import InvalidValueError
from overhorizon.model.document import Document
from overhorizon.model.model import Model, load_model
from overhorizon.model.statement import Statement, make_id
from overhorizon.model.types import name_key

_PREFIX = {
    "ArmedGroup": "grp",
    "Faction": "grp",
    "Person": "per",
    "GovernmentBody": "gov",
    "Organisation": "org",
    "MediaOutlet": "med",
    "FinancialChannel": "fin",
    "Place": "plc",
}


def entity_id(schema: str, *key_parts: str) -> str:
    """A deterministic id for an entity of ``schema`` identified by ``key_parts``.

    Names are reduced to their lookup key first, so "ISIS-K" and "Isis K" give one id; which
    different names denote the same entity is decided by resolution, not here.
    """
    model = load_model()
    prefix = next((_PREFIX[a] for a in model[schema].ancestors if a in _PREFIX), None)
    if prefix is None:
        prefix = "rel" if model[schema].is_relation else "evt"
    return f"{prefix}-{make_id(model[schema].name, *(name_key(p) or p for p in key_parts))}"


def relation_id(schema: str, source: str, target: str) -> str:
    """The id of a relation; symmetric relations get one id whichever way round."""
    spec = load_model()[schema]
    if spec.edge is not None and spec.edge.symmetric:
        source, target = sorted((source, target))
    return f"rel-{make_id(spec.name, source, target)}"


@dataclass
class StatementFactory:
    """Builds statements sharing an origin, a document and markings."""

    origin: str
    document: Document | None = None
    reliability: str = "F"
    tlp: str = "clear"
    groups: frozenset[str] = frozenset()
    model: Model = field(default_factory=load_model)

    def __post_init__(self) -> None:
        if self.document is not None:
            self.reliability = self.document.reliability
            self.tlp = self.document.tlp
            self.groups = self.document.groups

    def make(
        self,
        entity_id: str,
        schema: str,
        prop: str,
        value: str | int | float,
        *,
        span: tuple[int, int] | None = None,
        confidence: float = 1.0,
        asserted_by: str | None = None,
    ) -> Statement:
        """One statement; raises InvalidValueError or UnknownPropertyError when it does not fit."""
        spec = self.model[schema]
        if spec.abstract:
            raise InvalidValueError(f"{schema} is abstract; use one of its concrete types")
        clean = spec.get(prop).clean(str(value))
        return Statement(
            entity_id=entity_id,
            schema=spec.name,
            prop=prop,
            value=clean,
            origin=self.origin,
            document_id=self.document.id if self.document is not None else None,
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
            confidence=confidence,
            reliability=self.reliability,
            asserted_by=asserted_by,
            tlp=self.tlp,
            groups=self.groups,
        )

    def relation(
        self,
        schema: str,
        source: str,
        target: str,
        *,
        span: tuple[int, int] | None = None,
        confidence: float = 1.0,
        asserted_by: str | None = None,
        **props: str,
    ) -> list[Statement]:
        """The statements of one relation: its two ends and any further properties."""
        rid = relation_id(schema, source, target)
        values = {"source": source, "target": target, **props}
        return [
            self.make(
                rid, schema, prop, value, span=span, confidence=confidence, asserted_by=asserted_by
            )
            for prop, value in values.items()
        ]
