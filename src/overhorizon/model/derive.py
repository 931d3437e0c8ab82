"""Artefacts derived from the ontology: the reference documentation and the API models.

``scripts/generate_docs.py`` writes them into ``docs/``; a test regenerates them and fails when
the files in the repository differ, so the documentation cannot drift from the schema files.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from overhorizon.model.model import Model, load_model
from overhorizon.model.schema import Property, Schema
from overhorizon.model.types import VALUE_TYPES

_PYTHON_TYPES: dict[str, type] = {"number": float}


def _field(prop: Property) -> tuple[Any, Any]:
    item: Any = _PYTHON_TYPES.get(prop.type, str)
    if prop.values:
        item = Literal[prop.values]
    extra: dict[str, Any] = {"x-value-type": prop.type}
    if prop.range:
        extra["x-range"] = prop.range
    return (
        list[item],
        Field(
            default_factory=list,
            title=prop.label,
            description=prop.description or None,
            json_schema_extra=extra,
        ),
    )


class EntityBase(BaseModel):
    """Fields every entity has in the API, whatever its type."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(description="Deterministic entity id.")
    schema_: str = Field(alias="schema", description="The entity or relation type.")
    caption: str = Field(description="The name to show.")


@cache
def api_models() -> dict[str, type[EntityBase]]:
    """A pydantic model per concrete entity and relation type: one list field per property."""
    model = load_model()
    built: dict[str, type[EntityBase]] = {}
    for schema in model:
        if schema.abstract:
            continue
        fields = {name: _field(prop) for name, prop in schema.properties.items()}
        built[schema.name] = create_model(  # type: ignore[call-overload]  # dynamic fields
            schema.name, __base__=EntityBase, __doc__=schema.description, **fields
        )
    return built


def api_json_schema() -> str:
    """The JSON Schema of every API model, as committed in docs/api-models.schema.json."""
    definitions = {name: cls.model_json_schema() for name, cls in sorted(api_models().items())}
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "overhorizon entity models",
        "description": "Generated from src/overhorizon/schema/*.yaml; do not edit.",
        "$defs": definitions,
    }
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _stix(schema: Schema) -> str:
    if not schema.stix:
        return "—"
    rest = ", ".join(
        f"{k}={','.join(v) if isinstance(v, list) else v}"
        for k, v in sorted(schema.stix.items())
        if k != "type"
    )
    return f"`{schema.stix['type']}`" + (f" ({rest})" if rest else "")


def ontology_markdown(model: Model | None = None) -> str:
    """The ontology reference, as committed in docs/ontology.md."""
    model = model or load_model()
    out = [
        "# Ontology reference",
        "",
        "Generated from `src/overhorizon/schema/*.yaml` by `python3.11 tasks.py docs`; "
        "do not edit by hand.",
        "",
        "## Value types",
        "",
        "| type | meaning |",
        "| --- | --- |",
        *[f"| `{name}` | {meaning} |" for name, meaning in VALUE_TYPES.items()],
        "",
        "## Entity types",
        "",
    ]
    for schema in model:
        if not schema.is_relation:
            out += _schema_section(schema)
    out += ["## Relation types", ""]
    for schema in model:
        if schema.is_relation:
            out += _schema_section(schema)
    return "\n".join(out).rstrip() + "\n"


def _schema_section(schema: Schema) -> list[str]:
    lines = [f"### {schema.name}" + (" (abstract)" if schema.abstract else ""), ""]
    lines.append(f"{schema.label} — {schema.description}")
    lines.append("")
    if schema.extends:
        lines.append(f"Extends: {', '.join(schema.extends)}. ")
    lines.append(f"JSON key: `{schema.key}`. STIX 2.1: {_stix(schema)}.")
    if schema.edge is not None:
        edge = schema.edge
        arrow = "↔" if edge.symmetric else "→"
        lines.append(
            f"Edge: {' / '.join(edge.source)} {arrow} {' / '.join(edge.target)} (“{edge.phrase}”)."
        )
    lines += [
        "",
        "| property | label | type | from | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for prop in schema.properties.values():
        kind = f"`{prop.type}`"
        if prop.range:
            kind += f" → {prop.range}"
        if prop.values:
            kind += ": " + ", ".join(prop.values)
        if prop.many:
            kind += " (several values)"
        lines.append(
            f"| `{prop.name}` | {prop.label} | {kind} | {prop.schema} | {prop.description} |"
        )
    return [*lines, ""]
