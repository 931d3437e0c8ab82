"""The store without what a partner itself sent: nothing goes back where it came from.

Statements pulled from a partner (or posted by its users) are filed under the origin
``import:stix:PARTNER``; serving them back to that partner would return its own facts to it
as ours, to be imported again under our name at every pull. The TAXII server therefore
builds a partner's collections through this view, which leaves out the partner's own
statements and lets the exporter's rules drop whatever then has nothing left: an entity
without statements, a relation without one of its ends.
"""

from __future__ import annotations

from collections.abc import Iterator

from overhorizon.model.statement import Statement
from overhorizon.sharing.extension import IMPORT_PREFIX
from overhorizon.store.base import StatementQuery, Store
from overhorizon.store.wrapped import WrappedStore


def from_partner(origin: str, org: str) -> bool:
    """Whether a statement with ``origin`` came from organisation ``org`` over STIX."""
    own = f"{IMPORT_PREFIX}{org}"
    return origin == own or origin.startswith(own + "/")


class WithoutPartner(WrappedStore):
    """``inner`` without the statements that came from ``org``: the reading side of the
    store, for the exporter (it writes nothing)."""

    def __init__(self, inner: Store, org: str) -> None:
        super().__init__(inner)
        self.org = org

    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]:
        return (s for s in self.inner.statements(query) if not from_partner(s.origin, self.org))
