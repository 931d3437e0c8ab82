"""Statements by id, through the reader's visibility filter.

The store reads statements by entity, document or value; the API also names them by id. A
statement's id is a hash of its content, and each organisation holds its own row of a fact
(``store.rows.row_id``), so the rows to look at are the local one and one per organisation.
The query carries ``Scope.statement``: the same predicate as every read of the store, so a
hidden statement is not found, exactly as a missing one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import select

from overhorizon.model.statement import Statement
from overhorizon.policy import tables as policy_tables
from overhorizon.policy.clearance import LOCAL_ORG
from overhorizon.store import SQLStore
from overhorizon.store import rows as store_rows
from overhorizon.store.tables import statements

STATEMENT_ID = re.compile(r"^[0-9a-f]{24}$")
_BATCH = 200


def _organisations(store: SQLStore) -> list[str]:
    o = policy_tables.organisations
    with store.trusted_engine().connect() as conn:
        names = set(conn.execute(select(o.c.name)).scalars())
    return sorted(names | {LOCAL_ORG})


def find_statements(store: SQLStore, statement_ids: Sequence[str]) -> dict[str, Statement]:
    """The statements among ``statement_ids`` that the reader may see, by id."""
    wanted = [i for i in dict.fromkeys(statement_ids) if STATEMENT_ID.match(i)]
    if not wanted:
        return {}
    orgs = _organisations(store)
    row_ids = {store_rows.row_id(i, org): i for i in wanted for org in orgs}
    keys = sorted(row_ids)
    found: dict[str, Statement] = {}
    visible = store.scope.statement(statements)
    with store.trusted_engine().connect() as conn:
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start : start + _BATCH]
            sql = select(statements).where(statements.c.id.in_(chunk), visible)
            for row in conn.execute(sql):
                stmt = store_rows.statement(row._mapping)
                if stmt.id == row_ids[row.id]:
                    found.setdefault(stmt.id, stmt)
    return found


def find_statement(store: SQLStore, statement_id: str) -> Statement | None:
    return find_statements(store, [statement_id]).get(statement_id)
