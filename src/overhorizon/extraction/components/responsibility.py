"""Who is responsible for each attack, and who says so.

Three kinds are kept apart because analysts weigh them differently:

- **claimed**: the group itself says it did it ("claimed responsibility", "claimed the bombing
  through its Amaq news agency", "the group said its fighters carried out the attack");
- **attributed**: someone else says so as a fact ("officials blamed ISKP", "was behind",
  "carried out by"), kept with who says it;
- **suspected**: someone else says so with a hedge ("suspected", "bore the hallmarks of",
  "likely", "believed to").

A group the telling itself names as doing the attack ("Boko Haram insurgents stormed the
village", "a Taliban attack") is attributed (suspected after a hedge) by the source; see
``extraction.agents``.

A negated cue ("no group has claimed", "denied any role") yields nothing.
"""

from __future__ import annotations

import re

from overhorizon.extraction.agents import agent_kind
from overhorizon.extraction.anaphora import is_group, latest_group, referent
from overhorizon.extraction.speech import asides, negated, outside, speaker
from overhorizon.extraction.work import Attack, Mention, Responsibility, Sentence, Work

_CLAIM = re.compile(
    r"\b(?:claim(?:ed|s|ing)?(?!\s+(?:to|that\s+it\s+was|the\s+lives|\d+\s+lives|lives))|"
    r"took\s+responsibility|(?:announced|accepted|admitted|assumed)\s+responsibility|"
    r"(?:its|their)\s+(?:fighters|bombers?|suicide\s+bombers?|men|"
    r"militants)\s+(?:had\s+)?(?:carried\s+out|detonated|targeted|attacked|fired))\b",
    re.IGNORECASE,
)
_SELF_REPORT = re.compile(
    r"\bsaid\b[^.;]{0,40}?\b(?:that\s+)?(?:it|they|its\s+\w+|(?:\w+\s+)?(?:of\s+)?"
    r"(?:its|the\s+group['’]s)\s+(?:\w+\s+)?\w+)\s+(?:had\s+)?(?:carried\s+out|fired|detonated|"
    r"targeted|attacked|struck|launched)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:by|for|from)\s+(?:the\s+)?(?:(?:group|militants|organi[sz]ation|"
    r"network|movement)\s+(?:known\s+as|calling\s+itself|called)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
_ATTRIBUTE = re.compile(
    r"\b(?P<cue>blam(?:ed|es|ing)|attributed\s+to|(?:was|were|is|are|had\s+been|be|been)\s+behind|"
    r"(?:was|were|is|are|been)\s+(?:\w+\s+)?responsible|carried\s+out\s+by|the\s+work\s+of|"
    r"accused|hallmarks\s+of|suspected|suspect|pointed\s+to|point(?:s|ing)?\s+to|"
    r"suspicion\s+(?:has\s+|had\s+)?(?:fallen|fell|falls)\s+on)\b"
    r"(?!\s+(?:members?|militants?|fighters?|insurgents?|operatives?|cells?|bombers?|gunmen)\b)",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:suspect(?:ed|s)?|likely|probably|possibly|believed|believe|thought\s+to|may\s+have|"
    r"might\s+have|could\s+have|appear(?:ed|s)?|hallmarks|signature|presumably|suspicion|"
    r"point(?:ed|s|ing)?\s+to)\b",
    re.IGNORECASE,
)
_MANY_BEFORE = re.compile(
    r"\b(?:repeated|previous|past|earlier|similar|numerous|other)\s+(?:[\w-]+\s+){0,2}"
    r"(?:attacks|bombings|assaults|raids|killings)\s+(?:(?:that\s+were|were)\s+)?$",
    re.IGNORECASE,
)
"""Before "claimed": attacks in general ("repeated attacks claimed by ISKP"), not this one."""
_MANY_BY = re.compile(
    r"\b(?:repeated|previous|past|earlier|similar|numerous)\s+(?:[\w-]+\s+){0,2}"
    r"(?:attacks|bombings|assaults|raids|killings)\s+(?:[\w-]+\s+){0,2}by\s+(?:the\s+)?"
    r"(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""Before a group named as the agent of attacks in general ("repeated attacks claimed by the
group known as ISKP")."""
_BY_ANAPHOR = re.compile(
    r"\s+by\s+(?:the|this)\s+(?:(?P<head>network|movement)|group|militants|organi[sz]ation|"
    r"faction)\b",
    re.IGNORECASE,
)
"""After a claim word, the group named before: "which was also claimed by the group"."""
_GROUP_AGENT = re.compile(
    r"\b(?:the|this)\s+(?:same\s+)?(?P<noun>(?P<head>network|movement)|group|organi[sz]ation|"
    r"militants|faction)\s+(?:(?:also|later|then|again|had|has|have|allegedly|reportedly)\s+)?"
    r"(?:attacked|bombed|stormed|struck|raided|ambushed|targeted|carried\s+out|killed|"
    r"kidnapped|abducted|detonated|launched|massacred)\b",
    re.IGNORECASE,
)
"""A group named before doing an attack: "the same group attacked a shrine"."""
_LINKED_AFTER = re.compile(r"[-–](?:linked|affiliated|allied|aligned|backed|inspired)\b")
"""After a group that only describes the claimer: "the al-Qaeda-linked group said its
fighters had carried out the raid" is the group named before, not al-Qaeda."""
_HABIT_AFTER = re.compile(
    r"^\s+(?:have|has|had)\s+(?:(?:also|long|repeatedly|often|since|previously|frequently)\s+)?"
    r"(?:(?:attacked|raided|targeted|killed|bombed|struck|stormed)\s+"
    r"(?:(?:its|their|the|many|several|dozens\s+of|scores\s+of)\s+)?(?:[\w-]+\s+)?[a-z-]+s\b|"
    r"(?:carried\s+out|claimed|conducted|staged|launched|mounted)\s+(?:similar|such|many|"
    r"several|previous|other|past|numerous|repeated|dozens\s+of|scores\s+of|"
    r"a\s+(?:string|series|wave|spate)\s+of)\b)",
    re.IGNORECASE,
)
"""After a group: a habit, not the attack told ("the Taliban have raided its hideouts", "the
Islamic State has carried out similar bombings")."""
_IN_GENERAL = re.compile(
    r"^\s+for\s+(?:some|many|several|most|dozens|scores|numerous|a\s+(?:string|series|wave|"
    r"number)|a\s+spate)\b",
    re.IGNORECASE,
)
"""After "blamed": attacks in general ("was blamed for some of the bloodiest bombings")."""
_OBJECT_BEFORE = re.compile(
    r"\b(?:from|against|with|to|into|at|over|than|toward|towards)\s+(?:the\s+)?$", re.IGNORECASE
)
"""Before a group: a preposition that makes it an object ("broke away from the TTP and was
blamed"), not the subject of the cue that follows."""
_PART_OF = re.compile(
    r"^\s+(?:faction|wing|branch|splinter\s+group|affiliate|offshoot|cell|unit|chapter)\s+"
    r"of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Between two groups: the first is a part of the second ("the Jamaat-ul-Ahrar faction of the
Pakistani Taliban"), and it is the part that acts."""
_ACCUSED_OF_OTHER = re.compile(
    r"\s+of\s+(?!(?:carrying|staging|attacking|bombing|killing|orchestrating|planning|"
    r"ordering|masterminding|targeting|launching|mounting|perpetrating|committing|organi[sz]ing|"
    r"being|having|the\s+attack|the\s+bombing|involvement)\b)\w+ing\b",
    re.IGNORECASE,
)
"""After "accused X": a charge other than the attack ("accused the Taliban of playing down
the number of victims")."""
_GROUP_AFTER = frozenset(
    {
        "blamed",
        "blames",
        "blaming",
        "attributed to",
        "carried out by",
        "the work of",
        "accused",
        "pointed to",
        "point to",
        "points to",
        "pointing to",
    }
)
_WINDOW = 120
"""An appositive or relative clause: a group named inside it is not the sentence's subject."""


class ResponsibilityComponent:
    """Links attacks to the groups that claimed them or are said to be behind them."""

    name = "overhorizon.responsibility.v1"
    requires: tuple[str, ...] = ("sentences", "mentions", "events", "scopes")
    assigns: tuple[str, ...] = ("responsibility",)

    def __call__(self, work: Work) -> None:
        if not work.events:
            return
        for sentence in work.sentences:
            groups = [m for m in work.in_sentence(work.mentions, sentence.index) if is_group(m)]
            self._claims(work, sentence, groups)
            self._attributions(work, sentence, groups)
            self._agents(work, sentence, groups)
        self._branch_claims(work)

    @staticmethod
    def _branch_claims(work: Work) -> None:
        """A claim by a parent group of an attack that is laid on one of its branches ("The
        Islamic State claimed it ... officials said it was carried out by ISIS-K") is the
        branch's claim, told through its parent: the branch is the more precise answer."""
        for fact in list(work.responsibility):
            if fact.kind == "claimed":
                continue
            parents = [
                c
                for c in work.responsibility
                if c.event == fact.event
                and c.kind == "claimed"
                and (fact.actor.entity_id, c.actor.entity_id) in work.branches
            ]
            if parents:
                claim = max(parents, key=lambda c: c.confidence)
                work.responsibility.append(
                    Responsibility(
                        fact.event,
                        fact.actor,
                        "claimed",
                        fact.sentence,
                        fact.asserted_by,
                        min(0.95, claim.confidence + 0.05),
                    )
                )

    def _claims(self, work: Work, sentence: Sentence, groups: list[Mention]) -> None:
        text = sentence.text
        cues = [*_CLAIM.finditer(text), *_SELF_REPORT.finditer(text)]
        for cue in sorted(cues, key=lambda c: c.start()):
            event = work.event_at(sentence.start + cue.start())
            if (
                event is None
                or negated(text, cue.start())
                or _MANY_BEFORE.search(text, 0, cue.start())
            ):
                continue
            group = self._claimer(work, sentence, groups, cue)
            if group is None:
                continue
            who = speaker(text)
            if who is not None and _names(group, who):
                who = None
            confidence = 0.8 if cue.re is _CLAIM else 0.7
            self._add(work, event.number, group, "claimed", sentence.index, who, confidence)

    def _claimer(
        self, work: Work, sentence: Sentence, groups: list[Mention], cue: re.Match[str]
    ) -> Mention | None:
        """The claiming group: after "by", else the subject before the cue, else an anaphor."""
        at = sentence.start + cue.start()
        after = [g for g in groups if g.start >= sentence.start + cue.end()]
        gap = sentence.text[cue.end() : after[0].start - sentence.start] if after else ""
        if after and _PASSIVE.match(gap):
            return after[0]
        by_anaphor = _BY_ANAPHOR.match(sentence.text, cue.end())
        if by_anaphor is not None:
            return latest_group(
                work,
                sentence.start + cue.end(),
                (by_anaphor["head"] or "").lower(),
                for_itself=True,
            )
        spans = [(s + sentence.start, e + sentence.start) for s, e in asides(sentence.text)]
        before = [
            g
            for g in groups
            if g.end <= at and at - g.end < _WINDOW and outside(spans, g.start, g.end, at)
        ]
        if before:
            acting = _acting(work, before)
            if _LINKED_AFTER.match(work.document.text, acting.end):
                return latest_group(work, acting.start, other_than=acting.actor.entity_id)
            return acting
        return referent(work, sentence.text, sentence.start, cue.start())

    def _attributions(self, work: Work, sentence: Sentence, groups: list[Mention]) -> None:
        text = sentence.text
        for cue in _ATTRIBUTE.finditer(text):
            event = work.event_at(sentence.start + cue.start())
            if event is None or negated(text, cue.start()) or _IN_GENERAL.match(text[cue.end() :]):
                continue
            phrase = " ".join(cue["cue"].lower().split())
            at = sentence.start + cue.start()
            after = [g for g in groups if g.start >= sentence.start + cue.end()]
            before = [
                g
                for g in groups
                if g.end <= at and not _OBJECT_BEFORE.search(text[: g.start - sentence.start])
            ]
            if before:
                before = [*before[:-1], _acting(work, before)]
            group: Mention | None = None
            if after and (
                phrase in _GROUP_AFTER or phrase.startswith(("hallmarks", "suspect", "suspic"))
            ):
                group = after[0] if after[0].start - at < _WINDOW else None
            if group is None and before and at - before[-1].end < _WINDOW:
                group = before[-1]
            if group is None or (
                phrase == "accused" and _ACCUSED_OF_OTHER.match(text, group.end - sentence.start)
            ):
                continue
            clause = text[max(0, cue.start() - 80) : cue.end() + 40]
            hedged = bool(_HEDGE.search(clause))
            kind = "suspected" if hedged else "attributed"
            who = speaker(text)
            if who is not None and _names(group, who):
                who = None
            confidence = 0.5 if hedged else 0.7
            self._add(work, event.number, group, kind, sentence.index, who, confidence)

    def _agents(self, work: Work, sentence: Sentence, groups: list[Mention]) -> None:
        """Groups the telling names as doing the attack ("Boko Haram insurgents stormed"), by
        name or as "the group" / "the same group" doing it ("In 2022, the same group attacked
        a shrine in Shiraz")."""
        text = sentence.text
        for anaphor in _GROUP_AGENT.finditer(text):
            if negated(text, anaphor.start()) or _HABIT_AFTER.match(text[anaphor.end("noun") :]):
                continue
            event = work.event_at(sentence.start + anaphor.start()) or _sentence_event(
                work, sentence
            )
            head = (anaphor["head"] or "").lower()
            group = latest_group(work, sentence.start + anaphor.start(), head, for_itself=True)
            if event is None or group is None:
                continue
            self._add(work, event.number, group, "attributed", sentence.index, speaker(text), 0.55)
        for group in groups:
            start, end = group.start - sentence.start, group.end - sentence.start
            kind = agent_kind(text, start, end)
            if (
                kind is None
                or negated(text, start)
                or _MANY_BY.search(text, 0, start)
                or _HABIT_AFTER.match(text[end:])
            ):
                continue
            event = work.event_at(group.start) or _sentence_event(work, sentence)
            if event is None:
                continue
            who = speaker(text)
            if who is not None and _names(group, who):
                who = None
            confidence = 0.45 if kind == "suspected" else 0.6
            self._add(work, event.number, group, kind, sentence.index, who, confidence)

    def _add(
        self,
        work: Work,
        event: int,
        group: Mention,
        kind: str,
        sentence: int,
        who: str | None,
        confidence: float,
    ) -> None:
        for known in work.responsibility:
            if (known.event, known.actor.entity_id, known.kind, known.sentence) == (
                event,
                group.actor.entity_id,
                kind,
                sentence,
            ):
                return
        work.responsibility.append(
            Responsibility(event, group.actor, kind, sentence, who, confidence)
        )


def _acting(work: Work, groups: list[Mention]) -> Mention:
    """The last of ``groups``, or the part of it named just before ("the X faction of Y")."""
    text = work.document.text
    last = len(groups) - 1
    while last > 0 and _PART_OF.match(text[groups[last - 1].end : groups[last].start]):
        last -= 1
    return groups[last]


def _names(group: Mention, who: str) -> bool:
    """True when the asserting party is the group itself ("ISKP said ...")."""
    lowered = who.lower()
    return group.text.lower() in lowered or group.actor.name.lower() in lowered


def _sentence_event(work: Work, sentence: Sentence) -> Attack | None:
    for start, _, number in work.scopes:
        if sentence.start <= start < sentence.end:
            return work.events[number]
    return None
