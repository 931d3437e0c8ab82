"""The network of groups and people: who leads, joins, splits from, works with or fights whom,
with each link's time bounds, for a graph with a time slider.

Only relations between actors are drawn (claims and attributions link actors to events, which
the events page shows). Ends are read under their canonical ids, so a merged group is one node.
"""

from __future__ import annotations

from overhorizon.model.model import load_model
from overhorizon.model.statement import TLP_LEVELS
from overhorizon.web.models import EdgeOut, NetworkOut, NodeOut
from overhorizon.web.reviewed import ReviewedStore

ACTORS = ("ArmedGroup", "Person", "Organisation", "GovernmentBody", "MediaOutlet")


def actor_relations() -> list[str]:
    """Relation types whose both ends are actors."""
    model = load_model()

    def actor(types: tuple[str, ...]) -> bool:
        return any(model[a].is_a(t) or model[t].is_a(a) for a in ACTORS for t in types)

    return sorted(
        s.name
        for s in model
        if not s.abstract and s.edge is not None and actor(s.edge.source) and actor(s.edge.target)
    )


def _year(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None


def network(store: ReviewedStore, limit: int = 400) -> NetworkOut:
    """Actors and the links between them, the best-connected ``limit`` actors at most."""
    model = load_model()
    rels = store.entities(store.entity_ids(actor_relations()))
    ends = [e for r in rels for e in (r.first("source"), r.first("target")) if e]
    canonical = store.canonical_ids(ends)
    edges: dict[tuple[str, str, str], EdgeOut] = {}
    degree: dict[str, int] = {}
    for rel in rels:
        source, target = rel.first("source"), rel.first("target")
        if source is None or target is None:
            continue
        source, target = canonical.get(source, source), canonical.get(target, target)
        if source == target:
            continue
        key = (rel.schema, source, target)
        documents = {s.document_id for s in rel.statements if s.document_id}
        if key in edges:
            edges[key].evidence += len(documents)
            continue
        edge = model[rel.schema].edge
        assert edge is not None
        tlps = sorted({s.tlp for s in rel.statements}, key=_tlp_order)
        edges[key] = EdgeOut(
            id=rel.id,
            schema=rel.schema,
            label=edge.phrase,
            source=source,
            target=target,
            start=rel.first("startDate"),
            end=rel.first("endDate"),
            evidence=max(1, len(documents)),
            tlp=tlps[-1] if tlps else "clear",
        )
        for end in (source, target):
            degree[end] = degree.get(end, 0) + 1
    kept = sorted(degree, key=lambda i: (-degree[i], i))[:limit]
    found = {e.id: e for e in store.entities(kept)}
    nodes = [
        NodeOut(id=i, schema=found[i].schema, caption=found[i].caption, degree=degree[i])
        for i in kept
        if i in found
    ]
    present = {n.id for n in nodes}
    shown = [e for e in edges.values() if e.source in present and e.target in present]
    years = [y for e in shown for y in (_year(e.start), _year(e.end)) if y is not None]
    return NetworkOut(
        nodes=nodes,
        edges=shown,
        years=(min(years), max(years)) if years else None,
    )


def _tlp_order(level: str) -> int:
    return TLP_LEVELS.index(level) if level in TLP_LEVELS else 0
