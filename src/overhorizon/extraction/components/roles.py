"""Targets and weapons of attacks from the MUC-4 role tagger (a fine-tuned MiniLM).

The rule-based attack reader finds one target phrase, weapon words and victims; the tagger adds
the fillers it reads, each to the attack whose text it lies in, with the sentence it came
from (its victims as the attack's victims named as a group, since the tagger does not tell a
named person from a description). Its perpetrators are left out here: who is behind an attack
is the responsibility reader's, with its claims and attributions. The model loads on the first
document, not at import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from overhorizon.extraction.roles.decode import RoleEntity
from overhorizon.extraction.roles.tagger import RoleTagger, packaged_tagger
from overhorizon.extraction.work import Work

_FIELDS = {"Target": "targets", "Weapon": "weapons", "Victim": "victim_groups"}


class RolesComponent:
    """Adds the tagger's Target, Weapon and Victim fillers to the attacks they belong to."""

    name = "overhorizon.roles.v1"
    requires: tuple[str, ...] = ("sentences", "events", "scopes")
    assigns: tuple[str, ...] = ("events",)

    def __init__(self, tagger: RoleTagger | None = None, batch_size: int = 16) -> None:
        self._tagger = tagger
        self.batch_size = batch_size

    @property
    def tagger(self) -> RoleTagger:
        if self._tagger is None:
            self._tagger = packaged_tagger()
        return self._tagger

    def __call__(self, work: Work) -> None:
        self.fill(work, self.tagger.extract([work.document.text])[0])

    def pipe(self, works: Iterable[Work]) -> Iterator[Work]:
        stream = iter(works)
        while batch := list(islice(stream, self.batch_size)):
            found = self.tagger.extract([work.document.text for work in batch])
            for work, entities in zip(batch, found, strict=True):
                self.fill(work, entities)
                yield work

    def fill(self, work: Work, entities: dict[str, list[RoleEntity]]) -> None:
        if not work.events:
            return
        for role, field in _FIELDS.items():
            for entity in entities.get(role, []):
                span = entity.best
                attack = work.event_at(span.start)
                if attack is None:
                    continue
                items: list[tuple[str, int]] = getattr(attack, field)
                if all(text.lower() != span.text.lower() for text, _ in items):
                    items.append((span.text, work.sentence_at(span.start)))
