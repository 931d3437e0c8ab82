"""Leaks through the HTTP API and the workspace's pages (issue 5's list, read over HTTP): a
restricted statement, relation or document never shows on any route or page, counts are
taken after filtering, a hidden id answers exactly like a missing one, the Accept header
never changes authorisation, and sub-resources are checked like their parents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.store import SQLStore, StatementQuery, open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app
from test_policy_scenario import (
    ALPHA,
    BRANCH,
    BRAVO,
    CHARLIE,
    COOP,
    HIDDEN_WORDS,
    OPEN_DOC,
    RIVALS,
    SECRET_DOC,
    WING,
    World,
    build,
)

pytestmark = pytest.mark.store

RED_ATTACK = entity_id("Attack", "Cobalt night raid")
OPEN_ATTACK = entity_id("Attack", "Open market bombing")
HIDDEN_IDS = (CHARLIE, WING, COOP, RIVALS, SECRET_DOC.id, RED_ATTACK)
WORDS = (*HIDDEN_WORDS, "Cobalt night raid", "Redacted toll 999")


def _attacks(store: SQLStore) -> None:
    """A RED attack claimed by CHARLIE, and a CLEAR one by ALPHA with a RED second toll."""
    clear = StatementFactory("analyst:ops")
    red = StatementFactory("analyst:ops", tlp="red")
    with store.writer() as writer:
        writer.add_statements(
            [
                red.make(RED_ATTACK, "Attack", "name", "Cobalt night raid"),
                red.make(RED_ATTACK, "Attack", "date", "2024-04-02"),
                red.make(RED_ATTACK, "Attack", "killed", "12"),
                *red.relation("Claimed", CHARLIE, RED_ATTACK),
                clear.make(OPEN_ATTACK, "Attack", "name", "Open market bombing"),
                clear.make(OPEN_ATTACK, "Attack", "date", "2024-04-01"),
                clear.make(OPEN_ATTACK, "Attack", "killed", "5"),
                red.make(OPEN_ATTACK, "Attack", "killed", "999"),
                red.make(OPEN_ATTACK, "Attack", "description", "Redacted toll 999"),
                *clear.relation("Claimed", ALPHA, OPEN_ATTACK),
            ]
        )


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


@pytest.fixture
def world(store_url: str) -> Iterator[tuple[TestClient, World]]:
    with open_store(store_url) as store:
        built = build(store)
        _attacks(store)
    with TestClient(create_app(store_url)) as client:
        yield client, built


def _as(world: tuple[TestClient, World], user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {world[1].tokens[user]}"}


READS = [
    "/api/search?q=Cobalt",
    "/api/search?q=Zulu",
    "/api/search?q=Nightingale",
    "/api/search?q=Alpha",
    "/api/entities?limit=500",
    "/api/entities?q=Alpha",
    "/api/entities?q=Cobalt",
    f"/api/entities/{ALPHA}",
    f"/api/entities/{BRAVO}",
    f"/api/entities/{ALPHA}/statements",
    f"/api/entities/{ALPHA}/relations",
    f"/api/entities/{BRAVO}/relations",
    f"/api/entities/{OPEN_ATTACK}",
    f"/api/statements?entity={ALPHA}",
    f"/api/statements?entity={BRAVO}",
    f"/api/statements?document={OPEN_DOC.id}",
    f"/api/retractions?entity={ALPHA}",
    "/api/events",
    "/api/events?format=csv",
    "/api/events/overview",
    "/api/network",
    "/api/documents",
    f"/api/documents/{OPEN_DOC.id}",
    "/api/judgements",
    f"/api/judgements?entity={ALPHA}",
    "/api/review/queue",
    "/api/markings",
    "/",
    "/search?q=Cobalt",
    "/search?q=Zulu",
    f"/entities/{ALPHA}",
    f"/entities/{BRAVO}",
    f"/entities/{OPEN_ATTACK}",
    "/events",
    f"/events?group={CHARLIE}",
    "/network",
    "/documents",
    f"/documents/{OPEN_DOC.id}",
    "/review",
]


def _without_echo(url: str, text: str) -> str:
    """The answer without the words of the query it repeats (a search box, a title)."""
    for key, values in parse_qs(urlsplit(url).query).items():
        for value in values:
            for echo in (f'"query":"{value}"', f'value="{value}"', f"Search {value}"):
                text = text.replace(echo, "")
            text = text.replace(f"{key}={value}", "")
    return text


@pytest.mark.parametrize("user", ["green", "allied-red", "rival-amber"])
def test_no_route_or_page_shows_what_the_reader_may_not_see(
    world: tuple[TestClient, World], user: str
) -> None:
    client = world[0]
    accepts = ("application/json", "text/csv", "text/html") if user == "green" else ("*/*",)
    for accept in accepts:
        headers = {**_as(world, user), "Accept": accept}
        for url in READS:
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.text[:200])
            leaked = [w for w in (*WORDS, *HIDDEN_IDS) if w in _without_echo(url, response.text)]
            assert not leaked, (user, accept, url, leaked)


def test_the_red_reader_sees_what_the_others_may_not(world: tuple[TestClient, World]) -> None:
    """The same reads show the hidden things to the one user cleared for them, so the test
    above would catch a leak rather than pass on empty pages."""
    client = world[0]
    headers = _as(world, "red")
    assert CHARLIE in client.get(f"/api/entities/{ALPHA}/relations", headers=headers).text
    events = client.get("/api/events", headers=headers).json()
    assert RED_ATTACK in [e["id"] for e in events["items"]]
    assert "Cobalt Cell" in client.get("/network", headers=headers).text
    assert client.get(f"/api/documents/{SECRET_DOC.id}", headers=headers).status_code == 200


def test_counts_are_taken_after_filtering(world: tuple[TestClient, World]) -> None:
    client = world[0]
    green = _as(world, "green")
    groups = client.get("/api/entities?type=ArmedGroup", headers=green).json()
    assert groups["total"] == 2
    events = client.get("/api/events", headers=green).json()
    assert events["total"] == 1
    assert events["items"][0]["killed"] == {"min": 5, "max": 5}
    overview = client.get("/api/events/overview", headers=green).json()
    assert overview["total"] == 1
    assert overview["timeline"] == [{"month": "2024-04", "events": 1, "killed": 5}]
    relations = client.get(f"/api/entities/{ALPHA}/relations", headers=green).json()
    assert relations["total"] == len(relations["items"]) == 2
    assert {r["schema"] for r in relations["items"]} == {"BranchOf", "Claimed"}
    documents = client.get("/api/documents", headers=green).json()
    assert documents["total"] == 1
    amber = client.get(f"/api/entities/{ALPHA}/relations", headers=_as(world, "amber")).json()
    assert BRANCH in [r["id"] for r in amber["items"]]


def _hidden_statement(store_url: str, document_id: str) -> str:
    with open_store(store_url) as store:
        found = list(store.statements(StatementQuery(document_id=document_id)))
    return found[0].id


def test_a_hidden_id_answers_exactly_like_a_missing_one(
    world: tuple[TestClient, World], store_url: str
) -> None:
    client = world[0]
    green = _as(world, "green")
    secret_statement = _hidden_statement(store_url, SECRET_DOC.id)
    pairs = [
        ("/api/entities/{}", CHARLIE, "grp-000000000000000000000000"),
        ("/api/entities/{}/statements", CHARLIE, "grp-000000000000000000000000"),
        ("/api/entities/{}/relations", WING, "grp-000000000000000000000000"),
        ("/api/entities/{}", RED_ATTACK, "evt-000000000000000000000000"),
        ("/api/entities/{}", COOP, "rel-000000000000000000000000"),
        ("/api/documents/{}", SECRET_DOC.id, "doc-00000000000000000000"),
        ("/api/documents/{}/statements", SECRET_DOC.id, "doc-00000000000000000000"),
        ("/api/statements/{}", secret_statement, "0" * 24),
        ("/api/statements/{}/document", secret_statement, "0" * 24),
        ("/entities/{}", CHARLIE, "grp-000000000000000000000000"),
        ("/documents/{}", SECRET_DOC.id, "doc-00000000000000000000"),
        ("/statements/{}", secret_statement, "0" * 24),
    ]
    for template, hidden, missing in pairs:
        for accept in ("application/json", "text/html", "text/csv"):
            headers = {**green, "Accept": accept}
            seen = client.get(template.format(hidden), headers=headers)
            absent = client.get(template.format(missing), headers=headers)
            assert seen.status_code == absent.status_code == 404, template
            assert seen.headers["content-type"] == absent.headers["content-type"]
            assert seen.text.replace(hidden, "X") == absent.text.replace(missing, "X"), template


def test_writes_to_hidden_things_fail_like_missing_ones(
    world: tuple[TestClient, World], store_url: str
) -> None:
    client = world[0]
    green = _as(world, "green")
    secret_statement = _hidden_statement(store_url, SECRET_DOC.id)
    for hidden, missing in ((secret_statement, "0" * 24),):
        for action, body in (("reject", {}), ("correct", {"value": "1"})):
            seen = client.post(f"/api/statements/{hidden}/{action}", json=body, headers=green)
            absent = client.post(f"/api/statements/{missing}/{action}", json=body, headers=green)
            assert seen.status_code == absent.status_code == 404
            assert seen.json()["detail"].replace(hidden, "X") == absent.json()["detail"].replace(
                missing, "X"
            )
    marked = client.post(
        "/api/markings", json={"statement_ids": [secret_statement], "tlp": "clear"}, headers=green
    )
    assert marked.status_code == 404
    merge = client.post(
        "/api/merges", json={"left": ALPHA, "right": CHARLIE, "reason": "x"}, headers=green
    )
    assert merge.status_code == 404


def test_accept_header_never_opens_a_route_without_credentials(
    world: tuple[TestClient, World],
) -> None:
    client = world[0]
    for accept in ("application/json", "text/csv", "text/html", "*/*"):
        for url in (
            "/api/events",
            "/api/events?format=csv",
            f"/api/entities/{ALPHA}",
            "/api/search?q=Alpha",
        ):
            response = client.get(url, headers={"Accept": accept})
            assert response.status_code == 401, (url, accept)
            assert response.headers["content-type"] == "application/problem+json"
        page = client.get("/events", headers={"Accept": accept}, follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"].startswith("/login")


def test_a_reader_may_not_write(world: tuple[TestClient, World]) -> None:
    client = world[0]
    amber = _as(world, "amber")
    killed = client.get(f"/api/statements?entity={OPEN_ATTACK}", headers=amber).json()["items"]
    target = next(s for s in killed if s["prop"] == "killed")
    refused = client.post(f"/api/statements/{target['id']}/reject", json={}, headers=amber)
    assert refused.status_code == 403
    assert refused.json()["code"] == "OH903"


def test_a_correction_by_one_reader_stays_within_their_marking(
    world: tuple[TestClient, World],
) -> None:
    """The red analyst's correction of a CLEAR figure, written at RED, must not replace the
    figure for the green analyst (they keep reading the original), nor show to them."""
    client = world[0]
    red, green = _as(world, "red"), _as(world, "green")
    items = client.get(f"/api/statements?entity={OPEN_ATTACK}", headers=red).json()["items"]
    target = next(s for s in items if s["prop"] == "killed" and s["value"] == "5..5")
    change = client.post(
        f"/api/statements/{target['id']}/correct",
        json={"value": "6", "tlp": "red", "reason": "Cobalt night raid source"},
        headers=red,
    )
    assert change.status_code == 201, change.text
    seen = client.get("/api/events", headers=green).json()["items"][0]
    assert seen["killed"] == {"min": 5, "max": 5}
    profile = client.get(f"/api/entities/{OPEN_ATTACK}", headers=green).text
    assert "Cobalt night raid" not in profile
