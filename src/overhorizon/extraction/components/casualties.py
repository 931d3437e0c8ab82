"""Casualty figures: who was killed or injured, how many, with the report's hedges.

A count (see ``extraction.numbers`` for how hedges and number words read) belongs to the
casualty word it is tied to:

- a word right before it, with only "to", "rose", "has" and the like between ("killing at least
  33", "wounding more than 100", "toll has risen to 62");
- a word shortly after it with no "and", comma or clause break between ("80 people were
  killed", "231 wounded");
- for revised tolls, "rose to 80" late in a sentence that began with "the number of people
  killed" (a revision gets a higher confidence than a first figure);
- counts joined by "and" share a word and are summed ("13 U.S. troops and at least 170 Afghans
  were killed" -> 183..), unless a total follows ("183 people in all"), which then stands alone.

A singular subject of a casualty verb with no number in it is one casualty ("Jane Roe, a
judge, was shot dead"). A count followed by "attackers", "militants", "gunmen" ... is
``attackersKilled``, never among the victims; a suicide attack with no stated attackers' toll
and no survivor implies its attackers' deaths ("two suicide bombers" -> 2), at low
confidence. Counts in dates, ages, distances and "one of the" are not casualties. Figures go
to the attack whose text they sit in; those in the paragraph that introduces the attack get a
little more confidence than figures further down (often other sources' counts).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from overhorizon.extraction.numbers import ATTACKER_NOUNS, COUNT, Count, read_count, word_value
from overhorizon.extraction.work import Attack, Casualty, Sentence, Work
from overhorizon.model.types import Quantity

_KILLED = (
    r"killed|killing|kills|kill|dead|died|dies|die|deaths?|toll|lives|fatalities|perished|slain|"
    r"bodies|martyred|executed|executing|beheaded|beheading|decapitated|murdered|murdering|"
    r"murders?|massacred|massacring|"
    r"lynched|stabbed\s+to\s+death|"
    r"assassinated|gunned\s+down"
)
_INJURED = (
    r"wounded|wounding|wounds|wound|injured|injuring|injuries|injures|injure|injuried|hurt|"
    r"hospitali[sz]ed|"
    r"stabb(?:ed|ing)(?!\s+(?:[\w-]+\s+){0,3}?to\s+death)"
)
"""Stabbing someone wounds them unless the text says "to death"."""
_CUE = re.compile(rf"\b(?:(?P<killed>{_KILLED})|(?P<injured>{_INJURED}))\b", re.IGNORECASE)
_TIGHT_BEFORE = re.compile(
    r"^\s*(?:(?:to|at|rose|risen|rises|has|had|have|reached|climbed|stood|stands|is|was|now|"
    r"been|increased|jumped|rising|all|the|of|a|further|another|seriously|critically|"
    r"severely|gravely|badly|slightly|lightly)\s+)*$",
    re.IGNORECASE,
)
_AFTER_FILLER = re.compile(
    r"^\s*(?:(?!(?:and|or|but|including|with|while|when|who|which|that|as|after|before|for|to|"
    r"at|in|on|from|by|the)\b)"
    r"[\w.'’-]+\s+){0,8}?$",
    re.IGNORECASE,
)
_REVISION = re.compile(
    r"(?:rose|risen|rises|climbed|reached|increased|jumped|stood|stands|revised|now)\s+"
    r"(?:to\s+|at\s+)?$",
    re.IGNORECASE,
)
_REVISED = re.compile(
    r"\b(?:revised|raised|lowered|rose|risen|climbed|increased|corrected|updated)\b[^.;]*\bto\s+$",
    re.IGNORECASE,
)
"""A toll revised earlier in the sentence ("lowered the death toll from the bombings to 84")."""
_INCLUDING = re.compile(
    r",\s+(?:including|among\s+them|mostly|most\s+of\s+them)\b[^,]*?"
    r"(?:,|(?=\s+(?:were|was|have|had|and\s+(?:wounded|injured|wounding|injuring))\b))|"
    r"(?<=\w)\s+including\s+[^,;]*?(?=\s+(?:were|was|are|have\s+been|had\s+been)\s)",
    re.IGNORECASE,
)
_ATTACKERS = re.compile(
    r"^\s*(?:of\s+the\s+)?(?:[\w.'’-]+\s+){0,2}?(?:attackers?|militants?|gunm[ae]n|assailants?|"
    r"insurgents?|bombers?|fighters|terrorists?)\b",
    re.IGNORECASE,
)
_ONE_ATTACKER = re.compile(rf"\b(?:{ATTACKER_NOUNS})$", re.IGNORECASE)
_NOT_A_TOLL_BEFORE = re.compile(
    r"(?:\bincluding|\bincluding\s+(?:(?!(?:was|were|killed|wounded|injured|died)\b)"
    r"[\w'’-]+\s+){1,5}and|\bamong\s+them|\bamong\s+whom|"
    r"\bof\s+whom|\baged|\bage|\bno\.|\bno|\$|\bsince|"
    r"(?<!resulted\s)(?<!resulting\s)\bin|\bon|\bfrom|"
    r"\b(?:first|second|third|latest|last|only|previous|deadliest)\s+(?:killing|death|"
    r"assassination|murder)\s+of)\s*$",
    re.IGNORECASE,
)
"""Before a number that is no toll: an age, a date, a sum of money, one of those counted
("including two children"), or the one killed in a comparison ("the first killing of a
cabinet minister since 2021")."""
_NOT_A_TOLL_AFTER = re.compile(
    r"^(?:-year|\s*(?:years?|days?|hours?|minutes?|weeks?|months?|km|kilomet\w+|miles?|"
    r"per\s*cent|percent|%|pounds|kg|a\.m\.|p\.m\.|o'clock|million|billion|times|rockets?|"
    r"of\s+the|of\s+its|of\s+their|of\s+them|of\s+whom|provinces?|districts?|"
    r"(?:[\w-]+\s+)?(?:houses|homes|huts|vehicles|cars|trucks|buses|buildings|shops|stores|"
    r"villages|churches|schools|bombs|shots|grenades|explosions|blasts))\b)",
    re.IGNORECASE,
)
_PARTITIVE = re.compile(
    r"^\s+of\s+(?:the|its|their|his|her)\s+(?!(?:[\w'’-]+\s+)?(?:attackers?|militants?|"
    r"gunm[ae]n|bombers?|assailants?|terrorists?|insurgents?|fighters?|rebels?)\b)"
    r"(?:[\w'’-]+\s+){1,3}?(?:were|was)\s+(?:[a-z]+ly\s+)?(?:killed|wounded|injured|hurt|"
    r"hospitali[sz]ed)\b",
    re.IGNORECASE,
)
"""A part of a group that is itself the casualty ("three of their colleagues were injured"),
unlike a breakdown of a toll ("three of them children") or of the attackers."""
_TOTAL_AFTER = re.compile(
    r"^\s*(?:people\s+)?(?:in\s+all|in\s+total|altogether|all\s+told)\b", re.IGNORECASE
)
_SUBJECT = re.compile(
    r"^\s*(?:(?!(?:or|but|while|when|who|which|that|after|before)\b)"
    r"(?!and\s+(?:\d|an?\b|one\b|another\b|others?\b|the\b|(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|several|dozens|at|more|some)\b))[\w.'’()-]+(?:,(?=\s+(?!(?:one|two|three|"
    r"four|five|six|seven|eight|nine|ten|several|dozens|some|at|more)\b)[a-z]))?\s+){0,10}?"
    r"(?:was|were|are|is|have\s+been|had\s+been|has\s+been)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
"""The count is the subject of a passive casualty verb: "Two people from the Hazara community
were shot dead", "15 policemen and civilians were killed" (but "and" before another count
starts another subject)."""
_SUFFERED = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,3}?(?:suffered|sustained|received)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
"""Between a count and "injuries": "Five people suffered light to moderate injuries"."""
_SUBSET_AFTER = re.compile(
    r"^\s+(?:of\s+them\s+)?(?:seriously|critically|severely|gravely|badly|slightly|lightly)\b",
    re.IGNORECASE,
)
"""After a count that is part of the one before: "28 injured, two seriously"."""
_SUBJECT_OF_DIED = re.compile(
    r"^\s*(?:(?!(?:and|or|but|while|when|who|which|that|after|before)\b)[\w.'’-]+\s+){0,10}?"
    r"(?:(?:have|has|had)\s+)?$",
    re.IGNORECASE,
)
_HEADLINE_END = re.compile(
    r"^(?:\s*(?:,|\.|;|$)|\s+(?:and|in|when|after|as|while|by|during|on|at|near)\b)",
    re.IGNORECASE,
)
"""After "One soldier killed": the headline's participle, not a verb with an object."""
_OTHER_FATE = re.compile(
    r"^\s*(?:[\w.'’-]+\s+){0,6}?(?:kidnapped|abducted|arrested|detained|missing|rescued|"
    r"captured|taken|freed|released|evacuated|displaced|hospitali[sz]ed|held|burned|burnt|"
    r"destroyed|damaged|torched|looted)\b",
    re.IGNORECASE,
)
"""'2 killed and 18 others were kidnapped': the second count is not a casualty."""
_AMONG = re.compile(r"\b(?:including|among|of\s+whom)\b", re.IGNORECASE)
_GENERIC_AFTER = re.compile(r"^\s*(?:people|persons|in\s+all|in\s+total)\b", re.IGNORECASE)
"""'183 people, some 170 Afghans and 13 troops': after a total, a comma opens its breakdown."""
_PASSIVE = re.compile(
    r"^\s*(?:[\w.'’-]+\s+){0,4}?(?:(?:was|were|is|are|been|being|got)\s+(?:\w+\s+){0,2}?"
    r"\w+|dead|died|wounded|injured|(?:sustained|suffered|received)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:injuries|wounds))$",
    re.IGNORECASE,
)
"""One person named by a noun is a casualty as the object of the cue: "a soldier was killed",
"left an officer dead", never "a policeman killed the attacker"."""
_KILLERS = re.compile(
    r"^\s+(?:[\w.'’-]+\s+){0,2}?(?:gunm[ae]n|militants?|attackers?|assailants?|insurgents?|"
    r"rebels?|guerrillas?|fighters|bombers?|terrorists?|men|soldiers|troops|policemen)\s+"
    r"(?:shot\s+)?$",
    re.IGNORECASE,
)
_OBJECT_AFTER = re.compile(
    r"^\s+(?:at\s+least\s+|more\s+than\s+|about\s+)?(?:(?:an?|the|his|her|their|one|two|three|"
    r"four|five|six|seven|eight|nine|ten)\b|\d|(?-i:[A-Z]))",
    re.IGNORECASE,
)
"""A count of killers before an active verb with its object ("four gunmen killed a judge",
"three militants shot two guards"): they did the killing and are no casualties."""
_AND_BETWEEN = re.compile(
    r"^\s*(?:[\w.'’-]+\s+){0,4}?(?:[\w.'’-]+,\s+(?:and\s+)?|and\s+)$", re.IGNORECASE
)
_OPENING_BONUS = 0.05
"""Figures in the paragraph that introduces an attack are the report's own headline figures."""
_VAGUE_WORDS = frozenset({"dozens", "scores", "hundreds", "thousands", "several"})


@dataclass
class _Link:
    count: Count
    """In sentence-local offsets."""
    kind: str | None = None
    confidence: float = 0.8
    total: bool = False
    joined: bool = False
    """Tied by "and" (or as a total) to the count before it."""


def read_figures(
    text: str, skip: Sequence[tuple[int, int]] = ()
) -> list[tuple[str, Quantity, float, Count]]:
    """(property, quantity, confidence, count) for each casualty figure of one sentence.

    ``skip`` holds spans of ``text`` (its dates) where numbers are not counts.
    """
    text = _INCLUDING.sub(lambda m: " " * len(m.group()), text)
    cues = [
        c
        for c in _CUE.finditer(text)
        if not text[: c.start()].lower().endswith("the ")
        or text[c.end() :].startswith(" of ")
        or c.group().lower() == "toll"
    ]
    if not cues:
        return []
    links = [_Link(c) for c in _counts(text, skip)]
    for link in links:
        _tie(text, link, cues)
    links = [
        link
        for previous, link in zip([None, *links], links, strict=False)
        if not (
            previous is not None
            and previous.kind is not None
            and text[: link.count.start].rstrip().endswith(",")
            and _SUBSET_AFTER.match(text[link.count.end :])
        )
    ]
    for previous, link in pairwise(links):
        if (
            link.kind is None
            and previous.kind in {"killed", "injured"}
            and _ALONG_WITH.search(text, previous.count.end, link.count.start)
        ):
            link.kind, link.joined = previous.kind, True
    _chain(text, links)
    return _merge(links)


_ONE_VICTIM = re.compile(
    r"\b(?:was|has\s+been|had\s+been|is)\s+(?:(?:also|later|then|reportedly|allegedly|"
    r"critically|seriously|fatally|badly|slightly|brutally|[a-z]+ly)\s+)?"
    r"(?:killed|shot\s+dead|shot\s+and\s+(?:killed|wounded|injured)|murdered|assassinated|"
    r"beheaded|decapitated|stabbed\s+to\s+death|gunned\s+down|slain|executed|found\s+dead|lynched|"
    r"hacked\s+to\s+death|burn(?:ed|t)\s+to\s+death|wounded|injured|hurt)\b",
    re.IGNORECASE,
)
"""A singular verb of a casualty after its subject: "..., an Afghan MP, was killed"."""
_SUBJECT_START = re.compile(
    r"(?:^|[;:]\s+|\.\s+|\b(?:when|after|and|but|while|as|before|then|later)\s+)(?=[^;:]*$)",
    re.IGNORECASE,
)
_NOT_A_VICTIM = re.compile(
    r"^(?:no|nobody|none|neither|nothing|no\s+one|it|this|that|which|who|what|there|"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:attack|bomb|blast|explosion|vehicle|car|bus|"
    r"building|house|station|incident|device|area|site|target|plane|train|office))\b",
    re.IGNORECASE,
)
_ALONG_WITH = re.compile(r"\b(?:along|together)\s+with\s+(?:at\s+least\s+|some\s+)?$", re.I)
"""Before more casualties of the same kind: "was killed on Wednesday along with five
others"."""
_RELATIVE_END = re.compile(r",?\s+(?:who|that)$", re.IGNORECASE)
"""After a subject told by a relative clause: "The bomber, who was killed"."""
_MAX_SUBJECT_WORDS = 12
_ELLIPSIS = re.compile(r"\bbut\s+$", re.IGNORECASE)
"""A subject left out after "but" is the one before: "He ran but was shot dead"."""


def _one_victims(text: str, found: list[Count]) -> list[Count]:
    """The counts with one casualty for each singular subject of a casualty verb that names
    no number: "Richard Roe, a local judge, was shot dead", "Later he was found dead". The
    subject replaces one-person counts inside it ("a local judge")."""
    for verb in _ONE_VICTIM.finditer(text):
        before = text[: verb.start()]
        start = max(m.end() for m in _SUBJECT_START.finditer(before))
        subject = _RELATIVE_END.sub("", before[start:].strip())
        if not subject and _ELLIPSIS.search(before):
            found.append(Count(Quantity(1, 1), False, verb.start(), verb.start() + 3, "", True))
            continue
        if not subject or len(subject.split()) > _MAX_SUBJECT_WORDS:
            continue
        begin = start + before[start:].index(subject)
        end = begin + len(subject)
        inside = [c for c in found if c.start < end and begin < c.end]
        if _NOT_A_VICTIM.match(subject) or any(not c.person for c in inside):
            continue
        found = [c for c in found if c not in inside]
        found.append(Count(Quantity(1, 1), False, begin, end, subject, True))
    return sorted(found, key=lambda c: c.start)


_ANOTHER = re.compile(
    r"\b(?:another|the\s+other|one\s+other)(?=\s*(?:[,.;]|$)|\s+(?:was|is|has|had|got|"
    r"sustained|suffered|seriously|critically|badly|slightly|severely|killed|injured|wounded|"
    r"hurt|died|and|in|at|during|on|when)\b)",
    re.IGNORECASE,
)
"""One more person, named by no noun: "killing one and injuring another"."""


def _counts(text: str, skip: Sequence[tuple[int, int]]) -> list[Count]:
    found = [
        Count(Quantity(1, 1), False, m.start(), m.end(), m.group()) for m in _ANOTHER.finditer(text)
    ]
    for match in COUNT.finditer(text):
        count = read_count(match)
        if count is None or any(count.start < e and s < count.end for s, e in skip):
            continue
        after = text[count.end :]
        if _NOT_A_TOLL_BEFORE.search(text[: count.start]) or (
            _NOT_A_TOLL_AFTER.match(after) and not _PARTITIVE.match(after)
        ):
            continue
        found.append(count)
    return _one_victims(text, found)


def _kind(cue: re.Match[str]) -> str:
    return "killed" if cue["killed"] else "injured"


def _tie(text: str, link: _Link, cues: list[re.Match[str]]) -> None:
    start, end = link.count.start, link.count.end
    before = [c for c in cues if c.end() <= start]
    after = [c for c in cues if c.start() >= end]
    if before and _TIGHT_BEFORE.match(text[before[-1].end() : start]):
        link.kind = _kind(before[-1])
        if _REVISION.search(text[:start]):
            link.confidence = 0.9
    elif after and _tied_after(text, link.count, after[0]):
        link.kind = _kind(after[0])
    elif before and (_REVISION.search(text[:start]) or _REVISED.search(text[:start])):
        kinds = [_kind(c) for c in before]
        link.kind = "killed" if kinds[-1] == "killed" or "injured" not in kinds else None
        link.confidence = 0.9
    if link.kind == "killed" and (
        _ATTACKERS.match(text[end:])
        or (link.count.person and _ONE_ATTACKER.search(link.count.text))
    ):
        link.kind = "attackersKilled"
    link.total = bool(_TOTAL_AFTER.match(text[end:]))
    if link.count.approximate:
        link.confidence = min(link.confidence, 0.6)
    if link.count.text.lower() in _VAGUE_WORDS:
        link.confidence = 0.5


def _tied_after(text: str, count: Count, cue: re.Match[str]) -> bool:
    """ "80 people were killed", "a soldier was killed", "One soldier killed and ...",
    "Two children from one family died"; not "a policeman killed the attacker"."""
    between = text[count.end : cue.start()]
    word = cue.group().lower()
    if _SUBJECT.match(between) or (word in {"died", "die"} and _SUBJECT_OF_DIED.match(between)):
        return True
    if word in {"injuries", "wounds"} and _SUFFERED.match(between):
        return True
    if not _AFTER_FILLER.match(between):
        return False
    if _KILLERS.match(between) and _OBJECT_AFTER.match(text[cue.end() :]):
        return False
    if not count.person:
        return True
    return bool(
        _PASSIVE.match(text[count.end : cue.end()])
        or (word in {"killed", "wounded", "injured"} and _HEADLINE_END.match(text[cue.end() :]))
    )


def _chain(text: str, links: list[_Link]) -> None:
    """Counts joined by "and" share their word; a following total replaces their sum."""
    for first, second in pairwise(links):
        between = text[first.count.end : second.count.start]
        listed = "," in between and not re.search(r"\band\s+$", between)
        if _AND_BETWEEN.match(between) and not (
            ("," in between and _GENERIC_AFTER.match(between))
            or (listed and first.kind is None)
            or _AMONG.search(between)
        ):
            if first.kind is None:
                first.kind = second.kind
            elif second.kind is None and not _OTHER_FATE.match(text[second.count.end :]):
                second.kind = first.kind
            second.joined = first.kind == second.kind
        elif second.total and second.kind in (None, first.kind) and first.kind is not None:
            second.kind, second.joined = first.kind, True


def _merge(links: list[_Link]) -> list[tuple[str, Quantity, float, Count]]:
    """One figure per run of chained counts of one kind; a stated total wins over a sum."""
    figures: list[tuple[str, Quantity, float, Count]] = []
    run: list[_Link] = []
    for link in [*links, None]:
        if run and (link is None or not link.joined or run[-1].total):
            totals = [r for r in run if r.total]
            if totals:
                chosen = totals[-1]
                figures.append((chosen.kind or "", chosen.count.quantity, 0.85, chosen.count))
            elif len(run) == 1 or _breakdown(run):
                only = run[0]
                figures.append((only.kind or "", only.count.quantity, only.confidence, only.count))
            else:
                figures.append((run[0].kind or "", _sum(run), 0.7, run[0].count))
            run = []
        if link is not None and link.kind is not None:
            run.append(link)
    return figures


def _breakdown(run: list[_Link]) -> bool:
    """True when the counts after the first add up to it: "killing five men, three Catholic
    and two Protestant" is five, told again by kind."""
    first = run[0].count.quantity
    rest = _sum(run[1:])
    return (
        len(run) >= 3 and first.min is not None and (rest.min, rest.max) == (first.min, first.max)
    )


def _sum(run: list[_Link]) -> Quantity:
    mins = [r.count.quantity.min for r in run]
    maxes = [r.count.quantity.max for r in run]
    low = sum(m or 0 for m in mins) if any(m is not None for m in mins) else None
    high = sum(m for m in maxes if m is not None) if all(m is not None for m in maxes) else None
    return Quantity(low, high)


_ALSO = re.compile(
    r"^\s+(?:[\w'’-]+\s+){0,4}?(?:(?:were|was|had\s+been|have\s+been)\s+also\s+"
    r"(?:killed|wounded|injured|hurt)|also\s+(?:died|perished))\b",
    re.IGNORECASE,
)
"""After a count in a later sentence: more casualties of the same attack ("Two drivers were
also killed in the attack"), to be added to the figure given before."""


def _added(
    work: Work, event: int, kind: str, quantity: Quantity, sentence: int
) -> tuple[Quantity, float] | None:
    """The figure given before for ``event`` and ``kind`` in an earlier sentence plus
    ``quantity``, with a confidence just above it; None when there is none."""
    earlier = [
        c for c in work.casualties if c.event == event and c.kind == kind and c.sentence < sentence
    ]
    if not earlier:
        return None
    first = max(earlier, key=lambda c: c.confidence)
    low = (first.quantity.min or 0) + (quantity.min or 0)
    high = (
        first.quantity.max + quantity.max
        if first.quantity.max is not None and quantity.max is not None
        else None
    )
    return Quantity(low, high), min(0.95, first.confidence + 0.02)


_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
_OVER_TIME = re.compile(
    rf"\b(?:since\s+(?:(?:early|late|mid-?)\s*)?(?:\d{{4}}|{_MONTHS}|the\s+(?:start|beginning)|"
    r"then|unrest|the\s+(?:insurgency|conflict|war|uprising|group['’]s))|"
    r"(?:in|over|during)\s+the\s+(?:last|past)\s+(?:[\w-]+\s+)?(?:days|weeks|months?|years?|"
    r"decades?)|in\s+recent\s+(?:weeks|months|years)|so\s+far\s+this\s+year|to\s+date|"
    r"over\s+the\s+years)\b",
    re.IGNORECASE,
)
_PERFECT = re.compile(
    r"\b(?:have|has)\s+(?:(?:been|also|now|since)\s+)?(?:[a-z]+ly\s+)?(?:killed|killing|"
    r"targeting|targeted|attacking|attacked|carried\s+out|claimed|wounded|injured)\b",
    re.IGNORECASE,
)


def _cumulative(text: str) -> bool:
    """True for a sentence that counts the dead of many attacks over time ("Militants have
    killed more than 200 people since January"): its figures belong to no one attack. A toll
    that "has risen" since the attack is still the attack's."""
    return bool(
        _OVER_TIME.search(text)
        and _PERFECT.search(text)
        and not _REVISION.search(text)
        and not _REVISED.search(text)
    )


_SEVERAL_ATTACKS = re.compile(
    r"\b(?:(?:a|the)\s+(?:wave|string|series|spate|spree|rash|flurry|number)\s+of\s+"
    r"(?:[\w-]+\s+){0,2}?|(?:coordinated|simultaneous|separate|multiple|several|twin|"
    r"near-simultaneous)\s+(?:[\w-]+\s+)?)"
    r"(?:attacks|bombings|blasts|explosions|assaults|raids|shootings|car\s+bombs)\b",
    re.IGNORECASE,
)


def _over_several(work: Work, sentence: Sentence) -> bool:
    """True for a sentence that sums several attacks the report then tells one by one ("A
    wave of bombings across Iraq killed at least 25 people"): its figures are no one
    attack's. Where the report tells of one attack that day only (others being earlier ones
    recalled), the sum stands as its toll."""
    if not _SEVERAL_ATTACKS.search(sentence.text):
        return False
    event = work.event_at(sentence.start) or work.events[0]
    day = event.date.value if event.date else None
    same_day = [e for e in work.events if (e.date.value if e.date else None) == day]
    return len(same_day) > 1


_TOLL_REPORT = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|put|gave|(?:had|have)\s+died|"
    r"died\s+(?:of\s+(?:their|his|her)\s+(?:wounds|injuries)|in\s+hospital))\b",
    re.IGNORECASE,
)
_LATER_REPORT = 0.9
"""A figure reported on a later day than the attack: the latest toll, as revised figures are."""


