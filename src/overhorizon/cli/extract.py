"""Commands of the extract stage (registered on the shared app).

``overhorizon extract FILE...`` runs the standard pipeline over text or Markdown files without
a database and prints what it found, one JSON object per document (or a table). Known groups
and people come from the packaged seed when it is installed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.table import Table

from overhorizon.cli.app import app, console
from overhorizon.errors import DamagedSourceError, EmptySourceError
from overhorizon.model.document import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^---[ \t]*$\n?", re.DOTALL | re.MULTILINE)


class Format(StrEnum):
    json = "json"
    table = "table"


def read_text_file(path: Path) -> Document:
    """A text or Markdown file as a document; YAML front matter gives title and published."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise EmptySourceError(f"{path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise DamagedSourceError(f"{path}: not UTF-8 text") from exc
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match is not None:
        try:
            loaded = yaml.safe_load(match[1])
        except yaml.YAMLError as exc:
            raise DamagedSourceError(f"{path}: front matter is not valid YAML") from exc
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[match.end() :]
    if not text.strip():
        raise EmptySourceError(f"{path}: no text")
    published = meta.get("published", meta.get("date"))
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published[:10])
        except ValueError:
            published = None
    return Document(
        text=text,
        title=str(meta["title"]) if meta.get("title") else None,
        publisher=str(meta["publisher"]) if meta.get("publisher") else None,
        published=published if isinstance(published, date) else None,
        source=str(path),
        media_type="text/markdown" if path.suffix.lower() in {".md", ".markdown"} else "text/plain",
    )


def _figure(count: dict[str, int | None] | None) -> str:
    if count is None:
        return ""
    low, high = count["min"], count["max"]
    if low == high:
        return str(low)
    return f"{'' if low is None else low}..{'' if high is None else high}"


def _table(view: dict[str, Any]) -> Table:
    table = Table(title=f"{view['doc']} ({view['published'] or 'undated'})", title_justify="left")
    for column in ("type", "date", "place", "perpetrator", "killed", "injured"):
        table.add_column(column)
    for event in view["events"]:
        who = event["perpetrator"] or ""
        if who:
            who = f"{who} ({event['responsibility']})"
        table.add_row(
            event["type"] or "",
            event["date"] or "",
            ", ".join(p for p in (event["place"], event["country"]) if p),
            who,
            _figure(event["killed"]),
            _figure(event["injured"]),
        )
    return table


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Text or Markdown files.", exists=True)],
    output: Annotated[
        Format, typer.Option("--format", help="json: one object per document; table.")
    ] = Format.json,
) -> None:
    """Extract attacks and relations from files, without a database."""
    from overhorizon.extraction import Gazetteer, default_pipeline, document_view

    documents = [read_text_file(path) for path in files]
    pipeline = default_pipeline(gazetteer=Gazetteer.from_seed())
    for document, statements in zip(documents, pipeline.extract(documents), strict=True):
        view = document_view(document, statements)
        if output is Format.json:
            typer.echo(json.dumps(view, ensure_ascii=False))
        else:
            console.print(_table(view))
