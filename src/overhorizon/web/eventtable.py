"""The events table for the workspace: computed once per reader and database state, then
filtered, sorted and paged in memory.

``analysis.events.list_events`` assembles every event from its statements, which takes
minutes at a hundred thousand events. The rows depend only on who reads (their viewers) and
on what is stored, so they are kept per reader with the generation they were computed at:
the sequence number of the latest write or judgement in the audit log, which every write
adds in its own transaction (a write by another process included).

When the generation moves, the rows are brought up to date. A correction made through the
workspace reports the entities it touched (``touched``), so only the events it can change are
computed again (the event itself, the events of a relation, the events of a renamed group);
any other write (an ingest, a merge, a write from another process) recomputes everything.
"""

from __future__ import annotations

import heapq
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

from sqlalchemy import func, select

from overhorizon.analysis.events import EventFilter, EventRow, list_events
from overhorizon.audit import tables as audit_tables
from overhorizon.policy.clearance import Viewer
from overhorizon.store import SQLStore, StatementQuery
from overhorizon.web.reviewed import ReviewedStore

WRITE_ACTIONS = ("write", "judge")


def generation(store: SQLStore) -> int:
    """The latest write's sequence number in the audit log (0 before any)."""
    e = audit_tables.entries
    sql = select(func.max(e.c.seq)).where(e.c.action.in_(WRITE_ACTIONS))
    with store.trusted_engine().connect() as conn:
        return int(conn.execute(sql).scalar() or 0)


def writes_since(store: SQLStore, after: int) -> list[int]:
    e = audit_tables.entries
    sql = select(e.c.seq).where(e.c.action.in_(WRITE_ACTIONS), e.c.seq > after)
    with store.trusted_engine().connect() as conn:
        return sorted(int(s) for s in conn.execute(sql).scalars())


def _order(row: EventRow) -> tuple[int, str, str]:
    """The order of ``list_events``: the deadliest first, then by date and id."""
    return (-(row.killed.best or 0) if row.killed else 0, row.date or "", row.id)


@dataclass(frozen=True)
class Touched:
    direct: frozenset[str]
    """Entities whose own statements changed."""
    ends: frozenset[str]
    """The ends of those that are relations."""

    def __or__(self, other: Touched) -> Touched:
        return Touched(self.direct | other.direct, self.ends | other.ends)


class Selection:
    """The rows that pass one set of filters, with their timeline and map points (each
    computed when first asked for)."""

    def __init__(self, rows: list[EventRow]) -> None:
        self.rows = rows

    @cached_property
    def timeline(self) -> list[dict[str, object]]:
        return timeline(self.rows)

    @cached_property
    def points(self) -> list[dict[str, object]]:
        return map_points(self.rows)


SELECTIONS = 32
"""Selections kept per reader: the filters people page through and come back to."""


@dataclass
class Computed:
    generation: int
    rows: list[EventRow]
    lock: threading.Lock = field(default_factory=threading.Lock)
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    involving: dict[str, list[EventRow]] | None = None
    """Rows by the id of the event and of its perpetrator, built on first use."""
    selections: OrderedDict[tuple[object, ...], Selection] = field(default_factory=OrderedDict)


