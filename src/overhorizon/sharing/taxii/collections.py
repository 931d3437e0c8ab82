"""TAXII collections: each one a sharing group, defined as a marking cut.

A collection holds what a reader holding exactly its marking (a TLP level and need-to-know
groups) may read, cut again for each requester by their own clearance and their
organisation's maximum shareable marking. Built in: one collection per TLP level
(``tlp-clear`` ... ``tlp-red``) and one per need-to-know group (``group-NAME``, at AMBER with
that group); an administrator may define more (``overhorizon taxii collection add``).

A collection exists for a requester when they may read something this instance's
organisation marks with the collection's marking: a TLP at or below their clearance, every one
of its groups held, and for a partner's user, within the partner's maximum and never
AMBER+STRICT or RED. Any other collection answers as a missing one.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select

from overhorizon import audit
from overhorizon.errors import InvalidValueError, NotFoundError, PermissionDeniedError
from overhorizon.model.statement import TLP_LEVELS, utcnow
from overhorizon.policy import tables as policy_tables
from overhorizon.policy.clearance import LOCAL_ORG, Viewer, may_read, tlp_rank
from overhorizon.sharing.ids import stix_uuid
from overhorizon.sharing.markings import Recipient
from overhorizon.sharing.taxii import tables
from overhorizon.sharing.taxii.media import STIX_21

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore

GROUP_TLP = "amber"
"""The TLP level of the built-in collection of each need-to-know group."""

_ALIAS = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")


@dataclass(frozen=True, slots=True)
class TaxiiCollection:
    id: str
    alias: str
    title: str
    description: str
    tlp: str
    groups: frozenset[str]
    builtin: bool = True

    @property
    def recipient(self) -> Recipient:
        return Recipient(self.tlp, self.groups)

    def visible_to(self, viewer: Viewer) -> bool:
        return may_read(viewer, self.tlp, self.groups, LOCAL_ORG)

    def writable_by(self, viewer: Viewer) -> bool:
        return self.visible_to(viewer) and viewer.may_write

    def resource(self, viewer: Viewer) -> dict[str, Any]:
        """The TAXII collection resource as ``viewer`` is told it."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "alias": self.alias,
            "can_read": True,
            "can_write": self.writable_by(viewer),
            "media_types": [STIX_21],
        }


def _tlp_collection(level: str) -> TaxiiCollection:
    label = f"TLP:{level.upper()}"
    return TaxiiCollection(
        id=stix_uuid(f"taxii-collection:tlp:{level}"),
        alias=f"tlp-{level.replace('+', '-')}",
        title=f"{label} community",
        description=f"Everything marked {label} or less, without need-to-know groups.",
        tlp=level,
        groups=frozenset(),
    )


def _group_collection(group: str) -> TaxiiCollection:
    return TaxiiCollection(
        id=stix_uuid(f"taxii-collection:group:{group}"),
        alias=f"group-{group}",
        title=f"Need-to-know: {group}",
        description=(
            f"What members of {group} may read up to TLP:{GROUP_TLP.upper()}: material "
            f"marked for {group} and material without need-to-know groups."
        ),
        tlp=GROUP_TLP,
        groups=frozenset({group}),
    )


def _custom(row: Any) -> TaxiiCollection:
    return TaxiiCollection(
        id=row.id,
        alias=row.alias,
        title=row.title,
        description=row.description or "",
        tlp=row.tlp,
        groups=frozenset(json.loads(row.groups)),
        builtin=False,
    )


def all_collections(engine: Engine) -> list[TaxiiCollection]:
    """Every collection of this instance: per TLP level, per group, then defined ones."""
    g, c = policy_tables.groups, tables.collections
    with engine.connect() as conn:
        groups = list(conn.execute(select(g.c.name).order_by(g.c.name)).scalars())
        custom = [_custom(row) for row in conn.execute(select(c).order_by(c.c.alias))]
    return [
        *(_tlp_collection(level) for level in TLP_LEVELS),
        *(_group_collection(name) for name in groups),
        *custom,
    ]


def visible_collections(engine: Engine, viewer: Viewer) -> list[TaxiiCollection]:
    return [c for c in all_collections(engine) if c.visible_to(viewer)]


def find_collection(engine: Engine, viewer: Viewer, key: str) -> TaxiiCollection:
    """The collection with id (or alias) ``key`` that ``viewer`` may see; NotFoundError for
    one that is missing or hidden alike."""
    for found in visible_collections(engine, viewer):
        if key in (found.id, found.alias):
            return found
    raise NotFoundError(f"no collection {key!r}")


def _require_operator(store: SQLStore) -> None:
    author = store.author
    if store.viewers and (author is None or author.role != "platform_admin"):
        raise PermissionDeniedError("only a platform admin defines TAXII collections")


def add_collection(
    store: SQLStore,
    alias: str,
    *,
    title: str,
    tlp: str,
    groups: frozenset[str] = frozenset(),
    description: str | None = None,
) -> TaxiiCollection:
    """Define a collection for the cut ``tlp`` and ``groups`` (every group must exist)."""
    _require_operator(store)
    tlp_rank(tlp)
    if not _ALIAS.fullmatch(alias):
        raise InvalidValueError(f"{alias!r}: an alias is a-z, 0-9, '.', '_' and '-'")
    engine = store.trusted_engine()
    if any(alias in (c.alias, c.id) for c in all_collections(engine)):
        raise InvalidValueError(f"collection {alias!r} exists")
    g = policy_tables.groups
    with engine.begin() as conn:
        known = set(conn.execute(select(g.c.name).where(g.c.name.in_(sorted(groups)))).scalars())
        if known != set(groups):
            missing = ", ".join(sorted(set(groups) - known))
            raise NotFoundError(f"no group {missing!r}")
        collection_id = str(uuid.uuid4())
        conn.execute(
            tables.collections.insert().values(
                id=collection_id,
                alias=alias,
                title=title,
                description=description,
                tlp=tlp,
                groups=json.dumps(sorted(groups)),
                created_at=utcnow(),
            )
        )
        audit.record(
            conn,
            actor=store.actor,
            action="taxii_collection_add",
            objects=[collection_id],
            details={"alias": alias, "tlp": tlp, "groups": sorted(groups)},
        )
    return TaxiiCollection(
        collection_id, alias, title, description or "", tlp, frozenset(groups), builtin=False
    )


def remove_collection(store: SQLStore, alias: str) -> None:
    """Remove a defined collection (the built-in ones follow the TLP levels and groups)."""
    _require_operator(store)
    c = tables.collections
    with store.trusted_engine().begin() as conn:
        row = conn.execute(select(c.c.id).where(c.c.alias == alias)).first()
        if row is None:
            raise NotFoundError(f"no defined collection {alias!r}")
        conn.execute(c.delete().where(c.c.id == row.id))
        views = tables.views
        conn.execute(views.delete().where(views.c.collection_id == row.id))
        audit.record(
            conn,
            actor=store.actor,
            action="taxii_collection_remove",
            objects=[row.id],
            details={"alias": alias},
        )
