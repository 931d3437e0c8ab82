"""Page 100,000 STIX objects through taxii2-client from overhorizon and from medallion.

    python scripts/bench_taxii.py [--objects 100000] [--page-size 1000] [--db URL]

Both servers get the same objects (threat actors, and relationships between them) and run as
separate processes on 127.0.0.1: medallion, the OASIS reference TAXII 2.1 server
(``pip install -e .[bench]``), with its memory backend loaded from a JSON file and its own web
server; overhorizon's web application under uvicorn, over a database the objects were
imported into. After one warm-up request each (overhorizon's builds the requester's snapshot
of the collection, timed on its own), the whole collection is paged with ``as_pages`` at the
same page size, and the script prints both times and the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests
from taxii2client.v21 import Collection, as_pages

from overhorizon.policy.admin import Admin
from overhorizon.sharing import import_bundle
from overhorizon.store import open_store

USER, PASSWORD = "bench", "bench password, long enough"
MEDIA = "application/stix+json;version=2.1"
STAMP = "2024-03-01T00:00:00.000Z"


def make_objects(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """``count`` STIX objects: 70% threat actors, 30% relationships between them."""
    rng = random.Random(seed)
    actors = max(2, count * 7 // 10)
    out: list[dict[str, Any]] = []
    for i in range(actors):
        out.append(
            {
                "type": "threat-actor",
                "spec_version": "2.1",
                "id": f"threat-actor--{uuid.UUID(int=rng.getrandbits(128), version=4)}",
                "created": STAMP,
                "modified": STAMP,
                "name": f"Benchmark Group {i:06d}",
                "threat_actor_types": ["terrorist"],
            }
        )
    for _ in range(count - actors):
        source, target = rng.sample(range(actors), 2)
        out.append(
            {
                "type": "relationship",
                "spec_version": "2.1",
                "id": f"relationship--{uuid.UUID(int=rng.getrandbits(128), version=4)}",
                "created": STAMP,
                "modified": STAMP,
                "relationship_type": "cooperates-with",
                "source_ref": out[source]["id"],
                "target_ref": out[target]["id"],
            }
        )
    return out


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def process(
    command: list[str], url: str, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server until the block ends; wait until ``url`` answers at all."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                requests.get(url, timeout=5)
                break
            except requests.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    _, err = proc.communicate()
                    raise SystemExit(f"{command[2]} did not start: {err.decode()}") from None
                time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        proc.wait(30)


def medallion_files(folder: Path, objects: list[dict[str, Any]], page: int) -> tuple[Path, str]:
    """medallion's data and configuration files; the collection's id."""
    collection_id = str(uuid.uuid4())
    manifest = [
        {"id": o["id"], "date_added": STAMP, "version": o["modified"], "media_type": MEDIA}
        for o in objects
    ]
    data = {
        "/discovery": {"title": "bench", "api_roots": []},
        "api1": {
            "information": {
                "title": "bench",
                "versions": ["application/taxii+json;version=2.1"],
                "max_content_length": 100_000_000,
            },
            "status": [],
            "collections": [
                {
                    "id": collection_id,
                    "title": "bench",
                    "can_read": True,
                    "can_write": False,
                    "media_types": [MEDIA],
                    "objects": objects,
                    "manifest": manifest,
                }
            ],
        },
    }
    data_file = folder / "medallion-data.json"
    data_file.write_text(json.dumps(data), encoding="utf-8")
    config = {
        "backend": {
            "module": "medallion.backends.memory_backend",
            "module_class": "MemoryBackend",
            "filename": str(data_file),
            "session_timeout": 36_000,
        },
        "users": {USER: PASSWORD},
        "taxii": {"max_page_size": page},
    }
    config_file = folder / "medallion-config.json"
    config_file.write_text(json.dumps(config), encoding="utf-8")
    return config_file, collection_id


def load_overhorizon(url: str, objects: list[dict[str, Any]]) -> float:
    """Import the objects as the local operator and add the benchmark's user; seconds."""
    started = time.perf_counter()
    with open_store(url) as store:
        Admin(store).add_user(USER, org="local", clearance="red", password=PASSWORD)
        bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}
        report = import_bundle(store, bundle)
    print(f"overhorizon: imported {report.statements} statements", flush=True)
    return time.perf_counter() - started