class EventTable:
    """Rows per reader, the few most recent readers kept."""

    def __init__(self, readers: int = 8) -> None:
        self.readers = readers
        self._cache: OrderedDict[tuple[Viewer, ...], Computed] = OrderedDict()
        self._lock = threading.Lock()
        self._changes: dict[int, Touched] = {}
        """Writes made through the workspace: generation -> the entities they touched."""

    def touched(self, store: SQLStore, entity_ids: set[str]) -> None:
        """Record that the write just made changed statements of ``entity_ids``, so that the
        next read recomputes only the events that can change: these, the ends of those that
        are relations, and the events of those that are perpetrators."""
        query = StatementQuery(entity_ids=sorted(entity_ids), props=["source", "target"])
        ends = frozenset(s.value for s in store.statements(query))
        with self._lock:
            self._changes[generation(store)] = Touched(frozenset(entity_ids), ends)
            while len(self._changes) > 1000:
                self._changes.pop(min(self._changes))

    def rows(self, store: SQLStore) -> list[EventRow]:
        return self.computed(store).rows

    def facets(self, store: SQLStore) -> dict[str, list[tuple[str, str]]]:
        """The filters' choices over every row the reader sees (kept with the rows)."""
        entry = self.computed(store)
        with entry.lock:
            if not entry.facets:
                entry.facets = facets(entry.rows)
            return entry.facets

    def involving(self, store: SQLStore, entity_id: str) -> list[EventRow]:
        """The rows of the event ``entity_id`` and of the events it perpetrated, in table
        order (a profile shows them without scanning every row)."""
        entry = self.computed(store)
        with entry.lock:
            if entry.involving is None:
                index: dict[str, list[EventRow]] = {}
                for row in entry.rows:
                    index.setdefault(row.id, []).append(row)
                    if row.perpetrator_id is not None and row.perpetrator_id != row.id:
                        index.setdefault(row.perpetrator_id, []).append(row)
                entry.involving = index
            return list(entry.involving.get(entity_id, []))

    def select(self, store: SQLStore, where: EventFilter, sort: str = "killed") -> Selection:
        """The rows that pass ``where`` in the order ``sort``, kept for the next request."""
        entry = self.computed(store)
        key = (where, sort)
        with entry.lock:
            found = entry.selections.get(key)
            if found is None:
                found = Selection(select_rows(entry.rows, where, sort))
                entry.selections[key] = found
                while len(entry.selections) > SELECTIONS:
                    entry.selections.popitem(last=False)
            entry.selections.move_to_end(key)
            return found

    def computed(self, store: SQLStore) -> Computed:
        key = store.viewers
        now = generation(store)
        with self._lock:
            entry = self._cache.get(key)
            if entry is None:
                entry = Computed(-1, [])
                self._cache[key] = entry
            self._cache.move_to_end(key)
            while len(self._cache) > self.readers:
                self._cache.popitem(last=False)
        with entry.lock:
            if entry.generation != now:
                known = self._known(store, entry.generation) if entry.generation >= 0 else None
                if known is None:
                    entry.rows = list_events(ReviewedStore(store, memo=True))
                else:
                    entry.rows = _update(store, entry.rows, known)
                entry.facets = {}
                entry.involving = None
                entry.selections.clear()
                entry.generation = now
            return entry

    def _known(self, store: SQLStore, after: int) -> Touched | None:
        """What the writes since ``after`` touched, when every one of them was made through
        the workspace; None when any was not."""
        found = Touched(frozenset(), frozenset())
        with self._lock:
            for seq in writes_since(store, after):
                if seq not in self._changes:
                    return None
                found = found | self._changes[seq]
        return found

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()


def _update(store: SQLStore, rows: list[EventRow], touched: Touched) -> list[EventRow]:
    """``rows`` with the events ``touched`` can change computed again."""
    affected = set(touched.direct | touched.ends)
    affected |= {r.id for r in rows if r.perpetrator_id in touched.direct}
    affected |= set(store.canonical_ids(sorted(affected)).values())
    fresh = list_events(ReviewedStore(store, memo=True, only=frozenset(affected)))
    kept = [r for r in rows if r.id not in affected]
    return sorted(kept + fresh, key=_order)


SORTS = ("killed", "date", "-date")


def select_rows(rows: list[EventRow], where: EventFilter, sort: str = "killed") -> list[EventRow]:
    """The rows that pass ``where``, deadliest first (``killed``), newest first (``-date``)
    or oldest first (``date``)."""
    found = list(rows) if where == EventFilter() else [r for r in rows if where.accepts(r)]
    if sort == "date":
        found.sort(key=lambda r: (r.date is None, r.date or "", r.id))
    elif sort == "-date":
        found.sort(key=lambda r: (r.date or "", r.id), reverse=True)
    return found


def timeline(rows: list[EventRow]) -> list[dict[str, object]]:
    """Events and deaths per month (per year where only the year is known is left out)."""
    events: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    for row in rows:
        if row.date and len(row.date) >= 7:
            month = row.date[:7]
            events[month] += 1
            killed[month] += (row.killed.best or 0) if row.killed else 0
    return [{"month": m, "events": events[m], "killed": killed[m]} for m in sorted(events)]


def _toll(row: EventRow) -> int:
    return (row.killed.best or 0) if row.killed else 0


def map_points(rows: list[EventRow], limit: int = 600) -> list[dict[str, object]]:
    """The deadliest events that have coordinates, at most ``limit``."""
    placed = heapq.nlargest(
        limit,
        (r for r in rows if r.latitude is not None and r.longitude is not None),
        key=_toll,
    )
    return [
        {
            "id": r.id,
            "name": r.name,
            "lat": r.latitude,
            "lon": r.longitude,
            "killed": _toll(r),
            "date": r.date,
        }
        for r in placed
    ]


def facets(rows: list[EventRow]) -> dict[str, list[tuple[str, str]]]:
    """The values the filters offer: perpetrators (id, name), countries and types."""
    groups = {r.perpetrator_id: r.perpetrator or r.perpetrator_id for r in rows if r.perpetrator_id}
    return {
        "groups": sorted(((k, v) for k, v in groups.items()), key=lambda kv: kv[1].lower()),
        "countries": [(c, c) for c in sorted({r.country for r in rows if r.country})],
        "types": [
            (t, t.replace("_", " ")) for t in sorted({r.attack_type for r in rows if r.attack_type})
        ],
    }
