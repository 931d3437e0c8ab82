"""``overhorizon eval muc4`` on real MUC-4 documents, scored by the benchmark's own scorer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import shared_path
from overhorizon.cli import app
from overhorizon.extraction.roles.labels import ROLES
from overhorizon.extraction.roles.muc4 import read_documents, write_documents
from test_roles_muc4 import shared_scorer

DOCS = 12
FLOOR = 30.0
"""Micro F1 the first dev documents must reach: the shipped tagger scores about 35 on them
(42 on the whole split)."""


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = read_documents(shared_path("muc4", "ree", "dev.jsonl"))[:DOCS]
    path = tmp_path_factory.mktemp("muc4") / "dev_sample.jsonl"
    write_documents(path, docs)
    return path


def test_eval_writes_predictions_the_benchmark_scorer_accepts(sample: Path, tmp_path: Path) -> None:
    output = tmp_path / "preds.json"
    result = CliRunner().invoke(app, ["eval", "muc4", str(sample), "-o", str(output), "--score"])
    assert result.exit_code == 0, result.output
    predictions = json.loads(output.read_text(encoding="utf-8"))
    assert set(predictions) == {doc.docid for doc in read_documents(sample)}
    for roles in predictions.values():
        assert set(roles) == set(ROLES)
        for entities in roles.values():
            assert all(len(entity) == 1 and isinstance(entity[0], str) for entity in entities)
    assert sum(len(e) for roles in predictions.values() for e in roles.values()) > DOCS
    scorer = shared_scorer()
    totals = scorer.score(scorer.load_gold(str(sample)), predictions)
    matched, predicted, gold = (sum(t[i] for t in totals.values()) for i in range(3))
    _, _, f1 = scorer.prf(matched, predicted, gold)
    assert f1 >= FLOOR, totals
    assert f"F1 {f1:.2f}" in result.output.splitlines()[-1]


def test_eval_refuses_a_file_that_is_not_ree(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "muc4", str(bad), "-o", str(tmp_path / "p.json")])
    assert result.exit_code != 0
    assert "line 1" in str(result.exception)
    assert not (tmp_path / "p.json").exists()
