"""Judgements and clusters in the store: reads follow merges, and undo loses nothing."""

from __future__ import annotations

from datetime import date

import pytest
from typer.testing import CliRunner

from overhorizon.analysis.events import list_events
from overhorizon.analysis.profile import build_profile
from overhorizon.cli import app
from overhorizon.errors import JudgementConflictError
from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.resolution import judgements as decisions
from overhorizon.resolution import review
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.store.base import Judgement

pytestmark = pytest.mark.store

FIRST = Document(
    text="KABUL — A suicide bomber struck a rally in Kabul, killing 61 people. "
    "ISIS-K claimed the bombing.",
    title="Rally bombing",
    publisher="Horizon Wire",
    published=date(2016, 7, 23),
    reliability="B",
)
LATER = Document(
    text="KABUL — The toll of Saturday's bombing in Kabul has risen to 80. "
    "Daesh Khorasan claimed it.",
    title="Toll rises to 80",
    publisher="Steppe Monitor",
    published=date(2016, 7, 25),
    reliability="C",
)
SEED_ID = entity_id("ArmedGroup", "un", "QDe.161")
ISISK = entity_id("ArmedGroup", "ISIS-K")
DAESH_K = entity_id("ArmedGroup", "Daesh Khorasan")
BOMBING_A = entity_id("Attack", FIRST.id, "0")
BOMBING_B = entity_id("Attack", LATER.id, "0")


def _load(store: SQLStore) -> None:
    seed = StatementFactory("import:seed@1", reliability="B")
    first = StatementFactory("extractor:test@1", document=FIRST)
    later = StatementFactory("extractor:test@1", document=LATER)
    stmts = [
        seed.make(SEED_ID, "ArmedGroup", "name", "Islamic State Khorasan Province"),
        seed.make(SEED_ID, "ArmedGroup", "alias", "ISKP"),
        first.make(ISISK, "ArmedGroup", "name", "ISIS-K", span=(70, 98)),
        later.make(DAESH_K, "ArmedGroup", "name", "Daesh Khorasan", span=(66, 92)),
        first.make(BOMBING_A, "Attack", "name", "Suicide bombing in Kabul", span=(0, 69)),
        first.make(BOMBING_A, "Attack", "date", "2016-07-23", span=(0, 69)),
        first.make(BOMBING_A, "Attack", "placeName", "Kabul", span=(0, 69)),
        first.make(BOMBING_A, "Attack", "country", "AF", span=(0, 69)),
        first.make(BOMBING_A, "Attack", "attackType", "suicide_bombing", span=(0, 69)),
        first.make(BOMBING_A, "Attack", "killed", "61", span=(0, 69)),
        later.make(BOMBING_B, "Attack", "name", "Bombing in Kabul", span=(0, 65)),
        later.make(BOMBING_B, "Attack", "date", "2016-07-23", span=(0, 65)),
        later.make(BOMBING_B, "Attack", "placeName", "Kabul", span=(0, 65)),
        later.make(BOMBING_B, "Attack", "country", "AF", span=(0, 65)),
        later.make(BOMBING_B, "Attack", "attackType", "bombing", span=(0, 65)),
        later.make(BOMBING_B, "Attack", "killed", "80", span=(0, 65)),
        *first.relation("Claimed", ISISK, BOMBING_A, span=(70, 98)),
        *later.relation("Claimed", DAESH_K, BOMBING_B, span=(66, 92)),
    ]
    with store.writer() as w:
        w.add_document(FIRST)
        w.add_document(LATER)
        w.add_statements(stmts)


@pytest.fixture
def loaded(store: SQLStore) -> SQLStore:
    _load(store)
    return store


def _snapshot(store: SQLStore) -> set[tuple[str, str, str, str]]:
    return {(s.id, s.entity_id, s.prop, s.value) for s in store.statements()}


def test_merged_entity_reads_as_one_under_any_member_id(loaded: SQLStore) -> None:
    decisions.merge(loaded, ISISK, SEED_ID, "alice", "ISIS-K is the seed's ISKP")
    for member in (ISISK, SEED_ID):
        entity = loaded.entity(member)
        assert entity is not None
        assert entity.id == SEED_ID, "the curated id is canonical"
        assert {s.entity_id for s in entity.statements} == {SEED_ID, ISISK}
        assert entity.caption == "Islamic State Khorasan Province"
    assert loaded.ids_by_name("ISIS-K") == [SEED_ID]
    assert ISISK not in loaded.entity_ids(["ArmedGroup"])
    assert SEED_ID in loaded.entity_ids(["ArmedGroup"])
    assert [h.entity_id for h in loaded.search_names("ISIS")] == [SEED_ID]
    links = list(loaded.statements(StatementQuery(props=["source", "target"], values=[SEED_ID])))
    assert {s.value for s in links} >= {ISISK}, "links written to a member are found"
    raw = list(loaded.statements(StatementQuery(entity_ids=[SEED_ID], resolved=False)))
    assert {s.entity_id for s in raw} == {SEED_ID}
    assert loaded.cluster(ISISK) == sorted([SEED_ID, ISISK])


