"""The store as one recipient may see it: the only way the exporter reads statements.

A statement the recipient may not see is dropped here, before anything is built from it, so an
entity exists for them only through statements they can see, and documents they may not read
are neither exported nor consulted (not even for which of two figures is the headline).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from overhorizon.analysis.sources import SourceCache
from overhorizon.model.document import Document
from overhorizon.model.entity import Entity
from overhorizon.model.statement import Statement
from overhorizon.sharing.markings import Marking, Recipient, tlp_rank
from overhorizon.store.base import Store

_CHUNK = 500


class RecipientView:
    """Entities and documents filtered for one recipient, with a tally of what was withheld."""

    def __init__(self, store: Store, recipient: Recipient) -> None:
        self.store = store
        self.recipient = recipient
        self.withheld: Counter[str] = Counter()
        """Why things were left out, for the sender's summary (never written to a bundle)."""
        self.sources = VisibleSources(store, recipient)

    def may_see(self, stmt: Statement) -> bool:
        marking = Marking.of(stmt)
        if self.recipient.may_see(marking):
            return True
        if tlp_rank(marking.tlp) > tlp_rank(self.recipient.max_tlp):
            self.withheld["statements above the recipient's TLP"] += 1
        else:
            self.withheld["statements outside the recipient's groups"] += 1
        return False

    def entities(self, entity_ids: Sequence[str]) -> list[Entity]:
        """The entities among ``entity_ids`` with at least one visible statement, each made of
        its visible statements only (its type too is read from those)."""
        found: dict[str, Entity] = {}
        for start in range(0, len(entity_ids), _CHUNK):
            for entity in self.store.entities(entity_ids[start : start + _CHUNK]):
                if entity.id in found:
                    continue
                visible = [s for s in entity.statements if self.may_see(s)]
                if visible:
                    found[entity.id] = Entity.from_statements(entity.id, visible)
                else:
                    self.withheld["entities with no visible statement"] += 1
        return list(found.values())

    def document(self, document_id: str | None) -> Document | None:
        return self.sources.document(document_id) if document_id else None


class VisibleSources(SourceCache):
    """A source cache that answers for a document the recipient may not read as for a
    missing one."""

    def __init__(self, store: Store, recipient: Recipient) -> None:
        super().__init__(store)
        self.recipient = recipient

    def document(self, document_id: str) -> Document | None:
        doc = super().document(document_id)
        return doc if doc is not None and self.recipient.may_see(Marking.of(doc)) else None
