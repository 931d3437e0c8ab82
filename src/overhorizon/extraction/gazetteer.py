"""The names of known groups and people, read from the reference knowledge in the store.

Only imported statements count (origin ``import:...``): names the extractor found itself must
not teach it new aliases, or one wrong match would repeat itself in every later document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from overhorizon.extraction.work import Actor
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.model.types import name_key
from overhorizon.store.base import StatementQuery, Store

REFERENCE_PREFIX = "import:"


@dataclass(frozen=True, slots=True)
class Alias:
    """One name of one known entity."""

    text: str
    actor: Actor
    is_name: bool
    """A ``name`` (the entity's own) rather than an ``alias``: preferred when keys collide."""


class Gazetteer:
    """Known names by lookup key, with the branch links used to read "X's Khorasan branch"."""

    def __init__(
        self,
        aliases: Iterable[Alias] = (),
        branches: Iterable[tuple[str, str]] = (),
        countries: dict[str, set[str]] | None = None,
    ) -> None:
        self.aliases = list(aliases)
        self.by_key: dict[str, list[Alias]] = defaultdict(list)
        for alias in self.aliases:
            key = name_key(alias.text)
            if key and all(a.actor.entity_id != alias.actor.entity_id for a in self.by_key[key]):
                self.by_key[key].append(alias)
        self.actors = {a.actor.entity_id: a.actor for a in self.aliases}
        self.names: dict[str, list[str]] = defaultdict(list)
        for alias in self.aliases:
            self.names[alias.actor.entity_id].append(alias.text)
        self.children: dict[str, list[str]] = defaultdict(list)
        for child, parent in branches:
            self.children[parent].append(child)
        self.countries = countries or {}

    def __len__(self) -> int:
        return len(self.aliases)

    def lookup(self, text: str) -> Actor | None:
        """The one entity a name denotes, or None when unknown or ambiguous between entities."""
        return self.resolve_key(name_key(text))

    def resolve_key(self, key: str) -> Actor | None:
        found = self.by_key.get(key, [])
        if len(found) > 1:
            named = [a for a in found if a.is_name]
            found = named if len(named) == 1 else found
        return found[0].actor if len(found) == 1 else None

    def branches_of(self, parent: Actor) -> list[Actor]:
        """Known branches of ``parent``: by BranchOf links, else by names that extend its name."""
        linked = [
            self.actors[c] for c in self.children.get(parent.entity_id, ()) if c in self.actors
        ]
        if linked:
            return linked
        stem = name_key(parent.name)
        return [
            actor
            for actor in self.actors.values()
            if actor.entity_id != parent.entity_id
            and actor.schema != "Person"
            and any(name_key(n).startswith(stem) for n in self.names[actor.entity_id])
        ]

    @classmethod
    def from_statements(cls, statements: Iterable[Statement]) -> Gazetteer:
        """Names and aliases of actors, and BranchOf links, from imported statements."""
        model = load_model()
        rows = [s for s in statements if s.origin.startswith(REFERENCE_PREFIX)]
        captions: dict[str, str] = {}
        schemata: dict[str, str] = {}
        for stmt in rows:
            if stmt.schema in model and model[stmt.schema].is_a("Actor"):
                schemata.setdefault(stmt.entity_id, stmt.schema)
                if stmt.prop == "name":
                    captions.setdefault(stmt.entity_id, stmt.value)
        aliases = []
        countries: dict[str, set[str]] = defaultdict(set)
        edges: dict[str, dict[str, str]] = defaultdict(dict)
        for stmt in rows:
            if stmt.entity_id in schemata and stmt.prop in ("name", "alias"):
                caption = captions.get(stmt.entity_id, stmt.value)
                actor = Actor(stmt.entity_id, schemata[stmt.entity_id], caption)
                aliases.append(Alias(stmt.value, actor, stmt.prop == "name"))
            elif stmt.entity_id in schemata and stmt.prop == "country":
                countries[stmt.entity_id].add(stmt.value)
            elif stmt.schema == "BranchOf" and stmt.prop in ("source", "target"):
                edges[stmt.entity_id][stmt.prop] = stmt.value
        branches = [(e["source"], e["target"]) for e in edges.values() if len(e) == 2]
        return cls(aliases, branches, dict(countries))

    @classmethod
    def from_seed(cls) -> Gazetteer:
        """The packaged curated seed, for runs without a store (empty if it is not shipped)."""
        try:
            from overhorizon.reference import seed_records, seed_relations
        except ImportError:
            return cls()
        model = load_model()
        aliases: list[Alias] = []
        countries: dict[str, set[str]] = defaultdict(set)
        for record in seed_records():
            if record.schema not in model or not model[record.schema].is_a("Actor"):
                continue
            actor = Actor(record.id, record.schema, record.name)
            aliases.extend(Alias(n, actor, n == record.name) for n in record.names)
            countries[record.id].update(v for p, v in record.properties if p == "country")
        branches = [
            (rel.source.id, rel.target.id) for rel in seed_relations() if rel.schema == "BranchOf"
        ]
        return cls(aliases, branches, dict(countries))

    @classmethod
    def from_store(cls, store: Store) -> Gazetteer:
        """The reference knowledge currently in ``store``."""
        model = load_model()
        actor_types = [s.name for s in model.descendants("Actor")]
        query = StatementQuery(
            schemata=[*actor_types, "BranchOf"],
            props=["name", "alias", "country", "source", "target"],
            origin_prefix=REFERENCE_PREFIX,
        )
        return cls.from_statements(store.statements(query))
