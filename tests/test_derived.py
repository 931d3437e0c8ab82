"""Files derived from the ontology and the CLI must match what generating them gives now."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from overhorizon.cli.reference_docs import cli_markdown
from overhorizon.model.derive import api_json_schema, api_models, ontology_markdown
from overhorizon.model.model import load_model

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("ontology.md", ontology_markdown),
        ("api-models.schema.json", api_json_schema),
        ("cli.md", cli_markdown),
    ],
)
def test_generated_docs_are_up_to_date(name: str, render: object) -> None:
    assert callable(render)
    committed = (DOCS / name).read_text(encoding="utf-8")
    assert committed == render(), f"docs/{name} drifted: run `make docs` and commit it"


def test_every_schema_and_property_is_documented() -> None:
    text = ontology_markdown()
    for schema in load_model():
        assert f"### {schema.name}" in text
        for prop in schema.properties:
            assert f"| `{prop}` |" in text


def test_api_models_follow_the_schema() -> None:
    models = api_models()
    model = load_model()
    assert set(models) == {s.name for s in model if not s.abstract}
    attack = models["Attack"]
    assert set(attack.model_fields) == {"id", "schema_", "caption", *model["Attack"].properties}
    parsed = attack.model_validate(
        {"id": "evt-1", "schema": "Attack", "caption": "x", "killed": ["60.."]}
    )
    with pytest.raises(ValueError, match="attackType"):
        attack.model_validate({"id": "e", "schema": "Attack", "caption": "x", "attackType": ["x"]})
    assert parsed.model_dump()["killed"] == ["60.."]
    schema = json.loads(api_json_schema())
    attack_type = schema["$defs"]["Attack"]["properties"]["attackType"]
    assert "suicide_bombing" in attack_type["items"]["enum"]
    assert attack_type["x-value-type"] == "enum"
