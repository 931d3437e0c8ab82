"""Regression tests from the leaks that restricted data suffers in comparable platforms (issue 5):
each names the leak it keeps closed. Run on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from overhorizon.analysis.events import list_events
from overhorizon.analysis.profile import build_profile
from overhorizon.analysis.summary import summarise
from overhorizon.cli import app
from overhorizon.errors import NotFoundError, PermissionDeniedError
from overhorizon.policy.admin import Admin
from overhorizon.policy.audit_view import audit_entries
from overhorizon.policy.identity import get_user, login, store_for_user
from overhorizon.policy.partners import export_for_partner
from overhorizon.sharing import validation_errors
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.store.sql import TOKEN_VARIABLE
from test_policy_scenario import (
    ALPHA,
    BRANCH,
    BRAVO,
    CHARLIE,
    COOP,
    HIDDEN_WORDS,
    OPEN_DOC,
    PASSWORD,
    RIVALS,
    SECRET_DOC,
    WING,
    World,
    build,
)

pytestmark = pytest.mark.store
runner = CliRunner()


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


@pytest.fixture
def world(store: SQLStore) -> World:
    return build(store)


def _as(store: SQLStore, name: str) -> SQLStore:
    with store.engine.connect() as conn:
        user = get_user(conn, name=name)
    assert user is not None
    return store_for_user(store, user)


@pytest.fixture
def green(store: SQLStore, world: World) -> Iterator[SQLStore]:
    yield _as(store, "green")


def _text(value: object) -> str:
    return json.dumps(value, default=lambda o: getattr(o, "__dict__", str(o)), ensure_ascii=False)


def test_restricted_relation_between_visible_entities_is_not_revealed(
    store: SQLStore, green: SQLStore
) -> None:
    assert store.entity(COOP) is not None
    assert green.entity(ALPHA) is not None and green.entity(BRAVO) is not None
    assert green.entity(COOP) is None
    assert green.entity(BRANCH) is not None
    links = green.statements(StatementQuery(props=["source", "target"], values=[ALPHA]))
    assert COOP not in {s.entity_id for s in links}
    alpha = green.entity(ALPHA)
    assert alpha is not None
    profile = build_profile(green, alpha)
    assert {r.schema for r in profile.relations} == {"BranchOf"}


def test_visible_relation_to_a_restricted_entity_is_not_revealed(
    store: SQLStore, green: SQLStore
) -> None:
    rivals = store.entity(RIVALS)
    assert rivals is not None and {s.tlp for s in rivals.statements} == {"clear"}
    assert green.entity(RIVALS) is None
    assert green.entity(CHARLIE) is None
    assert CHARLIE not in green.entity_ids()
    refs = green.statements(StatementQuery(props=["target"], values=[CHARLIE]))
    assert list(refs) == []
    assert green.search_names("Cobalt") == [] and green.ids_by_name("Cobalt Cell") == []


def test_relation_counts_are_taken_after_filtering(store: SQLStore, green: SQLStore) -> None:
    everything = store.counts()
    assert everything["CooperatesWith"] == 1 and everything["RivalOf"] == 1
    seen = green.counts()
    assert "CooperatesWith" not in seen and "RivalOf" not in seen
    assert seen["BranchOf"] == 1 and seen["ArmedGroup"] == 2
    assert seen["statements"] == len(list(green.statements()))
    assert seen["documents"] == 1
    assert summarise(green).counts == seen


def test_history_shows_no_restricted_id_or_name(
    store: SQLStore, world: World, green: SQLStore
) -> None:
    merged, apart = world.judgements["merged"], world.judgements["apart"]
    assert store.cluster(ALPHA) == sorted([ALPHA, WING])
    assert green.cluster(ALPHA) == [ALPHA]
    assert green.canonical_ids([WING]) == {WING: WING}
    assert green.entity(WING) is None
    history = green.judgements([ALPHA])
    assert merged.id not in {j.id for j in history}
    assert green.get_judgement(merged.id) is None
    shown = green.get_judgement(apart.id)
    assert shown is not None and shown.reason is None
    assert store.get_judgement(apart.id) is not None
    red = _as(store, "red")
    assert red.get_judgement(apart.id) == store.get_judgement(apart.id)
    assert "Veil" not in _text(green.judgements()) and WING not in _text(green.judgements())


def test_history_and_audit_views_refuse_readers_and_other_organisations(
    store: SQLStore, world: World, green: SQLStore
) -> None:
    with pytest.raises(PermissionDeniedError):
        _ = green.engine
    with pytest.raises(PermissionDeniedError):
        audit_entries(green)
    login(store, "amber", PASSWORD)
    login(store, "allied-red", PASSWORD)
    allied_admin = _as(store, "allied-admin")
    seen = audit_entries(allied_admin, limit=1000)
    assert seen and {e.actor.split("/")[0] for e in seen} == {"org:allied"}
    assert len(audit_entries(store, limit=1000)) > len(seen)


def test_audit_show_cli_refuses_a_reader_token(
    store_url: str, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, world.tokens["green"])
    result = runner.invoke(app, ["audit", "show", "--db", store_url])
    assert result.exit_code != 0
    assert isinstance(result.exception, PermissionDeniedError)


def test_export_never_exceeds_the_partners_maximum_marking(store: SQLStore, world: World) -> None:
    bundle = export_for_partner(store, "allied").bundle
    assert validation_errors(bundle) == []
    text = json.dumps(bundle)
    assert "Alpha Front" in text
    for level in ("amber", "red"):
        assert f"TLP:{level.upper()}" not in text
    for word in (*HIDDEN_WORDS, "Bravo Brigade branch"):
        assert word not in text


@pytest.mark.parametrize("command", [["export", "statements"], ["stix", "export"]])
def test_cli_exports_with_a_partner_token_stay_under_its_maximum(
    store_url: str, world: World, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv(TOKEN_VARIABLE, world.tokens["allied-red"])
    extra = ["--max-tlp", "red", "--all-groups"] if command[0] == "stix" else []
    result = runner.invoke(app, [*command, *extra, "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "Alpha Front" in result.stdout
    for word in HIDDEN_WORDS:
        assert word not in result.stdout
    if command[0] == "export":
        levels = {json.loads(line)["tlp"] for line in result.stdout.splitlines()}
        assert levels <= {"clear", "green"}
    else:
        assert "TLP:AMBER" not in result.stdout and "TLP:RED" not in result.stdout


def test_org_admin_cannot_pull_a_user_of_another_organisation(
    store: SQLStore, world: World
) -> None:
    admin = Admin(_as(store, "allied-admin"))
    with pytest.raises(NotFoundError) as hidden:
        admin.user("red")
    with pytest.raises(NotFoundError) as missing:
        admin.user("nobody-at-all")
    assert str(hidden.value).replace("red", "X") == str(missing.value).replace("nobody-at-all", "X")
    with pytest.raises(NotFoundError) as other_org:
        admin.users(org="local")
    with pytest.raises(NotFoundError) as no_org:
        admin.users(org="nowhere")
    assert type(other_org.value) is type(no_org.value)
    for attempt in (
        lambda: admin.add_member("ct-cell", "allied-red"),
        lambda: admin.change_user("red", clearance="clear"),
        lambda: admin.create_token("red"),
        lambda: admin.add_user("mole", org="local", role="reader", clearance="clear"),
    ):
        with pytest.raises(NotFoundError):
            attempt()
    assert {u.org for u in admin.users()} == {"allied"}
    with pytest.raises(PermissionDeniedError):
        admin.add_user("boss", org="allied", role="platform_admin")
    with pytest.raises(PermissionDeniedError):
        admin.add_user("cleared", org="allied", role="reader", clearance="red")


def test_type_specific_deletes_touch_only_their_own_kind(store: SQLStore, world: World) -> None:
    admin = Admin(store)
    user = admin.user("green")
    with pytest.raises(NotFoundError):
        admin.revoke_token(user.id)
    with pytest.raises(NotFoundError):
        admin.remove_group(user.id)
    assert admin.user("green").active
    before = store.counts()
    with store.writer() as w:
        removed = w.delete_statements(
            [ALPHA, SECRET_DOC.id, world.judgements["merged"].id, "ct-cell"]
        )
    assert removed == 0 and store.counts() == before
    alpha_name = next(s for s in store.statements(StatementQuery(entity_ids=[ALPHA])))
    allied = _as(store, "allied-red")
    with allied.writer() as w:
        assert w.delete_statements([alpha_name.id]) == 0
    assert store.counts() == before


def test_a_statements_source_document_is_checked_as_its_parent(
    store: SQLStore, green: SQLStore
) -> None:
    from_secret = [s for s in store.statements() if s.document_id == SECRET_DOC.id]
    assert {s.tlp for s in from_secret} == {"red", "clear"}
    assert green.get_document(SECRET_DOC.id) is None
    assert all(s.document_id != SECRET_DOC.id for s in green.statements())
    assert not green.has_content(SECRET_DOC.content_hash)
    assert green.search_documents("Nightingale") == []
    assert [d.title for d in green.documents()] == [OPEN_DOC.title]
    bravo = green.entity(BRAVO)
    assert bravo is not None
    assert all(word not in _text(build_profile(green, bravo)) for word in HIDDEN_WORDS)
    assert all(word not in _text(list_events(green)) for word in HIDDEN_WORDS)


def test_storing_hidden_content_again_neither_fails_nor_reveals_it(
    store: SQLStore, green: SQLStore
) -> None:
    from dataclasses import replace

    mine = replace(SECRET_DOC, tlp="green", source="mine/copy.md", title="My copy")
    with green.writer() as w:
        assert w.add_document(mine) is True
    seen = green.get_document(SECRET_DOC.id)
    assert seen is not None and (seen.source, seen.title, seen.tlp) == (
        "mine/copy.md",
        "My copy",
        "green",
    )
    assert green.has_content(SECRET_DOC.content_hash)
    hits = green.search_documents("Nightingale")
    assert [h.title for h in hits] == ["My copy"]
    original = store.get_document(SECRET_DOC.id)
    assert original is not None and original.source == SECRET_DOC.source
    assert "vault/" not in _text(green.documents())
    with green.writer() as w:
        assert w.add_document(mine) is False


def test_the_audit_log_holds_no_password_or_token(store: SQLStore, world: World) -> None:
    from overhorizon.errors import AuthenticationError

    with pytest.raises(AuthenticationError):
        login(store, "green", "a wrong password!")
    with pytest.raises(AuthenticationError):
        login(store, PASSWORD, PASSWORD)
    login(store, "green", PASSWORD)
    token_id, token = Admin(store).create_token("green")
    Admin(store).revoke_token(token_id)
    everything = _text([e.as_dict() for e in audit_entries(store, limit=10_000)])
    for secret in (PASSWORD, "a wrong password!", token, *world.tokens.values()):
        assert secret not in everything
    actions = {e.action for e in audit_entries(store, limit=10_000)}
    assert {"login", "token_create", "token_revoke", "user_add", "org_add"} <= actions
    assert token_id in everything
