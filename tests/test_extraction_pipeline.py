"""The pipeline as a whole: its order check, the store round trip, the view and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from overhorizon.cli import app
from overhorizon.errors import ExtractionError
from overhorizon.extraction import STANDARD, Gazetteer, Pipeline, default_pipeline, document_view
from overhorizon.extraction.base import Extractor
from overhorizon.extraction.components.actors import ActorsComponent
from overhorizon.extraction.components.dates import DatesComponent
from overhorizon.extraction.components.sentences import load_nlp
from overhorizon.extraction.registry import create, names, register
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.store import SQLStore, StatementQuery

ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
FIRST = Document(
    text=(
        "KABUL, Aug. 27 (Horizon Wire) — A suicide bomber struck crowds at Kabul airport on "
        "Thursday, killing at least 60 people and wounding more than 140, officials said.\n\n"
        "ISIS-K claimed the bombing through its Amaq news agency."
    ),
    title="Airport bombing",
    published=date(2021, 8, 27),
    source="first.md",
)
SECOND = Document(
    text=(
        "KABUL, Aug. 28 — The death toll from Thursday's suicide bombing at Kabul airport has "
        "risen to 170, health officials said.\n\n"
        "Taliban officials blamed the Islamic State Khorasan Province for the attack."
    ),
    published=date(2021, 8, 28),
    source="second.md",
)


def reference() -> list[Statement]:
    make = StatementFactory("import:test@1")
    return [
        make.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        make.make(ISKP, "ArmedGroup", "alias", "ISIS-K"),
        make.make(ISKP, "ArmedGroup", "alias", "ISKP"),
        StatementFactory("extractor:other@1").make(ISKP, "ArmedGroup", "alias", "The Group"),
    ]


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_nlp()


@pytest.fixture
def pipeline(nlp: Any) -> Pipeline:
    return default_pipeline(gazetteer=Gazetteer.from_statements(reference()), nlp=nlp)


def test_registry_binds_versioned_names() -> None:
    assert set(STANDARD) <= set(names())
    with pytest.raises(ExtractionError, match=r"no component registered as overhorizon\.nope\.v1"):
        create("overhorizon.nope.v1")
    with pytest.raises(ExtractionError, match="version suffix"):
        register("overhorizon.unversioned", DatesComponent)
    with pytest.raises(ExtractionError, match="already registered"):
        register("overhorizon.dates.v1", ActorsComponent)


def test_misordered_pipeline_is_refused_naming_what_is_missing() -> None:
    attacks = create("overhorizon.attacks.v1")
    dates = create("overhorizon.dates.v1")
    sentences = create("overhorizon.dateline.v1")
    with pytest.raises(ExtractionError, match=r"overhorizon\.dates\.v1 requires sentences"):
        Pipeline([sentences, dates, attacks])
    with pytest.raises(ExtractionError, match="appears twice"):
        Pipeline([sentences, sentences])


def test_standard_order_passes_the_check(pipeline: Pipeline) -> None:
    assert pipeline.names == list(STANDARD)
    extractor: Extractor = pipeline
    assert extractor.extract([]) == []


def test_statements_land_in_the_store_with_their_sentences(store: SQLStore, nlp: Any) -> None:
    with store.writer() as writer:
        writer.add_statements(reference())
    pipeline = default_pipeline(store, nlp=nlp)
    found = pipeline.extract([FIRST, SECOND])
    with store.writer() as writer:
        for document, statements in zip((FIRST, SECOND), found, strict=True):
            writer.add_document(document)
            writer.add_statements(statements)

    stored = list(store.statements(StatementQuery(document_id=FIRST.id)))
    assert {s.origin for s in stored} >= {
        "extractor:overhorizon.attacks@1",
        "extractor:overhorizon.casualties@1",
        "extractor:overhorizon.responsibility@1",
        "extractor:overhorizon.aliases@1",
    }
    for stmt in stored:
        assert stmt.span_start is not None and stmt.span_end is not None
        evidence = FIRST.text[stmt.span_start : stmt.span_end]
        assert evidence == evidence.strip() and evidence, "a span is a whole, trimmed sentence"
    killed = [s for s in stored if s.prop == "killed"]
    assert [s.value for s in killed] == ["60.."]
    assert FIRST.text[killed[0].span_start : killed[0].span_end].startswith("KABUL")
    claim = [s for s in stored if s.schema == "Claimed" and s.prop == "source"]
    assert [s.value for s in claim] == [ISKP]
    assert "ISIS-K claimed" in FIRST.text[claim[0].span_start : claim[0].span_end]

    attacks = store.entity_ids(["Attack"])
    assert len(attacks) == 1, "two reports of one day's bombing in one city make one attack"
    attack = store.entity(attacks[0])
    assert attack is not None
    assert attack.values("date") == ["2021-08-26"]
    assert sorted(attack.values("killed")) == ["170..170", "60.."]
    group = store.entity(ISKP)
    assert group is not None and "ISIS-K" in group.names


def test_the_view_shows_what_the_statements_say(pipeline: Pipeline) -> None:
    (statements,) = pipeline.extract([SECOND])
    view = document_view(SECOND, statements)
    assert view["doc"] == "second.md" and view["published"] == "2021-08-28"
    (event,) = view["events"]
    assert (event["date"], event["date_precision"], event["place"]) == (
        "2021-08-26",
        "day",
        "Kabul",
    )
    assert event["killed"] == {"min": 170, "max": 170}
    assert (event["perpetrator"], event["responsibility"]) == (
        "Islamic State Khorasan Province",
        "attributed",
    )
    for evidence in event["evidence"]:
        assert SECOND.text[evidence["start"] : evidence["end"]] == evidence["text"]
    stored_killed = {s.value for s in statements if s.prop == "killed"}
    assert stored_killed == {"170..170"}


def test_gazetteer_ignores_names_that_were_extracted() -> None:
    gazetteer = Gazetteer.from_statements(reference())
    assert gazetteer.lookup("isis k") is not None
    assert gazetteer.lookup("The Group") is None


def test_cli_prints_one_json_object_per_file(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    report.write_text(
        "---\ntitle: Mosque bombing\npublished: 2021-10-08\n---\n"
        "KUNDUZ, Afghanistan, Oct. 8 — A suicide bomber killed at least 46 people at a Shia "
        "mosque in Kunduz during Friday prayers.\n",
        encoding="utf-8",
    )
    plain = tmp_path / "note.txt"
    plain.write_text("Nothing happened here.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(report), str(plain)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [line["doc"] for line in lines] == ["report.md", "note.txt"]
    (event,) = lines[0]["events"]
    assert (event["date"], event["country"], event["killed"]) == (
        "2021-10-08",
        "AF",
        {"min": 46, "max": None},
    )
    assert lines[0]["published"] == "2021-10-08" and lines[1]["events"] == []

    table = CliRunner().invoke(app, ["extract", "--format", "table", str(report)])
    assert table.exit_code == 0 and "Kunduz" in table.output and "46.." in table.output


def test_cli_reads_any_source_and_reports_the_unreadable_after_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "legacy.txt").write_bytes(
        "KABUL, March 4 — A bomb at a café in Kabul killed 5 people on Friday.\n".encode("cp1252")
    )
    (folder / "page.html").write_text(
        "<html><body><p>QUETTA, March 4 — A suicide bomber killed 12 people at a hospital in "
        "Quetta on Friday.</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "broken.bin").write_bytes(b"\x00\x01\x02" * 100)
    result = CliRunner().invoke(app, ["extract", str(folder), str(tmp_path / "broken.bin")])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert sorted(line["doc"] for line in lines) == ["legacy.txt", "page.html"]
    killed = {line["doc"]: line["events"][0]["killed"]["min"] for line in lines}
    assert killed == {"legacy.txt": 5, "page.html": 12}
    legacy = next(line for line in lines if line["doc"] == "legacy.txt")
    assert legacy["events"][0]["perpetrator"] is None
    assert "café" in legacy["events"][0]["evidence"][0]["text"]
    assert "broken.bin" in result.stderr and "OH30" in result.stderr

    piped = CliRunner().invoke(
        app, ["extract", "-"], input="PESHAWAR — Gunmen killed 3 police officers on Monday.\n"
    )
    assert piped.exit_code == 0, piped.output
    (line,) = [json.loads(text) for text in piped.stdout.splitlines() if text.strip()]
    assert line["doc"] == "stdin" and line["events"][0]["killed"]["min"] == 3
