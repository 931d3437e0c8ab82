"""The audit log on the store's database: append, sign, read back, prove.

Every append first increments the counter in the single ``audit_state`` row. That statement
takes the row's write lock (PostgreSQL) or the database's (SQLite), so concurrent writers queue
there and sequence numbers come out unique and without gaps; the entry and the new compact
range are written under the same lock, in the same transaction as the caller's own writes when
the caller passes its connection.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Connection, Engine, Row, Select, Update, bindparam, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from overhorizon.audit import tables
from overhorizon.audit.entry import (
    AuditEntry,
    canonical_json,
    check_fields,
    json_ready,
    timestamp,
)
from overhorizon.audit.heads import SignedTreeHead
from overhorizon.audit.keys import default_key_path, key_id, load_or_create_key, public_pem
from overhorizon.audit.merkle import (
    MerkleTree,
    compact_append,
    compact_root,
    verify_inclusion,
)
from overhorizon.audit.redact import redact, refuse_secrets
from overhorizon.errors import AuditError, NotFoundError, StoreError

DEFAULT_SIGN_EVERY = 1000
"""An append that brings the log to a multiple of this many entries also signs a tree head."""

_STATE = tables.state
_BUMP_SIZE = (
    update(_STATE)
    .where(_STATE.c.id == tables.STATE_ID)
    .values(size=_STATE.c.size + 1)
    .returning(_STATE.c.size, _STATE.c.heads, _STATE.c.frontier)
)
_BUMP_HEADS = (
    update(_STATE)
    .where(_STATE.c.id == tables.STATE_ID)
    .values(heads=_STATE.c.heads + 1)
    .returning(_STATE.c.size, _STATE.c.heads, _STATE.c.frontier)
)
_HOLD = update(_STATE).where(_STATE.c.id == tables.STATE_ID).values(heads=_STATE.c.heads)
"""Takes the state row's lock without changing it, before reading what to decide on."""
_SET_FRONTIER = (
    update(_STATE).where(_STATE.c.id == tables.STATE_ID).values(frontier=bindparam("new_frontier"))
)
_INSERT_ENTRY = tables.entries.insert()


class HasEngine(Protocol):
    """Anything with a SQLAlchemy engine, such as :class:`overhorizon.store.SQLStore`."""

    @property
    def engine(self) -> Engine: ...


@dataclass(frozen=True)
class _State:
    size: int
    heads: int
    frontier: list[bytes]


@dataclass(frozen=True)
class InclusionProof:
    """Evidence that ``entry`` is leaf ``entry.seq`` of the tree that ``head`` signs."""

    entry: AuditEntry
    leaf_hash: bytes
    path: list[bytes]
    head: SignedTreeHead

    def verify(self) -> bool:
        """Whether the entry hashes to the leaf and the path leads from it to the signed root."""
        return self.entry.leaf_hash == self.leaf_hash and verify_inclusion(
            self.leaf_hash, self.entry.seq, self.head.tree_size, self.path, self.head.root_hash
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.entry.seq,
            "entry": self.entry.as_dict(),
            "leaf_hash": self.leaf_hash.hex(),
            "tree_size": self.head.tree_size,
            "root_hash": self.head.root_hash.hex(),
            "path": [p.hex() for p in self.path],
            "head": self.head.as_dict(),
        }