def page_all(collection_url: str, page: int) -> tuple[int, float]:
    """Every object of the collection through as_pages; (objects, seconds)."""
    collection = Collection(collection_url, user=USER, password=PASSWORD)
    started = time.perf_counter()
    total = 0
    for envelope in as_pages(collection.get_objects, per_request=page):
        total += len(envelope.get("objects", []))
    elapsed = time.perf_counter() - started
    collection.close()
    return total, elapsed


def warm(collection_url: str) -> float:
    started = time.perf_counter()
    response = requests.get(
        collection_url + "objects/",
        params={"limit": 1},
        auth=(USER, PASSWORD),
        headers={"Accept": "application/taxii+json;version=2.1"},
        timeout=3600,
    )
    response.raise_for_status()
    return time.perf_counter() - started


def run_medallion(
    folder: Path, objects: list[dict[str, Any]], page: int, limit: float
) -> tuple[int, float | None]:
    """(objects, seconds) paged from medallion; None seconds when it took over ``limit``."""
    config, collection_id = medallion_files(folder, objects, page)
    port = free_port()
    url = f"http://127.0.0.1:{port}/api1/collections/{collection_id}/"
    command = [sys.executable, "-m", "medallion.scripts.run", "--port", str(port), str(config)]
    with process(command, f"http://127.0.0.1:{port}/taxii2/") as proc:
        timer = threading.Timer(limit, proc.terminate)
        timer.start()
        try:
            return page_all(url, page)
        except requests.RequestException:
            return 0, None
        finally:
            timer.cancel()


def run_overhorizon(
    folder: Path, objects: list[dict[str, Any]], page: int, url: str | None
) -> tuple[int, float, float, float]:
    """(objects, paging seconds, load seconds, first-request seconds) from overhorizon."""
    url = url or f"sqlite:///{folder / 'overhorizon.db'}"
    load = load_overhorizon(url, objects)
    port = free_port()
    base = f"http://127.0.0.1:{port}/taxii2/shared/"
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "overhorizon.web.app:create_app",
        "--port", str(port), "--log-level", "warning", "--no-access-log",
    ]  # fmt: skip
    env = {**os.environ, "OVERHORIZON_DATABASE_URL": url}
    with process(command, f"http://127.0.0.1:{port}/taxii2/", env):
        listed = requests.get(base + "collections/", auth=(USER, PASSWORD), timeout=60).json()
        chosen = next(c["id"] for c in listed["collections"] if c["alias"] == "tlp-clear")
        collection_url = f"{base}collections/{chosen}/"
        build = warm(collection_url)
        total, elapsed = page_all(collection_url, page)
    return total, elapsed, load, build


def compare(count: int, page: int, limit: float, db: str | None) -> None:
    objects = make_objects(count)
    folder = Path(tempfile.mkdtemp(prefix="bench-taxii-"))
    ours, our_time, load, build = run_overhorizon(folder, objects, page, db)
    print(
        f"{count} objects, page size {page}: overhorizon loaded them in {load:.1f} s, built "
        f"the collection's snapshot on the first request in {build:.1f} s, then paged "
        f"{ours} objects in {our_time:.2f} s",
        flush=True,
    )
    theirs, their_time = run_medallion(folder, objects, page, limit)
    if their_time is None:
        print(
            f"  medallion did not finish within {limit:.0f} s; overhorizon pages more than "
            f"{limit / our_time:.0f}x faster",
            flush=True,
        )
        return
    print(
        f"  medallion paged {theirs} objects in {their_time:.2f} s; overhorizon pages "
        f"{their_time / our_time:.1f}x faster",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, nargs="+", default=[100_000])
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument(
        "--medallion-limit",
        type=float,
        default=900,
        help="Seconds to wait for medallion before giving up (its memory backend is "
        "quadratic in the collection's size).",
    )
    parser.add_argument("--db", help="overhorizon's database (default: a new SQLite file)")
    args = parser.parse_args()
    try:
        import medallion  # noqa: F401
    except ImportError:
        raise SystemExit("medallion is not installed: pip install -e .[bench]") from None
    for count in args.objects:
        compare(count, args.page_size, args.medallion_limit, args.db)


if __name__ == "__main__":
    main()
