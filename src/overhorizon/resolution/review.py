"""A resolution run over the store, and the queue of candidates it leaves for an analyst.

``run`` compares the names of people and groups (through the blocking index) and the attack
records (through the date blocks), records a "same" judgement by ``resolver:names@1`` or
``resolver:events@1`` for every pair at MATCH or above, and an "unsure" one (the review
queue) for every pair between POSSIBLE and MATCH. A pair that was ever judged, by anyone, is
left alone: an analyst's undo is never overridden by the next run, and a "same" that an
active "not_same" blocks is counted as blocked, not forced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from overhorizon.errors import JudgementConflictError, NotFoundError, ResolutionError
from overhorizon.model.entity import Entity
from overhorizon.model.model import load_model
from overhorizon.resolution.events import AUTHOR as EVENTS_AUTHOR
from overhorizon.resolution.events import EventRecord, judge
from overhorizon.resolution.index import NameIndex
from overhorizon.resolution.judgements import analyst
from overhorizon.resolution.names import MATCH, POSSIBLE
from overhorizon.resolution.normalize import GROUP, PERSON
from overhorizon.store.base import Judgement, StatementQuery, Store

NAMES_AUTHOR = "resolver:names@1"
FAMILIES = ("Person", "ArmedGroup", "Organisation", "MediaOutlet", "GovernmentBody")
"""Entities are compared only within one of these types (and its subtypes)."""


@dataclass
class RunReport:
    merged: list[Judgement] = field(default_factory=list)
    queued: list[Judgement] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    """Pairs a "not_same" judgement kept apart."""
    compared: int = 0


def _judged_pairs(store: Store) -> set[frozenset[str]]:
    return {frozenset((j.left_id, j.right_id)) for j in store.judgements()}


def _record(
    store: Store, report: RunReport, judged: set[frozenset[str]], judgement: Judgement
) -> None:
    pair = frozenset((judgement.left_id, judgement.right_id))
    if pair in judged:
        return
    judged.add(pair)
    try:
        with store.writer() as writer:
            writer.add_judgement(judgement)
    except JudgementConflictError as exc:
        report.blocked.append(exc.message)
        return
    (report.merged if judgement.verdict == "same" else report.queued).append(judgement)


def _verdict(score: float) -> str | None:
    if score >= MATCH:
        return "same"
    return "unsure" if score >= POSSIBLE else None


def resolve_names(store: Store, report: RunReport) -> None:
    model = load_model()
    judged = _judged_pairs(store)
    for family in FAMILIES:
        schemata = [s.name for s in model.descendants(family)]
        names: dict[str, set[str]] = defaultdict(set)
        statements = store.statements(StatementQuery(schemata=schemata, props=["name", "alias"]))
        owners = {}
        for stmt in statements:
            names[stmt.entity_id].add(stmt.value)
        owners = store.canonical_ids(sorted(names))
        index = NameIndex(PERSON if family == "Person" else GROUP)
        for entity_id, values in names.items():
            for value in sorted(values):
                index.add(value, owners[entity_id])
        best: dict[frozenset[str], tuple[float, str, str, str]] = {}
        for first, second, result in index.pairs(POSSIBLE):
            report.compared += 1
            a, b = index.owners[first], index.owners[second]
            if a == b:
                continue
            pair = frozenset((a, b))
            if result.score > best.get(pair, (0.0, "", "", ""))[0]:
                best[pair] = (
                    result.score,
                    a,
                    b,
                    f"{result.left} ~ {result.right}: {result.explanation}",
                )
        for score, a, b, why in sorted(best.values(), key=lambda v: (-v[0], v[1], v[2])):
            verdict = _verdict(score)
            if verdict is not None:
                left, right = sorted((a, b))
                _record(
                    store,
                    report,
                    judged,
                    Judgement(left, right, verdict, NAMES_AUTHOR, why[:2000], score),
                )


def _links(store: Store, ids: list[str], props: list[str]) -> Iterator[tuple[Entity, str, str]]:
    """Relations with ``ids`` at one of their ``props`` ends, each with its source and target
    read under their canonical ids."""
    links = store.statements(StatementQuery(props=props, values=ids))
    relations = store.entities(sorted({s.entity_id for s in links}))
    ends = [e for rel in relations for e in (rel.first("source"), rel.first("target")) if e]
    canonical = store.canonical_ids(ends)
    for rel in relations:
        source, target = rel.first("source"), rel.first("target")
        if source is not None and target is not None:
            yield rel, canonical[source], canonical[target]


def event_records(store: Store) -> list[EventRecord]:
    """Every attack (one per cluster) with its claimed or attributed perpetrators, each with
    the group it is a branch of (a report naming the parent is compatible with one naming the
    branch)."""
    ids = store.entity_ids(["Attack"])
    perpetrators: dict[str, set[str]] = defaultdict(set)
    for rel, source, target in _links(store, ids, ["source", "target"]):
        if rel.schema == "Claimed":
            perpetrators[target].add(source)
        elif rel.schema == "AttributedTo" and rel.first("certainty") != "suspected":
            perpetrators[source].add(target)
    groups = sorted({g for named in perpetrators.values() for g in named})
    parents: dict[str, set[str]] = defaultdict(set)
    for rel, source, target in _links(store, groups, ["source"]) if groups else ():
        if rel.schema == "BranchOf":
            parents[source].add(target)
    for named in perpetrators.values():
        named.update(p for g in list(named) for p in parents.get(g, ()))
    published: dict[str, date | None] = {}
    records = []
    for entity in store.entities(ids):
        for doc in {s.document_id for s in entity.statements if s.document_id}:
            if doc not in published:
                found = store.get_document(doc)
                published[doc] = found.published if found else None
        days = [published[s.document_id] for s in entity.statements if s.document_id]
        known = [d for d in days if d is not None]
        records.append(
            EventRecord.from_entity(
                entity, frozenset(perpetrators.get(entity.id, ())), min(known) if known else None
            )
        )
    return records


def resolve_events(store: Store, report: RunReport) -> None:
    judged = _judged_pairs(store)
    for match in judge(event_records(store)):
        report.compared += 1
        verdict = _verdict(match.score)
        if verdict is not None:
            left, right = sorted((match.left, match.right))
            judgement = Judgement(
                left, right, verdict, EVENTS_AUTHOR, match.explanation, match.score
            )
            _record(store, report, judged, judgement)


def run(store: Store, *, names: bool = True, events: bool = True) -> RunReport:
    """Compare, merge what matches, queue what might; see the module docstring."""
    report = RunReport()
    if names:
        resolve_names(store, report)
    if events:
        resolve_events(store, report)
    return report


def queue(store: Store) -> list[Judgement]:
    """Candidates waiting for an analyst: active "unsure" judgements, the best first."""
    pending = [j for j in store.judgements(active=True) if j.verdict == "unsure"]
    return sorted(pending, key=lambda j: (-(j.score or 0.0), j.created_at, j.id))


def answer(
    store: Store, judgement_id: str, same: bool, author: str, reason: str | None = None
) -> Judgement:
    """Accept (same) or reject (not the same) a queued candidate."""
    pending = store.get_judgement(judgement_id)
    if pending is None:
        raise NotFoundError(f"no judgement {judgement_id!r}")
    if pending.verdict != "unsure" or not pending.active:
        raise ResolutionError(f"{judgement_id} is not waiting for review")
    who = analyst(author)
    why = reason or f"{'accepted' if same else 'rejected'} in review of {judgement_id}"
    verdict = "same" if same else "not_same"
    with store.writer() as writer:
        writer.revert_judgement(judgement_id, who)
        return writer.add_judgement(
            Judgement(pending.left_id, pending.right_id, verdict, who, why, pending.score)
        )
