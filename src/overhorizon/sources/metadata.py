"""Metadata values as sources write them, made uniform: dates, languages and markings.

Each format spells these its own way (an RSS ``pubDate``, a PDF ``D:20150418``, a front matter
``TLP:AMBER``); readers pass what they found through here so documents all look alike.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

import py3langid

from overhorizon.model.statement import RELIABILITY, TLP_LEVELS

_LANGUAGE_SAMPLE = 4000
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})?(\d{2})?")
_LANGUAGE_TAG = re.compile(r"^([A-Za-z]{2})(?:[-_].*)?$")


def to_date(value: object) -> date | None:
    """The calendar date of a metadata value, or None when it is not recognisably one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return _safe_date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    pdf = _PDF_DATE.match(text)
    if pdf:
        return _safe_date(int(pdf[1]), int(pdf[2] or 1), int(pdf[3] or 1))
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def normalise_language(value: object) -> str | None:
    """The two-letter ISO 639-1 code of a language tag such as ``en-US``; None otherwise."""
    if not isinstance(value, str):
        return None
    match = _LANGUAGE_TAG.match(value.strip())
    return match[1].lower() if match else None


def detect_language(text: str) -> str | None:
    """The most likely language of ``text`` as an ISO 639-1 code; None for text without letters."""
    sample = text[:_LANGUAGE_SAMPLE]
    if not any(ch.isalpha() for ch in sample):
        return None
    code: str = py3langid.classify(sample)[0]
    return code


def normalise_reliability(value: object) -> str | None:
    """An Admiralty reliability grade from ``B`` or ``B2`` (reliability and credibility)."""
    if value is None:
        return None
    text = str(value).strip().upper()
    if text[:1] in RELIABILITY and (len(text) == 1 or text[1:].isdigit()):
        return text[0]
    return None


def normalise_tlp(value: object) -> str | None:
    """A TLP 2.0 label from ``amber``, ``TLP:AMBER`` or ``TLP:AMBER+STRICT``; also TLP 1's white."""
    if value is None:
        return None
    text = str(value).strip().lower().removeprefix("tlp:").strip()
    text = "clear" if text == "white" else text
    return text if text in TLP_LEVELS else None
