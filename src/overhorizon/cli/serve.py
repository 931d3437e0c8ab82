"""``overhorizon serve``: the API, the workspace (and TAXII) in one process, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from overhorizon.cli.app import DatabaseOption, app, console

HostOption = Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 for every one.")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


def run_server(db: str | None, host: str, port: int, require_login: bool | None) -> None:
    """Serve the database at ``db`` until interrupted."""
    import uvicorn

    from overhorizon.web import create_app

    web = create_app(db, require_login=require_login)
    mode = (
        "login required" if web.state.require_login else "no login: you act as the local operator"
    )
    console.print(f"workspace: [bold]http://{_shown(host)}:{port}/[/] ({mode})")
    console.print(f"API: http://{_shown(host)}:{port}/docs · stop with Ctrl+C")
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _shown(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host


@app.command()
def serve(
    db: DatabaseOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8080,
    require_login: Annotated[
        bool,
        typer.Option(
            "--require-login",
            help="Refuse requests without credentials even when the database has no users.",
        ),
    ] = False,
) -> None:
    """Serve the analyst's workspace and the HTTP API (login is required once users exist)."""
    run_server(db, host, port, True if require_login else None)
