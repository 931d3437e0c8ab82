"""Time the audit log: appends per second on an empty and on a full log, and how long verifying,
signing and proving take at that size.

    python scripts/bench_audit.py [--entries 100000] [--db URL]

Without ``--db`` it runs on a new SQLite file in a temporary folder. Appends are timed twice:
each in its own transaction (one commit per entry, the ``audit.record(store, ...)`` path) and
many inside one caller transaction (the ``audit.record(conn, ...)`` path).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from overhorizon.audit import AuditLog, verify_log
from overhorizon.store import SQLStore, open_store

T = TypeVar("T")

SAMPLE = 2000
BATCH = 1000


def _own_transactions(log: AuditLog, count: int, start: int) -> float:
    began = time.perf_counter()
    for i in range(start, start + count):
        log.append("analyst:bench", "write", [f"entity-{i}"], {"props": ["name"], "n": i})
    return count / (time.perf_counter() - began)


def _one_transaction(store: SQLStore, log: AuditLog, count: int, start: int) -> float:
    began = time.perf_counter()
    done = 0
    while done < count:
        step = min(BATCH, count - done)
        with store.engine.begin() as conn:
            for i in range(start + done, start + done + step):
                log.append("analyst:bench", "write", [f"entity-{i}"], {"n": i}, conn=conn)
        done += step
    return count / (time.perf_counter() - began)


def _timed(label: str, func: Callable[[], T]) -> T:
    began = time.perf_counter()
    result = func()
    print(f"{label:<44} {time.perf_counter() - began:8.2f} s")
    return result


def run(url: str, entries: int) -> None:
    with open_store(url) as store:
        log = AuditLog(store)
        sample = min(SAMPLE, entries // 4)
        rate = _own_transactions(log, sample, 0)
        print(f"{'append, own transaction, empty log':<44} {rate:8.0f} /s")
        fill = entries - 2 * sample
        rate = _one_transaction(store, log, fill, sample)
        print(f"{'append, inside a caller transaction':<44} {rate:8.0f} /s")
        rate = _own_transactions(log, sample, sample + fill)
        print(f"{f'append, own transaction, at {entries - sample:,}':<44} {rate:8.0f} /s")
        _timed("sign a tree head", log.sign)
        proof = _timed(f"inclusion proof in {entries:,}", lambda: log.inclusion_proof(entries // 3))
        report = _timed(f"verify {log.size():,} entries", lambda: verify_log(store))
        print(f"proof verifies: {proof.verify()}; log ok: {report.ok}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--db", help="database URL; default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("OVERHORIZON_AUDIT_KEY", str(Path(tmp) / "bench-key.pem"))
        run(args.db or str(Path(tmp) / "bench.db"), args.entries)


if __name__ == "__main__":
    main()
