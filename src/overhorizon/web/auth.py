"""Who is asking: every request reads and writes through a store filtered for its user.

Credentials, in order: ``Authorization: Bearer TOKEN`` (API tokens), ``Authorization: Basic``
(user name and password, for TAXII clients), then the browser session cookie. A database with
no users at all is a single analyst's: requests without credentials act as its local operator,
unless the app was created with ``require_login=True``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator

from fastapi import Request

from overhorizon.errors import AuthenticationError
from overhorizon.model.statement import TLP_LEVELS
from overhorizon.policy.clearance import LOCAL_ORG
from overhorizon.policy.identity import login, store_for_user
from overhorizon.policy.tokens import store_for_token
from overhorizon.store import SQLStore
from overhorizon.web.models import Me

SESSION_COOKIE = "overhorizon_session"


def base_store(request: Request) -> SQLStore:
    store: SQLStore = request.app.state.store
    return store


def _basic(header: str) -> tuple[str, str]:
    try:
        decoded = base64.b64decode(header, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise AuthenticationError("malformed Basic credentials") from None
    name, sep, password = decoded.partition(":")
    if not sep:
        raise AuthenticationError("malformed Basic credentials")
    return name, password


def store_for_request(request: Request) -> SQLStore:
    """The store as the requesting user sees it; AuthenticationError when nobody is logged in
    and the instance requires it."""
    store = base_store(request)
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value:
        return store_for_token(store, value.strip())
    if scheme.lower() == "basic" and value:
        name, password = _basic(value.strip())
        return store_for_user(store, login(store, name, password))
    if header:
        raise AuthenticationError("unsupported Authorization scheme")
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return store_for_token(store, cookie)
    if request.app.state.require_login:
        raise AuthenticationError("credentials required")
    return store


def reader(request: Request) -> Iterator[SQLStore]:
    """FastAPI dependency: the filtered store for this request."""
    yield store_for_request(request)


def whoami(store: SQLStore) -> Me:
    """Who the request reads as: a user, or the local operator of a single-analyst instance."""
    viewer = store.author or (store.viewers[0] if store.viewers else None)
    if viewer is None:
        return Me(
            user=None,
            org=LOCAL_ORG,
            role="operator",
            clearance=TLP_LEVELS[-1],
            groups=[],
            may_write=True,
            tlp_levels=list(TLP_LEVELS),
        )
    return Me(
        user=viewer.user,
        org=viewer.org,
        role=viewer.role,
        clearance=viewer.clearance,
        groups=sorted(viewer.groups),
        may_write=viewer.may_write,
        tlp_levels=list(TLP_LEVELS[: TLP_LEVELS.index(viewer.clearance) + 1]),
    )
