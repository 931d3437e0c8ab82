"""Relations between groups and people, from cue words between two mentions.

Simple patterns, each naming which side is the source:

- BranchOf: "X, the Afghan affiliate of Y", "Y's regional branch, X", "X, a province of Y";
- SplinterOf: "X, a faction that broke away from Y", "X split from Y", "defected from Y";
- LeaderOf / MemberOf: a person next to a role word and a group ("Islamic State leader Abu
  Bakr al-Baghdadi", "Hafiz Saeed Khan, a former commander of TTP", "the TTP's former
  spokesman, Shahidullah Shahid"); leader, emir, chief, head, founder and governor lead,
  other roles (commander, spokesman, deputy, member) belong; "defected to Y" makes a member;
- RivalOf: "rival", "fought", "clashes between X and Y", "at war with";
- CooperatesWith: "cooperated", "collaborated", "links with", "ties to", "allied with".

The sentence's first date becomes the start date, and whoever the sentence says asserts it
("according to former officials") is kept as ``asserted_by``.
"""

from __future__ import annotations

import re

from overhorizon.extraction.anaphora import is_group, referent
from overhorizon.extraction.speech import asides, negated, outside, speaker
from overhorizon.extraction.work import Actor, Mention, RelationFact, Sentence, Work
from overhorizon.model.model import load_model

