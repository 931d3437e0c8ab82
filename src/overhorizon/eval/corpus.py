"""Whether resolution makes one event of each attack of the sample corpus, against gold labels
written by hand for its reports (the gold lists, for every attack, the reports that tell of it
and its date).

Each attack entity extracted from a report is labelled with the report's gold attack whose date
it carries: within DAY_TOLERANCE days for a date to the day, the same month for a background
mention dated only to the month, the same year for one dated only to the year; where that
leaves two attacks of the report, the one whose place it names (else none). Two reports of
one gold attack are *together* when some entity labelled with it in the first and one in the
second are read as one entity after resolution; two labelled entities of different gold
attacks read as one are a *wrong merge*.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from overhorizon.model.types import name_key
from overhorizon.store.base import StatementQuery, Store

DAY_TOLERANCE = 2


@dataclass
class CorpusPairs:
    together: int = 0
    """Pairs of reports of one gold attack found on one entity."""
    pairs: int = 0
    """Pairs of reports of one gold attack (of those dated to the day in the gold)."""
    apart: list[tuple[str, str, str]] = field(default_factory=list)
    """(gold attack, report, report) of each pair not together."""
    wrong: list[tuple[str, str]] = field(default_factory=list)
    """Pairs of gold attacks whose entities were merged into one."""


def _near(value: str, gold: date) -> bool:
    if len(value) == 4:
        return value == str(gold.year)
    if len(value) == 7:
        return value == gold.isoformat()[:7]
    if len(value) != 10:
        return False
    return abs((date.fromisoformat(value) - gold).days) <= DAY_TOLERANCE


def _attacks(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in truth["events"] if e["category"] == "attack" and isinstance(e["date"], date)]


def label_attacks(store: Store, truth: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(report file name, attack entity id as written) -> id of the gold attack it stands for."""
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for event in _attacks(truth):
        for report in event["reports"]:
            by_file[report["file"]].append(event)
    names: dict[str, str | None] = {}
    candidates: dict[tuple[str, str], set[str]] = defaultdict(set)
    places: dict[str, set[str]] = defaultdict(set)
    query = StatementQuery(schemata=["Attack"], props=["placeName"], resolved=False)
    for stmt in store.statements(query):
        places[stmt.entity_id].add(name_key(stmt.value))
    for stmt in store.statements(StatementQuery(schemata=["Attack"], props=["date"])):
        if stmt.document_id is None:
            continue
        if stmt.document_id not in names:
            document = store.get_document(stmt.document_id)
            source = document.source if document else None
            names[stmt.document_id] = Path(source).name if source else None
        name = names[stmt.document_id]
        if name is None:
            continue
        for event in by_file.get(name, ()):
            if _near(stmt.value, event["date"]):
                candidates[(name, stmt.entity_id)].add(str(event["id"]))
    place_of = {str(e["id"]): name_key(str(e.get("place") or "")) for e in _attacks(truth)}
    labels = {}
    for key, found in candidates.items():
        if len(found) > 1:
            found = {g for g in found if place_of[g] in places[key[1]]}
        if len(found) == 1:
            labels[key] = next(iter(found))
    return labels


def corpus_pairs(store: Store, truth: dict[str, Any]) -> CorpusPairs:
    labels = label_attacks(store, truth)
    canonical = store.canonical_ids(sorted({eid for _, eid in labels}))
    held: dict[tuple[str, str], set[str]] = defaultdict(set)
    gold_of: dict[str, set[str]] = defaultdict(set)
    for (name, eid), gold in labels.items():
        entity = canonical.get(eid, eid)
        held[(gold, name)].add(entity)
        gold_of[entity].add(gold)
    found = CorpusPairs()
    for event in _attacks(truth):
        files = sorted({r["file"] for r in event["reports"]})
        for first, second in combinations(files, 2):
            found.pairs += 1
            if held[(event["id"], first)] & held[(event["id"], second)]:
                found.together += 1
            else:
                found.apart.append((str(event["id"]), first, second))
    for golds in gold_of.values():
        found.wrong.extend(combinations(sorted(golds), 2))
    return found


GROUP_RELATIONS = frozenset(
    {"branch_of", "splinter_of", "member_of", "leader_of", "cooperates_with", "rival_of"}
)
"""The gold relation types read from the text between named actors; claims and attacks are
measured through the events' perpetrators instead."""
_SYMMETRIC = frozenset({"cooperates_with", "rival_of"})


@dataclass
class RelationScores:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    """Right relations by type."""
    predicted: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    gold: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    missed: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(file, source, type, target) of each gold relation not extracted."""

    def total(self, part: dict[str, int]) -> int:
        return sum(part.values())


def _relation_key(source: str, kind: str, target: str) -> tuple[str, str, str]:
    first, second = source, target
    if kind in _SYMMETRIC:
        first, second = sorted((first, second))
    return first, kind, second


def relation_scores(
    views: dict[str, dict[str, Any]],
    truth: dict[str, Any],
    canonical: Callable[[str], str] = name_key,
) -> RelationScores:
    """Relations of each report's view (``extraction.document_view``, by file name) against the
    gold relations of that report: right when the type and both ends agree (either way round
    for the symmetric types). Ends agree when ``canonical`` maps their names to one key: by
    default the name key; a gazetteer's resolution makes "Haibatullah" and "Hibatullah", or a
    nom de guerre and the real name, one person. Time and attribution are not compared here."""
    scores = RelationScores()
    gold: dict[tuple[str, str, str, str], tuple[str, str, str, str]] = {}
    for row in truth["relations"]:
        if row["type"] in GROUP_RELATIONS and row["file"] in views:
            ends = canonical(row["source"]), row["type"], canonical(row["target"])
            key = (row["file"], *_relation_key(*ends))
            gold[key] = (row["file"], row["source"], row["type"], row["target"])
    mine = {
        (name, *_relation_key(canonical(r["source"]), r["type"], canonical(r["target"])))
        for name, view in views.items()
        for r in view["relations"]
        if r["type"] in GROUP_RELATIONS
    }
    for key in mine:
        scores.predicted[key[2]] += 1
        scores.found[key[2]] += key in gold
    for key, row in gold.items():
        scores.gold[key[2]] += 1
        if key not in mine:
            scores.missed.append(row)
    return scores
