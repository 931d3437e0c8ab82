"""The dateline: where a report was filed and the day its relative dates count from.

Wire reports open with ``KABUL, Aug. 27 (Horizon Wire) —``, ``QUETTA, Pakistan, July 31,
2023 —``, ``KABUL, 3 March 2025 —`` or ``KABUL, Afghanistan (March 3, 2025) —``. The year,
when missing, comes from the published date; the reference day is the dateline's, else the published
date, else a date standing alone on one of the first lines ("March 3, 2025", "Published:
2025-03-03").
"""

from __future__ import annotations

import re
import string
from datetime import date

from overhorizon.extraction.timex import MONTH_PATTERN, MONTHS, infer_year
from overhorizon.extraction.work import Dateline, Work

_DAY = (
    rf"(?:(?P<month>{MONTH_PATTERN})\b\.?[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    r"(?:,?[ \t]*(?P<year>(?:19|20)\d{2}))?|"
    rf"(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?P<month_after>{MONTH_PATTERN})\b\.?"
    r"(?:,?[ \t]*(?P<year_after>(?:19|20)\d{2}))?)"
)
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.\- ]*[A-Z.])"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z'’.\- ]+?))?"
    rf"(?:,[ \t]*{_DAY})?"
    r"[ \t]*(?:\((?P<agency>[^)\n]{1,80})\))?"
    r"[ \t]*(?:—|–|--|-|:)[ \t]*",
    re.MULTILINE,
)
_DAY_ONLY = re.compile(rf"\b{_DAY}")
_ISO_DAY = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?:published|posted|updated|date|dated|filed)[ \t]*(?:on)?[ \t]*:?[ \t]*)?"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?[ \t]+)?"
    r"(?P<date>[^\n]{6,40}?)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_DATE_LINES = 3
"""A date alone on one of the first lines of the text is the day the report speaks from."""
_SEARCH_CHARS = 600
"""A dateline opens the body; it may follow a title line, never much further down."""


def parse_dateline(text: str, published: date | None) -> Dateline | None:
    """The dateline in the first lines of ``text``, or None."""
    for match in _DATELINE.finditer(text, 0, min(len(text), _SEARCH_CHARS)):
        place = match["place"].strip(" .")
        if len(place) < 2 or not any(c.isalpha() for c in place):
            continue
        day = _date(match, published)
        if day is None and match["agency"]:
            inside = _DAY_ONLY.search(match["agency"])
            day = _date(inside, published) if inside else None
        return Dateline(
            start=match.start("place"),
            end=match.end(),
            place=string.capwords(place.lower(), " ").replace("-I-", "-i-"),
            region=match["region"].strip() if match["region"] else None,
            date=day,
        )
    return None


def date_line(text: str, published: date | None) -> date | None:
    """A date standing alone on one of the first lines of ``text`` (a byline's or a
    header's), or None."""
    head = "\n".join(text[:_SEARCH_CHARS].splitlines()[:_DATE_LINES])
    for match in _DATE_LINE.finditer(head):
        written = match["date"].strip(" .,")
        iso = _ISO_DAY.fullmatch(written)
        day = _DAY_ONLY.fullmatch(written)
        found = _date(iso, published) if iso else _date(day, published) if day else None
        if found is not None:
            return date.fromisoformat(found)
    return None


def _date(match: re.Match[str], published: date | None) -> str | None:
    groups = match.groupdict()
    month_name = groups.get("month_after") or groups.get("month")
    if month_name is None:
        return None
    month_number = int(month_name) if month_name.isdigit() else MONTHS[month_name.lower()]
    day_number = int(groups.get("day_first") or groups["day"])
    written = groups.get("year_after") or groups.get("year")
    if written:
        year = int(written)
    elif published is not None:
        year = infer_year(month_number, day_number, published, slack=3)
    else:
        return None
    try:
        return date(year, month_number, day_number).isoformat()
    except ValueError:
        return None


class DatelineComponent:
    """Finds the dateline and sets the reference day for relative dates."""

    name = "overhorizon.dateline.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("dateline", "reference_date")

    def __call__(self, work: Work) -> None:
        text, published = work.document.text, work.document.published
        work.dateline = parse_dateline(text, published)
        if work.dateline is not None and work.dateline.date is not None:
            work.reference_date = date.fromisoformat(work.dateline.date)
        else:
            work.reference_date = published or date_line(text, None)
