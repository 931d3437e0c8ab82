"""STIX import of a bundle written by another tool (tests/fixtures/stix/partner-bundle.json,
written for these tests after the examples of the STIX 2.1 specification)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from overhorizon.errors import DamagedSourceError
from overhorizon.model.statement import Statement
from overhorizon.sharing import (
    Recipient,
    export_bundle,
    import_bundle,
    read_bundle,
    validation_errors,
)
from overhorizon.store import SQLStore, StatementQuery

FIXTURE = Path(__file__).parent / "fixtures" / "stix" / "partner-bundle.json"
ACME = "identity--0d2d57e5-1a11-4b02-9583-0656d749891f"
ACTOR = "threat-actor--cbef59ba-b0a5-4e47-a1f5-ee2bcf4239df"
PERSON = "identity--28050504-8c38-43e5-bdf4-31304b48253d"
PLACE = "location--475a7591-6a4f-4927-a960-ddc3a5bfc8f4"
INCIDENT = "incident--8eba0767-195c-4f21-ae8c-7249aeb96b17"
COPYRIGHT = "marking-definition--dcb6c8d0-1466-4fe8-88a2-a4d3453e7982"
STRANGER = "marking-definition--49ef7d53-04e5-4f56-b205-bcf4322c90e9"


@pytest.fixture
def bundle() -> dict[str, Any]:
    return read_bundle(FIXTURE)


def _about(store: SQLStore, entity_id: str) -> list[Statement]:
    return list(store.statements(StatementQuery(entity_ids=[entity_id])))


def _value(statements: list[Statement], prop: str, value: str) -> list[Statement]:
    return [s for s in statements if s.prop == prop and s.value == value]


def test_what_was_read_and_what_was_not_is_counted(store: SQLStore, bundle: Any) -> None:
    report = import_bundle(store, bundle)
    assert report.objects == {
        "threat-actor": 1,
        "identity": 1,
        "location": 1,
        "incident": 1,
        "relationship": 2,
        "report": 1,
        "note": 1,
    }
    assert report.skipped == {"campaign": 1, "malware": 1}
    assert report.unknown_relationships == {"related-to": 1}
    assert report.dangling_relationships == {"uses": 1}
    assert report.unknown_markings == {COPYRIGHT, STRANGER}
    assert report.producers == {ACME}
    assert report.documents == 1 and report.statements == len(list(store.statements()))
    assert any("TLP:RED" in line for line in report.lines())
    assert any("related-to" in line for line in report.lines())
    assert store.entity(ACME) is None


def test_objects_become_entities_of_the_mapped_types(store: SQLStore, bundle: Any) -> None:
    import_bundle(store, bundle)
    types = {i: e.schema for i in (ACTOR, PERSON, PLACE, INCIDENT) if (e := store.entity(i))}
    assert types == {ACTOR: "ArmedGroup", PERSON: "Person", PLACE: "Place", INCIDENT: "Attack"}
    actor = store.entity(ACTOR)
    assert actor is not None and actor.caption == "Crimson Crescent Front"
    assert set(actor.values("alias")) == {"CCF", "Red Crescent Brigade"}
    assert all(s.confidence == 0.7 for s in actor.statements if s.prop == "alias")
    assert all(s.origin == f"import:stix:{ACME}" for s in actor.statements)
    links = list(store.statements(StatementQuery(props=["source"], values=[ACTOR, INCIDENT])))
    assert {s.schema for s in links} == {"OperatesIn", "AttributedTo"}
    place = store.entity(PLACE)
    assert place is not None
    assert (place.first("country"), place.first("region"), place.first("latitude")) == (
        "AF",
        "Nangarhar",
        "34.4265",
    )


def test_markings_are_carried_over_statement_by_statement(store: SQLStore, bundle: Any) -> None:
    import_bundle(store, bundle)
    actor = _about(store, ACTOR)
    assert {s.tlp for s in _value(actor, "alias", "CCF")} == {"green"}
    assert {s.tlp for s in _value(actor, "alias", "Red Crescent Brigade")} == {"amber"}
    assert {s.tlp for s in _about(store, PERSON)} == {"amber"}
    note = [s for s in actor if s.prop == "description" and s.asserted_by == "J. Doe"]
    assert len(note) == 1 and note[0].tlp == "red" and "recruits" in note[0].value
    attribution = list(store.statements(StatementQuery(schemata=["AttributedTo"])))
    assert attribution and {s.tlp for s in attribution} == {"red"}
    place = _value(_about(store, PLACE), "name", "Jalalabad")
    assert sorted((s.tlp, s.document_id is not None) for s in place) == [
        ("amber", True),
        ("clear", False),
    ]


def test_the_report_becomes_a_document_its_objects_point_into(store: SQLStore, bundle: Any) -> None:
    import_bundle(store, bundle)
    documents = store.documents()
    assert len(documents) == 1
    doc = documents[0]
    assert doc.title == "Crimson Crescent Front claims Jalalabad market bombing"
    assert (doc.published.isoformat() if doc.published else None, doc.language) == (
        "2024-03-04",
        "en",
    )
    assert doc.url == "https://portal.acme.example/reports/2024-0304"
    assert doc.tlp == "green" and doc.text.startswith("JALALABAD")
    name = _value(_about(store, ACTOR), "name", "Crimson Crescent Front")
    assert [s.document_id for s in name] == [doc.id]


def test_floor_markings_and_a_named_producer(store: SQLStore, bundle: Any) -> None:
    report = import_bundle(store, bundle, producer="taxii:acme", tlp="amber", groups=["ct"])
    assert report.producers == {"taxii:acme"}
    statements = list(store.statements())
    assert {s.tlp for s in statements} <= {"amber", "red"}
    assert all("ct" in s.groups for s in statements)
    assert all(s.origin == "import:stix:taxii:acme" for s in statements)
    assert {d.tlp for d in store.documents()} == {"amber"}


def test_importing_twice_adds_nothing_and_re_exports_validly(store: SQLStore, bundle: Any) -> None:
    import_bundle(store, bundle)
    count = len(list(store.statements()))
    again = import_bundle(store, bundle)
    assert again.documents == 0 and len(list(store.statements())) == count
    exported = export_bundle(store, Recipient.unrestricted()).bundle
    assert validation_errors(exported) == []
    ids = {o["id"] for o in exported["objects"]}
    assert {ACTOR, PERSON, PLACE, INCIDENT} <= ids


def test_what_is_not_a_bundle_is_refused(tmp_path: Path, store: SQLStore) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(DamagedSourceError):
        read_bundle(broken)
    indicator = tmp_path / "indicator.json"
    indicator.write_text(json.dumps({"type": "indicator", "id": "x"}), encoding="utf-8")
    with pytest.raises(DamagedSourceError):
        read_bundle(indicator)
    with pytest.raises(DamagedSourceError):
        import_bundle(store, {"type": "bundle", "id": "bundle--x", "objects": [{"id": "y"}]})
