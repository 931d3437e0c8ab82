"""The ontology: loading, checking, value types, statements and entity assembly."""

from __future__ import annotations

from pathlib import Path

import pytest

from overhorizon.errors import (
    InvalidValueError,
    ModelError,
    UnknownPropertyError,
    UnknownSchemaError,
)
from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.model.entity import Entity
from overhorizon.model.model import Model, load_model
from overhorizon.model.statement import Statement
from overhorizon.model.types import Quantity, clean, name_key

ENTITY_TYPES = {
    "ArmedGroup",
    "Faction",
    "Person",
    "GovernmentBody",
    "Organisation",
    "Place",
    "Attack",
    "Threat",
    "Arrest",
    "Strike",
    "LeadershipChange",
    "Document",
    "MediaOutlet",
    "FinancialChannel",
}
RELATION_TYPES = {
    "branch_of",
    "splinter_of",
    "member_of",
    "leader_of",
    "cooperates_with",
    "rival_of",
    "operates_in",
    "claimed",
    "attributed_to",
    "targeted",
    "funds",
}


def test_ontology_declares_every_required_type() -> None:
    model = load_model()
    assert {s.name for s in model.entities} >= ENTITY_TYPES
    assert {s.key for s in model.relations} == RELATION_TYPES
    for schema in model.relations:
        assert {"source", "target", "startDate", "endDate"} <= set(schema.properties)
        assert schema.stix["type"] == "relationship"
    for name in ENTITY_TYPES:
        assert load_model()[name].stix["type"], name
    assert all(model[n].is_a("Event") for n in ("Attack", "Threat", "Strike", "Arrest"))


def test_inheritance_merges_properties() -> None:
    faction = load_model()["Faction"]
    assert faction.ancestors == ("Faction", "ArmedGroup", "Actor", "Thing")
    assert faction.get("strength").schema == "ArmedGroup"
    assert faction.get("name").schema == "Thing"
    with pytest.raises(UnknownPropertyError):
        faction.get("killed")


HEAD = "Broken:\n  extends: [Thing]\n  stix: {type: x}\n"


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "Thing.yaml").write_text(
        "Thing:\n  abstract: true\n  properties:\n    name: {type: name}\n"
    )
    (tmp_path / "Broken.yaml").write_text(text)
    return tmp_path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Broken:\n  extends: [Nowhere]\n  stix: {type: x}\n", "unknown schema"),
        (
            HEAD + "  properties:\n    a: {type: money}\n",
            "unknown value type",
        ),
        (
            HEAD + "  properties:\n    a: {type: entity}\n",
            "entity range",
        ),
        ("Broken:\n  extends: [Thing]\n", "STIX mapping"),
        ("Broken:\n  extends: [Broken]\n  stix: {type: x}\n", "extends itself"),
        (
            HEAD + "  edge: {source: [Thing], target: [X]}\n",
            "edge end",
        ),
    ],
)
def test_inconsistent_schema_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ModelError, match=message):
        Model.from_directory(_write(tmp_path, text))


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("date", "2024-03-22", "2024-03-22"),
        ("date", "2024-03", "2024-03"),
        ("date", "2024-03-22T18:00:00Z", "2024-03-22"),
        ("quantity", "145", "145..145"),
        ("quantity", "60..", "60.."),
        ("quantity", " ..200", "..200"),
        ("quantity", "1,500..2,200", "1500..2200"),
        ("country", "Afghanistan", "AF"),
        ("country", "af", "AF"),
        ("country", "RUS", "RU"),
        ("name", "  Islamic   State ", "Islamic State"),
        ("number", "34.5", "34.5"),
        ("language", "EN", "en"),
    ],
)
def test_values_are_cleaned_to_one_spelling(kind: str, raw: str, expected: str) -> None:
    assert clean(kind, raw) == expected


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("date", "2024-02-30"),
        ("date", "last week"),
        ("quantity", "80..60"),
        ("quantity", "many"),
        ("quantity", "-3"),
        ("country", "Atlantis"),
        ("url", "ftp://example.org"),
        ("entity", "Not An Id"),
        ("name", "   "),
    ],
)
def test_invalid_values_are_refused(kind: str, raw: str) -> None:
    with pytest.raises(InvalidValueError):
        clean(kind, raw)


