"""``overhorizon taxii``: pull partners' TAXII collections, and define this server's ones.

The server itself is part of the web application (``/taxii2/``); see docs/taxii.md.
"""

from __future__ import annotations

import os
import threading
from typing import Annotated

import typer

from overhorizon.cli.app import DatabaseOption, app, console, errors
from overhorizon.errors import OverhorizonError
from overhorizon.model.statement import TLP_LEVELS
from overhorizon.store import SQLStore, open_store

taxii = typer.Typer(
    help="Exchange with partners over TAXII 2.1: pull their collections, define ours.",
    no_args_is_help=True,
)
collection_app = typer.Typer(help="This server's collections.", no_args_is_help=True)
taxii.add_typer(collection_app, name="collection")
app.add_typer(taxii, name="taxii")

PASSWORD_VARIABLE = "OVERHORIZON_TAXII_PASSWORD"
_LEVELS = ", ".join(TLP_LEVELS)


def _level(value: str) -> str:
    level = value.strip().lower()
    if level not in TLP_LEVELS:
        raise typer.BadParameter(f"{value!r} is not one of {_LEVELS}")
    return level


def _password() -> str:
    found = os.environ.get(PASSWORD_VARIABLE)
    return found if found else str(typer.prompt("TAXII password", hide_input=True))


@taxii.command("pull")
def pull_command(
    url: Annotated[str, typer.Argument(help="The partner's TAXII server or API root URL.")],
    collection: Annotated[
        str, typer.Option("--collection", "-c", help="The collection's id or alias.")
    ],
    user: Annotated[str, typer.Option("--user", "-u", help="Your user name at the partner.")],
    org: Annotated[
        str | None,
        typer.Option(
            help="The organisation record that stands for the partner here (made if missing, "
            "with nothing shareable to it); default: from the URL's host."
        ),
    ] = None,
    every: Annotated[
        float | None,
        typer.Option(help="Pull again every this many minutes, until Ctrl-C.", min=0.05),
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Pull what is new in a partner's collection (password from $OVERHORIZON_TAXII_PASSWORD,
    else asked for) into statements owned by the partner, with the partner's markings. On a
    schedule, a failed pull is reported and the next one tried at its time."""
    password = _password()
    stop = threading.Event()
    with open_store(db) as store:
        try:
            while True:
                try:
                    _pull_once(store, url, collection, user, password, org)
                except OverhorizonError as exc:
                    if every is None:
                        raise
                    errors.print(f"[bold red]error[/] {exc}", highlight=False)
                if every is None or stop.wait(every * 60):
                    break
        except KeyboardInterrupt:
            errors.print("stopped; every pull that finished is kept", highlight=False)


def _pull_once(
    store: SQLStore, url: str, collection: str, user: str, password: str, org: str | None
) -> None:
    from overhorizon.sharing.taxii.client import pull

    result = pull(store, url, collection, user=user, password=password, org=org)
    console.print(
        f"{result.objects} new objects ({result.completed} more they refer to) from "
        f"{result.collection} at {result.source} as {result.org}; "
        f"next pull from {result.mark or 'the start'}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    for line in result.lines:
        console.print(line, highlight=False, markup=False, soft_wrap=True)


@taxii.command("marks")
def marks_command(db: DatabaseOption = None) -> None:
    """Where each pulled collection stands: the next pull asks for what was added after."""
    from overhorizon.sharing.taxii.marks import marks

    with open_store(db) as store:
        rows = marks(store)
    for row in rows:
        console.print(
            f"{row['source']} {row['collection_id']} as {row['org']}: "
            f"{row['objects']} objects, next from {row['added_after'] or 'the start'}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@collection_app.command("list")
def collection_list(db: DatabaseOption = None) -> None:
    """Every collection of this server with the marking it is cut to."""
    from overhorizon.sharing.taxii.collections import all_collections

    with open_store(db) as store:
        found = all_collections(store.trusted_engine())
    for item in found:
        groups = f" + {', '.join(sorted(item.groups))}" if item.groups else ""
        console.print(
            f"{item.alias} {item.id} TLP:{item.tlp.upper()}{groups}: {item.title}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


@collection_app.command("add")
def collection_add(
    alias: Annotated[str, typer.Argument(help="Short name: a-z, 0-9, '.', '_' and '-'.")],
    title: Annotated[str, typer.Option(help="What partners see it as.")],
    tlp: Annotated[str, typer.Option(callback=_level, help=f"The highest TLP ({_LEVELS}).")],
    group: Annotated[
        list[str] | None, typer.Option("--group", "-g", help="A need-to-know group (repeatable).")
    ] = None,
    description: Annotated[str | None, typer.Option(help="A sentence for partners.")] = None,
    db: DatabaseOption = None,
) -> None:
    """Define a collection cut to a TLP level and need-to-know groups (platform admins)."""
    from overhorizon.sharing.taxii.collections import add_collection

    with open_store(db) as store:
        made = add_collection(
            store,
            alias,
            title=title,
            tlp=tlp,
            groups=frozenset(group or ()),
            description=description,
        )
    console.print(f"collection {made.alias}: {made.id}", highlight=False, markup=False)


@collection_app.command("remove")
def collection_remove(
    alias: Annotated[str, typer.Argument(help="The alias of a defined collection.")],
    db: DatabaseOption = None,
) -> None:
    """Remove a defined collection (platform admins)."""
    from overhorizon.sharing.taxii.collections import remove_collection

    with open_store(db) as store:
        remove_collection(store, alias)
    console.print(f"removed collection {alias}", highlight=False, markup=False)
