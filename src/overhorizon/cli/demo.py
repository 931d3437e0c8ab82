"""``overhorizon demo``: a fresh database with the reference seed and the sample corpus."""

from __future__ import annotations

import resource
import time
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from overhorizon.analysis.summary import Summary, summarise
from overhorizon.cli.app import app, console
from overhorizon.cli.serve import HostOption, PortOption, run_server
from overhorizon.store import open_store

DEMO_DB = Path("overhorizon-demo.db")


@app.command()
def demo(
    db: Annotated[
        Path, typer.Option("--db", help="SQLite file to (re)create for the demo.")
    ] = DEMO_DB,
    un_list: Annotated[
        str | None,
        typer.Option("--un", help="Also import the UN consolidated sanctions list (path or URL)."),
    ] = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Stop after the summary instead of serving it.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8080,
) -> None:
    """Build a fresh demo database from the shipped seed and corpus, summarise and serve it."""
    from overhorizon.extraction.pipeline import default_pipeline
    from overhorizon.reference import import_un_list, load_seed
    from overhorizon.resolution import review
    from overhorizon.sources.ingest import ingest

    started = time.perf_counter()
    for suffix in ("", "-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    with open_store(str(db)) as store:
        seed = load_seed(store)
        console.print(f"reference seed: {seed}")
        if un_list:
            console.print(f"UN list: {import_un_list(un_list, store)}")
        with resources.as_file(resources.files("overhorizon.data") / "corpus") as corpus:
            report = ingest([str(corpus)], store, default_pipeline(store), progress=True)
        console.print(
            f"corpus: {report.added} documents, {report.statements} statements, "
            f"{len(report.failures)} failed"
        )
        resolved = review.run(store)
        console.print(
            f"resolution: {len(resolved.merged)} merges of names and repeated reports, "
            f"{len(resolved.queued)} candidates queued for review"
        )
        summary = summarise(store)
    _print_summary(summary)
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"\ndone in {elapsed:.1f} s, peak memory {peak_mb:.0f} MB; database: {db}")
    console.print(
        f"next: [bold]overhorizon show ISKP --db {db}[/] · "
        f"[bold]overhorizon events --db {db}[/] · [bold]overhorizon entities Taliban --db {db}[/]"
    )
    if no_serve:
        console.print(f"workspace: [bold]overhorizon serve --db {db}[/]")
        return
    run_server(str(db), host, port, None)


def _sources_cell(labels: list[str], shown: int = 3) -> str:
    distinct = sorted(set(labels))
    more = f"\n+{len(distinct) - shown} more" if len(distinct) > shown else ""
    return "\n".join(distinct[:shown]) + more


def _print_summary(summary: Summary) -> None:
    counts = Table("what", "count", title="In the store")
    for key, value in sorted(summary.counts.items(), key=lambda kv: (-kv[1], kv[0])):
        counts.add_row(key, str(value))
    console.print(counts)
    groups = Table("group", "attacks", "killed", "documents", title="Most active groups")
    for group in summary.groups:
        groups.add_row(group.name, str(group.attacks), str(group.killed), str(group.documents))
    console.print(groups)
    deadliest = Table(
        "date", "event", "killed", "perpetrator", "sources", title="Deadliest attacks"
    )
    for row in summary.deadliest:
        perp = f"{row.perpetrator} ({row.responsibility})" if row.perpetrator else "unknown"
        sources = _sources_cell(
            [f"{s.publisher or s.origin} {s.published or ''}".strip() for s in row.sources]
        )
        deadliest.add_row(
            row.date or "?", row.name, row.killed.label if row.killed else "?", perp, sources
        )
    console.print(deadliest)
