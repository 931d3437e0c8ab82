"""POST to a collection: an envelope of STIX objects becomes the poster's statements, and a
status resource says what became of each object.

Objects are imported with ``import_bundle`` through the poster's own store, so their
statements belong to the poster's organisation, carry the markings the objects carry (raised
to the poster's default marking and to the collection's need-to-know groups), and are filed
under the origin ``import:stix:ORGANISATION``. An object marked above the collection, or
above what the poster may write, is refused before anything is written; the rest is written
in one transaction. An object counts as a success when it was read (structural objects,
reports, notes) or when its entity now holds statements of the poster's organisation.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from fastapi import HTTPException
from sqlalchemy import select

from overhorizon.errors import PermissionDeniedError
from overhorizon.model.statement import utcnow
from overhorizon.policy.clearance import may_read
from overhorizon.sharing.extension import IMPORT_PREFIX, fields_of
from overhorizon.sharing.ids import stix_id
from overhorizon.sharing.markings import Marking, MarkingDefinitions
from overhorizon.sharing.stix_import import import_bundle
from overhorizon.sharing.taxii import tables
from overhorizon.sharing.taxii.auth import Requester
from overhorizon.sharing.taxii.collections import TaxiiCollection
from overhorizon.sharing.taxii.echo import from_partner
from overhorizon.sharing.taxii.filters import format_micros, micros_of
from overhorizon.store.base import StatementQuery

_READ_ONLY = frozenset({"marking-definition", "extension-definition", "report", "note"})
"""Object types that are read, not turned into an entity of their own."""


def envelope_objects(body: bytes) -> list[dict[str, Any]]:
    """The objects of a TAXII envelope (a bundle is accepted too); 400 when it is not one."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPException(400, "the body is not JSON") from None
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, list) or not all(
        isinstance(o, dict) and isinstance(o.get("type"), str) and isinstance(o.get("id"), str)
        for o in objects
    ):
        raise HTTPException(400, "the body is not a TAXII envelope: objects, each with type and id")
    return objects


def _version(obj: Mapping[str, Any], fallback: str) -> str:
    return str(obj.get("modified") or obj.get("created") or fallback)


def _entity_id(obj: Mapping[str, Any]) -> str:
    """The entity id an imported object is filed under (see ``stix_import``)."""
    claimed = str((fields_of(obj) or {}).get("entity_id", ""))
    consistent = bool(claimed) and stix_id(str(obj["type"]), claimed) == obj["id"]
    return claimed if consistent else str(obj["id"])


class Adding:
    """One POST of ``objects`` by ``requester`` to ``collection``."""

    def __init__(
        self, requester: Requester, collection: TaxiiCollection, objects: list[dict[str, Any]]
    ) -> None:
        self.requester = requester
        self.collection = collection
        self.objects = objects
        self.when = format_micros(micros_of(utcnow()))
        self.failures: dict[str, str] = {}
        """Object id -> why it was not added."""

    def _check_markings(self) -> list[dict[str, Any]]:
        viewer = self.requester.viewer
        user = self.requester.user
        meanings = MarkingDefinitions.read(self.objects)
        floor = Marking(user.default_tlp, user.default_groups | self.collection.groups)
        accepted = []
        for obj in self.objects:
            marking = meanings.resolve(obj.get("object_marking_refs") or []) | floor
            if not self.collection.recipient.may_see(marking):
                self.failures[obj["id"]] = "marked above this collection"
            elif not may_read(viewer, marking.tlp, marking.groups, viewer.org):
                self.failures[obj["id"]] = "marked above what this user may write"
            else:
                accepted.append(obj)
        return accepted

    def run(self) -> dict[str, Any]:
        """Import what may be imported; the status resource."""
        accepted = self._check_markings()
        org = self.requester.viewer.org
        if accepted:
            bundle = {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": accepted}
            try:
                import_bundle(
                    self.requester.store, bundle, producer=org, groups=self.collection.groups
                )
            except PermissionDeniedError as exc:
                for obj in accepted:
                    self.failures[obj["id"]] = exc.message
            else:
                self._check_written(accepted, org)
        return self._status()

    def _check_written(self, accepted: list[dict[str, Any]], org: str) -> None:
        makers = {str(o["created_by_ref"]) for o in accepted if o.get("created_by_ref")}
        wanted = {
            obj["id"]: _entity_id(obj)
            for obj in accepted
            if obj["type"] not in _READ_ONLY and obj["id"] not in makers
        }
        query = StatementQuery(
            entity_ids=sorted(set(wanted.values())),
            origin_prefix=f"{IMPORT_PREFIX}{org}",
            resolved=False,
        )
        found = (
            {
                s.entity_id
                for s in self.requester.store.statements(query)
                if from_partner(s.origin, org)
            }
            if wanted
            else set()
        )
        for object_id, entity in wanted.items():
            if entity not in found:
                self.failures[object_id] = (
                    "not imported: no type of the ontology fits it, or an end of the "
                    "relationship was not imported"
                )

    def _status(self) -> dict[str, Any]:
        successes, failures = [], []
        for obj in self.objects:
            entry = {"id": obj["id"], "version": _version(obj, self.when)}
            if obj["id"] in self.failures:
                failures.append({**entry, "message": self.failures[obj["id"]]})
            else:
                successes.append(entry)
        return {
            "id": str(uuid.uuid4()),
            "status": "complete",
            "request_timestamp": self.when,
            "total_count": len(self.objects),
            "success_count": len(successes),
            "successes": successes,
            "failure_count": len(failures),
            "failures": failures,
            "pending_count": 0,
            "pendings": [],
        }


def save_status(requester: Requester, collection: TaxiiCollection, status: dict[str, Any]) -> None:
    with requester.store.trusted_engine().begin() as conn:
        conn.execute(
            tables.statuses.insert().values(
                id=status["id"],
                user_id=requester.user.id,
                collection_id=collection.id,
                created_at=utcnow(),
                body=json.dumps(status, ensure_ascii=False),
            )
        )


def load_status(requester: Requester, status_id: str) -> str | None:
    """The status resource ``status_id`` as JSON, if ``requester`` posted it."""
    s = tables.statuses
    sql = select(s.c.body).where(s.c.id == status_id, s.c.user_id == requester.user.id)
    with requester.store.trusted_engine().connect() as conn:
        found = conn.execute(sql).scalar()
    return None if found is None else str(found)
