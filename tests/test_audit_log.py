"""The audit log on a real database (SQLite, or PostgreSQL with the store suite): appending,
transactions shared with the caller, signing and keys, proofs, and concurrent writers."""

from __future__ import annotations

import stat
import threading
from itertools import pairwise
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from sqlalchemy.engine import make_url

from overhorizon import audit
from overhorizon.audit import tables
from overhorizon.audit.keys import default_key_path, load_private_key, public_pem
from overhorizon.audit.merkle import MerkleTree, verify_consistency, verify_inclusion
from overhorizon.errors import AuditKeyError, NotFoundError, StoreError
from overhorizon.store import SQLStore, open_store
from overhorizon.store.tables import meta

pytestmark = pytest.mark.store


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "keys" / "audit-key.pem"
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(path))
    return path


def _only_audit(name: str | None, kind: str, _parents: object) -> bool:
    return kind != "table" or (name or "").startswith("audit_")


def test_migration_matches_the_audit_tables_and_is_idempotent(store_url: str) -> None:
    open_store(store_url).close()
    with open_store(store_url) as again, again.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _only_audit})
        diff = compare_metadata(context, tables.metadata)
        assert diff == [], f"0002_audit drifted from audit/tables.py: {diff}"
        assert "0002_audit" in context.get_current_heads()
        assert tuple(conn.execute(select(tables.state)).one()) == (1, 0, 0, "[]")


def test_append_sign_and_prove(store: SQLStore, _key: Path) -> None:
    log = audit.AuditLog(store, sign_every=0)
    first = [log.append("cli:ana", "ingest", [f"doc-{i}"], {"n": i}) for i in range(6)]
    early = log.sign()
    more = [log.append("analyst:alice", "write", [f"ent-{i}"]) for i in range(7)]
    head = log.sign()
    entries = first + more
    assert [e.seq for e in entries] == list(range(13))
    assert all(a.at <= b.at for a, b in pairwise(entries))
    assert (early.number, early.tree_size, head.number, head.tree_size) == (1, 6, 2, 13)
    assert head.root_hash == MerkleTree([e.leaf_hash for e in entries]).root()
    assert head.signature_valid()
    assert head.public_key == public_pem(load_private_key(_key).public_key())
    assert log.latest_head() == head
    assert [h.number for h in log.heads()] == [1, 2]
    for entry in entries:
        proof = log.inclusion_proof(entry.seq)
        assert proof.entry == entry and proof.verify()
        assert verify_inclusion(entry.leaf_hash, entry.seq, 13, proof.path, head.root_hash)
    old_proof = log.inclusion_proof(2, early)
    assert old_proof.verify() and old_proof.head.tree_size == 6
    consistency = log.consistency_proof(6, 13)
    assert verify_consistency(6, 13, early.root_hash, head.root_hash, consistency)
    assert [e.seq for e in log.entries(action="ingest", limit=2)] == [5, 4]
    assert [e.seq for e in log.entries(actor="analyst:alice", newest_first=False)][:2] == [6, 7]
    with pytest.raises(NotFoundError):
        log.inclusion_proof(13)
    assert audit.verify_log(store).ok


def test_entry_commits_or_rolls_back_with_the_callers_write(store: SQLStore) -> None:
    with store.engine.begin() as conn:
        conn.execute(meta.insert().values(key="shared", value="yes"))
        audit.record(conn, actor="cli:ana", action="share", objects=["collection-1"])
    with pytest.raises(RuntimeError), store.engine.begin() as conn:
        conn.execute(meta.insert().values(key="exported", value="yes"))
        audit.record(conn, actor="cli:ana", action="export", objects=["bundle-1"])
        raise RuntimeError("export failed half-way")
    log = audit.AuditLog(store)
    assert [(e.seq, e.action) for e in log.entries()] == [(0, "share")]
    assert log.size() == 1
    with store.engine.connect() as conn:
        keys = set(conn.execute(select(meta.c.key)).scalars())
    assert "shared" in keys and "exported" not in keys
    assert audit.record(store, actor="cli:ana", action="export").seq == 1
    assert audit.verify_log(store).ok


def test_heads_are_signed_every_n_entries_and_when_a_command_ends(store: SQLStore) -> None:
    log = audit.AuditLog(store, sign_every=5)
    for i in range(12):
        log.append("cli:ana", "write", [f"e{i}"])
    assert [h.tree_size for h in log.heads()] == [5, 10]
    pending = audit.sign_pending(store)
    assert pending is not None and pending.tree_size == 12
    assert audit.sign_pending(store) is None
    assert audit.verify_log(store).ok


def test_key_is_created_private_beside_a_sqlite_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OVERHORIZON_AUDIT_KEY")
    db = tmp_path / "intel.db"
    with open_store(str(db)) as store:
        head = audit.AuditLog(store).sign()
        key = tmp_path / "intel.db.audit-key.pem"
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
        again = audit.AuditLog(store).sign()
        assert again.key_id == head.key_id and again.signature_valid()
        with store.engine.connect() as conn:
            stored = conn.execute(select(tables.keys.c.public_key)).scalars().all()
        assert stored == [public_pem(load_private_key(key).public_key())]
        assert "PRIVATE" not in stored[0]
        key.chmod(0o644)
        with pytest.raises(AuditKeyError, match="chmod 600"):
            audit.AuditLog(store).sign()


def test_default_key_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVERHORIZON_AUDIT_KEY")
    monkeypatch.setenv("HOME", str(tmp_path))
    sqlite = make_url(f"sqlite:///{tmp_path / 'a.db'}")
    assert default_key_path(sqlite) == tmp_path / "a.db.audit-key.pem"
    pg = make_url("postgresql+psycopg://u@h/db")
    assert default_key_path(pg) == tmp_path / ".config" / "overhorizon" / "audit-key.pem"
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "elsewhere.pem"))
    assert default_key_path(pg) == tmp_path / "elsewhere.pem"


def test_a_key_that_is_not_ed25519_is_refused(store: SQLStore, tmp_path: Path) -> None:
    path = tmp_path / "bad.pem"
    path.write_text("not a key", encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(AuditKeyError, match="PEM"):
        audit.AuditLog(store, key_path=path).sign()


def test_missing_tables_are_reported(tmp_path: Path) -> None:
    store = SQLStore(f"sqlite:///{tmp_path / 'bare.db'}")
    with pytest.raises(StoreError, match="overhorizon init"):
        audit.record(store, actor="cli:ana", action="login")
    store.close()


def test_two_writers_get_unique_gap_free_numbers(store: SQLStore) -> None:
    per_thread = 60
    errors: list[BaseException] = []

    def work(name: str) -> None:
        log = audit.AuditLog(store, sign_every=25)
        try:
            for i in range(per_thread):
                if i % 2:
                    log.append(f"analyst:{name}", "write", [f"{name}-{i}"])
                else:
                    with store.engine.begin() as conn:
                        conn.execute(meta.insert().values(key=f"{name}-{i}", value="x"))
                        log.append(f"analyst:{name}", "write", [f"{name}-{i}"], conn=conn)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    log = audit.AuditLog(store)
    entries = log.entries(limit=None, newest_first=False)
    assert [e.seq for e in entries] == list(range(2 * per_thread))
    assert {e.actor for e in entries} == {"analyst:alice", "analyst:bob"}
    assert all(a.at <= b.at for a, b in pairwise(entries))
    heads = log.heads()
    assert [h.number for h in heads] == list(range(1, len(heads) + 1))
    assert [h.tree_size for h in heads] == [25, 50, 75, 100]
    report = audit.verify_log(store)
    assert report.ok, report.findings
