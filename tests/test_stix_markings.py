"""TLP 2.0 and need-to-know markings in STIX: the standard definitions, the arithmetic of
markings, and granular markings laid out on export and read back the same on import."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import stix2

from overhorizon.errors import InvalidValueError
from overhorizon.sharing import Marking, Recipient, validation_errors
from overhorizon.sharing.granular import MarkingLayout, MarkingReader
from overhorizon.sharing.ids import stix_id, stix_type_of
from overhorizon.sharing.markings import (
    TLP2_IDS,
    MarkingDefinitions,
    definitions,
    group_definition,
    group_marking_id,
    tlp_definition,
)

OASIS_TLP2 = {
    "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
}
"""As published by OASIS (cti-stix-common-objects, extension-definition-specifications/tlp-2.0)."""


def test_tlp2_definitions_are_the_standard_objects() -> None:
    assert TLP2_IDS == OASIS_TLP2
    for level, ref in OASIS_TLP2.items():
        definition = tlp_definition(level)
        assert (definition["id"], definition["name"]) == (ref, f"TLP:{level.upper()}")
        assert definition["created"] == "2022-10-01T00:00:00.000Z"
        stix2.parse(definition, allow_custom=False, version="2.1")
    bundle = {"type": "bundle", "id": stix_id("bundle", "t"), "objects": definitions([Marking()])}
    assert validation_errors(bundle) == []


def test_both_tlp_generations_and_our_groups_are_understood() -> None:
    custom: dict[str, Any] = {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": "marking-definition--7b1b4d6c-9d5d-4d43-8a8f-0f7f5e6f0a11",
        "created": "2020-01-01T00:00:00.000Z",
        "definition_type": "tlp",
        "definition": {"tlp": "amber"},
    }
    known = MarkingDefinitions.read([custom, group_definition("hum")])
    assert known.resolve([stix2.v21.TLP_WHITE.id]) == Marking("clear")
    assert known.resolve([stix2.v21.TLP_AMBER.id]) == Marking("amber")
    assert known.resolve([OASIS_TLP2["amber+strict"]]) == Marking("amber+strict")
    assert known.resolve([custom["id"]]) == Marking("amber")
    assert known.resolve([TLP2_IDS["green"], group_marking_id("hum")]) == Marking(
        "green", frozenset({"hum"})
    )
    assert known.unknown == set()
    stranger = "marking-definition--0c4a6b52-93a6-4b8e-b1a4-2d3c5e6f7a8b"
    assert known.resolve([TLP2_IDS["clear"], stranger]) == Marking("red")
    assert known.unknown == {stranger}


def test_marking_arithmetic() -> None:
    green_hum = Marking("green", frozenset({"hum"}))
    amber = Marking("amber")
    assert green_hum | amber == Marking("amber", frozenset({"hum"}))
    assert (green_hum | amber).covers(green_hum) and (green_hum | amber).covers(amber)
    assert not amber.covers(green_hum) and not green_hum.covers(amber)
    with pytest.raises(InvalidValueError):
        Marking("white")
    assert Recipient("amber", frozenset({"hum"})).may_see(green_hum)
    assert not Recipient("amber").may_see(green_hum)
    assert not Recipient("amber", frozenset({"hum"})).may_see(Marking("amber+strict"))
    assert Recipient.unrestricted().may_see(Marking("red", frozenset({"x", "y"})))


def test_granular_markings_read_back_as_laid_out() -> None:
    base = Marking("green")
    wanted = {
        "name": Marking("green"),
        "aliases.[1]": Marking("amber"),
        "extensions.x.statements.[0]": Marking("green", frozenset({"hum"})),
        "extensions.x.statements.[0].source": Marking("red", frozenset({"hum"})),
        "extensions.x.statements.[2]": Marking("amber+strict"),
    }
    layout = MarkingLayout(base)
    for path, marking in wanted.items():
        layout.need(path, marking)
    obj = layout.properties()
    assert obj["object_marking_refs"] == [TLP2_IDS["green"]]
    granular = {g["marking_ref"]: g["selectors"] for g in obj["granular_markings"]}
    assert granular[group_marking_id("hum")] == ["extensions.x.statements.[0]"]
    assert granular[TLP2_IDS["red"]] == ["extensions.x.statements.[0].source"]
    assert "name" not in str(granular)
    reader = MarkingReader(obj, MarkingDefinitions.read([group_definition("hum")]))
    for path, marking in wanted.items():
        assert reader.at(path) == marking, path
    assert reader.at("aliases.[0]") == base
    assert reader.at() == base


def test_stix_ids_are_stable_version_4_and_keep_received_ids() -> None:
    made = stix_id("threat-actor", "grp-123")
    assert made == stix_id("threat-actor", "grp-123") != stix_id("threat-actor", "grp-124")
    assert uuid.UUID(made.split("--")[1]).version == 4
    assert stix_type_of(made) == "threat-actor"
    received = "identity--311b2d2d-f010-4473-83ec-1edf84858f4c"
    assert stix_id("identity", received) == received
    assert stix_id("location", received) != received
