"""The events table: filters, paging, CSV export, and the timeline and map the page draws.

JSON by default; CSV with ``format=csv`` or ``Accept: text/csv``. The representation never
changes what is read: both come from the same rows of the same reader.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from overhorizon.analysis.events import EventFilter, EventRow, write_csv
from overhorizon.analysis.profile import find
from overhorizon.store import SQLStore
from overhorizon.web.api.common import Limit, Offset, Reader, page, reviewed, window
from overhorizon.web.eventtable import SORTS, EventTable, Selection
from overhorizon.web.models import EventOut, Page, Quantity

router = APIRouter(prefix="/api/events", tags=["events"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class EventParams:
    group: str | None = None
    country: str | None = None
    type: str | None = None
    since: str | None = None
    until: str | None = None
    min_killed: int | None = None
    sort: str = "killed"

    def where(self, store: SQLStore) -> EventFilter:
        groups = None
        if self.group:
            found = find(reviewed(store), self.group)
            groups = frozenset(store.canonical_ids(found).values())
        return EventFilter(groups, self.country, self.since, self.until, self.type, self.min_killed)

    def query(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", "killed")}


def event_params(
    group: Annotated[
        str | None, Query(max_length=200, description="Perpetrator: id or name.")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    type: Annotated[str | None, Query(max_length=64, description="E.g. suicide_bombing.")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    sort: Annotated[str, Query(pattern="^(killed|date|-date)$")] = "killed",
) -> EventParams:
    return EventParams(
        group or None,
        country.upper() if country else None,
        type or None,
        since or None,
        until or None,
        min_killed,
        sort if sort in SORTS else "killed",
    )


def selection(request: Request, store: SQLStore, params: EventParams) -> Selection:
    table: EventTable = request.app.state.events
    return table.select(store, params.where(store), params.sort)


def filtered(request: Request, store: SQLStore, params: EventParams) -> list[EventRow]:
    return selection(request, store, params).rows


def event_out(row: EventRow) -> EventOut:
    data = row.as_dict()
    return EventOut(
        id=row.id,
        type=str(data["type"]),
        name=row.name,
        date=row.date,
        place=row.place,
        country=row.country,
        lat=row.latitude,
        lon=row.longitude,
        perpetrator=row.perpetrator,
        perpetrator_id=row.perpetrator_id,
        responsibility=row.responsibility,
        killed=Quantity(min=row.killed.min, max=row.killed.max)
        if row.killed
        else Quantity(min=None, max=None),
        injured=Quantity(min=row.injured.min, max=row.injured.max)
        if row.injured
        else Quantity(min=None, max=None),
        sources=sorted({s.label for s in row.sources}),
    )


def wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt is not None:
        return fmt == "csv"
    accept = request.headers.get("accept", "")
    return "text/csv" in accept and "application/json" not in accept


@router.get(
    "",
    response_model=Page[EventOut],
    summary="Events with their headline figures, filtered and paged (or all as CSV)",
    responses={200: {"content": {"text/csv": {}}}},
)
def list_events(
    request: Request,
    store: Reader,
    group: Annotated[
        str | None, Query(max_length=200, description="Perpetrator: id or name.")
    ] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    type: Annotated[str | None, Query(max_length=64, description="E.g. suicide_bombing.")] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    sort: Annotated[str, Query(pattern="^(killed|date|-date)$")] = "killed",
    format: Annotated[str | None, Query(pattern="^(json|csv)$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    params = event_params(group, country, type, since, until, min_killed, sort)
    rows = filtered(request, store, params)
    if wants_csv(request, format):
        out = io.StringIO()
        write_csv(rows, out)
        return Response(
            out.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="events.csv"'},
        )
    items = [event_out(r) for r in window(rows, limit, offset)]
    return page(request, items, len(rows), limit, offset)


@router.get("/overview", summary="Timeline, map points and filter values for the same filters")
def overview(
    request: Request,
    store: Reader,
    group: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
    type: Annotated[str | None, Query(max_length=64)] = None,
    since: Annotated[str | None, Query(pattern=DATE)] = None,
    until: Annotated[str | None, Query(pattern=DATE)] = None,
    min_killed: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
) -> dict[str, Any]:
    params = event_params(group, country, type, since, until, min_killed)
    chosen = selection(request, store, params)
    return {
        "total": len(chosen.rows),
        "timeline": chosen.timeline,
        "points": chosen.points,
        "facets": request.app.state.events.facets(store),
    }
