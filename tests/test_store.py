"""The store suite: runs on SQLite by default and on PostgreSQL in CI (make test-postgres)."""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import MetaData, inspect, text

from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.document import Document
from overhorizon.model.model import load_model
from overhorizon.model.statement import TLP_LEVELS, Statement
from overhorizon.policy.clearance import LOCAL_ORG, Viewer
from overhorizon.store import SQLStore, StatementQuery, open_store
from overhorizon.store.base import Judgement
from overhorizon.store.views import view_columns, view_name

pytestmark = pytest.mark.store

REPORT = Document(
    text="KABUL, Aug. 27 — Islamic State Khorasan Province, also called ISIS-K, claimed the "
    "bombing at the airport gate. At least 170 people were killed.",
    title="Airport bombing claimed",
    publisher="Horizon Wire",
    published=date(2021, 8, 27),
    language="en",
    source="test.md",
)


def _group_statements() -> tuple[str, list[Statement]]:
    make = StatementFactory("extractor:test@1", document=REPORT)
    gid = entity_id("ArmedGroup", "Islamic State Khorasan Province")
    return gid, [
        make.make(gid, "ArmedGroup", "name", "Islamic State Khorasan Province", span=(15, 80)),
        make.make(gid, "ArmedGroup", "alias", "ISIS-K", span=(15, 80)),
        make.make(gid, "ArmedGroup", "strength", "4000..6000", span=(15, 80)),
        make.make(gid, "ArmedGroup", "strength", "1500..2200", span=(81, 120)),
    ]


def test_document_stored_once_and_read_back_whole(store: SQLStore) -> None:
    with store.writer() as w:
        assert w.add_document(REPORT) is True
    with store.writer() as w:
        assert w.add_document(REPORT) is False
    back = store.get_document(REPORT.id)
    assert back is not None
    assert (back.text, back.title, back.published, back.language) == (
        REPORT.text,
        REPORT.title,
        date(2021, 8, 27),
        "en",
    )
    assert store.counts()["documents"] == 1
    assert store.has_content(REPORT.content_hash)


def test_conflicting_values_kept_side_by_side(store: SQLStore) -> None:
    gid, stmts = _group_statements()
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
    entity = store.entity(gid)
    assert entity is not None
    assert entity.schema == "ArmedGroup"
    assert sorted(entity.values("strength")) == ["1500..2200", "4000..6000"]
    assert entity.caption == "Islamic State Khorasan Province"


def test_same_statement_twice_is_one_row_with_last_seen_moved(store: SQLStore) -> None:
    gid, stmts = _group_statements()
    later = datetime.now(UTC) + timedelta(days=3)
    again = [replace(s, first_seen=later, last_seen=later) for s in stmts]
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
    with store.writer() as w:
        w.add_statements(again)
    rows = list(store.statements(StatementQuery(entity_ids=[gid])))
    assert len(rows) == len(stmts)
    assert all(abs((r.last_seen - later).total_seconds()) < 1 for r in rows)
    assert all(r.first_seen < later - timedelta(days=2) for r in rows)


def test_failed_transaction_leaves_nothing(store: SQLStore) -> None:
    _, stmts = _group_statements()
    with pytest.raises(RuntimeError), store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
        raise RuntimeError("interrupted")
    assert store.counts()["documents"] == 0
    assert store.counts()["statements"] == 0
    assert store.search_names("ISIS") == []


def test_lookup_by_any_spelling_of_a_name(store: SQLStore) -> None:
    gid, stmts = _group_statements()
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
    assert store.ids_by_name("isis k") == [gid]
    assert store.ids_by_name("ISIS–K") == [gid]
    assert store.ids_by_name("ISIS") == []
    hits = store.search_names("khorasan")
    assert [h.entity_id for h in hits] == [gid]


def test_document_full_text_search(store: SQLStore) -> None:
    with store.writer() as w:
        w.add_document(REPORT)
    hits = store.search_documents("airport gate")
    assert [h.document_id for h in hits] == [REPORT.id]
    assert "airport" in hits[0].snippet.lower()
    assert store.search_documents("Moscow") == []
    assert store.search_documents('") OR (') == []


def test_delete_statements_removes_them_from_search(store: SQLStore) -> None:
    gid, stmts = _group_statements()
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
    alias = next(s for s in stmts if s.prop == "alias")
    with store.writer() as w:
        assert w.delete_statements([alias.id]) == 1
    assert store.ids_by_name("ISIS-K") == []
    assert store.ids_by_name("Islamic State Khorasan Province") == [gid]


def test_reverse_lookup_of_relations(store: SQLStore) -> None:
    make = StatementFactory("analyst:alice")
    iskp = entity_id("ArmedGroup", "ISKP")
    isis = entity_id("ArmedGroup", "Islamic State")
    with store.writer() as w:
        w.add_statements(make.relation("BranchOf", iskp, isis, startDate="2015-01"))
    rows = list(store.statements(StatementQuery(props=["target"], values=[isis])))
    assert len(rows) == 1
    assert rows[0].schema == "BranchOf"
    relation = store.entity(rows[0].entity_id)
    assert relation is not None
    assert relation.first("source") == iskp
    assert relation.first("startDate") == "2015-01"


