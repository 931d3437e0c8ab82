"""The query parameters of TAXII 2.1 listings, checked: malformed ones answer 400.

``added_after``, ``limit``, ``next``, and ``match[id]``, ``match[type]``, ``match[version]``
(``last``, ``first``, ``all`` or timestamps) and ``match[spec_version]``, each a
comma-separated list. A collection keeps one version of each object (its current one: an
older version may hold what has since been withdrawn or re-marked), so ``last``, ``first`` and
``all`` select the same objects and a timestamp selects an object only at that version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from fastapi import HTTPException

DEFAULT_PAGE = 1000
MAX_PAGE = 10_000
SPEC_VERSION = "2.1"

_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z")
_SPEC = re.compile(r"\d+\.\d+")
_TYPE = re.compile(r"[a-z0-9][a-z0-9-]{0,249}")
_ID = re.compile(r"[a-z0-9][a-z0-9-]*--[0-9a-fA-F-]{36}")
_CURSOR = re.compile(r"a([0-9]{1,20})")
_KEYWORDS = frozenset({"last", "first", "all"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_MICRO = timedelta(microseconds=1)


def parse_micros(text: str) -> int | None:
    """A STIX timestamp (UTC, ``Z``) as microseconds since the epoch, or None if malformed."""
    match = _TIMESTAMP.fullmatch(text)
    if match is None:
        return None
    try:
        whole = datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)
    except ValueError:
        return None
    fraction = (match.group(2) or "").ljust(6, "0")[:6]
    return (whole - _EPOCH) // _ONE_MICRO + int(fraction)


def format_micros(micros: int) -> str:
    """Microseconds since the epoch as a STIX timestamp with all six digits."""
    moment = _EPOCH + micros * _ONE_MICRO
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def micros_of(moment: datetime) -> int:
    return (moment.astimezone(UTC) - _EPOCH) // _ONE_MICRO


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _listed(params: Mapping[str, str], name: str) -> list[str] | None:
    raw = params.get(name)
    if raw is None:
        return None
    values = [v.strip() for v in raw.split(",")]
    if not all(values):
        raise _bad(f"{name} holds an empty value")
    return values


@dataclass(frozen=True, slots=True)
class Filters:
    added_after: int | None = None
    after: int | None = None
    """The ``next`` cursor: only objects added after this one."""
    limit: int = DEFAULT_PAGE
    ids: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    versions: tuple[int, ...] | None = None
    """Versions asked for by timestamp; None when every (that is, the current) version."""
    spec_ok: bool = True
    """False when ``match[spec_version]`` excludes 2.1: nothing matches."""


_MATCHES = {
    "objects": ("id", "type", "version", "spec_version"),
    "object": ("version", "spec_version"),
    "versions": ("spec_version",),
}


def parse_filters(params: Mapping[str, str], endpoint: str) -> Filters:
    """The filters of a listing endpoint (objects, manifest: ``objects``; one object:
    ``object``; versions: ``versions``); HTTPException 400 on a malformed one. Match fields
    the endpoint does not take are ignored, as other parameters are."""
    fields = _MATCHES[endpoint]
    params = {
        k: v
        for k, v in params.items()
        if not k.startswith("match[") or k.removeprefix("match[").removesuffix("]") in fields
    }
    added_after = None
    if "added_after" in params:
        added_after = parse_micros(params["added_after"])
        if added_after is None:
            raise _bad("added_after is not a timestamp such as 2024-01-31T12:00:00.000Z")
    limit = DEFAULT_PAGE
    if "limit" in params:
        raw = params["limit"]
        if not raw.isdigit() or int(raw) < 1:
            raise _bad("limit is a positive whole number")
        limit = min(int(raw), MAX_PAGE)
    after = None
    if "next" in params:
        cursor = _CURSOR.fullmatch(params["next"])
        if cursor is None:
            raise _bad("next is not a value this server gave")
        after = int(cursor.group(1))
    ids = _listed(params, "match[id]")
    if ids is not None and not all(_ID.fullmatch(i) for i in ids):
        raise _bad("match[id] holds a value that is not a STIX identifier")
    types = _listed(params, "match[type]")
    if types is not None and not all(_TYPE.fullmatch(t) for t in types):
        raise _bad("match[type] holds a value that is not a STIX type")
    return Filters(
        added_after=added_after,
        after=after,
        limit=limit,
        ids=tuple(ids) if ids is not None else None,
        types=tuple(types) if types is not None else None,
        versions=_versions(params),
        spec_ok=_spec_ok(params),
    )


def _versions(params: Mapping[str, str]) -> tuple[int, ...] | None:
    values = _listed(params, "match[version]")
    if values is None:
        return None
    stamps = []
    for value in values:
        if value in _KEYWORDS:
            continue
        micros = parse_micros(value)
        if micros is None:
            raise _bad("match[version] holds neither last, first, all nor a timestamp")
        stamps.append(micros)
    return None if len(stamps) < len(values) else tuple(stamps)


def _spec_ok(params: Mapping[str, str]) -> bool:
    values = _listed(params, "match[spec_version]")
    if values is None:
        return True
    if not all(_SPEC.fullmatch(v) for v in values):
        raise _bad("match[spec_version] holds a value that is not a version such as 2.1")
    return SPEC_VERSION in values


def cursor(added_us: int) -> str:
    """The ``next`` value that continues after the object added at ``added_us``."""
    return f"a{added_us}"