def test_undo_restores_the_previous_state_with_nothing_lost(loaded: SQLStore) -> None:
    before = _snapshot(loaded)
    counts = loaded.counts()
    merged = decisions.merge(loaded, ISISK, SEED_ID, "alice", "same group")
    assert loaded.counts()["ArmedGroup"] == counts["ArmedGroup"] - 1
    assert _snapshot(loaded) == before, "a merge rewrites no statement"
    undone = decisions.undo(loaded, merged.id, "bob")
    assert _snapshot(loaded) == before
    assert loaded.counts() == counts
    entity = loaded.entity(ISISK)
    assert entity is not None and entity.id == ISISK
    history = loaded.judgements([ISISK])
    assert [(j.id, j.author, j.reverted_by) for j in history] == [
        (merged.id, "analyst:alice", "analyst:bob")
    ]
    assert undone.reason == "same group" and not undone.active


def test_not_same_blocks_a_merge_until_it_is_undone(loaded: SQLStore) -> None:
    apart = decisions.distinguish(loaded, ISISK, DAESH_K, "alice", "different cells")
    decisions.merge(loaded, ISISK, SEED_ID, "alice", "ok")
    with pytest.raises(JudgementConflictError, match=apart.id):
        decisions.merge(loaded, DAESH_K, SEED_ID, "bob", "over the veto")
    decisions.undo(loaded, apart.id, "alice")
    decisions.merge(loaded, DAESH_K, SEED_ID, "bob", "veto lifted")
    assert loaded.cluster(DAESH_K) == sorted([SEED_ID, ISISK, DAESH_K])
    with pytest.raises(JudgementConflictError):
        decisions.distinguish(loaded, ISISK, DAESH_K, "carol", "inside one cluster")


def test_split_takes_one_id_out_and_keeps_it_out(loaded: SQLStore) -> None:
    decisions.merge(loaded, ISISK, SEED_ID, "alice", "same")
    decisions.merge(loaded, DAESH_K, SEED_ID, "alice", "same")
    changed = decisions.split(loaded, DAESH_K, "bob", "a different cell")
    assert [j.verdict for j in changed] == ["same", "not_same"]
    assert loaded.cluster(DAESH_K) == [DAESH_K]
    assert loaded.cluster(ISISK) == sorted([SEED_ID, ISISK])
    report = review.run(loaded, events=False)
    assert loaded.cluster(DAESH_K) == [DAESH_K], "the next run respects the split"
    assert all(DAESH_K not in (j.left_id, j.right_id) for j in report.merged)


def test_run_merges_aliases_and_repeated_reports_of_one_attack(loaded: SQLStore) -> None:
    report = review.run(loaded)
    assert loaded.cluster(ISISK) == sorted([SEED_ID, ISISK, DAESH_K])
    assert (
        loaded.canonical_ids([BOMBING_A])[BOMBING_A] == loaded.canonical_ids([BOMBING_B])[BOMBING_B]
    )
    assert {j.author for j in report.merged} == {"resolver:names@1", "resolver:events@1"}
    events = list_events(loaded)
    assert len(events) == 1
    event = events[0]
    assert {s.document_id for s in event.sources} == {FIRST.id, LATER.id}
    assert event.killed is not None and event.killed.min == 80, "the latest report's toll"
    assert event.perpetrator == "Islamic State Khorasan Province"
    assert event.responsibility == "claimed"
    again = review.run(loaded)
    assert again.merged == [] and again.queued == [], "a second run adds nothing"


def test_profile_of_a_merged_group_lists_each_relation_once(loaded: SQLStore) -> None:
    review.run(loaded)
    entity = loaded.entity(DAESH_K)
    assert entity is not None
    profile = build_profile(loaded, entity)
    claimed = [r for r in profile.relations if r.schema == "Claimed"]
    assert len(claimed) == 1
    assert len(claimed[0].sources) == 2


def test_review_queue_accept_and_reject(loaded: SQLStore) -> None:
    with loaded.writer() as w:
        pending = w.add_judgement(
            Judgement(ISISK, DAESH_K, "unsure", "resolver:names@1", "maybe", 0.75)
        )
    assert [j.id for j in review.queue(loaded)] == [pending.id]
    accepted = review.answer(loaded, pending.id, True, "alice")
    assert accepted.verdict == "same" and accepted.author == "analyst:alice"
    assert review.queue(loaded) == []
    assert loaded.cluster(ISISK) == sorted([ISISK, DAESH_K])


def test_cli_merge_show_and_undo(loaded: SQLStore) -> None:
    runner = CliRunner()
    db = ["--db", loaded.url]
    merged = runner.invoke(
        app, ["merge", ISISK, SEED_ID, "--why", "same group", "--as", "alice", *db]
    )
    assert merged.exit_code == 0, merged.output
    judgement_id = merged.output.split()[1].rstrip(":")
    for name in ("ISIS-K", "ISKP", ISISK):
        shown = runner.invoke(app, ["show", name, *db])
        assert shown.exit_code == 0, shown.output
        assert SEED_ID in shown.output and "Islamic State Khorasan Province" in shown.output
    history = runner.invoke(app, ["judgements", ISISK, *db])
    assert judgement_id in history.output and "analyst:alice" in history.output
    undone = runner.invoke(app, ["undo", judgement_id, "--as", "bob", *db])
    assert undone.exit_code == 0, undone.output
    shown = runner.invoke(app, ["show", ISISK, *db])
    assert ISISK in shown.output and SEED_ID not in shown.output
