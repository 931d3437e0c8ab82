"""The words that signal attacks, and how to tell a particular attack from attacks in general.

Kept apart from the component that groups clauses into attacks so that the lexicon can grow
(or be replaced by a trained classifier) without touching the grouping rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from overhorizon.extraction.timex import MONTH_PATTERN
from overhorizon.extraction.work import DateMention, Sentence

_AGENT = (
    r"(?:militants?|insurgents?|rebels?|guerrillas?|terrorists?|jihadists?|separatists?|"
    r"extremists?|attackers?|assailants?|maoists?|cadres?|herdsmen)"
)
"""Who carries out attacks: "militants killed 14", "were killed by insurgents"."""
TRIGGERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for kind, pattern in (
        (
            "suicide_bombing",
            r"suicide[\s-]+(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers|s)?|blasts?|vests?|belts?|"
            r"(?:car|truck)[\s-]bomb(?:er|ing)?s?)|blew\s+(?:himself|herself|themselves)\s+up|"
            r"blows?\s+(?:himself|herself|themselves)\s+up|"
            r"detonated\s+(?:his|her|their|an)\s+explosive\s+(?:vest|belt)|"
            r"explosive\s+(?:vests?|belts?)",
        ),
        (
            "rocket_attack",
            r"rockets?|missiles?|mortars?|katyushas?|mortar\s+shells?|shelling|shelled",
        ),
        (
            "bombing",
            r"(?:car|truck|roadside|magnetic|sticky|parcel|motorcycle)[\s-]bombs?|"
            r"bomb(?:s|ing|ings|ed|er|ers)?|blasts?|explosions?|IEDs?|"
            r"improvised\s+explosive\s+devices?|explosive\s+(?:devices?|charges?)|"
            r"explod(?:ed|es|ing)|detonat(?:ed|es|ing)|grenades?|landmines?|land\s+mines?|"
            r"(?:struck|hit|stepped\s+on)\s+an?\s+mine|blew\s+up|blown\s+up|booby[\s-]trapped|"
            r"went\s+off|(?:loaded|packed|laden|rigged)\s+with\s+explosives|drones?\s+attacks?|"
            r"dynamit(?:e|ed|es|ing)|"
            r"(?:armed|explosive|explosives-laden|explosive-laden|kamikaze|attack|suicide)\s+drones?",
        ),
        ("assassination", r"assassinat\w*|shot\s+dead|gunned\s+down|targeted\s+killings?"),
        ("kidnapping", r"kidnap\w*|abduct\w*|taken\s+hostage|took\s+\w+\s+hostages?|hijack\w*"),
        (
            "arson",
            r"arson|set\s+fire\s+to|set\s+(?:[\w-]+\s+){0,4}?on\s+fire|set\s+ablaze|"
            r"torch(?:ed|es)?|firebomb\w*|petrol\s+bombs?",
        ),
        (
            "armed_assault",
            r"gunm[ae]n|opened\s+fire|shootings?|shoot-?outs?|stormed|storming|gun\s+attacks?|"
            r"massacred?|raided|ambush(?:ed|es)?|firefights?|gunfights?|gun\s+battles?|gunfire|"
            r"exchange\s+of\s+fire|overran|shot\s+and\s+killed|(?:was|were|is|are)\s+shot|"
            r"stabb(?:ed|ing)|knife\s+attacks?|rammed|ramming|clash(?:es|ed)?|"
            r"(?:an?|the)\s+(?:armed\s+)?encounter|fired\s+(?:at|on|upon)|opens?\s+fire|"
            r"(?:fatally\s+)?shot\s+at|fatally\s+shot",
        ),
        (
            "other",
            r"attack(?:s|ed)?|assault(?:s|ed)?|executed|beheaded|beheading|murdered|lynched|"
            r"slaughtered|burn(?:ed|t)\s+(?:alive|to\s+death)|"
            rf"hacked\s+to\s+death|butchered|{_AGENT}\s+(?:(?!(?:were|was|been|are|is)\b)"
            r"[\w-]+,?\s+){0,4}?(?:killed|kills|kill|killing)(?!\s+(?:by|in|during)\b)|"
            r"incursions?\s+(?:of|by)\s+(?:armed|unidentified|unknown)|"
            rf"(?:killed|shot\s+dead|wounded|injured|shot|decapitated|beheaded|murdered|slain)\s+"
            rf"by\s+(?:an?\s+|the\s+)?"
            rf"(?:(?:two|three|four|five|several|some|a\s+group\s+of|suspected|armed|unknown|"
            rf"unidentified|masked)\s+)*(?={_AGENT}|gunm[ae]n|men\b|members\s+of|(?-i:[A-Z]))",
        ),
    )
)
TYPE_ORDER = [kind for kind, _ in TRIGGERS]
_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in TRIGGERS), re.IGNORECASE)
"""One pass to skip the many clauses without any attack word."""
_STRIKES = re.compile(
    r"\b(?:(?:air|missile|u\.s\.|american|military|nato|coalition)[\s-]+"
    r"(?:strikes?|struck|attacks?|raids?)|drone[\s-]+(?:strikes?|struck|raids?)|"
    r"(?:u\.s\.|american|military|nato|coalition|israeli|russian|army)[\s-]+drone[\s-]+attacks?|"
    r"airstrikes?|drones?\b[^.;,]{0,30}\bstr(?:uck|ike)|"
    r"dropped\s+(?:[\w-]+\s+){0,5}?bombs?|massive\s+ordnance\s+air\s+blast|moab|gbu-43)\b",
    re.IGNORECASE,
)
"""Strikes by states are Strike events, not attacks: their words are masked out. A "drone
attack" with no state named is an attack: armed groups fly drones too."""
KILLING_OF = re.compile(
    r"\b(?:killing|murder|assassination|execution|beheading|abduction|kidnapping)\s+of\s+"
    r"(?:(?:the|a|an|its|his|her|their)\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+,\s+)?$",
    re.IGNORECASE,
)
"""Before a person's name: the noun that tells of the person's killing or abduction ("the
killing of the faction's founder, ..."); matched with the name's offset as its end."""


