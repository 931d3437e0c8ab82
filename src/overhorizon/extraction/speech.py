"""Who a sentence says asserts its content, and whether a cue is negated.

"Taliban officials said ...", "... according to former officials", "..., said Zabihullah
Mujahid" give the asserting party that statements keep as ``asserted_by``; without one the
source itself asserts the fact.
"""

from __future__ import annotations

import re

_ROLE_NOUNS = (
    r"officials?|police|spokes(?:man|woman|person)|ministry|authorities|investigators|"
    r"analysts?|experts?|commanders?|sources|diplomats|elders|residents|witnesses|doctors?|"
    r"staff|department|government|officers?|agency|service|forces|minister|governor|"
    r"president|envoy|report|statement|military|army|pentagon|command|leaders?|members?"
)
_ROLE_WORDS = (
    rf"{_ROLE_NOUNS}|"
    r"security|intelligence|provincial|local|senior|former|regional|independent|western|"
    r"afghan|pakistani|u\.s\.|american|iranian|russian|uzbek|tajik|un|united|nations|the|a|an|"
    r"one|two|some|several|its|their|his|her|state|interior|defence|defense|chief|deputy|"
    r"prime|top|hospital|monitoring|team|panel|council|mission|of|and|'s|’s"
)
_WORD = rf"(?:[A-Z][\w.'’-]*|(?i:{_ROLE_WORDS})\b)"
_NP = rf"(?:{_WORD}\s+){{0,6}}{_WORD}"
_VERBS = (
    r"said|say|says|told|blamed|accused|alleged|believed?|suspect(?:ed)?|attributed|estimated|"
    r"reported|stated|insisted|argued|cited"
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b", re.IGNORECASE)
_BEFORE_VERB = re.compile(
    rf"(?P<who>{_NP})(?:,[^,]{{1,60}},)?\s+(?i:also\s+|later\s+|had\s+|have\s+|has\s+)?"
    rf"(?i:{_VERBS})$"
)
"""Who comes before a verb of saying; matched on a short window ending at the verb."""
_WINDOW = 160
_AFTER_SAID = re.compile(rf",\s*(?i:said|according to)\s+(?P<who>{_NP})")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;]{3,80})", re.IGNORECASE)
_LEADING = re.compile(r"^(?:(?:the|a|an|and|of|one|also)\s+)+", re.IGNORECASE)
_TRAILING = re.compile(r"(?:\s+(?:the|a|an|and|of|'s|’s))+$", re.IGNORECASE)
_NEGATION = re.compile(
    r"\b(?:no|not|never|nobody|none|neither|denied|denies|deny|rejected|rejects|without|"
    r"dismissed)\b|n't\b",
    re.IGNORECASE,
)
ASIDE = re.compile(r",\s+(?:a|an|the|whose|which|who|one\s+of)\b[^,]*,", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:]\s|\bbut\b|\bwhile\b|\bwhich\b|\bthough\b", re.IGNORECASE)


_SEEN_BY = re.compile(r"\s+(?:seen|obtained|reviewed|quoted|cited)\s+by\b.*$", re.IGNORECASE)
"""After a document: who read it, not who asserts ("a UN report seen by reporters")."""
_NOUN = re.compile(rf"^(?:{_ROLE_NOUNS})$", re.IGNORECASE)
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "this", "that"})
"""A sentence-initial pronoun ("It said ...") names no one: the source is kept instead."""


def _tidy(who: str) -> str | None:
    """The asserting party without leading articles; None unless it has a name or a role."""
    who = _SEEN_BY.sub("", who.strip(" ,.;:"))
    who = _TRAILING.sub("", _LEADING.sub("", who))
    words = who.split()
    if who.lower() in _PRONOUNS or not any(w[0].isupper() or _NOUN.match(w) for w in words):
        return None
    return who


def speaker(text: str) -> str | None:
    """The party the sentence reports as asserting, or None when the source speaks itself."""
    match = _ACCORDING.search(text)
    if match is not None and _tidy(match["who"]) is not None:
        return _tidy(match["who"])
    match = _AFTER_SAID.search(text)
    if match is not None and _tidy(match["who"]) is not None:
        return _tidy(match["who"])
    for verb in _VERB.finditer(text):
        window = text[max(0, verb.start() - _WINDOW) : verb.end()]
        match = _BEFORE_VERB.search(window)
        who = _tidy(match["who"]) if match is not None else None
        if who is not None:
            return who
    return None


_CONTENT_WORDS = 4
"""Words after a verb of saying that make it open what the speaker says."""


def before_the_words(text: str, at: int) -> bool:
    """True when ``at`` lies before a verb of saying whose words follow it, as in the subject
    of "Al-Shabaab, which is affiliated with al-Qaeda, said its fighters ...": what is told
    there is the report's own, not the speaker's. False for a sentence that ends with who
    says it ("..., which split from Boko Haram in 2016, an analyst said") or cites its source
    ("according to ...")."""
    if _ACCORDING.search(text):
        return False
    verb = _VERB.search(text, at)
    return verb is not None and len(text[verb.end() :].split()) >= _CONTENT_WORDS


def asides(text: str) -> list[tuple[int, int]]:
    """Spans of appositives and relative clauses (", the Afghan affiliate of X,"): what is
    named inside them is not the subject of the sentence around them."""
    return [(m.start(), m.end()) for m in ASIDE.finditer(text)]


def outside(spans: list[tuple[int, int]], start: int, end: int, at: int) -> bool:
    """True unless ``start:end`` lies inside an aside that does not also hold ``at``."""
    return not any(s <= start and end <= e and not s <= at < e for s, e in spans)


def negated(text: str, at: int) -> bool:
    """True when the clause of ``text`` ending at ``at`` denies what follows."""
    clause_start = 0
    for match in _CLAUSE_START.finditer(text, 0, at):
        clause_start = match.end()
    return bool(_NEGATION.search(text, clause_start, at))
