"""``overhorizon serve`` answers over HTTP; ``overhorizon demo --no-serve`` stops and says how
to serve. The events table, brought up to date after a correction, matches a full recount."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from overhorizon.analysis.events import list_events
from overhorizon.store import open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app
from overhorizon.web.reviewed import ReviewedStore
from test_web_api import KABUL_ATTACK, build_events


@pytest.fixture(autouse=True)
def _key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        found: int = sock.getsockname()[1]
        return found


def test_serve_answers_over_http(tmp_path: Path) -> None:
    db = tmp_path / "served.db"
    with open_store(str(db)) as store:
        build_events(store)
    port = _port()
    command = [sys.executable, "-m", "overhorizon", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=dict(os.environ)
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert response.status_code == 200
        assert response.json()["total"] == 2
        page = httpx.get(f"http://127.0.0.1:{port}/events", timeout=5)
        assert "Suicide bombing in Kabul" in page.text
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in output


@pytest.mark.slow
def test_demo_without_serving_says_how_to_serve(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = subprocess.run(
        [sys.executable, "-m", "overhorizon", "demo", "--no-serve", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "overhorizon serve --db" in result.stdout
    with open_store(str(db)) as store:
        assert store.counts()["Attack"] > 20


def test_events_table_after_a_correction_matches_a_full_count(store_url: str) -> None:
    with open_store(store_url) as store:
        build_events(store)
    web = create_app(store_url)
    with TestClient(web) as client:
        assert client.get("/api/events").json()["total"] == 2
        items = client.get("/api/statements", params={"entity": KABUL_ATTACK}).json()["items"]
        killed = next(s for s in items if s["prop"] == "killed")
        client.post(f"/api/statements/{killed['id']}/correct", json={"value": "170"})
        updated = client.get("/api/events").json()["items"]
        store = web.state.store
        fresh = list_events(ReviewedStore(store))
        assert [(e["id"], e["killed"]["min"]) for e in updated] == [
            (r.id, r.killed.min if r.killed else None) for r in fresh
        ]
        assert updated[0]["killed"]["min"] == 170
