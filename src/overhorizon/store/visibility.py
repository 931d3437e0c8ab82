"""The visibility filter in SQL: the one place that decides which rows a reader may see.

Every read of ``SQLStore`` adds these predicates to its query, so what is hidden is never
fetched, counted, ranked or used to choose a headline. The rules (see ``docs/access-control.md``
and ``overhorizon.policy.clearance.may_read``):

- a row's markings: its TLP at or below the clearance, every need-to-know group held,
  AMBER+STRICT and RED only inside the owning organisation, and what another organisation owns
  under the reader's organisation's ceiling;
- a statement taken from a document is visible only while that document is (the document is
  its parent: a statement must not carry a sentence out of a report the reader may not open);
- an entity exists for the reader through its visible statements of its own (not references);
- a statement whose value refers to an entity is visible only while that entity exists;
- a relation's statements are visible only while both of its ends exist.

A scope may hold several viewers (a user exporting for a partner): a row must pass them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    cast,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB

from overhorizon.model.model import load_model
from overhorizon.policy.clearance import STRICT_LEVELS, Viewer, levels_up_to
from overhorizon.store.tables import document_copies, documents, statements

NO_GROUPS = "[]"


def reference_props() -> frozenset[str]:
    """Properties whose values are entity ids."""
    return frozenset(
        p.name for s in load_model() for p in s.properties.values() if p.type == "entity"
    )


def relation_schemata() -> frozenset[str]:
    return frozenset(s.name for s in load_model() if s.is_relation)


class Scope:
    """Who reads through a store: nobody in particular (the local operator, who sees all) or
    the intersection of one or more viewers."""

    def __init__(self, viewers: Sequence[Viewer], dialect: str) -> None:
        self.viewers = tuple(viewers)
        self.dialect = dialect
        self.refs = reference_props()
        self.relations = relation_schemata()
        self._memo: dict[tuple[str, int], ColumnElement[bool]] = {}

    def _kept(
        self, rule: str, table: Any, make: Callable[[], ColumnElement[bool]]
    ) -> ColumnElement[bool]:
        """Build a predicate once per table: they are large, and immutable once built."""
        key = (rule, id(table))
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    @property
    def unrestricted(self) -> bool:
        return not self.viewers

    def with_viewer(self, viewer: Viewer) -> Scope:
        return Scope((*self.viewers, viewer), self.dialect)

    def _groups_within(self, column: Any, allowed: frozenset[str]) -> ColumnElement[bool]:
        """Every group named in the JSON list ``column`` is one of ``allowed``."""
        empty: ColumnElement[bool] = column == NO_GROUPS
        if not allowed:
            return empty
        if self.dialect == "postgresql":
            items = func.jsonb_array_elements_text(cast(column, JSONB)).table_valued("value")
        else:
            items = func.json_each(column).table_valued("value")
        outside = select(literal(1)).select_from(items).where(items.c.value.not_in(sorted(allowed)))
        return or_(empty, not_(exists(outside)))

    def _viewer_marking(self, viewer: Viewer, table: Any) -> ColumnElement[bool]:
        cleared = levels_up_to(viewer.clearance)
        shared = [level for level in cleared if level not in STRICT_LEVELS]
        strict = [level for level in cleared if level in STRICT_LEVELS]
        own = table.c.org == viewer.org
        tlp = (
            or_(table.c.tlp.in_(shared), and_(table.c.tlp.in_(strict), own))
            if strict
            else (table.c.tlp.in_(shared))
        )
        clause = and_(tlp, self._groups_within(table.c.groups, viewer.groups))
        if viewer.cap is not None:
            ceiling = and_(
                table.c.tlp.in_(levels_up_to(viewer.cap.tlp)),
                self._groups_within(table.c.groups, viewer.cap.groups),
            )
            clause = and_(clause, or_(own, ceiling))
        return clause

    def marking(self, table: Any) -> ColumnElement[bool]:
        """A row of ``statements``, ``documents`` or ``document_copies`` (or an alias) whose
        markings every viewer may read."""
        if self.unrestricted:
            return true()
        return self._kept(
            "marking", table, lambda: and_(*(self._viewer_marking(v, table) for v in self.viewers))
        )

    def document(self, document_id: Any) -> ColumnElement[bool]:
        """The document with id ``document_id`` is visible through its own row or a copy."""
        if self.unrestricted:
            return true()
        d = documents.alias()
        c = document_copies.alias()
        return or_(
            exists(select(literal(1)).where(d.c.id == document_id, self.marking(d))),
            exists(select(literal(1)).where(c.c.document_id == document_id, self.marking(c))),
        )

    def document_row(self, table: Any) -> ColumnElement[bool]:
        """A row of ``documents`` (or an alias) is visible, itself or through a copy."""
        if self.unrestricted:
            return true()
        c = document_copies.alias()
        return self._kept(
            "document_row",
            table,
            lambda: or_(
                self.marking(table),
                exists(select(literal(1)).where(c.c.document_id == table.c.id, self.marking(c))),
            ),
        )

    def base(self, table: Any) -> ColumnElement[bool]:
        """A statement's own markings, and its source document's."""
        if self.unrestricted:
            return true()
        return self._kept(
            "base",
            table,
            lambda: and_(
                self.marking(table),
                or_(table.c.document_id.is_(None), self.document(table.c.document_id)),
            ),
        )

    def entity_exists(self, entity_id: Any) -> ColumnElement[bool]:
        """The entity ``entity_id`` has a visible statement of its own (not a reference)."""
        if self.unrestricted:
            return true()
        s = statements.alias()
        return exists(
            select(literal(1)).where(
                s.c.entity_id == entity_id,
                s.c.prop.not_in(sorted(self.refs)),
                self.base(s),
            )
        )

    def _end(self, relation_id: Any, prop: str) -> ColumnElement[bool]:
        e = statements.alias()
        return exists(
            select(literal(1)).where(
                e.c.entity_id == relation_id,
                e.c.prop == prop,
                self.base(e),
                self.entity_exists(e.c.value),
            )
        )

    def statement(self, table: Any) -> ColumnElement[bool]:
        """The whole rule for one statement: markings, document, referenced entity, and for a
        relation both of its ends."""
        if self.unrestricted:
            return true()
        return self._kept("statement", table, lambda: self._statement(table))

    def _statement(self, table: Any) -> ColumnElement[bool]:
        refs = sorted(self.refs)
        return and_(
            self.base(table),
            or_(table.c.prop.not_in(refs), self.entity_exists(table.c.value)),
            or_(
                table.c.schema.not_in(sorted(self.relations)),
                and_(
                    self._end(table.c.entity_id, "source"), self._end(table.c.entity_id, "target")
                ),
            ),
        )

    def own(self, table: Any) -> ColumnElement[bool]:
        """A visible statement that makes its entity exist (see ``entity_exists``)."""
        if self.unrestricted:
            return true()
        return self._kept(
            "own", table, lambda: and_(table.c.prop.not_in(sorted(self.refs)), self.base(table))
        )
