"""Deterministic STIX identifiers, so exporting the same store twice gives the same ids.

An id is the UUIDv5 of a key (an entity id, a document id) under the project's namespace,
with its version field then set to 4: the validator's strict mode requires version-4 ids for
domain and relationship objects and for bundles, and the bits are still a hash of the key.
"""

from __future__ import annotations

import re
import uuid

NAMESPACE = uuid.UUID("3f6c1b0e-8a52-4d8e-9b7c-2e41a5d0c9f3")
"""The one namespace every overhorizon instance derives STIX ids under."""

_STIX_ID = re.compile(
    r"^([a-z][a-z0-9-]*[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


def stix_uuid(key: str) -> str:
    """The version-4-shaped UUID derived from ``key``."""
    digest = uuid.uuid5(NAMESPACE, key)
    return str(uuid.UUID(bytes=digest.bytes, version=4))


def stix_id(stix_type: str, key: str) -> str:
    """The id of the ``stix_type`` object that represents ``key``.

    An entity imported from another tool keeps that tool's STIX id as its entity id; such a key
    is returned unchanged when it already names an object of this type, so it re-exports under
    the id it came with.
    """
    if stix_type_of(key) == stix_type:
        return key
    return f"{stix_type}--{stix_uuid(key)}"


def stix_type_of(identifier: str) -> str | None:
    """The object type an identifier names (``threat-actor--…`` -> threat-actor), or None."""
    match = _STIX_ID.match(identifier)
    return match.group(1) if match else None
