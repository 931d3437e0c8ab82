"""A small world of organisations, users and marked facts that the access-control tests share.

Organisations: ``local`` (runs the instance), ``allied`` (may receive up to GREEN), ``rival``
(may receive up to AMBER). Facts, all written by the local operator unless said otherwise:

- ALPHA and BRAVO, two CLEAR groups; CHARLIE, a RED one (it exists only for RED readers of
  ``local``); ALPHA has an AMBER+STRICT alias, "Zulu Veil";
- COOP: ALPHA cooperates with BRAVO, marked RED (a restricted link between visible entities);
- RIVALS: ALPHA rival of CHARLIE, marked CLEAR (a visible link to a restricted entity);
- BRANCH: BRAVO branch of ALPHA, GREEN;
- SECRET_DOC: a RED report whose statements about BRAVO are CLEAR (they must still hide);
- WING: "Alpha Secret Wing", RED, merged with ALPHA; a "not the same" judgement between ALPHA
  and BRAVO whose reason names the strict alias;
- CELL_NOTE: a CLEAR description of BRAVO for the ``ct-cell`` need-to-know group.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.policy.admin import Admin
from overhorizon.resolution import judgements as decisions
from overhorizon.store import SQLStore
from overhorizon.store.base import Judgement

PASSWORD = "correct horse battery staple"

ALPHA = entity_id("ArmedGroup", "Alpha Front")
BRAVO = entity_id("ArmedGroup", "Bravo Brigade")
CHARLIE = entity_id("ArmedGroup", "Cobalt Cell")
WING = entity_id("ArmedGroup", "Alpha Secret Wing")
COOP = relation_id("CooperatesWith", ALPHA, BRAVO)
RIVALS = relation_id("RivalOf", ALPHA, CHARLIE)
BRANCH = relation_id("BranchOf", BRAVO, ALPHA)

SECRET_DOC = Document(
    text="Bravo Brigade moved 400 fighters across the river on orders from its new emir.",
    title="Source Nightingale debrief",
    publisher="Liaison desk",
    published=date(2024, 3, 1),
    source="vault/nightingale-debrief.md",
    tlp="red",
)
OPEN_DOC = Document(
    text="Alpha Front and Bravo Brigade held a rally in the square.",
    title="Rally report",
    publisher="Horizon Wire",
    published=date(2024, 2, 1),
    source="open/rally.md",
)

HIDDEN_WORDS = ("Cobalt Cell", "Zulu Veil", "Alpha Secret Wing", "Nightingale", "ct-cell note")
"""Text only a RED reader of ``local`` (in ``ct-cell`` for the last) may ever read."""


@dataclass
class World:
    tokens: dict[str, str]
    """User name -> an API token of theirs."""
    judgements: dict[str, Judgement]


USERS: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "red": ("local", "analyst", "red", ("ct-cell",)),
    "amber": ("local", "reader", "amber", ()),
    "green": ("local", "analyst", "green", ()),
    "allied-red": ("allied", "analyst", "red", ()),
    "allied-admin": ("allied", "org_admin", "amber", ()),
    "rival-amber": ("rival", "reader", "amber", ("ct-cell",)),
}
"""name -> (organisation, role, clearance, groups)."""


def statements_of_world() -> list[Statement]:
    clear = StatementFactory("analyst:ops")
    green = StatementFactory("analyst:ops", tlp="green")
    red = StatementFactory("analyst:ops", tlp="red")
    strict = StatementFactory("analyst:ops", tlp="amber+strict")
    cell = StatementFactory("analyst:ops", groups=frozenset({"ct-cell"}))
    from_secret = StatementFactory("extractor:test@1", document=SECRET_DOC)
    from_open = StatementFactory("extractor:test@1", document=OPEN_DOC)
    secret_clear = StatementFactory("extractor:test@1", document=SECRET_DOC)
    secret_clear.tlp = "clear"
    return [
        clear.make(ALPHA, "ArmedGroup", "name", "Alpha Front"),
        clear.make(BRAVO, "ArmedGroup", "name", "Bravo Brigade"),
        red.make(CHARLIE, "ArmedGroup", "name", "Cobalt Cell"),
        strict.make(ALPHA, "ArmedGroup", "alias", "Zulu Veil"),
        red.make(WING, "ArmedGroup", "name", "Alpha Secret Wing"),
        *red.relation("CooperatesWith", ALPHA, BRAVO),
        *clear.relation("RivalOf", ALPHA, CHARLIE),
        *green.relation("BranchOf", BRAVO, ALPHA),
        from_secret.make(BRAVO, "ArmedGroup", "strength", "400", span=(0, 40)),
        secret_clear.make(BRAVO, "ArmedGroup", "description", "Nightingale says 400 moved"),
        from_open.make(ALPHA, "ArmedGroup", "alias", "Alpha Front", span=(0, 11)),
        cell.make(BRAVO, "ArmedGroup", "description", "ct-cell note: meets on Fridays"),
    ]


def build(store: SQLStore) -> World:
    """Fill an empty store (as its local operator) with the world above."""
    admin = Admin(store)
    admin.add_organisation("allied", title="Allied agency", max_tlp="green")
    admin.add_organisation("rival", title="Rival agency", max_tlp="amber")
    admin.add_group("ct-cell", org="local")
    tokens = {}
    for name, (org, role, clearance, groups) in USERS.items():
        admin.add_user(
            name, org=org, role=role, clearance=clearance, groups=groups, password=PASSWORD
        )
        tokens[name] = admin.create_token(name)[1]
    with store.writer() as w:
        w.add_document(SECRET_DOC)
        w.add_document(OPEN_DOC)
        w.add_statements(statements_of_world())
    merged = decisions.merge(store, ALPHA, WING, "ops", "same emir per Nightingale")
    apart = decisions.distinguish(store, ALPHA, BRAVO, "ops", "Zulu Veil is not Bravo")
    return World(tokens, {"merged": merged, "apart": apart})
