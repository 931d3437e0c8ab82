"""Latency and weight of the workspace: p50/p95 of the profile, events and search pages and
their API endpoints, server side (HTTP on loopback) and in the browser (Playwright navigation
timing), with the demo data and again with 100,000 synthetic events added, and the bytes each
page transfers.

    python scripts/bench_web.py [--events 100000] [--runs 40] [--no-browser]

The synthetic events are written straight through the store writer: an attack with a name,
date, toll, type, country and coordinates, two in three claimed by one of the demo's groups.
Server-side times are taken after one warm-up request per URL (the events table is computed
once per reader and database state; the time of that first computation is printed apart).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import uvicorn
from typer.testing import CliRunner

from overhorizon.cli import app as cli
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.statement import Statement
from overhorizon.store import open_store
from overhorizon.store.sql import TOKEN_VARIABLE
from overhorizon.web import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TYPES = ["bombing", "suicide_bombing", "armed_assault", "rocket_attack", "assassination"]
PLACES = [
    ("AF", 34.53, 69.17),
    ("AF", 31.61, 65.71),
    ("PK", 34.01, 71.52),
    ("PK", 30.18, 66.99),
    ("IR", 30.28, 57.08),
    ("TJ", 38.56, 68.77),
    ("RU", 55.75, 37.62),
    ("SY", 36.2, 37.13),
]


def synthetic(count: int, groups: list[str], seed: int = 6) -> Iterator[Statement]:
    rng = random.Random(seed)
    make = StatementFactory("import:synthetic@1", reliability="C")
    for i in range(count):
        eid = entity_id("Attack", f"synthetic attack {i}")
        country, lat, lon = rng.choice(PLACES)
        day = f"{rng.randint(2010, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield make.make(eid, "Attack", "name", f"Synthetic attack {i}")
        yield make.make(eid, "Attack", "date", day)
        yield make.make(eid, "Attack", "killed", str(int(rng.paretovariate(1.3))))
        yield make.make(eid, "Attack", "attackType", rng.choice(TYPES))
        yield make.make(eid, "Attack", "country", country)
        yield make.make(eid, "Attack", "latitude", f"{lat + rng.uniform(-1, 1):.4f}")
        yield make.make(eid, "Attack", "longitude", f"{lon + rng.uniform(-1, 1):.4f}")
        if i % 3:
            yield from make.relation("Claimed", rng.choice(groups), eid)


def add_events(db: str, count: int) -> float:
    started = time.perf_counter()
    with open_store(db) as store:
        groups = store.entity_ids(["ArmedGroup"])
        batch: list[Statement] = []
        for stmt in synthetic(count, groups):
            batch.append(stmt)
            if len(batch) >= 50_000:
                with store.writer() as writer:
                    writer.add_statements(batch)
                batch = []
        if batch:
            with store.writer() as writer:
                writer.add_statements(batch)
    return time.perf_counter() - started


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        found: int = sock.getsockname()[1]
        return found


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def measure(db: str, label: str, runs: int, browser: bool) -> None:
    app = create_app(db)
    port = _port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            iskp = client.get("/api/entities", params={"q": "ISKP"}).json()["items"][0]["id"]
            started = time.perf_counter()
            client.get("/api/events", params={"limit": 1})
            cold = time.perf_counter() - started
            urls = {
                "page profile": f"/entities/{iskp}",
                "page events": "/events",
                "page events (filtered)": f"/events?group={iskp}&min_killed=10",
                "page search": "/search?q=ISKP",
                "api profile": f"/api/entities/{iskp}",
                "api events": "/api/events",
                "api events (filtered)": f"/api/events?group={iskp}&min_killed=10",
                "api search": "/api/search?q=ISKP",
            }
            print(f"\n## {label}\n")
            print(f"events table computed on first read: {cold * 1000:.0f} ms\n")
            print("| what | p50 ms | p95 ms | bytes |")
            print("|---|---:|---:|---:|")
            for name, url in urls.items():
                client.get(url)
                times, size = [], 0
                for _ in range(runs):
                    started = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - started) * 1000)
                    size = len(response.content)
                    assert response.status_code == 200, (url, response.status_code)
                p50, p95 = quantiles(times)
                print(f"| {name} | {p50:.0f} | {p95:.0f} | {size:,} |")
        if browser and Path(CHROMIUM).exists():
            _browser(base, urls, max(5, runs // 4))
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _browser(base: str, urls: dict[str, str], runs: int) -> None:
    from playwright.sync_api import sync_playwright

    print("\n| page in the browser | p50 ms | p95 ms | transferred bytes |")
    print("|---|---:|---:|---:|")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, url in [("overview (first page)", "/"), *urls.items()]:
            if not name.startswith(("page", "overview")):
                continue
            times, weight = [], 0
            for _ in range(runs):
                context = chromium.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                page.goto(base + url, wait_until="load")
                page.wait_for_load_state("networkidle")
                timing = page.evaluate(
                    """() => { const n = performance.getEntriesByType('navigation')[0];
                    const r = performance.getEntriesByType('resource');
                    return {load: n.loadEventEnd - n.startTime,
                            bytes: n.transferSize + r.reduce((a, e) => a + e.transferSize, 0)}; }"""
                )
                times.append(float(timing["load"]))
                weight = int(timing["bytes"])
                context.close()
            p50, p95 = quantiles(times)
            print(f"| {name.removeprefix('page ')} | {p50:.0f} | {p95:.0f} | {weight:,} |")
        chromium.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("OVERHORIZON_AUDIT_KEY", str(Path(tmp) / "audit-key.pem"))
        os.environ.pop(TOKEN_VARIABLE, None)
        db = str(Path(tmp) / "bench.db")
        result = CliRunner().invoke(cli, ["demo", "--no-serve", "--db", db])
        assert result.exit_code == 0, result.output
        measure(db, "demo data", args.runs, not args.no_browser)
        spent = add_events(db, args.events)
        print(f"\nwrote {args.events:,} synthetic events in {spent:.0f} s")
        measure(db, f"demo data + {args.events:,} synthetic events", args.runs, not args.no_browser)


if __name__ == "__main__":
    main()
