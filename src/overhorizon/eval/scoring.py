"""The MUC-4 role-filler measure (CEAF-REE strict, micro-averaged), without SciPy.

Per document and role, predicted entities are paired one-to-one with gold entities; a pair
counts when every mention of the predicted entity is a mention of the gold one. The pairing
that counts most is a maximum bipartite matching, found by augmenting paths (the scorer in
the benchmark uses the Hungarian method on the same 0/1 matrix, which gives the same count).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from overhorizon.extraction.roles.labels import ROLES
from overhorizon.extraction.roles.muc4 import MucDocument, normalize


@dataclass(frozen=True)
class Counts:
    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.gold + other.gold,
        )

    @property
    def precision(self) -> float:
        return 100 * self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def matching(predicted: Sequence[Iterable[str]], gold: Sequence[set[str]]) -> int:
    """How many predicted entities can be paired with distinct gold entities they fit."""
    fits = []
    for entity in predicted:
        mentions = {normalize(m) for m in entity} - {""}
        fits.append([j for j, g in enumerate(gold) if mentions and mentions <= g])
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or place(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(place(i, set()) for i in range(len(fits)))


def gold_entities(doc: MucDocument, role: str) -> list[set[str]]:
    entities = []
    for entity in doc.extracts.get(role, []):
        mentions = {normalize(m) for m, _ in entity} - {""}
        if mentions:
            entities.append(mentions)
    return entities


def score(
    documents: Iterable[MucDocument], predictions: Mapping[str, Mapping[str, list[list[str]]]]
) -> dict[str, Counts]:
    """Counts per role, summed over the gold documents (one left out predicts nothing)."""
    totals = dict.fromkeys(ROLES, Counts())
    for doc in documents:
        predicted = predictions.get(doc.docid, {})
        for role in ROLES:
            entities = [e for e in predicted.get(role, []) if any(normalize(m) for m in e)]
            gold = gold_entities(doc, role)
            totals[role] += Counts(matching(entities, gold), len(entities), len(gold))
    return totals


def micro(totals: Mapping[str, Counts]) -> Counts:
    return sum(totals.values(), Counts())


def table(totals: Mapping[str, Counts]) -> list[str]:
    """Lines in the layout of the benchmark's scorer: one per role, then the micro average."""
    lines = [
        f"{role:<8} P {c.precision:6.2f} R {c.recall:6.2f} F1 {c.f1:6.2f}  "
        f"(matched {c.matched}, predicted {c.predicted}, gold {c.gold})"
        for role, c in totals.items()
    ]
    total = micro(totals)
    lines.append(f"micro P {total.precision:.2f} R {total.recall:.2f} F1 {total.f1:.2f}")
    return lines
