"""Counts as reported, hedges included, read into quantities (``min..max``).

The rules, so that every figure can be traced back to its words:

- "61", "sixty-one", "a dozen" -> exact (61..61);
- "at least 60", "no fewer than 60", "a minimum of 60" -> 60..;
- "more than 100", "over 100", "upwards of 100" -> 100..;
- "nearly 200", "almost 200", "fewer than 200", "under 200" -> ..200;
- "up to 200", "as many as 200", "at most 200" -> ..200;
- "about 170", "around 170", "some 170", "roughly 170", "an estimated 170" -> 170..170, marked
  approximate (the caller lowers its confidence);
- "between 10 and 15", "10 to 15", "10-15" -> 10..15;
- "dozens" -> 24.. (at least two dozen), "scores" -> 40.., "hundreds" -> 200..,
  "thousands" -> 2000.., "several" -> 3..; "a handful" and vaguer words are not counts.

A bound is the figure the report gives, whether the hedge is strict ("more than 100") or not
("at least 100"): that is how lists of incidents record such tolls, and the hedge itself stays
in the statement's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from overhorizon.model.types import Quantity

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "several": 3}
_TENS_WORDS = "|".join(_TENS)
_DIGIT_WORDS = "|".join(list(_UNITS)[:9])
"""One to nine: what follows a tens word in "twenty-five"."""
_WORD = (
    rf"(?:(?:{_TENS_WORDS})(?:[\s-](?:{_DIGIT_WORDS}))?|"
    rf"{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
)
_SINGLE = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:a|one|two|three)\s+(?:dozen|hundred)|"
    rf"{_WORD}(?:\s+hundred)?)"
)
GROUP_COUNT = rf"(?:{_SINGLE}|(?:dozens|scores|hundreds|thousands)\s+of|several|many)"
"""How many people a group of them is, as written before its noun ("12", "dozens of")."""
HEDGE_WORDS = (
    r"at\s+least|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of|more\s+than|"
    r"over|upwards\s+of|nearly|almost|close\s+to|fewer\s+than|less\s+than|under|just\s+under|"
    r"up\s+to|as\s+many\s+as|at\s+most|a\s+maximum\s+of|about|around|some|roughly|"
    r"approximately|an\s+estimated|estimated|a\s+total\s+of"
)
"""The words that hedge a count ("at least", "nearly", "an estimated")."""
_HEDGE = rf"(?P<hedge>{HEDGE_WORDS})\s+"
ATTACKER_NOUNS = r"attacker|assailant|gunman|bomber|perpetrator|terrorist|militant|hijacker"
PERSON_NOUNS = (
    r"person|man|woman|child|boy|girl|baby|infant|teen(?:ager)?|student|pupil|teacher|soldier|"
    r"serviceman|servicewoman|trooper|policeman|policewoman|(?:police\s+)?officer|constable|"
    r"guard|bodyguard|civilian|driver|passenger|worker|employee|contractor|journalist|"
    r"reporter|photographer|official|politician|lawmaker|legislator|councill?or|mayor|"
    r"governor|minister|judge|lawyer|doctor|nurse|paramedic|priest|pastor|imam|cleric|monk|"
    r"nun|worshipp?er|pilgrim|tourist|resident|villager|farmer|shopkeeper|vendor|trader|"
    r"businessman|merchant|elder|commander|chief|militiaman|volunteer|activist|citizen|"
    r"hostage|victim|bystander|sergeant|lieutenant|captain|colonel|member|"
    r"relative|son|daughter|father|mother|brother|sister|wife|husband|"
    rf"{ATTACKER_NOUNS}"
)
"""Nouns for one person: "a soldier was killed" counts one, "his bodyguard was wounded" too."""
_ONE = (
    r"(?P<one>(?:an?|one|another|his|her|the)\s+"
    r"(?:(?!(?:the|an?|and|or|of|was|were|by|to|in)\s)(?![\w'’-]+(?:ed|ing)\s)[\w'’-]+\s+){0,3}?"
    rf"(?:{PERSON_NOUNS}))(?=\s|[,.;:]|$)"
    r"(?!\s+(?:attacks?|assaults?|bombings?|groups?|cells?|organi[sz]ations?|networks?|plots?|"
    r"camps?|hideouts?|bases?|suspects?)\b)"
)
"""One person named by a noun, not a noun modifying another ("a terrorist attack")."""
COUNT = re.compile(
    rf"\b(?:{_ONE}|(?:{_HEDGE})?(?:between\s+(?P<low>{_SINGLE})\s+and\s+(?P<high>{_SINGLE})|"
    rf"(?P<from>{_SINGLE})\s*(?:to|-|–)\s*(?P<to>{_SINGLE})(?=\s+(?:people|were|have|had|"
    rf"dead|killed|wounded|injured|civilians|others))|"
    rf"(?P<value>{_SINGLE})|(?P<vague>dozens|scores|hundreds|thousands|several)))\b",
    re.IGNORECASE,
)
"""A count with its hedge; ``group()`` is the whole phrase."""


_COMPOUND = re.compile(rf"\b(?:{_TENS_WORDS})-(?:{_DIGIT_WORDS})$", re.IGNORECASE)
""""Seventy-six": one number written with a hyphen, not the range seventy to six."""


@dataclass(frozen=True, slots=True)
class Count:
    quantity: Quantity
    approximate: bool
    start: int
    end: int
    text: str
    person: bool = False
    """One person named by a noun ("a soldier"), not a number."""


def word_value(text: str) -> int | None:
    """The value of one number as written: digits, words, "a dozen", "two hundred"."""
    words = text.lower().replace("-", " ").split()
    if not words:
        return None
    if words[0].replace(",", "").isdigit():
        return int(words[0].replace(",", ""))
    total = 0
    for word in words:
        if word == "a":
            total = total or 1
        elif word == "dozen":
            total = (total or 1) * 12
        elif word == "hundred":
            total = (total or 1) * 100
        elif word in _TENS:
            total += _TENS[word]
        elif word in _UNITS:
            total += _UNITS[word]
        else:
            return None
    return total


def read_count(match: re.Match[str], offset: int = 0) -> Count | None:
    """The quantity a COUNT match denotes, or None when it is not a usable count."""
    hedge = " ".join((match["hedge"] or "").lower().split())
    approximate = hedge in {"about", "around", "some", "roughly", "approximately"} or (
        "estimated" in hedge
    )
    if match["one"]:
        return Count(
            Quantity(1, 1), False, match.start() + offset, match.end() + offset, match.group(), True
        )
    if match["vague"]:
        quantity: Quantity | None = Quantity(_VAGUE[match["vague"].lower()], None)
    elif match["low"] or match["from"]:
        first = word_value(match["low"] or match["from"])
        second = word_value(match["high"] or match["to"])
        if first is None or second is None:
            return None
        compound = _COMPOUND.search(match.group())
        if match["from"] and compound is not None:
            quantity = _hedged(first + second, hedge)
        elif first > second:
            return None
        else:
            quantity = Quantity(first, second)
    else:
        value = word_value(match["value"])
        if value is None:
            return None
        quantity = _hedged(value, hedge)
    if quantity is None:
        return None
    return Count(quantity, approximate, match.start() + offset, match.end() + offset, match.group())


def _hedged(value: int, hedge: str) -> Quantity | None:
    if hedge in {"at least", "no fewer than", "no less than", "a minimum of"}:
        return Quantity(value, None)
    if hedge in {"more than", "over", "upwards of"}:
        return Quantity(value, None)
    if hedge in {"nearly", "almost", "close to", "fewer than", "less than", "under", "just under"}:
        return Quantity(None, value) if value > 0 else None
    if hedge in {"up to", "as many as", "at most", "a maximum of"}:
        return Quantity(None, value)
    return Quantity(value, value)
