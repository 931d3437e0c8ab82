"""Commands of the extract stage (registered on the shared app).

``overhorizon extract SOURCE...`` runs the standard pipeline over files, folders or standard
input without a database and prints what it found, one JSON object per document (or a
table). Sources are read as ingestion reads them: text in any encoding, Markdown with its front
matter, HTML, PDF and feeds. A source that cannot be read is reported on standard error and
the others are still extracted; the exit code is then 1. Known groups and people come from the
packaged seed when it is installed.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.progress import Progress
from rich.table import Table

from overhorizon.cli.app import app, console, errors
from overhorizon.errors import EmptySourceError, SourceError
from overhorizon.model.document import Document

_STDIN = "-"
_BATCH = 64
"""Documents extracted between two steps of the progress bar."""
_PROGRESS_FROM = 2 * _BATCH
"""A progress bar is shown on a terminal from this many documents."""


class Format(StrEnum):
    json = "json"
    table = "table"


def read_sources(sources: list[str]) -> tuple[list[Document], list[SourceError]]:
    """The documents of every source (folders walked, ``-`` for standard input), and the
    error of each source that could not be read."""
    from overhorizon.sources import RawSource, SourceOptions, expand_sources, read_source
    from overhorizon.sources.formats import read_unknown

    documents: list[Document] = []
    failed: list[SourceError] = []
    for source in expand_sources(s for s in sources if s != _STDIN):
        try:
            documents.extend(read_source(source))
        except SourceError as exc:
            failed.append(exc)
    if _STDIN in sources:
        raw = RawSource(data=sys.stdin.buffer.read(), source="stdin")
        try:
            if not raw.data.strip():
                raise EmptySourceError("stdin: no text")
            documents.extend(read_unknown(raw, SourceOptions()))
        except SourceError as exc:
            failed.append(exc)
    return documents, failed


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
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files or folders to read (text in any encoding, Markdown, HTML, PDF, feeds); "
            "- reads standard input.",
            metavar="FILE|FOLDER|-",
        ),
    ],
    output: Annotated[
        Format, typer.Option("--format", help="json: one object per document; table.")
    ] = Format.json,
) -> None:
    """Extract attacks and relations from documents, without a database.

    Each document gives its events (type, date, place, perpetrator, tolls, targets, victims,
    weapons, each with the sentences it came from) and the relations between the groups and
    people it names.
    """
    from overhorizon.extraction import Gazetteer, default_pipeline, document_view

    documents, failed = read_sources(sources)
    for error in failed:
        errors.print(f"[bold red]error[/] {error}", markup=True, highlight=False)
    pipeline = default_pipeline(gazetteer=Gazetteer.from_seed())
    shown = errors.is_terminal and len(documents) >= _PROGRESS_FROM
    with Progress(console=errors, transient=True, disable=not shown) as progress:
        task = progress.add_task("extracting", total=len(documents))
        for first in range(0, len(documents), _BATCH):
            batch = documents[first : first + _BATCH]
            for document, statements in zip(batch, pipeline.extract(batch), strict=True):
                view = document_view(document, statements)
                if output is Format.json:
                    typer.echo(json.dumps(view, ensure_ascii=False))
                else:
                    console.print(_table(view))
            progress.advance(task, len(batch))
    if failed:
        raise typer.Exit(1)
