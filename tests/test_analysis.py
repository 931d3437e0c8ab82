"""Events, profiles and summaries assembled from statements, and the commands that show them."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from typer.testing import CliRunner

from overhorizon.analysis.events import EventFilter, attack_type, list_events
from overhorizon.analysis.profile import build_profile, find
from overhorizon.analysis.summary import summarise
from overhorizon.cli import app
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.store import SQLStore

pytestmark = pytest.mark.store

EARLY = Document(
    text="MOSCOW, March 23 — Gunmen attacked Crocus City Hall. At least 133 people were killed. "
    "Islamic State claimed the attack through its Amaq news agency.",
    title="Concert hall attack",
    publisher="Steppe Monitor",
    published=date(2024, 3, 23),
    reliability="B",
)
LATE = Document(
    text="MOSCOW, March 28 — The toll of the Crocus City Hall attack rose to 145. "
    "Russian officials blamed Ukraine, without evidence.",
    title="Toll rises to 145",
    publisher="Horizon Wire",
    published=date(2024, 3, 28),
    reliability="C",
)
ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
UKRAINE = entity_id("GovernmentBody", "Ukraine")
CROCUS = entity_id("Attack", "2024-03-22", "Krasnogorsk")
KABUL = entity_id("Attack", "2021-08-26", "Kabul")


def _load(store: SQLStore) -> None:
    seed = StatementFactory("import:seed@1", reliability="B")
    early = StatementFactory("extractor:test@1", document=EARLY)
    late = StatementFactory("extractor:test@1", document=LATE)
    stmts = [
        seed.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        seed.make(ISKP, "ArmedGroup", "alias", "ISIS-K"),
        seed.make(ISKP, "ArmedGroup", "alias", "Wilayat Khorasan"),
        early.make(ISKP, "ArmedGroup", "strength", "4000..6000", span=(0, 52)),
        late.make(ISKP, "ArmedGroup", "strength", "1500..2200", span=(0, 71)),
        seed.make(UKRAINE, "GovernmentBody", "name", "Ukraine"),
        early.make(CROCUS, "Attack", "name", "Crocus City Hall attack", span=(19, 52)),
        early.make(CROCUS, "Attack", "date", "2024-03-22", span=(19, 52)),
        early.make(CROCUS, "Attack", "country", "RU", span=(19, 52)),
        early.make(CROCUS, "Attack", "placeName", "Krasnogorsk", span=(19, 52)),
        early.make(CROCUS, "Attack", "attackType", "armed_assault", span=(19, 52)),
        early.make(CROCUS, "Attack", "killed", "133..", span=(53, 87)),
        late.make(CROCUS, "Attack", "killed", "145", span=(19, 71)),
        *early.relation("Claimed", ISKP, CROCUS, span=(88, 151)),
        *late.relation(
            "AttributedTo",
            CROCUS,
            UKRAINE,
            span=(72, 123),
            asserted_by="Russian officials",
            certainty="attributed",
        ),
        early.make(KABUL, "Attack", "name", "Kabul airport bombing"),
        early.make(KABUL, "Attack", "date", "2021-08-26"),
        early.make(KABUL, "Attack", "country", "AF"),
        early.make(KABUL, "Attack", "killed", "170.."),
        *seed.relation(
            "BranchOf", ISKP, entity_id("ArmedGroup", "Islamic State"), startDate="2015-01"
        ),
        seed.make(entity_id("ArmedGroup", "Islamic State"), "ArmedGroup", "name", "Islamic State"),
    ]
    with store.writer() as w:
        w.add_document(EARLY)
        w.add_document(LATE)
        w.add_statements(stmts)


@pytest.fixture
def loaded(store: SQLStore) -> SQLStore:
    _load(store)
    return store


def test_latest_report_gives_the_headline_toll(loaded: SQLStore) -> None:
    rows = {r.id: r for r in list_events(loaded)}
    crocus = rows[CROCUS]
    assert str(crocus.killed) == "145..145"
    assert {s.publisher for s in crocus.sources} == {"Steppe Monitor", "Horizon Wire"}


def test_a_claim_outranks_an_attribution_by_others(loaded: SQLStore) -> None:
    crocus = next(r for r in list_events(loaded) if r.id == CROCUS)
    assert (crocus.perpetrator_id, crocus.responsibility) == (ISKP, "claimed")
    kabul = next(r for r in list_events(loaded) if r.id == KABUL)
    assert (kabul.perpetrator, kabul.responsibility) == (None, "unknown")


def test_event_filters(loaded: SQLStore) -> None:
    def ids(**kwargs: object) -> set[str]:
        return {r.id for r in list_events(loaded, EventFilter(**kwargs))}  # type: ignore[arg-type]

    assert ids() == {CROCUS, KABUL}
    assert ids(country="ru") == {CROCUS}
    assert ids(since="2022") == {CROCUS}
    assert ids(until="2021-12") == {KABUL}
    assert ids(group_ids=frozenset({ISKP})) == {CROCUS}
    assert ids(min_killed=150) == {KABUL}
    assert ids(attack_type="armed_assault") == {CROCUS}


def test_profile_shows_conflicts_sources_and_relations(loaded: SQLStore) -> None:
    assert find(loaded, "ISIS-K") == find(loaded, "wilayat khorasan") == [ISKP]
    entity = loaded.entity(ISKP)
    assert entity is not None
    profile = build_profile(loaded, entity)
    strength = next(p for p in profile.properties if p.name == "strength")
    assert strength.conflicting
    sentences = {c.value: c.sources[0].sentence for c in strength.claims}
    assert sentences["4000..6000"] == EARLY.text[0:52]
    claimed = [r for r in profile.relations if r.schema == "Claimed"]
    assert [(r.other, r.outgoing) for r in claimed] == [("Crocus City Hall attack", True)]
    branch = next(r for r in profile.relations if r.schema == "BranchOf")
    assert (branch.other, branch.start) == ("Islamic State", "2015-01")
    assert set(profile.aliases) == {"ISIS-K", "Wilayat Khorasan"}


def test_summary_ranks_groups_by_attacks(loaded: SQLStore) -> None:
    summary = summarise(loaded)
    assert summary.groups[0].id == ISKP
    assert (summary.groups[0].attacks, summary.groups[0].killed) == (1, 145)
    assert [r.id for r in summary.deadliest] == [KABUL, CROCUS]


def test_show_prints_the_same_profile_for_every_alias(loaded: SQLStore) -> None:
    runner = CliRunner()
    outputs = [
        runner.invoke(app, ["show", name, "--db", loaded.url]).output
        for name in ("ISIS-K", "Wilayat Khorasan", "Islamic State Khorasan Province")
    ]
    assert outputs[0] == outputs[1] == outputs[2]
    assert "sources disagree" in outputs[0]
    assert "Gunmen attacked Crocus City Hall." in outputs[0]
    assert "Steppe Monitor, 2024-03-23" in outputs[0]


def test_show_unknown_name_is_a_clear_error(loaded: SQLStore) -> None:
    result = CliRunner().invoke(app, ["show", "Nobody Known", "--db", loaded.url])
    assert result.exit_code == 1
    assert "[OH204]" in str(result.exception)


def test_events_command_formats(loaded: SQLStore) -> None:
    runner = CliRunner()
    as_json = runner.invoke(app, ["events", "--format", "json", "--db", loaded.url])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert [r["killed"] for r in rows] == [{"min": 170, "max": None}, {"min": 145, "max": 145}]
    as_csv = runner.invoke(app, ["events", "-f", "csv", "--group", "ISIS-K", "--db", loaded.url])
    table = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [(r["place"], r["perpetrator"], r["responsibility"]) for r in table] == [
        ("Krasnogorsk", "Islamic State Khorasan Province", "claimed")
    ]


def test_export_writes_every_statement_with_provenance(loaded: SQLStore, tmp_path: object) -> None:
    from pathlib import Path

    out = Path(str(tmp_path)) / "statements.jsonl"
    result = CliRunner().invoke(app, ["export", "statements", "-o", str(out), "--db", loaded.url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == loaded.counts()["statements"]
    toll = next(r for r in records if r["prop"] == "killed" and r["value"] == "145..145")
    assert toll["document_id"] == LATE.id
    assert toll["span"] == [19, 71]


def test_a_report_of_a_suicide_bombing_refines_one_of_a_bombing() -> None:
    assert attack_type(["bombing", "suicide_bombing"]) == "suicide_bombing"
    assert attack_type(["suicide_bombing", "bombing"]) == "suicide_bombing"
    assert attack_type(["armed_assault", "bombing", "suicide_bombing"]) == "armed_assault"
    assert attack_type([]) is None
