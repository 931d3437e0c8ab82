"""Choosing the decoding thresholds on held-out documents, and the aliases from training.

Thresholds are searched per role on a grid, then combined by coordinate ascent on the micro
F1 over all roles, which is what the benchmark reports; then, with those thresholds, the
lexicon's floor of each role (or none) is chosen the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from overhorizon.eval.scoring import Counts, gold_entities, matching, micro
from overhorizon.extraction.roles.decode import DecodeSettings, decode, group, spans, words
from overhorizon.extraction.roles.labels import ROLES
from overhorizon.extraction.roles.muc4 import MucDocument, normalize
from overhorizon.extraction.roles.tagger import Tagged

WORD_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
ENTITY_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))
FLOOR_GRID: tuple[float | None, ...] = (None, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
SPLIT_GRID = (1.0, 1.5, 2.0, 3.0, 5.0, 10.0)


def training_aliases(documents: Iterable[MucDocument]) -> dict[str, list[str]]:
    """Each normalised mention with the other mentions of gold entities that include it."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for doc in documents:
        for entities in doc.extracts.values():
            for entity in entities:
                keys = {normalize(m) for m, _ in entity} - {""}
                for key in keys:
                    pairs[key].update(keys - {key})
    return {k: sorted(v) for k, v in sorted(pairs.items()) if v}


def role_counts(
    tagged: Sequence[Tagged],
    documents: Sequence[MucDocument],
    role: str,
    settings: DecodeSettings,
) -> dict[tuple[float, float], Counts]:
    """Counts of ``role`` on the documents for every (word, entity) threshold pair."""
    table: dict[tuple[float, float], Counts] = defaultdict(Counts)
    found = [words(item.pieces, item.probs) for item in tagged]
    for word_threshold in WORD_GRID:
        for item, doc, doc_words in zip(tagged, documents, found, strict=True):
            entities = group(
                spans(item.text, doc_words, role, word_threshold, settings.split),
                settings.aliases,
            )
            gold = gold_entities(doc, role)
            for entity_threshold in ENTITY_GRID:
                kept = [[e.best.text] for e in entities if e.score >= entity_threshold]
                table[word_threshold, entity_threshold] += Counts(
                    matching(kept, gold), len(kept), len(gold)
                )
    return dict(table)


def tune(
    tagged: Sequence[Tagged], documents: Sequence[MucDocument], settings: DecodeSettings
) -> tuple[DecodeSettings, dict[str, Counts]]:
    """The span split and thresholds that maximise micro F1 on the documents, and the counts
    they give: the thresholds (and lexicon floors) are tuned for each split of the grid."""
    trials = [
        tune_thresholds(tagged, documents, replace(settings, split=split)) for split in SPLIT_GRID
    ]
    return max(trials, key=lambda trial: micro(trial[1]).f1)


def tune_thresholds(
    tagged: Sequence[Tagged], documents: Sequence[MucDocument], settings: DecodeSettings
) -> tuple[DecodeSettings, dict[str, Counts]]:
    """Thresholds that maximise micro F1 on the documents, and the counts they give."""
    tables = {role: role_counts(tagged, documents, role, settings) for role in ROLES}
    choice = {role: _best(table) for role, table in tables.items()}
    for _ in range(3):
        for role in ROLES:

            def total(key: tuple[float, float], role: str = role) -> float:
                counts = {r: tables[r][key if r == role else choice[r]] for r in ROLES}
                return micro(counts).f1

            choice[role] = max(tables[role], key=total)
    tuned = DecodeSettings(
        word={role: choice[role][0] for role in ROLES},
        entity={role: choice[role][1] for role in ROLES},
        aliases=settings.aliases,
        lexicon=settings.lexicon,
        split=settings.split,
    )
    counts = {role: tables[role][choice[role]] for role in ROLES}
    if not settings.lexicon:
        return tuned, counts
    return tune_floors(tagged, documents, tuned, counts)


def tune_floors(
    tagged: Sequence[Tagged],
    documents: Sequence[MucDocument],
    settings: DecodeSettings,
    counts: dict[str, Counts],
) -> tuple[DecodeSettings, dict[str, Counts]]:
    """The lexicon floor of each role that adds most to micro F1, given the thresholds."""
    floor: dict[str, float] = {}
    counts = dict(counts)
    for role in ROLES:
        options: dict[float | None, Counts] = {None: counts[role]}
        for value in FLOOR_GRID:
            if value is None:
                continue
            trial = replace(settings, floor={**floor, role: value})
            options[value] = _count(tagged, documents, role, trial)
        best = max(options, key=lambda v: micro({**counts, role: options[v]}).f1)
        counts[role] = options[best]
        if best is not None:
            floor[role] = best
    return replace(settings, floor=floor), counts


def _count(
    tagged: Sequence[Tagged], documents: Sequence[MucDocument], role: str, settings: DecodeSettings
) -> Counts:
    total = Counts()
    for item, doc in zip(tagged, documents, strict=True):
        entities = decode(item.text, item.pieces, item.probs, settings)[role]
        kept = [[e.best.text] for e in entities]
        gold = gold_entities(doc, role)
        total += Counts(matching(kept, gold), len(kept), len(gold))
    return total


def _best(table: dict[tuple[float, float], Counts]) -> tuple[float, float]:
    return max(table, key=lambda key: table[key].f1)
