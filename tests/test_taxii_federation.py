"""Two overhorizon instances of two organisations federate over TAXII.

``alpha`` (on the suite's database, SQLite or PostgreSQL) shares up to GREEN with ``bravo``;
``bravo`` (on SQLite) shares up to AMBER with ``alpha``. Each runs the full web application
on its own port, holds a user for the other's puller, and pulls the other's collection. Each
must then hold exactly what the other may share with it, under the other's name and with the
other's markings, and a second round of pulls must bring nothing new: nothing is sent back to
where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from overhorizon.model.builder import StatementFactory, entity_id
from overhorizon.model.statement import Statement
from overhorizon.policy.admin import Admin
from overhorizon.sharing.taxii.client import pull
from overhorizon.store import SQLStore, open_store
from overhorizon.store.tables import statements
from overhorizon.web import create_app
from test_taxii_support import PASSWORD, LiveServer

pytestmark = pytest.mark.store

KITE = entity_id("ArmedGroup", "Kite Brigade")
LARK = entity_id("ArmedGroup", "Lark Front")
MOLE = entity_id("ArmedGroup", "Mole Cell")
NEWT = entity_id("ArmedGroup", "Newt Circle")
OAK = entity_id("ArmedGroup", "Oak Column")
PINE = entity_id("ArmedGroup", "Pine Unit")
QUAIL = entity_id("ArmedGroup", "Quail Ring")
ROOK = entity_id("ArmedGroup", "Rook Band")
RAVEN = entity_id("ArmedGroup", "Raven Hand")

Row = tuple[str, str, str, str, str]
"""(entity, property, value, TLP, groups) of a statement."""


def _alpha_facts() -> list[Statement]:
    clear = StatementFactory("analyst:ops")
    green = StatementFactory("analyst:ops", tlp="green")
    amber = StatementFactory("analyst:ops", tlp="amber")
    red = StatementFactory("analyst:ops", tlp="red")
    desk = StatementFactory("analyst:ops", groups=frozenset({"a-desk"}))
    return [
        clear.make(KITE, "ArmedGroup", "name", "Kite Brigade"),
        green.make(LARK, "ArmedGroup", "name", "Lark Front"),
        amber.make(MOLE, "ArmedGroup", "name", "Mole Cell"),
        red.make(NEWT, "ArmedGroup", "name", "Newt Circle"),
        amber.make(KITE, "ArmedGroup", "alias", "Kite Amber Alias"),
        desk.make(LARK, "ArmedGroup", "description", "desk only: Lark moves at night"),
        *green.relation("BranchOf", KITE, LARK),
        *red.relation("CooperatesWith", KITE, LARK),
        *clear.relation("RivalOf", KITE, MOLE),
    ]


def _bravo_facts() -> list[Statement]:
    clear = StatementFactory("analyst:desk")
    green = StatementFactory("analyst:desk", tlp="green")
    amber = StatementFactory("analyst:desk", tlp="amber")
    strict = StatementFactory("analyst:desk", tlp="amber+strict")
    red = StatementFactory("analyst:desk", tlp="red")
    return [
        clear.make(OAK, "ArmedGroup", "name", "Oak Column"),
        green.make(PINE, "ArmedGroup", "name", "Pine Unit"),
        amber.make(QUAIL, "ArmedGroup", "name", "Quail Ring"),
        strict.make(ROOK, "ArmedGroup", "name", "Rook Band"),
        red.make(RAVEN, "ArmedGroup", "name", "Raven Hand"),
        clear.make(KITE, "ArmedGroup", "name", "Kite Brigade"),
        clear.make(KITE, "ArmedGroup", "description", "Bravo saw Kite at the border"),
        *amber.relation("RivalOf", OAK, QUAIL),
        *red.relation("CooperatesWith", OAK, PINE),
        *strict.relation("BranchOf", PINE, OAK),
    ]


def _setup(url: str, facts: list[Statement], partner: str, ceiling: str, group: str) -> None:
    with open_store(url) as store:
        admin = Admin(store)
        admin.add_organisation(partner, title=f"{partner} agency", max_tlp=ceiling)
        admin.add_group(group, org="local")
        admin.add_user(f"{partner}-puller", org=partner, clearance=ceiling, password=PASSWORD)
        with store.writer() as w:
            w.add_statements(facts)


def _rows(store: SQLStore, org: str) -> set[Row]:
    s = statements
    sql = select(s.c.entity_id, s.c.prop, s.c.value, s.c.tlp, s.c.groups).where(s.c.org == org)
    with store.engine.connect() as conn:
        return {(r.entity_id, r.prop, r.value, r.tlp, r.groups) for r in conn.execute(sql)}


def _shareable(facts: list[Statement], levels: tuple[str, ...]) -> set[Row]:
    """What a partner receiving up to the last of ``levels`` (and no group) may receive: the
    statements so marked, a relation's only when both its ends exist for the partner."""
    kept = [s for s in facts if s.tlp in levels and not s.groups]
    ends = ("source", "target")
    entities = {s.entity_id for s in kept if s.prop not in ends}
    hidden = {s.entity_id for s in kept if s.prop in ends and s.value not in entities}
    return {(s.entity_id, s.prop, s.value, s.tlp, "[]") for s in kept if s.entity_id not in hidden}


