"""An analyst's corrections: reject an extraction, correct its value, or mark it anew, each
undoable. See ``reviewed`` for how a retraction is stored and read.

Every change is written through the reader's store (so it is theirs, checked against their
role and clearance, and in the audit log): the replacement is an analyst statement with the
withdrawn statement's entity, property, document and span, so it stays linked to the source
sentence; the retraction is written in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from overhorizon.errors import InvalidValueError, NotFoundError, ResolutionError
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement, utcnow
from overhorizon.policy.clearance import raise_to, tlp_rank
from overhorizon.store import SQLStore
from overhorizon.web.lookup import find_statement, find_statements
from overhorizon.web.reviewed import RETRACTED, Retraction, ReviewedStore, retraction_value

MAX_REASON = 500


def analyst_label(store: SQLStore) -> str:
    """``analyst:NAME`` of the user writing through ``store`` (the local operator is
    ``analyst:operator``)."""
    return (
        f"analyst:{store.author.user}" if store.author and store.author.user else "analyst:operator"
    )


@dataclass(frozen=True, slots=True)
class Change:
    retraction: Retraction
    replacement: Statement | None


def _target(store: SQLStore, statement_id: str) -> Statement:
    stmt = find_statement(store, statement_id)
    if stmt is None or stmt.prop == RETRACTED:
        raise NotFoundError(f"no statement {statement_id!r}")
    if ReviewedStore(store).retractions([stmt.entity_id]).get(stmt.id) is not None:
        raise ResolutionError(f"statement {statement_id} is already retracted; undo that first")
    return stmt


def _reason(reason: str | None) -> str | None:
    if reason is None or not reason.strip():
        return None
    return " ".join(reason.split())[:MAX_REASON]


def _retraction(
    store: SQLStore,
    stmt: Statement,
    replacement: Statement | None,
    reason: str | None,
    marking: tuple[str, frozenset[str]] | None = None,
) -> Statement:
    """The retraction of ``stmt``, at its marking (or ``marking``: a correction's retraction
    is seen only by those who also see the corrected value, so nobody loses the figure
    without getting its replacement)."""
    tlp, groups = marking or (stmt.tlp, stmt.groups)
    now = utcnow()
    return Statement(
        entity_id=stmt.entity_id,
        schema=stmt.schema,
        prop=RETRACTED,
        value=retraction_value(stmt.id, replacement.id if replacement else None, reason),
        origin=analyst_label(store),
        document_id=stmt.document_id,
        span_start=stmt.span_start,
        span_end=stmt.span_end,
        reliability=stmt.reliability,
        tlp=tlp,
        groups=groups,
        first_seen=now,
        last_seen=now,
    )


def _write(
    store: SQLStore,
    stmt: Statement,
    replacement: Statement | None,
    reason: str | None,
    marking: tuple[str, frozenset[str]] | None = None,
) -> Change:
    record = _retraction(store, stmt, replacement, _reason(reason), marking)
    with store.writer() as writer:
        if replacement is not None:
            writer.add_statements([replacement])
        writer.add_statements([record])
    parsed = Retraction.parse(record)
    assert parsed is not None
    return Change(parsed, replacement)


def _copy(
    store: SQLStore, stmt: Statement, value: str, tlp: str, groups: frozenset[str]
) -> Statement:
    """The analyst's own statement of ``stmt``'s fact, with its value and marking."""
    now = utcnow()
    return replace(
        stmt,
        value=value,
        origin=analyst_label(store),
        confidence=1.0,
        tlp=tlp,
        groups=groups,
        first_seen=now,
        last_seen=now,
    )


def reject(store: SQLStore, statement_id: str, reason: str | None = None) -> Change:
    """Withdraw a statement: it no longer counts anywhere in the workspace."""
    return _write(store, _target(store, statement_id), None, reason)


def correct(
    store: SQLStore,
    statement_id: str,
    value: str,
    reason: str | None = None,
    *,
    tlp: str | None = None,
    groups: frozenset[str] | None = None,
) -> Change:
    """Replace a statement's value with the analyst's reading of the same sentence."""
    stmt = _target(store, statement_id)
    spec = load_model()[stmt.schema]
    clean = spec.get(stmt.prop).clean(value)
    if clean == stmt.value and tlp is None and groups is None:
        raise InvalidValueError(f"{stmt.prop} is already {clean!r}")
    marking = _marking(stmt, tlp, groups)
    replacement = _copy(store, stmt, clean, *marking)
    both = raise_to(stmt.tlp, stmt.groups, *marking)
    return _write(store, stmt, replacement, reason, both)


def _marking(
    stmt: Statement, tlp: str | None, groups: frozenset[str] | None
) -> tuple[str, frozenset[str]]:
    level = stmt.tlp if tlp is None else tlp
    tlp_rank(level)
    return level, stmt.groups if groups is None else groups


def remark(
    store: SQLStore,
    statement_ids: list[str],
    tlp: str,
    groups: frozenset[str] = frozenset(),
    reason: str | None = None,
) -> list[Change]:
    """Put statements under another marking: each is replaced by an analyst copy at the new
    marking (and withdrawn at its old one), in one transaction."""
    tlp_rank(tlp)
    found = find_statements(store, statement_ids)
    missing = [i for i in statement_ids if i not in found or found[i].prop == RETRACTED]
    if missing:
        raise NotFoundError(f"no statement {missing[0]!r}")
    reviewed = ReviewedStore(store)
    withdrawn = reviewed.retractions({s.entity_id for s in found.values()})
    label = analyst_label(store)
    changes = []
    for stmt in found.values():
        if stmt.id in withdrawn:
            raise ResolutionError(f"statement {stmt.id} is already retracted; undo that first")
        if stmt.origin == label:
            raise ResolutionError(
                f"statement {stmt.id} is your own; undo it and write it again at the new marking"
            )
        copy = _copy(store, stmt, stmt.value, tlp, groups)
        record = _retraction(store, stmt, copy, _reason(reason) or f"marked TLP:{tlp.upper()}")
        parsed = Retraction.parse(record)
        assert parsed is not None
        changes.append(Change(parsed, copy))
    with store.writer() as writer:
        writer.add_statements([c.replacement for c in changes if c.replacement is not None])
        writer.add_statements([c.retraction.record for c in changes])
    return changes


def undo(store: SQLStore, retraction_id: str) -> Retraction:
    """Delete a retraction and its replacement: the withdrawn statement counts again."""
    record = find_statement(store, retraction_id)
    parsed = Retraction.parse(record) if record is not None else None
    if parsed is None:
        raise NotFoundError(f"no retraction {retraction_id!r}")
    ids = [parsed.id, *([parsed.replacement] if parsed.replacement else [])]
    with store.writer() as writer:
        removed = writer.delete_statements(ids)
        if removed == 0:
            raise NotFoundError(f"no retraction {retraction_id!r}")
    return parsed
