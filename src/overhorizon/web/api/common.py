"""What every API route shares: the reader's store, paging, and the next-page link."""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import Depends, Query, Request

from overhorizon.store import SQLStore
from overhorizon.web.auth import reader
from overhorizon.web.models import Page
from overhorizon.web.reviewed import ReviewedStore

T = TypeVar("T")

MAX_LIMIT = 500

Reader = Annotated[SQLStore, Depends(reader)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Skip this many items.")]


def reviewed(store: SQLStore) -> ReviewedStore:
    return ReviewedStore(store)


def page(request: Request, items: list[T], total: int, limit: int, offset: int) -> Page[T]:
    """A page with the URL of the next one (the same query, offset moved on)."""
    following = None
    if offset + len(items) < total:
        url = request.url.include_query_params(limit=limit, offset=offset + limit)
        following = str(url.path) + ("?" + url.query if url.query else "")
    return Page[T](items=items, total=total, limit=limit, offset=offset, next=following)


def window(items: list[T], limit: int, offset: int) -> list[T]:
    return items[offset : offset + limit]


def touched(request: Request, store: SQLStore, entity_ids: set[str]) -> None:
    """Tell the events table which entities a write through the workspace changed."""
    request.app.state.events.touched(store, entity_ids)
