"""RE3D (Dstl's defence and security entity and relation set): entities by type and relations.

Each folder holds ``documents.json``, ``entities.json`` and ``relations.json``, one JSON
object per line, with character offsets into the document text. An entity or relation is
gold when its annotators' confidence is at least one half (RE3D keeps the rejected readings
with a low confidence; above the half there is one type per span).

Predictions come from the standard pipeline's working objects, nothing else: the model's
entities mapped to RE3D's types, overridden where our components say more (a known group or
person, a resolved place, a date, a weapon named anywhere), and our relations mapped to
RE3D's (RivalOf to FightingAgainst, MemberOf and BranchOf to BelongsTo, LeaderOf to
InChargeOf, CooperatesWith to AlliesOf), and an attack's perpetrator named beside what it hit
as FightingAgainst.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from overhorizon.extraction.attack_words import WEAPONS
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.extraction.work import Work
from overhorizon.model.document import Document

GOLD_CONFIDENCE = 0.5
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Nationality",
    "DATE": "Temporal",
    "TIME": "Temporal",
    "MONEY": "Money",
    "QUANTITY": "Quantity",
}
"""The model's labels as RE3D types (CARDINAL and the rest have no counterpart)."""
RELATION_TYPES = {
    "RivalOf": "FightingAgainst",
    "MemberOf": "BelongsTo",
    "BranchOf": "BelongsTo",
    "LeaderOf": "InChargeOf",
    "CooperatesWith": "AlliesOf",
}
SYMMETRIC = frozenset({"FightingAgainst", "AlliesOf"})


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: str

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str
    source: tuple[int, int]
    target: tuple[int, int]


@dataclass
class Re3dDocument:
    id: str
    text: str
    folder: str
    entities: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


def _lines(path: Path) -> Iterable[dict[str, object]]:
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_re3d(root: Path) -> list[Re3dDocument]:
    """Every folder's documents with their gold entities and relations."""
    documents: list[Re3dDocument] = []
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").exists()):
        by_id = {
            str(row["_id"]): Re3dDocument(str(row["_id"]), str(row["text"]), folder.name)
            for row in _lines(folder / "documents.json")
        }
        for row in _lines(folder / "entities.json"):
            doc = by_id.get(str(row["documentId"]))
            if doc is not None and _gold(row):
                doc.entities.append(Span(_int(row["begin"]), _int(row["end"]), str(row["type"])))
        for row in _lines(folder / "relations.json"):
            doc = by_id.get(str(row["documentId"]))
            if doc is not None and _gold(row):
                doc.relations.append(
                    Relation(
                        str(row["type"]),
                        (_int(row["sourceBegin"]), _int(row["sourceEnd"])),
                        (_int(row["targetBegin"]), _int(row["targetEnd"])),
                    )
                )
        documents.extend(by_id.values())
    return documents


def _gold(row: dict[str, object]) -> bool:
    confidence = row.get("confidence", 1)
    return isinstance(confidence, int | float) and confidence >= GOLD_CONFIDENCE


def _int(value: object) -> int:
    return int(value) if isinstance(value, int | float | str) else 0


def predicted_entities(work: Work) -> list[Span]:
    """The pipeline's entities as RE3D spans; our components' readings win over the model's."""
    ours: list[Span] = [
        Span(m.start, m.end, "Person" if m.actor.schema == "Person" else "Organisation")
        for m in work.mentions
    ]
    ours.extend(Span(p.start, p.end, "Location") for p in work.places)
    ours.extend(Span(d.start, d.end, "Temporal") for d in work.dates)
    ours.extend(Span(m.start(), m.end(), "Weapon") for m in WEAPONS.finditer(work.document.text))
    model = [
        Span(e.start, e.end, NER_TYPES[e.label])
        for e in work.entities
        if e.label in NER_TYPES and not any(e.start < s.end and s.start < e.end for s in ours)
    ]
    return sorted(set(ours + model), key=lambda s: (s.start, s.end))


def predicted_relations(work: Work) -> list[Relation]:
    """Our relations with the spans of their two ends in the sentence that states them."""
    found: set[Relation] = set()
    for fact in work.relations:
        kind = RELATION_TYPES.get(fact.schema)
        if kind is None:
            continue
        here = work.in_sentence(work.mentions, fact.sentence)
        sources = [m for m in here if m.actor.entity_id == fact.source.entity_id]
        targets = [m for m in here if m.actor.entity_id == fact.target.entity_id]
        for source in sources:
            for target in targets:
                found.add(Relation(kind, (source.start, source.end), (target.start, target.end)))
    found.update(_attacks(work))
    return sorted(found, key=lambda r: (r.source, r.target, r.kind))


