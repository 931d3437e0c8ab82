"""Attacks: which stretches of text describe which attack, with its type, date and place.

Sentences are cut into clauses (at semicolons, dashes and ", but/which/while ..."), and a
clause with an attack word ("suicide bomber", "blast", "gunmen", "rockets", "attack") joins
the attack it fits: the one being described, else any earlier one whose date and place agree.
A clause that fits none starts a new attack when it is specific (a singular attack word, a
count of rockets or blasts, a toll, a date or a place); so an earlier bombing recalled with
its own date or city becomes an attack of its own. Air and drone strikes are not attacks
(they are the Strike type, left to a later component).

The attack reported in the lead takes the dateline's date and place when its sentences give
none. Its id is shared across documents when its day and place are known, as
``entity_id("Attack", YYYY-MM-DD, geonameid or place name)``, so two reports of one bombing
land on one entity; otherwise the id is scoped to the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from overhorizon.extraction.geo import distance_km
from overhorizon.extraction.timex import compatible
from overhorizon.extraction.work import (
    Attack,
    DateMention,
    Place,
    PlaceMention,
    Sentence,
    Work,
)
from overhorizon.model.builder import entity_id

TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for kind, pattern in (
        (
            "suicide_bombing",
            r"suicide[\s-]+(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|blasts?|vests?|belts?|"
            r"(?:car|truck)[\s-]bomb(?:er|ing)?s?)|blew\s+(?:himself|herself|themselves)\s+up|"
            r"detonated\s+(?:his|her|their|an)\s+explosive\s+(?:vest|belt)|"
            r"explosive\s+(?:vests?|belts?)",
        ),
        ("rocket_attack", r"rockets?|mortars?|katyushas?|mortar\s+shells?"),
        (
            "bombing",
            r"(?:car|truck|roadside|magnetic|sticky|parcel|motorcycle)[\s-]bombs?|"
            r"bomb(?:s|ing|ings|ed|er|ers)?|blasts?|explosions?|IEDs?|"
            r"improvised\s+explosive\s+devices?|exploded|detonated|grenades?",
        ),
        ("assassination", r"assassinat\w*|shot\s+dead|gunned\s+down|targeted\s+killings?"),
        ("kidnapping", r"kidnap\w*|abduct\w*|taken\s+hostage"),
        ("arson", r"arson|set\s+fire\s+to|set\s+ablaze|torched"),
        (
            "armed_assault",
            r"gunm[ae]n|opened\s+fire|shootings?|shoot-?outs?|stormed|storming|gun\s+attacks?|"
            r"massacred?|raided",
        ),
        ("other", r"attack(?:s|ed)?|assault(?:s|ed)?"),
    )
)
_TYPE_ORDER = [kind for kind, _ in TRIGGERS]
_STRIKES = re.compile(
    r"\b(?:(?:air|drone|missile|u\.s\.|american|military|nato|coalition)[\s-]+"
    r"(?:strikes?|struck|attacks?|raids?)|airstrikes?|drones?\b[^.;,]{0,30}\bstr(?:uck|ike))\b",
    re.IGNORECASE,
)
_PLURAL = re.compile(r"(?:s|ings)$", re.IGNORECASE)
_QUANTIFIED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twin|several|multiple|a\s+series\s+of)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:to|could|would|may|might|will|plan(?:ned|ning)?\s+to|threat(?:ened|s)?\s+to)\s+$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r";\s+|\s+—\s+|,\s+(?=(?:but|which|while|whereas|although|though|as|after)\b)",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"\b(?:killed|killing|kills|dead|died|deaths?|toll|wounded|wounding|injured|injuring)\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(
    r"\b(?:\d+|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)
_TARGET = re.compile(
    r"\b(?:a|an|the)\s+((?:[\w'’-]+\s+){0,3}?(?:mosque|shrine|school|hospital|ward|bank|"
    r"demonstration|rally|march|protest|wedding(?:\s+hall)?|funeral|airport|gate|checkpoint|"
    r"convoy|market|bazaar|bus|embassy|church|temple|gurdwara|university|hall|hotel|"
    r"compound|base|prison|jail|police\s+station|ministry|office|crowd|gathering|centre|"
    r"center|procession|ceremony|court|maternity\s+ward|clinic|stadium|club))\b",
    re.IGNORECASE,
)
_WEAPONS = re.compile(
    r"\b(?:explosive\s+(?:vest|belt)|suicide\s+(?:vest|belt)|(?:car|truck|roadside|magnetic|"
    r"sticky|motorcycle)[\s-]bomb|katyusha\s+rockets?|rockets?|mortars?|grenades?|IEDs?|"
    r"improvised\s+explosive\s+devices?|ball\s+bearings|rifles?|kalashnikovs?|"
    r"pounds\s+of\s+explosives)\b",
    re.IGNORECASE,
)
_SAME_PLACE_KM = 50.0
_WINDOW_DAYS = 7


@dataclass
class _Clause:
    sentence: Sentence
    start: int
    end: int
    text: str


def clauses(sentence: Sentence) -> list[_Clause]:
    parts: list[_Clause] = []
    begin = 0
    for cut in _CLAUSE.finditer(sentence.text):
        parts.append(_piece(sentence, begin, cut.start()))
        begin = cut.end()
    parts.append(_piece(sentence, begin, len(sentence.text)))
    return [p for p in parts if p.text.strip()]


def _piece(sentence: Sentence, begin: int, end: int) -> _Clause:
    return _Clause(sentence, sentence.start + begin, sentence.start + end, sentence.text[begin:end])


def triggers(text: str) -> list[tuple[str, re.Match[str]]]:
    """The attack words of ``text``, strikes by states masked out."""
    masked = _STRIKES.sub(lambda m: " " * len(m.group()), text)
    found = [(kind, m) for kind, pattern in TRIGGERS for m in pattern.finditer(masked)]
    return sorted(found, key=lambda f: f[1].start())


def is_specific(text: str, found: list[tuple[str, re.Match[str]]]) -> bool:
    """True when an attack word names a particular attack, not attacks in general."""
    for _, match in found:
        before = text[: match.start()]
        if _HYPOTHETICAL.search(before):
            continue
        word = match.group().split()[-1]
        if not _PLURAL.search(word) or word.lower() in {"blew", "gunmen"}:
            return True
        if _QUANTIFIED.search(before):
            return True
    return False


class AttacksComponent:
    """Groups the text's attack clauses into attacks."""

    name = "overhorizon.attacks.v1"
    requires: tuple[str, ...] = ("sentences", "dates", "places", "dateline", "reference_date")
    assigns: tuple[str, ...] = ("events", "scopes")

    def __call__(self, work: Work) -> None:
        _Builder(work).run()