@pytest.fixture
def instances(store_url: str, tmp_path: Path) -> Iterator[tuple[str, LiveServer, str, LiveServer]]:
    bravo_url = f"sqlite:///{tmp_path / 'bravo.db'}"
    _setup(store_url, _alpha_facts(), "bravo", "green", "a-desk")
    _setup(bravo_url, _bravo_facts(), "alpha", "amber", "b-desk")
    with ExitStack() as stack:
        apps = [create_app(store_url), create_app(bravo_url)]
        for app in apps:
            stack.callback(app.state.store.close)
        alpha, bravo = (stack.enter_context(LiveServer(app)) for app in apps)
        yield store_url, alpha, bravo_url, bravo


def test_two_instances_federate(instances: tuple[str, LiveServer, str, LiveServer]) -> None:
    alpha_url, alpha, bravo_url, bravo = instances
    with open_store(alpha_url) as at_alpha, open_store(bravo_url) as at_bravo:
        to_bravo = pull(
            at_bravo, alpha.taxii, "tlp-green", user="bravo-puller", password=PASSWORD,
            org="alpha",
        )  # fmt: skip
        to_alpha = pull(
            at_alpha, bravo.taxii, "tlp-amber", user="alpha-puller", password=PASSWORD,
            org="bravo",
        )  # fmt: skip
        assert to_bravo.objects > 0 and to_alpha.objects > 0

        received_by_bravo = _rows(at_bravo, "alpha")
        assert received_by_bravo == _shareable(_alpha_facts(), ("clear", "green"))
        received_by_alpha = _rows(at_alpha, "bravo")
        assert received_by_alpha == _shareable(_bravo_facts(), ("clear", "green", "amber"))
        assert (PINE, "name", "Pine Unit", "green", "[]") in received_by_alpha
        assert (QUAIL, "name", "Quail Ring", "amber", "[]") in received_by_alpha
        assert not {ROOK, RAVEN} & {row[0] for row in received_by_alpha}
        assert not {MOLE, NEWT} & {row[0] for row in received_by_bravo}
        for store, partner in ((at_alpha, "bravo"), (at_bravo, "alpha")):
            mine = [s for s in store.statements() if s.origin.startswith("import:stix:")]
            assert mine and all(s.origin.startswith(f"import:stix:{partner}/") for s in mine)
        assert len(_rows(at_alpha, "local")) == len(_alpha_facts())
        assert len(_rows(at_bravo, "local")) == len(_bravo_facts())

        counts = (at_alpha.counts()["statements"], at_bravo.counts()["statements"])
        for _ in range(2):
            again_bravo = pull(
                at_bravo, alpha.taxii, "tlp-green", user="bravo-puller", password=PASSWORD,
                org="alpha",
            )  # fmt: skip
            again_alpha = pull(
                at_alpha, bravo.taxii, "tlp-amber", user="alpha-puller", password=PASSWORD,
                org="bravo",
            )  # fmt: skip
            assert again_bravo.objects == 0 and again_alpha.objects == 0
            assert again_bravo.mark == to_bravo.mark and again_alpha.mark == to_alpha.mark
        assert (at_alpha.counts()["statements"], at_bravo.counts()["statements"]) == counts
