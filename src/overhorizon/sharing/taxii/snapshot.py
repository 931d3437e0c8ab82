"""Each collection as one kind of reader sees it, kept as ready JSON so pages come from SQL.

Building a collection's objects means exporting STIX through the requester's filtered store
(cut again to the collection's marking), which is far too slow to repeat for every page. So
the objects are exported once per *view* (a collection and a reader's organisation,
clearance, groups and ceiling: everything the visibility filter looks at), stored one row per
object with its JSON text, and listed with keyset pagination in SQL.

A view is rebuilt as soon as the data may have changed: its ``marker`` is the audit log's
latest write or judgement when it was built, and every request compares it with the current
one, so nothing withdrawn or re-marked is served after the write that changed it. A rebuild
keeps the ``date_added`` of every object whose JSON is unchanged; a new or changed object is
added at a time later than anything before it in the view (unique within it), which is what
``added_after``, ``next`` and the ``X-TAXII-Date-Added-*`` headers stand on.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from overhorizon.audit import tables as audit_tables
from overhorizon.model.statement import utcnow
from overhorizon.policy.clearance import LOCAL_ORG, Viewer
from overhorizon.sharing.stix_export import export_bundle
from overhorizon.sharing.taxii import tables
from overhorizon.sharing.taxii.collections import TaxiiCollection
from overhorizon.sharing.taxii.echo import WithoutPartner
from overhorizon.sharing.taxii.filters import micros_of, parse_micros
from overhorizon.store.base import Store
from overhorizon.store.sql import SQLStore

DATA_ACTIONS = ("write", "judge")
"""Audit actions after which what a reader sees may differ."""

_BATCH = 500


def view_key(collection: TaxiiCollection, viewers: Sequence[Viewer]) -> str:
    """The snapshot a requester reads: the same for every reader the filter treats alike."""
    readers = [
        [
            v.org,
            v.clearance,
            sorted(v.groups),
            None if v.cap is None else [v.cap.tlp, sorted(v.cap.groups)],
        ]
        for v in viewers
    ]
    text = json.dumps([collection.id, collection.tlp, sorted(collection.groups), readers])
    return hashlib.sha256(text.encode()).hexdigest()


def data_marker(conn: Connection) -> int:
    """The sequence number of the audit log's latest data change (0 for none)."""
    e = audit_tables.entries
    found = conn.execute(select(func.max(e.c.seq)).where(e.c.action.in_(DATA_ACTIONS))).scalar()
    return int(found or 0)


def export_objects(store: SQLStore, collection: TaxiiCollection) -> list[dict[str, Any]]:
    """The collection's objects as ``store``'s reader may receive them, cut to the
    collection's marking; for a partner's user, without what the partner itself sent."""
    source: Store = store
    for org in sorted({v.org for v in store.viewers if v.org != LOCAL_ORG}):
        source = WithoutPartner(source, org)
    result = export_bundle(source, collection.recipient)
    objects: list[dict[str, Any]] = result.bundle.get("objects", [])
    return objects


class Snapshots:
    """Keeps views current; one rebuild of a view at a time in this process (another process
    rebuilding the same view at the same time makes one of the two writes fail, which is
    fine when the other has made the view current)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def _lock(self, key: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(key, threading.Lock())

    def current(self, store: SQLStore, collection: TaxiiCollection) -> str:
        """The key of ``collection``'s view for ``store``'s reader, rebuilt first if stale."""
        key = view_key(collection, store.viewers)
        engine = store.trusted_engine()
        if _fresh(engine, key):
            return key
        with self._lock(key):
            with engine.connect() as conn:
                marker = data_marker(conn)
                if _marker(conn, key) == marker:
                    return key
            objects = export_objects(store, collection)
            try:
                with engine.begin() as conn:
                    _store(conn, key, collection.id, marker, objects)
            except SQLAlchemyError:
                if not _fresh(engine, key):
                    raise
        return key


def _marker(conn: Connection, key: str) -> int | None:
    v = tables.views
    found = conn.execute(select(v.c.marker).where(v.c.key == key)).scalar()
    return None if found is None else int(found)


def _fresh(engine: Engine, key: str) -> bool:
    with engine.connect() as conn:
        return _marker(conn, key) == data_marker(conn)


def _version(obj: dict[str, Any]) -> str | None:
    found = obj.get("modified") or obj.get("created")
    return str(found) if found else None


def _store(
    conn: Connection, key: str, collection_id: str, marker: int, found: Iterable[dict[str, Any]]
) -> None:
    """Write a view: unchanged objects keep their row and date_added; others are (re)added."""
    v, o = tables.views, tables.objects
    now = utcnow()
    last = conn.execute(select(v.c.last_added).where(v.c.key == key)).scalar()
    if last is None:
        conn.execute(
            v.insert().values(
                key=key, collection_id=collection_id, marker=marker, last_added=0, built_at=now
            )
        )
    next_us = max(micros_of(now), int(last or 0) + 1)
    existing = dict(conn.execute(select(o.c.stix_id, o.c.digest).where(o.c.view_key == key)).all())
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for obj in found:
        body = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(body.encode()).hexdigest()
        seen.add(obj["id"])
        if existing.get(obj["id"]) == digest:
            continue
        version = _version(obj)
        version_us = parse_micros(version) if version else None
        rows.append(
            {
                "view_key": key,
                "stix_id": obj["id"],
                "type": obj["type"],
                "version": version or "",
                "version_us": next_us if version_us is None else version_us,
                "added_us": next_us,
                "digest": digest,
                "body": body,
            }
        )
        next_us += 1
    stale = sorted(
        (set(existing) - seen) | {r["stix_id"] for r in rows if r["stix_id"] in existing}
    )
    for start in range(0, len(stale), _BATCH):
        chunk = stale[start : start + _BATCH]
        conn.execute(o.delete().where(o.c.view_key == key, o.c.stix_id.in_(chunk)))
    for start in range(0, len(rows), _BATCH):
        conn.execute(o.insert(), rows[start : start + _BATCH])
    conn.execute(
        update(v)
        .where(v.c.key == key)
        .values(marker=marker, last_added=next_us - 1, built_at=now, collection_id=collection_id)
    )