def _reported_later(work: Work, event: Attack, sentence: Sentence) -> bool:
    """True when the sentence reports a toll on a day after the attack's ("On Saturday he
    said 36 people had died", of an attack on Thursday)."""
    if event.date is None or len(event.date.value) != len("YYYY-MM-DD"):
        return False
    if not _TOLL_REPORT.search(sentence.text):
        return False
    return any(
        d.anchored and len(d.value) == len(event.date.value) and d.value > event.date.value
        for d in work.in_sentence(work.dates, sentence.index)
    )


class CasualtiesComponent:
    """Reads casualty figures in the text of each attack."""

    name = "overhorizon.casualties.v1"
    requires: tuple[str, ...] = ("sentences", "dates", "events", "scopes")
    assigns: tuple[str, ...] = ("casualties",)

    def __call__(self, work: Work) -> None:
        if not work.events:
            return
        scoped = {work.sentence_at(start) for start, _, _ in work.scopes}
        for sentence in work.sentences:
            if sentence.index not in scoped:
                continue
            if _cumulative(sentence.text) or _over_several(work, sentence):
                continue
            skip = [
                (d.start - sentence.start, d.end - sentence.start)
                for d in work.in_sentence(work.dates, sentence.index)
            ]
            for kind, quantity, confidence, count in read_figures(sentence.text, skip):
                event = work.event_at(sentence.start + count.start) or _sentence_event(
                    work, sentence.start, sentence.end
                )
                if event is None:
                    continue
                if sentence.paragraph == work.sentences[event.sentence].paragraph:
                    confidence = min(0.95, confidence + _OPENING_BONUS)
                if kind in {"killed", "injured"} and _reported_later(work, event, sentence):
                    confidence = max(confidence, _LATER_REPORT)
                if _ALSO.match(sentence.text[count.end :]):
                    added = _added(work, event.number, kind, quantity, sentence.index)
                    if added is not None:
                        quantity, confidence = added
                work.casualties.append(
                    Casualty(
                        event.number,
                        kind,
                        quantity,
                        count.text,
                        sentence.index,
                        confidence,
                    )
                )
        for event in work.events:
            if event.attack_type != "suicide_bombing" or any(
                c.event == event.number and c.kind == "attackersKilled" for c in work.casualties
            ):
                continue
            bombers = _bombers(work, event)
            if bombers is not None:
                work.casualties.append(
                    Casualty(
                        event.number,
                        "attackersKilled",
                        bombers,
                        "suicide",
                        event.sentence,
                        _SUICIDE_CONFIDENCE,
                    )
                )


