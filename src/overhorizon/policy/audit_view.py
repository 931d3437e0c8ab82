"""The audit log as a user may read it: everything for the local operator and platform admins,
their own organisation's entries for an organisation admin, nothing for anyone else.

The log names objects and actors across organisations, so it is read only through here (a
user's store refuses direct database access, which is how the log is otherwise read).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from overhorizon.audit import AuditEntry
from overhorizon.audit import tables as audit_tables
from overhorizon.audit.log import entry_from_row
from overhorizon.errors import PermissionDeniedError

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore


def audit_entries(
    store: SQLStore, *, limit: int = 50, action: str | None = None
) -> list[AuditEntry]:
    """The latest entries ``store``'s reader may read, newest first."""
    e = audit_tables.entries
    sql = select(e).order_by(e.c.seq.desc()).limit(limit)
    if action is not None:
        sql = sql.where(e.c.action == action)
    viewer = store.author
    if store.viewers:
        if viewer is None or viewer.role not in ("org_admin", "platform_admin"):
            raise PermissionDeniedError("the audit log is for admins")
        if viewer.role == "org_admin":
            sql = sql.where(e.c.actor.startswith(f"org:{viewer.org}/", autoescape=True))
    with store.trusted_engine().connect() as conn:
        return [entry_from_row(row) for row in conn.execute(sql)]
