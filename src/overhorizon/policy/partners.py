"""Sharing with a partner organisation under its maximum shareable marking.

A partner is read as a viewer of its own: its organisation, its ceiling as clearance and
groups, and the ceiling again on everything it does not own. An export for a partner reads
through the exporting store (so its user's own limits still hold) and that viewer together,
so nothing above the partner's maximum can reach the bundle, whatever the exporter asks for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from overhorizon.errors import NotFoundError
from overhorizon.policy.clearance import Viewer
from overhorizon.policy.identity import Organisation, get_organisation

if TYPE_CHECKING:
    from overhorizon.sharing import ExportResult
    from overhorizon.store.sql import SQLStore


def partner(store: SQLStore, name: str) -> Organisation:
    with store.trusted_engine().connect() as conn:
        org = get_organisation(conn, name)
    if org is None or org.local:
        raise NotFoundError(f"no partner organisation {name!r}")
    return org


def partner_viewer(org: Organisation) -> Viewer:
    return Viewer(org.name, org.max_tlp, org.max_groups, org.ceiling)


def store_for_partner(store: SQLStore, name: str) -> SQLStore:
    """``store`` as the partner ``name`` may receive it, within what ``store`` reads."""
    return store.as_viewer(partner_viewer(partner(store, name)))


def export_for_partner(
    store: SQLStore, name: str, *, entity_ids: list[str] | None = None, producer: str | None = None
) -> ExportResult:
    """A STIX 2.1 bundle of what ``store``'s reader may share with partner ``name``, recorded
    in the audit log as an export to that partner."""
    from overhorizon.sharing import Recipient, export_bundle

    org = partner(store, name)
    view = store.as_viewer(partner_viewer(org))
    result = export_bundle(
        view, Recipient(org.max_tlp, org.max_groups), entity_ids=entity_ids, producer=producer
    )
    store.audit(
        "export",
        [result.bundle["id"]],
        {
            "format": "stix-2.1",
            "partner": org.name,
            "max_tlp": org.max_tlp,
            "groups": sorted(org.max_groups),
            "objects": len(result.bundle.get("objects", [])),
        },
    )
    return result
