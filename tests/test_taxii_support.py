"""What the TAXII tests share: a live server on loopback and a small world of marked facts.

Organisations: ``local`` (runs the instance), ``allied`` (may receive up to GREEN), ``rival``
(up to AMBER). Users: ``ana`` (local analyst, AMBER, in ``ct-cell``), ``rex`` (local reader,
RED), ``ally`` (allied analyst, RED clearance but GREEN ceiling), ``rita`` (rival reader,
AMBER). Facts, written by the local operator:

- ALPHA (CLEAR) with an AMBER alias; BRAVO (GREEN); DELTA (AMBER only); ZULU (RED only);
  ECHO (CLEAR) with a description only ``ct-cell`` may read;
- BRANCH: BRAVO branch of ALPHA, GREEN; COOP: ALPHA cooperates with BRAVO, RED (a restricted
  link between two entities a GREEN partner sees); RIVALS: ALPHA rival of DELTA, CLEAR (a
  visible link to an AMBER entity);
- FILLER: 24 CLEAR groups, so that listings take several pages.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

import uvicorn
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.policy.admin import Admin
from overhorizon.sharing.taxii.server import router
from overhorizon.store import SQLStore, database_url, open_store
from overhorizon.store.sql import URL_VARIABLE

PASSWORD = "correct horse battery staple"
TAXII = "/taxii2/"

ALPHA = entity_id("ArmedGroup", "Alpha Front")
BRAVO = entity_id("ArmedGroup", "Bravo Brigade")
DELTA = entity_id("ArmedGroup", "Delta Column")
ZULU = entity_id("ArmedGroup", "Zulu Shadow")
ECHO = entity_id("ArmedGroup", "Echo Network")
BRANCH = relation_id("BranchOf", BRAVO, ALPHA)
COOP = relation_id("CooperatesWith", ALPHA, BRAVO)
RIVALS = relation_id("RivalOf", ALPHA, DELTA)
FILLER = [entity_id("ArmedGroup", f"Filler Group {i:02d}") for i in range(24)]

AMBER_ALIAS = "Alpha Amber Alias"
CELL_NOTE = "cell only: meets at the mill"
HIDDEN_FROM_GREEN = ("Delta Column", "Zulu Shadow", AMBER_ALIAS, CELL_NOTE, "cooperates")
"""Text a GREEN partner must never receive (COOP's description says "cooperates with")."""

USERS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "ana": ("local", "analyst", "amber", ("ct-cell",)),
    "rex": ("local", "reader", "red", ()),
    "ally": ("allied", "analyst", "red", ()),
    "rita": ("rival", "reader", "amber", ()),
}
"""name -> (organisation, role, clearance, groups)."""


def build_world(store: SQLStore) -> None:
    admin = Admin(store)
    admin.add_organisation("allied", title="Allied agency", max_tlp="green")
    admin.add_organisation("rival", title="Rival agency", max_tlp="amber")
    admin.add_group("ct-cell", org="local")
    for name, (org, role, clearance, groups) in USERS.items():
        admin.add_user(
            name, org=org, role=role, clearance=clearance, groups=groups, password=PASSWORD
        )
    clear = StatementFactory("analyst:ops")
    green = StatementFactory("analyst:ops", tlp="green")
    amber = StatementFactory("analyst:ops", tlp="amber")
    red = StatementFactory("analyst:ops", tlp="red")
    cell = StatementFactory("analyst:ops", groups=frozenset({"ct-cell"}))
    with store.writer() as w:
        w.add_statements(
            [
                clear.make(ALPHA, "ArmedGroup", "name", "Alpha Front"),
                amber.make(ALPHA, "ArmedGroup", "alias", AMBER_ALIAS),
                green.make(BRAVO, "ArmedGroup", "name", "Bravo Brigade"),
                amber.make(DELTA, "ArmedGroup", "name", "Delta Column"),
                red.make(ZULU, "ArmedGroup", "name", "Zulu Shadow"),
                clear.make(ECHO, "ArmedGroup", "name", "Echo Network"),
                cell.make(ECHO, "ArmedGroup", "description", CELL_NOTE),
                *green.relation("BranchOf", BRAVO, ALPHA),
                *red.relation("CooperatesWith", ALPHA, BRAVO),
                *clear.relation("RivalOf", ALPHA, DELTA),
                *(
                    clear.make(eid, "ArmedGroup", "name", f"Filler Group {i:02d}")
                    for i, eid in enumerate(FILLER)
                ),
            ]
        )


def taxii_app(url: str) -> FastAPI:
    """An application serving only TAXII over the database at ``url``."""
    app = FastAPI()
    app.state.store = open_store(url)
    app.state.require_login = False
    app.include_router(router)
    return app


class LiveServer:
    """``app`` served by uvicorn on a free port of 127.0.0.1, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def taxii(self) -> str:
        return self.url + TAXII

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(20)
        self.socket.close()


@contextmanager
def serving(url: str) -> Iterator[LiveServer]:
    """A live TAXII server over the database at ``url``."""
    app = taxii_app(url)
    try:
        with LiveServer(app) as live:
            yield live
    finally:
        app.state.store.close()


@contextmanager
def database(folder: Path, name: str) -> Iterator[str]:
    """The URL of an empty database for a whole module (as the ``store_url`` fixture does for
    one test): a SQLite file, or a schema on $OVERHORIZON_DATABASE_URL's PostgreSQL server."""
    configured = os.environ.get(URL_VARIABLE, "")
    if not configured.startswith("postgres"):
        yield f"sqlite:///{folder / name}.db"
        return
    server = database_url(configured)
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(server)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@contextmanager
def world_server(folder: Path) -> Iterator[LiveServer]:
    """A live TAXII server over a new database holding the world above."""
    with database(folder, "world") as url:
        with open_store(url) as store:
            build_world(store)
        with serving(url) as live:
            yield live
