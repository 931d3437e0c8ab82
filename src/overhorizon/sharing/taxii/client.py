"""The TAXII client: pull a partner's collection into statements owned by the partner.

A pull pages through the collection with ``taxii2-client`` from the high-water mark of the
last pull (``added_after``: the last ``X-TAXII-Date-Added-Last`` received), completes the
batch with what its objects refer to (marking definitions, the ends of relationships, the
reports statements cite) so that nothing imports as dangling or as an unknown (hence RED)
marking, and imports it in one transaction as the organisation record that stands for the
partner. Its markings travel with it: TLP levels unchanged, and need-to-know groups renamed
``PARTNER:GROUP`` (the partner's groups are its own: a local group of the same name must not
open them). The mark moves only after the import is committed, and every pull is recorded in
the audit log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from taxii2client.exceptions import TAXIIServiceException
from taxii2client.v21 import ApiRoot, Collection, Server, as_pages

from overhorizon.errors import (
    FetchError,
    InvalidValueError,
    NotFoundError,
    PermissionDeniedError,
)
from overhorizon.policy.admin import Admin
from overhorizon.policy.clearance import Viewer
from overhorizon.policy.identity import get_organisation
from overhorizon.sharing.extension import EXTENSION_ID, fields_of
from overhorizon.sharing.ids import stix_type_of
from overhorizon.sharing.markings import TLP1_IDS, TLP2_IDS
from overhorizon.sharing.stix_import import ImportReport, import_bundle
from overhorizon.sharing.taxii.marks import load_mark, save_mark
from overhorizon.sharing.taxii.pages import ADDED_LAST
from overhorizon.store.sql import SQLStore

PAGE_SIZE = 1000
PULLER = "taxii-pull"
"""The user name a pull writes under, in the partner's organisation record."""

_KNOWN = frozenset(TLP2_IDS.values()) | frozenset(TLP1_IDS)
_ROUNDS = 3
_CHUNK = 50


@dataclass
class PullResult:
    source: str
    collection: str
    org: str
    since: str | None
    mark: str | None
    objects: int = 0
    completed: int = 0
    """Objects fetched by id because the batch referred to them."""
    report: ImportReport | None = None
    lines: list[str] = field(default_factory=list)


def partner_name(url: str) -> str:
    """An organisation name for the partner at ``url`` (its host, in a-z, 0-9 and '-')."""
    host = urlsplit(url).netloc.lower()
    return re.sub(r"[^a-z0-9]+", "-", host).strip("-")[:32] or "partner"


def references(obj: Mapping[str, Any]) -> set[str]:
    """The objects ``obj`` needs beside it to import whole."""
    refs = {str(r) for r in obj.get("object_marking_refs") or []}
    refs |= {
        str(g["marking_ref"]) for g in obj.get("granular_markings") or [] if "marking_ref" in g
    }
    refs |= {str(obj[k]) for k in ("source_ref", "target_ref", "created_by_ref") if obj.get(k)}
    ours = fields_of(obj) or {}
    for entry in ours.get("statements") or []:
        if not isinstance(entry, Mapping):
            continue
        source = entry.get("source")
        if isinstance(source, Mapping) and source.get("report_ref"):
            refs.add(str(source["report_ref"]))
        value = entry.get("value")
        if isinstance(value, str) and stix_type_of(value):
            refs.add(value)
    responsible = ours.get("responsibility")
    if isinstance(responsible, Mapping) and responsible.get("actor_ref"):
        refs.add(str(responsible["actor_ref"]))
    return refs - _KNOWN


def _rename_groups(objects: Iterable[dict[str, Any]], org: str) -> set[str]:
    """Rename the partner's need-to-know groups ``ORG:GROUP`` in its marking definitions;
    the renamed groups."""
    renamed = set()
    for obj in objects:
        block = (obj.get("extensions") or {}).get(EXTENSION_ID)
        if obj.get("type") == "marking-definition" and isinstance(block, dict):
            group = block.get("need_to_know")
            if isinstance(group, str) and group:
                block["need_to_know"] = f"{org}:{group}"
                renamed.add(block["need_to_know"])
    return renamed


