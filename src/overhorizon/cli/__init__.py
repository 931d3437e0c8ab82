"""``overhorizon`` on the command line. Each module registers its commands on the one app."""

from __future__ import annotations

import sys

from overhorizon.cli import (  # noqa: F401
    admin,
    analysis,
    audit,
    demo,
    evaluate,
    extract,
    ingest,
    reference,
    resolve,
    serve,
    share,
    store,
    taxii,
)
from overhorizon.cli.app import app, errors
from overhorizon.errors import OverhorizonError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script: typed errors become one clear line and exit 1."""
    try:
        app()
    except OverhorizonError as exc:
        errors.print(f"[bold red]error[/] {exc}", markup=True, highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        errors.print("interrupted; nothing half-written was kept")
        sys.exit(130)
