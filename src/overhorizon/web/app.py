"""``create_app``: one ASGI application for the API, the workspace and TAXII."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from overhorizon import __version__
from overhorizon.policy.admin import Admin
from overhorizon.sharing.taxii.server import router as taxii_router
from overhorizon.store import open_store
from overhorizon.web import api, problems, ui
from overhorizon.web.eventtable import EventTable


def create_app(url: str | None = None, *, require_login: bool | None = None) -> FastAPI:
    """The application over the database at ``url``.

    ``require_login`` defaults to True as soon as the database has any user.
    """
    store = open_store(url)
    if require_login is None:
        require_login = bool(Admin(store).users())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="overhorizon",
        version=__version__,
        summary="Sourced, structured intelligence from open reporting, shared under markings.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.require_login = require_login
    app.state.events = EventTable()
    problems.install(app, ui.error_page, ui.is_page)
    ui.mount_static(app)
    # Routers are included here, one line each: the API and workspace, then TAXII.
    app.include_router(api.router)
    app.include_router(ui.router)
    app.include_router(taxii_router)
    return app
