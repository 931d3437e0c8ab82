"""The command-line application object and the options every command shares."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(
    name="overhorizon",
    help=(
        "Sourced, structured intelligence from open reporting.\n\n"
        "Ingest reports, extract who did what where and when, look up groups and people under "
        "any of their names, list attacks, and export what you have."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

console = Console()
errors = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="OVERHORIZON_DATABASE_URL",
        help="Database: a SQLite file path or a postgresql:// URL. Default: ./overhorizon.db.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        from overhorizon import __version__

        console.print(f"overhorizon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Sourced, structured intelligence from open reporting."""
