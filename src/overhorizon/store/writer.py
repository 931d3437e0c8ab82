"""Writing to the SQL store: one transaction per ``with store.writer()``, recorded in the audit
log in the same transaction.

A store acting for a user writes as that user: only with a role that writes, rows owned by
their organisation, every marking raised to at least the user's default and never above what
they may read themselves; they delete only their organisation's rows they can see, and judge
only ids that exist for them. An id they may not see fails exactly as a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from types import TracebackType
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from overhorizon import audit
from overhorizon.errors import NotFoundError, PermissionDeniedError, StoreError
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.policy.clearance import LOCAL_ORG, Viewer, may_read, raise_to
from overhorizon.store import clusters, rows, search
from overhorizon.store.base import Judgement, Writer, WriterContext
from overhorizon.store.tables import document_copies, documents, statements

if TYPE_CHECKING:
    from overhorizon.store.sql import SQLStore

_BATCH = 500


class SQLWriter(Writer):
    def __init__(self, store: SQLStore, conn: Connection) -> None:
        self.store = store
        self.conn = conn
        self.author: Viewer | None = store.author
        self.org = self.author.org if self.author else LOCAL_ORG
        self.documents: list[str] = []
        self.statements = 0
        self.deleted = 0
        self.judgements: list[str] = []

    def record(self) -> None:
        """One audit entry for the whole transaction, committed with it (nothing if idle)."""
        if not (self.documents or self.statements or self.deleted or self.judgements):
            return
        audit.record(
            self.conn,
            actor=self.store.actor,
            action="judge" if self.judgements and not self.statements else "write",
            objects=[*self.documents[:100], *self.judgements[:100]],
            details={
                "documents": len(self.documents),
                "statements": self.statements,
                "deleted": self.deleted,
                "judgements": len(self.judgements),
            },
        )
        self.store._wrote = True

    def _marked(self, tlp: str, groups: frozenset[str]) -> tuple[str, frozenset[str]]:
        """The marking a user's write gets: at least their default, at most what they read."""
        if self.author is None:
            return tlp, groups
        defaults = self.store.defaults
        tlp, groups = raise_to(tlp, groups, defaults[0], defaults[1])
        if not may_read(self.author, tlp, groups, self.org):
            raise PermissionDeniedError(
                f"{self.author.user} may not write TLP:{tlp.upper()}"
                + (f" for {', '.join(sorted(groups))}" if groups else "")
                + ": above their clearance or outside their groups"
            )
        return tlp, groups

    def add_document(self, document: Document) -> bool:
        tlp, groups = self._marked(document.tlp, document.groups)
        document = replace(document, tlp=tlp, groups=groups)
        scope = self.store.scope
        found = self.conn.execute(
            select(documents.c.id, scope.document_row(documents)).where(
                documents.c.content_hash == document.content_hash
            )
        ).first()
        if found is not None and found[1]:
            return False
        if found is not None:
            copy = rows.copy_id(found[0], self.org, tlp, groups)
            self.conn.execute(
                document_copies.insert().values(
                    id=copy, document_id=found[0], **rows.metadata_row(document, self.org)
                )
            )
        else:
            self.conn.execute(
                documents.insert().values(
                    id=document.id,
                    content_hash=document.content_hash,
                    text=document.text,
                    **rows.metadata_row(document, self.org),
                )
            )
            search.index_document(self.conn, self.store.dialect, document)
        self.documents.append(document.id)
        return True

    def add_statements(self, stmts: Iterable[Statement]) -> int:
        total = 0
        batch: dict[str, Statement] = {}
        for stmt in stmts:
            if self.author is not None:
                tlp, groups = self._marked(stmt.tlp, stmt.groups)
                stmt = replace(stmt, tlp=tlp, groups=groups)
            previous = batch.get(stmt.id)
            batch[stmt.id] = stmt if previous is None else previous.seen_again(stmt.last_seen)
            if len(batch) >= _BATCH:
                total += self._flush(batch)
                batch = {}
        if batch:
            total += self._flush(batch)
        self.statements += total
        return total

    def _flush(self, batch: dict[str, Statement]) -> int:
        by_row = {rows.row_id(i, self.org): s for i, s in batch.items()}
        existing = set(
            self.conn.execute(
                select(statements.c.id).where(statements.c.id.in_(list(by_row)))
            ).scalars()
        )
        fresh = [
            rows.statement_row(s, self.store.refs, self.org)
            for i, s in by_row.items()
            if i not in existing
        ]
        if fresh:
            insert = (
                sqlite.insert(statements)
                if self.store.dialect == "sqlite"
                else postgresql.insert(statements)
            )
            self.conn.execute(insert.on_conflict_do_nothing(index_elements=["id"]), fresh)
            names = [
                (r["id"], r["entity_id"], r["value"])
                for r in fresh
                if r["prop"] in ("name", "alias")
            ]
            search.index_names(self.conn, self.store.dialect, names)
        for key in existing:
            seen = by_row[key].last_seen
            self.conn.execute(
                update(statements)
                .where(statements.c.id == key, statements.c.last_seen < seen)
                .values(last_seen=seen)
            )
        return len(batch)

    def delete_statements(self, statement_ids: Iterable[str]) -> int:
        ids = [rows.row_id(i, self.org) for i in statement_ids]
        removed = 0
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            if self.author is not None:
                mine = select(statements.c.id).where(
                    statements.c.id.in_(chunk),
                    statements.c.org == self.org,
                    self.store.scope.base(statements),
                )
                chunk = list(self.conn.execute(mine).scalars())
            if not chunk:
                continue
            search.unindex_names(self.conn, self.store.dialect, chunk)
            result = self.conn.execute(statements.delete().where(statements.c.id.in_(chunk)))
            removed += result.rowcount
        self.deleted += removed
        return removed

    def add_judgement(self, judgement: Judgement) -> Judgement:
        if self.author is not None:
            for entity_id in (judgement.left_id, judgement.right_id):
                if not self.store._exists(self.conn, entity_id):
                    raise NotFoundError(f"no entity {entity_id!r}")
        added = clusters.add(self.conn, judgement)
        self.judgements.append(added.id)
        return added

    def revert_judgement(self, judgement_id: str, by: str) -> Judgement:
        if self.author is not None and self.store._judgement(self.conn, judgement_id) is None:
            raise NotFoundError(f"no judgement {judgement_id!r}")
        reverted = clusters.revert(self.conn, judgement_id, by)
        self.judgements.append(reverted.id)
        return reverted


class SQLWriterContext(WriterContext):
    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self._conn: Connection | None = None
        self._writer: SQLWriter | None = None

    def __enter__(self) -> Writer:
        try:
            self._conn = self.store._engine.connect()
            self._conn.begin()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to {self.store._safe_url}: {exc}") from exc
        self._writer = SQLWriter(self.store, self._conn)
        return self._writer

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._conn is not None
        try:
            if exc_type is None:
                assert self._writer is not None
                self._writer.record()
                self._conn.commit()
            else:
                self._conn.rollback()
        except SQLAlchemyError as error:
            raise StoreError(f"cannot commit to {self.store._safe_url}: {error}") from error
        finally:
            self._conn.close()
