"""The TAXII client against a live server: what a pull brings, under whose name and
markings, from which high-water mark, and the ``overhorizon taxii pull`` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from overhorizon.audit import AuditLog
from overhorizon.cli import app
from overhorizon.model.builder import StatementFactory, relation_id
from overhorizon.policy.admin import Admin
from overhorizon.policy.identity import get_user, store_for_user
from overhorizon.sharing.taxii.client import pull, references
from overhorizon.sharing.taxii.marks import load_mark
from overhorizon.store import SQLStore, open_store
from overhorizon.store.base import StatementQuery
from overhorizon.store.tables import statements
from test_taxii_support import (
    ALPHA,
    AMBER_ALIAS,
    BRANCH,
    BRAVO,
    CELL_NOTE,
    DELTA,
    ECHO,
    PASSWORD,
    ZULU,
    LiveServer,
    build_world,
    serving,
)

pytestmark = pytest.mark.store


@pytest.fixture
def partner(store_url: str) -> Iterator[LiveServer]:
    """The partner's instance: the shared world, served on loopback."""
    with open_store(store_url) as store:
        build_world(store)
    with serving(store_url) as server:
        yield server


@pytest.fixture
def home(tmp_path: Path) -> Iterator[SQLStore]:
    """The pulling instance."""
    with open_store(f"sqlite:///{tmp_path / 'home.db'}") as store:
        yield store


def _pulled(store: SQLStore) -> set[tuple[str, str, str, str]]:
    query = StatementQuery(origin_prefix="import:stix:partner")
    return {(s.entity_id, s.prop, s.value, s.tlp) for s in store.statements(query)}


def _owners(store: SQLStore) -> set[str]:
    with store.engine.connect() as conn:
        return set(conn.execute(select(statements.c.org).distinct()).scalars())


def test_a_pull_brings_what_the_partner_shares_under_its_name(
    partner: LiveServer, home: SQLStore
) -> None:
    result = pull(home, partner.taxii, "tlp-green", user="ally", password=PASSWORD, org="partner")
    assert result.objects > 0 and result.report is not None
    assert result.report.statements > 0
    found = _pulled(home)
    assert (ALPHA, "name", "Alpha Front", "clear") in found
    assert (BRAVO, "name", "Bravo Brigade", "green") in found
    assert {e for e, *_ in found} >= {ALPHA, BRAVO, ECHO, BRANCH}
    values = {v for _, _, v, _ in found}
    assert not {"Delta Column", "Zulu Shadow", AMBER_ALIAS, CELL_NOTE} & values
    assert not {DELTA, ZULU} & {e for e, *_ in found}
    assert _owners(home) == {"partner"}
    assert all(s.origin.startswith("import:stix:partner/") for s in home.statements())
    assert result.mark is not None
    assert load_mark(home, result.source, result.collection) == result.mark
    entries = AuditLog(home).entries(action="taxii_pull")
    assert entries and entries[0].details["objects"] == result.objects
    assert PASSWORD not in str(entries[0].details)

    count = home.counts()["statements"]
    again = pull(home, partner.taxii, "tlp-green", user="ally", password=PASSWORD, org="partner")
    assert again.objects == 0 and again.report is None
    assert again.since == result.mark and again.mark == result.mark
    assert home.counts()["statements"] == count


def test_an_incremental_pull_completes_what_new_objects_refer_to(
    partner: LiveServer, home: SQLStore, store_url: str
) -> None:
    first = pull(home, partner.taxii, "tlp-clear", user="ally", password=PASSWORD, org="partner")
    rivals = relation_id("RivalOf", ECHO, ALPHA)
    with open_store(store_url) as remote, remote.writer() as w:
        w.add_statements(StatementFactory("analyst:ops").relation("RivalOf", ECHO, ALPHA))
    second = pull(home, partner.taxii, "tlp-clear", user="ally", password=PASSWORD, org="partner")
    assert first.mark is not None and second.mark is not None
    assert second.since == first.mark and second.mark > first.mark
    assert second.objects == 1 and second.completed >= 2
    assert second.report is not None and not second.report.dangling_relationships
    assert {e for e, *_ in _pulled(home)} >= {rivals}
    assert {(s.prop, s.value) for s in home.statements(StatementQuery(entity_ids=[rivals]))} >= {
        ("source", ECHO),
        ("target", ALPHA),
    }


def test_partner_groups_stay_the_partners(partner: LiveServer, home: SQLStore) -> None:
    pull(home, partner.taxii, "group-ct-cell", user="ana", password=PASSWORD, org="partner")
    cell = [s for s in home.statements(StatementQuery(entity_ids=[ECHO])) if s.value == CELL_NOTE]
    assert [s.groups for s in cell] == [frozenset({"partner:ct-cell"})]
    admin = Admin(home)
    admin.add_group("ct-cell", org="local")
    admin.add_user("lou", org="local", clearance="amber", groups=["ct-cell"], password=PASSWORD)
    with home.engine.connect() as conn:
        lou = get_user(conn, name="lou")
    assert lou is not None
    seen = {s.value for s in store_for_user(home, lou).statements()}
    assert "Alpha Front" in seen and CELL_NOTE not in seen
    admin.add_group("partner:ct-cell", org="partner")
    admin.add_member("partner:ct-cell", "lou")
    with home.engine.connect() as conn:
        lou = get_user(conn, name="lou")
    assert lou is not None
    assert CELL_NOTE in {s.value for s in store_for_user(home, lou).statements()}


def test_references_name_what_an_object_needs() -> None:
    obj = {
        "id": "relationship--1",
        "type": "relationship",
        "source_ref": "threat-actor--a",
        "target_ref": "threat-actor--b",
        "object_marking_refs": ["marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"],
        "granular_markings": [{"marking_ref": "marking-definition--x", "selectors": ["name"]}],
    }
    assert references(obj) == {"threat-actor--a", "threat-actor--b", "marking-definition--x"}


def test_pull_command_once(partner: LiveServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    args = ["taxii", "pull", partner.taxii, "-c", "tlp-green", "-u", "ally", "--org", "partner"]
    env = {"OVERHORIZON_TAXII_PASSWORD": PASSWORD}
    first = runner.invoke(app, [*args, "--db", db], env=env)
    assert first.exit_code == 0, first.output
    assert "new objects" in first.output and "as partner" in first.output
    second = runner.invoke(app, [*args, "--db", db], env=env)
    assert second.exit_code == 0 and "0 new objects" in second.output
    marks = runner.invoke(app, ["taxii", "marks", "--db", db])
    assert "partner" in marks.output and partner.taxii in marks.output
    listed = runner.invoke(app, ["taxii", "collection", "list", "--db", db])
    assert "tlp-green" in listed.output and "tlp-red" in listed.output


def test_pull_command_on_a_schedule_stops_on_ctrl_c(partner: LiveServer, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'every.db'}"
    command = [
        sys.executable, "-c", "from overhorizon.cli import main; main()",
        "taxii", "pull", partner.taxii, "-c", "tlp-clear", "-u", "ally",
        "--org", "partner", "--every", "0.05", "--db", db,
    ]  # fmt: skip
    env = {**os.environ, "OVERHORIZON_TAXII_PASSWORD": PASSWORD}
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with open_store(db) as store:
                if len(AuditLog(store).entries(action="taxii_pull")) >= 2:
                    break
            time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.count("new objects") >= 2 and "0 new objects" in out
    assert "stopped" in err
