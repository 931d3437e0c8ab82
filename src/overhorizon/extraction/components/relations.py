"""Relations between groups and people, from cue words between two mentions.

Simple patterns, each naming which side is the source:

- BranchOf: "X, the Afghan affiliate of Y", "Y's regional branch, X", "X, a province of Y",
  "X, which is affiliated with Y", and "X ... is al-Qaeda's affiliate in the Sahel" (the
  description resolved by the aliases component);
- SplinterOf: "X, a faction that broke away from Y", "X split from Y", "defected from Y";
- LeaderOf / MemberOf: a person next to a role word and a group ("Islamic State leader Abu
  Bakr al-Baghdadi", "Hafiz Saeed Khan, a former commander of TTP", "the TTP's former
  spokesman, Shahidullah Shahid", "Its leader, X", "he had been appointed emir of Y");
  leader, emir, chief, head, founder and governor lead (but "the Taliban governor of Balkh"
  is one of its officials), other roles (commander, spokesman, deputy, member) belong;
  "defected to Y" makes a member; "X, led by P", "P, <aside>, had led X" and "the group is
  now led by P" make a leader;
- RivalOf: "rival", "fought", "clashes between X and Y", "at war with", "compete with both X
  and Y" (but not "the enemy of X and Y", who stand together);
- CooperatesWith: "cooperated", "collaborated", "links with", "ties to", "allied with".

The sentence's first date becomes the start date, and whoever the sentence says asserts it
("according to former officials") is kept as ``asserted_by``, unless the relation is told
before the speaker's words, in the report's own naming of who speaks ("Al-Shabaab, which is
affiliated with al-Qaeda, said ...", "Taliban spokesman Zabihullah Mujahid said ...").
"""

from __future__ import annotations

import re
from itertools import pairwise

from overhorizon.extraction.anaphora import (
    is_group,
    latest_group,
    latest_person,
    opening_group,
    qualifies_noun,
    referent,
)
from overhorizon.extraction.speech import asides, before_the_words, negated, outside, speaker
from overhorizon.extraction.work import Actor, DateMention, Mention, RelationFact, Sentence, Work
from overhorizon.model.model import load_model

