"""Organisations and users as records, and how a user becomes the viewer every read filters for.

Logging in (password or API token) answers one error for every failure, whatever went wrong,
and each password login is recorded in the audit log without the password.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select, update

from overhorizon import audit
from overhorizon.errors import AuthenticationError
from overhorizon.policy import tables
from overhorizon.policy.clearance import Ceiling, Viewer
from overhorizon.policy.passwords import check_password, hash_password, needs_rehash

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore

LOGIN_FAILED = "unknown user or wrong password"


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    title: str | None
    local: bool
    max_tlp: str
    max_groups: frozenset[str]
    created_at: datetime

    @property
    def ceiling(self) -> Ceiling:
        """The most it may receive of what other organisations own."""
        return Ceiling(self.max_tlp, self.max_groups)


@dataclass(frozen=True, slots=True)
class User:
    id: str
    name: str
    org: str
    role: str
    clearance: str
    default_tlp: str
    default_groups: frozenset[str]
    groups: frozenset[str]
    active: bool
    created_at: datetime

    @property
    def actor(self) -> str:
        return f"org:{self.org}/user:{self.name}"


def _set(raw: str) -> frozenset[str]:
    return frozenset(json.loads(raw)) if raw else frozenset()


def organisation_from_row(row: Any) -> Organisation:
    return Organisation(
        row["name"],
        row["title"],
        bool(row["local"]),
        row["max_tlp"],
        _set(row["max_groups"]),
        row["created_at"],
    )


def get_organisation(conn: Connection, name: str) -> Organisation | None:
    o = tables.organisations
    row = conn.execute(select(o).where(o.c.name == name)).first()
    return organisation_from_row(row._mapping) if row is not None else None


def _memberships(conn: Connection, user_id: str) -> frozenset[str]:
    m = tables.members
    return frozenset(conn.execute(select(m.c.group_name).where(m.c.user_id == user_id)).scalars())


def user_from_row(conn: Connection, row: Any) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        org=row["org"],
        role=row["role"],
        clearance=row["clearance"],
        default_tlp=row["default_tlp"],
        default_groups=_set(row["default_groups"]),
        groups=_memberships(conn, row["id"]),
        active=bool(row["active"]),
        created_at=row["created_at"],
    )


def get_user(
    conn: Connection, *, name: str | None = None, user_id: str | None = None
) -> User | None:
    u = tables.users
    where = u.c.name == name if name is not None else u.c.id == user_id
    row = conn.execute(select(u).where(where)).first()
    return user_from_row(conn, row._mapping) if row is not None else None


def _password_hash(conn: Connection, user_id: str) -> str | None:
    u = tables.users
    value = conn.execute(select(u.c.password_hash).where(u.c.id == user_id)).scalar()
    return str(value) if value else None


def viewer_for(conn: Connection, user: User) -> Viewer:
    """The viewer a user reads as: their clearance and groups, and, outside the local
    organisation, their organisation's ceiling on what others own."""
    org = get_organisation(conn, user.org)
    cap = Ceiling("clear") if org is None else None if org.local else org.ceiling
    return Viewer(user.org, user.clearance, user.groups, cap, user.name, user.role)


def store_for_user(store: SQLStore, user: User) -> SQLStore:
    """``store`` as ``user`` reads and writes it."""
    with store.trusted_engine().connect() as conn:
        viewer = viewer_for(conn, user)
    return store.as_viewer(viewer, defaults=(user.default_tlp, user.default_groups))


def login(store: SQLStore, name: str, password: str) -> User:
    """The active user with this name and password, else AuthenticationError (one message for
    every failure). Success and failure both go to the audit log, without the password, and
    without the attempted name unless it is a real user's (people type passwords there)."""
    engine = store.trusted_engine()
    with engine.connect() as conn:
        user = get_user(conn, name=name)
        stored = _password_hash(conn, user.id) if user is not None else None
    ok = check_password(stored, password) and user is not None and user.active
    if not ok or user is None:
        actor = user.actor if user is not None else "anonymous"
        objects = [user.id] if user is not None else []
        audit.record(engine, actor=actor, action="login", objects=objects, details={"ok": False})
        raise AuthenticationError(LOGIN_FAILED)
    if stored is not None and needs_rehash(stored):
        _store_hash(engine, user.id, hash_password(password))
    audit.record(engine, actor=user.actor, action="login", objects=[user.id], details={"ok": True})
    return user


def _store_hash(engine: Engine, user_id: str, digest: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(tables.users).where(tables.users.c.id == user_id).values(password_hash=digest)
        )
