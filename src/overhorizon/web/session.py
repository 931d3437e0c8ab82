"""Browser sessions: a password login becomes a short-lived API token held in a cookie.

The cookie holds the token itself (HttpOnly, SameSite=Strict, Secure over HTTPS), so a
session is checked, expired and revoked exactly like any API token; logging out revokes it.
"""

from __future__ import annotations

from sqlalchemy import select

from overhorizon.errors import AuthenticationError
from overhorizon.policy import tables as policy_tables
from overhorizon.policy.admin import Admin
from overhorizon.policy.identity import User, get_user, login, store_for_user
from overhorizon.policy.tokens import token_hash
from overhorizon.store import SQLStore

SESSION_DAYS = 1
"""A session lasts a day at most (the shortest lifetime a token has)."""


def open_session(store: SQLStore, name: str, password: str) -> tuple[User, str]:
    """Check the password and make a session token; returns the user and the token."""
    user = login(store, name, password)
    admin = Admin(store_for_user(store, user))
    _token_id, secret = admin.create_token(user.name, days=SESSION_DAYS, label="web session")
    return user, secret


def close_session(store: SQLStore, secret: str) -> None:
    """Revoke the session's token (nothing happens for an unknown one)."""
    t = policy_tables.tokens
    with store.trusted_engine().connect() as conn:
        row = conn.execute(
            select(t.c.id, t.c.user_id).where(t.c.token_hash == token_hash(secret))
        ).first()
        user = get_user(conn, user_id=row.user_id) if row is not None else None
    if row is None:
        return
    if user is None:
        raise AuthenticationError("unknown session")
    Admin(store_for_user(store, user)).revoke_token(row.id)