def names_strike(text: str) -> bool:
    """Whether ``text`` tells of an air, drone or missile strike by a state."""
    return bool(_STRIKES.search(text))


_PLURAL = re.compile(r"(?:s|ings)$", re.IGNORECASE)
_SINGULAR = frozenset(
    {
        "blew",
        "gunmen",
        "explodes",
        "detonates",
        "ambushes",
        "kills",
        "gunfire",
        "beheads",
        "kidnaps",
        "abducts",
        "hijacks",
        "storms",
        "executes",
        "shoots",
        "torches",
    }
)
"""Words that end like plurals but describe one attack (verbs in the present tense)."""
_ONE_OBJECT = re.compile(
    r"^\s+(?:an?|one|at\s+least|more\s+than|\d+|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozens|several)\b",
    re.IGNORECASE,
)
"""After "has attacked", "have beheaded": one object or a counted one makes it one event
("have attacked a security outpost"), where a bare plural is a habit ("has attacked
mosques")."""
_QUANTIFIED = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twin)"
    r"\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_ANAPHORIC = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[a-z-]+\s+){0,2}$")
"""A definite attack word with no date or name before it refers back to a known attack."""
INDEFINITE = re.compile(r"\b(?:[Aa]n?|[Aa]nother|[Aa]\s+second)\s+(?:[a-z-]+\s+){0,2}$")
_HABITUAL = re.compile(
    r"\b(?:repeatedly|frequently|often|regularly|increasingly|routinely|previously|has|have)\s+"
    r"(?!been\s+$)(?:\w+\s+)?$",
    re.IGNORECASE,
)
CALENDAR = re.compile(rf"\b(?:{MONTH_PATTERN})\b|\d{{4}}")
"""A date written with its month or year ("Aug. 26"), not relative to the report ("Monday")."""
_HYPOTHETICAL = re.compile(
    r"\b(?:to|could|would|may|might|will|plan(?:ned|ning)?\s+to|threat(?:ened|s)?\s+to)\s+$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r";\s+|\s+—\s+|,\s+(?=(?:but|which|while|whereas|although|though|as|after|where|saying)\b)"
    r"|(?P<member>,\s+(?=including\b))"
    rf"|(?P<dated>\s+(?=(?:after|since|before)\s+(?:(?:{MONTH_PATTERN})(?:['’]s|\s+\d{{4}})|"
    r"\d{4}\b)))",
    re.IGNORECASE,
)
"""Where a sentence turns to another attack or event: at a semicolon or dash, before ", but",
", which", ", saying" ..., before ", including" (a member of what was named: "bombings in Kabul,
including the August attack on a wedding hall") and before a dated "after", "since" or
"before" ("the deadliest in Peshawar since March 2022, when ..."). The last two keep the
clause before them as their context: an attack they name without a place of its own took
place where that clause says."""
COUNTED = re.compile(
    r"\b(?:killed|killing|kills|dead|died|deaths?|toll|wounded|wounding|injured|injuring)\b",
    re.IGNORECASE,
)
DIGITS = re.compile(
    r"\b(?:\d+|dozens|scores|hundreds|two|three|four|five|six|seven|eight|nine|ten)\b", re.I
)
TARGET = re.compile(
    r"\b(?:[Aa]n?|[Tt]he)\s+((?:(?!(?:attacks?|bombings?|blasts?|explosions?|assaults?|raids?|"
    r"strikes?|shootings?|on|at|in|near|outside|inside|of|to|for|by|from|and|the|an?|his|her|"
    r"their|its)\b)[\w'’-]+\s+){0,3}?"
    r"(?:(?:railway|train|bus|metro|polling)\s+station|mosque|shrine|school|hospital|ward|bank|"
    r"demonstration|rally|march|protest|wedding(?:\s+hall)?|funeral|airport|gate|checkpoint|"
    r"convoy|market|bazaar|bus|embassy|church|temple|gurdwara|university|hall|hotel|"
    r"compound|base|prison|jail|police\s+station|ministry|office|crowd|gathering|centre|"
    r"center|procession|ceremony|court|maternity\s+ward|clinic|stadium|club|worshippers|"
    r"pilgrims|passengers|mourners|students|pupils|worshipers|soldiers|policemen|police\s+officers|"
    r"troops|patrol|motorcade|vehicle|train|restaurant|cafe|café|concert\s+hall|church|"
    r"terminal|camp|barracks|outpost|"
    r"headquarters|parliament|village|factory|pipeline)(?:e?s)?)\b"
)
"""What an attack hit: a venue noun with up to three words before it ("a crowded Sufi
shrine"), none of them an attack word or a preposition ("a blast at a rally" hit "rally")."""
WEAPONS = re.compile(
    r"\b(?:explosive\s+(?:vests?|belts?)|suicide\s+(?:vests?|belts?)|explosives|"
    r"(?:car|truck|roadside|magnetic|sticky|motorcycle|barrel|nail|pipe|parcel)[\s-]bombs?|"
    r"katyusha\s+rockets?|rockets?|"
    r"mortars?|grenades?|IEDs?|improvised\s+explosive\s+devices?|ball\s+bearings|rifles?|"
    r"kalashnikovs?|pounds\s+of\s+explosives|gunfire|(?:machine[\s-])?guns?|firearms|"
    r"pistols?|automatic\s+weapons|(?:chemical|biological|nuclear)\s+weapons|"
    r"(?:artillery|tank|mortar)\s+(?:shells?|rounds?)|shells|missiles?|bombs?|landmines?|"
    r"land\s+mines?|bullets|sarin|chlorine\s+gas|nerve\s+agents?|drones?)\b",
    re.IGNORECASE,
)


