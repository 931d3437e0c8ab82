"""Who is asking over TAXII: always a user, named by Basic credentials or an API token.

TAXII never falls back to the local operator, even where the rest of the application runs
without logins: a partner's software is always somebody. A password is checked with argon2
once, then remembered for a few minutes as a keyed hash in memory, because TAXII clients send
it with every page; a remembered password counts only while the user is active and their
stored hash is unchanged, so a new password or a deactivation takes effect at once.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass

from fastapi import Request
from sqlalchemy import select

from overhorizon.errors import AuthenticationError
from overhorizon.policy import tables as policy_tables
from overhorizon.policy.clearance import Viewer
from overhorizon.policy.identity import LOGIN_FAILED, User, get_user, login, store_for_user
from overhorizon.policy.tokens import authenticate
from overhorizon.store.sql import SQLStore

REMEMBER_SECONDS = 300.0
_KEY = secrets.token_bytes(32)


@dataclass(frozen=True, slots=True)
class Requester:
    """A TAXII requester: the user, the viewer every read is filtered for, and their store."""

    user: User
    store: SQLStore

    @property
    def viewer(self) -> Viewer:
        return self.store.viewers[-1]


class _Remembered:
    """Passwords checked lately: keyed hash of name and password -> (user id, stored hash,
    until when)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[bytes, tuple[str, str, float]] = {}

    @staticmethod
    def key(name: str, password: str) -> bytes:
        return hmac.new(_KEY, f"{name}\0{password}".encode(), hashlib.sha256).digest()

    def get(self, key: bytes) -> tuple[str, str] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[2] < time.monotonic():
                self._entries.pop(key, None)
                return None
            return found[0], found[1]

    def put(self, key: bytes, user_id: str, digest: str) -> None:
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[key] = (user_id, digest, time.monotonic() + REMEMBER_SECONDS)


_REMEMBERED = _Remembered()


def _password_hash(store: SQLStore, user_id: str) -> str | None:
    u = policy_tables.users
    with store.trusted_engine().connect() as conn:
        value = conn.execute(select(u.c.password_hash).where(u.c.id == user_id)).scalar()
    return str(value) if value else None


def _user(store: SQLStore, user_id: str) -> User | None:
    with store.trusted_engine().connect() as conn:
        return get_user(conn, user_id=user_id)


def _basic(store: SQLStore, value: str) -> User:
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise AuthenticationError("malformed Basic credentials") from None
    name, sep, password = decoded.partition(":")
    if not sep:
        raise AuthenticationError("malformed Basic credentials")
    key = _REMEMBERED.key(name, password)
    known = _REMEMBERED.get(key)
    if known is not None:
        user = _user(store, known[0])
        if user is not None and user.active and _password_hash(store, user.id) == known[1]:
            return user
    user = login(store, name, password)
    digest = _password_hash(store, user.id)
    if digest is None:
        raise AuthenticationError(LOGIN_FAILED)
    _REMEMBERED.put(key, user.id, digest)
    return user


def requester(request: Request) -> Requester:
    """The user behind ``request``; AuthenticationError (401) without valid credentials."""
    store: SQLStore = request.app.state.store
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    value = value.strip()
    if scheme.lower() == "basic" and value:
        user = _basic(store, value)
    elif scheme.lower() == "bearer" and value:
        user = authenticate(store, value)
    else:
        raise AuthenticationError("TAXII needs credentials: Basic (user and password) or Bearer")
    return Requester(user, store_for_user(store, user))
