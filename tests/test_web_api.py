"""The HTTP API over a small world of groups, attacks and reports: reads, paging, problems,
sessions, and every correction undone again. Real SQLite database, the app in process."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.policy.admin import Admin
from overhorizon.store import SQLStore, open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app

ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
TALIBAN = entity_id("ArmedGroup", "Taliban")
KABUL_ATTACK = entity_id("Attack", "Kabul airport 2021-08-26")
KANDAHAR_ATTACK = entity_id("Attack", "Kandahar mosque 2021-10-15")
REPORT = Document(
    text=(
        "KABUL, Aug. 27 (Horizon Wire) — A suicide bombing at Kabul airport killed 170 people. "
        "Islamic State Khorasan Province, known as ISKP, claimed the attack through Amaq."
    ),
    title="Suicide bombing at Kabul airport",
    publisher="Horizon Wire",
    published=date(2021, 8, 27),
)
SECOND = Document(
    text="KANDAHAR, Oct. 15 — Blasts at a Shia mosque killed 47 worshippers during prayers.",
    title="Blasts hit Kandahar mosque",
    publisher="Gulf Ledger",
    published=date(2021, 10, 15),
)
KILLED_SPAN = (REPORT.text.index("A suicide"), REPORT.text.index(" Islamic"))
CLAIM_SPAN = (REPORT.text.index("Islamic"), len(REPORT.text))
PASSWORD = "correct horse battery staple"


def build_events(store: SQLStore) -> None:
    """Two groups, two attacks with figures and coordinates, a claim, from two reports."""
    seed = StatementFactory("import:seed@1", reliability="B")
    first = StatementFactory("extractor:overhorizon.attacks@1", document=REPORT)
    second = StatementFactory("extractor:overhorizon.attacks@1", document=SECOND)
    stmts = [
        seed.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        seed.make(ISKP, "ArmedGroup", "alias", "ISKP"),
        seed.make(ISKP, "ArmedGroup", "alias", "ISIS-K"),
        seed.make(ISKP, "ArmedGroup", "country", "AF"),
        seed.make(TALIBAN, "ArmedGroup", "name", "Taliban"),
        *seed.relation("RivalOf", ISKP, TALIBAN, startDate="2015"),
        first.make(KABUL_ATTACK, "Attack", "name", "Suicide bombing in Kabul, 2021-08-26"),
        first.make(KABUL_ATTACK, "Attack", "date", "2021-08-26", span=KILLED_SPAN),
        first.make(KABUL_ATTACK, "Attack", "killed", "17", span=KILLED_SPAN),
        first.make(KABUL_ATTACK, "Attack", "attackType", "suicide_bombing", span=KILLED_SPAN),
        first.make(KABUL_ATTACK, "Attack", "country", "AF", span=KILLED_SPAN),
        first.make(KABUL_ATTACK, "Attack", "latitude", "34.56", span=KILLED_SPAN),
        first.make(KABUL_ATTACK, "Attack", "longitude", "69.21", span=KILLED_SPAN),
        first.make(ISKP, "ArmedGroup", "alias", "ISKP", span=CLAIM_SPAN),
        *first.relation("Claimed", ISKP, KABUL_ATTACK, span=CLAIM_SPAN),
        second.make(KANDAHAR_ATTACK, "Attack", "name", "Bombing in Kandahar, 2021-10-15"),
        second.make(KANDAHAR_ATTACK, "Attack", "date", "2021-10-15", span=(0, len(SECOND.text))),
        second.make(KANDAHAR_ATTACK, "Attack", "killed", "47", span=(0, len(SECOND.text))),
        second.make(KANDAHAR_ATTACK, "Attack", "country", "AF", span=(0, len(SECOND.text))),
        second.make(KANDAHAR_ATTACK, "Attack", "attackType", "bombing", span=(0, len(SECOND.text))),
    ]
    with store.writer() as writer:
        writer.add_document(REPORT)
        writer.add_document(SECOND)
        writer.add_statements(stmts)


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


@pytest.fixture
def client(store_url: str) -> Iterator[TestClient]:
    with open_store(store_url) as store:
        build_events(store)
    with TestClient(create_app(store_url)) as test_client:
        yield test_client


def _killed_statement(client: TestClient) -> dict[str, object]:
    found = client.get("/api/statements", params={"entity": KABUL_ATTACK}).json()["items"]
    return next(s for s in found if s["prop"] == "killed")


def test_search_finds_names_aliases_and_documents(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "ISKP"}).json()
    assert [e["id"] for e in found["entities"]][:1] == [ISKP]
    assert found["entities"][0]["caption"] == "Islamic State Khorasan Province"
    assert REPORT.id in [d["id"] for d in found["documents"]]
    assert client.get("/api/search", params={"q": "   "}).json()["entities"] == []


def test_entities_page_with_a_next_link(client: TestClient) -> None:
    first = client.get("/api/entities", params={"type": "ArmedGroup", "limit": 1}).json()
    assert first["total"] == 2
    assert len(first["items"]) == 1
    assert first["next"] == "/api/entities?type=ArmedGroup&limit=1&offset=1"
    second = client.get(first["next"]).json()
    assert second["next"] is None
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {ISKP, TALIBAN}


def test_profile_has_sentences_aliases_and_relations_with_time_bounds(
    client: TestClient,
) -> None:
    profile = client.get(f"/api/entities/{ISKP}").json()
    assert profile["entity"]["caption"] == "Islamic State Khorasan Province"
    assert {"ISKP", "ISIS-K"} <= set(profile["entity"]["aliases"])
    rivals = [r for r in profile["relations"] if r["schema"] == "RivalOf"]
    assert rivals[0]["other_id"] == TALIBAN
    assert rivals[0]["start"] == "2015"
    claimed = next(r for r in profile["relations"] if r["schema"] == "Claimed")
    assert claimed["statements"][0]["sentence"].startswith("Islamic State Khorasan Province")
    assert profile["mentions"][0]["document_id"] == REPORT.id


def test_document_lists_statements_with_spans(client: TestClient) -> None:
    doc = client.get(f"/api/documents/{REPORT.id}").json()
    assert doc["text"] == REPORT.text
    killed = [s for s in doc["statements"] if s["prop"] == "killed"]
    assert killed[0]["span"] == list(KILLED_SPAN)
    page = client.get(f"/api/documents/{REPORT.id}/statements", params={"limit": 2}).json()
    assert page["total"] == len(doc["statements"])
    assert len(page["items"]) == 2


def test_events_filters_and_csv(client: TestClient) -> None:
    every = client.get("/api/events").json()
    assert [e["id"] for e in every["items"]] == [KANDAHAR_ATTACK, KABUL_ATTACK]
    claimed = client.get("/api/events", params={"group": "ISIS-K"}).json()
    assert [e["id"] for e in claimed["items"]] == [KABUL_ATTACK]
    assert claimed["items"][0]["responsibility"] == "claimed"
    assert client.get("/api/events", params={"min_killed": 20}).json()["total"] == 1
    assert client.get("/api/events", params={"type": "bombing"}).json()["total"] == 1
    assert client.get("/api/events", params={"since": "2021-09"}).json()["total"] == 1
    assert client.get("/api/events", params={"country": "pk"}).json()["total"] == 0
    response = client.get("/api/events", params={"format": "csv", "group": ISKP})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [(r["id"], r["killed_min"]) for r in rows] == [(KABUL_ATTACK, "17")]
    negotiated = client.get("/api/events", headers={"Accept": "text/csv"})
    assert negotiated.text.splitlines()[0].startswith("id,date,type")
    overview = client.get("/api/events/overview").json()
    assert overview["timeline"] == [
        {"month": "2021-08", "events": 1, "killed": 17},
        {"month": "2021-10", "events": 1, "killed": 47},
    ]
    assert [p["id"] for p in overview["points"]] == [KABUL_ATTACK]


def test_correction_reaches_profile_and_events_and_undoes(client: TestClient) -> None:
    killed = _killed_statement(client)
    change = client.post(
        f"/api/statements/{killed['id']}/correct",
        json={"value": "170", "reason": "the sentence says 170"},
    )
    assert change.status_code == 201, change.text
    body = change.json()
    replacement = body["replacement"]
    assert replacement["value"] == "170..170"
    assert replacement["origin"] == "analyst:operator"
    assert replacement["span"] == list(KILLED_SPAN)
    events = client.get("/api/events").json()["items"]
    assert events[0]["id"] == KABUL_ATTACK
    assert events[0]["killed"] == {"min": 170, "max": 170}
    profile = client.get(f"/api/entities/{KABUL_ATTACK}").json()
    values = [
        c["value"] for p in profile["properties"] if p["name"] == "killed" for c in p["claims"]
    ]
    assert values == ["170..170"]
    assert profile["retractions"][0]["reason"] == "the sentence says 170"
    assert (
        client.get(f"/api/statements/{killed['id']}").json()["retracted_by"]
        == (body["retraction"]["id"])
    )
    again = client.post(f"/api/statements/{killed['id']}/reject", json={})
    assert again.status_code == 400
    undone = client.post(f"/api/retractions/{body['retraction']['id']}/undo")
    assert undone.status_code == 200
    events = client.get("/api/events").json()["items"]
    assert {e["id"]: e["killed"]["min"] for e in events}[KABUL_ATTACK] == 17
    assert client.get(f"/api/statements/{replacement['id']}").status_code == 404


def test_reject_and_remark_are_undoable(client: TestClient) -> None:
    claim = client.get(f"/api/entities/{ISKP}/relations").json()["items"]
    claimed = next(r for r in claim if r["schema"] == "Claimed")
    source = next(s for s in claimed["statements"] if s["prop"] == "source")
    rejected = client.post(f"/api/statements/{source['id']}/reject", json={"reason": "not ISKP"})
    assert rejected.status_code == 201
    events = client.get("/api/events", params={"group": ISKP}).json()
    assert events["total"] == 0
    left = client.get(f"/api/entities/{ISKP}/relations").json()
    assert claimed["id"] not in [r["id"] for r in left["items"]]
    assert left["total"] == len(claim) - 1
    client.post(f"/api/retractions/{rejected.json()['retraction']['id']}/undo")
    assert client.get("/api/events", params={"group": ISKP}).json()["total"] == 1
    killed = _killed_statement(client)
    marked = client.post(
        "/api/markings", json={"statement_ids": [killed["id"]], "tlp": "amber", "reason": "source"}
    )
    assert marked.status_code == 201, marked.text
    copy = marked.json()[0]["replacement"]
    assert (copy["tlp"], copy["value"]) == ("amber", "17..17")
    assert client.get(f"/api/statements/{copy['id']}").json()["tlp"] == "amber"


def test_problems_are_typed_and_hidden_equals_missing(client: TestClient) -> None:
    missing = client.get("/api/entities/grp-000000000000000000000000")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert missing.json() == {
        "type": "/problems/OH204",
        "title": "Not found",
        "status": 404,
        "detail": "no entity 'grp-000000000000000000000000'",
        "code": "OH204",
    }
    bad = client.get("/api/events", params={"since": "yesterday"})
    assert bad.status_code == 400
    assert bad.json()["status"] == 400
    assert client.get("/api/entities", params={"type": "Spaceship"}).json()["code"] == "OH101"
    assert client.get("/api/nothing-here").status_code == 404


def test_review_queue_merge_and_undo(client: TestClient) -> None:
    merged = client.post(
        "/api/merges", json={"left": ISKP, "right": TALIBAN, "reason": "test merge"}
    )
    assert merged.status_code == 201
    judgement = merged.json()
    assert judgement["author"] == "analyst:operator"
    assert client.get("/api/entities", params={"type": "ArmedGroup"}).json()["total"] == 1
    history = client.get("/api/judgements", params={"entity": ISKP}).json()
    assert history["items"][0]["id"] == judgement["id"]
    assert client.post(f"/api/judgements/{judgement['id']}/undo").status_code == 200
    assert client.get("/api/entities", params={"type": "ArmedGroup"}).json()["total"] == 2
    assert client.get("/api/review/queue").json()["total"] == 0


def test_session_cookie_login_and_logout(store_url: str) -> None:
    with open_store(store_url) as store:
        build_events(store)
        Admin(store).add_user("ana", org="local", role="analyst", password=PASSWORD)
    with TestClient(create_app(store_url)) as client:
        assert client.get("/api/me").status_code == 401
        assert client.get("/api/me").headers["www-authenticate"].startswith("Bearer")
        wrong = client.post("/api/login", json={"user": "ana", "password": "nope"})
        assert wrong.status_code == 401
        ok = client.post("/api/login", json={"user": "ana", "password": PASSWORD})
        assert ok.status_code == 200
        cookie = ok.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Max-Age=86400" in cookie
        assert client.get("/api/me").json()["user"] == "ana"
        secret = client.cookies.get("overhorizon_session")
        assert secret and secret.startswith("oht_")
        assert client.post("/api/logout").status_code == 204
        client.cookies.set("overhorizon_session", secret)
        assert client.get("/api/me").status_code == 401
        form = client.post(
            "/api/login",
            data={"user": "ana", "password": PASSWORD, "next": "https://evil.example/"},
            follow_redirects=False,
        )
        assert (form.status_code, form.headers["location"]) == (303, "/")


def test_audit_is_for_admins(store_url: str) -> None:
    with open_store(store_url) as store:
        build_events(store)
        admin = Admin(store)
        admin.add_user("ana", org="local", role="analyst")
        admin.add_user("boss", org="local", role="org_admin")
        tokens = {n: admin.create_token(n)[1] for n in ("ana", "boss")}
    with TestClient(create_app(store_url)) as client:
        denied = client.get("/api/audit", headers={"Authorization": f"Bearer {tokens['ana']}"})
        assert denied.status_code == 403
        allowed = client.get("/api/audit", headers={"Authorization": f"Bearer {tokens['boss']}"})
        assert allowed.status_code == 200
        assert all(e["actor"].startswith("org:local/") for e in allowed.json())