def _attacks(work: Work) -> set[Relation]:
    """FightingAgainst from each attack whose perpetrator and target (or victim) are named in
    one sentence: the perpetrator's mention against what was hit."""
    found: set[Relation] = set()
    text = work.document.text
    for fact in work.responsibility:
        event = work.events[fact.event]
        sentence = work.sentences[fact.sentence]
        perpetrators = [
            m
            for m in work.in_sentence(work.mentions, fact.sentence)
            if m.actor.entity_id == fact.actor.entity_id
        ]
        for words, index in [*event.targets, *event.victims]:
            at = text.find(words, sentence.start, sentence.end) if index == fact.sentence else -1
            if at < 0:
                continue
            found.update(
                Relation("FightingAgainst", (m.start, m.end), (at, at + len(words)))
                for m in perpetrators
            )
    return found


@dataclass
class Tally:
    true: int = 0
    predicted: int = 0
    gold: int = 0
    reachable: int | None = None
    """For relations: gold relations whose two ends each overlap a group or person we name."""

    def add(self, other: Tally) -> None:
        self.true += other.true
        self.predicted += other.predicted
        self.gold += other.gold
        if other.reachable is not None:
            self.reachable = (self.reachable or 0) + other.reachable

    def line(self, label: str) -> str:
        precision = self.true / self.predicted if self.predicted else 0.0
        recall = self.true / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (
            f"{label:24s} P {100 * precision:5.1f}  R {100 * recall:5.1f}  F1 {100 * f1:5.1f}"
            f"  (gold {self.gold}, predicted {self.predicted}, right {self.true}"
            + (f", both ends named {self.reachable}" if self.reachable is not None else "")
            + ")"
        )


def score_entities(gold: Sequence[Span], mine: Sequence[Span], strict: bool) -> dict[str, Tally]:
    """Per type: a prediction is right on the exact span (strict) or any overlap, same type."""
    tallies: dict[str, Tally] = {}
    used: set[int] = set()
    for span in mine:
        tallies.setdefault(span.kind, Tally()).predicted += 1
    for span in gold:
        tally = tallies.setdefault(span.kind, Tally())
        tally.gold += 1
        for index, guess in enumerate(mine):
            if index in used or guess.kind != span.kind:
                continue
            if (guess.start, guess.end) == (span.start, span.end) or (
                not strict and guess.overlaps(span)
            ):
                used.add(index)
                tally.true += 1
                break
    return tallies


def score_relations(gold: Sequence[Relation], mine: Sequence[Relation]) -> dict[str, Tally]:
    """A relation is right when its type agrees and each end overlaps the gold end (either
    way round for the symmetric types)."""
    tallies: dict[str, Tally] = {}
    for relation in mine:
        tallies.setdefault(relation.kind, Tally()).predicted += 1
    used: set[int] = set()
    for relation in gold:
        tally = tallies.setdefault(relation.kind, Tally())
        tally.gold += 1
        for index, guess in enumerate(mine):
            if index in used or guess.kind != relation.kind:
                continue
            if _ends_meet(guess, relation):
                used.add(index)
                tally.true += 1
                break
    return tallies


def _ends_meet(guess: Relation, gold: Relation) -> bool:
    def meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    if meet(guess.source, gold.source) and meet(guess.target, gold.target):
        return True
    return (
        gold.kind in SYMMETRIC
        and meet(guess.source, gold.target)
        and meet(guess.target, gold.source)
    )


def merge(into: dict[str, Tally], more: dict[str, Tally]) -> None:
    for kind, tally in more.items():
        into.setdefault(kind, Tally()).add(tally)


def micro(tallies: dict[str, Tally], kinds: Iterable[str]) -> Tally:
    total = Tally()
    for kind in kinds:
        if kind in tallies:
            total.add(tallies[kind])
    return total


def evaluate(
    pipeline: Pipeline, documents: Sequence[Re3dDocument]
) -> tuple[dict[str, Tally], dict[str, Tally], dict[str, Tally]]:
    """Strict entity, overlapping entity and relation tallies by RE3D type."""
    works = pipeline.run(Document(text=d.text, source=f"re3d-{d.id}") for d in documents)
    strict: dict[str, Tally] = {}
    loose: dict[str, Tally] = {}
    relations: dict[str, Tally] = {}
    for document, work in zip(documents, works, strict=True):
        mine = predicted_entities(work)
        merge(strict, score_entities(document.entities, mine, strict=True))
        merge(loose, score_entities(document.entities, mine, strict=False))
        merge(relations, score_relations(document.relations, predicted_relations(work)))
        for relation in document.relations:
            tally = relations.setdefault(relation.kind, Tally())
            tally.reachable = (tally.reachable or 0) + _both_named(work, relation)
    return strict, loose, relations


def _both_named(work: Work, relation: Relation) -> bool:
    """True when each end of the gold relation overlaps a mention of a group or person: the
    relations a named-actor extractor can reach at all (RE3D's ends are often pronouns and
    descriptions: "we", "the heroes", "a group of professional businessmen")."""

    def named(span: tuple[int, int]) -> bool:
        return any(m.start < span[1] and span[0] < m.end for m in work.mentions)

    return named(relation.source) and named(relation.target)


def type_counts(documents: Sequence[Re3dDocument]) -> Counter[str]:
    return Counter(span.kind for d in documents for span in d.entities)
