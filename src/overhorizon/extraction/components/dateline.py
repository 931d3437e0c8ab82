"""The dateline: where a report was filed and the day its relative dates count from.

Wire reports open with ``KABUL, Aug. 27 (Horizon Wire) —`` or ``QUETTA, Pakistan, July 31,
2023 —``. The year, when missing, comes from the published date; the reference day is the
dateline's, else the published date.
"""

from __future__ import annotations

import re
import string
from datetime import date

from overhorizon.extraction.timex import MONTH_PATTERN, MONTHS, infer_year
from overhorizon.extraction.work import Dateline, Work

_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.\- ]*[A-Z.])"
    r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z'’.\- ]+?))?"
    rf"(?:,[ \t]*(?P<month>{MONTH_PATTERN})\b\.?[ \t]+(?P<day>\d{{1,2}})"
    r"(?:,[ \t]*(?P<year>(?:19|20)\d{2}))?)?"
    r"[ \t]*(?:\((?P<agency>[^)\n]{1,80})\))?"
    r"[ \t]*(?:—|–|--|-|:)[ \t]*",
    re.MULTILINE,
)
_SEARCH_CHARS = 600
"""A dateline opens the body; it may follow a title line, never much further down."""


def parse_dateline(text: str, published: date | None) -> Dateline | None:
    """The dateline in the first lines of ``text``, or None."""
    for match in _DATELINE.finditer(text, 0, min(len(text), _SEARCH_CHARS)):
        place = match["place"].strip(" .")
        if len(place) < 2 or not any(c.isalpha() for c in place):
            continue
        return Dateline(
            start=match.start("place"),
            end=match.end(),
            place=string.capwords(place.lower(), " ").replace("-I-", "-i-"),
            region=match["region"].strip() if match["region"] else None,
            date=_date(match, published),
        )
    return None


def _date(match: re.Match[str], published: date | None) -> str | None:
    if match["month"] is None:
        return None
    month_number = MONTHS[match["month"].lower()]
    day_number = int(match["day"])
    if match["year"]:
        year = int(match["year"])
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
        work.dateline = parse_dateline(work.document.text, work.document.published)
        if work.dateline is not None and work.dateline.date is not None:
            work.reference_date = date.fromisoformat(work.dateline.date)
        else:
            work.reference_date = work.document.published
