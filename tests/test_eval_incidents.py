"""The Wikipedia incidents adapter: rows in, the four predicted fields out, and the measure."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from conftest import shared_path
from overhorizon.eval.incidents import (
    Incident,
    PerpetratorJudge,
    Prediction,
    gold_perpetrator,
    predict,
    read_incidents,
    score,
    split,
)
from overhorizon.extraction import Gazetteer, default_pipeline
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.model.builder import StatementFactory, entity_id

IS = entity_id("ArmedGroup", "Islamic State")
ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
ROWS = [
    {
        "date": "2019-05-02",
        "type": "bombing",
        "dead": "5",
        "injured": "12",
        "location": "Kabul, Afghanistan",
        "details": "A suicide bomber killed four people and wounded 12 at a checkpoint in Kabul. "
        "The bomber was also killed. ISIS claimed responsibility.[12][13]",
        "perpetrator": "Islamic State",
    },
    {
        "date": "2019-05-03",
        "type": "shooting",
        "dead": "2",
        "injured": "0",
        "location": "Arauca, Colombia",
        "details": "Two soldiers were killed in an ambush by suspected ELN guerrillas.[4]",
        "perpetrator": "ELN (suspected)",
    },
    {
        "date": "2019-05-04",
        "type": "arson",
        "dead": "0",
        "injured": "0",
        "location": "Derry, United Kingdom",
        "details": "Youths set fire to a police car in Derry.",
        "perpetrator": "Unknown",
    },
]


def _gazetteer() -> Gazetteer:
    make = StatementFactory("import:test@1")
    rows = [
        make.make(IS, "ArmedGroup", "name", "Islamic State"),
        make.make(IS, "ArmedGroup", "alias", "ISIS"),
        make.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        *make.relation("BranchOf", ISKP, IS),
    ]
    return Gazetteer.from_statements(rows)


@pytest.fixture
def incidents(tmp_path: Path) -> list[Incident]:
    path = tmp_path / "incidents.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ROWS[0]))
        writer.writeheader()
        writer.writerows(ROWS)
    return read_incidents(path)


def test_rows_are_read_and_become_documents_without_citation_marks(
    incidents: list[Incident],
) -> None:
    first = incidents[0]
    assert (first.day, first.dead, first.injured) == (date(2019, 5, 2), 5, 12)
    document = first.document()
    assert "[12]" not in document.text and document.published == date(2019, 5, 2)
    assert split(incidents, "all") == incidents
    assert len(split(incidents, "train")) + len(split(incidents, "held-out")) == 3


def test_predictions_count_attackers_among_the_dead(incidents: list[Incident]) -> None:
    gazetteer = _gazetteer()
    pipeline = default_pipeline(gazetteer=gazetteer, nlp=load_nlp())
    predictions = predict(pipeline, incidents)
    assert predictions[0] == Prediction(5, 12, "Islamic State", "bombing")
    assert predictions[1] == Prediction(2, 0, "ELN", "shooting")
    assert (predictions[2].dead, predictions[2].injured, predictions[2].kind) == (0, 0, "arson")
    scores = score(incidents, predictions, PerpetratorJudge(gazetteer))
    assert (scores.rows, scores.dead, scores.injured, scores.perpetrator) == (3, 3, 3, 3)
    assert (scores.named, scores.named_right, scores.typed_right) == (2, 2, 3)


def test_perpetrators_agree_after_alias_resolution() -> None:
    judge = PerpetratorJudge(_gazetteer())
    assert gold_perpetrator("Islamic State (suspected)") == "Islamic State"
    assert gold_perpetrator("Unknown") is None and gold_perpetrator("") is None
    assert gold_perpetrator("Wilayat Sayna (Islamic State)") == "Wilayat Sayna"
    assert gold_perpetrator("IS-linked Wilayat Sayna (suspected)") == "Wilayat Sayna"
    assert gold_perpetrator("Al-Nusra Front Suspected") == "Al-Nusra Front"
    assert judge.agrees("ISIS", "Islamic State")
    assert judge.agrees("Islamic State Khorasan Province", "Islamic State")
    assert not judge.agrees("Islamic State", "Taliban")
    assert judge.agrees(None, None) and not judge.agrees("Taliban", None)


def test_the_held_out_part_of_the_shared_list_is_one_row_in_five() -> None:
    rows = read_incidents(shared_path("incidents_wiki", "incidents_dev.csv"))
    held_out = split(rows, "held-out")
    assert 0.17 < len(held_out) / len(rows) < 0.23
    assert [r.row for r in held_out] == [r.row for r in split(rows, "held-out")]
