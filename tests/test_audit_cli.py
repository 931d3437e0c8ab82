"""``overhorizon audit show|sign|head|prove|verify`` on a real database, with their JSON checked
by the proof functions alone, as an outside auditor would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from overhorizon import audit
from overhorizon.audit.entry import AuditEntry
from overhorizon.cli import app
from overhorizon.errors import AuditError
from overhorizon.store import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "audit-key.pem"
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(path))
    return path


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store:
        for i in range(6):
            action = "login" if i % 3 == 0 else "export"
            audit.record(store, actor=f"org:horizon/user:u{i}", action=action, objects=[f"o{i}"])
    return store_url


def _invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["audit", *args])
    return result.exit_code, result.output


def test_show_lists_newest_first_and_filters(db: str) -> None:
    code, out = _invoke("show", "--db", db, "--action", "login")
    assert code == 0, out
    assert "org:horizon/user:u3" in out and "org:horizon/user:u0" in out
    assert "user:u1" not in out
    assert out.index("user:u3") < out.index("user:u0")
    code, out = _invoke("show", "--db", db, "-n", "1")
    assert "user:u5" in out and "user:u4" not in out


def test_head_before_any_signature_is_an_error(db: str) -> None:
    result = runner.invoke(app, ["audit", "head", "--db", db])
    assert result.exit_code != 0
    assert isinstance(result.exception, AuditError)


def test_sign_head_and_prove_can_be_checked_from_their_json(db: str) -> None:
    code, out = _invoke("sign", "--db", db)
    assert code == 0, out
    signed = json.loads(out)
    code, out = _invoke("head", "--db", db)
    head = audit.SignedTreeHead.from_dict(json.loads(out))
    assert json.loads(out) == signed
    assert head.tree_size == 6 and head.signature_valid()
    code, out = _invoke("prove", "4", "--db", db)
    assert code == 0, out
    proof = json.loads(out)
    entry = AuditEntry(**{**proof["entry"], "objects": tuple(proof["entry"]["objects"])})
    assert entry.leaf_hash.hex() == proof["leaf_hash"]
    assert audit.verify_inclusion(
        entry.leaf_hash,
        proof["seq"],
        proof["tree_size"],
        [bytes.fromhex(p) for p in proof["path"]],
        head.root_hash,
    )
    code, out = _invoke("prove", "6", "--db", db)
    assert code != 0


def test_verify_passes_then_names_tampering_and_exits_1(db: str, tmp_path: Path) -> None:
    _invoke("sign", "--db", db)
    saved = tmp_path / "head.json"
    saved.write_text(_invoke("head", "--db", db)[1], encoding="utf-8")
    public = tmp_path / "public.pem"
    public.write_text(json.loads(saved.read_text())["public_key"], encoding="utf-8")
    code, out = _invoke("verify", "--db", db, "--head", str(saved), "--public-key", str(public))
    assert code == 0, out
    assert out.startswith("ok 6 entries, 1 signed heads")
    with open_store(db) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entries SET actor = 'cli:nobody' WHERE seq = 2"))
    code, out = _invoke("verify", "--db", db)
    assert code == 1
    assert "edited entry 2 was edited" in out
    assert "head_mismatch head #1 (size 6)" in out
    assert "TAMPERED" in out
