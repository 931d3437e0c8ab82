"""Wikipedia incident lists: perpetrator, dead, injured and type read from each ``details``.

The rows come from Wikipedia's lists of terrorist incidents (one CSV, columns ``date, type,
dead, injured, location, details, perpetrator``). Each row's ``details`` becomes a document
published on the row's date and goes through the standard pipeline; a thin adapter turns the
document's view into the four predicted fields. Nothing here learns: the held-out part is
fixed by a hash of the row so that rules are tuned on the rest only.

What the labels mean, read from the training part: ``dead`` counts every death of the
incident, attackers included ("killing 20 ... at least four of the attackers were also
killed" is 24), and a row whose text names no dead or no injured says 0; the perpetrator is
written as the list names it, "(suspected)" appended for suspicions, "Unknown" or empty when
nobody is named.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.numbers import COUNT, read_count
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.extraction.view import document_view
from overhorizon.model.document import Document
from overhorizon.model.types import name_key
from overhorizon.resolution.names import MATCH, NameMatcher
from overhorizon.resolution.normalize import GROUP

HELD_OUT_EVERY = 5
"""One row in five (by a hash of its date and text) is held out; the others may be read."""
_CITATION = re.compile(r"\[(?:\d+|citation needed|note \d+|[a-z])\]", re.IGNORECASE)
_SUSPECTED = re.compile(
    r"\s*(?:\((?:suspected|alleged|claimed|disputed)\)|\bsuspected)\s*$", re.IGNORECASE
)
_NOTE = re.compile(r"\s*\([^()]*\)$")
_LINKED = re.compile(r"^[\w'’]+\s*[-–]\s*(?:linked|affiliated|allied|backed)\s+", re.IGNORECASE)
_UNKNOWN = frozenset({"", "unknown", "none", "n/a", "unidentified"})

TYPE_MAP: dict[str, str] = {
    "bombing": "bombing",
    "suicide_bombing": "bombing",
    "rocket_attack": "bombing",
    "armed_assault": "shooting",
    "assassination": "assassination",
    "kidnapping": "hostage",
    "arson": "arson",
    "other": "other_violence",
}
"""Our attack types as the lists name them (a rocket attack is listed as a bombing)."""


@dataclass(frozen=True, slots=True)
class Incident:
    row: int
    day: date | None
    kind: str
    dead: int | None
    injured: int | None
    location: str
    details: str
    perpetrator: str

    @property
    def held_out(self) -> bool:
        digest = hashlib.sha1(f"{self.day}|{self.details}".encode()).digest()
        return int.from_bytes(digest[:4], "big") % HELD_OUT_EVERY == 0

    def document(self) -> Document:
        """The details as a report published on the incident's day, citation marks removed."""
        text = " ".join(_CITATION.sub("", self.details).split())
        return Document(text=text or ".", published=self.day, source=f"incident-{self.row}")


@dataclass(frozen=True, slots=True)
class Prediction:
    dead: int
    injured: int
    perpetrator: str | None
    kind: str | None


def read_incidents(path: Path) -> list[Incident]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [_incident(number, row) for number, row in enumerate(csv.DictReader(handle))]


def _incident(number: int, row: dict[str, str]) -> Incident:
    try:
        day: date | None = date.fromisoformat(row["date"][:10])
    except ValueError:
        day = None
    return Incident(
        row=number,
        day=day,
        kind=row["type"].strip(),
        dead=_int(row["dead"]),
        injured=_int(row["injured"]),
        location=row["location"],
        details=row["details"],
        perpetrator=row["perpetrator"].strip(),
    )


def _int(text: str) -> int | None:
    text = text.strip()
    return int(float(text)) if text and text.replace(".", "", 1).isdigit() else None


def split(incidents: Iterable[Incident], part: str) -> list[Incident]:
    """``train``, ``held-out`` or ``all`` rows."""
    if part == "all":
        return list(incidents)
    want = part == "held-out"
    return [i for i in incidents if i.held_out == want]


def predict(pipeline: Pipeline, incidents: Sequence[Incident]) -> list[Prediction]:
    documents = [incident.document() for incident in incidents]
    return [
        from_view(document_view(document, statements))
        for document, statements in zip(documents, pipeline.extract(documents), strict=True)
    ]


