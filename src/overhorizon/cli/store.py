"""Commands that create, inspect and export the store."""

from __future__ import annotations

from overhorizon.cli.app import DatabaseOption, app, console
from overhorizon.store import open_store


@app.command()
def init(db: DatabaseOption = None) -> None:
    """Create the database, or bring its schema up to date."""
    with open_store(db) as store:
        console.print(f"ready: {store.url}")
