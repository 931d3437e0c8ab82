"""MUC-4 files: the ree reader and writer, the prediction format, and the measure."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import shared_path
from overhorizon.errors import DamagedSourceError, EmptySourceError
from overhorizon.eval.scoring import Counts, matching, micro, score
from overhorizon.extraction.roles.labels import ROLES
from overhorizon.extraction.roles.muc4 import (
    MucDocument,
    gold_predictions,
    normalize,
    read_documents,
    read_predictions,
    write_documents,
    write_predictions,
)

KIDNAPPING = MucDocument(
    "TEST-0001",
    "urban guerrillas of the fmln kidnapped the mayor of la union on 3 march; "
    "the farabundo marti national liberation front later released him.",
    {
        "PerpInd": [[("urban guerrillas", 0)]],
        "PerpOrg": [[("fmln", 24), ("farabundo marti national liberation front", 77)]],
        "Victim": [[("mayor of la union", 43)]],
    },
)


def shared_scorer() -> ModuleType:
    """The benchmark's own scorer, imported from the shared folder (it needs SciPy)."""
    pytest.importorskip("scipy")
    path = shared_path().parent / "eval" / "muc4_ree.py"
    spec = importlib.util.spec_from_file_location("muc4_ree", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_documents_round_trip_through_the_ree_format(tmp_path: Path) -> None:
    empty = MucDocument("TEST-0002", "nothing happened in the capital today.")
    path = tmp_path / "docs.jsonl"
    write_documents(path, [KIDNAPPING, empty])
    back = read_documents(path)
    assert back[0].text == KIDNAPPING.text
    assert back[0].extracts == {**{role: [] for role in ROLES}, **KIDNAPPING.extracts}
    assert back[1].docid == "TEST-0002"
    assert back[1].extracts == {role: [] for role in ROLES}
    line = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert line["extracts"]["PerpOrg"] == [
        [["fmln", 24], ["farabundo marti national liberation front", 77]]
    ]
    for entity in KIDNAPPING.extracts["PerpOrg"]:
        for mention, offset in entity:
            assert KIDNAPPING.text[offset : offset + len(mention)] == mention


def test_predictions_round_trip_and_gold_scores_full_marks(tmp_path: Path) -> None:
    predictions = gold_predictions([KIDNAPPING])
    path = tmp_path / "preds.json"
    write_predictions(path, predictions)
    assert read_predictions(path) == predictions
    totals = score([KIDNAPPING], read_predictions(path))
    assert micro(totals) == Counts(3, 3, 3)
    assert micro(totals).f1 == pytest.approx(100.0)


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"docid": "A", "doctext": "x", "extracts": {}}\n{"docid": "B"}\n')
    with pytest.raises(DamagedSourceError, match="line 2"):
        read_documents(path)
    with pytest.raises(EmptySourceError):
        read_documents(tmp_path / "missing.jsonl")
    (tmp_path / "list.json").write_text("[1, 2]")
    with pytest.raises(DamagedSourceError, match="keyed by docid"):
        read_predictions(tmp_path / "list.json")


def test_normalize_drops_case_punctuation_and_articles() -> None:
    assert normalize("The F.M.L.N.  guerrillas") == "fmln guerrillas"
    assert normalize("an m-16 rifle") == "m16 rifle"
    assert normalize("the") == ""


def test_an_entity_with_one_wrong_mention_does_not_match() -> None:
    gold = [{"fmln", "farabundo marti national liberation front"}, {"eln"}]
    assert matching([["fmln"]], gold) == 1
    assert matching([["fmln", "eln"]], gold) == 0
    assert matching([["fmln"], ["the FMLN"]], gold) == 1
    assert matching([["eln"], ["fmln"], ["army"]], gold) == 2


def test_the_reader_takes_the_real_files() -> None:
    docs = read_documents(shared_path("muc4", "ree", "dev.jsonl"))
    assert len(docs) == 200
    assert len({d.docid for d in docs}) == 200
    assert sum(len(d.extracts.get("Victim", [])) for d in docs) > 50


def test_our_measure_agrees_with_the_benchmark_scorer() -> None:
    """Counts on dev with predictions that are partly right, partly wrong, partly merged."""
    scorer = shared_scorer()
    path = shared_path("muc4", "ree", "dev.jsonl")
    docs = read_documents(path)
    predictions: dict[str, dict[str, list[list[str]]]] = {}
    for n, doc in enumerate(docs):
        roles: dict[str, list[list[str]]] = {}
        for role, entities in doc.extracts.items():
            mentions = [[m for m, _ in e] for e in entities]
            if n % 3 == 0:
                roles[role] = [e[:1] for e in mentions] + [["army"]]
            elif n % 3 == 1:
                roles[role] = [[m for e in mentions for m in e]] if mentions else []
            else:
                roles[role] = mentions[1:]
        predictions[doc.docid] = roles
    theirs: dict[str, Any] = scorer.score(scorer.load_gold(str(path)), predictions)
    ours = score(docs, predictions)
    assert {role: (c.matched, c.predicted, c.gold) for role, c in ours.items()} == theirs
    assert 0 < micro(ours).f1 < 100
