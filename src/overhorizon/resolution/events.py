"""Which reports describe the same attack: one event per attack, carrying every source.

Two attack records are the same attack when all of these hold:

- their dates are known to the day and at most DATE_TOLERANCE days apart (reports date an
  attack by the day they learn of it, and night attacks straddle two days); a record without
  a day (a follow-up that says "the bombing" and gives a new toll) is placed by its earliest
  report instead, which must come out within REPORT_WINDOW days after the other's date;
- or one of them is dated only to the month (a background mention: "the Mastung bombing
  of July 2018") and the other's day falls in that month (or both name the same month):
  that is weaker evidence, so such a pair is merged only when the place agrees by name or
  within NEAR_KM and the toll, the perpetrator, the target or a named victim is shared, and
  goes to review otherwise;
- or one of them is dated only to the year ("an assault on a maternity ward a year ago"):
  weaker still, so such a pair is compared only when the place agrees and something is
  shared, and merged only when it is the one attack of that year that qualifies;
- a person killed once is killed once: a victim named on both sides stands in for the
  place when the countries agree ("the killing of the faction's founder in Afghanistan");
- their places agree: the same place entity or place name, or coordinates within
  NEAR_KM, or one place name beginning with the other ("Kabul", "Kabul, Afghanistan");
  different countries, or places more than FAR_KM apart, rule it out;
- their attack types are of one family (a "bombing" and a "suicide bombing" are); types of
  different families lower the score by TYPE_PENALTY and keep it below MATCH rather than
  ruling it out, since one complex attack (a car bomb, then gunmen) is reported as either:
  such pairs go to review, unless one report's weapons already tell of both ("attacked the
  prison with a car bomb and gunfire" agrees with "the raid");
  an unknown or "other" type, or an assassination, agrees with any;
- their perpetrators do not differ (a known group against another known group rules it
  out; unknown agrees with anything);
- their figures are compatible: tolls rise over days, so only tolls too far apart to be one
  attack (more than FIGURE_RATIO times apart, beyond a slack of FIGURE_SLACK) rule it out.

The score grows with how close the dates and places are, and with the same toll (above zero)
or a shared perpetrator reported on both sides; MATCH or above is merged by
``resolver:events@1``. Differing tolls are not resolved here: they stay statements of the one
event, and the events table shows the headline figure by the rule in ``analysis.events``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from overhorizon.model.entity import Entity
from overhorizon.model.geo import great_circle_km
from overhorizon.model.types import Quantity, name_key
from overhorizon.resolution.names import MATCH, POSSIBLE, decide

DATE_TOLERANCE = 2
REPORT_WINDOW = 10
NEAR_KM = 30.0
FAR_KM = 80.0
FIGURE_RATIO = 5.0
FIGURE_SLACK = 15
TYPE_PENALTY = 0.8
AUTHOR = "resolver:events@1"

FAMILIES = {
    "bombing": "explosive",
    "suicide_bombing": "explosive",
    "rocket_attack": "indirect fire",
    "armed_assault": "assault",
    "kidnapping": "kidnapping",
    "arson": "arson",
}
"""Attack types that reports use for one attack ("a gunman" who then "blew himself up").
A rocket attack stands alone. An assassination names the victim, not the means (a governor
killed by a suicide bomber is both), so it agrees with any type, as "other" does."""
WEAPON_FAMILIES = (
    (re.compile(r"bomb|explosive|\bieds?\b|vest|belt|ball bearings|mine", re.I), "explosive"),
    (re.compile(r"rocket|mortar|katyusha|missile|shell", re.I), "indirect fire"),
    (re.compile(r"gun|rifle|kalashnikov|firearm|pistol|automatic weapon", re.I), "assault"),
)
"""The family of attack a weapon belongs to: a report that tells of a car bomb and gunfire
describes a complex attack, which another report may call a bombing or an armed assault."""


def families(attack_types: Iterable[str], weapons: Iterable[str] = ()) -> frozenset[str]:
    """The attack families a record speaks of, from its types and its weapons."""
    found = {FAMILIES[t] for t in attack_types if t in FAMILIES}
    for weapon in weapons:
        found.update(family for pattern, family in WEAPON_FAMILIES if pattern.search(weapon))
    return frozenset(found)


@dataclass(frozen=True)
class EventRecord:
    """What is known of one attack entity, for comparison with another."""

    id: str
    day: date | None
    month: str | None = None
    """YYYY-MM when the record is dated to the month and no day is known."""
    year: str | None = None
    """YYYY when the record is dated only to the year ("a year ago", "in 2016")."""
    place_ids: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    attack_type: str | None = None
    kinds: frozenset[str] = frozenset()
    """The attack families of its types and weapons (see ``families``); from ``attack_type``
    alone when empty."""
    perpetrators: frozenset[str] = frozenset()
    killed: int | None = None
    """The highest toll reported."""
    figures: frozenset[int] = frozenset()
    """Every toll reported (two reports quoting one figure corroborate each other even where
    a later one raises it); ``killed`` alone stands for them when this is empty."""
    targets: frozenset[str] = frozenset()
    """What was attacked, as name keys ("maternity ward")."""
    victims: frozenset[str] = frozenset()
    """People named as killed, wounded or taken, as name keys."""
    sources: frozenset[str] = field(default_factory=frozenset)
    reported: date | None = None
    """When the earliest report of it was published."""

    @property
    def tolls(self) -> frozenset[int]:
        if self.figures or self.killed is None:
            return self.figures
        return frozenset({self.killed})

    @property
    def families(self) -> frozenset[str]:
        return self.kinds or families([self.attack_type] if self.attack_type else [])

    @property
    def month_key(self) -> str | None:
        """YYYY-MM of the record, from its day or its month."""
        return self.month or (self.day.isoformat()[:7] if self.day else None)

    @property
    def year_key(self) -> str | None:
        """YYYY of the record, from its day, its month or its year."""
        month = self.month_key
        return month[:4] if month else self.year

    @classmethod
    def from_entity(
        cls,
        entity: Entity,
        perpetrators: frozenset[str] = frozenset(),
        reported: date | None = None,
    ) -> EventRecord:
        days = [d for d in entity.values("date") if len(d) == 10]
        months = [d for d in entity.values("date") if len(d) == 7]
        years = [d for d in entity.values("date") if len(d) == 4]
        lat, lon = entity.first("latitude"), entity.first("longitude")
        figures = [Quantity.parse(v).best for v in entity.values("killed")]
        known = [f for f in figures if f is not None]
        return cls(
            id=entity.id,
            day=date.fromisoformat(days[0]) if days else None,
            month=None if days or not months else months[0],
            year=None if days or months or not years else years[0],
            place_ids=frozenset(entity.values("place")),
            place_names=frozenset(name_key(n) for n in entity.values("placeName")),
            country=entity.first("country"),
            latitude=float(lat) if lat else None,
            longitude=float(lon) if lon else None,
            attack_type=entity.first("attackType"),
            kinds=families(entity.values("attackType"), entity.values("weapon")),
            perpetrators=perpetrators,
            killed=max(known) if known else None,
            figures=frozenset(known),
            targets=frozenset(name_key(t) for t in entity.values("targetDescription")),
            victims=frozenset(name_key(v) for v in entity.values("victim")),
            sources=frozenset(s.document_id for s in entity.statements if s.document_id),
            reported=reported,
        )


@dataclass(frozen=True)
class EventMatch:
    left: str
    right: str
    score: float
    decision: str
    reasons: tuple[str, ...]
    uncorroborated: bool = False
    """A background mention dated to the month that agrees on place and type but shares no
    toll or perpetrator: kept below MATCH here, merged by ``judge`` when it is the only
    attack it could be."""
    by_year: bool = False
    """A mention dated only to the year that agrees on place and type and shares a toll, a
    perpetrator, a target or a victim: kept below MATCH here, merged by ``judge`` when no
    other attack of that year shares as much."""

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def _km(a: EventRecord, b: EventRecord) -> float | None:
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _no(a: EventRecord, b: EventRecord, reason: str) -> EventMatch:
    return EventMatch(a.id, b.id, 0.0, "no_match", (reason,))


def compare_events(a: EventRecord, b: EventRecord) -> EventMatch:
    """Score two attack records by the rules in the module docstring."""
    by_month = by_year = False
    if a.day is not None and b.day is not None:
        gap = abs((a.day - b.day).days)
        if gap > DATE_TOLERANCE:
            return _no(a, b, f"dates {gap} days apart")
        reasons = [f"dates {gap} day(s) apart" if gap else "same date"]
    elif a.year or b.year or a.month or b.month:
        unit = "year" if a.year or b.year else "month"
        by_year, by_month = unit == "year", unit == "month"
        periods = {a.year_key, b.year_key} if by_year else {a.month_key, b.month_key}
        if None in periods or len(periods) != 1:
            return _no(a, b, f"not in the same {unit}")
        gap = 3 if by_year else 2
        reasons = [f"both in {periods.pop()}, one dated only to the {unit}"]
    else:
        dated, undated = (a, b) if a.day is not None else (b, a)
        if dated.day is None or undated.reported is None:
            return _no(a, b, "no date to compare")
        after = (undated.reported - dated.day).days
        if not 0 <= after <= REPORT_WINDOW:
            return _no(a, b, f"undated report published {after} days after the attack")
        gap = 2
        reasons = [f"undated report published {after} day(s) after the attack"]
    if a.country and b.country and a.country != b.country:
        return _no(a, b, f"different countries ({a.country}, {b.country})")
    distance = _km(a, b)
    if a.place_ids & b.place_ids or a.place_names & b.place_names:
        place, note = 1.0, "same place"
    elif any(
        len(x) >= 4 and len(y) >= 4 and (x.startswith(y) or y.startswith(x))
        for x in a.place_names
        for y in b.place_names
    ):
        place, note = 0.9, "one place name contains the other"
    elif distance is not None and distance <= NEAR_KM:
        place, note = 0.9, f"places {distance:.0f} km apart"
    elif distance is not None and distance > FAR_KM:
        return _no(a, b, f"places {distance:.0f} km apart")
    elif distance is not None:
        place, note = 0.6, f"places {distance:.0f} km apart"
    else:
        place, note = 0.5, "place not known on both sides"
    reasons.append(note)
    factor, bonus, corroborated = 1.0, 0.0, False
    family_a, family_b = a.families, b.families
    if family_a and family_b and not family_a & family_b:
        factor = TYPE_PENALTY
        reasons.append(f"attack types differ ({a.attack_type}, {b.attack_type})")
    elif a.attack_type != b.attack_type and len(family_a | family_b) > 1:
        complex_attack = ", ".join(sorted(family_a | family_b))
        reasons.append(f"one report tells of a complex attack ({complex_attack})")
    if a.perpetrators and b.perpetrators:
        if not a.perpetrators & b.perpetrators:
            return _no(a, b, "perpetrators differ")
        bonus += 0.05
        corroborated = True
        reasons.append("same perpetrator")
    victims = sorted(a.victims & b.victims)
    if victims:
        bonus += 0.2
        corroborated = True
        reasons.append(f"same victim named ({victims[0]})")
    if a.killed is not None and b.killed is not None:
        low, high = sorted((a.killed, b.killed))
        if high > FIGURE_SLACK and high > FIGURE_RATIO * max(low, 1):
            return _no(a, b, f"tolls too far apart ({low}, {high})")
        shared = sorted(a.tolls & b.tolls - {0})
        if shared:
            bonus += 0.1
            corroborated = True
            reasons.append(f"same toll ({shared[-1]})")
        else:
            reasons.append(f"tolls compatible ({low}, {high})")
    targets = sorted(a.targets & b.targets)
    if (by_month or by_year) and targets:
        corroborated = True
        reasons.append(f"same target ({targets[0]})")
    placed = place >= 0.9 or bool(victims)
    if by_year and not (placed and corroborated and factor == 1.0):
        return _no(
            a,
            b,
            "dated only to the year, with no place, toll, perpetrator, target or "
            "victim to show it is the same attack",
        )
    score = (1.0 - 0.05 * gap) * (0.55 + 0.45 * place) * factor + bonus
    weak = by_year or (by_month and not (placed and corroborated))
    score = round(min(1.0 if factor == 1.0 and not weak else MATCH - 0.01, score), 3)
    lone = by_month and place >= 0.9 and factor == 1.0 and not corroborated
    if by_year:
        score = max(score, POSSIBLE)
    return EventMatch(a.id, b.id, score, decide(score), tuple(reasons), lone, by_year)


def candidate_pairs(records: Sequence[EventRecord]) -> Iterator[tuple[EventRecord, EventRecord]]:
    """Pairs of records close enough in time to compare (sorted by date: blocking)."""
    dated = sorted((r for r in records if r.day is not None), key=lambda r: (r.day, r.id))
    days = [r.day for r in dated if r.day is not None]
    for i, first in enumerate(dated):
        assert first.day is not None
        for second in dated[i + 1 :]:
            assert second.day is not None
            if (second.day - first.day).days > DATE_TOLERANCE:
                break
            yield first, second
    by_month: dict[str, list[EventRecord]] = {}
    for record in records:
        key = record.month_key
        if key is not None:
            by_month.setdefault(key, []).append(record)
    for group in by_month.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                if first.month is not None or second.month is not None:
                    yield first, second
    by_year: dict[tuple[str, str | None], list[EventRecord]] = {}
    for record in records:
        key = record.year_key
        if key is not None:
            by_year.setdefault((key, record.country), []).append(record)
    for group in by_year.values():
        mentions = [r for r in group if r.year is not None]
        for mention in mentions:
            for other in group:
                if other is not mention and (other.year is None or other.id > mention.id):
                    yield mention, other
    for undated in records:
        if undated.day is not None or undated.month is not None or undated.year is not None:
            continue
        if undated.reported is None:
            continue
        start = bisect_left(days, undated.reported - timedelta(days=REPORT_WINDOW))
        for other in dated[start : bisect_right(days, undated.reported)]:
            yield other, undated


def judge(records: Sequence[EventRecord]) -> list[EventMatch]:
    """Every candidate pair compared; an uncorroborated background mention (see
    ``EventMatch.uncorroborated``) is merged with the attack when that attack is the only one
    dated to a day that it could be: one bombing at Jalalabad in April 2015, one mention of
    "the bombing in Jalalabad last April". A mention dated only to the year (see
    ``EventMatch.by_year``) is merged when it is the only attack of that year and place that
    shares a figure, a perpetrator, a target or a victim with it ("an assault on a maternity
    ward a year ago"). Where two attacks could be meant it stays for review.
    """
    by_id = {r.id: r for r in records}
    found = [compare_events(first, second) for first, second in candidate_pairs(records)]
    partners: dict[tuple[str, bool], set[str]] = {}
    for match in found:
        if match.decision == "no_match":
            continue
        for one, other in ((match.left, match.right), (match.right, match.left)):
            if by_id[one].day is None and by_id[other].day is not None:
                partners.setdefault((one, match.by_year), set()).add(other)
    settled = []
    for match in found:
        mention, attack = (match.left, match.right)
        if by_id[mention].day is not None:
            mention, attack = attack, mention
        dated = by_id[attack].day is not None
        lone = dated and partners.get((mention, match.by_year), set()) == {attack}
        why = None
        if match.uncorroborated:
            why = "the only attack at that place that month"
        elif match.by_year:
            why = "the only attack of that year that shares as much"
        if lone and why is not None:
            reasons = (*match.reasons, why)
            match = replace(match, score=MATCH, decision=decide(MATCH), reasons=reasons)
        settled.append(match)
    return settled


def duplicates(records: Sequence[EventRecord], threshold: float = MATCH) -> list[EventMatch]:
    """Every pair of records judged the same attack at ``threshold`` or above."""
    return [m for m in judge(records) if m.score >= threshold]
