"""A group named as the one that carried out an attack, without "claimed" or "blamed".

Reports often say who did it in the telling itself: "Boko Haram insurgents stormed the
village", "an ambush by presumed members of the Allied Democratic Forces", "a Taliban attack
on a checkpoint". Such a group is the attack's perpetrator as the source states it (the
"attributed" kind of responsibility), or "suspected" when a hedge ("suspected", "presumed",
"believed to be") comes right before the name. The same contexts tell the actors component
that a name it does not know is an armed group.
"""

from __future__ import annotations

import re

AGENT_NOUNS = (
    r"militants?|insurgents?|rebels?|fighters?|guerrillas?|gunm[ae]n|terrorists?|jihadists?|"
    r"cadres?|operatives?|members?|separatists?|extremists?|militiam[ae]n|bombers?|attackers?|"
    r"cells?|elements?|commandos?|suicide\s+bombers?|assailants?|forces"
)
_ATTACK_VERBS = (
    r"attack(?:ed|s)?|storm(?:ed|s)?|kill(?:ed|s)?|detonat(?:ed|es?)|ambush(?:ed|es)?|"
    r"open(?:ed|s)?\s+fire|bomb(?:ed|s)?|shot|shoot|kidnapp?(?:ed|s)?|abduct(?:ed|s)?|"
    r"invad(?:ed|es?)|raid(?:ed|s)?|set\s+off|launch(?:ed|es)?|carri(?:ed|es)\s+out|"
    r"fired|behead(?:ed|s)?|execut(?:ed|es?)|massacred?|overr?an|seiz(?:ed|es?)|torched|"
    r"burn(?:ed|t)|plant(?:ed|s)?|blew\s+up|struck|hit|targeted|assassinated|murdered|"
    r"rammed|hijack(?:ed|s)?|took\s+\w+\s+hostages?"
)
_ATTACK_NOUNS = (
    r"attacks?|bombings?|assaults?|ambush(?:es)?|raids?|offensive|suicide\s+(?:bombing|attack)s?|"
    r"car\s+bomb(?:ing)?s?|massacre|shooting|rocket\s+attacks?|mortar\s+attacks?|"
    r"insurgents?|militants?|fighters?|gunmen|(?:suicide\s+)?bombers?|attackers?|terrorists?|"
    r"guerrillas?|rebels?|strike|ambush"
)
SUBJECT_AFTER = re.compile(
    rf"^(?:['’]s)?\s+(?:(?:{AGENT_NOUNS})\s+)?(?:(?:[a-z]+ly|had|have|has|also|then|later|"
    rf"allegedly|reportedly|then)\s+)?(?:{_ATTACK_VERBS})\b",
    re.IGNORECASE,
)
"""After a group that is the subject of an attack verb: "'s fighters stormed", " militants
killed", " detonated"."""
_MODIFIER_AFTER = re.compile(rf"^(?:-led|-linked)?\s+(?:{_ATTACK_NOUNS})\b", re.IGNORECASE)
"""After a group that modifies an attack noun: "a Taliban attack", "Boko Haram insurgents"."""
_BY_BEFORE = re.compile(
    rf"\b(?:by|from)\s+(?:(?:suspected|presumed|alleged|unidentified|armed|several|local|"
    rf"a\s+group\s+of|some)\s+)?(?:(?:{AGENT_NOUNS})\s+(?:of|from|belonging\s+to|linked\s+to|"
    rf"loyal\s+to|affiliated\s+with|with\s+ties\s+to)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
"""Before a group named as the agent: "by", "by presumed members of the", "by militants of"."""
_MEMBERS_BEFORE = re.compile(
    rf"\b(?:{AGENT_NOUNS})\s+(?:of|from|belonging\s+to|linked\s+to|loyal\s+to|affiliated\s+"
    rf"with|with\s+ties\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HEDGE_BEFORE = re.compile(
    r"\b(?:suspected|presumed|alleged|believed\s+to\s+(?:be|have\s+been)|likely|probably|"
    r"possibly|thought\s+to\s+be|apparently)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_PASSIVE_BEFORE = re.compile(
    rf"\b(?:{_ATTACK_VERBS}|{_ATTACK_NOUNS}|killed|wounded|injured|carried\s+out|perpetrated|"
    rf"orchestrated|staged|mounted|planted|launched|committed)\b[^.;]{{0,60}}$",
    re.IGNORECASE,
)


def agent_kind(text: str, start: int, end: int) -> str | None:
    """``attributed`` or ``suspected`` when the group at ``start:end`` of ``text`` (one
    sentence) is said to have carried out an attack; None when it is not."""
    before = text[max(0, start - 120) : start]
    after = text[end : end + 80]
    by = _BY_BEFORE.search(before)
    agent = bool(
        SUBJECT_AFTER.match(after)
        or _MODIFIER_AFTER.match(after)
        or (by is not None and _PASSIVE_BEFORE.search(before[: by.start()]))
        or (_MEMBERS_BEFORE.search(before) and SUBJECT_AFTER.match(after))
    )
    if not agent:
        return None
    return "suspected" if _HEDGE_BEFORE.search(before[-60:]) else "attributed"


def group_context(text: str, start: int, end: int) -> bool:
    """True when the words around a name say it is an armed group ("PKK militants",
    "members of the ELN", "claimed by X", "X stormed")."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 60]
    return agent_kind(text, start, end) is not None or bool(
        (
            re.match(rf"^\s+(?:{AGENT_NOUNS})\b", after, re.IGNORECASE)
            and not re.match(r"^\s+(?:members?|forces|cells?|elements?)\b", after, re.IGNORECASE)
        )
        or _MEMBERS_BEFORE.search(before)
        or re.search(
            r"\b(?:claimed\s+by|carried\s+out\s+by|perpetrated\s+by|blamed\s+on|"
            r"attributed\s+to|blamed)\s+(?:the\s+)?$",
            before,
            re.IGNORECASE,
        )
    )


ACRONYM_GROUP = re.compile(
    rf"\b(?P<before>(?:{AGENT_NOUNS})\s+(?:of|from)\s+(?:the\s+)?)?"
    r"(?P<name>(?-i:[A-Z][A-Z0-9]{1,6}(?:-[A-Z0-9]{1,4})?))"
    r"(?P<after>\s+(?:militants?|insurgents?|rebels?|guerrillas?|fighters?|cadres?|"
    r"terrorists?|jihadists?|gunmen))?\b",
    re.IGNORECASE,
)
"""An acronym the recogniser may miss, named as a group: "ELN guerrillas", "members of the
ELN"; only ``before`` or ``after`` matched make it one."""
