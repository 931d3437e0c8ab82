"""Commands that create, inspect and export the store."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from overhorizon.analysis.events import list_events
from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.model.statement import Statement
from overhorizon.store import SQLStore, open_store


@app.command()
def init(db: DatabaseOption = None) -> None:
    """Create the database, or bring its schema up to date."""
    with open_store(db) as store:
        console.print(f"ready: {store.url}")


class ExportKind(StrEnum):
    statements = "statements"
    entities = "entities"
    events = "events"


@app.command()
def export(
    what: Annotated[ExportKind, typer.Argument(help="What to write.")] = ExportKind.statements,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default: stdout.")
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write statements (with provenance), whole entities or the events table as JSON lines."""
    with open_store(db) as store:
        lines = _export_lines(store, what)
        if output is None:
            count = _write(lines, sys.stdout)
        else:
            tmp = output.with_name(output.name + ".partial")
            with tmp.open("w", encoding="utf-8") as fh:
                count = _write(lines, fh)
            tmp.replace(output)
        where = str(output) if output else "stdout"
        store.audit("export", [], {"format": f"{what.value}.jsonl", "rows": count, "output": where})
    if output is not None:
        console.print(f"wrote {count} {what.value} to {output}")


def _export_lines(store: SQLStore, what: ExportKind) -> Iterator[dict[str, object]]:
    if what is ExportKind.statements:
        for stmt in store.statements():
            yield statement_record(stmt)
    elif what is ExportKind.entities:
        ids = store.entity_ids()
        for start in range(0, len(ids), 500):
            for entity in store.entities(ids[start : start + 500]):
                yield {
                    "id": entity.id,
                    "schema": entity.schema,
                    "caption": entity.caption,
                    "properties": {p: entity.values(p) for p in entity.by_property()},
                }
    else:
        for row in list_events(store):
            yield row.as_dict()


def statement_record(stmt: Statement) -> dict[str, object]:
    """A statement as a JSON-ready dict, provenance and markings included."""
    return {
        "id": stmt.id,
        "entity_id": stmt.entity_id,
        "schema": stmt.schema,
        "prop": stmt.prop,
        "value": stmt.value,
        "origin": stmt.origin,
        "document_id": stmt.document_id,
        "span": [stmt.span_start, stmt.span_end] if stmt.span_start is not None else None,
        "confidence": stmt.confidence,
        "reliability": stmt.reliability,
        "asserted_by": stmt.asserted_by,
        "tlp": stmt.tlp,
        "groups": sorted(stmt.groups),
        "first_seen": stmt.first_seen.isoformat(),
        "last_seen": stmt.last_seen.isoformat(),
    }


def _write(lines: Iterator[dict[str, object]], fh: TextIO) -> int:
    count = 0
    for record in lines:
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
