"""What a reference import did, and the one write path every importer shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.store.base import StatementQuery, Store


@dataclass(frozen=True)
class ImportSummary:
    """Counts of what one import produced; ``new`` says how much the store did not have yet."""

    source: str
    entities: int
    """Groups, organisations and outlets (everything but people and relations)."""
    persons: int
    relations: int
    aliases: int
    """Alias statements (names other than the canonical one)."""
    statements: int
    new: int
    """Statements that were not in the store before; 0 when the same data is imported again."""

    def __str__(self) -> str:
        return (
            f"{self.entities} entities, {self.persons} persons, {self.relations} relations, "
            f"{self.aliases} aliases, {self.statements} statements ({self.new} new)"
        )

    def lines(self) -> list[str]:
        return [
            f"source:     {self.source}",
            f"entities:   {self.entities}",
            f"persons:    {self.persons}",
            f"relations:  {self.relations}",
            f"aliases:    {self.aliases}",
            f"statements: {self.statements} ({self.new} new)",
        ]


def write(store: Store, source: str, statements: Sequence[Statement]) -> ImportSummary:
    """Store ``statements`` in one transaction and count what they describe and add."""
    model = load_model()
    schemata: dict[str, str] = {}
    for stmt in statements:
        schemata.setdefault(stmt.entity_id, stmt.schema)
    before = {s.id for s in store.statements(StatementQuery(entity_ids=sorted(schemata)))}
    with store.writer() as writer:
        writer.add_statements(statements)
    kinds = [model[schema] for schema in schemata.values()]
    return ImportSummary(
        source=source,
        entities=sum(1 for k in kinds if not k.is_relation and not k.is_a("Person")),
        persons=sum(1 for k in kinds if k.is_a("Person")),
        relations=sum(1 for k in kinds if k.is_relation),
        aliases=len({s.id for s in statements if s.prop == "alias"}),
        statements=len({s.id for s in statements}),
        new=len({s.id for s in statements} - before),
    )
