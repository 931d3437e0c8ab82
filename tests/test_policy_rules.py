"""The visibility rule, in Python (``may_read``) and in SQL (the store's filter), held to the same
answers on random markings, owners and readers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from overhorizon.errors import InvalidValueError, PermissionDeniedError
from overhorizon.model.builder import StatementFactory
from overhorizon.model.statement import TLP_LEVELS, Statement
from overhorizon.policy import LOCAL_ORG, Ceiling, Viewer, may_read
from overhorizon.store import SQLStore, StatementQuery

GROUPS = ("g1", "g2", "g3")
ORGS = (LOCAL_ORG, "allied")


def _writer(org: str) -> Viewer:
    return Viewer(org, "red", frozenset(GROUPS), None, user=f"writer-{org}", role="analyst")


def test_rule_examples() -> None:
    local_red = Viewer(LOCAL_ORG, "red", frozenset({"g1"}))
    allied = Viewer("allied", "red", frozenset({"g1"}), Ceiling("amber", frozenset()))
    assert may_read(local_red, "red", ["g1"], LOCAL_ORG)
    assert not may_read(local_red, "red", ["g1", "g2"], LOCAL_ORG)
    assert not may_read(allied, "amber+strict", [], LOCAL_ORG)
    assert may_read(allied, "amber", [], LOCAL_ORG)
    assert not may_read(allied, "amber", ["g1"], LOCAL_ORG)
    assert may_read(allied, "red", ["g1"], "allied")
    assert not may_read(Viewer(LOCAL_ORG, "green"), "amber", [], LOCAL_ORG)
    with pytest.raises(InvalidValueError):
        Viewer(LOCAL_ORG, "white")


_marking = st.tuples(
    st.sampled_from(TLP_LEVELS),
    st.frozensets(st.sampled_from(GROUPS), max_size=2),
    st.sampled_from(ORGS),
)
_viewer = st.builds(
    Viewer,
    org=st.sampled_from(ORGS),
    clearance=st.sampled_from(TLP_LEVELS),
    groups=st.frozensets(st.sampled_from(GROUPS)),
    cap=st.none()
    | st.builds(Ceiling, st.sampled_from(TLP_LEVELS), st.frozensets(st.sampled_from(GROUPS))),
)


@pytest.fixture
def marked(store: SQLStore) -> Iterator[tuple[SQLStore, list[tuple[Statement, str]]]]:
    """One statement for every marking and owner, each on an entity of its own."""
    written: list[tuple[Statement, str]] = []
    for org in ORGS:
        batch = []
        for tlp in TLP_LEVELS:
            for groups in (frozenset(), frozenset({"g1"}), frozenset({"g1", "g2"})):
                make = StatementFactory("analyst:t", tlp=tlp, groups=groups)
                eid = f"grp-{org}-{tlp}-{'-'.join(sorted(groups))}"
                batch.append(make.make(eid, "ArmedGroup", "name", f"N {org} {tlp} {len(groups)}"))
        with store.as_viewer(_writer(org)).writer() as w:
            w.add_statements(batch)
        written += [(s, org) for s in batch]
    yield store, written


@pytest.mark.store
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(viewer=_viewer)
def test_sql_filter_agrees_with_the_rule(
    marked: tuple[SQLStore, list[tuple[Statement, str]]], viewer: Viewer
) -> None:
    store, written = marked
    expected = {s.entity_id for s, org in written if may_read(viewer, s.tlp, s.groups, org)}
    seen = store.as_viewer(viewer)
    assert {s.entity_id for s in seen.statements()} == expected
    assert set(seen.entity_ids()) == expected
    assert seen.counts().get("ArmedGroup", 0) == len(expected)
    for stmt, _org in written:
        assert (seen.ids_by_name(stmt.value) != []) == (stmt.entity_id in expected)


@pytest.mark.store
def test_two_viewers_see_only_what_both_may(
    marked: tuple[SQLStore, list[tuple[Statement, str]]],
) -> None:
    store, written = marked
    user = Viewer(LOCAL_ORG, "red", frozenset({"g1"}), user="u", role="analyst")
    partner = Viewer(
        "allied", "amber", frozenset({"g1", "g2"}), Ceiling("amber", frozenset({"g1"}))
    )
    both = store.as_viewer(user).as_viewer(partner)
    expected = {
        s.entity_id
        for s, org in written
        if may_read(user, s.tlp, s.groups, org) and may_read(partner, s.tlp, s.groups, org)
    }
    assert {s.entity_id for s in both.statements()} == expected
    with pytest.raises(PermissionDeniedError):
        both.writer()


@pytest.mark.store
def test_each_organisation_keeps_its_own_row_of_a_shared_fact(store: SQLStore) -> None:
    """A fact another organisation holds under a marking the writer cannot read is stored
    again for the writer, so their write neither disappears nor reveals the hidden row."""
    fact = StatementFactory("analyst:t", tlp="red").make("grp-x", "ArmedGroup", "name", "Xeno")
    with store.writer() as w:
        w.add_statements([fact])
    allied = Viewer("allied", "green", user="a", role="analyst")
    with store.as_viewer(allied).writer() as w:
        w.add_statements(
            [StatementFactory("analyst:t").make("grp-x", "ArmedGroup", "name", "Xeno")]
        )
    mine = list(store.as_viewer(allied).statements(StatementQuery(entity_ids=["grp-x"])))
    assert [(s.value, s.tlp) for s in mine] == [("Xeno", "clear")]
    assert sorted(s.tlp for s in store.statements(StatementQuery(entity_ids=["grp-x"]))) == [
        "clear",
        "red",
    ]


@pytest.mark.store
def test_writes_are_raised_to_the_users_default_and_kept_within_their_clearance(
    store: SQLStore,
) -> None:
    analyst = Viewer(LOCAL_ORG, "amber", frozenset({"g1"}), user="a", role="analyst")
    as_analyst = store.as_viewer(analyst, defaults=("green", frozenset({"g1"})))
    make = StatementFactory("analyst:a")
    with as_analyst.writer() as w:
        w.add_statements([make.make("grp-y", "ArmedGroup", "name", "Yankee")])
    (stored,) = store.statements(StatementQuery(entity_ids=["grp-y"]))
    assert (stored.tlp, stored.groups) == ("green", frozenset({"g1"}))
    with pytest.raises(PermissionDeniedError), as_analyst.writer() as w:
        w.add_statements(
            [StatementFactory("analyst:a", tlp="red").make("grp-z", "ArmedGroup", "name", "Z")]
        )
    assert list(store.statements(StatementQuery(entity_ids=["grp-z"]))) == []
    reader = store.as_viewer(Viewer(LOCAL_ORG, "red", user="r", role="reader"))
    with pytest.raises(PermissionDeniedError):
        reader.writer()