@dataclass
class Clause:
    sentence: Sentence
    start: int
    end: int
    text: str
    context: tuple[int, int] | None = None
    """The clause this one depends on (see ``_CLAUSE``), as a span of the document."""


def clauses(sentence: Sentence) -> list[Clause]:
    parts: list[Clause] = []
    begin = 0
    context: tuple[int, int] | None = None
    for cut in _CLAUSE.finditer(sentence.text):
        piece = _piece(sentence, begin, cut.start(), context)
        parts.append(piece)
        dependent = cut.group("member") is not None or cut.group("dated") is not None
        context = (piece.start, piece.end) if dependent else None
        begin = cut.end()
    parts.append(_piece(sentence, begin, len(sentence.text), context))
    return [p for p in parts if p.text.strip()]


def _piece(
    sentence: Sentence, begin: int, end: int, context: tuple[int, int] | None = None
) -> Clause:
    text = sentence.text[begin:end]
    return Clause(sentence, sentence.start + begin, sentence.start + end, text, context)


def triggers(text: str) -> list[tuple[str, re.Match[str]]]:
    """The attack words of ``text``, strikes by states masked out."""
    if not _ANY.search(text):
        return []
    masked = _STRIKES.sub(lambda m: " " * len(m.group()), text)
    found = [(kind, m) for kind, pattern in TRIGGERS for m in pattern.finditer(masked)]
    return sorted(found, key=lambda f: f[1].start())


def is_specific(
    text: str,
    found: list[tuple[str, re.Match[str]]],
    counted: bool,
    when: DateMention | None,
    first_news: bool = False,
    elsewhere: bool = False,
) -> bool:
    """True when an attack word names a particular attack, not attacks in general.

    Not specific: hypothetical ("threatened to attack"), habitual ("has repeatedly attacked")
    and definite words that point back ("the attack", unless a calendar date follows). A
    plural ("suicide bombers struck") counts with a toll, a number ("ten rockets") or a date
    more precise than a year. ``first_news``: the lead, before any attack was named, where
    "The bombing of a mosque killed 60" is the news itself. ``elsewhere``: the clause puts
    the attack somewhere the attack being told did not happen ("the massacre at a concert
    hall near Moscow" in a report of a shooting in Bamiyan), so "the" names another one.
    """
    dated = when is not None and bool(CALENDAR.search(when.text))
    for _, match in found:
        before = text[: match.start()]
        habit = _HABITUAL.search(before)
        if habit is not None and habit.group().split()[0].lower() in {"has", "have"}:
            habit = None if _ONE_OBJECT.match(text[match.end() :]) else habit
        if _HYPOTHETICAL.search(before) or habit is not None:
            continue
        if is_anaphoric(text, match) and not (dated or first_news or elsewhere):
            continue
        word = match.group().split()[-1]
        if not _PLURAL.search(word) or word.lower() in _SINGULAR:
            return True
        if counted or _QUANTIFIED.search(before) or (when is not None and len(when.value) > 4):
            return True
    return False


def is_anaphoric(text: str, match: re.Match[str]) -> bool:
    """ "The attack", "the deadly bombing": a word that refers back to an attack named before."""
    return bool(_ANAPHORIC.search(text[: match.start()]))
