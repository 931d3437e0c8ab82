"""The store as the workspace reads it: statements an analyst retracted are left out.

Nothing an extractor wrote is edited or deleted. An analyst who rejects a statement adds a
*retraction*: an analyst statement on the same entity, with the property ``retracted``, the
same document, span and marking as the statement it withdraws, and as value a small JSON
object naming that statement (``statement``), the analyst statement that replaces it, if any
(``replacement``: a corrected value or a copy at another marking), and the reason. Because a
retraction carries the withdrawn statement's document and marking, exactly the readers who
could see that statement see its retraction; undoing one deletes the retraction (and its
replacement), which brings the statement back.

``ReviewedStore`` wraps a reader's store and drops retracted statements and the retractions
themselves from every statement read, so profiles, events, the network and exports built on
it show the corrected picture.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from overhorizon.model.entity import Entity
from overhorizon.model.statement import Statement
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.store.base import Reference
from overhorizon.store.wrapped import WrappedStore

RETRACTED = "retracted"
"""The property of a retraction; not part of the ontology, and never shown as a fact."""


@dataclass(frozen=True, slots=True)
class Retraction:
    record: Statement
    """The retraction itself, as stored."""
    target: str
    """The id of the statement it withdraws."""
    replacement: str | None
    reason: str | None

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def author(self) -> str:
        return self.record.origin

    @classmethod
    def parse(cls, stmt: Statement) -> Retraction | None:
        if stmt.prop != RETRACTED:
            return None
        try:
            raw = json.loads(stmt.value)
        except ValueError:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("statement"), str):
            return None
        replacement = raw.get("replacement")
        reason = raw.get("reason")
        return cls(
            stmt,
            raw["statement"],
            replacement if isinstance(replacement, str) else None,
            reason if isinstance(reason, str) else None,
        )


def retraction_value(target: str, replacement: str | None, reason: str | None) -> str:
    body = {"statement": target, "replacement": replacement, "reason": reason}
    return json.dumps(body, sort_keys=True, ensure_ascii=False)


VALUES_BATCH = 5_000
"""Queries by many values are sent in pieces (a database takes only so many parameters)."""


class ReviewedStore(WrappedStore):
    """A reader's store with retracted statements left out; every other method delegates.

    With ``memo``, single entities are read once (the events table looks up each event's
    perpetrator, the same few groups over and over); use it only for one computation.
    """

    def __init__(
        self, inner: SQLStore, *, memo: bool = False, only: frozenset[str] | None = None
    ) -> None:
        super().__init__(inner)
        self.inner: SQLStore = inner
        self._memo: dict[str, Entity | None] | None = {} if memo else None
        self.only = only
        """When set, ``entity_ids`` lists only these (to recompute a few events)."""

    def entity(self, entity_id: str) -> Entity | None:
        if self._memo is None:
            return super().entity(entity_id)
        if entity_id not in self._memo:
            self._memo[entity_id] = super().entity(entity_id)
        return self._memo[entity_id]

    def retractions(self, entity_ids: Iterable[str]) -> dict[str, Retraction]:
        """Retractions on these entities (written under exactly these ids), by target id."""
        ids = sorted(set(entity_ids))
        if not ids:
            return {}
        query = StatementQuery(entity_ids=ids, props=[RETRACTED], resolved=False)
        found: dict[str, Retraction] = {}
        for stmt in self.inner.statements(query):
            parsed = Retraction.parse(stmt)
            if parsed is not None:
                found.setdefault(parsed.target, parsed)
        return found

    def references(self, entity_ids: Sequence[str], props: Sequence[str]) -> list[Reference]:
        found = self.inner.references(entity_ids, props)
        withdrawn = self.retractions(r.entity_id for r in found)
        return [r for r in found if r.statement_id not in withdrawn]

    def _read(self, query: StatementQuery | None) -> list[Statement]:
        if query is None or query.values is None or len(query.values) <= VALUES_BATCH:
            return list(self.inner.statements(query))
        values = list(query.values)
        found: list[Statement] = []
        for start in range(0, len(values), VALUES_BATCH):
            piece = replace(query, values=values[start : start + VALUES_BATCH])
            found.extend(self.inner.statements(piece))
        return found

    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]:
        rows = [s for s in self._read(query) if s.prop != RETRACTED]
        withdrawn = self.retractions(s.entity_id for s in rows)
        if not withdrawn:
            return iter(rows)
        return iter([s for s in rows if s.id not in withdrawn])

    def all_statements(self, query: StatementQuery) -> list[Statement]:
        """Statements with the retracted ones kept (for showing them struck through)."""
        return [s for s in self.inner.statements(query) if s.prop != RETRACTED]

    def entity_ids(
        self, schemata: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[str]:
        if self.only is None:
            return self.inner.entity_ids(schemata, limit, offset)
        found = [i for i in self.inner.entity_ids(schemata) if i in self.only]
        return found[offset : None if limit is None else offset + limit]