class AuditLog:
    """The audit log of one database.

    ``target`` is a store (anything with ``.engine``) or an engine. The signing key is read from
    ``key_path`` (default: :func:`~overhorizon.audit.keys.default_key_path`) only when a head is
    signed. ``sign_every`` entries (0: never) an append signs a head by itself.
    """

    def __init__(
        self,
        target: Engine | HasEngine,
        *,
        key_path: Path | None = None,
        sign_every: int = DEFAULT_SIGN_EVERY,
    ) -> None:
        self.engine: Engine = target if isinstance(target, Engine) else target.engine
        self.key_path = key_path or default_key_path(self.engine.url)
        self.sign_every = sign_every
        self._key: Ed25519PrivateKey | None = None

    @contextmanager
    def _connect(self, conn: Connection | None, *, write: bool) -> Iterator[Connection]:
        if conn is not None:
            yield conn
            return
        try:
            with self.engine.begin() if write else self.engine.connect() as own:
                yield own
        except SQLAlchemyError as exc:
            raise StoreError(
                f"the audit log's database refused (is it set up? `overhorizon init`): {exc}"
            ) from exc

    def append(
        self,
        actor: str,
        action: str,
        objects: Sequence[str] = (),
        details: Mapping[str, Any] | None = None,
        *,
        conn: Connection | None = None,
    ) -> AuditEntry:
        """Record one entry. With ``conn`` it joins that connection's open transaction, so the
        entry commits (or rolls back) with the caller's writes; otherwise it commits at once.

        Secrets in ``details`` are masked (see :func:`~overhorizon.audit.redact.redact`); an
        actor or object id that looks like a credential is refused.
        """
        objects = tuple(objects)
        check_fields(actor, action, objects)
        refuse_secrets(actor, *objects)
        clean = redact(json_ready(dict(details or {})))
        with self._connect(conn, write=True) as c:
            locked = self._lock(c, _BUMP_SIZE)
            entry = AuditEntry(locked.size - 1, timestamp(), actor, action, objects, clean)
            leaf = entry.leaf_hash
            try:
                c.execute(
                    _INSERT_ENTRY,
                    {
                        "seq": entry.seq,
                        "at": entry.at,
                        "actor": actor,
                        "action": action,
                        "objects": canonical_json(list(objects)).decode("utf-8"),
                        "details": canonical_json(clean).decode("utf-8"),
                        "leaf_hash": leaf.hex(),
                    },
                )
            except IntegrityError as exc:
                raise AuditError(
                    f"entry {entry.seq} already exists, so the log's counter is behind its "
                    "entries: run `overhorizon audit verify`"
                ) from exc
            frontier = compact_append(locked.frontier, entry.seq, leaf)
            c.execute(_SET_FRONTIER, {"new_frontier": _dump_frontier(frontier)})
            if self.sign_every > 0 and locked.size % self.sign_every == 0:
                self._sign(c)
        return entry

    def _lock(self, conn: Connection, bump: Update) -> _State:
        """Increment a counter in the state row, holding its lock until the transaction ends."""
        row = conn.execute(bump).first()
        if row is None:
            raise AuditError("the audit log's tables are missing: run `overhorizon init`")
        return _State(int(row.size), int(row.heads), _load_frontier(row.frontier))

    def sign(self, *, conn: Connection | None = None) -> SignedTreeHead:
        """Sign the current tree head and store it, with the public key if it is new."""
        with self._connect(conn, write=True) as c:
            return self._sign(c)

    def sign_pending(self, *, conn: Connection | None = None) -> SignedTreeHead | None:
        """Sign a head if any entry is not covered by one yet: call it when a command ends."""
        with self._connect(conn, write=True) as c:
            c.execute(_HOLD)
            latest = self._latest(c)
            if (latest.tree_size if latest else 0) >= self._size(c):
                return None
            return self._sign(c)

    def _sign(self, conn: Connection) -> SignedTreeHead:
        key = self.signing_key()
        locked = self._lock(conn, _BUMP_HEADS)
        head = SignedTreeHead.sign(key, locked.heads, locked.size, compact_root(locked.frontier))
        known = select(tables.keys.c.key_id).where(tables.keys.c.key_id == head.key_id)
        if conn.execute(known).first() is None:
            conn.execute(
                tables.keys.insert().values(
                    key_id=head.key_id, public_key=head.public_key, created_at=head.timestamp
                )
            )
        conn.execute(
            tables.heads.insert().values(
                number=head.number,
                tree_size=head.tree_size,
                root_hash=head.root_hash.hex(),
                signed_at=head.timestamp,
                key_id=head.key_id,
                signature=head.signature.hex(),
            )
        )
        return head

    def signing_key(self) -> Ed25519PrivateKey:
        if self._key is None:
            self._key = load_or_create_key(self.key_path)
        return self._key

    def public_key(self) -> tuple[str, str]:
        """This process's signing key as (key id, PEM), creating the key if there is none."""
        public = self.signing_key().public_key()
        return key_id(public), public_pem(public)

    def size(self) -> int:
        """How many entries the log holds, by its counter."""
        with self._connect(None, write=False) as conn:
            return self._size(conn)

    def _size(self, conn: Connection) -> int:
        value = conn.execute(select(tables.state.c.size)).scalar()
        if value is None:
            raise AuditError("the audit log's tables are missing: run `overhorizon init`")
        return int(value)

    def entries(
        self,
        *,
        limit: int | None = 50,
        action: str | None = None,
        actor: str | None = None,
        newest_first: bool = True,
    ) -> list[AuditEntry]:
        sql = select(tables.entries)
        if action is not None:
            sql = sql.where(tables.entries.c.action == action)
        if actor is not None:
            sql = sql.where(tables.entries.c.actor == actor)
        seq = tables.entries.c.seq
        sql = sql.order_by(seq.desc() if newest_first else seq).limit(limit)
        with self._connect(None, write=False) as conn:
            return [entry_from_row(row) for row in conn.execute(sql)]

    def entry(self, seq: int) -> AuditEntry:
        sql = select(tables.entries).where(tables.entries.c.seq == seq)
        with self._connect(None, write=False) as conn:
            row = conn.execute(sql).first()
        if row is None:
            raise NotFoundError(f"the audit log has no entry {seq}")
        return entry_from_row(row)

    def heads(self) -> list[SignedTreeHead]:
        """Every signed head in signing order, each with its public key."""
        with self._connect(None, write=False) as conn:
            return [_head(row) for row in conn.execute(_heads_query())]

    def latest_head(self) -> SignedTreeHead | None:
        with self._connect(None, write=False) as conn:
            return self._latest(conn)

    def _latest(self, conn: Connection) -> SignedTreeHead | None:
        sql = _heads_query().order_by(None).order_by(tables.heads.c.number.desc())
        row = conn.execute(sql).first()
        return _head(row) if row is not None else None

    def tree(self, size: int | None = None) -> MerkleTree:
        """The tree over the stored leaf hashes (of the first ``size`` entries)."""
        sql = select(tables.entries.c.leaf_hash).order_by(tables.entries.c.seq)
        if size is not None:
            sql = sql.where(tables.entries.c.seq < size)
        with self._connect(None, write=False) as conn:
            return MerkleTree([bytes.fromhex(h) for h in conn.execute(sql).scalars()])

    def inclusion_proof(self, seq: int, head: SignedTreeHead | None = None) -> InclusionProof:
        """The proof that entry ``seq`` is in the log that ``head`` (default: the latest) signs."""
        head = head or self.latest_head()
        if head is None:
            raise AuditError("no tree head is signed yet: run `overhorizon audit sign`")
        if not 0 <= seq < head.tree_size:
            raise NotFoundError(
                f"entry {seq} is not under the signed head of {head.tree_size} entries; "
                "run `overhorizon audit sign` for a newer head"
            )
        tree = self.tree(head.tree_size)
        if tree.size != head.tree_size or tree.root() != head.root_hash:
            raise AuditError("the stored log does not match its signed head: run `audit verify`")
        entry = self.entry(seq)
        return InclusionProof(entry, tree.levels[0][seq], tree.inclusion_proof(seq), head)

    def consistency_proof(self, first: int, second: int) -> list[bytes]:
        """The proof that the log of ``first`` entries is a prefix of that of ``second``."""
        return self.tree(second).consistency_proof(first, second)


