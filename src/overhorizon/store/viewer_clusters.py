"""Clusters as one reader sees them: only ids that exist for the reader, joined only by
judgements between two such ids.

The shared ``resolver`` table is what the local operator sees. A reader who cannot see some
member of a cluster must not learn its id, nor that two ids they can see are linked only
through it, so their clusters are the connected components of the active "same" judgements
between visible ids, recomputed from the judgements of the clusters a read touches. The
canonical id follows the store's rule among visible statements: the smallest member with a
visible curated statement, else the smallest member. An id the reader cannot see answers as an
unknown id: it maps to itself and has no other members.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, or_, select

from overhorizon.store.clusters import CURATED
from overhorizon.store.tables import judgements, resolver, statements
from overhorizon.store.visibility import Scope

_BATCH = 500
_S = statements.alias("visible_s")
"""One alias for every query here, so the scope builds its predicate on it once."""


@dataclass
class ViewerClusters:
    canonical: dict[str, str] = field(default_factory=dict)
    """Each visible member of a cluster of two or more (as the reader sees it) -> its id."""
    members: dict[str, list[str]] = field(default_factory=dict)
    """Each such cluster's id -> its visible members, sorted."""

    def read_as(self, entity_id: str) -> str:
        return self.canonical.get(entity_id, entity_id)

    def widen(self, entity_ids: Sequence[str]) -> list[str]:
        wider = dict.fromkeys(entity_ids)
        for entity_id in entity_ids:
            wider.update(dict.fromkeys(self.members.get(self.read_as(entity_id), [])))
        return list(wider)


def _chunks(ids: Sequence[str]) -> list[list[str]]:
    items = list(ids)
    return [items[i : i + _BATCH] for i in range(0, len(items), _BATCH)]


def visible_ids(
    conn: Connection, scope: Scope, ids: Sequence[str], *, curated: bool = False
) -> set[str]:
    """The ids among ``ids`` that exist for the reader (with a curated statement, if asked)."""
    s = _S
    found: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        sql = select(s.c.entity_id).where(s.c.entity_id.in_(chunk), scope.own(s)).distinct()
        if curated:
            sql = sql.where(or_(*(s.c.origin.startswith(p) for p in CURATED)))
        found.update(conn.execute(sql).scalars())
    return found


def _cluster_rows(conn: Connection, ids: Sequence[str] | None) -> dict[str, list[str]]:
    """The shared clusters touching ``ids`` (all when None): root -> members."""
    rows: list[tuple[str, str]] = []
    if ids is None:
        rows = [(r.entity_id, r.canonical_id) for r in conn.execute(select(resolver))]
    else:
        roots: set[str] = set()
        for chunk in _chunks(ids):
            sql = select(resolver.c.canonical_id).where(resolver.c.entity_id.in_(chunk))
            roots.update(conn.execute(sql).scalars())
        for chunk in _chunks(sorted(roots)):
            sql = select(resolver).where(resolver.c.canonical_id.in_(chunk))
            rows += [(r.entity_id, r.canonical_id) for r in conn.execute(sql)]
    clusters: dict[str, list[str]] = {}
    for member, root in rows:
        clusters.setdefault(root, []).append(member)
    return clusters


def _links(conn: Connection, members: Sequence[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for chunk in _chunks(members):
        sql = select(judgements.c.left_id, judgements.c.right_id).where(
            judgements.c.verdict == "same",
            judgements.c.reverted_at.is_(None),
            judgements.c.left_id.in_(chunk),
        )
        found += [(r.left_id, r.right_id) for r in conn.execute(sql)]
    return found


def resolve(conn: Connection, scope: Scope, ids: Sequence[str] | None) -> ViewerClusters:
    """The reader's clusters among the shared clusters touching ``ids`` (all when None)."""
    clusters = _cluster_rows(conn, ids)
    everyone = sorted({m for members in clusters.values() for m in members})
    if not everyone:
        return ViewerClusters()
    visible = visible_ids(conn, scope, everyone)
    curated = visible_ids(conn, scope, sorted(visible), curated=True)
    parent = {m: m for m in visible}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for left, right in _links(conn, everyone):
        if left in visible and right in visible:
            a, b = root(left), root(right)
            if a != b:
                parent[max(a, b)] = min(a, b)
    components: dict[str, list[str]] = {}
    for member in sorted(visible):
        components.setdefault(root(member), []).append(member)
    result = ViewerClusters()
    for members in components.values():
        if len(members) < 2:
            continue
        chosen = next((m for m in members if m in curated), members[0])
        result.members[chosen] = members
        for member in members:
            result.canonical[member] = chosen
    return result
