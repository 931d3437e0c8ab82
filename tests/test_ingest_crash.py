"""A process killed outright in the middle of a batch leaves only whole documents behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from overhorizon.store import open_store

pytestmark = pytest.mark.slow

STATEMENTS_PER_DOCUMENT = 40

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from overhorizon.model.builder import StatementFactory, entity_id
    from overhorizon.sources import ingest
    from overhorizon.store import open_store

    class SlowExtractor:
        def extract(self, documents):
            found = []
            for document in documents:
                make = StatementFactory("extractor:crash-test@1", document=document)
                rows = []
                for n in range(%(per_doc)d):
                    gid = entity_id("ArmedGroup", f"group {n}")
                    rows.append(make.make(gid, "ArmedGroup", "name", f"Group {n}",
                                          span=(0, len(document.text))))
                found.append(rows)
                time.sleep(0.02)
            return found

    with open_store(sys.argv[1]) as store:
        ingest([sys.argv[2]], store, SlowExtractor(), batch_size=1)
    """
) % {"per_doc": STATEMENTS_PER_DOCUMENT}


def test_kill_minus_nine_mid_batch_leaves_no_half_written_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"{n:03d}.txt").write_text(
            f"Report {n}. Officials said attack number {n} killed {n + 1} people.\n"
        )
    db = tmp_path / "crash.db"
    open_store(str(db)).close()
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    process = subprocess.Popen([sys.executable, str(script), str(db), str(corpus)])
    engine = create_engine(f"sqlite:///{db}")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                stored = conn.execute(text("SELECT count(*) FROM documents")).scalar_one()
            if stored >= 20:
                break
            time.sleep(0.05)
        assert process.poll() is None, "the batch finished before it could be interrupted"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    with engine.connect() as conn:
        per_document = conn.execute(
            text(
                "SELECT d.id, count(s.id) FROM documents d "
                "LEFT JOIN statements s ON s.document_id = d.id GROUP BY d.id"
            )
        ).all()
    engine.dispose()
    assert 20 <= len(per_document) < 400
    assert {count for _, count in per_document} == {STATEMENTS_PER_DOCUMENT}
    with open_store(str(db)) as store:
        assert store.counts()["documents"] == len(per_document)
