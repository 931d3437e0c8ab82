"""The curated seed, alone and together with the UN list it must meet on the same entities."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from overhorizon.errors import ReferenceImportError
from overhorizon.model.builder import entity_id, relation_id
from overhorizon.reference import import_un_list, load_seed, seed_records, seed_relations
from overhorizon.store import SQLStore, StatementQuery

LIST_2026 = ("sanctions", "un_consolidated_2026-05-08.xml")


def test_the_seed_names_the_mission_groups_with_their_aliases() -> None:
    records = {r.key: r for r in seed_records()}
    iskp = records["iskp"]
    assert iskp.schema == "ArmedGroup" and iskp.un == "QDe.161"
    assert {"ISKP", "ISIS-K", "IS-KP", "Wilayat Khurasan", "ولایت خراسان"} <= set(iskp.aliases)
    assert dict(iskp.properties)["founded"] == "2015-01"
    assert records["amaq"].schema == "MediaOutlet"
    assert records["al-azaim"].schema == "MediaOutlet"
    assert "Касем Сулеймани" in records["qasem-soleimani"].aliases
    assert records["jalaluddin-haqqani"].id != records["sirajuddin-haqqani"].id
    assert records["taliban"].id == entity_id("ArmedGroup", "Taliban")
    assert len({r.id for r in records.values()}) == len(records)


def test_the_seed_resolves_the_acronyms_reports_use_for_other_theatres() -> None:
    from overhorizon.extraction import Gazetteer

    gazetteer = Gazetteer.from_seed()
    expected = {
        "BLA": "Balochistan Liberation Army",
        "HTS": "Hay'at Tahrir al-Sham",
        "Jabhat al-Nusra": "Hay'at Tahrir al-Sham",
        "PIJ": "Palestinian Islamic Jihad",
        "BRN": "Barisan Revolusi Nasional",
        "LRA": "Lord's Resistance Army",
        "Wilayat Sayna": "Islamic State Sinai Province",
        "Islamic State in Afghanistan": "Islamic State Khorasan Province",
    }
    for alias, name in expected.items():
        actor = gazetteer.lookup(alias)
        assert actor is not None and actor.name == name, alias


def test_listed_seed_entries_take_the_un_id() -> None:
    for record in seed_records():
        if record.un:
            assert record.id == entity_id(record.schema, "un", record.un)


def test_loading_the_seed_twice_adds_nothing(store: SQLStore) -> None:
    first = load_seed(store)
    counts = store.counts()
    again = load_seed(store)
    assert first.new == first.statements > 0
    assert again.new == 0
    assert store.counts() == counts
    assert first.relations == len(seed_relations())


def test_seed_relations_are_stored_with_their_dates(store: SQLStore) -> None:
    load_seed(store)
    iskp, islamic_state = (entity_id("ArmedGroup", "un", ref) for ref in ("QDe.161", "QDe.115"))
    branch = store.entity(relation_id("BranchOf", iskp, islamic_state))
    assert branch is not None
    assert (branch.first("source"), branch.first("target")) == (iskp, islamic_state)
    assert branch.first("startDate") == "2015-01"
    taliban = entity_id("ArmedGroup", "Taliban")
    assert store.entity(relation_id("RivalOf", taliban, iskp)) is not None


def test_seed_and_un_list_build_one_entity_for_isil_k(store: SQLStore) -> None:
    load_seed(store)
    import_un_list(shared_path(*LIST_2026), store)
    by_un_name = store.ids_by_name("ISIL-K")
    by_seed_alias = store.ids_by_name("ISKP")
    assert by_un_name == by_seed_alias == [entity_id("ArmedGroup", "un", "QDe.161")]
    entity = store.entity(by_un_name[0])
    assert entity is not None
    assert {s.origin for s in entity.statements} == {
        "import:seed@1",
        "import:un-sanctions@2026-05-08",
    }
    assert store.ids_by_name("Shahab al-Muhajir") == [entity_id("Person", "un", "QDi.431")]


def test_every_seed_reference_is_on_the_list_with_the_seed_schema(store: SQLStore) -> None:
    import_un_list(shared_path(*LIST_2026), store, regimes=None)
    query = StatementQuery(props=["referenceNumber"], origin_prefix="import:un-sanctions")
    listed = {s.value: s.entity_id for s in store.statements(query)}
    referenced = {r.un: r for r in seed_records() if r.un}
    assert len(referenced) >= 15
    for ref, record in referenced.items():
        assert listed.get(ref) == record.id, record.key


def test_seed_then_list_then_both_again_adds_nothing(store: SQLStore) -> None:
    path = shared_path(*LIST_2026)
    load_seed(store)
    import_un_list(path, store)
    counts = store.counts()
    assert load_seed(store).new == 0
    assert import_un_list(path, store).new == 0
    assert store.counts() == counts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("entities: [{key: a, schema: ArmedGroup}]", "needs key, schema and name"),
        ("entities: [{key: a, schema: Weapon, name: A}]", "no entity or relation type"),
        ("entities: [{key: a, schema: MediaOutlet, name: A, founded: 2014}]", "no property"),
        ("entities: [{key: a, schema: ArmedGroup, name: A, country: Atlantis}]", "Atlantis"),
        (
            "entities: [{key: a, schema: ArmedGroup, name: A}, {key: a, schema: Person, name: B}]",
            "used twice",
        ),
        (
            "entities: [{key: a, schema: ArmedGroup, name: A}]\n"
            "relations: [{type: BranchOf, source: a, target: b}]",
            "unknown key",
        ),
        (
            "entities: [{key: a, schema: Person, name: A}, {key: b, schema: ArmedGroup, name: B}]\n"
            "relations: [{type: BranchOf, source: a, target: b}]",
            "cannot link a Person",
        ),
        ("groups: []", "no `entities` list"),
        ("entities: [", "cannot read seed"),
    ],
)
def test_a_broken_seed_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceImportError, match=message):
        seed_records(path)