_BRANCH = re.compile(
    r"\b(?:affiliate|branch|province|wing|chapter|franchise|offshoot|arm)\b", re.IGNORECASE
)
_SPLINTER = re.compile(
    r"\b(?:splinter(?:\s+group|\s+faction)?|broke\s+away|break\s+away|breakaway|split\s+(?:from|off)|"
    r"defected\s+from|defectors?\s+from|breaking\s+with)\b",
    re.IGNORECASE,
)
_DEFECTED_TO = re.compile(
    r"\b(?:defected|pledged\s+(?:allegiance|loyalty)|joined)\s+(?:to\s+)?", re.I
)
_LEADER_ROLES = r"leader|emir|amir|chief|head|founder|governor|commander-in-chief"
_MEMBER_ROLES = (
    r"deputy(?:\s+leader)?|commander|spokes(?:man|woman|person)|member|fighter|financier|"
    r"official|operative"
)
_ROLE = re.compile(
    rf"\b(?P<former>former\s+|ex-)?(?:(?P<lead>{_LEADER_ROLES})|(?P<member>{_MEMBER_ROLES}))s?\b",
    re.IGNORECASE,
)
_RIVAL = re.compile(
    r"\b(?:rivals?|rivalry|fought|fighting|fights|clash(?:ed|es)?|battl(?:ed|es|ing)|"
    r"at\s+war\s+with|enem(?:y|ies)|crackdown\s+on|collision\s+course)\b",
    re.IGNORECASE,
)
_COOPERATE = re.compile(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|links?\s+(?:with|to)|ties\s+(?:with|to)|"
    r"alliance\s+with|allied\s+with|worked\s+with|working\s+with|shelter\s+(?:to|for)|"
    r"relied\s+on|sharing\s+safe\s+houses)\b",
    re.IGNORECASE,
)
_NEAR = 90
_BRANCH_WORDS = r"(?:branch|affiliate|province|wing|chapter|franchise|offshoot)"
_CHILD_FIRST = re.compile(
    rf"^,?\s+(?:(?:is|was|became|as)\s+)?(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"{_BRANCH_WORDS}\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Between "X" and "Y" in "X, the Afghan affiliate of Y"."""
_PARENT_FIRST = re.compile(
    rf"^['’]s\s+(?:[\w-]+\s+){{0,3}}{_BRANCH_WORDS},?\s+(?:(?:known|called)\s+as\s+|the\s+)?$",
    re.IGNORECASE,
)
"""Between "Y" and "X" in "Y's regional branch, X"."""
_PERSON_GAP = 45
_NAMED = re.compile(
    r"\b(?:was|is|were|had\s+been|has\s+been|became)\s+(?:(?:named|appointed|made|elected|"
    r"chosen)\s+(?:as\s+)?)?(?:the\s+|its\s+|a\s+|an\s+)?(?:new\s+)?$"
)
"""Before a role whose holder is the sentence's subject: "Khan ... was named leader"."""
_APPOSITION = re.compile(
    r"^,\s+(?:(?:the|a|an|its|his|their)\s+)?(?:[\w'’-]+\s+){0,4}?(?:former\s+|ex-)?$"
)
"""Between a person and a role that describes them: "Sultan Aziz Azam, the group's "."""
_OF_GROUP = re.compile(r"^\s+(?:of|in|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)
_GROUP_ROLE = re.compile(r"^(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}$")
_OWNER = re.compile(
    r"\b(?:the\s+(?:group|network|movement)['’]s|its|their)\s+(?:[a-z-]+\s+)?$", re.I
)


class RelationsComponent:
    """Finds relations between the actors mentioned in each sentence."""

    name = "overhorizon.relations.v1"
    requires: tuple[str, ...] = ("sentences", "mentions", "dates")
    assigns: tuple[str, ...] = ("relations",)

    def __call__(self, work: Work) -> None:
        model = load_model()
        for sentence in work.sentences:
            mentions = work.in_sentence(work.mentions, sentence.index)
            if not mentions:
                continue
            found = [
                *self._groups(work, sentence, mentions, _BRANCH, "BranchOf"),
                *self._groups(work, sentence, mentions, _SPLINTER, "SplinterOf"),
                *self._groups(work, sentence, mentions, _RIVAL, "RivalOf"),
                *self._groups(work, sentence, mentions, _COOPERATE, "CooperatesWith"),
                *self._roles(work, sentence, mentions),
                *self._defections(sentence, mentions),
            ]
            if not found:
                continue
            dates = work.in_sentence(work.dates, sentence.index)
            start_date = dates[0].value if dates else None
            who = speaker(sentence.text)
            for schema, source, target, role, at in found:
                spec = model[schema]
                if source.entity_id == target.entity_id or negated(sentence.text, at):
                    continue
                edge = spec.edge
                if edge is None or not (
                    any(model[source.schema].is_a(s) for s in edge.source)
                    and any(model[target.schema].is_a(t) for t in edge.target)
                ):
                    continue
                fact = RelationFact(
                    schema, source, target, sentence.index, who, 0.6, start_date, role
                )
                if all(
                    (r.schema, r.source, r.target, r.sentence)
                    != (schema, source, target, sentence.index)
                    for r in work.relations
                ):
                    work.relations.append(fact)

    def _groups(
        self,
        work: Work,
        sentence: Sentence,
        mentions: list[Mention],
        cue: re.Pattern[str],
        schema: str,
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        groups = [m for m in mentions if is_group(m)]
        spans = [(s + sentence.start, e + sentence.start) for s, e in asides(sentence.text)]
        for match in cue.finditer(sentence.text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            before = [
                g
                for g in groups
                if g.end <= at and at - g.end < _NEAR and outside(spans, g.start, g.end, at)
            ]
            after = [g for g in groups if g.start >= end and g.start - end < _NEAR]
            left = (
                before[-1]
                if before
                else referent(work, sentence.text, sentence.start, match.start())
            )
            if schema == "RivalOf" and not left and len(after) >= 2:
                left, after = after[0], after[1:]
            if left is None or not after:
                continue
            right = after[0]
            if schema == "BranchOf":
                text = work.document.text
                if _PARENT_FIRST.match(text[left.end : right.start]):
                    left, right = right, left
                elif not _CHILD_FIRST.match(text[left.end : right.start]):
                    continue
            found.append((schema, left.actor, right.actor, None, match.start()))
        return found

    def _roles(
        self, work: Work, sentence: Sentence, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        people = [m for m in mentions if m.actor.schema == "Person"]
        groups = [
            m
            for m in mentions
            if is_group(m) or m.actor.schema in {"Organisation", "GovernmentBody"}
        ]
        text = sentence.text
        for match in _ROLE.finditer(text):
            group = _role_group(groups, text, sentence.start, match)
            person = _role_person(people, text, sentence.start, match, group)
            if group is None:
                group = (
                    referent(work, text, sentence.start, match.end())
                    if _OWNER.search(text[max(0, match.start() - 20) : match.start()])
                    else None
                )
            if person is None or group is None:
                continue
            schema = "LeaderOf" if match["lead"] else "MemberOf"
            role = " ".join(match.group().lower().split())
            found.append((schema, person.actor, group.actor, role, match.start()))
        return found

    def _defections(
        self, sentence: Sentence, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        for match in _DEFECTED_TO.finditer(sentence.text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            people = [m for m in mentions if m.actor.schema == "Person" and m.end <= at]
            groups = [m for m in mentions if is_group(m) and m.start >= end]
            if people and groups and groups[0].start - end < 40:
                found.append(("MemberOf", people[-1].actor, groups[0].actor, None, match.start()))
        return found


def _role_group(
    groups: list[Mention], text: str, offset: int, role: re.Match[str]
) -> Mention | None:
    """The group a role word belongs to: "leader of X", "X leader", "X's former spokesman"."""
    for group in groups:
        local_start, local_end = group.start - offset, group.end - offset
        if local_start >= role.end() and _OF_GROUP.match(text[role.end() : local_start]):
            return group
        if local_end <= role.start() and _GROUP_ROLE.match(text[local_end : role.start()]):
            return group
    return None


def _role_person(
    people: list[Mention], text: str, offset: int, role: re.Match[str], group: Mention | None
) -> Mention | None:
    """Who holds the role: "PERSON, the group's spokesman", "the leader of GROUP, PERSON",
    "GROUP leader PERSON", else the person nearest the role word."""
    for person in people:
        between = text[person.end - offset : role.start()]
        if person.end - offset <= role.start() and _APPOSITION.match(between):
            return person
    if group is not None:
        anchor = max(group.end - offset, role.end())
        for person in people:
            if person.start - offset >= anchor and re.match(
                r"^,?\s+$", text[anchor : person.start - offset]
            ):
                return person
    nearest = _nearest(people, offset + role.start(), offset + role.end(), _PERSON_GAP)
    if nearest is None and _NAMED.search(text[: role.start()]):
        earlier = [p for p in people if p.end - offset <= role.start()]
        return earlier[-1] if earlier else None
    return nearest


def _nearest(mentions: list[Mention], at: int, end: int, reach: int = 0) -> Mention | None:
    """The mention closest to the cue at ``at:end``, within reach."""
    best: Mention | None = None
    best_gap = reach or _NEAR
    for mention in mentions:
        gap = at - mention.end if mention.end <= at else mention.start - end
        if 0 <= gap < best_gap:
            best, best_gap = mention, gap
    return best
