"""One SQL view per entity and relation type, derived from the ontology.

``v_armed_group`` has a row per armed group and a column per property, each holding the
distinct values of that property joined by " | " (conflicting values stay visible). The views
are dropped and made again whenever the model changes, so they never drift from the schema.
"""

from __future__ import annotations

import hashlib

from overhorizon.model.model import Model
from overhorizon.model.schema import Schema

SEPARATOR = " | "


def view_name(schema: Schema) -> str:
    return f"v_{schema.key}"


def model_fingerprint(model: Model) -> str:
    """Changes whenever a schema, property or inheritance link changes."""
    parts = []
    for schema in model:
        props = ",".join(f"{p.name}/{p.type}" for p in schema.properties.values())
        parts.append(f"{schema.name}:{','.join(schema.ancestors)}:{props}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def view_columns(schema: Schema) -> list[str]:
    return ["id", "schema", *schema.properties]


def _values(dialect: str, prop: str) -> str:
    """A correlated subquery joining the distinct values of one property, sorted."""
    join = "string_agg(v, '{0}')" if dialect == "postgresql" else "group_concat(v, '{0}')"
    return (
        f"(SELECT {join.format(SEPARATOR)} FROM (SELECT DISTINCT value AS v FROM statements s "
        f"WHERE s.entity_id = e.entity_id AND s.prop = '{prop}' ORDER BY value) vals)"
    )


def create_view_sql(model: Model, schema: Schema, dialect: str) -> str:
    schemata = ", ".join(f"'{s.name}'" for s in model.descendants(schema.name))
    columns = "".join(f',\n  {_values(dialect, p)} AS "{p}"' for p in schema.properties)
    return (
        f"CREATE VIEW {view_name(schema)} AS SELECT\n  e.entity_id AS id,\n  e.schema AS schema"
        f"{columns}\nFROM (SELECT entity_id, max(schema) AS schema FROM statements "
        f"WHERE schema IN ({schemata}) GROUP BY entity_id) e"
    )


def drop_view_sql(schema: Schema) -> str:
    return f"DROP VIEW IF EXISTS {view_name(schema)}"