_BRANCH = re.compile(
    r"\b(?:affiliate|branch|province|wing|chapter|franchise|offshoot|arm|"
    r"affiliated\s+(?:with|to))\b",
    re.IGNORECASE,
)
_SPLINTER = re.compile(
    r"\b(?:splinter(?:\s+group|\s+faction)?|broke\s+away|break\s+away|breakaway|split\s+(?:from|off)|"
    r"defected\s+from|defectors?\s+from|breaking\s+with)\b",
    re.IGNORECASE,
)
_DEFECTED_TO = re.compile(
    r"\b(?:defected|pledged\s+(?:allegiance|loyalty)|joined|rejoined|re-joined|merged\s+into|"
    r"swore\s+(?:allegiance|loyalty))\s+(?:to\s+)?",
    re.I,
)
_LED_BY = re.compile(
    r"^,?\s+(?:which\s+(?:is|was)\s+)?(?:(?:then|now|long)\s+)?led\s+"
    r"(?:(?:since|from|in)\s+\d{4}\s+)?by\s+$",
    re.I,
)
"""Between a group and its leader: "Jamaat-ul-Ahrar, led by Omar Khalid Khorasani"."""
_LEADS = re.compile(
    r"^,?\s+(?:(?:who|had|has|have|also|then|later|once)\s+){0,2}(?:led|leads|headed|heads|"
    r"founded|commanded|commands)\s+(?:the\s+)?$",
    re.I,
)
"""Between a person and the group they lead: "Khan ... had led ISIS-K"."""
_LED_BY_ANAPHOR = re.compile(
    r"\b(?P<anaphor>the\s+(?:group|network|movement|organi[sz]ation|faction)|it)(?:,|\s+"
    r"(?:is|was|has\s+been|had\s+been|remains|remained))\s+(?:(?:now|still|then|long|currently|"
    r"reportedly)\s+)?led\s+(?:(?:since|from|in)\s+\d{4}\s+)?by\s+$",
    re.I,
)
"""Before the leader of a group named earlier: "The group is now led by Aslam Farooqi"."""
_FACTION_OF = re.compile(
    r"^,?\s+(?:(?:is|was|as)\s+)?(?:(?:the|a|an|its)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:faction|member|part|component)\s+of\s+(?:the\s+)?$",
    re.I,
)
"""Between a group and the one it belongs to: "the Haqqani network, a faction of the"."""
_FACTION_BEFORE = re.compile(r"^,\s+(?:(?:is|was)\s+)?(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?$", re.I)
_FACTION_AFTER = re.compile(r"^\s+(?:faction|wing\s+faction)\b", re.I)
"""Around the parent in "the Haqqani network, a Taliban faction"."""
_LEADER_ROLES = r"leader|emir|amir|chief|head|founder|governor|commander-in-chief"
_MEMBER_ROLES = (
    r"deputy(?:\s+leader)?|commander|spokes(?:man|woman|person)|member|fighter|financier|"
    r"official|operative|figure|ideologue|recruiter"
)
_ROLE = re.compile(
    rf"\b(?P<former>former\s+|ex-)?(?:(?P<lead>{_LEADER_ROLES})|(?P<member>{_MEMBER_ROLES}))s?\b",
    re.IGNORECASE,
)
_RIVAL = re.compile(
    r"\b(?:rivals?|rivalry|fought|fighting|fights|clash(?:ed|es)?|battl(?:ed|es|ing)|"
    r"at\s+war\s+with|war\s+(?:between|on|against)|enem(?:y|ies)|crackdown\s+on|"
    r"collision\s+course|compet(?:e|ed|es|ing|ition)\s+with)\b",
    re.IGNORECASE,
)
_COOPERATE = re.compile(
    r"\b(?:cooperat\w*|co-operat\w*|collaborat\w*|links?\s+(?:with|to)|ties\s+(?:with|to)|"
    r"alliance\s+with|allied\s+with|worked\s+with|working\s+with|shelter\s+(?:to|for)|"
    r"relied\s+on|sharing\s+safe\s+houses|(?:grown|grew|moved|drawn|drew)\s+closer\s+to|"
    r"(?:joined|join)\s+forces\s+with|support(?:ed|s)?\s+from)\b",
    re.IGNORECASE,
)
_NEAR = 90
_BETWEEN = re.compile(r"\bbetween\s+", re.IGNORECASE)
"""After a rivalry word, the two sides: "the open war between the Taliban and ISKP"."""
_BOTH = re.compile(r"^\s+and\s+(?:the\s+)?$", re.IGNORECASE)
_ENEMY_OF = re.compile(r"enem(?:y|ies)\s+of\b", re.IGNORECASE)
"""In "the enemy of X and Y", X and Y stand together against a third party."""
_BOTH_AFTER = re.compile(r"^\s*both\s+(?:the\s+)?$", re.IGNORECASE)
"""Before two sides named after the cue: "compete with both the Taliban and al-Qaeda"."""
_ARE = re.compile(
    r"^\s+(?:(?:have|has|had)(?:\s+(?:long|also|repeatedly|often|frequently))?(?:\s+been)?|"
    r"are|were|remain(?:ed)?|became)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
"""Around the two sides before a rivalry word: "The Islamic State and al-Qaeda have been
rivals"."""
_BRANCH_WORDS = r"(?:branch|affiliate|province|wing|chapter|franchise|offshoot)"
_CHILD_FIRST = re.compile(
    rf"^,?\s+(?:(?:is|was|became|as)\s+)?(?:(?:the|a|an|its)\s+)?(?:[\w-]+\s+){{0,3}}"
    rf"{_BRANCH_WORDS}\s+of\s+(?:the\s+)?$|"
    r"^,?\s+(?:(?:which|that|who)\s+)?(?:(?:is|was|are|were|has\s+been|had\s+been)\s+)?"
    r"(?:(?:formally|officially|closely|also|long)\s+)?affiliated\s+(?:with|to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Between "X" and "Y" in "X, the Afghan affiliate of Y", "X, which is affiliated with Y"."""
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
_OF_PLACE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")
"""After "governor" with the group before it: "the Taliban governor of Balkh" is one of the
group's officials, not its leader."""
_PRONOUN_HOLDER = re.compile(
    r"\b(?:he|she)\s+(?:had\s+been|has\s+been|was|is|became|had\s+become)\s+"
    r"(?:(?:named|appointed|made|elected|chosen)\s+(?:as\s+)?)?(?:the\s+|its\s+|a\s+|an\s+)?"
    r"(?:new\s+|[a-z]+-[a-z]+\s+)?$"
)
"""Before a role held by the person "he" or "she" points to: "he had been appointed emir"."""
_APPOSITION = re.compile(
    r"^,\s+(?:(?:the|a|an|its|his|their)\s+)?(?:[\w'’-]+\s+){0,4}?(?:former\s+|ex-)?$"
)
"""Between a person and a role that describes them: "Sultan Aziz Azam, the group's "."""
_OF_GROUP = re.compile(r"^\s+(?:of|in|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)
_GROUP_ROLE = re.compile(r"^(?:['’]s)?\s+(?:[a-z-]+\s+){0,2}$")
_PART_HEAD = re.compile(
    r"\b(?:intelligence|military|finance|financial|media|security|propaganda|regional|"
    r"provincial|district|local|field|operations|logistics|recruitment|shadow)\s+$",
    re.IGNORECASE,
)
"""Before a leader's title that heads only a part of the group ("the group's intelligence
chief", "a regional commander"): a member, not the group's leader."""
_OWNER = re.compile(
    r"\b(?:the\s+(?:group|network|movement)['’]s|its|their)\s+(?:[a-z-]+\s+)?$", re.I
)
_IS_BEFORE = re.compile(
    r"\b(?:is|was|became|remains|as)\s+(?:now\s+|still\s+)?(?:the\s+)?$", re.IGNORECASE
)
"""Before a branch named through its parent that the sentence's subject is said to be."""


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
                *self._defections(work, sentence, mentions),
                *self._leadership(work, mentions),
                *self._described_branches(work, sentence, mentions),
                *self._factions(work, mentions),
            ]
            if not found:
                continue
            dates = work.in_sentence(work.dates, sentence.index)
            said = speaker(sentence.text)
            for schema, source, target, role, at in found:
                who = None if before_the_words(sentence.text, at) else said
                start_date = _nearest_date(dates, sentence.start + at, work.document.text)
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

    @staticmethod
    def _described_branches(
        work: Work, sentence: Sentence, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        """A group said to be a branch named through its parent: "JNIM, formed in 2017, is
        al-Qaeda's affiliate in the Sahel", "It is the Islamic State's Khorasan branch". A
        branch merely named that way ("al-Qaeda's affiliate claimed ...") tells nothing new."""
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        text = work.document.text
        for mention in mentions:
            if not mention.descriptive or mention.parent is None:
                continue
            if not _IS_BEFORE.search(text, sentence.start, mention.start):
                continue
            opener = opening_group(work, sentence.index)
            subject = (
                opener
                if opener is not None and opener.start < mention.start
                else referent(work, sentence.text, sentence.start, 12)
            )
            local = mention.start - sentence.start
            if subject is not None and subject.actor.entity_id == mention.actor.entity_id:
                found.append(("BranchOf", mention.actor, mention.parent, None, local))
        return found

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
            text = work.document.text
            both = (
                len(before) >= 2
                and _BOTH.match(text[before[-2].end : before[-1].start])
                and _ARE.match(text[before[-1].end : at])
            )
            if schema == "RivalOf" and both:
                left, after = before[-2], [before[-1]]
            elif (
                schema == "RivalOf"
                and len(after) >= 2
                and not (
                    left and not _BETWEEN.search(sentence.text, match.start(), match.end() + 10)
                )
                and not _ENEMY_OF.match(sentence.text, match.start())
            ):
                left, after = after[0], after[1:]
            if schema == "SplinterOf" and not after and len(before) >= 2:
                left, after = before[-1], [before[-2]]
            if left is not None and not after and schema in {"RivalOf", "CooperatesWith"}:
                other = _other_referent(work, sentence, match.end(), left)
                after = [other] if other is not None else []
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
            text = work.document.text
            if (
                schema in {"RivalOf", "CooperatesWith"}
                and len(after) >= 2
                and _BOTH_AFTER.match(text[end : after[0].start])
                and _BOTH.match(text[after[0].end : after[1].start])
            ):
                found.append((schema, left.actor, after[1].actor, None, match.start()))
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
                    if _OWNER.search(text[max(0, match.start() - 40) : match.start()])
                    else None
                )
            if person is None and _PRONOUN_HOLDER.search(text[: match.start()]):
                person = latest_person(work, sentence.start + match.start())
            if person is None or group is None:
                continue
            local = match.end() + sentence.start
            governs_elsewhere = (
                (match["lead"] or "").lower() == "governor"
                and group.end <= sentence.start + match.start()
                and _OF_PLACE.match(work.document.text, local) is not None
            )
            of_a_part = _PART_HEAD.search(text, 0, match.start()) is not None
            schema = (
                "LeaderOf"
                if match["lead"] and not governs_elsewhere and not of_a_part
                else "MemberOf"
            )
            role = " ".join(match.group().lower().split())
            found.append((schema, person.actor, group.actor, role, match.start()))
        return found

    def _defections(
        self, work: Work, sentence: Sentence, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        """A person or a group that joined, rejoined or pledged allegiance to a group."""
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        spans = [
            (s + sentence.start, e + sentence.start)
            for s, e in [*asides(sentence.text), *_participles(sentence.text)]
        ]
        for match in _DEFECTED_TO.finditer(sentence.text):
            at, end = sentence.start + match.start(), sentence.start + match.end()
            joiners = [
                m
                for m in mentions
                if (m.actor.schema == "Person" or is_group(m))
                and m.end <= at
                and at - m.end < _NEAR
                and outside(spans, m.start, m.end, at)
            ]
            groups = [m for m in mentions if is_group(m) and m.start >= end]
            if not groups or groups[0].start - end >= 40:
                continue
            if joiners and qualifies_noun(work, joiners[-1]):
                people = [j for j in joiners if j.actor.schema == "Person"]
                joiners = people[-1:] or joiners
            joiner = (
                joiners[-1].actor
                if joiners
                else getattr(
                    referent(work, sentence.text, sentence.start, match.start()), "actor", None
                )
            )
            if joiner is not None:
                found.append(("MemberOf", joiner, groups[0].actor, None, match.start()))
        return found

    def _leadership(
        self, work: Work, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        """ "X, led by P" and "P had led X": P leads X."""
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        text = work.document.text
        for first, second in pairwise(mentions):
            between = text[first.end : second.start]
            offset = first.end - work.sentences[first.sentence].start
            if is_group(first) and second.actor.schema == "Person" and _LED_BY.match(between):
                found.append(("LeaderOf", second.actor, first.actor, "leader", offset))
            elif first.actor.schema == "Person" and is_group(second) and _LEADS.match(between):
                found.append(("LeaderOf", first.actor, second.actor, "leader", offset))
        if not mentions:
            return found
        sentence = work.sentences[mentions[0].sentence]
        spans = [(s + sentence.start, e + sentence.start) for s, e in asides(sentence.text)]
        for person in (m for m in mentions if m.actor.schema == "Person"):
            led = _LED_BY_ANAPHOR.search(text, sentence.start, person.start)
            if led is not None:
                head = led["anaphor"].split()[-1].lower()
                subjects = [m for m in mentions if is_group(m) and m.end <= led.start()]
                group = (
                    subjects[0]
                    if head == "it" and subjects
                    else latest_group(
                        work, led.start(), head if head in {"network", "movement"} else ""
                    )
                )
                if group is not None:
                    at = led.start() - sentence.start
                    found.append(("LeaderOf", person.actor, group.actor, "leader", at))
            aside = next((e for s, e in spans if s == person.end), None)
            if aside is None:
                continue
            later = [m for m in mentions if m.start >= aside and is_group(m)]
            if later and _LEADS.match(text[aside : later[0].start]):
                at = aside - sentence.start
                found.append(("LeaderOf", person.actor, later[0].actor, "leader", at))
        return found

    def _factions(
        self, work: Work, mentions: list[Mention]
    ) -> list[tuple[str, Actor, Actor, str | None, int]]:
        """ "the Haqqani network, a faction of the Taliban", "the Haqqani network, a Taliban
        faction", "the Jamaat-ul-Ahrar faction of the Pakistani Taliban": a member group."""
        found: list[tuple[str, Actor, Actor, str | None, int]] = []
        text = work.document.text
        groups = [m for m in mentions if is_group(m)]
        for first, second in pairwise(groups):
            between = text[first.end : second.start]
            offset = first.end - work.sentences[first.sentence].start
            part_of = _FACTION_OF.match(between) or (
                _FACTION_BEFORE.match(between) and _FACTION_AFTER.match(text[second.end :])
            )
            if part_of:
                found.append(("MemberOf", first.actor, second.actor, None, offset))
        return found


_ANAPHOR_AFTER = re.compile(
    r"\s+(?:(?:with|against|alongside|on)\s+)?(?:the|this)\s+(?:group|militants|network|"
    r"movement|organi[sz]ation|faction)\b",
    re.IGNORECASE,
)


def _other_referent(work: Work, sentence: Sentence, at: int, left: Mention) -> Mention | None:
    """The group "the group" names right after a rivalry or cooperation word ("The Taliban,
    who have fought the group since 2015"): the latest group named before it that is not the
    other side."""
    if not _ANAPHOR_AFTER.match(sentence.text, at):
        return None
    return latest_group(work, sentence.start + at, other_than=left.actor.entity_id)


_PARTICIPLE = re.compile(r",\s+(?:led|headed|founded|run|backed|commanded)\s+by\b[^,]*,", re.I)


def _participles(text: str) -> list[tuple[int, int]]:
    """Spans of ", led by X," and the like: X is not the subject of what follows."""
    return [(m.start(), m.end()) for m in _PARTICIPLE.finditer(text)]


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
            if person.start - offset >= anchor and _GROUP_THEN_HOLDER.match(
                text[anchor : person.start - offset]
            ):
                return person
    if role.group().lower().endswith("s") and not role.group().lower().endswith("ss"):
        return None
    succeeded = _SUCCEEDED.search(text, 0, role.start())
    if succeeded is not None:
        earlier = [p for p in people if p.end - offset <= succeeded.start()]
        if earlier:
            return earlier[-1]
    nearest = _nearest(people, offset + role.start(), offset + role.end(), _PERSON_GAP)
    if nearest is None and _NAMED.search(text[: role.start()]):
        earlier = [p for p in people if p.end - offset <= role.start()]
        return earlier[-1] if earlier else None
    return nearest


_SUCCEEDED = re.compile(
    r"\b(?:succeeded|succeeds|replaced|replaces)\s+[^,;]{1,60}?\s+as\s+(?:the\s+|its\s+)?"
    r"(?:new\s+)?$",
    re.IGNORECASE,
)
"""Before a role taken from someone else: "P succeeded Q as leader of X" (P holds it)."""
_GROUP_THEN_HOLDER = re.compile(r"^(?:\s+(?:in|and)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?){0,2},?\s+$")
"""Between a group and the holder of a role in it, places allowed: "the leader of the Islamic
State's branch in Afghanistan and Pakistan, Hafiz Saeed Khan"."""


def _nearest_date(dates: list[DateMention], at: int, text: str) -> str | None:
    """The relation's start: the first date after its cue in the same clause ("led since 2020
    by X, split from the Pakistani Taliban in 2015": the split is 2015), else the sentence's
    date nearest the cue."""
    if not dates:
        return None
    following = [d for d in dates if d.start >= at and not _CLAUSE_BREAK.search(text, at, d.start)]
    if following:
        return min(following, key=lambda d: d.start).value
    return min(dates, key=lambda d: abs(d.start - at)).value


_CLAUSE_BREAK = re.compile(r"[,;:]|\band\b")


def _nearest(mentions: list[Mention], at: int, end: int, reach: int = 0) -> Mention | None:
    """The mention closest to the cue at ``at:end``, within reach."""
    best: Mention | None = None
    best_gap = reach or _NEAR
    for mention in mentions:
        gap = at - mention.end if mention.end <= at else mention.start - end
        if 0 <= gap < best_gap:
            best, best_gap = mention, gap
    return best
