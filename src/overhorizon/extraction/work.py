"""The per-document working object that components read from and add to.

Each field is named in components' ``requires`` and ``assigns``; the pipeline checks, before
anything runs, that every field a component reads was assigned by an earlier one. Facts keep
the index of the sentence they were read from, so every statement can point at its evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.model.types import Quantity


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class NamedEntity:
    """A span the statistical model labelled (ORG, PERSON, GPE, LOC, ...)."""

    label: str
    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True, slots=True)
class Dateline:
    """The opening ``KABUL, Aug. 27 (Wire) —`` of a report: where and when it was filed."""

    start: int
    end: int
    place: str | None
    region: str | None
    date: str | None
    """YYYY-MM-DD when the dateline has a day (its year taken from the published date)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """A group or person, from the reference knowledge or new in this document."""

    entity_id: str
    schema: str
    name: str
    """The name to show: the reference name for known entities, the text otherwise."""


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named at ``start:end`` of the document text."""

    actor: Actor
    text: str
    start: int
    end: int
    sentence: int
    component: str
    confidence: float
    descriptive: bool = False
    """Named by description ("the Islamic State's Khorasan branch"), not by a name."""
    parent: Actor | None = None
    """For a branch named through its parent ("al-Qaeda's affiliate"), the parent."""


@dataclass(frozen=True, slots=True)
class DateMention:
    value: str
    """YYYY, YYYY-MM or YYYY-MM-DD: the precision is that of the value."""
    text: str
    start: int
    end: int
    sentence: int
    relative: bool
    """Resolved against the dateline or the published date ("on Thursday", "last month")."""
    anchored: bool = True
    """False for dates that bound rather than place something ("since 2016", "until 2020")."""


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: a city or district with coordinates, or a whole country."""

    entity_id: str
    name: str
    country: str | None
    latitude: float | None = None
    longitude: float | None = None
    geoname_id: str | None = None
    kind: str = "city"
    """city, region or country."""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    text: str
    start: int
    end: int
    sentence: int
    from_dateline: bool = False


@dataclass
class Attack:
    """An attack as described in one document, possibly over several sentences."""

    number: int
    sentence: int
    """The sentence that first describes it."""
    attack_type: str
    sentences: list[int] = field(default_factory=list)
    date: DateMention | None = None
    place: PlaceMention | None = None
    targets: list[tuple[str, int]] = field(default_factory=list)
    """What was attacked as written, with the sentence it was read from."""
    weapons: list[tuple[str, int]] = field(default_factory=list)
    victims: list[tuple[str, int]] = field(default_factory=list)
    """People the text names as killed, wounded or taken, with the sentence."""
    victim_groups: list[tuple[str, int]] = field(default_factory=list)
    """Who was hit, named as a group ("dozens of worshippers"), with the sentence."""
    date_from_dateline: bool = False
    """No sentence dated it: the date is the report's own day, a guess."""
    background: bool = False
    """Mentioned as context of another event rather than reported on."""
    entity_id: str = ""


@dataclass(frozen=True, slots=True)
class Casualty:
    event: int
    """The ``number`` of the attack the figure belongs to."""
    kind: str
    """killed, injured or attackersKilled (the Attack property it fills)."""
    quantity: Quantity
    text: str
    sentence: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Responsibility:
    event: int
    actor: Actor
    kind: str
    """claimed, attributed or suspected."""
    sentence: int
    asserted_by: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class RelationFact:
    schema: str
    source: Actor
    target: Actor
    sentence: int
    asserted_by: str | None
    confidence: float
    start_date: str | None = None
    role: str | None = None


@dataclass
class Work:
    """Everything known about one document while the pipeline runs."""

    document: Document
    doc: Any = None
    """The spaCy Doc (typed loosely: spaCy ships no type information)."""
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[NamedEntity] = field(default_factory=list)
    dateline: Dateline | None = None
    reference_date: date | None = None
    """The day relative dates are resolved against: the dateline's, else the published date."""
    mentions: list[Mention] = field(default_factory=list)
    branches: set[tuple[str, str]] = field(default_factory=set)
    """(branch, parent) entity ids of mentioned groups that the reference knows as a branch
    and its parent."""
    dates: list[DateMention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    events: list[Attack] = field(default_factory=list)
    scopes: list[tuple[int, int, int]] = field(default_factory=list)
    """Character ranges (start, end, attack number) that speak of one attack, in text order."""
    casualties: list[Casualty] = field(default_factory=list)
    responsibility: list[Responsibility] = field(default_factory=list)
    relations: list[RelationFact] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence containing character ``offset`` (the nearest before it)."""
        low, high = 0, len(self.sentences) - 1
        found = 0
        while low <= high:
            mid = (low + high) // 2
            if self.sentences[mid].start <= offset:
                found = mid
                low = mid + 1
            else:
                high = mid - 1
        return found

    def event_at(self, offset: int) -> Attack | None:
        """The attack the text at ``offset`` speaks of, if any."""
        for start, end, number in self.scopes:
            if start <= offset < end:
                return self.events[number]
        return None

    def in_sentence(self, items: list[Any], index: int) -> list[Any]:
        """The facts of ``items`` read from sentence ``index``."""
        return [item for item in items if item.sentence == index]


WORK_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Work))
"""Names a component may require or assign."""
