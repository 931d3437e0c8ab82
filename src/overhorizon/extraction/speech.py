"""Who a sentence says asserts its content, and whether a cue is negated.

"Taliban officials said ...", "... according to former officials", "..., said Zabihullah
Mujahid" give the asserting party that statements keep as ``asserted_by``; without one the
source itself asserts the fact.
"""

from __future__ import annotations

import re

_ROLE_WORDS = (
    r"officials?|police|spokes(?:man|woman|person)|ministry|authorities|investigators|"
    r"analysts?|experts?|commanders?|sources|diplomats|elders|residents|witnesses|doctors?|"
    r"staff|department|government|officers?|agency|service|forces|minister|governor|"
    r"president|envoy|report|statement|military|army|pentagon|command|leaders?|members?|"
    r"security|intelligence|provincial|local|senior|former|regional|independent|western|"
    r"afghan|pakistani|u\.s\.|american|iranian|russian|uzbek|tajik|un|united|nations|the|a|an|"
    r"one|two|some|several|its|their|his|her|state|interior|defence|defense|chief|deputy|"
    r"prime|top|hospital|monitoring|team|panel|council|mission|of|and|'s|’s"
)
_NP = rf"(?:(?:[A-Z][\w.'’-]*|{_ROLE_WORDS})\s+){{0,6}}(?:[A-Z][\w.'’-]*|{_ROLE_WORDS})"
_BEFORE_VERB = re.compile(
    rf"(?P<who>{_NP})(?:,[^,]{{1,60}},)?\s+(?:also\s+|later\s+|had\s+|have\s+|has\s+)?"
    r"(?P<verb>said|say|says|told|blamed|accused|alleged|believed?|suspect(?:ed)?|"
    r"attributed|estimated|reported|stated|insisted|argued|cited)\b",
    re.IGNORECASE,
)
_AFTER_SAID = re.compile(rf",\s*(?:said|according to)\s+(?P<who>{_NP})", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]{3,80})", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:the|a|an|and|of|one|also)\s+)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:the|a|an|and|of|'s|’s))+$", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:no|not|never|nobody|none|neither|denied|denies|deny|rejected|rejects|without|"
    r"dismissed)\b|n't\b",
    re.IGNORECASE,
)
_CLAUSE_START = re.compile(r"[,;:]\s|\bbut\b|\bwhile\b|\bwhich\b|\bthough\b", re.IGNORECASE)


def _tidy(who: str) -> str | None:
    who = _TRAILING.sub("", _LEADING.sub("", who.strip(" ,.;:")))
    if len(who) < 3 or not re.search(r"[A-Za-z]{3}", who):
        return None
    return who


def speaker(text: str) -> str | None:
    """The party the sentence reports as asserting, or None when the source speaks itself."""
    match = _ACCORDING.search(text)
    if match is not None:
        return _tidy(match["who"])
    match = _AFTER_SAID.search(text)
    if match is not None:
        return _tidy(match["who"])
    for match in _BEFORE_VERB.finditer(text):
        who = _tidy(match["who"])
        if who is not None and (
            any(c.isupper() for c in who) or re.search(_ROLE_WORDS, who, re.IGNORECASE)
        ):
            return who
    return None


def negated(text: str, at: int) -> bool:
    """True when the clause of ``text`` ending at ``at`` denies what follows."""
    clause_start = 0
    for match in _CLAUSE_START.finditer(text, 0, at):
        clause_start = match.end()
    return bool(_NEGATION.search(text, clause_start, at))
