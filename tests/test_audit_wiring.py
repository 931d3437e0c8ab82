"""Every write through the store and every export lands in the audit log, and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overhorizon import audit
from overhorizon.audit.log import AuditLog
from overhorizon.cli import app
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.store import SQLStore, open_store

pytestmark = pytest.mark.store

REPORT = Document(text="KABUL — Islamic State Khorasan Province claimed the attack.", title="t")


def _write(store: SQLStore) -> None:
    make = StatementFactory("extractor:test@1", document=REPORT)
    gid = entity_id("ArmedGroup", "Islamic State Khorasan Province")
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements([make.make(gid, "ArmedGroup", "name", "ISKP", span=(8, 47))])


def test_a_write_is_one_entry_committed_with_it(store_url: str) -> None:
    with open_store(store_url) as store:
        store.actor = "analyst:alice"
        _write(store)
        entries = AuditLog(store).entries(limit=10)
    assert [(e.actor, e.action) for e in entries] == [("analyst:alice", "write")]
    assert entries[0].objects == (REPORT.id,)
    assert entries[0].details == {"documents": 1, "statements": 1, "deleted": 0, "judgements": 0}
    with open_store(store_url) as store:
        report = audit.verify_log(store)
        assert report.ok, report.findings
        assert AuditLog(store).latest_head() is not None


def test_a_rolled_back_write_leaves_no_entry(store: SQLStore) -> None:
    with pytest.raises(RuntimeError), store.writer() as w:
        w.add_document(REPORT)
        raise RuntimeError("interrupted")
    with store.writer():
        pass
    assert AuditLog(store).size() == 0


def test_exports_are_recorded_with_their_recipient(store: SQLStore, tmp_path: Path) -> None:
    _write(store)
    runner = CliRunner()
    out = tmp_path / "bundle.json"
    result = runner.invoke(
        app, ["stix", "export", "--max-tlp", "green", "-o", str(out), "--db", store.url]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["export", "statements", "-o", str(tmp_path / "s.jsonl"), "--db", store.url]
    )
    assert result.exit_code == 0, result.output
    entries = AuditLog(store).entries(limit=10, action="export", newest_first=False)
    assert [e.details["format"] for e in entries] == ["stix-2.1", "statements.jsonl"]
    assert entries[0].details["max_tlp"] == "green"
    assert entries[0].objects == (json.loads(out.read_text())["id"],)
    assert entries[1].details["rows"] == 1
