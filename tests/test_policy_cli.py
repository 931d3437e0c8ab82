"""``overhorizon admin`` end to end, and read commands acting as a user through
$OVERHORIZON_TOKEN."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from overhorizon.cli import app
from overhorizon.errors import AuthenticationError, NotFoundError
from overhorizon.model.builder import StatementFactory
from overhorizon.store import open_store
from overhorizon.store.sql import TOKEN_VARIABLE

runner = CliRunner()
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


def _run(db: str, *args: str, stdin: str | None = None, token: str | None = None) -> str:
    env = {TOKEN_VARIABLE: token} if token else {}
    result = runner.invoke(app, [*args, "--db", db], input=stdin, env=env)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


@pytest.fixture
def db(store_url: str) -> str:
    with open_store(store_url) as store, store.writer() as w:
        w.add_statements(
            [
                StatementFactory("analyst:x").make("grp-open", "ArmedGroup", "name", "Open Front"),
                StatementFactory("analyst:x", tlp="amber").make(
                    "grp-amber", "ArmedGroup", "name", "Amber Front"
                ),
            ]
        )
    return store_url


def test_admin_commands_and_acting_as_a_user(db: str) -> None:
    _run(db, "admin", "org", "add", "allied", "--max-tlp", "green")
    _run(
        db,
        "admin", "user", "add", "boss", "--org", "allied", "--role", "org_admin",
        "--clearance", "amber", "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    boss = _run(db, "admin", "token", "create", "boss", "--expires", "2").strip()
    assert boss.startswith("oht_")
    _run(db, "admin", "group", "add", "allied-desk", "--org", "allied", token=boss)
    _run(
        db,
        "admin", "user", "add", "reader1", "--org", "allied", "--clearance", "green",
        "--group", "allied-desk", "--no-password",
        token=boss,
    )  # fmt: skip
    listed = _run(db, "admin", "user", "list", token=boss)
    assert "reader1" in listed and "boss" in listed
    result = runner.invoke(
        app, ["admin", "user", "list", "--org", "local", "--db", db], env={TOKEN_VARIABLE: boss}
    )
    assert isinstance(result.exception, NotFoundError)
    reader = _run(db, "admin", "token", "create", "reader1", token=boss).strip()
    seen = _run(db, "entities", token=reader)
    assert "Open Front" in seen and "Amber Front" not in seen
    assert "Amber Front" in _run(db, "entities")
    missing = runner.invoke(app, ["show", "grp-amber", "--db", db], env={TOKEN_VARIABLE: reader})
    absent = runner.invoke(app, ["show", "grp-nothing", "--db", db], env={TOKEN_VARIABLE: reader})
    assert isinstance(missing.exception, NotFoundError)
    assert str(missing.exception).replace("grp-amber", "X") == str(absent.exception).replace(
        "grp-nothing", "X"
    )
    tokens = _run(db, "admin", "token", "list", "boss", token=boss)
    (token_id,) = [w for w in tokens.split() if w.startswith("tok-")]
    _run(db, "admin", "token", "revoke", token_id)
    revoked = runner.invoke(app, ["entities", "--db", db], env={TOKEN_VARIABLE: boss})
    assert isinstance(revoked.exception, AuthenticationError)
    assert "Open Front" in _run(db, "entities", token=reader)


def test_password_login_prints_a_token_that_reads_as_the_user(db: str) -> None:
    _run(db, "admin", "org", "add", "allied", "--max-tlp", "amber")
    _run(
        db,
        "admin", "user", "add", "ana", "--org", "allied", "--clearance", "amber",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    token = _run(db, "admin", "login", "ana", "--password-stdin", stdin=PASSWORD + "\n").strip()
    assert "Amber Front" in _run(db, "entities", token=token)
    wrong = runner.invoke(
        app, ["admin", "login", "ana", "--password-stdin", "--db", db], input="nope nope nope\n"
    )
    assert isinstance(wrong.exception, AuthenticationError)
    audit = _run(db, "admin", "audit", "--action", "login")
    assert audit.count(" login") == 2 and PASSWORD not in audit