def from_view(view: dict[str, Any]) -> Prediction:
    """The incident's figures: the main event's, attackers' deaths counted among the dead."""
    events = view["events"]
    if not events:
        return Prediction(0, 0, None, None)
    main = events[0]
    dead = _figure(main["killed"]) + _figure(main.get("attackers_killed"))
    perpetrator = main["perpetrator"]
    if perpetrator is None:
        perpetrator = next((e["perpetrator"] for e in events if e["perpetrator"]), None)
    return Prediction(dead, _figure(main["injured"]), perpetrator, TYPE_MAP.get(main["type"]))


def _figure(count: dict[str, int | None] | None) -> int:
    if count is None:
        return 0
    return count["min"] if count["min"] is not None else count["max"] or 0


def gold_perpetrator(text: str) -> str | None:
    """The list's perpetrator without its "(suspected)" mark, a note in brackets after the
    name ("Wilayat Sayna (Islamic State)") or a link to another group before it ("IS-linked
    Wilayat Sayna"); None when unknown."""
    bare = " ".join(_SUSPECTED.sub("", text).split())
    bare = _LINKED.sub("", _NOTE.sub("", bare)).strip() or bare
    return None if bare.lower() in _UNKNOWN else bare


class PerpetratorJudge:
    """Whether a predicted perpetrator names the list's: by the reference aliases, the same
    name key, the name matcher (acronyms, spellings) or a branch of the listed group."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.matcher = NameMatcher()

    def agrees(self, predicted: str | None, gold: str | None) -> bool:
        if predicted is None or gold is None:
            return predicted is None and gold is None
        if name_key(predicted) == name_key(gold):
            return True
        mine, theirs = self.gazetteer.lookup(predicted), self.gazetteer.lookup(gold)
        if mine is not None and theirs is not None:
            if mine.entity_id == theirs.entity_id:
                return True
            return any(c.entity_id == mine.entity_id for c in self.gazetteer.branches_of(theirs))
        return self.matcher.compare(predicted, gold, GROUP).score >= MATCH


@dataclass
class Scores:
    rows: int = 0
    dead: int = 0
    injured: int = 0
    both: int = 0
    perpetrator: int = 0
    named: int = 0
    """Rows whose list names a perpetrator."""
    named_right: int = 0
    typed: int = 0
    """Rows whose list type we can map to (not ``unknown``)."""
    typed_right: int = 0
    dead_stated: int = 0
    """Rows whose dead figure is 0 or a count written in the details: the most text can give."""
    injured_stated: int = 0
    named_stated: int = 0
    """Named perpetrators whose name key appears in the details."""

    def lines(self) -> list[str]:
        def share(part: int, whole: int) -> str:
            return f"{part}/{whole} = {100 * part / max(whole, 1):.1f}%"

        return [
            f"rows                      {self.rows}",
            f"dead exact                {share(self.dead, self.rows)}",
            f"injured exact             {share(self.injured, self.rows)}",
            f"dead and injured exact    {share(self.both, self.rows)}",
            f"perpetrator (all rows)    {share(self.perpetrator, self.rows)}",
            f"perpetrator (named rows)  {share(self.named_right, self.named)}",
            f"type (typed rows)         {share(self.typed_right, self.typed)}",
            "reachable from the text alone (the list's figures also come from its sources):",
            f"  dead 0 or written       {share(self.dead_stated, self.rows)}",
            f"  injured 0 or written    {share(self.injured_stated, self.rows)}",
            f"  perpetrator named in it {share(self.named_stated, self.named)}",
        ]


def _written_counts(text: str) -> set[int]:
    found = {0}
    for match in COUNT.finditer(text):
        count = read_count(match)
        if count is not None:
            found.update(v for v in (count.quantity.min, count.quantity.max) if v is not None)
    return found


def score(
    incidents: Sequence[Incident], predictions: Sequence[Prediction], judge: PerpetratorJudge
) -> Scores:
    scores = Scores()
    for incident, mine in zip(incidents, predictions, strict=True):
        scores.rows += 1
        dead = mine.dead == (incident.dead or 0)
        injured = mine.injured == (incident.injured or 0)
        scores.dead += dead
        scores.injured += injured
        scores.both += dead and injured
        gold = gold_perpetrator(incident.perpetrator)
        right = judge.agrees(mine.perpetrator, gold)
        scores.perpetrator += right
        if gold is not None:
            scores.named += 1
            scores.named_right += right
        written = _written_counts(incident.details)
        scores.dead_stated += (incident.dead or 0) in written
        scores.injured_stated += (incident.injured or 0) in written
        scores.named_stated += gold is not None and name_key(gold) in name_key(incident.details)
        if incident.kind in TYPE_MAP.values():
            scores.typed += 1
            scores.typed_right += mine.kind == incident.kind
    return scores
