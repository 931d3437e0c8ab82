"""Victims named as a group: "killing dozens of worshippers", "12 aid workers were abducted".

An attack's named victims are people (see the attack reader); reports more often say who was
hit by what they were. A group noun counts when the attack's own verb reaches it: as the object
of "killed", "wounded", "kidnapped", "opened fire on" (with its count and modifiers: "12
foreign aid workers"), as the subject of "were killed" and the like, or after "including" in a
sentence that tells casualties. "People", "persons" and "others" say nothing of who was hit,
and attackers are never victims, so neither is read. The group is kept as written, without
the hedge ("at least 12 aid workers" is "12 aid workers"): the count itself is the attack's
toll, read by the casualty reader.
"""

from __future__ import annotations

import re

from overhorizon.extraction.numbers import GROUP_COUNT, HEDGE_WORDS

_NOUNS = (
    r"civilians|worshipp?ers|pilgrims|mourners|shoppers|passengers|commuters|tourists|"
    r"students|pupils|schoolchildren|schoolgirls|schoolboys|children|girls|boys|women|"
    r"soldiers|troops|servicemen|policemen|police\s+officers|officers|guards|"
    r"security\s+personnel|security\s+guards|bodyguards|"
    r"(?:aid|health|polio|election|construction|road|bank|factory|mine)\s+workers|"
    r"workers|employees|staff\s+members|journalists|reporters|teachers|doctors|nurses|"
    r"deminers|vaccinators|engineers|officials|lawmakers|judges|lawyers|diplomats|"
    r"peacekeepers|elders|clerics|priests|villagers|farmers|miners|fishermen|herders|"
    r"drivers|refugees|migrants|protesters|demonstrators|fans|spectators|wedding\s+guests|"
    r"guests|customers|hostages|prisoners|inmates|christians|hazaras|shias|shiites|sikhs|"
    r"hindus|yazidis|family\s+members|relatives|militiamen|tribesmen|contractors"
)
_MODIFIERS = (
    r"(?:(?!(?:and|or|of|were|was|who|which|that|the|in|at|on|by|from|with|to|as|"
    r"people|persons|others|no|not|none|any|all|both|either|each)\b)[\w'’-]+\s+){0,2}?"
)
_GROUP = (
    rf"(?P<group>(?:(?P<count>{GROUP_COUNT})(?:\s+of\s+(?:his|her|their|its|the))?\s+)?"
    rf"(?:(?:Shia|Shiite|Sunni|Hazara|Christian|Sikh|Hindu)\s+)?{_MODIFIERS}(?:{_NOUNS}))\b"
)
_HEDGE = rf"(?:{HEDGE_WORDS})\s+"
_OBJECT = re.compile(
    r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|kidnapped|kidnapping|"
    r"abducted|abducting|seized|seizing|massacred|executed|executing|beheaded|shot\s+dead|"
    r"shot|shooting|gunned\s+down|targeted|targeting|opened\s+fire\s+on|fired\s+on|"
    r"took\s+hostage|taking\s+hostage|held\s+hostage)\s+"
    rf"(?:(?:the|a\s+group\s+of|a\s+bus\s+carrying|a\s+vehicle\s+carrying)\s+)?(?:{_HEDGE})?"
    + _GROUP,
    re.IGNORECASE,
)
_SUBJECT = re.compile(
    rf"(?<![\w'’-])(?:{_HEDGE})?{_GROUP}\s+(?:who\s+)?(?:were|was|had\s+been|have\s+been|are)\s+"
    r"(?:(?:also|reportedly|later|then|seriously|critically|fatally)\s+)?"
    r"(?:killed|wounded|injured|hurt|kidnapped|abducted|taken\s+hostage|executed|beheaded|"
    r"shot|among\s+the\s+(?:dead|wounded|injured|victims))\b",
    re.IGNORECASE,
)
_INCLUDING = re.compile(
    rf"\b(?:including|among\s+them|mostly|most\s+of\s+them)\s+(?:{_HEDGE})?{_GROUP}",
    re.IGNORECASE,
)
_CASUALTY_WORD = re.compile(
    r"\b(?:killed|killing|dead|died|wounded|wounding|injured|injuring|kidnapped|abducted)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:no|none\s+of\s+the|not\s+any)\s+$", re.IGNORECASE)


def victim_groups(text: str) -> list[tuple[int, int, str]]:
    """(start, end, group as written) for each group of people ``text`` says an attack hit."""
    found: list[tuple[int, int, str]] = []
    patterns = [_OBJECT, _SUBJECT]
    if _CASUALTY_WORD.search(text):
        patterns.append(_INCLUDING)
    for pattern in patterns:
        for match in pattern.finditer(text):
            start, end = match.span("group")
            if _NEGATED.search(text[max(0, start - 12) : start]):
                continue
            if any(s <= start < e or start <= s < end for s, e, _ in found):
                continue
            found.append((start, end, " ".join(match["group"].split())))
    return sorted(found)
