"""The last step: every fact found becomes statements, each pointing at its sentence.

The origin names the component that found the fact and its version
(``extractor:overhorizon.attacks@1``), so a later, better component can replace the
statements of one step without touching the others.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from overhorizon.extraction.work import Attack, Work
from overhorizon.model.builder import StatementFactory
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.model.types import name_key

TYPE_LABELS = {
    "bombing": "Bombing",
    "suicide_bombing": "Suicide bombing",
    "armed_assault": "Armed assault",
    "rocket_attack": "Rocket attack",
    "assassination": "Assassination",
    "kidnapping": "Kidnapping",
    "arson": "Arson",
    "other": "Attack",
}


def origin(component: str) -> str:
    """``overhorizon.dates.v1`` -> ``extractor:overhorizon.dates@1``."""
    base, _, version = component.rpartition(".v")
    if not base or not version.isdigit():
        return f"extractor:{component}"
    return f"extractor:{base}@{version}"


def caption(event: Attack) -> str:
    """A short name: "Suicide bombing in Kabul, 2021-08-26"."""
    parts = [TYPE_LABELS.get(event.attack_type, "Attack")]
    if event.place is not None:
        parts.append(f"in {event.place.text}")
    text = " ".join(parts)
    return f"{text}, {event.date.value}" if event.date is not None else text


class StatementsComponent:
    """Writes the statements of everything the earlier components found."""

    name = "overhorizon.statements.v1"
    requires: tuple[str, ...] = ("sentences",)
    assigns: tuple[str, ...] = ("statements",)

    def __init__(self, components: dict[str, str] | None = None) -> None:
        self.components = components or {}
        """Which component name made which kind of fact (set by the pipeline builder)."""

    def __call__(self, work: Work) -> None:
        writer = _Writer(work)
        writer.mentions()
        writer.places(self.components.get("places", "overhorizon.places.v1"))
        writer.attacks(
            self.components.get("attacks", "overhorizon.attacks.v1"),
            self.components.get("casualties", "overhorizon.casualties.v1"),
        )
        writer.responsibility(
            self.components.get("responsibility", "overhorizon.responsibility.v1")
        )
        writer.relations(self.components.get("relations", "overhorizon.relations.v1"))
        work.statements = writer.done()


@dataclass(frozen=True, slots=True)
class _KnownId(Document):
    """The document with its id computed once: the factory asks for it for every statement,
    and the id is a hash of the whole text."""

    known_id: str = ""

    @property
    def id(self) -> str:
        return self.known_id


def _with_known_id(document: Document) -> Document:
    values = {f.name: getattr(document, f.name) for f in fields(Document)}
    return _KnownId(**values, known_id=document.id)


class _Writer:
    def __init__(self, work: Work) -> None:
        self.work = work
        self.document = _with_known_id(work.document)
        self.factories: dict[str, StatementFactory] = {}
        self.rows: dict[str, Statement] = {}

    def factory(self, component: str) -> StatementFactory:
        made = self.factories.get(component)
        if made is None:
            made = self.factories[component] = StatementFactory(
                origin(component), document=self.document
            )
        return made

    def span(self, sentence: int) -> tuple[int, int]:
        found = self.work.sentences[sentence]
        return found.start, found.end

    def add(self, statements: list[Statement]) -> None:
        for stmt in statements:
            self.rows.setdefault(stmt.id, stmt)

    def done(self) -> list[Statement]:
        return list(self.rows.values())

    def mentions(self) -> None:
        """The entity's name, and the words used for it where they differ (an alias); for a
        branch named through its parent, the parent's name too."""
        for mention in self.work.mentions:
            make = self.factory(mention.component)
            actor, span = mention.actor, self.span(mention.sentence)
            values = [("name", actor.name)]
            if not mention.descriptive and name_key(mention.text) != name_key(actor.name):
                values.append(("alias", mention.text))
            self.add(
                [
                    make.make(
                        actor.entity_id,
                        actor.schema,
                        prop,
                        value,
                        span=span,
                        confidence=mention.confidence,
                    )
                    for prop, value in values
                ]
            )
            if mention.parent is not None:
                parent = mention.parent
                self.add(
                    [
                        make.make(
                            parent.entity_id,
                            parent.schema,
                            "name",
                            parent.name,
                            span=span,
                            confidence=mention.confidence,
                        )
                    ]
                )

    def places(self, component: str) -> None:
        make = self.factory(component)
        for mention in self.work.places:
            place, span = mention.place, self.span(mention.sentence)
            values: dict[str, str | float | None] = {
                "name": place.name,
                "country": place.country,
                "latitude": place.latitude,
                "longitude": place.longitude,
                "geonameId": place.geoname_id,
            }
            self.add(
                [
                    make.make(place.entity_id, "Place", prop, value, span=span, confidence=0.7)
                    for prop, value in values.items()
                    if value is not None
                ]
            )

    def attacks(self, component: str, casualties: str) -> None:
        make = self.factory(component)
        for index, event in enumerate(self.work.events):
            eid, first = event.entity_id, self.span(event.sentence)
            confidence = 0.6 if event.background else 0.75
            rows = [
                make.make(eid, "Attack", "name", caption(event), span=first, confidence=0.6),
                make.make(
                    eid,
                    "Attack",
                    "attackType",
                    event.attack_type,
                    span=first,
                    confidence=0.6 if event.background else 0.7,
                ),
            ]
            if event.date is not None:
                sure = 0.4 if event.date_from_dateline else 0.7 if event.date.relative else 0.8
                rows.append(
                    make.make(
                        eid,
                        "Attack",
                        "date",
                        event.date.value,
                        span=self.span(event.date.sentence),
                        confidence=sure,
                    )
                )
            if event.place is not None:
                place, span = event.place.place, self.span(event.place.sentence)
                located: dict[str, str | float | None] = {
                    "placeName": event.place.text,
                    "place": place.entity_id,
                    "country": place.country,
                    "latitude": place.latitude,
                    "longitude": place.longitude,
                }
                rows.extend(
                    make.make(eid, "Attack", prop, value, span=span, confidence=confidence)
                    for prop, value in located.items()
                    if value is not None
                )
            for prop, items in (
                ("targetDescription", event.targets),
                ("weapon", event.weapons),
                ("victim", event.victims),
                ("victimDescription", event.victim_groups),
            ):
                rows.extend(
                    make.make(eid, "Attack", prop, text, span=self.span(sentence), confidence=0.5)
                    for text, sentence in items
                )
            rows.extend(self._targeted(make, index, event))
            self.add(rows)
        count = self.factory(casualties)
        for figure in self.work.casualties:
            event = self.work.events[figure.event]
            self.add(
                [
                    count.make(
                        event.entity_id,
                        "Attack",
                        figure.kind,
                        str(figure.quantity),
                        span=self.span(figure.sentence),
                        confidence=figure.confidence,
                    )
                ]
            )

    def _targeted(self, make: StatementFactory, index: int, event: Attack) -> list[Statement]:
        """The known actors named in what the attack hit ("a Taliban checkpoint", "the governor,
        Mohammad Dawood Muzammil"), other than those said to be behind it: the attack Targeted
        them."""
        behind = {f.actor.entity_id for f in self.work.responsibility if f.event == index}
        rows: list[Statement] = []
        for text, sentence in [*event.targets, *event.victims]:
            for mention in self.work.in_sentence(self.work.mentions, sentence):
                if mention.text not in text:
                    continue
                hit = [mention.actor.entity_id, *self._groups_of(mention.actor.entity_id)]
                for actor in hit:
                    if actor in behind:
                        continue
                    behind.add(actor)
                    rows.extend(
                        make.relation(
                            "Targeted",
                            event.entity_id,
                            actor,
                            span=self.span(sentence),
                            confidence=0.5,
                        )
                    )
        return rows

    def _groups_of(self, person: str) -> list[str]:
        """The groups the document makes a person a member or leader of: an attack on "the
        Taliban governor, X" hit the Taliban too."""
        return [
            r.target.entity_id
            for r in self.work.relations
            if r.source.entity_id == person and r.schema in {"MemberOf", "LeaderOf"}
        ]

    def responsibility(self, component: str) -> None:
        make = self.factory(component)
        for fact in self.work.responsibility:
            event = self.work.events[fact.event].entity_id
            span = self.span(fact.sentence)
            if fact.kind == "claimed":
                rows = make.relation(
                    "Claimed",
                    fact.actor.entity_id,
                    event,
                    span=span,
                    confidence=fact.confidence,
                    asserted_by=fact.asserted_by,
                )
            else:
                rows = make.relation(
                    "AttributedTo",
                    event,
                    fact.actor.entity_id,
                    span=span,
                    confidence=fact.confidence,
                    asserted_by=fact.asserted_by,
                    certainty=fact.kind,
                )
            self.add(rows)

    def relations(self, component: str) -> None:
        make = self.factory(component)
        for fact in self.work.relations:
            extra: dict[str, str] = {}
            if fact.start_date:
                extra["startDate"] = fact.start_date
            if fact.role:
                extra["role"] = fact.role
            self.add(
                make.relation(
                    fact.schema,
                    fact.source.entity_id,
                    fact.target.entity_id,
                    span=self.span(fact.sentence),
                    confidence=fact.confidence,
                    asserted_by=fact.asserted_by,
                    **extra,
                )
            )