_SUICIDE = re.compile(
    r"\b(?:(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten|both|twin)\s+"
    r"(?:[\w-]+\s+){0,3}?)?(?:suicide[\s-]+(?:(?:car|truck|vest)[\s-]+)?"
    r"(?P<plural>bombers|attackers)|suicide[\s-]+(?:(?:car|truck)[\s-]+)?(?:bomb(?:er|ing)?|attack(?:er)?|"
    r"blast)|blew\s+(?:himself|herself)\s+up|blows\s+(?:himself|herself)\s+up|"
    r"detonated\s+(?:his|her)\s+(?:explosive|suicide)\s+(?:vest|belt))\b",
    re.IGNORECASE,
)
_SURVIVED = re.compile(
    r"\b(?:arrested|captured|detained|caught|foiled|failed|thwarted|survived|surrendered|"
    r"before\s+(?:he|she|they)\s+could|was\s+stopped)\b",
    re.IGNORECASE,
)
_SUICIDE_CONFIDENCE = 0.4
"""Below any stated figure: the bomber's death is implied, not reported."""


def _bombers(work: Work, event: Attack) -> Quantity | None:
    """How many suicide attackers died in an attack, when its text reports suicide attacks
    and no attacker's survival: "two female suicide bombers" -> 2, "blew himself up" -> 1."""
    most = 0
    for index in event.sentences:
        text = work.sentences[index].text
        if _SURVIVED.search(text):
            return None
        for match in _SUICIDE.finditer(text):
            count = (match["count"] or "").lower()
            value = 2 if count in {"both", "twin"} else word_value(count) if count else None
            most = max(most, value if value and match["plural"] else 1)
    return Quantity(most, most) if most else None


def _sentence_event(work: Work, start: int, end: int) -> Attack | None:
    """The attack a sentence speaks of later on: "Two were killed, while a bomb exploded"."""
    for scope_start, _, number in work.scopes:
        if start <= scope_start < end:
            return work.events[number]
    return None
