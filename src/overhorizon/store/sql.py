"""The store on a SQL database through SQLAlchemy Core: SQLite (WAL, FTS5) or PostgreSQL."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from overhorizon import audit
from overhorizon.errors import MigrationError, StoreError
from overhorizon.model.document import Document
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.model.types import name_key
from overhorizon.store import clusters, search, views
from overhorizon.store.base import (
    DocumentHit,
    Judgement,
    NameHit,
    StatementQuery,
    Store,
    Writer,
    WriterContext,
)
from overhorizon.store.tables import documents, meta, resolver, statements

DEFAULT_URL = "sqlite:///overhorizon.db"
URL_VARIABLE = "OVERHORIZON_DATABASE_URL"
_BATCH = 500


def database_url(url: str | None = None) -> str:
    """The URL to open: the argument, else $OVERHORIZON_DATABASE_URL, else ./overhorizon.db.

    A bare file path means SQLite; ``postgresql://`` is read with the psycopg 3 driver.
    """
    url = url or os.environ.get(URL_VARIABLE) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def open_store(url: str | None = None, *, migrate: bool = True) -> SQLStore:
    """Open (and by default create or upgrade) the store at ``url``."""
    store = SQLStore(database_url(url))
    if migrate:
        store.migrate()
    return store


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _ref_props() -> frozenset[str]:
    """Properties whose values are entity ids, indexed for reverse lookup."""
    return frozenset(
        p.name for s in load_model() for p in s.properties.values() if p.type == "entity"
    )


def _value_key(stmt: Statement, refs: frozenset[str]) -> str | None:
    if stmt.prop in ("name", "alias"):
        return name_key(stmt.value) or None
    if stmt.prop in refs:
        return stmt.value
    return None


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _groups(raw: str) -> frozenset[str]:
    return frozenset(json.loads(raw)) if raw else frozenset()


class SQLStore(Store):
    def __init__(self, url: str, *, actor: str | None = None) -> None:
        self.url = url
        self.actor = actor or audit.cli_actor()
        """Who writes through this store; every write is recorded in the audit log under it."""
        self._wrote = False
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {self.dialect!r}: use sqlite or postgresql")
        try:
            if self.dialect == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                self.engine: Engine = create_engine(url)
                event.listen(self.engine, "connect", _set_sqlite_pragmas)
            else:
                self.engine = create_engine(url, pool_pre_ping=True)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open {parsed.render_as_string()}: {exc}") from exc
        self._refs = _ref_props()

    def migrate(self) -> None:
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("overhorizon.store") / "migrations")
        )
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "heads")
                self._refresh_views(conn)
        except SQLAlchemyError as exc:
            raise MigrationError(f"cannot migrate {self._safe_url}: {exc}") from exc

    @property
    def _safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    def _refresh_views(self, conn: Connection) -> None:
        model = load_model()
        fingerprint = views.model_fingerprint(model)
        current = conn.execute(select(meta.c.value).where(meta.c.key == "model")).scalar()
        if current == fingerprint:
            return
        for schema in model:
            conn.execute(text(views.drop_view_sql(schema)))
            conn.execute(text(views.create_view_sql(model, schema, self.dialect)))
        conn.execute(meta.delete().where(meta.c.key == "model"))
        conn.execute(meta.insert().values(key="model", value=fingerprint))

    def writer(self) -> WriterContext:
        return _SQLWriterContext(self)

    def get_document(self, document_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
        return _document(row._mapping) if row is not None else None

    def has_content(self, content_hash: str) -> bool:
        query = select(documents.c.id).where(documents.c.content_hash == content_hash)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        query = (
            select(documents)
            .order_by(documents.c.published.desc(), documents.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [_document(row._mapping) for row in conn.execute(query)]

    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]:
        query = query or StatementQuery()
        id_chunks: list[Sequence[str] | None] = [None]
        with self.engine.connect() as conn:
            values = query.values
            by_reference = query.props is not None and set(query.props) <= self._refs
            if query.resolved and values is not None and by_reference:
                values = clusters.widen(conn, values)
            if query.entity_ids is not None:
                ids = list(dict.fromkeys(query.entity_ids))
                if query.resolved:
                    ids = clusters.widen(conn, ids)
                id_chunks = [ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)]
            for chunk in id_chunks:
                sql = select(statements)
                if chunk is not None:
                    sql = sql.where(statements.c.entity_id.in_(chunk))
                if query.schemata is not None:
                    sql = sql.where(statements.c.schema.in_(query.schemata))
                if query.props is not None:
                    sql = sql.where(statements.c.prop.in_(query.props))
                if values is not None:
                    sql = sql.where(statements.c.value.in_(values))
                    if by_reference:
                        sql = sql.where(statements.c.value_key.in_(values))
                if query.document_id is not None:
                    sql = sql.where(statements.c.document_id == query.document_id)
                if query.origin_prefix is not None:
                    sql = sql.where(statements.c.origin.startswith(query.origin_prefix))
                sql = sql.order_by(statements.c.entity_id, statements.c.prop, statements.c.id)
                for row in conn.execute(sql):
                    yield _statement(row._mapping)

    def entity_ids(
        self, schemata: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[str]:
        read_as = func.coalesce(resolver.c.canonical_id, statements.c.entity_id).label("eid")
        sql = select(read_as).select_from(_resolved_statements()).distinct()
        if schemata is not None:
            sql = sql.where(statements.c.schema.in_(schemata))
        sql = sql.order_by(read_as).offset(offset)
        if limit is not None:
            sql = sql.limit(limit)
        with self.engine.connect() as conn:
            return list(conn.execute(sql).scalars())

    def ids_by_name(self, name: str) -> list[str]:
        key = name_key(name)
        if not key:
            return []
        read_as = func.coalesce(resolver.c.canonical_id, statements.c.entity_id).label("eid")
        sql = (
            select(read_as, func.count().label("n"))
            .select_from(_resolved_statements())
            .where(statements.c.value_key == key, statements.c.prop.in_(("name", "alias")))
            .group_by(read_as)
            .order_by(func.count().desc(), read_as)
        )
        with self.engine.connect() as conn:
            return [row.eid for row in conn.execute(sql)]

    def search_names(self, query: str, limit: int = 20) -> list[NameHit]:
        with self.engine.connect() as conn:
            hits = search.names(conn, self.dialect, query, limit * 3)
            canonical = clusters.canonical_ids(conn, [h.entity_id for h in hits])
        found: dict[str, NameHit] = {}
        for hit in hits:
            eid = canonical[hit.entity_id]
            found.setdefault(eid, NameHit(eid, hit.schema, hit.name))
        return list(found.values())[:limit]

    def search_documents(self, query: str, limit: int = 20) -> list[DocumentHit]:
        with self.engine.connect() as conn:
            return search.documents(conn, self.dialect, query, limit)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            result = {
                "documents": conn.execute(select(func.count()).select_from(documents)).scalar_one(),
                "statements": conn.execute(
                    select(func.count()).select_from(statements)
                ).scalar_one(),
            }
            read_as = func.coalesce(resolver.c.canonical_id, statements.c.entity_id)
            per_entity = (
                select(read_as.label("eid"), func.max(statements.c.schema).label("schema"))
                .select_from(_resolved_statements())
                .group_by(read_as)
                .subquery()
            )
            sql = select(per_entity.c.schema, func.count()).group_by(per_entity.c.schema)
            for schema, count in conn.execute(sql):
                result[schema] = count
        return result

    def audit(
        self, action: str, objects: Sequence[str] = (), details: dict[str, Any] | None = None
    ) -> None:
        """Record something done with the store that is not a write (an export, a share)."""
        audit.record(self, actor=self.actor, action=action, objects=objects, details=details)
        self._wrote = True

    def close(self) -> None:
        """Sign a tree head over what this store added to the audit log, then let go."""
        try:
            if self._wrote:
                audit.sign_pending(self.engine)
        finally:
            self.engine.dispose()

    def canonical_ids(self, entity_ids: Sequence[str]) -> dict[str, str]:
        with self.engine.connect() as conn:
            return clusters.canonical_ids(conn, entity_ids)

    def cluster(self, entity_id: str) -> list[str]:
        with self.engine.connect() as conn:
            return clusters.members(conn, entity_id)

    def judgements(
        self, entity_ids: Sequence[str] | None = None, *, active: bool | None = None
    ) -> list[Judgement]:
        with self.engine.connect() as conn:
            return clusters.list_judgements(conn, entity_ids, active)

    def get_judgement(self, judgement_id: str) -> Judgement | None:
        with self.engine.connect() as conn:
            return clusters.get(conn, judgement_id)


class _SQLWriter(Writer):
    def __init__(self, store: SQLStore, conn: Connection) -> None:
        self.store = store
        self.conn = conn
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

    def add_document(self, document: Document) -> bool:
        if self.conn.execute(
            select(documents.c.id).where(documents.c.content_hash == document.content_hash)
        ).first():
            return False
        row = {
            "id": document.id,
            "content_hash": document.content_hash,
            "title": document.title,
            "publisher": document.publisher,
            "url": document.url,
            "published": document.published,
            "language": document.language,
            "source": document.source,
            "media_type": document.media_type,
            "reliability": document.reliability,
            "tlp": document.tlp,
            "groups": json.dumps(sorted(document.groups)),
            "ingested_at": document.ingested_at,
            "text": document.text,
        }
        self.conn.execute(documents.insert().values(row))
        self.documents.append(document.id)
        search.index_document(self.conn, self.store.dialect, document)
        return True

    def add_statements(self, stmts: Iterable[Statement]) -> int:
        total = 0
        batch: dict[str, Statement] = {}
        for stmt in stmts:
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
        existing = set(
            self.conn.execute(
                select(statements.c.id).where(statements.c.id.in_(list(batch)))
            ).scalars()
        )
        fresh = [_row(s, self.store._refs) for i, s in batch.items() if i not in existing]
        if fresh:
            insert = (
                sqlite.insert(statements)
                if self.store.dialect == "sqlite"
                else postgresql.insert(statements)
            )
            self.conn.execute(insert.on_conflict_do_nothing(index_elements=["id"]), fresh)
            search.index_names(self.conn, self.store.dialect, [batch[r["id"]] for r in fresh])
        for stmt_id in existing:
            seen = batch[stmt_id].last_seen
            self.conn.execute(
                update(statements)
                .where(statements.c.id == stmt_id, statements.c.last_seen < seen)
                .values(last_seen=seen)
            )
        return len(batch)

    def delete_statements(self, statement_ids: Iterable[str]) -> int:
        ids = list(statement_ids)
        removed = 0
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            search.unindex_names(self.conn, self.store.dialect, chunk)
            result = self.conn.execute(statements.delete().where(statements.c.id.in_(chunk)))
            removed += result.rowcount
        self.deleted += removed
        return removed

    def add_judgement(self, judgement: Judgement) -> Judgement:
        added = clusters.add(self.conn, judgement)
        self.judgements.append(added.id)
        return added

    def revert_judgement(self, judgement_id: str, by: str) -> Judgement:
        reverted = clusters.revert(self.conn, judgement_id, by)
        self.judgements.append(reverted.id)
        return reverted


def _resolved_statements() -> Any:
    """Statements joined to the resolver, so each can be read under its canonical id."""
    return statements.outerjoin(resolver, resolver.c.entity_id == statements.c.entity_id)


class _SQLWriterContext(WriterContext):
    def __init__(self, store: SQLStore) -> None:
        self.store = store
        self._conn: Connection | None = None
        self._writer: _SQLWriter | None = None

    def __enter__(self) -> Writer:
        try:
            self._conn = self.store.engine.connect()
            self._conn.begin()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to {self.store._safe_url}: {exc}") from exc
        self._writer = _SQLWriter(self.store, self._conn)
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


def _row(stmt: Statement, refs: frozenset[str]) -> dict[str, Any]:
    return {
        "id": stmt.id,
        "entity_id": stmt.entity_id,
        "schema": stmt.schema,
        "prop": stmt.prop,
        "value": stmt.value,
        "value_key": _value_key(stmt, refs),
        "origin": stmt.origin,
        "document_id": stmt.document_id,
        "span_start": stmt.span_start,
        "span_end": stmt.span_end,
        "confidence": stmt.confidence,
        "reliability": stmt.reliability,
        "asserted_by": stmt.asserted_by,
        "tlp": stmt.tlp,
        "groups": json.dumps(sorted(stmt.groups)),
        "first_seen": stmt.first_seen,
        "last_seen": stmt.last_seen,
    }


def _statement(row: Any) -> Statement:
    return Statement(
        entity_id=row["entity_id"],
        schema=row["schema"],
        prop=row["prop"],
        value=row["value"],
        origin=row["origin"],
        document_id=row["document_id"],
        span_start=row["span_start"],
        span_end=row["span_end"],
        confidence=row["confidence"],
        reliability=row["reliability"],
        asserted_by=row["asserted_by"],
        tlp=row["tlp"],
        groups=_groups(row["groups"]),
        first_seen=_aware(row["first_seen"]),
        last_seen=_aware(row["last_seen"]),
    )


def _document(row: Any) -> Document:
    published = row["published"]
    return Document(
        text=row["text"],
        title=row["title"],
        publisher=row["publisher"],
        url=row["url"],
        published=published if isinstance(published, date) or published is None else None,
        language=row["language"],
        source=row["source"],
        media_type=row["media_type"],
        reliability=row["reliability"],
        tlp=row["tlp"],
        groups=_groups(row["groups"]),
        ingested_at=_aware(row["ingested_at"]),
    )
