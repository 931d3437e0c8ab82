"""The TAXII 2.1 server, mounted at ``/taxii2/``: discovery, one API root (``shared``), its
collections (see ``collections``), their objects, manifests and versions, POSTs and status.

Every request needs credentials (401 with a Basic challenge otherwise) and reads through the
requester's filtered store: a collection they may not see answers 404 as a missing one does,
one they may see but not write answers 403 to a POST. Listings are pages of a snapshot of the
collection as the requester may read it (``snapshot``), read in SQL (``pages``); every page
that shares objects is recorded in the audit log.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request, Response
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from overhorizon import audit
from overhorizon.sharing.taxii.adding import Adding, envelope_objects, load_status, save_status
from overhorizon.sharing.taxii.auth import Requester, requester
from overhorizon.sharing.taxii.collections import (
    TaxiiCollection,
    find_collection,
    visible_collections,
)
from overhorizon.sharing.taxii.filters import parse_filters
from overhorizon.sharing.taxii.media import (
    TAXII_21,
    TaxiiRoute,
    check_content_type,
    error_response,
    negotiate,
    taxii_json,
)
from overhorizon.sharing.taxii.pages import Page, holds, read_page
from overhorizon.sharing.taxii.snapshot import Snapshots

API_ROOT = "shared"
MAX_CONTENT_LENGTH = 50 * 1024 * 1024
SIGN_EVERY = 60.0
"""Seconds between tree heads signed over what TAXII reads added to the audit log."""


class _Signer:
    """Signs a tree head over the audit entries of TAXII reads, at most every ``SIGN_EVERY``
    seconds: signing on every page would cost more than serving it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = 0.0

    def maybe(self, engine: Engine) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < SIGN_EVERY:
                return
            self._last = now
        audit.sign_pending(engine)


router = APIRouter(prefix="/taxii2", route_class=TaxiiRoute, include_in_schema=False)
_snapshots = Snapshots()
_signer = _Signer()


def _root_url(request: Request) -> str:
    return f"{request.base_url}taxii2/{API_ROOT}/"


def _params(request: Request) -> dict[str, str]:
    query = request.query_params
    return {key: ",".join(query.getlist(key)) for key in query}


def _who(request: Request, *, stix: bool = False) -> tuple[Requester, str]:
    """The requester and the media type to answer in: credentials first, then Accept."""
    found = requester(request)
    return found, negotiate(request, stix=stix)


def _collection(who: Requester, collection_id: str) -> TaxiiCollection:
    return find_collection(who.store.trusted_engine(), who.viewer, collection_id)


def _record(who: Requester, collection: TaxiiCollection, endpoint: str, page: Page) -> None:
    """A share in the audit log: who received which objects of which collection."""
    if not page.rows:
        return
    ids = [row.stix_id for row in page.rows[:100]]
    who.store.audit(
        "share",
        [collection.id, *ids],
        {
            "protocol": "taxii-2.1",
            "collection": collection.alias,
            "endpoint": endpoint,
            "objects": len(page.rows),
        },
    )
    _signer.maybe(who.store.trusted_engine())


def _page_response(text: str, page: Page, media_type: str) -> Response:
    return taxii_json(text, media_type=media_type, headers=page.headers)


@router.get("/")
def discovery(request: Request) -> Response:
    _, media = _who(request)
    root = _root_url(request)
    return taxii_json(
        {
            "title": "overhorizon",
            "description": "Intelligence shared under TLP 2.0 and need-to-know markings; every "
            "collection is filtered for the requester.",
            "default": root,
            "api_roots": [root],
        },
        media_type=media,
    )


@router.get(f"/{API_ROOT}/")
def api_root(request: Request) -> Response:
    _, media = _who(request)
    return taxii_json(
        {
            "title": "Shared intelligence",
            "description": "One collection per TLP level and per need-to-know group.",
            "versions": [TAXII_21],
            "max_content_length": MAX_CONTENT_LENGTH,
        },
        media_type=media,
    )


