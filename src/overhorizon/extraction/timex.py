"""Calendar words and the arithmetic that resolves relative dates against a reference day."""

from __future__ import annotations

from datetime import date, timedelta

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

MONTH_PATTERN = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
"""Capitalised month names and abbreviations, longest first (``May`` only as a name)."""

WEEKDAY_PATTERN = "|".join(d.capitalize() for d in WEEKDAYS)


def month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def infer_year(month_number: int, day_number: int | None, reference: date, slack: int = 0) -> int:
    """The year of a date written without one: the latest not after the reference (+ slack days).

    News reports describe the past, so "Dec. 30" in a report of Jan. 2 is last year's.
    """
    limit = reference + timedelta(days=slack)
    if day_number is None:
        later = (month_number, 1) > (limit.month, 1)
    else:
        later = (month_number, day_number) > (limit.month, limit.day)
    return limit.year - 1 if later else limit.year


def last_weekday(weekday: int, reference: date, strictly_before: bool = False) -> date:
    """The latest day with ``weekday`` on or before ``reference`` (before it, if strict)."""
    back = (reference.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return reference - timedelta(days=back)


def shift_month(reference: date, months: int) -> tuple[int, int]:
    index = reference.year * 12 + reference.month - 1 + months
    return index // 12, index % 12 + 1


def compatible(first: str, second: str) -> bool:
    """Two dates of any precision can denote the same day: one is a prefix of the other."""
    return first.startswith(second) or second.startswith(first)


def precision(value: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "unknown")
