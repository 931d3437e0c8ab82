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
from datetime import timedelta

from overhorizon.extraction.agents import AGENT_NOUNS
from overhorizon.extraction.attack_words import (
    CALENDAR,
    COUNTED,
    DIGITS,
    INDEFINITE,
    KILLING_OF,
    TARGET,
    TYPE_ORDER,
    WEAPONS,
    Clause,
    clauses,
    is_anaphoric,
    is_specific,
    names_strike,
    triggers,
)
from overhorizon.extraction.geo import distance_km, geo_index
from overhorizon.extraction.speech import ASIDE, asides
from overhorizon.extraction.timex import compatible
from overhorizon.extraction.victims import victim_groups
from overhorizon.extraction.work import (
    Attack,
    DateMention,
    Mention,
    Place,
    PlaceMention,
    Work,
)
from overhorizon.model.builder import entity_id
from overhorizon.model.types import name_key

"""An appositive or relative clause: its dates are not the dates of the attack outside it."""
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|of|across|into|on|from|around|targeting)\s+"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE,
)
_NEAR_TRIGGER = 100
_SAYING = (
    r"said|says|told|announced|reported|added|stated|acknowledged|lowered|raised|revised|"
    r"updated|confirmed|claimed"
)
_SPEECH_BEFORE = re.compile(rf"\b(?:{_SAYING})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(rf"^\s+(?:\w+\s+)?(?:{_SAYING})\b(?!\s+by\b)", re.IGNORECASE)
"""A date next to a verb of saying dates the statement rather than the attack (but not a
participle after it: "a blast on Monday claimed by the faction" is Monday's blast)."""
_ATTACHED = re.compile(r"^(?:['’]s)?(?:,?\s+(?:[\w-]+\s+){0,3}|,\s+when\s+(?:[\w-]+\s+){0,4})$")
"""Between a date and the attack word after it: "Friday's", "the Aug. 26", "In 2019, a"."""
_AND = re.compile(r",?\s+and\s+")
_GROUP_VERBS = (
    (
        "armed_assault",
        r"shot|shoots?|opened\s+fire|opens?\s+fire|fired\s+(?:at|on|upon)|raid(?:ed|s)?|"
        r"storm(?:ed|s)?|invad(?:ed|es?)|ambush(?:ed|es)?|waylaid|overran",
    ),
    (
        "kidnapping",
        r"kidnap(?:ped|s)?|abduct(?:ed|s)?|(?:took|take|takes)\s+(?:[\w-]+\s+){1,4}?hostages?",
    ),
    ("arson", r"torch(?:ed|es)?|set\s+(?:on\s+)?fire|set\s+ablaze|burn(?:ed|t|s)\s+down"),
    ("bombing", r"bomb(?:ed|s)|detonat(?:ed|es?)|dynamit(?:ed|e)|set\s+off|blew\s+up"),
    (
        "other",
        r"killed|kills|kill|murder(?:ed|s)?|execut(?:ed|es?)|behead(?:ed|s)?|massacred?|"
        r"burn(?:ed|t|s)|batter(?:ed|s)?|stoned|hanged|crushed|lined\s+up|"
        r"put\s+(?:[\w-]+\s+){1,5}?to\s+death|attack(?:ed|s)?|targeted|hit|"
        r"launched\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:attack|raid|assault)|"
        r"tried\s+to\s+(?:kill|assassinate|shoot)",
    ),
)
_GROUP_ACTS = re.compile(
    r"(?:['’]s)?\s+(?:(?:group|terror|terrorist|armed)\s+)?"
    rf"(?:(?:{AGENT_NOUNS}|bandits|thugs|infiltrators?|miscreants)\s+)?"
    r"(?:(?!(?:repeatedly|frequently|regularly|routinely|increasingly|previously)\b)"
    r"(?:have|has|had|also|then|later|reportedly|allegedly|[a-z]+ly)\s+){0,2}"
    + "(?:"
    + "|".join(f"(?P<{kind}>{verbs})" for kind, verbs in _GROUP_VERBS)
    + r")\b(?!\s+(?:by|in\s+an?\s+(?:air|drone)))",
    re.IGNORECASE,
)
"""After a group's name: the verb that makes it the attacker ("Boko Haram insurgents raid the
town", "Islamic State militants have beheaded", "Islamic State group executed"), named for
the type of attack it tells of."""
_ACCIDENT = re.compile(
    r"\b(?:accident\w*|crash(?:ed|es)?|derail\w*|earthquakes?|flood\w*|landslides?|storms?|"
    r"hurricanes?|cyclones?|collaps\w*|stampedes?|disease|outbreaks?|epidemic|drown\w*|"
    r"overdoses?|heatwaves?|lightning|avalanches?|wildfires?)\b",
    re.IGNORECASE,
)
_FORCES = r"forces|troops|army|military|police|soldiers|commandos"
"""A state's armed forces, as the killers of an operation rather than an attack."""
_STATE_KILLS = re.compile(
    rf"\b(?:{_FORCES})\s+"
    r"(?!(?:were|was|are|is|have\s+been|had\s+been|and)\b)(?:[\w-]+\s+){0,2}?"
    r"(?:killed|shot|kill|kills)\b(?!\s+by\b)",
    re.IGNORECASE,
)
"""A state's forces as the killers: an operation, not an attack ("soldiers killed by machine
gun fire" are its victims)."""
_TO_DEATH = re.compile(r"^[^.;]{0,60}?\b(?:to\s+death|alive)\b", re.IGNORECASE)
_FATE = (
    r"killed|assassinated|shot\s+dead|shot|gunned\s+down|murdered|executed|beheaded|"
    r"abducted|kidnapped|wounded|injured|stabbed|taken\s+hostage"
)
_KILLED_AFTER = re.compile(
    r"^(?:\s*,[^.;]{0,160}?,)?,?\s+(?:and\s+(?:[\w'’-]+\s+){0,4}?)?"
    rf"(?:(?:was|were|had\s+been|has\s+been|have\s+been)\s+"
    rf"(?:(?:reportedly|allegedly|also|later|then|fatally|apparently|seriously)\s+)?(?:{_FATE})"
    r"|died|was\s+among\s+the\s+dead)\b",
    re.IGNORECASE,
)
"""After a person's name: what befell them ("..., the founder of the faction, was killed")."""
_KILLED_BEFORE = re.compile(
    r"\b(?:killed|assassinated|murdered|executed|beheaded|abducted|kidnapped|shot\s+dead|"
    r"gunned\s+down|killing|assassinating|murdering|kidnapping|abducting)\s+"
    r"(?:(?:the|a|an|its|his|their)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+,\s+)?$",
    re.IGNORECASE,
)
_STATE_AGENT = re.compile(
    rf"\b(?:{_FORCES}|intelligence|service|security|government|operation|raid)\b",
    re.IGNORECASE,
)
"""Killers before the verb who make a killing an operation, not an attack."""
_BY_STATE = re.compile(
    r"^(?:\s*,[^.;]{0,160}?,)?[^.;]{0,60}?\bby\s+(?:the\s+)?(?:[\w.-]+\s+){0,2}?"
    rf"(?:{_FORCES}|intelligence|security)\b",
    re.IGNORECASE,
)
_PLACED = re.compile(
    r"^(?:\s+(?:at|in|on|near|outside|inside|of)\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,5}?)+$"
)
"""Between an attack word and the place it happened: prepositional phrases only."""
_SAME_PLACE_KM = 50.0
_SAME_REGION_KM = 150.0
"""A province's rough centre may lie this far from a town in it."""
_WINDOW_DAYS = 7


class AttacksComponent:
    """Groups the text's attack clauses into attacks."""

    name = "overhorizon.attacks.v1"
    requires: tuple[str, ...] = (
        "sentences",
        "dates",
        "places",
        "dateline",
        "reference_date",
        "mentions",
    )
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
        self.counted: set[tuple[int, int]] = set()
        self.weak: set[int] = set()
        """Attacks whose date is only a guess from a statement's date."""
        """(attack, sentence) pairs where a clause of the attack gave a toll."""

    def run(self) -> None:
        pending: list[Clause] = []
        """Lead clauses with a toll before any attack is named: "Nine guards were killed.
        The group claimed the attack." They speak of the first attack of their paragraph."""
        for sentence in self.work.sentences:
            rejected = False
            for number, whole in enumerate(clauses(sentence)):
                found = triggers(whole.text) or self._group_kills(whole)
                told = self.current
                recalled = not found and bool(found := self._person_killed(whole))
                if rejected and not found:
                    continue
                clause, other = self._coordinated(whole, found)
                event = self._place_clause(clause, found, continuing=number > 0 and not rejected)
                if recalled and event is not None and event is not told:
                    self.current = told
                rejected = bool(found) and event is None
                if event is None:
                    if not self.work.events and COUNTED.search(clause.text):
                        pending.append(clause)
                    continue
                if other is not None:
                    self._another_of_the_same(other, event)
                self.work.scopes.append((clause.start, clause.end, event.number))
                if event.number == 0 and event.number in self.leads:
                    self.work.scopes.extend(
                        (c.start, c.end, 0)
                        for c in pending
                        if c.sentence.paragraph == clause.sentence.paragraph
                    )
                pending = []
        if not self.work.events and pending:
            self._untold(pending)
        self.work.scopes.sort()
        self._victims()
        for event in self.work.events:
            self._finish(event)

    def _place_clause(
        self, clause: Clause, found: list[tuple[str, re.Match[str]]], continuing: bool
    ) -> Attack | None:
        if not found:
            return self._context(clause, continuing)
        lead = clause.sentence.paragraph <= self.lead_paragraph
        kind = min((k for k, _ in found), key=TYPE_ORDER.index)
        when, weak = self._date(clause, found, lead)
        where = self._place(clause)
        counted = bool(COUNTED.search(clause.text) and DIGITS.search(clause.text))
        sibling = self._sibling(clause, found, continuing, counted)
        listed = self._opens_elsewhere(clause, where) or self._another_elsewhere(
            clause, found, where, counted
        )
        if listed and sibling is None:
            sibling = self.current
        target = None if sibling is not None else self._fitting(when, where, kind)
        elsewhere = self._elsewhere(clause, found, where)
        if target is None and not elsewhere and self._refers_back(clause, found, when):
            target, when = self.current, None
        specific = is_specific(
            clause.text,
            found,
            counted,
            when,
            first_news=lead and not self.work.events,
            elsewhere=elsewhere,
        )
        if target is None:
            if not specific or not (lead or counted or when or where):
                return self.current if continuing else None
            target = Attack(len(self.work.events), clause.sentence.index, found[0][0])
            self.work.events.append(target)
            if lead:
                self.leads.add(target.number)
            if when is None and sibling is not None:
                when = sibling.date
        if counted:
            self.counted.add((target.number, clause.sentence.index))
        if clause.sentence.index not in target.sentences:
            target.sentences.append(clause.sentence.index)
        if TYPE_ORDER.index(kind) < TYPE_ORDER.index(target.attack_type) and (
            kind != "assassination" or target.attack_type == "other"
        ):
            target.attack_type = kind
        if when is not None:
            self._set_date(target, when, weak)
        vague = target.place is None or target.place.place.kind == "country"
        if vague and where is not None and (specific or lead or self._refines(target, where)):
            target.place = where
        _first_target(target, clause)
        for weapon in WEAPONS.finditer(clause.text):
            text = weapon.group().lower()
            if all(text != w for w, _ in target.weapons):
                target.weapons.append((text, clause.sentence.index))
        self.current = target
        return target

    def _group_kills(self, clause: Clause) -> list[tuple[str, re.Match[str]]]:
        """A named armed group as the subject of an attack verb ("Islamic State kills 30 in
        Mosul", "Abu Sayyaf fighters executed two hostages", "Boko Haram invaded the
        village"): an attack with no attack word."""
        found = []
        for mention in self._named_in(clause, "ArmedGroup"):
            verb = _GROUP_ACTS.match(clause.text, mention.end - clause.start)
            if verb is not None:
                kind = verb.lastgroup or "other"
                if kind == "arson" and _TO_DEATH.match(clause.text[verb.end() :]):
                    kind = "other"
                found.append((kind, verb))
        return found

    def _named_in(self, clause: Clause, schema: str) -> list[Mention]:
        """The actors of ``schema`` named by name (not by description) inside ``clause``."""
        return [
            m
            for m in self.work.mentions
            if m.actor.schema == schema
            and not m.descriptive
            and clause.start <= m.start < m.end <= clause.end
        ]

    def _untold(self, pending: list[Clause]) -> None:
        """A report that names no attack but opens with people killed or wounded ("Two
        civilians were injured at Petrovsky District", "Masked miscreants killed a blogger")
        tells of an attack of unknown type, unless it tells of an accident, of a state's
        forces doing the killing, or of a strike anywhere in the report."""
        first = pending[0]
        told = [c for c in pending if c.sentence.paragraph == first.sentence.paragraph]
        text = " ".join(c.text for c in told)
        strike = names_strike(self.work.document.text)
        if _ACCIDENT.search(text) or _STATE_KILLS.search(text) or strike:
            return
        event = Attack(0, first.sentence.index, "other")
        self.work.events.append(event)
        self.leads.add(0)
        for clause in told:
            if clause.sentence.index not in event.sentences:
                event.sentences.append(clause.sentence.index)
            when = next(
                (
                    d
                    for d in self.work.dates
                    if d.anchored
                    and clause.start <= d.start < clause.end
                    and not _statement_date(clause.text, d, clause.start)
                ),
                None,
            )
            if when is not None:
                self._set_date(event, when, weak=False)
            if event.place is None:
                event.place = self._place(clause)
            _first_target(event, clause)
            self.work.scopes.append((clause.start, clause.end, 0))
        self.current = event

    def _person_killed(self, clause: Clause) -> list[tuple[str, re.Match[str]]]:
        """A named person's killing told as a noun ("avenged the killing of the faction's
        founder, Omar Khalid Khorasani, in Afghanistan last August"): an attack with no attack
        word. Killings by air or drone strikes are strikes, not attacks. Such a killing is
        recalled, not told: "the attack" after it still means the attack being told."""
        if names_strike(clause.text):
            return []
        found = []
        for mention in self._named_in(clause, "Person"):
            noun = KILLING_OF.search(clause.text, 0, mention.start - clause.start)
            if noun is not None:
                taken = noun.group().lower().startswith(("abduction", "kidnapping"))
                found.append(("kidnapping" if taken else "assassination", noun))
        return found

    def _victims(self) -> None:
        """The people an attack killed, wounded or took, where the text names them: the
        subject of "was killed", "died" ("Omar Khalid Khorasani, the founder of ..., was
        killed when a roadside bomb struck his vehicle") or the object of "killed", "the
        killing of". Killings by states' forces and strikes are not attacks' victims."""
        work = self.work
        for mention in work.mentions:
            if mention.actor.schema != "Person" or mention.descriptive:
                continue
            event = work.event_at(mention.start)
            if event is None:
                continue
            sentence = work.sentences[mention.sentence]
            before = sentence.text[: mention.start - sentence.start]
            after = sentence.text[mention.end - sentence.start :]
            if names_strike(sentence.text) or _BY_STATE.match(after):
                continue
            subject = _KILLED_AFTER.match(after)
            if subject is not None:
                local = (mention.start - sentence.start, mention.end - sentence.start)
                if any(s < local[0] and local[1] < e for s, e in asides(sentence.text)):
                    subject = None
            killed = subject or KILLING_OF.search(before)
            active = _KILLED_BEFORE.search(before)
            if active is not None and not _STATE_AGENT.search(before[: active.start()]):
                killed = killed or active
            if killed and all(name != mention.actor.name for name, _ in event.victims):
                event.victims.append((mention.actor.name, sentence.index))
        self._victim_groups()

    def _victim_groups(self) -> None:
        """Who each attack hit, named as a group, in the clauses that tell of it; not in
        sentences of strikes, whose dead are no attack's victims."""
        work = self.work
        for start, end, number in work.scopes:
            sentence = work.sentences[work.sentence_at(start)]
            if names_strike(sentence.text):
                continue
            event = work.events[number]
            for _, _, group in victim_groups(work.document.text[start:end]):
                if all(name_key(group) != name_key(g) for g, _ in event.victim_groups):
                    event.victim_groups.append((group, sentence.index))

    @staticmethod
    def _refines(event: Attack, where: PlaceMention) -> bool:
        """A place inside the country the attack was known by ("killed in eastern
        Afghanistan", then "died in the blast in Paktika province")."""
        known = event.place
        return (
            known is not None
            and known.place.kind == "country"
            and where.place.kind != "country"
            and where.place.country == known.place.country
        )

    def _coordinated(
        self, clause: Clause, found: list[tuple[str, re.Match[str]]]
    ) -> tuple[Clause, Clause | None]:
        """One attack word, two attacks: "assassinating the governor in Mazar-i-Sharif in
        March 2023 and the cleric in Kabul in August 2022". The clause is cut before an "and"
        that has a calendar date on each side (after the attack word), the two incompatible,
        and a place and no attack word after it; the part after is returned apart."""
        if not found:
            return clause, None
        first = clause.start + found[0][1].end()
        dated = [
            d
            for d in self.work.dates
            if d.anchored and first <= d.start < clause.end and CALENDAR.search(d.text)
        ]
        if len(dated) < 2:
            return clause, None
        for joint in _AND.finditer(clause.text):
            cut = clause.start + joint.start()
            before = [d for d in dated if d.end <= cut]
            after = [d for d in dated if d.start >= cut]
            placed = any(cut <= p.start < clause.end for p in self.work.places)
            rest = clause.text[joint.end() :]
            if before and after and placed and not compatible(before[-1].value, after[0].value):
                if triggers(rest):
                    return clause, None
                head = Clause(clause.sentence, clause.start, cut, clause.text[: joint.start()])
                tail = Clause(clause.sentence, clause.start + joint.end(), clause.end, rest)
                return head, tail
        return clause, None

    def _another_of_the_same(self, clause: Clause, model: Attack) -> None:
        """The second attack of a coordinated clause: the first's type, its own date and
        place (an existing attack when they fit one)."""
        when = next(
            (d for d in self.work.dates if d.anchored and clause.start <= d.start < clause.end),
            None,
        )
        where = self._place(clause)
        if when is None or where is None:
            return
        event = self._fitting(when, where, model.attack_type)
        if event is None or event is model:
            event = Attack(len(self.work.events), clause.sentence.index, model.attack_type)
            self.work.events.append(event)
            self._set_date(event, when, weak=False)
            event.place = where
        if clause.sentence.index not in event.sentences:
            event.sentences.append(clause.sentence.index)
        self.work.scopes.append((clause.start, clause.end, event.number))

    def _date(
        self, clause: Clause, found: list[tuple[str, re.Match[str]]], lead: bool
    ) -> tuple[DateMention | None, bool]:
        """The date of the attack a clause describes, and whether it is only a guess.

        Preferred: a date tied to the attack word ("Friday's bombing", "the Aug. 26 attack"),
        then one after it ("blew himself up on Saturday"). Dates of statements ("said on
        Monday") and dates inside asides do not count, and outside the lead the date must lie
        near the word. In the lead, failing those, any date of the clause is a guess that a
        firmer date later replaces.
        """
        asides = [
            (a.start(), a.end())
            for a in ASIDE.finditer(clause.text)
            if not any(a.start() <= m.start() < a.end() for _, m in found)
        ]

        def distance(mention: DateMention) -> int:
            local = mention.start - clause.start
            return min(
                max(m.start() - (local + len(mention.text)), local - m.end(), 0) for _, m in found
            )

        text = clause.text
        candidates = [
            d
            for d in self.work.dates
            if d.anchored
            and clause.start <= d.start < clause.end
            and not any(s <= d.start - clause.start < e for s, e in asides)
            and (lead or distance(d) <= _NEAR_TRIGGER or _opens(text, d, clause.start))
        ]
        dates = [d for d in candidates if not _statement_date(text, d, clause.start)]
        spoken = [d for d in candidates if d not in dates]
        first = found[0][1].start()
        attached = [
            d
            for d in dates
            if d.start - clause.start < first
            and _ATTACHED.match(text[d.end - clause.start : first])
        ]
        later = [d for d in dates if d.start - clause.start > first]
        pool = attached or later or [d for d in dates if _opens(text, d, clause.start)]
        if pool:
            return min(pool, key=lambda d: (distance(d), -len(d.value))), False
        if lead and (dates or spoken):
            return min(dates or spoken, key=lambda d: (distance(d), -len(d.value))), True
        return None, False

    def _place(self, clause: Clause) -> PlaceMention | None:
        """The most precise place the clause puts the attack in ("in", "at", "outside" ...),
        inside the country it names first ("in northeast Jordan ..., since the war in Gaza
        began" is in Jordan), else the last one of the clause it depends on ("bombings in
        Kabul, including ...")."""
        order = {"city": 0, "region": 1, "country": 2}
        places = self._places_in(clause.start, clause.end)
        first = min(places, key=lambda p: p.start, default=None)
        text = self.work.document.text
        if (
            first is not None
            and first.place.kind == "country"
            and _IN_BEFORE.search(text, max(0, first.start - 30), first.start)
        ):
            places = [p for p in places if p.place.country == first.place.country] or [first]
        if places:
            return min(places, key=lambda p: (order[p.place.kind], p.start))
        if clause.context is not None:
            return max(self._places_in(*clause.context), key=lambda p: p.start, default=None)
        return None

    def _places_in(self, start: int, end: int) -> list[PlaceMention]:
        return [
            p
            for p in self.work.places
            if not p.from_dateline
            and start <= p.start < end
            and _LOCATIVE.search(self.work.document.text[max(start, p.start - 60) : p.start])
        ]

    def _opens_elsewhere(self, clause: Clause, where: PlaceMention | None) -> bool:
        """ "In Diyala province, gunmen opened fire ...": a clause that opens with a place other
        than the current attack's tells of another attack in a list of them."""
        if where is None or not self._away_from_current(where):
            return False
        head = self.work.document.text[clause.start : where.start]
        tail = self.work.document.text[where.end : where.end + 30]
        return bool(_OPENING_PLACE.match(head)) and bool(_PLACE_COMMA.match(tail))

    def _another_elsewhere(
        self,
        clause: Clause,
        found: list[tuple[str, re.Match[str]]],
        where: PlaceMention | None,
        counted: bool,
    ) -> bool:
        """ "Later, a suicide bomber blew himself up at a market in Tikrit, killing seven": an
        indefinite attack with its own toll in another place than the current attack, which
        has a toll already, is another attack."""
        current = self.current
        if not counted or where is None or where.place.kind == "country":
            return False
        if current is None or not self._away_from_current(where):
            return False
        if not any(number == current.number for number, _ in self.counted):
            return False
        return bool(INDEFINITE.search(clause.text[: found[0][1].start()]))

    def _away_from_current(self, where: PlaceMention) -> bool:
        """True when the current attack is placed, and elsewhere than ``where``."""
        current = self.current
        return (
            current is not None
            and current.place is not None
            and current.place.place.entity_id != where.place.entity_id
        )

    def _elsewhere(
        self, clause: Clause, found: list[tuple[str, re.Match[str]]], where: PlaceMention | None
    ) -> bool:
        """The attack word is placed, by the phrases right after it, in a town or region far
        from the attack being told ("the massacre at the concert hall near Moscow")."""
        current = self.current
        if where is None or current is None or current.place is None:
            return False
        if where.place.kind == "country" or current.place.place.kind == "country":
            return False
        if same_place(current.place.place, where.place):
            return False
        text = self.work.document.text
        return any(
            _PLACED.match(text[clause.start + m.end() : where.start]) is not None for _, m in found
        )

    def _refers_back(
        self, clause: Clause, found: list[tuple[str, re.Match[str]]], when: DateMention | None
    ) -> bool:
        """ "The Islamic State claimed the shooting on Saturday": a definite attack word whose
        clause gives no calendar date speaks of the current attack, whatever its other dates
        (they date the claim or the statement)."""
        if self.current is None or not all(is_anaphoric(clause.text, m) for _, m in found):
            return False
        return when is None or not CALENDAR.search(when.text)

    def _set_date(self, event: Attack, when: DateMention, weak: bool) -> None:
        """A firm date replaces a guess or a vaguer date; a guess fills only an empty date."""
        guessed = event.number in self.weak
        if event.date is not None and (
            weak or (not guessed and len(when.value) <= len(event.date.value))
        ):
            return
        event.date = when
        if weak:
            self.weak.add(event.number)
        else:
            self.weak.discard(event.number)

    def _context(self, clause: Clause, continuing: bool) -> Attack | None:
        """A clause without attack words speaks of the attack around it, or of the lead one."""
        if continuing or self.current is None:
            return self.current
        last = self.work.sentences[self.current.sentences[-1]]
        if last.paragraph == clause.sentence.paragraph:
            return self.current
        return next((e for e in self.work.events if e.number in self.leads), self.current)

    def _sibling(
        self,
        clause: Clause,
        found: list[tuple[str, re.Match[str]]],
        continuing: bool,
        counted: bool,
    ) -> Attack | None:
        """The attack of the sentence's earlier clause, when this clause reports another one.

        "Gunmen attacked a ward, killing 24, while a suicide bomber struck a funeral, killing
        24": a second indefinite attack with its own toll in one sentence is a second attack.
        """
        current = self.current
        if not (continuing and counted and current is not None):
            return None
        if (current.number, clause.sentence.index) not in self.counted:
            return None
        first = found[0][1]
        return current if INDEFINITE.search(clause.text[: first.start()]) else None

    def _fitting(
        self, when: DateMention | None, where: PlaceMention | None, kind: str
    ) -> Attack | None:
        """The attack a clause fits: the current one first, then one of the same type."""
        fitting = [
            e for e in self.work.events if self._date_fits(e, when) and self._place_fits(e, where)
        ]
        if not fitting:
            return None
        if kind != "other":
            same = [e for e in fitting if e.attack_type in _KINDS_OF.get(kind, {kind})]
            if same and self.current not in same:
                return same[-1]
        return self.current if self.current in fitting else fitting[0]

    def _date_fits(self, event: Attack, when: DateMention | None) -> bool:
        if when is None:
            return True
        if event.date is not None and event.number not in self.weak:
            return compatible(when.value, event.date.value)
        reference = self.work.reference_date
        if event.number in self.leads and reference is not None:
            return any(
                compatible(when.value, (reference - timedelta(days=k)).isoformat())
                for k in range(_WINDOW_DAYS + 1)
            )
        return True

    def _place_fits(self, event: Attack, where: PlaceMention | None) -> bool:
        """A report filed in Tehran may lead with a bombing in Kerman: the dateline's place is
        the lead attack's only when the text names none."""
        known = event.place
        if where is None or known is None or where.place.kind == "country":
            return True
        return same_place(known.place, where.place)

    def _finish(self, event: Attack) -> None:
        lead = event.number in self.leads
        if lead and event.date is None:
            event.date = self._reference_date()
            event.date_from_dateline = event.date is not None
        filed = self.dateline_place
        if lead and filed is not None and _vaguer(event.place, filed, self.work.document.text):
            event.place = filed
        event.background = not lead
        if event.attack_type == "other" and self._assault(event):
            event.attack_type = "armed_assault"
        event.entity_id = attack_id(self.work, event)

    def _assault(self, event: Attack) -> bool:
        """True for an attack of no told type that assailants carried out against people
        ("The Taliban attacked a security outpost, killing three police officers"): an armed
        assault, unless its sentences tell of explosives, fire, an execution, a vehicle, a
        blade or an abduction."""
        sentences = [self.work.sentences[i] for i in sorted({event.sentence, *event.sentences})]
        text = " ".join(s.text for s in sentences)
        if _NOT_ASSAULT.search(text) or not _HARMED.search(text):
            return False
        indices = {s.index for s in sentences}
        return bool(_ASSAILANTS.search(text)) or any(
            m.sentence in indices and m.actor.schema in {"ArmedGroup", "Faction"}
            for m in self.work.mentions
        )

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


def _first_target(event: Attack, clause: Clause) -> None:
    """What the attack was aimed at, from the first clause of it that names a target."""
    if not event.targets:
        found = TARGET.search(clause.text)
        if found is not None:
            event.targets.append((found[1], clause.sentence.index))


_OPENING_DATE = re.compile(r"^\s*(?:(?:on|in|early|late|earlier|later|during|by)\s+)?$", re.I)


def _opens(text: str, mention: DateMention, offset: int) -> bool:
    """True for a date that opens its clause and is set off by a comma ("Last month, ISKP
    fighters killed the governor ... in a suicide bombing"): it dates the whole clause."""
    start, end = mention.start - offset, mention.end - offset
    return bool(_OPENING_DATE.match(text[:start])) and text[end:].lstrip().startswith(",")


def _statement_date(text: str, mention: DateMention, offset: int) -> bool:
    start, end = mention.start - offset, mention.end - offset
    return bool(_SPEECH_BEFORE.search(text[:start]) or _SPEECH_AFTER.match(text[end:]))


_NOT_ASSAULT = re.compile(
    r"\b(?:bomb\w*|explo\w*|blasts?|IEDs?|mines?|rockets?|mortars?|shell\w*|grenades?|drones?|"
    r"missiles?|execut\w*|behead\w*|hack\w*|lynch\w*|burn\w*|arson|fire\s+to|torch\w*|gas|"
    r"poison\w*|vehicle|truck|car|ramm\w*|plough\w*|plow\w*|kidnap\w*|abduct\w*|hostages?|"
    r"stab\w*|knife|knives|machetes?|strikes?|air\s*strikes?|suicide)\b",
    re.IGNORECASE,
)
_HARMED = re.compile(
    r"\b(?:killed|killing|kills?|dead|died|wounded|wounding|injured|injuring)\b", re.I
)
_ASSAILANTS = re.compile(
    r"\b(?:militants?|insurgents?|gunm[ae]n|fighters|guerrillas?|rebels?|jihadists?|terrorists?|"
    r"bandits?|armed\s+(?:men|group)|assailants?|attackers?|militiam[ae]n|extremists?|"
    r"the\s+(?:same\s+)?group)\b",
    re.IGNORECASE,
)
"""An attack of no told type: assailants who killed or wounded, and no word of another way."""
_KINDS_OF = {"bombing": {"bombing", "suicide_bombing"}}
"""The attack types a word of a wider type also names: a suicide bombing is a bombing."""
_OPENING_PLACE = re.compile(
    r"^\s*(?:(?:Later|Meanwhile|Elsewhere|Also),?\s+)?(?:In|At|Near)\s+(?:the\s+)?$"
)
_PLACE_COMMA = re.compile(r"^(?:\s+(?:province|district|city|town|region|governorate|state))?,")
_IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?(?:[a-z-]+\s+)?$")
"""Before a country the attack is in ("in northeast Jordan"), not one it came from."""
_PART_OF_COUNTRY = re.compile(
    r"\b(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west|"
    r"remote|rural)(?:ern)?\s+$",
    re.IGNORECASE,
)
"""Before a country: a part of it, away from the dateline's city."""


def _vaguer(place: PlaceMention | None, filed: PlaceMention, text: str) -> bool:
    """True when the dateline's city says more than ``place`` (none, or its whole country,
    unless the text puts it in a part of that country away from a capital the report was
    filed from: "AMMAN — ... in northeast Jordan")."""
    if place is None:
        return True
    if place.place.kind != "country" or place.place.country != filed.place.country:
        return False
    capital = geo_index().capitals.get(filed.place.country or "")
    return not (
        capital == name_key(filed.place.name)
        and _PART_OF_COUNTRY.search(text, max(0, place.start - 20), place.start)
    )


def same_place(first: Place, second: Place) -> bool:
    """False only when the two are clearly apart: other countries, or distant places."""
    if first.entity_id == second.entity_id:
        return True
    if first.country and second.country and first.country != second.country:
        return False
    distance = distance_km(first, second)
    if distance is None:
        return True
    reach = _SAME_PLACE_KM if first.kind == second.kind == "city" else _SAME_REGION_KM
    return distance <= reach


def attack_id(work: Work, event: Attack) -> str:
    """Shared across documents when the day and the place are read from the text itself."""
    when, where = event.date, event.place
    if when is not None and len(when.value) == 10 and not event.date_from_dateline and where:
        return entity_id("Attack", when.value, where.place.geoname_id or where.place.name)
    return entity_id("Attack", work.document.id, str(event.number))
