"""Commands of the reference stage: load the curated seed and the UN sanctions list."""

from __future__ import annotations

from typing import Annotated

import typer

from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.reference import DEFAULT_REGIMES, ImportSummary, import_un_list, load_seed
from overhorizon.store import open_store

reference = typer.Typer(
    help="Load reference knowledge: curated groups and the UN sanctions list.",
    no_args_is_help=True,
)
app.add_typer(reference, name="reference", help="Load curated groups and the UN sanctions list.")


def _show(summary: ImportSummary) -> None:
    for line in summary.lines():
        console.print(line, highlight=False)


@reference.command("seed")
def seed(db: DatabaseOption = None) -> None:
    """Load the curated seed: key groups, media outlets and people with their aliases."""
    with open_store(db) as store:
        _show(load_seed(store))


@reference.command("un")
def un(
    source: Annotated[
        str, typer.Argument(help="Path or http(s) URL of the consolidated list XML.")
    ],
    db: DatabaseOption = None,
    all_regimes: Annotated[
        bool,
        typer.Option(
            "--all-regimes",
            help="Import every sanctions regime, not only ISIL/Al-Qaida (1267) and Taliban (1988).",
        ),
    ] = False,
) -> None:
    """Import the UN Security Council consolidated sanctions list."""
    with open_store(db) as store:
        _show(import_un_list(source, store, regimes=None if all_regimes else DEFAULT_REGIMES))
