"""Read the UN Security Council consolidated sanctions list (its XML format) into records.

The format is the one published as ``sc-sanctions.xsd``: a ``CONSOLIDATED_LIST`` with a
``dateGenerated`` attribute, then ``INDIVIDUAL`` and ``ENTITY`` elements. Only what the
importer uses is read. The standard library parser is used: it never fetches external
entities, and the expat it is built on (2.4 and later) refuses entity-expansion bombs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from overhorizon.errors import ReferenceImportError
from overhorizon.model.types import squash
from overhorizon.reference.names import is_latin, split_packed, tidy

_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_SCRIPT_NOTE = re.compile(
    r"(?:original script|in arabic(?: script)?)\s*:\s*(?P<name>\S.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class Alias:
    name: str
    low_quality: bool = False
    """The list marks the alias "Low": too common or vague to identify the person alone."""


@dataclass
class UNRecord:
    """One listed individual or entity, as the list gives it."""

    kind: str
    """``INDIVIDUAL`` or ``ENTITY``."""
    regime: str
    """The sanctions regime (UN_LIST_TYPE), such as ``Al-Qaida`` (1267) or ``Taliban`` (1988)."""
    reference: str
    name: str
    listed_on: str | None = None
    comments: str | None = None
    aliases: list[Alias] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    designations: list[str] = field(default_factory=list)
    birth_dates: list[tuple[str, bool]] = field(default_factory=list)
    """(date, exact): an exact date or year, or an approximate year."""
    birth_places: list[str] = field(default_factory=list)
    gender: str | None = None

    @property
    def is_person(self) -> bool:
        return self.kind == "INDIVIDUAL"

    @property
    def names(self) -> list[str]:
        """The listed name's forms and every alias, for matching mentions of the record."""
        return [*split_packed(self.name), *(a.name for a in self.aliases)]


@dataclass
class UNList:
    generated: str
    """The date the list was generated (YYYY-MM-DD), which names the import's origin."""
    records: list[UNRecord]


def read_un_list(stream: IO[bytes], label: str) -> UNList:
    """Parse a whole list; raises ReferenceImportError when it is not a readable UN list."""
    generated: str | None = None
    records: list[UNRecord] = []
    try:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            if event == "start":
                if generated is None:
                    generated = _root_date(elem, label)
                continue
            if elem.tag in ("INDIVIDUAL", "ENTITY"):
                record = _record(elem)
                if record is not None:
                    records.append(record)
                elem.clear()
    except ET.ParseError as exc:
        raise ReferenceImportError(f"{label} is not well-formed XML: {exc}") from None
    if generated is None:
        raise ReferenceImportError(f"{label} is empty")
    return UNList(generated, records)


def _root_date(root: ET.Element, label: str) -> str:
    date = root.get("dateGenerated", "")
    if root.tag != "CONSOLIDATED_LIST" or not re.match(r"\d{4}-\d{2}-\d{2}", date):
        raise ReferenceImportError(
            f"{label} is not the UN consolidated sanctions list "
            f"(root <{root.tag}>, expected <CONSOLIDATED_LIST dateGenerated=...>)"
        )
    return date[:10]


def _text(elem: ET.Element, path: str) -> str | None:
    value = elem.findtext(path)
    if value is None:
        return None
    value = squash(value)
    return value or None


def _values(elem: ET.Element, path: str) -> list[str]:
    return [squash(v.text) for v in elem.findall(path) if v.text and v.text.strip()]


def _record(elem: ET.Element) -> UNRecord | None:
    reference = _text(elem, "REFERENCE_NUMBER")
    if reference is None:
        return None
    kind = elem.tag
    if kind == "INDIVIDUAL":
        parts = [_text(elem, tag) for tag in _NAME_PARTS]
        name = " ".join(p for p in parts if p and p != "na")
    else:
        name = _text(elem, "FIRST_NAME") or ""
    record = UNRecord(
        kind=kind,
        regime=_text(elem, "UN_LIST_TYPE") or "",
        reference=reference,
        name=tidy(name),
        listed_on=_text(elem, "LISTED_ON"),
        comments=_text(elem, "COMMENTS1"),
        gender=_text(elem, "GENDER"),
    )
    original = _text(elem, "NAME_ORIGINAL_SCRIPT")
    if original:
        record.aliases.extend(Alias(n) for n in split_packed(original))
    for alias in elem.findall(f"{kind}_ALIAS"):
        record.aliases.extend(_aliases(alias))
    record.nationalities = _values(elem, "NATIONALITY/VALUE")
    record.designations = _values(elem, "DESIGNATION/VALUE")
    record.countries = _values(elem, f"{kind}_ADDRESS/COUNTRY")
    for dob in elem.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(dob, record)
    for pob in elem.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [_text(pob, tag) for tag in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        place = ", ".join(p for p in parts if p)
        if place:
            record.birth_places.append(place)
    return record


def _aliases(alias: ET.Element) -> Iterator[Alias]:
    raw = _text(alias, "ALIAS_NAME")
    if raw is None:
        return
    low = (_text(alias, "QUALITY") or "").lower() == "low"
    for name in split_packed(raw):
        yield Alias(name, low)
    note = _text(alias, "NOTE")
    if note:
        yield from (Alias(n, low) for n in _note_names(raw, note))


def _note_names(alias: str, note: str) -> list[str]:
    """Names a note adds: an original-script form, or transliterations of a non-Latin alias."""
    script = _SCRIPT_NOTE.search(note)
    if script and not is_latin(script["name"]):
        return split_packed(script["name"])
    if is_latin(alias) or not is_latin(note):
        return []
    inside = re.search(r"\(([^()]*;[^()]*)\)", note)
    packed = inside.group(1) if inside else note.split("(")[0].split(")")[0]
    packed = re.sub(r"^[\w ]+:\s*", "", packed)
    if ";" not in packed:
        return []
    names = [tidy(p) for p in packed.split(";")]
    if all(n and len(n.split()) <= 6 and not re.search(r"\d", n) for n in names):
        return names
    return []


def _birth_date(dob: ET.Element, record: UNRecord) -> None:
    kind = (_text(dob, "TYPE_OF_DATE") or "").upper()
    value = _text(dob, "DATE") or _text(dob, "YEAR")
    if value is None or kind not in ("EXACT", "APPROXIMATELY", ""):
        return
    record.birth_dates.append((value, kind != "APPROXIMATELY"))
