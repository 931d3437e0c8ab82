"""Dates in the text, explicit or relative, resolved to YYYY, YYYY-MM or YYYY-MM-DD.

Explicit dates without a year ("Aug. 26") take the latest year that does not put them after the
reference day. Weekdays ("on Thursday", "Saturday's attack") are the latest such day on or
before the reference day; "last Thursday" is strictly before it. "Last month", "earlier this
year" and the like keep only the precision they have. Dates right after "since", "until" or
"before" bound a period rather than place an event, and are marked as not anchored.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from overhorizon.extraction.timex import (
    MONTH_PATTERN,
    MONTHS,
    WEEKDAY_PATTERN,
    WEEKDAYS,
    infer_year,
    last_weekday,
    month,
    shift_month,
)
from overhorizon.extraction.work import DateMention, Sentence, Work

_MONTH = rf"(?P<month>{MONTH_PATTERN})\b\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d|-year|\s*(?:years|people|fighters|km|miles))"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mdy", re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+{_YEAR})?")),
    (
        "dmy",
        re.compile(rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"),
    ),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}")),
    (
        "m",
        re.compile(
            rf"\b(?P<lead>[Ii]n|[Ll]ast|[Tt]his|[Tt]he|[Ss]ince|[Ee]arly|[Ll]ate|[Mm]id-|[Uu]ntil|[Bb]y)"
            rf"\s*(?:early\s+|late\s+|mid-)?{_MONTH}\b(?!\s+[0-3]?\d\b)"
        ),
    ),
    ("m", re.compile(rf"\b{_MONTH}(?=['’]s\s)")),
    ("y", re.compile(rf"(?<![\d$£€,.\-/]){_YEAR}\b")),
    (
        "weekday",
        re.compile(
            rf"\b(?P<lead>[Ll]ast\s+|[Ee]very\s+|[Nn]ext\s+)?(?P<weekday>{WEEKDAY_PATTERN})\b(?!s)"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|this (?:morning|afternoon|evening)|"
            r"(?:earlier |later )?this (?:week|month|year)|last (?:week|month|year)|"
            r"(?:the )?(?:previous|past) (?:week|month|year)|(?:a|one) (?:week|month|year) "
            r"(?:ago|earlier|after)|"
            r"(?P<count>two|three|four|five|six|\d) days ago|"
            r"(?P<span>two|three|four|five|six|\d{1,2}) (?P<unit>weeks|months|years) "
            r"(?:ago|earlier|after))\b",
            re.IGNORECASE,
        ),
    ),
)
_UNANCHORED = re.compile(
    r"\b(?:since|until|till|before|by|through)\s+(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)
_BOUNDING = {"since", "until", "by"}
_SINCE_WHEN = re.compile(r"^\s*,\s*when\b")
_SINCE_CLAUSE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}(?:took|returned|came|seized|began|started|"
    r"entered|fell|collapsed|captured|won|lost)\b[^,;.]*$",
    re.IGNORECASE,
)
"""In "since the Taliban took power in 2021" the date bounds a period."""
_SPELL = re.compile(r"\b(?:past|previous)\b", re.IGNORECASE)
""""The past year" is a stretch of time, not a point in it."""
_OF_YEAR = re.compile(r"\s+(?:in|of)\s+(?:19|20)\d{2}\b")
""""Easter Sunday in 2016": the weekday is not one near the report's day; the year dates it."""
_YEARS = re.compile(r"\b((?:19|20)\d{2})\b")
_THAT_YEAR = re.compile(r",?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_SAME_DAY = re.compile(
    r"\b(?:(?:that|the\s+same)\s+(?:morning|afternoon|evening|night|day)|"
    r"(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day|hours\s+(?:earlier|later))\b",
    re.IGNORECASE,
)
"""A day told by the one named before it: "shot dead ... that morning"."""
_FUTURE_SLACK = 14
"""Days after the reference an explicit day may lie and keep its year (deadlines, plans)."""
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def find_dates(
    sentence: Sentence,
    reference: date | None,
    context_year: int | None = None,
    context_day: str | None = None,
) -> list[DateMention]:
    """Every date in ``sentence``, earlier patterns winning where they overlap.

    ``context_year`` is the year the text last named: "on Aug. 26 that year" takes it.
    ``context_day`` is the day it last named: "that morning" and "earlier in the day" take it.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    if context_day is not None:
        for match in _SAME_DAY.finditer(sentence.text):
            taken.append(match.span())
            found.append(
                DateMention(
                    value=context_day,
                    text=match.group(),
                    start=sentence.start + match.start(),
                    end=sentence.start + match.end(),
                    sentence=sentence.index,
                    relative=True,
                )
            )
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence.text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            if kind == "weekday" and _OF_YEAR.match(sentence.text, match.end()):
                continue
            resolved = _resolve(kind, match, reference)
            if resolved is None:
                continue
            if (
                kind in {"mdy", "dmy", "m"}
                and not match.groupdict().get("year")
                and _THAT_YEAR.match(sentence.text, match.end())
            ):
                earlier = _YEARS.findall(sentence.text, 0, match.start())
                year = int(earlier[-1]) if earlier else context_year
                if year is not None:
                    resolved = (f"{year:04d}{resolved[0][4:]}", False)
            value, relative = resolved
            start, end = match.span()
            bounding = bool(
                _UNANCHORED.search(sentence.text[max(0, start - 20) : start])
                or _SINCE_CLAUSE.search(sentence.text[max(0, start - 70) : start])
            ) or (kind == "m" and (match.groupdict().get("lead") or "").lower() in _BOUNDING)
            anchored = not bounding or bool(_SINCE_WHEN.match(sentence.text[end : end + 10]))
            if kind == "relative" and _SPELL.search(match.group()):
                anchored = False
            taken.append((start, end))
            found.append(
                DateMention(
                    value=value,
                    text=match.group(),
                    start=sentence.start + start,
                    end=sentence.start + end,
                    sentence=sentence.index,
                    relative=relative,
                    anchored=anchored,
                )
            )
    return sorted(found, key=lambda d: d.start)


def _resolve(kind: str, match: re.Match[str], reference: date | None) -> tuple[str, bool] | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month_number = MONTHS[groups["month"].lower()] if groups.get("month") else None
    if kind in {"mdy", "dmy"} and month_number is not None:
        day_number = int(groups["day"])
        if year is None:
            if reference is None:
                return None
            year = infer_year(month_number, day_number, reference, slack=_FUTURE_SLACK)
        try:
            return date(year, month_number, day_number).isoformat(), groups.get("year") is None
        except ValueError:
            return None
    if kind == "my" and month_number is not None and year is not None:
        return month(year, month_number), False
    if kind == "m" and month_number is not None:
        if reference is None:
            return None
        lead = (groups.get("lead") or "").lower()
        resolved_year = infer_year(month_number, None, reference)
        if lead == "last" and (month_number, resolved_year) == (reference.month, reference.year):
            resolved_year -= 1
        return month(resolved_year, month_number), True
    if kind == "y" and year is not None:
        return f"{year:04d}", False
    if reference is None:
        return None
    if kind == "weekday":
        lead = (groups.get("lead") or "").strip().lower()
        if lead in {"every", "next"}:
            return None
        weekday = WEEKDAYS[groups["weekday"].lower()]
        return last_weekday(weekday, reference, strictly_before=lead == "last").isoformat(), True
    return _relative(match, reference)


def _relative(match: re.Match[str], reference: date) -> tuple[str, bool] | None:
    """Dates relative to the report's; "two months after the massacre" is read from the
    report's date too (the attack it follows is the report's news)."""
    phrase = " ".join(match["rel"].lower().split())
    if match["span"]:
        count = _COUNTS.get(match["span"].lower()) or int(match["span"])
        found = _units_before(reference, match["unit"].lower().removesuffix("s"), count)
        return (found, True) if found else None
    if match["count"]:
        count = _COUNTS.get(match["count"].lower()) or int(match["count"])
        return (reference - timedelta(days=count)).isoformat(), True
    if phrase == "yesterday":
        return (reference - timedelta(days=1)).isoformat(), True
    if phrase in {"today", "tonight", "this morning", "this afternoon", "this evening"}:
        return reference.isoformat(), True
    words = phrase.split()
    unit = words[1] if phrase.endswith(("ago", "earlier", "after")) else words[-1]
    back = not phrase.endswith(("this week", "this month", "this year"))
    found = _units_before(reference, unit, 1 if back else 0)
    return (found, True) if found else None


def _units_before(reference: date, unit: str, count: int) -> str | None:
    """The month ``count`` weeks or months before ``reference``, or the year ``count`` years
    before it."""
    if unit == "week":
        shifted = reference - timedelta(days=7 * count)
        return month(shifted.year, shifted.month)
    if unit == "month":
        return month(*shift_month(reference, -count))
    if unit == "year":
        return f"{reference.year - count:04d}"
    return None


class DatesComponent:
    """Finds and resolves the dates of every sentence."""

    name = "overhorizon.dates.v1"
    requires: tuple[str, ...] = ("sentences", "dateline", "reference_date")
    assigns: tuple[str, ...] = ("dates",)

    def __call__(self, work: Work) -> None:
        skip = (work.dateline.start, work.dateline.end) if work.dateline else (0, 0)
        year: int | None = None
        day = work.reference_date.isoformat() if work.reference_date else None
        for sentence in work.sentences:
            for mention in find_dates(sentence, work.reference_date, year, day):
                if skip[0] <= mention.start < skip[1]:
                    continue
                work.dates.append(mention)
                if not mention.relative:
                    year = int(mention.value[:4])
                if mention.anchored and len(mention.value) == len("YYYY-MM-DD"):
                    day = mention.value