class _Builder:
    def __init__(self, work: Work) -> None:
        self.work = work
        self.lead_paragraph = 0
        if work.dateline is not None and work.sentences:
            self.lead_paragraph = work.sentences[work.sentence_at(work.dateline.start)].paragraph
        self.dateline_place = next((p for p in work.places if p.from_dateline), None)
        self.current: Attack | None = None
        self.leads: set[int] = set()

    def run(self) -> None:
        last_sentence = -1
        for sentence in self.work.sentences:
            for clause in clauses(sentence):
                event = self._place_clause(clause, continuing=sentence.index == last_sentence)
                if event is not None:
                    self.work.scopes.append((clause.start, clause.end, event.number))
                    last_sentence = sentence.index
        for event in self.work.events:
            self._finish(event)

    def _place_clause(self, clause: _Clause, continuing: bool) -> Attack | None:
        found = triggers(clause.text)
        if not found:
            if continuing or (
                self.current is not None
                and self.work.sentences[self.current.sentences[-1]].paragraph
                == clause.sentence.paragraph
            ):
                return self.current
            return None
        when = self._date(clause, found[0][1].start())
        where = self._place(clause)
        target = self._fitting(when, where)
        if target is None:
            specific = is_specific(clause.text, found)
            counted = bool(_COUNTED.search(clause.text) and _DIGITS.search(clause.text))
            lead = clause.sentence.paragraph <= self.lead_paragraph
            if not specific or not (lead or counted or when or where):
                return self.current if continuing else None
            target = Attack(len(self.work.events), clause.sentence.index, found[0][0])
            self.work.events.append(target)
            if lead:
                self.leads.add(target.number)
        if clause.sentence.index not in target.sentences:
            target.sentences.append(clause.sentence.index)
        kind = min((k for k, _ in found), key=_TYPE_ORDER.index)
        if _TYPE_ORDER.index(kind) < _TYPE_ORDER.index(target.attack_type):
            target.attack_type = kind
        if target.date is None and when is not None:
            target.date = when
        if (target.place is None or target.place.place.kind == "country") and where is not None:
            target.place = where
        if not target.targets:
            found_target = _TARGET.search(clause.text)
            if found_target is not None:
                target.targets.append((found_target[1], clause.sentence.index))
        for weapon in _WEAPONS.finditer(clause.text):
            text = weapon.group().lower()
            if all(text != w for w, _ in target.weapons):
                target.weapons.append((text, clause.sentence.index))
        self.current = target
        return target

    def _date(self, clause: _Clause, trigger_at: int) -> DateMention | None:
        dates = [
            d
            for d in self.work.dates
            if d.anchored and clause.start <= d.start < clause.end and len(d.value) >= 4
        ]
        if not dates:
            return None
        at = clause.start + trigger_at
        return min(dates, key=lambda d: (-len(d.value), abs(d.start - at)))

    def _place(self, clause: _Clause) -> PlaceMention | None:
        places = [
            p
            for p in self.work.places
            if not p.from_dateline and clause.start <= p.start < clause.end
        ]
        order = {"city": 0, "region": 1, "country": 2}
        return min(places, key=lambda p: (order[p.place.kind], p.start), default=None)

    def _fitting(self, when: DateMention | None, where: PlaceMention | None) -> Attack | None:
        pool = self.work.events
        ordered = ([self.current] if self.current is not None else []) + [
            e for e in pool if e is not self.current
        ]
        for event in ordered:
            if self._date_fits(event, when) and self._place_fits(event, where):
                return event
        return None

    def _date_fits(self, event: Attack, when: DateMention | None) -> bool:
        if when is None:
            return True
        if event.date is not None:
            return compatible(when.value, event.date.value)
        reference = self.work.reference_date
        if event.number in self.leads and reference is not None:
            return any(
                compatible(when.value, (reference - timedelta(days=k)).isoformat())
                for k in range(_WINDOW_DAYS + 1)
            )
        return True

    def _place_fits(self, event: Attack, where: PlaceMention | None) -> bool:
        known = event.place
        if known is None and event.number in self.leads:
            known = self.dateline_place
        if where is None or known is None:
            return True
        return same_place(known.place, where.place)

    def _finish(self, event: Attack) -> None:
        lead = event.number in self.leads
        if lead and event.date is None:
            event.date = self._reference_date()
            event.date_from_dateline = event.date is not None
        filed = self.dateline_place
        if lead and filed is not None and _vaguer(event.place, filed):
            event.place = filed
        event.background = not lead
        event.entity_id = attack_id(self.work, event)

    def _reference_date(self) -> DateMention | None:
        """The dateline's day (or the published date) as the date of the lead attack."""
        reference = self.work.reference_date
        if reference is None:
            return None
        dateline = self.work.dateline
        start, end = (dateline.start, dateline.end) if dateline is not None else (0, 0)
        return DateMention(
            reference.isoformat(),
            self.work.document.text[start:end],
            start,
            end,
            self.work.sentence_at(start),
            relative=False,
        )


def _vaguer(place: PlaceMention | None, filed: PlaceMention) -> bool:
    """True when the dateline's city says more than ``place`` (none, or its whole country)."""
    return place is None or (
        place.place.kind == "country" and place.place.country == filed.place.country
    )


def same_place(first: Place, second: Place) -> bool:
    """False only when the two are clearly apart: other countries, or distant cities."""
    if first.entity_id == second.entity_id:
        return True
    if first.country and second.country and first.country != second.country:
        return False
    if first.kind == "city" and second.kind == "city":
        distance = distance_km(first, second)
        return distance is not None and distance <= _SAME_PLACE_KM
    return True


def attack_id(work: Work, event: Attack) -> str:
    """Shared across documents when the day and the place are read from the text itself."""
    when, where = event.date, event.place
    if when is not None and len(when.value) == 10 and not event.date_from_dateline and where:
        return entity_id("Attack", when.value, where.place.geoname_id or where.place.name)
    return entity_id("Attack", work.document.id, str(event.number))
