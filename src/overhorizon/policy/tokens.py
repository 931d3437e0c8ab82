"""API tokens: random, shown once, kept only as a SHA-256 hash, with expiry and revocation.

A token is ``oht_`` and 43 URL-safe characters (256 random bits), so a plain hash is enough
to keep it safe at rest; a token's id (``tok-...``) names it in lists and the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from overhorizon import audit
from overhorizon.errors import AuthenticationError
from overhorizon.model.statement import utcnow
from overhorizon.policy import tables
from overhorizon.policy.identity import User, get_user, store_for_user
from overhorizon.store.rows import aware

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore

PREFIX = "oht_"
TOKEN_FAILED = "the API token is unknown, expired or revoked"


def new_secret() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token_id() -> str:
    return "tok-" + secrets.token_hex(8)


def insert_token(
    conn: Connection, user: User, *, days: int | None, label: str | None
) -> tuple[str, str]:
    """Store a new token for ``user``; returns (its id, the token, to show once)."""
    secret = new_secret()
    token_id = new_token_id()
    now = utcnow()
    conn.execute(
        tables.tokens.insert().values(
            id=token_id,
            user_id=user.id,
            token_hash=token_hash(secret),
            label=label,
            created_at=now,
            expires_at=now + timedelta(days=days) if days is not None else None,
            revoked_at=None,
        )
    )
    return token_id, secret


def _valid(expires_at: datetime | None, revoked_at: datetime | None) -> bool:
    if revoked_at is not None:
        return False
    return expires_at is None or aware(expires_at) > utcnow()


def authenticate(store: SQLStore, token: str) -> User:
    """The active user a valid token belongs to, else AuthenticationError; a failure is
    recorded in the audit log (without the token)."""
    t = tables.tokens
    engine = store.trusted_engine()
    user = None
    with engine.connect() as conn:
        row = conn.execute(
            select(t.c.user_id, t.c.expires_at, t.c.revoked_at).where(
                t.c.token_hash == token_hash(token)
            )
        ).first()
        if row is not None and _valid(row.expires_at, row.revoked_at):
            user = get_user(conn, user_id=row.user_id)
    if user is None or not user.active:
        audit.record(
            engine,
            actor="anonymous",
            action="login",
            details={"ok": False, "method": "api-token"},
        )
        raise AuthenticationError(TOKEN_FAILED)
    return user


def store_for_token(store: SQLStore, token: str) -> SQLStore:
    """``store`` as the owner of ``token`` reads and writes it."""
    return store_for_user(store, authenticate(store, token))