def test_quantity_labels_and_best_figure() -> None:
    assert Quantity.parse("60..").label == "60+"
    assert Quantity.parse("..200").label == "up to 200"
    assert Quantity.parse("145").label == "145"
    assert Quantity.parse("..200").best == 200
    assert Quantity.parse("60..80").best == 60


def test_name_key_folds_scripts_case_and_punctuation() -> None:
    assert name_key("ISIS-K") == name_key("Isis K") == "isisk"
    assert name_key("Касем Сулеймани") == "kasemsuleymani"
    assert name_key("قاسم سلیمانی") != ""


def test_factory_checks_values_against_the_schema() -> None:
    make = StatementFactory("analyst:alice")
    gid = entity_id("ArmedGroup", "ISKP")
    stmt = make.make(gid, "ArmedGroup", "strength", "4,000..6,000")
    assert stmt.value == "4000..6000"
    with pytest.raises(UnknownPropertyError):
        make.make(gid, "ArmedGroup", "killed", "3")
    with pytest.raises(InvalidValueError):
        make.make(gid, "ArmedGroup", "founded", "sometime")
    with pytest.raises(InvalidValueError, match="abstract"):
        make.make(gid, "Actor", "name", "x")
    with pytest.raises(UnknownSchemaError):
        make.make(gid, "Militia", "name", "x")


def test_ids_are_deterministic_and_spelling_blind() -> None:
    assert entity_id("ArmedGroup", "ISIS-K") == entity_id("ArmedGroup", "Isis K")
    assert entity_id("ArmedGroup", "ISIS-K") != entity_id("Person", "ISIS-K")
    a, b = entity_id("ArmedGroup", "A"), entity_id("ArmedGroup", "B")
    assert relation_id("RivalOf", a, b) == relation_id("RivalOf", b, a)
    assert relation_id("BranchOf", a, b) != relation_id("BranchOf", b, a)


def test_statement_id_changes_with_source_but_not_with_time() -> None:
    base = Statement("grp-x", "ArmedGroup", "name", "ISKP", origin="analyst:a")
    later = Statement(
        "grp-x",
        "ArmedGroup",
        "name",
        "ISKP",
        origin="analyst:a",
        first_seen=base.first_seen.replace(year=2030),
    )
    other = Statement("grp-x", "ArmedGroup", "name", "ISKP", origin="analyst:b")
    assert base.id == later.id
    assert base.id != other.id


@pytest.mark.parametrize(
    "kwargs",
    [
        {"tlp": "purple"},
        {"reliability": "G"},
        {"confidence": 1.5},
        {"span_start": 3},
        {"span_start": 5, "span_end": 2, "document_id": "doc-1"},
    ],
)
def test_statement_refuses_bad_provenance(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidValueError):
        Statement("grp-x", "ArmedGroup", "name", "ISKP", origin="a", **kwargs)  # type: ignore[arg-type]


def test_entity_keeps_conflicting_values_and_picks_a_curated_caption() -> None:
    extracted = StatementFactory("extractor:aliases@1")
    curated = StatementFactory("import:seed@1", reliability="B")
    gid = entity_id("ArmedGroup", "ISKP")
    entity = Entity.from_statements(
        gid,
        [
            extracted.make(gid, "ArmedGroup", "name", "ISIS-K"),
            extracted.make(gid, "ArmedGroup", "name", "ISIS-K"),
            curated.make(gid, "Faction", "name", "Islamic State Khorasan Province"),
            extracted.make(gid, "ArmedGroup", "strength", "4000..6000"),
            curated.make(gid, "ArmedGroup", "strength", "1500..2200"),
        ],
    )
    assert entity.caption == "Islamic State Khorasan Province"
    assert entity.schema == "Faction"
    assert entity.values("strength") == ["1500..2200", "4000..6000"]


def test_several_countries_of_a_group_are_not_a_disagreement_but_two_tolls_are() -> None:
    from overhorizon.model.model import load_model

    model = load_model()
    assert model["ArmedGroup"].properties["country"].many
    assert model["ArmedGroup"].properties["alias"].many
    assert not model["Attack"].properties["killed"].many
    assert not model["ArmedGroup"].properties["strength"].many