@router.get(f"/{API_ROOT}/collections/")
def collections(request: Request) -> Response:
    who, media = _who(request)
    found = visible_collections(who.store.trusted_engine(), who.viewer)
    listed: dict[str, Any] = {"collections": [c.resource(who.viewer) for c in found]}
    return taxii_json(listed if found else {}, media_type=media)


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/")
def collection(request: Request, collection_id: str) -> Response:
    who, media = _who(request)
    return taxii_json(_collection(who, collection_id).resource(who.viewer), media_type=media)


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/objects/")
def get_objects(request: Request, collection_id: str) -> Response:
    who, media = _who(request, stix=True)
    found = _collection(who, collection_id)
    filters = parse_filters(_params(request), "objects")
    key = _snapshots.current(who.store, found)
    page = read_page(who.store.trusted_engine(), key, filters)
    _record(who, found, "objects", page)
    return _page_response(page.envelope(), page, media)


def _add(who: Requester, found: TaxiiCollection, body: bytes) -> dict[str, Any]:
    status = Adding(who, found, envelope_objects(body)).run()
    save_status(who, found, status)
    who.store.audit(
        "taxii_add",
        [found.id, status["id"]],
        {
            "collection": found.alias,
            "objects": status["total_count"],
            "failed": status["failure_count"],
        },
    )
    return status


@router.post(f"/{API_ROOT}/collections/{{collection_id}}/objects/")
async def add_objects(request: Request, collection_id: str) -> Response:
    who, media = await run_in_threadpool(_who, request)
    found = await run_in_threadpool(_collection, who, collection_id)
    if not found.writable_by(who.viewer):
        raise HTTPException(403, "this user may read this collection but not write to it")
    check_content_type(request)
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_CONTENT_LENGTH:
        raise HTTPException(413, f"an envelope may hold {MAX_CONTENT_LENGTH} bytes at most")
    body = await request.body()
    if len(body) > MAX_CONTENT_LENGTH:
        raise HTTPException(413, f"an envelope may hold {MAX_CONTENT_LENGTH} bytes at most")
    status = await run_in_threadpool(_add, who, found, body)
    return taxii_json(status, status=202, media_type=media)


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/")
def get_object(request: Request, collection_id: str, object_id: str) -> Response:
    who, media = _who(request, stix=True)
    found = _collection(who, collection_id)
    filters = parse_filters(_params(request), "object")
    key = _snapshots.current(who.store, found)
    engine = who.store.trusted_engine()
    if not holds(engine, key, object_id):
        raise HTTPException(404, f"no object {object_id} in this collection")
    page = read_page(engine, key, filters, stix_id=object_id)
    _record(who, found, "object", page)
    return _page_response(page.envelope(), page, media)


@router.delete(f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/")
def delete_object(request: Request, collection_id: str, object_id: str) -> Response:
    who, _ = _who(request)
    _collection(who, collection_id)
    raise HTTPException(405, "objects are withdrawn in overhorizon itself, not over TAXII")


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/versions/")
def versions(request: Request, collection_id: str, object_id: str) -> Response:
    who, media = _who(request)
    found = _collection(who, collection_id)
    filters = parse_filters(_params(request), "versions")
    key = _snapshots.current(who.store, found)
    engine = who.store.trusted_engine()
    if not holds(engine, key, object_id):
        raise HTTPException(404, f"no object {object_id} in this collection")
    page = read_page(engine, key, filters, stix_id=object_id, body=False)
    return _page_response(page.versions(), page, media)


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/manifest/")
def manifest(request: Request, collection_id: str) -> Response:
    who, media = _who(request)
    found = _collection(who, collection_id)
    filters = parse_filters(_params(request), "objects")
    key = _snapshots.current(who.store, found)
    page = read_page(who.store.trusted_engine(), key, filters, body=False)
    _record(who, found, "manifest", page)
    return _page_response(page.manifest(), page, media)


@router.get(f"/{API_ROOT}/status/{{status_id}}/")
def status(request: Request, status_id: str) -> Response:
    who, media = _who(request)
    found = load_status(who, status_id)
    if found is None:
        raise HTTPException(404, f"no status {status_id}")
    return taxii_json(found, media_type=media)


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def unknown(request: Request, rest: str) -> Response:
    requester(request)
    return error_response(404, "no such TAXII resource")