def _heads_query() -> Select[Any]:
    return (
        select(tables.heads, tables.keys.c.public_key)
        .join(tables.keys, tables.keys.c.key_id == tables.heads.c.key_id, isouter=True)
        .order_by(tables.heads.c.number)
    )


def _head(row: Row[Any]) -> SignedTreeHead:
    m = row._mapping
    return SignedTreeHead(
        number=int(m["number"]),
        tree_size=int(m["tree_size"]),
        root_hash=bytes.fromhex(m["root_hash"]),
        timestamp=m["signed_at"],
        key_id=m["key_id"],
        signature=bytes.fromhex(m["signature"]),
        public_key=m["public_key"],
    )


def entry_from_row(row: Row[Any]) -> AuditEntry:
    """An entry as its row holds it; :meth:`AuditEntry.leaf_hash` then recomputes its leaf."""
    m = row._mapping
    return AuditEntry(
        seq=int(m["seq"]),
        at=m["at"],
        actor=m["actor"],
        action=m["action"],
        objects=tuple(json.loads(m["objects"])),
        details=json.loads(m["details"]),
    )


def _load_frontier(raw: str) -> list[bytes]:
    return [bytes.fromhex(h) for h in json.loads(raw)]


def _dump_frontier(frontier: Sequence[bytes]) -> str:
    return json.dumps([h.hex() for h in frontier])
