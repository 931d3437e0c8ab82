"""Pages of a view, read in SQL: objects, manifests and versions, with their headers.

Rows are read in the order they were added, one more than asked to tell whether there is
``more``; the ``next`` cursor is the last row's ``date_added`` (unique within a view), so a
page costs one indexed range read however deep into the collection it is. Objects are sent as
the JSON text the view stores, never parsed again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, false, select

from overhorizon.sharing.taxii import tables
from overhorizon.sharing.taxii.filters import Filters, cursor, format_micros
from overhorizon.sharing.taxii.media import STIX_21

ADDED_FIRST = "X-TAXII-Date-Added-First"
ADDED_LAST = "X-TAXII-Date-Added-Last"


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[Any]
    more: bool

    @property
    def headers(self) -> dict[str, str]:
        """The dates the first and last item of this page were added (none if empty)."""
        if not self.rows:
            return {}
        return {
            ADDED_FIRST: format_micros(self.rows[0].added_us),
            ADDED_LAST: format_micros(self.rows[-1].added_us),
        }

    def _paging(self) -> str:
        text = f'"more":{"true" if self.more else "false"}'
        if self.more:
            text += f',"next":"{cursor(self.rows[-1].added_us)}"'
        return text

    def envelope(self) -> str:
        """The page as a TAXII envelope, in JSON."""
        if not self.rows:
            return "{" + self._paging() + "}"
        return "{" + self._paging() + ',"objects":[' + ",".join(r.body for r in self.rows) + "]}"

    def manifest(self) -> str:
        entries = [
            {
                "id": r.stix_id,
                "date_added": format_micros(r.added_us),
                "version": r.version,
                "media_type": STIX_21,
            }
            for r in self.rows
        ]
        listed = ',"objects":' + json.dumps(entries) if entries else ""
        return "{" + self._paging() + listed + "}"

    def versions(self) -> str:
        listed = ',"versions":' + json.dumps([r.version for r in self.rows]) if self.rows else ""
        return "{" + self._paging() + listed + "}"


def read_page(
    engine: Engine, key: str, filters: Filters, *, stix_id: str | None = None, body: bool = True
) -> Page:
    """One page of view ``key`` (only object ``stix_id``, if given) under ``filters``."""
    o = tables.objects
    columns = [o.c.stix_id, o.c.type, o.c.version, o.c.added_us]
    if body:
        columns.append(o.c.body)
    sql = select(*columns).where(o.c.view_key == key)
    if stix_id is not None:
        sql = sql.where(o.c.stix_id == stix_id)
    if not filters.spec_ok:
        sql = sql.where(false())
    for bound in (filters.added_after, filters.after):
        if bound is not None:
            sql = sql.where(o.c.added_us > bound)
    if filters.ids is not None:
        sql = sql.where(o.c.stix_id.in_(filters.ids))
    if filters.types is not None:
        sql = sql.where(o.c.type.in_(filters.types))
    if filters.versions is not None:
        sql = sql.where(o.c.version_us.in_(filters.versions))
    sql = sql.order_by(o.c.added_us).limit(filters.limit + 1)
    with engine.connect() as conn:
        rows = list(conn.execute(sql))
    return Page(rows[: filters.limit], len(rows) > filters.limit)


def holds(engine: Engine, key: str, stix_id: str) -> bool:
    """Whether view ``key`` holds object ``stix_id`` at all (whatever the filters)."""
    o = tables.objects
    sql = select(o.c.stix_id).where(o.c.view_key == key, o.c.stix_id == stix_id)
    with engine.connect() as conn:
        return conn.execute(sql).first() is not None
