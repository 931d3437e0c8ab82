"""Judgements and the clusters they form, kept in the database next to the statements.

A cluster is a connected component of active "same" judgements. Its canonical id is the
smallest member id that carries curated statements (an analyst's or a reference import's),
else the smallest member id, so it does not depend on the order of the judgements. The
``resolver`` table holds every member of a cluster of two or more with its canonical id and
is rewritten for the touched clusters in the same transaction as the judgement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, or_, select, update

from overhorizon.errors import JudgementConflictError, NotFoundError, ResolutionError
from overhorizon.model.statement import utcnow
from overhorizon.store.base import Judgement
from overhorizon.store.tables import judgements, resolver, statements

CURATED = ("analyst:", "import:")
_BATCH = 500


def canonical_ids(conn: Connection, entity_ids: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    ids = list(dict.fromkeys(entity_ids))
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        sql = select(resolver.c.entity_id, resolver.c.canonical_id).where(
            resolver.c.entity_id.in_(chunk)
        )
        found.update((row.entity_id, row.canonical_id) for row in conn.execute(sql))
    return {i: found.get(i, i) for i in ids}


def widen(conn: Connection, entity_ids: Sequence[str]) -> list[str]:
    """The ids and every other member of their clusters."""
    canonical = set(canonical_ids(conn, entity_ids).values())
    wider = dict.fromkeys(entity_ids)
    roots = sorted(canonical)
    for start in range(0, len(roots), _BATCH):
        sql = select(resolver.c.entity_id).where(
            resolver.c.canonical_id.in_(roots[start : start + _BATCH])
        )
        wider.update(dict.fromkeys(conn.execute(sql).scalars()))
    return list(wider)


def members(conn: Connection, entity_id: str) -> list[str]:
    return sorted(widen(conn, [entity_id]))


def judgement_from_row(row: Any) -> Judgement:
    return Judgement(
        id=row["id"],
        left_id=row["left_id"],
        right_id=row["right_id"],
        verdict=row["verdict"],
        author=row["author"],
        reason=row["reason"],
        score=row["score"],
        created_at=_aware(row["created_at"]),
        reverted_at=_aware(row["reverted_at"]) if row["reverted_at"] else None,
        reverted_by=row["reverted_by"],
    )


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def list_judgements(
    conn: Connection, entity_ids: Sequence[str] | None, active: bool | None
) -> list[Judgement]:
    sql = select(judgements)
    if entity_ids is not None:
        ids = widen(conn, entity_ids)
        sql = sql.where(or_(judgements.c.left_id.in_(ids), judgements.c.right_id.in_(ids)))
    if active is True:
        sql = sql.where(judgements.c.reverted_at.is_(None))
    elif active is False:
        sql = sql.where(judgements.c.reverted_at.is_not(None))
    sql = sql.order_by(judgements.c.created_at, judgements.c.id)
    return [judgement_from_row(row._mapping) for row in conn.execute(sql)]


def get(conn: Connection, judgement_id: str) -> Judgement | None:
    row = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
    return judgement_from_row(row._mapping) if row is not None else None


def _component(conn: Connection, start: str) -> set[str]:
    """Ids joined to ``start`` by active "same" judgements."""
    seen = {start}
    frontier = [start]
    while frontier:
        sql = select(judgements.c.left_id, judgements.c.right_id).where(
            judgements.c.verdict == "same",
            judgements.c.reverted_at.is_(None),
            or_(judgements.c.left_id.in_(frontier), judgements.c.right_id.in_(frontier)),
        )
        found = {i for row in conn.execute(sql) for i in row} - seen
        seen |= found
        frontier = sorted(found)
    return seen


def _blocking(conn: Connection, left: set[str], right: set[str]) -> Judgement | None:
    """An active "not_same" between a member of ``left`` and a member of ``right``."""
    a, b = sorted(left), sorted(right)
    sql = select(judgements).where(
        judgements.c.verdict == "not_same",
        judgements.c.reverted_at.is_(None),
        or_(
            and_(judgements.c.left_id.in_(a), judgements.c.right_id.in_(b)),
            and_(judgements.c.left_id.in_(b), judgements.c.right_id.in_(a)),
        ),
    )
    row = conn.execute(sql).first()
    return judgement_from_row(row._mapping) if row is not None else None


def _canonical(conn: Connection, component: Iterable[str]) -> str:
    ids = sorted(component)
    curated = conn.execute(
        select(statements.c.entity_id)
        .where(
            statements.c.entity_id.in_(ids),
            or_(*(statements.c.origin.startswith(p) for p in CURATED)),
        )
        .order_by(statements.c.entity_id)
        .limit(1)
    ).scalar()
    return curated or ids[0]


def _refresh(conn: Connection, ids: Iterable[str]) -> None:
    """Rewrite the resolver rows of the clusters holding ``ids``, before and after a change."""
    touched = set(ids)
    old_roots = set(canonical_ids(conn, sorted(touched)).values())
    for start in range(0, len(old_roots), _BATCH):
        roots = sorted(old_roots)[start : start + _BATCH]
        touched.update(
            conn.execute(
                select(resolver.c.entity_id).where(resolver.c.canonical_id.in_(roots))
            ).scalars()
        )
        conn.execute(resolver.delete().where(resolver.c.canonical_id.in_(roots)))
    done: set[str] = set()
    for entity_id in sorted(touched):
        if entity_id in done:
            continue
        component = _component(conn, entity_id)
        done |= component
        if len(component) < 2:
            continue
        root = _canonical(conn, component)
        conn.execute(
            resolver.insert(),
            [{"entity_id": m, "canonical_id": root} for m in sorted(component)],
        )


def add(conn: Connection, judgement: Judgement) -> Judgement:
    left = _component(conn, judgement.left_id)
    if judgement.verdict == "same" and judgement.right_id not in left:
        right = _component(conn, judgement.right_id)
        blocker = _blocking(conn, left, right)
        if blocker is not None:
            raise JudgementConflictError(
                f"{blocker.author} judged {blocker.left_id} and {blocker.right_id} not the same "
                f"({blocker.id}); undo that judgement before merging"
            )
    if judgement.verdict == "not_same" and judgement.right_id in left:
        raise JudgementConflictError(
            f"{judgement.left_id} and {judgement.right_id} are merged; split or undo the "
            "merge before judging them different"
        )
    conn.execute(
        judgements.insert().values(
            id=judgement.id,
            left_id=judgement.left_id,
            right_id=judgement.right_id,
            verdict=judgement.verdict,
            author=judgement.author,
            reason=judgement.reason,
            score=judgement.score,
            created_at=judgement.created_at,
            reverted_at=judgement.reverted_at,
            reverted_by=judgement.reverted_by,
        )
    )
    if judgement.verdict == "same":
        _refresh(conn, [judgement.left_id, judgement.right_id])
    return judgement


def revert(conn: Connection, judgement_id: str, by: str) -> Judgement:
    found = get(conn, judgement_id)
    if found is None:
        raise NotFoundError(f"no judgement {judgement_id!r}")
    if not found.active:
        raise ResolutionError(f"judgement {judgement_id} was already undone by {found.reverted_by}")
    now = utcnow()
    conn.execute(
        update(judgements)
        .where(judgements.c.id == judgement_id)
        .values(reverted_at=now, reverted_by=by)
    )
    if found.verdict == "same":
        _refresh(conn, [found.left_id, found.right_id])
    undone = get(conn, judgement_id)
    assert undone is not None
    return undone
