"""Import the UN Security Council consolidated sanctions list as reference statements.

By default only the ISIL (Da'esh) and Al-Qaida regime (resolution 1267, reference numbers
QDi./QDe.) and the Taliban regime (resolution 1988, TAi./TAe.) are read. Each listed
individual becomes a Person and each entity an ArmedGroup, or an Organisation when it is
plainly a business or a charity (see :func:`entity_schema`). Ids come from the reference
number, so a newer list updates the same entities, and the curated seed can name them too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO

import httpx

from overhorizon.errors import InvalidValueError, ReferenceImportError
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.statement import Statement
from overhorizon.reference.names import split_packed
from overhorizon.reference.summary import ImportSummary, write
from overhorizon.reference.un_relations import affiliations
from overhorizon.reference.un_xml import UNRecord, read_un_list
from overhorizon.store.base import Store

DEFAULT_REGIMES: frozenset[str] = frozenset({"Al-Qaida", "Taliban"})
"""UN_LIST_TYPE values of the 1267 (ISIL/Al-Qaida) and 1988 (Taliban) regimes."""

_ORGANISATION_NAME = re.compile(
    r"\b(?:trust|foundation|charity|charitable|society|exchange|hawala|company|ltd|committee|"
    r"relief|humanitarian|welfare|al-harama[iy]n)\b",
    re.IGNORECASE,
)
_ORGANISATION_COMMENT = re.compile(
    r"money (?:exchange|service)|charit|non-governmental|registered (?:in|by|as)|its directors",
    re.IGNORECASE,
)
_UN_COUNTRIES = {
    "russian federation": "RU",
    "united kingdom of great britain and northern ireland": "GB",
    "united states of america": "US",
    "syrian arab republic": "SY",
    "state of palestine": "PS",
    "türkiye": "TR",
    "united republic of tanzania": "TZ",
    "iran (islamic republic of)": "IR",
    "republic of korea": "KR",
    "democratic people's republic of korea": "KP",
    "lao people's democratic republic": "LA",
    "republic of moldova": "MD",
    "netherlands (kingdom of the)": "NL",
    "netherlands": "NL",
    "congo": "CG",
    "sultanate of oman": "OM",
    "union of the comoros": "KM",
    "libyan arab jamahiriya": "LY",
    "hong kong special administrative region": "HK",
    "china, hong kong special administrative region": "HK",
}
"""The UN's formal country names that the gazetteer behind the country type does not know."""


def entity_schema(record: UNRecord) -> str:
    """Person for individuals; for entities, Organisation or ArmedGroup by a simple rule.

    An entity is an Organisation when its name says what kind of body it is (trust,
    foundation, charity, society, committee, relief, welfare, money exchange, hawala,
    company, Ltd, and the branches of the Al-Haramain foundation), or when its comments
    describe a money exchange or service, a charity, a non-governmental body, a legal
    registration or its directors. Every other entity is an ArmedGroup.
    """
    if record.is_person:
        return "Person"
    if _ORGANISATION_NAME.search(record.name):
        return "Organisation"
    if record.comments and _ORGANISATION_COMMENT.search(record.comments):
        return "Organisation"
    return "ArmedGroup"


def un_entity_id(record: UNRecord) -> str:
    """The id an import gives a listed record; the seed uses the same rule."""
    return entity_id(entity_schema(record), "un", record.reference)


def import_un_list(
    source: str | Path,
    store: Store,
    *,
    regimes: Collection[str] | None = DEFAULT_REGIMES,
) -> ImportSummary:
    """Import the list at ``source`` (a file path or an http(s) URL) into ``store``.

    ``regimes`` names the UN_LIST_TYPE values to read (None: every regime). Importing the
    same file again adds nothing; a newer list adds its new statements to the same entities.
    Raises ReferenceImportError when the source cannot be read or is not the UN list.
    """
    label = str(source)
    with _open(source) as stream:
        un_list = read_un_list(stream, label)
    records = [r for r in un_list.records if regimes is None or r.regime in regimes]
    make = StatementFactory(origin=f"import:un-sanctions@{un_list.generated}", reliability="A")
    return write(store, label, list(un_statements(records, make)))


def un_statements(records: list[UNRecord], make: StatementFactory) -> Iterator[Statement]:
    """Statements of the records, then the relations their comments state between them."""
    ids = {r.reference: un_entity_id(r) for r in records}
    for record in records:
        yield from _record_statements(record, ids[record.reference], make)
    entity_names = {r.reference: r.names for r in records if not r.is_person}
    for record in records:
        if not record.is_person or not record.comments:
            continue
        for found in affiliations(record.comments, entity_names):
            ends = (ids[record.reference], ids[found.target])
            link = make.relation(found.schema, *ends, confidence=found.confidence)
            yield from link
            if found.role:
                rid = link[0].entity_id
                yield make.make(rid, found.schema, "role", found.role, confidence=found.confidence)


def _record_statements(record: UNRecord, eid: str, make: StatementFactory) -> Iterator[Statement]:
    schema = entity_schema(record)

    def fact(prop: str, value: str, confidence: float = 1.0) -> Statement | None:
        try:
            return make.make(eid, schema, prop, value, confidence=confidence)
        except InvalidValueError:
            return None

    found: list[Statement | None] = [
        fact("name", record.name),
        fact("referenceNumber", record.reference),
    ]
    names = {record.name}
    for variant in split_packed(record.name):
        if variant not in names:
            names.add(variant)
            found.append(fact("alias", variant))
    for alias in record.aliases:
        if alias.name not in names:
            names.add(alias.name)
            found.append(fact("alias", alias.name, 0.5 if alias.low_quality else 1.0))
    if record.listed_on:
        found.append(fact("listedOn", record.listed_on))
    if record.comments:
        found.append(fact("description", record.comments))
    found.extend(fact("country", _country(c)) for c in record.countries)
    if record.is_person:
        found.extend(fact("nationality", _country(c)) for c in record.nationalities)
        found.extend(fact("birthDate", d, 1.0 if exact else 0.5) for d, exact in record.birth_dates)
        found.extend(fact("birthPlace", p) for p in record.birth_places)
        found.extend(fact("position", d) for d in record.designations)
        if record.gender:
            found.append(fact("gender", record.gender.lower()))
    yield from (s for s in found if s is not None)


def _country(name: str) -> str:
    return _UN_COUNTRIES.get(name.lower(), name)


def _open(source: str | Path) -> IO[bytes]:
    text = str(source)
    if re.match(r"https?://", text, re.IGNORECASE):
        try:
            response = httpx.get(text, follow_redirects=True, timeout=60.0)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise ReferenceImportError(f"cannot fetch {text}: {reason}") from None
        return io.BytesIO(response.content)
    try:
        return Path(source).open("rb")
    except OSError as exc:
        raise ReferenceImportError(f"cannot read {text}: {exc.strerror or exc}") from None
