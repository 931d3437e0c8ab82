"""STIX export: cut for the recipient, marked object by object and part by part, deterministic
and valid under the OASIS validator's strict mode."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.sharing import Recipient, export_bundle, validation_errors
from overhorizon.sharing.extension import (
    EXTENSION_ID,
    PROJECT_IDENTITY_ID,
    entry_path,
    parse_timestamp,
)
from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.markings import TLP2_IDS, group_marking_id
from overhorizon.store import SQLStore, open_store
from test_stix_scenario import (
    AMBER_ALIAS,
    AMBER_ONLY,
    ARTICLE,
    ATTACK,
    CLAIMED,
    GROUP_ALIAS,
    HAMZA,
    ISKP,
    KABUL,
    LIAISON,
    OPERATES,
    RIVALS,
    T0,
    TALIBAN,
    fill,
    scenario,
    visible_part,
)

GREEN = Recipient("green")
AMBER = Recipient("amber")


@pytest.fixture
def full(store: SQLStore) -> SQLStore:
    fill(store, *scenario())
    return store


def _export(store: SQLStore, recipient: Recipient, **kwargs: Any) -> dict[str, Any]:
    bundle = export_bundle(store, recipient, **kwargs).bundle
    assert validation_errors(bundle) == []
    return bundle


def _objects(bundle: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {obj["id"]: obj for obj in bundle.get("objects", [])}


def _ext(obj: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = obj["extensions"][EXTENSION_ID]
    return found


def _granular(obj: dict[str, Any]) -> dict[str, set[str]]:
    """Marking ref -> selectors."""
    return {g["marking_ref"]: set(g["selectors"]) for g in obj.get("granular_markings", [])}


@pytest.mark.parametrize(
    "recipient",
    [GREEN, Recipient("green", frozenset({"hum"})), AMBER, Recipient("amber+strict")],
    ids=["green", "green+hum", "amber", "amber+strict"],
)
def test_an_export_is_exactly_the_export_of_what_the_recipient_may_know(
    full: SQLStore, recipient: Recipient, tmp_path: Any
) -> None:
    """Nothing withheld leaves a trace: not an object, a reference, a value, an id or a count."""
    documents, statements = scenario()
    with open_store(f"sqlite:///{tmp_path / 'visible.db'}") as only_visible:
        fill(only_visible, *visible_part(recipient, documents, statements))
        expected = _export(only_visible, recipient)
    assert _export(full, recipient) == expected


def test_no_amber_statement_reaches_a_green_export(full: SQLStore) -> None:
    bundle = _export(full, GREEN)
    text = json.dumps(bundle)
    for secret in (AMBER_ALIAS, "Abu Hamza", "Airport cell", "183", "1500", "Liaison", GROUP_ALIAS):
        assert secret not in text
    for hidden in AMBER_ONLY:
        assert hidden not in text
        for kind in ("threat-actor", "identity", "relationship"):
            assert stix_id(kind, hidden) not in text
    assert stix_id("report", LIAISON.id) not in text
    assert TLP2_IDS["amber"] not in text and group_marking_id("hum") not in text
    objects = _objects(bundle)
    article = objects[stix_id("report", ARTICLE.id)]
    assert stix_id("identity", HAMZA) not in article["object_refs"]
    assert stix_id("threat-actor", ISKP) in article["object_refs"]
    iskp = _ext(objects[stix_id("threat-actor", ISKP)])
    assert sorted(e["value"] for e in iskp["statements"] if e["prop"] == "strength") == [
        "4000..6000"
    ]


def test_amber_parts_of_a_green_object_carry_granular_markings(full: SQLStore) -> None:
    objects = _objects(_export(full, AMBER))
    actor = objects[stix_id("threat-actor", ISKP)]
    assert actor["object_marking_refs"] == [TLP2_IDS["green"]]
    assert actor["name"] == "Islamic State Khorasan Province"
    index = actor["aliases"].index(AMBER_ALIAS)
    amber = _granular(actor)[TLP2_IDS["amber"]]
    assert f"aliases.[{index}]" in amber
    assert f"aliases.[{actor['aliases'].index('ISIS-K')}]" not in amber
    entries = _ext(actor)["statements"]
    for i, entry in enumerate(entries):
        secret = entry["value"] in (AMBER_ALIAS, "1500..2200")
        assert (entry_path(i) in amber) is secret, entry
    liaison = next(e for e in entries if e["value"] == "1500..2200")
    assert liaison["source"]["report_ref"] == stix_id("report", LIAISON.id)
    assert liaison["origin"] == "extractor:test@1"
    person = objects[stix_id("identity", HAMZA)]
    assert person["object_marking_refs"] == [TLP2_IDS["amber"]]
    rivalry = objects[stix_id("relationship", RIVALS)]
    assert rivalry["object_marking_refs"] == [TLP2_IDS["amber"]]
    article = objects[stix_id("report", ARTICLE.id)]
    assert article["object_marking_refs"] == [TLP2_IDS["green"]]
    where = article["object_refs"].index(stix_id("identity", HAMZA))
    assert f"object_refs.[{where}]" in _granular(article)[TLP2_IDS["amber"]]


def test_need_to_know_groups_are_marking_definitions_of_their_own(full: SQLStore) -> None:
    assert GROUP_ALIAS not in json.dumps(_export(full, GREEN))
    bundle = _export(full, Recipient("green", frozenset({"hum"})))
    objects = _objects(bundle)
    taliban = objects[stix_id("threat-actor", TALIBAN)]
    index = taliban["aliases"].index(GROUP_ALIAS)
    assert f"aliases.[{index}]" in _granular(taliban)[group_marking_id("hum")]
    definition = objects[group_marking_id("hum")]
    assert _ext(definition)["need_to_know"] == "hum"


def test_headline_figures_and_claims_follow_what_the_recipient_sees(full: SQLStore) -> None:
    green = _objects(_export(full, GREEN))
    amber = _objects(_export(full, AMBER))
    incident = stix_id("incident", ATTACK)
    assert _ext(green[incident])["headline"]["killed"] == {"min": 170}
    assert _ext(amber[incident])["headline"]["killed"] == {"min": 183, "max": 183}
    assert _ext(green[incident])["headline"]["attackType"] == "suicide_bombing"
    responsibility = _ext(green[incident])["responsibility"]
    assert responsibility == {"claim_status": "claimed", "actor_ref": stix_id("threat-actor", ISKP)}
    claim = green[stix_id("relationship", CLAIMED)]
    assert claim["relationship_type"] == "related-to"
    assert (_ext(claim)["schema"], _ext(claim)["claim_status"]) == ("Claimed", "claimed")
    assert (claim["source_ref"], claim["target_ref"]) == (stix_id("threat-actor", ISKP), incident)
    operates = green[stix_id("relationship", OPERATES)]
    assert operates["relationship_type"] == "located-at"
    assert operates["target_ref"] == stix_id("location", KABUL)
    place = next(e for e in _ext(green[incident])["statements"] if e["prop"] == "place")
    assert place["value"] == stix_id("location", KABUL)


def test_ids_and_versions_are_deterministic(full: SQLStore) -> None:
    first = _export(full, AMBER)
    assert _export(full, AMBER) == first
    actor_id = stix_id("threat-actor", ISKP)
    assert uuid.UUID(actor_id.split("--")[1]).version == 4
    actor = _objects(first)[actor_id]
    mine = [s for s in scenario()[1] if s.entity_id == ISKP and s.tlp in ("green", "amber")]
    assert parse_timestamp(actor["created"]) == min(s.first_seen for s in mine)
    assert parse_timestamp(actor["modified"]) == max(s.last_seen for s in mine)
    later = T0 + timedelta(days=30)
    extra = StatementFactory("analyst:carol", tlp="green").make(ISKP, "ArmedGroup", "alias", "IS-K")
    fill(full, [], [replace(extra, first_seen=later, last_seen=later)])
    again = _objects(_export(full, AMBER))[actor_id]
    assert again["created"] == actor["created"]
    assert parse_timestamp(again["modified"]) == later
    assert "IS-K" in again["aliases"]


def test_a_selection_exports_its_entities_the_links_between_them_and_their_reports(
    full: SQLStore,
) -> None:
    only_attack = _objects(_export(full, GREEN, entity_ids=[ATTACK]))
    assert {o["type"] for o in only_attack.values()} >= {"incident", "report"}
    assert stix_id("relationship", CLAIMED) not in only_attack
    both = _objects(_export(full, GREEN, entity_ids=[ATTACK, ISKP]))
    assert stix_id("relationship", CLAIMED) in both
    from_relation = _objects(_export(full, GREEN, entity_ids=[CLAIMED]))
    assert stix_id("threat-actor", ISKP) in from_relation


def test_a_hidden_entity_answers_exactly_as_a_missing_one(full: SQLStore) -> None:
    missing = entity_id("Person", "Nobody at all")
    assert _export(full, GREEN, entity_ids=[HAMZA]) == _export(full, GREEN, entity_ids=[missing])
    assert "objects" not in _export(full, GREEN, entity_ids=[HAMZA])


def test_the_producer_signs_every_object(full: SQLStore) -> None:
    objects = _objects(_export(full, GREEN, producer="Agency A"))
    producer = stix_id("identity", "producer:Agency A")
    assert objects[producer]["name"] == "Agency A"
    made_here = [
        o
        for o in objects.values()
        if o["type"] not in ("marking-definition", "extension-definition")
        and o["id"] not in (producer, PROJECT_IDENTITY_ID)
    ]
    assert made_here
    assert all(o["created_by_ref"] == producer for o in made_here)


def test_which_green_value_is_shown_does_not_depend_on_amber_statements(
    store: SQLStore,
) -> None:
    group = entity_id("ArmedGroup", "Zulu Front")
    green = StatementFactory("extractor:test@1", tlp="green")
    rows = [
        green.make(group, "ArmedGroup", "name", "Zulu Front"),
        green.make(group, "ArmedGroup", "name", "Yankee Front"),
        green.make(group, "ArmedGroup", "alias", "Alpha"),
        green.make(group, "ArmedGroup", "alias", "Bravo"),
    ]
    for analyst in ("analyst:a", "analyst:b", "analyst:c"):
        amber = StatementFactory(analyst, tlp="amber")
        rows += [
            amber.make(group, "ArmedGroup", "name", "Yankee Front"),
            amber.make(group, "ArmedGroup", "alias", "Bravo"),
        ]
    fill(store, [], [replace(s, first_seen=T0, last_seen=T0) for s in rows])
    actor_id = stix_id("threat-actor", group)
    seen_green = _objects(_export(store, GREEN))[actor_id]
    seen_amber = _objects(_export(store, AMBER))[actor_id]
    assert seen_green["name"] == seen_amber["name"] == "Zulu Front"
    assert seen_green["aliases"] == seen_amber["aliases"] == ["Alpha", "Bravo", "Yankee Front"]
    amber_parts = _granular(seen_amber)[TLP2_IDS["amber"]]
    assert len(amber_parts) == 6
    assert all(p.startswith(f"extensions.{EXTENSION_ID}.statements.") for p in amber_parts)
