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

from overhorizon.extraction.speech import ASIDE

AGENT_NOUNS = (
    r"militants?|insurgents?|rebels?|fighters?|guerrillas?|gunm[ae]n|terrorists?|jihadists?|"
    r"cadres?|operatives?|members?|separatists?|extremists?|militiam[ae]n|bombers?|attackers?|"
    r"cells?|elements?|commandos?|suicide\s+bombers?|assailants?|forces|snipers?|"
    r"infiltrators?|bandits?|assassins?|hitm[ae]n"
)
_ATTACK_VERBS = (
    r"attack(?:ed|s)?|storm(?:ed|s)?|kill(?:ed|s)?|detonat(?:ed|es?)|ambush(?:ed|es)?|"
    r"open(?:ed|s)?\s+fire|bomb(?:ed|s)?|shot|shoot|kidnapp?(?:ed|s)?|abduct(?:ed|s)?|"
    r"invad(?:ed|es?)|raid(?:ed|s)?|set\s+off|launch(?:ed|es)?|carri(?:ed|es)\s+out|"
    r"fired|behead(?:ed|s)?|execut(?:ed|es?)|massacred?|overr?an|seiz(?:ed|es?)|torched|"
    r"burn(?:ed|t)|plant(?:ed|s)?|blew\s+up|struck|hit|targeted|assassinated|murdered|"
    r"rammed|hijack(?:ed|s)?|took\s+\w+\s+hostages?|stag(?:ed|es)|mount(?:ed|s)|"
    r"orchestrat(?:ed|es)|perpetrat(?:ed|es)|committed|conducted|dynamit(?:ed|e)|murder(?:ed|s)?|"
    r"(?:built|made|delivered|supplied)\s+(?:and\s+\w+\s+)?the\s+(?:bombs?|explosives|devices?)"
)
_ATTACK_NOUNS = (
    r"attacks?|bombings?|assaults?|ambush(?:es)?|raids?|offensive|suicide\s+(?:bombing|attack)s?|"
    r"car\s+bomb(?:ing)?s?|massacre|shooting|rocket\s+attacks?|mortar\s+attacks?|"
    r"insurgents?|militants?|fighters?|gunmen|(?:suicide\s+)?bombers?|attackers?|terrorists?|"
    r"guerrillas?|rebels?|strike|ambush|land\s*mines?|mines?|bombs?|IEDs?|grenades?|snipers?"
)
_ACRONYM = r"(?:\s*\([^()]{1,20}\)|\))?"
"""Between a group and what it did: its acronym in brackets ("Kurdistan Workers' Party (PKK)
attack"), or the closing bracket after an acronym."""
_KIND = r"(?:(?:female|male|teenage|young|armed|suicide|terror|terrorist|group)\s+){0,2}"
SUBJECT_AFTER = re.compile(
    rf"^{_ACRONYM}(?:['’]s)?\s+(?:{_KIND}(?:{AGENT_NOUNS}|group)\s+)?(?:(?:[a-z]+ly|had|have|"
    rf"has|also|then|later|allegedly|reportedly|then)\s+)?(?:{_ATTACK_VERBS})\b",
    re.IGNORECASE,
)
"""After a group that is the subject of an attack verb: "'s fighters stormed", " militants
killed", " detonated"."""
_MODIFIER_AFTER = re.compile(
    rf"^{_ACRONYM}(?:-led|-linked)?\s+{_KIND}(?:{_ATTACK_NOUNS})\b", re.IGNORECASE
)
_SUFFERED = re.compile(
    r"^\s+(?:(?:were|was|are|is|have\s+been|had\s+been)\s+(?:\w+\s+)?(?:killed|wounded|"
    r"injured|captured|arrested|detained|targeted)|died|killed\s+and|and\s+\d+|killed\b)",
    re.IGNORECASE,
)
"""After "SDF fighters", "Peshmerga soldiers": what befell them; they are the victims."""
_POLICING = re.compile(
    r"^\s+(?:(?:later|then|also|had|have)\s+)?(?:broke\s+up|dispersed|arrested|detained|"
    r"rounded\s+up|beat|patroll?(?:ed|ing)|guard(?:ed|ing)|search(?:ed|ing)|block(?:ed|ing)|"
    r"cordon(?:ed|ing)|surround(?:ed|ing)|stopped|deployed|were\s+deployed|took\s+(?:power|"
    r"control)|seized\s+power|fired\s+(?:in|into)\s+the\s+air)\b",
    re.IGNORECASE,
)
"""After "Taliban fighters" and the like: what armed men did that is no attack ("broke up the
protest", "cordoned off the area")."""
_POLICED_VERBS = (
    r"broken\s+up|dispersed|arrested|detained|stopped|blocked|rounded\s+up|cordoned\s+off|"
    r"guarded|searched|surrounded|freed|rescued"
)
_POLICED = re.compile(rf"\b(?:{_POLICED_VERBS})\s+$", re.IGNORECASE)
"""Before "by": what armed men did that is no attack ("broken up by Taliban fighters")."""
_POLICED_BY = re.compile(rf"\b(?:{_POLICED_VERBS})\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_MEMBER_AFTER = re.compile(
    r"\b(?:attackers?|bombers?|terrorists?|gunm[ae]n|assailants?|perpetrators?|militants?|"
    r"killers?|men|man)\s+(?:(?:who|was|were|is|are|had\s+been)\s+)?(?:(?:[a-z]+ly|"
    r"identified\s+as|believed\s+to\s+(?:be|have\s+been)|said\s+to\s+be|thought\s+to\s+be)"
    r"\s+)?(?:(?:an?\s+)?(?:members?|militants?|fighters?)\s+of|belong(?:ed|ing|s)?\s+to|of|from|"
    r"inspired\s+by|linked\s+to|affiliated\s+with|loyal\s+to)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Before a group the attackers belonged to: "gunmen believed to be of the", "the terrorist
was identified as a member of", "a man inspired by the"."""
"""After a group that modifies an attack noun: "a Taliban attack", "Boko Haram insurgents"."""
_BY_BEFORE = re.compile(
    rf"\b(?:by|from)\s+(?:(?:suspected|presumed|alleged|unidentified|armed|several|local|"
    rf"a\s+group\s+of|some|\d+|two|three|four|five|six|seven|eight|nine|ten|its|his|their)\s+)"
    rf"{{0,3}}(?:(?:{AGENT_NOUNS})\s+(?:of|from|belonging\s+to|linked\s+to|"
    rf"loyal\s+to|affiliated\s+with|with\s+ties\s+to)\s+)?(?:the\s+)?"
    rf"(?:(?!(?:in|at|near|on|with|for|to|after|during|while|and|or|when|a|an)\b)"
    rf"[a-z][\w-]*\s+){{0,3}}$",
    re.IGNORECASE,
)
"""Before a group named as the agent: "by", "by three presumed members of the", "by militants
of", "by the terrorist group"."""
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
_TAKEN = re.compile(
    r"\b(?:seiz(?:ed|es?|ing)|captur(?:ed|es?|ing)|took|taken|tak(?:es|ing)|wrest(?:ed|s|ing)|"
    r"retook|retaken|won|fled|freed|rescued)\s+(?:[\w-]+\s+){0,3}$|"
    r"\b(?:separate|distinct|different|apart|away|split|splintered|independent|defected|"
    r"defectors|expelled|emerged|recruited|drawn)\s+$",
    re.IGNORECASE,
)
"""Before "from": what was taken from the group ("seized territory from the Taliban"), or a
group set apart from it ("separate from the Afghan Taliban"); the group is not the agent."""
_PASSIVE_BEFORE = re.compile(
    rf"\b(?:{_ATTACK_VERBS}|{_ATTACK_NOUNS}|killed|wounded|injured|carried\s+out|perpetrated|"
    rf"orchestrated|staged|mounted|planted|launched|committed)\b[^.;]{{0,60}}$",
    re.IGNORECASE,
)


_CLAIMS_AFTER = re.compile(
    r"^\s+(?:later\s+|also\s+|has\s+|have\s+|had\s+|quickly\s+)?(?:claimed|claims|took)\s+"
    r"(?:the\s+)?responsibility",
    re.IGNORECASE,
)


_BLAMED_AFTER = re.compile(
    r"^\s+(?:is|are|was|were)\s+(?:widely\s+|also\s+)?(?:blamed|suspected|believed\s+to\s+"
    r"(?:be|have\s+been)\s+behind|behind|responsible)\b",
    re.IGNORECASE,
)
_OPPONENT_BEFORE = re.compile(
    r"\b(?:clash(?:es|ed)?|gunfights?|gun\s*battles?|firefights?|fighting|encounter|"
    r"shoot-?outs?)\s+(?:with|against)\s+(?:the\s+)?(?:suspected\s+)?$",
    re.IGNORECASE,
)
"""Before the group a clash was fought with: "killed in a gunfight with the"."""


_TITLE_START = re.compile(r"^\s*(?:(?:\d{4}|[A-Z][a-z]+)\s+)*$")
_HEADING = re.compile(r"^\s*:")
"""An incident's title ("Shar Valley attack: ..."): the name before the attack word is its
place, not who carried it out."""


def agent_kind(text: str, start: int, end: int, past_aside: bool = True) -> str | None:
    """``attributed`` or ``suspected`` when the group at ``start:end`` of ``text`` (one
    sentence) is said to have carried out an attack; None when it is not. With
    ``past_aside``, the attack verb may follow an aside ("X, which is allied with Y, built the
    bomb"); that is no evidence that a name is a group's."""
    before = text[max(0, start - 120) : start]
    after = text[end : end + 80]
    by = _BY_BEFORE.search(before)
    modifier = _MODIFIER_AFTER.match(after)
    if (
        modifier is not None
        and _TITLE_START.match(text[:start])
        and _HEADING.match(after[modifier.end() :])
    ):
        return None
    if modifier is not None and (
        _SUFFERED.match(after[modifier.end() :])
        or _POLICING.match(after[modifier.end() :])
        or _POLICED_BY.search(before)
    ):
        modifier = None
    aside = ASIDE.match(text, end) if past_aside else None
    agent = bool(
        SUBJECT_AFTER.match(after)
        or (aside is not None and SUBJECT_AFTER.match(text[aside.end() : aside.end() + 80]))
        or modifier is not None
        or _MEMBER_AFTER.search(before)
        or (
            by is not None
            and _PASSIVE_BEFORE.search(before[: by.start()])
            and not (by.group().lower().startswith("from") and _TAKEN.search(before[: by.start()]))
            and not _POLICED.search(before[: by.start()])
        )
        or (_MEMBERS_BEFORE.search(before) and SUBJECT_AFTER.match(after))
        or _OPPONENT_BEFORE.search(before)
    )
    if not agent:
        return None
    return "suspected" if _HEDGE_BEFORE.search(before[-60:]) else "attributed"


def group_context(text: str, start: int, end: int) -> bool:
    """True when the words around a name say it is an armed group ("PKK militants",
    "members of the ELN", "claimed by X", "X stormed")."""
    before = text[max(0, start - 60) : start]
    after = text[end : end + 60]
    return agent_kind(text, start, end, past_aside=False) is not None or bool(
        (
            re.match(rf"^\s+(?:{AGENT_NOUNS})\b", after, re.IGNORECASE)
            and not re.match(r"^\s+(?:members?|forces|cells?|elements?)\b", after, re.IGNORECASE)
        )
        or _MEMBERS_BEFORE.search(before)
        or _CLAIMS_AFTER.match(after)
        or _BLAMED_AFTER.match(after)
        or re.search(
            r"\b(?:claimed\s+by|carried\s+out\s+by|perpetrated\s+by|blamed\s+on|"
            r"attributed\s+to|blamed)\s+(?:the\s+)?$",
            before,
            re.IGNORECASE,
        )
    )


_NAME_WORD = r"(?:[A-Z][\w'’-]*|al-[\w'’-]+)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|al|ul|el|bin|wal|e|i|the|and)\s+)?{_NAME_WORD}){{0,5}}"
_GROUP_NOUNS = (
    r"militants?|insurgents?|rebels?|guerrillas?|fighters?|gunm[ae]n|terrorists?|jihadists?|"
    r"militiam[ae]n|cadres?|(?:suicide\s+)?bombers?"
)
_CONTEXT_BEFORE = (
    rf"(?P<before>\b(?:(?:{AGENT_NOUNS})\s+(?:of|from|belonging\s+to|loyal\s+to)|"
    rf"claimed\s+by|carried\s+out\s+by|perpetrated\s+by|blamed\s+on|attributed\s+to|"
    rf"(?:clash(?:es|ed)?|gunfights?|gun\s*battles?|firefights?|fighting|encounter|shoot-?outs?)"
    rf"\s+(?:with|against))\s+(?:the\s+)?(?:suspected\s+)?)?"
)
_CONTEXT_AFTER = (
    rf"(?P<after>\s+(?:{_GROUP_NOUNS})\b|"
    rf"\s+(?:later\s+|also\s+|has\s+|have\s+|had\s+)?(?:claimed|claims|took)\s+(?:the\s+)?"
    rf"responsibility|\s+(?:is|are|was|were)\s+(?:widely\s+|also\s+)?(?:blamed|suspected|"
    rf"believed\s+to\s+(?:be|have\s+been)\s+behind|behind|responsible)\b)?"
)
NAMED_GROUP = re.compile(
    rf"{_CONTEXT_BEFORE}(?-i:(?P<name>{_NAME})){_CONTEXT_AFTER}", re.IGNORECASE
)
"""A capitalised name the recogniser may miss or mislabel, named as a group by the words
around it: "Abu Sayyaf gunmen", "members of the Anti-balaka", "X later claimed
responsibility"; only ``before`` or ``after`` matched make it one."""
_DESCRIPTIVE = re.compile(
    r"^(?:the|a|an|suspected|presumed|alleged|armed|unidentified|unknown|masked|local|"
    r"several|some|many|other|one|two|three|four|five|six|seven|eight|nine|ten|\d+|twin|"
    r"coordinated|multiple|numerous|heavily|hundreds|dozens|islamist|jihadist|maoist|"
    r"communist|separatist|rebel|militant|tribal|foreign|female|male|suicide|"
    r"(?:[\w'’-]*(?:an|ian|ese|i|ish))$)$",
    re.IGNORECASE,
)
"""Capitalised words that describe rather than name: "Suspected", "Two", "Pakistani"."""
_CREED = re.compile(r"^(?:islamic|muslim|sunni|shia|shiite|christian|hindu|buddhist)$", re.I)
"""Words that name a faith, not a group, when they stand alone ("Islamic militants")."""


def group_name(name: str) -> tuple[int, str] | None:
    """The name left once describing words are taken off its front ("Two Pakistani Taliban"
    -> "Taliban"), with its offset in ``name``; None when nothing that names is left."""
    offset = 0
    words = name.split()
    while words and _DESCRIPTIVE.match(words[0]):
        offset = name.index(words[0], offset) + len(words[0])
        words = words[1:]
    if not words or words[0][0].islower() or (len(words) == 1 and _CREED.match(words[0])):
        return None
    start = name.index(words[0], offset)
    return start, name[start:]


ACRONYM_GROUP = re.compile(
    rf"\b{_CONTEXT_BEFORE}(?P<name>(?-i:[A-Z][A-Z0-9]{{1,6}}(?:-[A-Z0-9]{{1,4}})?))"
    rf"{_CONTEXT_AFTER}\b",
    re.IGNORECASE,
)
"""An acronym the recogniser may miss, named as a group: "ELN guerrillas", "members of the
ELN"; only ``before`` or ``after`` matched make it one."""
