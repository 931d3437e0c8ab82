"""One audit entry and the exact bytes its leaf hash is taken over.

The bytes are canonical JSON (sorted keys, no insignificant white space, UTF-8), so the same
entry always hashes the same, whichever database held it and whichever process reads it back.
"""

from __future__ import annotations

import getpass
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from overhorizon.audit.merkle import leaf_hash
from overhorizon.errors import AuditError

_ACTION = re.compile(r"[a-z][a-z0-9_.:-]{0,63}")
MAX_ACTOR = 200


def canonical_json(value: Any) -> bytes:
    """``value`` as canonical JSON bytes; NaN and infinities are refused."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def timestamp(moment: datetime | None = None) -> str:
    """A UTC time as the log writes it: ISO 8601, microseconds, ``Z``."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def cli_actor() -> str:
    """The actor of a command run from a terminal: ``cli:`` and the operating-system user."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = "unknown"
    return f"cli:{user}"


def json_ready(value: Any, path: str = "details") -> Any:
    """``value`` with tuples, sets, dates and times made JSON; anything else not JSON refused."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AuditError(f"{path} is not a finite number")
        return value
    if isinstance(value, datetime):
        return timestamp(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise AuditError(f"{path} has a key that is not a string: {key!r}")
            out[key] = json_ready(item, f"{path}.{key}")
        return out
    if isinstance(value, set | frozenset):
        return sorted(json_ready(item, path) for item in value)
    if isinstance(value, list | tuple):
        return [json_ready(item, f"{path}[{i}]") for i, item in enumerate(value)]
    raise AuditError(f"{path} holds a {type(value).__name__}, which the audit log cannot record")


def check_fields(actor: str, action: str, objects: Sequence[str]) -> None:
    """Refuse an entry that later readers could not make sense of."""
    if not actor or len(actor) > MAX_ACTOR or actor != actor.strip():
        raise AuditError(f"actor must be 1 to {MAX_ACTOR} characters without outer spaces")
    if not _ACTION.fullmatch(action):
        raise AuditError(f"action {action!r} must be a lower-case word such as 'write'")
    if isinstance(objects, str) or not all(isinstance(o, str) and o for o in objects):
        raise AuditError("objects must be a list of non-empty id strings")


@dataclass(frozen=True)
class AuditEntry:
    """One recorded event. ``seq`` is its 0-based position: its leaf index in the tree."""

    seq: int
    at: str
    actor: str
    action: str
    objects: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

    def canonical(self) -> bytes:
        """The bytes the leaf hash covers."""
        return canonical_json(self.as_dict())

    @property
    def leaf_hash(self) -> bytes:
        return leaf_hash(self.canonical())

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "objects": list(self.objects),
            "details": self.details,
        }

    def with_seq(self, seq: int) -> AuditEntry:
        return AuditEntry(seq, self.at, self.actor, self.action, self.objects, self.details)
