"""Identity: organisations, users, groups, password login and API tokens, on a real database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from overhorizon.errors import (
    AuthenticationError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
)
from overhorizon.model.builder import StatementFactory
from overhorizon.model.statement import utcnow
from overhorizon.policy import tables
from overhorizon.policy.admin import Admin
from overhorizon.policy.clearance import Viewer
from overhorizon.policy.identity import get_user, login, viewer_for
from overhorizon.policy.tokens import TOKEN_FAILED, authenticate, token_hash
from overhorizon.store import SQLStore, open_store
from overhorizon.store.sql import TOKEN_VARIABLE

pytestmark = pytest.mark.store
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


@pytest.fixture
def admin(store: SQLStore) -> Admin:
    admin = Admin(store)
    admin.add_organisation("allied", max_tlp="green")
    admin.add_user("ana", org="local", role="analyst", clearance="amber", password=PASSWORD)
    admin.add_user("rea", org="allied", role="reader", clearance="green", password=PASSWORD)
    return admin


def test_password_login_and_one_answer_for_every_failure(store: SQLStore, admin: Admin) -> None:
    assert login(store, "ana", PASSWORD).org == "local"
    messages = set()
    for name, password in (("ana", "not the password"), ("ghost", PASSWORD)):
        with pytest.raises(AuthenticationError) as failed:
            login(store, name, password)
        messages.add(str(failed.value))
    admin.change_user("ana", active=False)
    with pytest.raises(AuthenticationError) as inactive:
        login(store, "ana", PASSWORD)
    messages.add(str(inactive.value))
    assert len(messages) == 1
    with store.engine.connect() as conn:
        stored = conn.execute(select(tables.users.c.password_hash)).scalars().all()
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in stored)


def test_short_passwords_are_refused(admin: Admin) -> None:
    with pytest.raises(InvalidValueError):
        admin.add_user("short", org="local", password="hunter2")


def test_tokens_are_hashed_expire_and_can_be_revoked(store: SQLStore, admin: Admin) -> None:
    token_id, token = admin.create_token("ana", days=1)
    assert authenticate(store, token).name == "ana"
    with store.engine.connect() as conn:
        hashes = conn.execute(select(tables.tokens.c.token_hash)).scalars().all()
    assert hashes == [token_hash(token)] and token not in hashes
    with store.engine.begin() as conn:
        conn.execute(
            update(tables.tokens)
            .where(tables.tokens.c.id == token_id)
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
    with pytest.raises(AuthenticationError, match="unknown, expired or revoked"):
        authenticate(store, token)
    second_id, second = admin.create_token("ana", days=None)
    admin.revoke_token(second_id)
    with pytest.raises(AuthenticationError) as revoked:
        authenticate(store, second)
    assert revoked.value.message == TOKEN_FAILED
    assert [t["id"] for t in admin.tokens("ana")] == [token_id, second_id]


def test_a_token_in_the_environment_opens_the_store_as_its_user(
    store_url: str, store: SQLStore, admin: Admin, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.writer() as w:
        w.add_statements(
            [
                StatementFactory("analyst:x").make("grp-a", "ArmedGroup", "name", "Able"),
                StatementFactory("analyst:x", tlp="amber").make("grp-b", "ArmedGroup", "name", "B"),
            ]
        )
    _token_id, token = admin.create_token("rea")
    monkeypatch.setenv(TOKEN_VARIABLE, token)
    with open_store(store_url) as seen:
        assert seen.entity_ids() == ["grp-a"]
        assert seen.actor == "org:allied/user:rea"
        with pytest.raises(PermissionDeniedError):
            seen.writer()
    monkeypatch.setenv(TOKEN_VARIABLE, token + "x")
    with pytest.raises(AuthenticationError):
        open_store(store_url)


def test_group_names_cannot_be_claimed_to_read_what_they_mark(
    store: SQLStore, admin: Admin
) -> None:
    marked = StatementFactory("analyst:x", groups=frozenset({"hawks"}))
    with store.writer() as w:
        w.add_statements([marked.make("grp-h", "ArmedGroup", "name", "Hawk")])
    admin.add_user("boss", org="allied", role="org_admin", clearance="green", password=PASSWORD)
    boss = Admin(store.as_viewer(_viewer_of(store, "boss")))
    with pytest.raises(InvalidValueError) as squatted:
        boss.add_group("hawks", org="allied")
    admin.add_group("owls", org="local")
    with pytest.raises(InvalidValueError) as taken:
        boss.add_group("owls", org="allied")
    assert str(squatted.value).replace("hawks", "X") == str(taken.value).replace("owls", "X")
    boss.add_group("allied-desk", org="allied")
    assert boss.groups() == [("allied-desk", "allied")]
    with pytest.raises(NotFoundError):
        boss.remove_group("owls")


def test_platform_roles(store: SQLStore, admin: Admin) -> None:
    admin.add_user("plat", org="local", role="platform_admin", clearance="red", password=PASSWORD)
    platform = Admin(store.as_viewer(_viewer_of(store, "plat")))
    platform.add_organisation("third", max_tlp="amber")
    assert {o.name for o in platform.organisations()} == {"local", "allied", "third"}
    reader = Admin(store.as_viewer(_viewer_of(store, "rea")))
    with pytest.raises(PermissionDeniedError):
        reader.add_organisation("fourth")
    assert [o.name for o in reader.organisations()] == ["allied"]
    with pytest.raises(PermissionDeniedError):
        reader.users()
    assert reader.user("rea").name == "rea"
    token_id, _token = reader.create_token("rea")
    reader.revoke_token(token_id)
    with pytest.raises(NotFoundError):
        reader.user("ana")


def _viewer_of(store: SQLStore, name: str) -> Viewer:
    with store.engine.connect() as conn:
        user = get_user(conn, name=name)
        assert user is not None
        return viewer_for(conn, user)
