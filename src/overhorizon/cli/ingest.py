"""Commands of the ingest stage (registered on the shared app)."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from overhorizon.cli.app import DatabaseOption, app, console, errors
from overhorizon.model.statement import RELIABILITY, TLP_LEVELS

if TYPE_CHECKING:
    from overhorizon.extraction.base import Extractor
    from overhorizon.sources.ingest import IngestReport

_MB = 1024 * 1024


def _default_extractor() -> Extractor | None:
    """The extraction pipeline, or None (with a note) while it is not installed."""
    try:
        factory = importlib.import_module("overhorizon.extraction.pipeline").default_pipeline
    except (ImportError, AttributeError) as exc:
        errors.print(
            f"note: extraction is not available ({exc}); documents are stored without statements",
            markup=False,
            highlight=False,
        )
        return None
    extractor: Extractor = factory()
    return extractor


def _reliability(value: str) -> str:
    if value.upper() not in RELIABILITY:
        raise typer.BadParameter(f"{value!r} is not an Admiralty grade; use one of A-F")
    return value.upper()


def _tlp(value: str) -> str:
    if value.lower() not in TLP_LEVELS:
        raise typer.BadParameter(f"{value!r} is not a TLP 2.0 label; use {', '.join(TLP_LEVELS)}")
    return value.lower()


def _summary(report: IngestReport) -> Table:
    table = Table(title="ingest", show_header=True, header_style="bold")
    for column in ("added", "duplicates", "failed", "statements", "documents/s"):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.added),
        str(report.duplicates),
        str(report.failed),
        str(report.statements),
        f"{report.rate:.1f}",
    )
    return table


@app.command("ingest")
def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH|URL...", help="Files, folders (read recursively) or http(s) URLs."
        ),
    ],
    db: DatabaseOption = None,
    no_extract: Annotated[
        bool, typer.Option("--no-extract", help="Store documents without extracting statements.")
    ] = False,
    max_size: Annotated[
        float,
        typer.Option(
            "--max-size", metavar="MB", min=0.001, help="Refuse sources larger than this."
        ),
    ] = 50.0,
    reliability: Annotated[
        str,
        typer.Option(
            metavar="A-F",
            callback=_reliability,
            help="Admiralty reliability of sources that do not state their own.",
        ),
    ] = "F",
    tlp: Annotated[
        str,
        typer.Option(
            metavar="|".join(TLP_LEVELS),
            callback=_tlp,
            help="TLP marking of documents that do not carry their own.",
        ),
    ] = "clear",
) -> None:
    """Read reports into the store: txt, md, html, pdf, RSS/Atom feeds, folders and URLs.

    The same content is never stored twice.

    A source that cannot be read is reported, and the others are still ingested.

    The exit code is 1 only when every source failed.
    """
    from overhorizon.sources.ingest import ingest
    from overhorizon.store import open_store

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    extractor = None if no_extract else _default_extractor()
    with open_store(db) as store:
        report = ingest(
            sources,
            store,
            extractor,
            reliability=reliability,
            tlp=tlp,
            max_bytes=max(1, int(max_size * _MB)),
            progress=True,
        )
    console.print(_summary(report))
    for source, reason in report.failures:
        console.print(f"FAILED {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    if not report.ok:
        raise typer.Exit(1)
