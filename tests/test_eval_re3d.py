"""RE3D: reading the three files, predicting through the pipeline, and the span measures."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import shared_path
from overhorizon.eval.re3d import (
    Relation,
    Span,
    evaluate,
    read_re3d,
    score_entities,
    score_relations,
)
from overhorizon.extraction import Gazetteer, default_pipeline
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.model.builder import StatementFactory, entity_id

TEXT = (
    "Islamic State leader Abu Bakr al-Baghdadi was seen in Mosul on Monday. "
    "The Taliban fought the Islamic State in Nangarhar."
)


def _entity(
    doc: str, begin: int, end: int, kind: str, confidence: float = 1.0
) -> dict[str, object]:
    return {
        "_id": f"{doc}-{begin}-{end}-{kind}",
        "begin": begin,
        "end": end,
        "type": kind,
        "value": TEXT[begin:end],
        "documentId": doc,
        "confidence": confidence,
    }


def _span(text: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return start, start + len(text)


def _write(folder: Path) -> None:
    folder.mkdir()
    (folder / "documents.json").write_text(
        json.dumps({"_id": "D1", "text": TEXT, "title": "t", "sourceName": "test"}) + "\n"
    )
    baghdadi, mosul = _span("Abu Bakr al-Baghdadi"), _span("Mosul")
    state, taliban = _span("Islamic State"), _span("Taliban")
    state_again = _span("Islamic State", 1)
    rows = [
        _entity("D1", *state, "Organisation"),
        _entity("D1", *baghdadi, "Person"),
        _entity("D1", *mosul, "Location"),
        _entity("D1", *mosul, "Organisation", 0.0),
        _entity("D1", *_span("Monday"), "Temporal"),
        _entity("D1", *taliban, "Organisation"),
        _entity("D1", *state_again, "Organisation"),
        _entity("D1", *_span("Nangarhar"), "Location"),
    ]
    (folder / "entities.json").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    relations = [
        ("InChargeOf", baghdadi, state, 1.0),
        ("FightingAgainst", state_again, taliban, 1.0),
        ("CommWith", baghdadi, mosul, 0.1),
    ]
    lines = [
        json.dumps(
            {
                "_id": f"R{i}",
                "type": kind,
                "sourceBegin": source[0],
                "sourceEnd": source[1],
                "targetBegin": target[0],
                "targetEnd": target[1],
                "documentId": "D1",
                "confidence": confidence,
            }
        )
        for i, (kind, source, target, confidence) in enumerate(relations)
    ]
    (folder / "relations.json").write_text("\n".join(lines) + "\n")


def test_gold_keeps_the_readings_annotators_accepted(tmp_path: Path) -> None:
    _write(tmp_path / "Test source")
    (document,) = read_re3d(tmp_path)
    assert document.folder == "Test source"
    assert len(document.entities) == 7
    assert {r.kind for r in document.relations} == {"InChargeOf", "FightingAgainst"}


def test_the_pipeline_finds_entities_and_relations_of_the_document(tmp_path: Path) -> None:
    _write(tmp_path / "Test source")
    documents = read_re3d(tmp_path)
    make = StatementFactory("import:test@1")
    group, taliban = entity_id("ArmedGroup", "Islamic State"), entity_id("ArmedGroup", "Taliban")
    gazetteer = Gazetteer.from_statements(
        [
            make.make(group, "ArmedGroup", "name", "Islamic State"),
            make.make(taliban, "ArmedGroup", "name", "Taliban"),
        ]
    )
    pipeline = default_pipeline(gazetteer=gazetteer, nlp=load_nlp())
    strict, loose, relations = evaluate(pipeline, documents)
    assert strict["Organisation"].true == 3
    assert strict["Temporal"].true == 1
    assert loose["Location"].true == 2
    assert relations["FightingAgainst"].true == 1
    assert relations["InChargeOf"].gold == 1


def test_spans_and_relations_are_matched_once_and_by_type() -> None:
    gold = [Span(0, 5, "Location"), Span(10, 20, "Person")]
    mine = [Span(0, 5, "Location"), Span(0, 5, "Location"), Span(12, 20, "Person")]
    strict = score_entities(gold, mine, strict=True)
    loose = score_entities(gold, mine, strict=False)
    assert (strict["Location"].true, strict["Location"].predicted) == (1, 2)
    assert (strict["Person"].true, loose["Person"].true) == (0, 1)
    gold_relations = [Relation("FightingAgainst", (0, 5), (10, 20))]
    swapped = [Relation("FightingAgainst", (10, 20), (0, 5))]
    assert score_relations(gold_relations, swapped)["FightingAgainst"].true == 1
    belongs = [Relation("BelongsTo", (0, 5), (10, 20))]
    assert (
        score_relations([Relation("BelongsTo", (10, 20), (0, 5))], belongs)["BelongsTo"].true == 0
    )


def test_the_shared_set_reads_whole() -> None:
    documents = read_re3d(shared_path("re3d"))
    assert len(documents) >= 50
    assert sum(len(d.entities) for d in documents) > 1500
    assert any(r.kind == "FightingAgainst" for d in documents for r in d.relations)
