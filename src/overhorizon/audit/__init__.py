"""The tamper-evident audit log: who did what to which objects, and when.

An append-only Merkle tree hashed as RFC 9162 defines, with Ed25519-signed tree heads,
inclusion and consistency proofs, and a verifier that names each tampered entry. Record an
event with :func:`record`::

    from overhorizon import audit

    with store.engine.begin() as conn:
        ...  # the write itself
        audit.record(conn, actor="analyst:alice", action="write", objects=[entity_id],
                     details={"props": ["name"]})

Passing the connection makes the entry part of the same transaction; passing the store (or
its engine) commits the entry on its own. Details are redacted: secrets never reach the log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Engine

from overhorizon.audit.entry import AuditEntry, cli_actor
from overhorizon.audit.heads import SignedTreeHead
from overhorizon.audit.log import AuditLog, HasEngine, InclusionProof
from overhorizon.audit.merkle import (
    EMPTY_ROOT,
    MerkleTree,
    leaf_hash,
    node_hash,
    verify_consistency,
    verify_inclusion,
)
from overhorizon.audit.redact import redact
from overhorizon.audit.verify import Finding, VerifyReport, verify_log

__all__ = [
    "EMPTY_ROOT",
    "AuditEntry",
    "AuditLog",
    "Finding",
    "InclusionProof",
    "MerkleTree",
    "SignedTreeHead",
    "VerifyReport",
    "cli_actor",
    "leaf_hash",
    "node_hash",
    "record",
    "redact",
    "sign_pending",
    "verify_consistency",
    "verify_inclusion",
    "verify_log",
]


def record(
    target: Connection | Engine | HasEngine,
    *,
    actor: str,
    action: str,
    objects: Sequence[str] = (),
    details: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the audit log and return it.

    ``target`` is an open connection (the entry joins its transaction), or a store or engine
    (the entry commits at once). ``actor`` names who acted (``cli:USER``, ``analyst:alice``,
    ``org:ORG/user:NAME``), ``action`` what was done (``ingest``, ``write``, ``share``,
    ``export``, ``login``, ``merge``, ``undo``, ...), ``objects`` the ids it touched, and
    ``details`` anything else worth keeping, minus secrets.
    """
    if isinstance(target, Connection):
        return AuditLog(target.engine).append(actor, action, objects, details, conn=target)
    return AuditLog(target).append(actor, action, objects, details)


def sign_pending(target: Connection | Engine | HasEngine) -> SignedTreeHead | None:
    """Sign a tree head if entries were added since the last one; call it as a command ends."""
    if isinstance(target, Connection):
        return AuditLog(target.engine).sign_pending(conn=target)
    return AuditLog(target).sign_pending()
