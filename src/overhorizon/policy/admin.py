"""Administration: organisations, users, need-to-know groups and API tokens, each action checked
against who acts and recorded in the audit log.

Who may do what:

- the local operator (a store with no viewer) and platform admins: everything;
- an organisation admin: the users, groups and tokens of their own organisation only, never
  granting a clearance above their own, a group they are not in, or the platform admin role;
- anyone else: their own tokens.

A user, group, token or organisation outside the actor's reach answers exactly like one that
does not exist, and every lookup checks the kind of object it names, so an id of one kind
never acts on another.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, or_, select, update

from overhorizon import audit
from overhorizon.errors import InvalidValueError, NotFoundError, PermissionDeniedError
from overhorizon.model.statement import utcnow
from overhorizon.policy import tables
from overhorizon.policy.clearance import Viewer, check_role, tlp_rank
from overhorizon.policy.identity import (
    Organisation,
    User,
    get_organisation,
    get_user,
    organisation_from_row,
    user_from_row,
)
from overhorizon.policy.passwords import hash_password
from overhorizon.policy.tokens import insert_token
from overhorizon.store.tables import document_copies, documents, statements

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore

_ORG_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,31}")
_USER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
_PLATFORM = "platform_admin"


def _groups_json(groups: Iterable[str]) -> str:
    return json.dumps(sorted(set(groups)))


class Admin:
    """Administration as ``store``'s user (or the local operator) may do it."""

    def __init__(self, store: SQLStore) -> None:
        if store.viewers and store.author is None:
            raise PermissionDeniedError("only a user or the local operator administers")
        self.actor: Viewer | None = store.author
        self.engine = store.trusted_engine()
        self.who = store.actor

    # who may do what

    @property
    def platform(self) -> bool:
        return self.actor is None or self.actor.role == _PLATFORM

    def _manages(self, org: str) -> bool:
        if self.platform:
            return True
        assert self.actor is not None
        return self.actor.role == "org_admin" and self.actor.org == org

    def _require_platform(self) -> None:
        if not self.platform:
            raise PermissionDeniedError("only a platform admin manages organisations")

    def _record(self, conn: Connection, action: str, objects: list[str], **details: Any) -> None:
        audit.record(conn, actor=self.who, action=action, objects=objects, details=details)

    def _org(self, conn: Connection, name: str) -> Organisation:
        org = get_organisation(conn, name)
        if org is None or not (self._manages(name) or (self.actor and self.actor.org == name)):
            raise NotFoundError(f"no organisation {name!r}")
        return org

    def _user(self, conn: Connection, name: str) -> User:
        user = get_user(conn, name=name)
        if user is None or not (self._manages(user.org) or self._is_self(user)):
            raise NotFoundError(f"no user {name!r}")
        return user

    def _is_self(self, user: User) -> bool:
        return self.actor is not None and self.actor.user == user.name

    def _check_grant(self, org: str, role: str, clearance: str, groups: Iterable[str]) -> None:
        """An organisation admin grants only what they hold, in their own organisation."""
        check_role(role)
        tlp_rank(clearance)
        if self.platform:
            return
        assert self.actor is not None
        if not self._manages(org):
            raise NotFoundError(f"no organisation {org!r}")
        if role == _PLATFORM:
            raise PermissionDeniedError("only a platform admin makes platform admins")
        if tlp_rank(clearance) > tlp_rank(self.actor.clearance):
            raise PermissionDeniedError("nobody grants a clearance above their own")
        if not set(groups) <= self.actor.groups:
            raise PermissionDeniedError("nobody grants a group they are not in")

    # organisations

    def add_organisation(
        self,
        name: str,
        *,
        title: str | None = None,
        max_tlp: str = "clear",
        max_groups: Iterable[str] = (),
    ) -> Organisation:
        self._require_platform()
        if not _ORG_NAME.fullmatch(name):
            raise InvalidValueError(f"{name!r}: organisation names are a-z, 0-9 and '-'")
        tlp_rank(max_tlp)
        with self.engine.begin() as conn:
            if get_organisation(conn, name) is not None:
                raise InvalidValueError(f"organisation {name!r} exists")
            conn.execute(
                tables.organisations.insert().values(
                    name=name,
                    title=title,
                    local=False,
                    max_tlp=max_tlp,
                    max_groups=_groups_json(max_groups),
                    created_at=utcnow(),
                )
            )
            self._record(conn, "org_add", [f"org:{name}"], max_tlp=max_tlp)
            found = get_organisation(conn, name)
        assert found is not None
        return found

    def set_ceiling(self, name: str, max_tlp: str, max_groups: Iterable[str]) -> Organisation:
        """Set the most ``name`` may receive of what others own (its maximum shareable
        marking)."""
        self._require_platform()
        tlp_rank(max_tlp)
        with self.engine.begin() as conn:
            self._org(conn, name)
            o = tables.organisations
            conn.execute(
                update(o)
                .where(o.c.name == name)
                .values(max_tlp=max_tlp, max_groups=_groups_json(max_groups))
            )
            self._record(
                conn, "org_ceiling", [f"org:{name}"], max_tlp=max_tlp, groups=sorted(max_groups)
            )
            found = get_organisation(conn, name)
        assert found is not None
        return found

    def organisations(self) -> list[Organisation]:
        o = tables.organisations
        sql = select(o).order_by(o.c.name)
        if not self.platform:
            assert self.actor is not None
            sql = sql.where(o.c.name == self.actor.org)
        with self.engine.connect() as conn:
            return [organisation_from_row(row._mapping) for row in conn.execute(sql)]

    # users

    def add_user(
        self,
        name: str,
        *,
        org: str,
        role: str = "reader",
        clearance: str = "clear",
        groups: Iterable[str] = (),
        password: str | None = None,
        default_tlp: str = "clear",
        default_groups: Iterable[str] = (),
    ) -> User:
        groups = sorted(set(groups))
        if not _USER_NAME.fullmatch(name):
            raise InvalidValueError(f"{name!r}: user names are letters, digits and . _ @ -")
        self._check_grant(org, role, clearance, groups)
        tlp_rank(default_tlp)
        digest = hash_password(password) if password is not None else None
        user_id = "usr-" + secrets.token_hex(8)
        with self.engine.begin() as conn:
            self._org(conn, org)
            if get_user(conn, name=name) is not None:
                raise InvalidValueError(f"user name {name!r} is not available")
            for group in groups:
                self._group(conn, group, org_of_user=org)
            conn.execute(
                tables.users.insert().values(
                    id=user_id,
                    name=name,
                    org=org,
                    role=role,
                    clearance=clearance,
                    default_tlp=default_tlp,
                    default_groups=_groups_json(default_groups),
                    password_hash=digest,
                    active=True,
                    created_at=utcnow(),
                )
            )
            for group in groups:
                conn.execute(tables.members.insert().values(group_name=group, user_id=user_id))
            self._record(
                conn, "user_add", [user_id], org=org, role=role, clearance=clearance, groups=groups
            )
            found = get_user(conn, user_id=user_id)
        assert found is not None
        return found

    def users(self, org: str | None = None) -> list[User]:
        """Users of ``org`` (default: every organisation the actor manages)."""
        u = tables.users
        sql = select(u).order_by(u.c.org, u.c.name)
        with self.engine.connect() as conn:
            if org is not None:
                self._org(conn, org)
                if not self._manages(org):
                    raise PermissionDeniedError("only an admin lists users")
                sql = sql.where(u.c.org == org)
            elif not self.platform:
                assert self.actor is not None
                if not self._manages(self.actor.org):
                    raise PermissionDeniedError("only an admin lists users")
                sql = sql.where(u.c.org == self.actor.org)
            return [user_from_row(conn, row._mapping) for row in conn.execute(sql)]

    def user(self, name: str) -> User:
        with self.engine.connect() as conn:
            return self._user(conn, name)

    def change_user(
        self,
        name: str,
        *,
        role: str | None = None,
        clearance: str | None = None,
        active: bool | None = None,
        password: str | None = None,
    ) -> User:
        with self.engine.begin() as conn:
            user = self._user(conn, name)
            if not self._manages(user.org):
                raise PermissionDeniedError("only an admin changes users")
            self._check_grant(user.org, role or user.role, clearance or user.clearance, [])
            values: dict[str, Any] = {}
            if role is not None:
                values["role"] = role
            if clearance is not None:
                values["clearance"] = clearance
            if active is not None:
                values["active"] = active
            if password is not None:
                values["password_hash"] = hash_password(password)
            if values:
                u = tables.users
                conn.execute(update(u).where(u.c.id == user.id).values(**values))
                changed = sorted("password" if k == "password_hash" else k for k in values)
                self._record(conn, "user_change", [user.id], changed=changed)
            found = get_user(conn, user_id=user.id)
        assert found is not None
        return found

    # groups

    def _group(self, conn: Connection, name: str, *, org_of_user: str | None = None) -> str:
        """The owner of group ``name``, if the actor manages it (and, for a membership, the
        group may take users of ``org_of_user``: only a platform admin mixes organisations)."""
        g = tables.groups
        owner = conn.execute(select(g.c.org).where(g.c.name == name)).scalar()
        if owner is None or not self._manages(owner):
            raise NotFoundError(f"no group {name!r}")
        if org_of_user is not None and org_of_user != owner and not self.platform:
            raise NotFoundError(f"no group {name!r}")
        return str(owner)

    def add_group(self, name: str, *, org: str) -> None:
        """A need-to-know group owned by ``org``; an organisation admin who makes one joins it.

        Names are unique across organisations, and a name already carried by another
        organisation's statements or documents is refused, so nobody claims a group to read
        what it marks. Every refusal reads the same, whoever holds the name.
        """
        name = name.strip()
        if not name or len(name) > 64 or any(ord(c) < 32 for c in name):
            raise InvalidValueError("a group name is 1 to 64 printable characters")
        with self.engine.begin() as conn:
            self._org(conn, org)
            if not self._manages(org):
                raise PermissionDeniedError("only an admin makes groups")
            if self._name_taken(conn, name, org):
                raise InvalidValueError(f"group name {name!r} is not available")
            conn.execute(tables.groups.insert().values(name=name, org=org, created_at=utcnow()))
            if self.actor is not None and self.actor.org == org:
                me = get_user(conn, name=self.actor.user)
                if me is not None:
                    conn.execute(tables.members.insert().values(group_name=name, user_id=me.id))
            self._record(conn, "group_add", [f"group:{name}"], org=org)

    def _name_taken(self, conn: Connection, name: str, org: str) -> bool:
        g = tables.groups
        if conn.execute(select(g.c.name).where(g.c.name == name)).first() is not None:
            return True
        quoted = json.dumps(name)[1:-1]
        pattern = f'%"{quoted}"%'
        for table in (statements, documents, document_copies):
            used = select(func.count()).where(table.c.groups.like(pattern), table.c.org != org)
            if conn.execute(used).scalar_one():
                return True
        return False

    def add_member(self, group: str, user_name: str) -> None:
        with self.engine.begin() as conn:
            user = self._user(conn, user_name)
            self._group(conn, group, org_of_user=user.org)
            if not self.platform and group not in self._own_groups():
                raise PermissionDeniedError("nobody grants a group they are not in")
            if group in user.groups:
                return
            conn.execute(tables.members.insert().values(group_name=group, user_id=user.id))
            self._record(conn, "group_member_add", [user.id, f"group:{group}"])

    def _own_groups(self) -> frozenset[str]:
        return self.actor.groups if self.actor is not None else frozenset()

    def remove_group(self, name: str) -> None:
        with self.engine.begin() as conn:
            self._group(conn, name)
            conn.execute(tables.members.delete().where(tables.members.c.group_name == name))
            conn.execute(tables.groups.delete().where(tables.groups.c.name == name))
            self._record(conn, "group_remove", [f"group:{name}"])

    def groups(self) -> list[tuple[str, str]]:
        """(group, owning organisation) of every group the actor manages."""
        g = tables.groups
        sql = select(g.c.name, g.c.org).order_by(g.c.org, g.c.name)
        if not self.platform:
            assert self.actor is not None
            if not self._manages(self.actor.org):
                return []
            sql = sql.where(g.c.org == self.actor.org)
        with self.engine.connect() as conn:
            return [(row.name, row.org) for row in conn.execute(sql)]

    # tokens

    def create_token(
        self, user_name: str, *, days: int | None = 90, label: str | None = None
    ) -> tuple[str, str]:
        """A new API token for a user (one's own, or one managed); returns (id, token). The
        token is shown this once and stored only as a hash."""
        if days is not None and days < 1:
            raise InvalidValueError("a token lives at least one day")
        with self.engine.begin() as conn:
            user = self._user(conn, user_name)
            token_id, secret = insert_token(conn, user, days=days, label=label)
            self._record(conn, "token_create", [token_id, user.id], days=days)
        return token_id, secret

    def _token_owner(self, conn: Connection, token_id: str) -> User:
        t = tables.tokens
        owner = None
        if token_id.startswith("tok-"):
            row = conn.execute(select(t.c.user_id).where(t.c.id == token_id)).first()
            owner = get_user(conn, user_id=row.user_id) if row is not None else None
        if owner is None or not (self._manages(owner.org) or self._is_self(owner)):
            raise NotFoundError(f"no token {token_id!r}")
        return owner

    def revoke_token(self, token_id: str) -> None:
        with self.engine.begin() as conn:
            owner = self._token_owner(conn, token_id)
            t = tables.tokens
            conn.execute(
                update(t)
                .where(t.c.id == token_id, t.c.revoked_at.is_(None))
                .values(revoked_at=utcnow())
            )
            self._record(conn, "token_revoke", [token_id, owner.id])

    def tokens(self, user_name: str | None = None) -> list[dict[str, Any]]:
        """Tokens (never their secrets) of one user, or of everyone the actor manages."""
        t, u = tables.tokens, tables.users
        sql = select(t.c.id, u.c.name, t.c.label, t.c.created_at, t.c.expires_at, t.c.revoked_at)
        sql = sql.join_from(t, u, u.c.id == t.c.user_id).order_by(u.c.name, t.c.created_at)
        with self.engine.connect() as conn:
            if user_name is not None:
                sql = sql.where(u.c.id == self._user(conn, user_name).id)
            elif not self.platform:
                assert self.actor is not None
                mine = u.c.name == self.actor.user
                managed = u.c.org == self.actor.org if self._manages(self.actor.org) else mine
                sql = sql.where(or_(mine, managed))
            return [dict(row._mapping) for row in conn.execute(sql)]
