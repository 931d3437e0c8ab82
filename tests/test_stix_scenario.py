"""A small store with every kind of marking the STIX tests need, built from real statements.

Two reports: a GREEN news article and an AMBER liaison note. Inside them, the leaks the
sharing issue lists: an AMBER alias of a GREEN group, an AMBER person cited from the GREEN
article, an AMBER relation between two GREEN groups, a GREEN relation to an AMBER-only group,
an AMBER toll that contradicts the GREEN one, a GREEN fact read from the AMBER note, and an
alias only the group "hum" may read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from overhorizon.model.builder import StatementFactory, entity_id, relation_id
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.sharing import Marking, Recipient
from overhorizon.store import Store

T0 = datetime(2024, 1, 10, 8, 0, tzinfo=UTC)

ARTICLE = Document(
    text=(
        "KABUL, Aug. 27 (Frontier Dispatch) - Islamic State Khorasan Province, also known as "
        "ISIS-K, claimed the bombing at the airport gate. At least 170 people were killed. "
        "The group's strength is put at 4,000 to 6,000 fighters. The Taliban condemned the "
        "attack and said they were at war with the group."
    ),
    title="Airport bombing claimed by ISKP",
    publisher="Frontier Dispatch",
    url="https://news.example.org/2021/08/27/airport",
    published=date(2021, 8, 27),
    language="en",
    reliability="B",
    tlp="green",
)
LIAISON = Document(
    text=(
        "Liaison note. The death toll at the airport has reached 183. A cell led by Abu Hamza "
        "organised the attack. ISKP strength is now estimated at 1,500 to 2,200."
    ),
    title="Liaison note 14",
    published=date(2021, 9, 2),
    reliability="C",
    tlp="amber",
)

ISKP = entity_id("ArmedGroup", "Islamic State Khorasan Province")
TALIBAN = entity_id("ArmedGroup", "Taliban")
CELL = entity_id("ArmedGroup", "Airport cell")
HAMZA = entity_id("Person", "Abu Hamza")
KABUL = entity_id("Place", "Kabul")
ATTACK = entity_id("Attack", "kabul-airport-2021-08-26")
CLAIMED = relation_id("Claimed", ISKP, ATTACK)
OPERATES = relation_id("OperatesIn", ISKP, KABUL)
RIVALS = relation_id("RivalOf", ISKP, TALIBAN)
COOPERATES = relation_id("CooperatesWith", ISKP, CELL)
MEMBER = relation_id("MemberOf", HAMZA, ISKP)
SUSPECTED = relation_id("AttributedTo", ATTACK, CELL)

AMBER_ALIAS = "Wilayat Khurasan"
GROUP_ALIAS = "Islamic Emirate"
AMBER_ONLY = (CELL, HAMZA, RIVALS, COOPERATES, MEMBER, SUSPECTED)
"""Entities and relations a GREEN reader must not learn exist."""


HUM = frozenset({"hum"})


def _amber(stmt: Statement) -> Statement:
    return replace(stmt, tlp="amber")


def _span(doc: Document, phrase: str) -> tuple[int, int]:
    start = doc.text.index(phrase)
    return start, start + len(phrase)


def scenario() -> tuple[list[Document], list[Statement]]:
    """The documents and statements, each statement with its own fixed first/last seen."""
    news = StatementFactory("extractor:test@1", document=ARTICLE)
    note = StatementFactory("extractor:test@1", document=LIAISON)
    alice = StatementFactory("analyst:alice", document=ARTICLE)
    s1 = _span(ARTICLE, "Islamic State Khorasan Province, also known as ISIS-K, claimed")
    s2 = _span(ARTICLE, "At least 170 people were killed.")
    s3 = _span(ARTICLE, "The group's strength is put at 4,000 to 6,000 fighters.")
    s4 = _span(ARTICLE, "The Taliban condemned the attack")
    n1 = _span(LIAISON, "The death toll at the airport has reached 183.")
    n2 = _span(LIAISON, "A cell led by Abu Hamza organised the attack.")
    n3 = _span(LIAISON, "ISKP strength is now estimated at 1,500 to 2,200.")
    rows: list[Statement] = [
        news.make(ISKP, "ArmedGroup", "name", "Islamic State Khorasan Province", span=s1),
        news.make(ISKP, "ArmedGroup", "alias", "ISIS-K", span=s1),
        _amber(alice.make(ISKP, "ArmedGroup", "alias", AMBER_ALIAS, span=s1, confidence=0.9)),
        news.make(ISKP, "ArmedGroup", "strength", "4000..6000", span=s3),
        note.make(ISKP, "ArmedGroup", "strength", "1500..2200", span=n3),
        news.make(TALIBAN, "ArmedGroup", "name", "Taliban", span=s4),
        replace(news.make(TALIBAN, "ArmedGroup", "alias", GROUP_ALIAS), groups=HUM),
        news.make(KABUL, "Place", "name", "Kabul", span=s1),
        news.make(KABUL, "Place", "country", "AF", span=s1),
        news.make(KABUL, "Place", "latitude", "34.5553", span=s1),
        news.make(KABUL, "Place", "longitude", "69.2075", span=s1),
        news.make(ATTACK, "Attack", "name", "Kabul airport bombing", span=s1),
        news.make(ATTACK, "Attack", "attackType", "suicide_bombing", span=s1),
        news.make(ATTACK, "Attack", "date", "2021-08-26", span=s1),
        news.make(ATTACK, "Attack", "killed", "170..", span=s2),
        news.make(ATTACK, "Attack", "place", KABUL, span=s1),
        note.make(ATTACK, "Attack", "killed", "183", span=n1),
        replace(note.make(ATTACK, "Attack", "weapon", "suicide vest", span=n2), tlp="green"),
        *news.relation("Claimed", ISKP, ATTACK, span=s1),
        *news.relation("OperatesIn", ISKP, KABUL, span=s1),
        *map(_amber, alice.relation("RivalOf", ISKP, TALIBAN, span=s4)),
        note.make(HAMZA, "Person", "name", "Abu Hamza", span=n2),
        _amber(alice.make(HAMZA, "Person", "position", "commander", span=s1)),
        *note.relation("MemberOf", HAMZA, ISKP, span=n2),
        *StatementFactory("analyst:bob", tlp="green").relation("CooperatesWith", ISKP, CELL),
        note.make(CELL, "ArmedGroup", "name", "Airport cell", span=n2),
        *note.relation("AttributedTo", ATTACK, CELL, span=n2, certainty="suspected"),
    ]
    statements = []
    for index, stmt in enumerate(rows):
        when = T0 + timedelta(minutes=index)
        statements.append(
            replace(stmt, first_seen=when, last_seen=when + timedelta(days=index % 3))
        )
    return [ARTICLE, LIAISON], statements


def fill(store: Store, documents: list[Document], statements: list[Statement]) -> None:
    with store.writer() as writer:
        for document in documents:
            writer.add_document(document)
        writer.add_statements(statements)


def visible_part(
    recipient: Recipient, documents: list[Document], statements: list[Statement]
) -> tuple[list[Document], list[Statement]]:
    """Exactly what ``recipient`` may know: their statements, cut loose from any document they
    may not read, and their documents."""
    docs = [d for d in documents if recipient.may_see(Marking.of(d))]
    readable = {d.id for d in docs}
    kept = []
    for stmt in statements:
        if not recipient.may_see(Marking.of(stmt)):
            continue
        if stmt.document_id is not None and stmt.document_id not in readable:
            stmt = replace(stmt, document_id=None, span_start=None, span_end=None)
        kept.append(stmt)
    return docs, kept


def test_the_scenario_holds_every_kind_of_marking() -> None:
    documents, statements = scenario()
    assert {d.tlp for d in documents} == {"green", "amber"}
    assert {s.tlp for s in statements} == {"green", "amber"}
    assert any(s.groups for s in statements)
    inside = [s for s in statements if s.tlp == "amber" and s.document_id == ARTICLE.id]
    assert {s.entity_id for s in inside} >= {ISKP, HAMZA, RIVALS}
