"""High-water marks of the TAXII client: per source and collection, the ``added_after`` to
ask for next time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, update

from overhorizon.model.statement import utcnow
from overhorizon.sharing.taxii import tables

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore


def load_mark(store: SQLStore, source: str, collection_id: str) -> str | None:
    p = tables.pulls
    sql = select(p.c.added_after).where(p.c.source == source, p.c.collection_id == collection_id)
    with store.trusted_engine().connect() as conn:
        found = conn.execute(sql).scalar()
    return None if found is None else str(found)


def save_mark(
    store: SQLStore, source: str, collection_id: str, org: str, mark: str | None, objects: int
) -> None:
    """Move the mark (kept when ``mark`` is None) and count the objects pulled."""
    p = tables.pulls
    where = (p.c.source == source) & (p.c.collection_id == collection_id)
    with store.trusted_engine().begin() as conn:
        row = conn.execute(select(p.c.objects).where(where)).first()
        if row is None:
            conn.execute(
                p.insert().values(
                    source=source,
                    collection_id=collection_id,
                    org=org,
                    added_after=mark,
                    pulled_at=utcnow(),
                    objects=objects,
                )
            )
            return
        values = {"pulled_at": utcnow(), "objects": int(row.objects) + objects, "org": org}
        if mark is not None:
            values["added_after"] = mark
        conn.execute(update(p).where(where).values(**values))


def marks(store: SQLStore) -> list[dict[str, object]]:
    """Every source and collection pulled, with its mark, for people."""
    p = tables.pulls
    with store.trusted_engine().connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(p).order_by(p.c.source))]