class _Headers:
    """Keeps the last ``X-TAXII-Date-Added-Last`` the server sent (taxii2-client returns
    bodies only)."""

    def __init__(self) -> None:
        self.last: str | None = None
        self.listening = True
        """Off while completing a batch: objects fetched by id say nothing of the mark."""

    def __call__(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        found = response.headers.get(ADDED_LAST)
        if found and response.ok and self.listening:
            self.last = found


def _api_root(url: str, user: str, password: str) -> ApiRoot:
    """The API root at ``url``, or the default one of the discovery resource at ``url``."""
    server = Server(url, user=user, password=password)
    if server.api_roots:
        root: ApiRoot = server.default or server.api_roots[0]
        return root
    return ApiRoot(url, user=user, password=password)


def open_collection(url: str, key: str, user: str, password: str) -> Collection:
    """The collection with id or alias ``key`` at the TAXII server or API root ``url``."""
    try:
        root = _api_root(url, user, password)
        for found in root.collections:
            if key in (found.id, found.alias):
                collection: Collection = found
                return collection
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise FetchError(f"{url}: {exc}") from None
    raise NotFoundError(f"{url} has no collection {key!r} for {user}")


def _partner_org(store: SQLStore, org: str, source: str) -> None:
    with store.trusted_engine().connect() as conn:
        found = get_organisation(conn, org)
    if found is None:
        Admin(store).add_organisation(org, title=f"TAXII partner at {source}", max_tlp="clear")
    elif found.local:
        raise InvalidValueError(f"{org!r} is this instance's own organisation, not a partner's")


def _fetch(collection: Collection, **filters: Any) -> list[Any]:
    found: list[Any] = []
    for envelope in as_pages(collection.get_objects, per_request=PAGE_SIZE, **filters):
        found.extend(envelope.get("objects", []))
    return found


def _complete(collection: Collection, objects: list[dict[str, Any]]) -> int:
    """Add what the batch refers to and lacks; how many objects that took."""
    have = {o["id"] for o in objects}
    added = 0
    for _ in range(_ROUNDS):
        wanted = sorted({r for o in objects for r in references(o)} - have)
        if not wanted:
            break
        have.update(wanted)
        for start in range(0, len(wanted), _CHUNK):
            found = _fetch(collection, id=wanted[start : start + _CHUNK])
            objects.extend(found)
            added += len(found)
    return added


def pull(
    store: SQLStore,
    url: str,
    key: str,
    *,
    user: str,
    password: str,
    org: str | None = None,
) -> PullResult:
    """Pull what is new in collection ``key`` at ``url`` since the last pull into ``store``
    (the local operator's), as organisation ``org`` (default: from the URL's host)."""
    if store.viewers:
        raise PermissionDeniedError("pulling a partner's collection is the local operator's")
    org = org or partner_name(url)
    collection = open_collection(url, key, user, password)
    source = collection.url.rsplit("/collections/", 1)[0] + "/"
    _partner_org(store, org, source)
    since = load_mark(store, source, collection.id)
    headers = _Headers()
    collection._conn.session.hooks["response"].append(headers)
    try:
        objects = _fetch(collection, added_after=since)
        headers.listening = False
        completed = _complete(collection, objects) if objects else 0
    except (requests.RequestException, TAXIIServiceException) as exc:
        raise FetchError(f"{collection.url}: {exc}") from None
    finally:
        collection.close()
    result = PullResult(source, collection.id, org, since, headers.last or since)
    result.objects, result.completed = len(objects) - completed, completed
    if objects:
        groups = _rename_groups(objects, org)
        writer = store.as_viewer(Viewer(org, "red", frozenset(groups), user=PULLER, role="analyst"))
        bundle = {"type": "bundle", "id": f"bundle--{collection.id}", "objects": objects}
        result.report = import_bundle(writer, bundle, producer=org)
        result.lines = result.report.lines()
    save_mark(store, source, collection.id, org, result.mark, len(objects))
    store.audit(
        "taxii_pull",
        [collection.id],
        {
            "source": source,
            "collection": collection.alias or collection.title,
            "org": org,
            "objects": result.objects,
            "statements": result.report.statements if result.report else 0,
            "added_after": since,
            "mark": result.mark,
        },
    )
    return result
