"""``verify_log`` against a log tampered with directly in SQL: each kind of change is found and
named, on SQLite and (with the store suite) on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, text

from overhorizon import audit
from overhorizon.audit.entry import AuditEntry, canonical_json
from overhorizon.audit.merkle import compact_append
from overhorizon.store import SQLStore

pytestmark = pytest.mark.store

SIZE = 20


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "audit-key.pem"
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(path))
    return path


@pytest.fixture
def log(store: SQLStore) -> audit.AuditLog:
    """Twenty entries; heads signed at 8 and 16 by themselves and at 20 on demand."""
    log = audit.AuditLog(store, sign_every=8)
    for i in range(SIZE):
        log.append(f"analyst:user{i % 3}", "write", [f"entity-{i}"], {"n": i})
    log.sign()
    assert [h.tree_size for h in log.heads()] == [8, 16, 20]
    assert audit.verify_log(store).ok
    return log


def _sql(store: SQLStore, sql: str, **params: Any) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def _shift(conn: Connection, above: int, by: int) -> None:
    """Renumber every entry after ``above`` by ``by``, through negative numbers so the primary
    key never collides half-way."""
    conn.execute(text("UPDATE audit_entries SET seq = -seq - 1000 WHERE seq > :a"), {"a": above})
    conn.execute(text("UPDATE audit_entries SET seq = -seq - 1000 + :by WHERE seq < 0"), {"by": by})


def _forge(seq: int) -> dict[str, Any]:
    """A made-up entry whose leaf hash is computed correctly, as a careful forger would."""
    entry = AuditEntry(seq, "2026-01-01T00:00:00.000000Z", "analyst:mallory", "write", ("x",))
    return {
        "seq": seq,
        "at": entry.at,
        "actor": entry.actor,
        "action": entry.action,
        "objects": '["x"]',
        "details": "{}",
        "leaf": entry.leaf_hash.hex(),
    }


_INSERT = (
    "INSERT INTO audit_entries (seq, at, actor, action, objects, details, leaf_hash) "
    "VALUES (:seq, :at, :actor, :action, :objects, :details, :leaf)"
)


def _findings(store: SQLStore, **kwargs: Any) -> list[tuple[str, int | None]]:
    report = audit.verify_log(store, **kwargs)
    return [(f.kind, f.seq if f.seq is not None else f.head) for f in report.findings]


def test_an_edited_detail_names_the_entry(store: SQLStore, log: audit.AuditLog) -> None:
    _sql(store, "UPDATE audit_entries SET details = :d WHERE seq = 5", d='{"n":500}')
    found = _findings(store)
    assert ("edited", 5) in found
    assert [f for f in found if f[0] == "edited"] == [("edited", 5)]
    assert {("head_mismatch", 1), ("head_mismatch", 2), ("head_mismatch", 3)} <= set(found)
    assert not {k for k, _ in found} & {"deleted", "inserted", "reordered"}


def test_an_edit_with_a_recomputed_leaf_is_caught_by_the_signed_head(
    store: SQLStore, log: audit.AuditLog
) -> None:
    forged = AuditEntry(18, log.entry(18).at, "analyst:user0", "write", ("entity-18",), {"n": 0})
    _sql(
        store,
        "UPDATE audit_entries SET details = :d, leaf_hash = :h WHERE seq = 18",
        d=canonical_json(forged.details).decode(),
        h=forged.leaf_hash.hex(),
    )
    report = audit.verify_log(store)
    kinds = report.kinds()
    assert "edited" not in kinds
    assert {"head_mismatch", "state_mismatch"} <= kinds
    mismatch = next(f for f in report.findings if f.kind == "head_mismatch")
    assert mismatch.head == 3 and "entries 16 to 19" in mismatch.message


def test_a_deleted_entry_leaves_a_gap(store: SQLStore, log: audit.AuditLog) -> None:
    _sql(store, "DELETE FROM audit_entries WHERE seq = 7")
    found = _findings(store)
    assert ("deleted", 7) in found
    assert "edited" not in {k for k, _ in found}


def test_a_deleted_and_renumbered_entry_is_named(store: SQLStore, log: audit.AuditLog) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entries WHERE seq = 7"))
        _shift(conn, 7, -1)
    report = audit.verify_log(store)
    deleted = [f for f in report.findings if f.kind == "deleted" and f.seq is not None]
    assert [f.seq for f in deleted] == [7]
    assert "1 entry was deleted at 7" in deleted[0].message
    assert not report.kinds() & {"edited", "inserted", "reordered"}
    assert "state_mismatch" in report.kinds()


def test_deleting_the_newest_entry_is_caught_by_the_counter_and_head(
    store: SQLStore, log: audit.AuditLog
) -> None:
    _sql(store, "DELETE FROM audit_entries WHERE seq = :s", s=SIZE - 1)
    report = audit.verify_log(store)
    assert {"deleted", "state_mismatch"} <= report.kinds()
    assert any("covers 20 entries but the log holds 19" in f.message for f in report.findings)


def test_an_inserted_and_renumbered_entry_is_named(store: SQLStore, log: audit.AuditLog) -> None:
    with store.engine.begin() as conn:
        _shift(conn, 3, +1)
        conn.execute(text(_INSERT), _forge(4))
    report = audit.verify_log(store)
    inserted = [f.seq for f in report.findings if f.kind == "inserted"]
    assert inserted == [4]
    assert not report.kinds() & {"edited", "deleted", "reordered"}


def test_an_entry_appended_behind_the_logs_back_is_named(
    store: SQLStore, log: audit.AuditLog
) -> None:
    _sql(store, _INSERT, **_forge(SIZE))
    found = _findings(store)
    assert ("inserted", SIZE) in found
    assert "edited" not in {k for k, _ in found}


def test_swapped_entries_are_reported_as_reordered(store: SQLStore, log: audit.AuditLog) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET seq = -1 WHERE seq = 10"))
        conn.execute(text("UPDATE audit_entries SET seq = 10 WHERE seq = 11"))
        conn.execute(text("UPDATE audit_entries SET seq = 11 WHERE seq = -1"))
    report = audit.verify_log(store)
    reordered = [f for f in report.findings if f.kind == "reordered"]
    assert [f.seq for f in reordered] == [10, 11]
    assert "entry 10 holds what was written as 11" in reordered[0].message
    assert not report.kinds() & {"edited", "deleted", "inserted"}


def test_an_altered_head_fails_its_signature(store: SQLStore, log: audit.AuditLog) -> None:
    head = log.heads()[1]
    flipped = bytes([head.signature[0] ^ 1]) + head.signature[1:]
    _sql(store, "UPDATE audit_heads SET signature = :s WHERE number = 2", s=flipped.hex())
    assert _findings(store) == [("bad_signature", 2)]
    _sql(store, "UPDATE audit_heads SET signature = :s WHERE number = 2", s=head.signature.hex())
    _sql(store, "UPDATE audit_heads SET root_hash = :r WHERE number = 1", r="00" * 32)
    found = _findings(store)
    assert ("bad_signature", 1) in found and ("head_mismatch", 1) in found


def test_a_deleted_head_is_named(store: SQLStore, log: audit.AuditLog) -> None:
    _sql(store, "DELETE FROM audit_heads WHERE number = 2")
    assert ("missing_head", 2) in _findings(store)


def test_a_log_rewritten_and_resigned_with_another_key(
    store: SQLStore, log: audit.AuditLog, _key: Path, tmp_path: Path
) -> None:
    saved = log.latest_head()
    assert saved is not None
    trusted = saved.public_key
    _rewrite_everything(store, log, tmp_path / "mallory.pem")
    assert audit.verify_log(store).ok, "a full rewrite with a new key needs an outside anchor"
    assert {k for k, _ in _findings(store, trusted_key=trusted)} == {"untrusted_key"}
    found = _findings(store, trusted_heads=[saved])
    assert found == [("head_mismatch", saved.number)]


def _rewrite_everything(store: SQLStore, log: audit.AuditLog, key: Path) -> None:
    """What an attacker with write access and no key does: change entry 3, recompute every
    leaf and the compact range, throw the heads away and sign new ones with a key of their own."""
    entries = log.entries(limit=None, newest_first=False)
    entries[3] = AuditEntry(3, entries[3].at, "analyst:user0", "read", ("entity-3",), {})
    frontier: list[bytes] = []
    with store.engine.begin() as conn:
        for entry in entries:
            frontier = compact_append(frontier, entry.seq, entry.leaf_hash)
            conn.execute(
                text(
                    "UPDATE audit_entries SET action = :a, details = :d, leaf_hash = :h "
                    "WHERE seq = :s"
                ),
                {
                    "a": entry.action,
                    "d": canonical_json(entry.details).decode(),
                    "h": entry.leaf_hash.hex(),
                    "s": entry.seq,
                },
            )
        conn.execute(text("DELETE FROM audit_heads"))
        conn.execute(text("DELETE FROM audit_keys"))
        conn.execute(
            text("UPDATE audit_state SET heads = 0, frontier = :f"),
            {"f": json.dumps([h.hex() for h in frontier])},
        )
    audit.AuditLog(store, key_path=key).sign()


def test_a_replayed_old_head_is_caught(store: SQLStore, log: audit.AuditLog) -> None:
    old = log.heads()[0]
    _sql(
        store,
        "INSERT INTO audit_heads (number, tree_size, root_hash, signed_at, key_id, signature) "
        "VALUES (4, :n, :r, :t, :k, :s)",
        n=old.tree_size,
        r=old.root_hash.hex(),
        t=old.timestamp,
        k=old.key_id,
        s=old.signature.hex(),
    )
    _sql(store, "UPDATE audit_state SET heads = 4")
    report = audit.verify_log(store)
    assert [(f.kind, f.head) for f in report.findings] == [("inconsistent_heads", 4)]
    assert "replayed" in report.findings[0].message