def test_references_list_the_relations_of_a_cluster_as_the_reader_may_see_them(
    store: SQLStore,
) -> None:
    open_make, red_make = (
        StatementFactory("analyst:alice"),
        StatementFactory("analyst:a", tlp="red"),
    )
    iskp, isisk = entity_id("ArmedGroup", "ISKP"), entity_id("ArmedGroup", "ISIS-K")
    isis, taliban = entity_id("ArmedGroup", "Islamic State"), entity_id("ArmedGroup", "Taliban")
    attack = entity_id("Attack", "Kabul airport bombing")
    named = [(iskp, "ISKP"), (isisk, "ISIS-K"), (isis, "Islamic State"), (taliban, "Taliban")]
    with store.writer() as w:
        w.add_statements(open_make.make(i, "ArmedGroup", "name", n) for i, n in named)
        w.add_statements([open_make.make(attack, "Attack", "name", "Kabul airport bombing")])
        w.add_statements(open_make.relation("BranchOf", iskp, isis))
        w.add_statements(open_make.relation("Claimed", isisk, attack))
        w.add_statements(red_make.relation("RivalOf", taliban, isisk))
        w.add_judgement(Judgement(iskp, isisk, "same", "analyst:alice", "one group"))
    found = store.references([iskp], ["source", "target"])
    full = list(store.statements(StatementQuery(props=["source", "target"], values=[iskp])))
    assert [(r.statement_id, r.entity_id, r.schema) for r in found] == [
        (s.id, s.entity_id, s.schema) for s in full
    ]
    assert sorted(r.schema for r in found) == ["BranchOf", "Claimed", "RivalOf"]
    green = store.as_viewer(Viewer(LOCAL_ORG, "green", user="g"))
    assert sorted(r.schema for r in green.references([iskp], ["source", "target"])) == [
        "BranchOf",
        "Claimed",
    ]
    assert [r.schema for r in store.references([attack], ["target"])] == ["Claimed"]
    assert store.references([attack], ["source"]) == []


def test_migrate_is_idempotent_and_matches_tables(store_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    first = open_store(store_url)
    first.close()
    with open_store(store_url) as again, again.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_search_index})
        diff = compare_metadata(context, _declared_tables())
        assert diff == [], f"migrations drifted from store/tables.py: {diff}"


TABLE_MODULES = (
    "overhorizon.store.tables",
    "overhorizon.audit.tables",
    "overhorizon.policy.tables",
    "overhorizon.sharing.taxii.tables",
)
"""Every module that declares tables; each subsystem's migrations must match its module."""


def _declared_tables() -> MetaData:
    combined = MetaData()
    for name in TABLE_MODULES:
        for table in importlib.import_module(name).metadata.tables.values():
            table.to_metadata(combined)
    return combined


def _not_search_index(name: str | None, kind: str, _parents: object) -> bool:
    """Full-text search lives in dialect-specific tables and indexes outside tables.py."""
    return not (name or "").startswith(("documents_fts", "names_fts", "ix_documents_fts")) and (
        name != "ix_statements_names_fts"
    )


def test_views_follow_the_model(store: SQLStore) -> None:
    _gid, stmts = _group_statements()
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(stmts)
    model = load_model()
    inspector = inspect(store.engine)
    existing = set(inspector.get_view_names())
    for schema in model:
        assert view_name(schema) in existing
        columns = [c["name"] for c in inspector.get_columns(view_name(schema))]
        assert columns == view_columns(schema)
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT name, strength FROM v_armed_group")).one()
    assert row.name == "Islamic State Khorasan Province"
    assert row.strength == "1500..2200 | 4000..6000"


def _fields(stmt: Statement) -> dict[str, object]:
    return {f: getattr(stmt, f) for f in Statement.__dataclass_fields__}


_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
_moment = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)


@st.composite
def statements(draw: st.DrawFn) -> Statement:
    start = draw(st.none() | st.integers(0, 10_000))
    seen = draw(_moment)
    return Statement(
        entity_id=draw(st.from_regex(r"[a-z0-9][a-z0-9._:-]{0,30}", fullmatch=True)),
        schema=draw(st.sampled_from(["ArmedGroup", "Person", "Attack", "Place"])),
        prop=draw(st.sampled_from(["name", "alias", "description", "killed", "country"])),
        value=" ".join(draw(_text).split()),
        origin=draw(st.sampled_from(["extractor:x@1", "analyst:bob", "import:un"])),
        document_id=None if start is None else REPORT.id,
        span_start=start,
        span_end=None if start is None else start + draw(st.integers(0, 500)),
        confidence=draw(st.floats(0, 1)),
        reliability=draw(st.sampled_from("ABCDEF")),
        asserted_by=draw(st.none() | _text),
        tlp=draw(st.sampled_from(TLP_LEVELS)),
        groups=frozenset(draw(st.lists(st.sampled_from(["ct-cell", "partners", "نخبة"])))),
        first_seen=seen,
        last_seen=seen + timedelta(seconds=draw(st.integers(0, 10**6))),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(statements(), min_size=1, max_size=25, unique_by=lambda s: s.id))
def test_random_statements_round_trip(store: SQLStore, batch: list[Statement]) -> None:
    with store.writer() as w:
        w.add_document(REPORT)
        w.add_statements(batch)
    try:
        ids = [s.entity_id for s in batch]
        back = {s.id: s for s in store.statements(StatementQuery(entity_ids=ids))}
        for original in batch:
            stored = back[original.id]
            assert _fields(stored) == _fields(original) | {
                "first_seen": stored.first_seen,
                "last_seen": stored.last_seen,
            }
            assert abs(stored.first_seen - original.first_seen) < timedelta(milliseconds=1)
            assert abs(stored.last_seen - original.last_seen) < timedelta(milliseconds=1)
    finally:
        with store.writer() as w:
            w.delete_statements(s.id for s in batch)
