"""The store on a SQL database through SQLAlchemy Core: SQLite (WAL, FTS5) or PostgreSQL."""

from __future__ import annotations

import copy
import os
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Select, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from overhorizon import audit
from overhorizon.errors import MigrationError, PermissionDeniedError, StoreError
from overhorizon.model.document import Document
from overhorizon.model.model import load_model
from overhorizon.model.statement import Statement
from overhorizon.model.types import name_key
from overhorizon.policy.clearance import Viewer
from overhorizon.store import clusters, rows, search, views
from overhorizon.store.base import (
    DocumentHit,
    Judgement,
    NameHit,
    Reference,
    StatementQuery,
    Store,
    WriterContext,
)
from overhorizon.store.tables import (
    document_copies,
    documents,
    meta,
    resolver,
    statements,
)
from overhorizon.store.viewer_clusters import ViewerClusters, resolve, visible_ids
from overhorizon.store.visibility import Scope
from overhorizon.store.writer import SQLWriterContext

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


TOKEN_VARIABLE = "OVERHORIZON_TOKEN"


def open_store(
    url: str | None = None, *, migrate: bool = True, viewer: Viewer | None = None
) -> SQLStore:
    """Open (and by default create or upgrade) the store at ``url``.

    It reads as the local operator (everything), unless ``viewer`` is given or
    $OVERHORIZON_TOKEN holds an API token: then every read is filtered for that reader, and
    every write is theirs. A token that is wrong, expired or revoked fails here.
    """
    store = SQLStore(database_url(url))
    try:
        if migrate:
            store.migrate()
        token = os.environ.get(TOKEN_VARIABLE)
        if viewer is None and not token:
            return store
        if viewer is not None:
            viewed = store.as_viewer(viewer)
        else:
            from overhorizon.policy.tokens import store_for_token

            viewed = store_for_token(store, token or "")
    except BaseException:
        store.close()
        raise
    viewed._owner = True
    return viewed


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class SQLStore(Store):
    """The store on one database. A store made by ``as_viewer`` shares the database and reads
    only what its viewers may see; see ``visibility``."""

    def __init__(self, url: str, *, actor: str | None = None) -> None:
        self.url = url
        self.actor = actor or audit.cli_actor()
        """Who writes through this store; every write is recorded in the audit log under it."""
        self._wrote = False
        self._owner = True
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"unsupported database {self.dialect!r}: use sqlite or postgresql")
        try:
            if self.dialect == "sqlite":
                if parsed.database and parsed.database != ":memory:":
                    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
                self._engine: Engine = create_engine(url)
                event.listen(self._engine, "connect", _set_sqlite_pragmas)
            else:
                self._engine = create_engine(url, pool_pre_ping=True)
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"cannot open {parsed.render_as_string()}: {exc}") from exc
        self.scope = Scope((), self.dialect)
        """Whose reading every query is filtered for; empty for the local operator."""
        self.refs = self.scope.refs
        self.author: Viewer | None = None
        """The user whose writes these are (None: the local operator)."""
        self.defaults: tuple[str, frozenset[str]] = ("clear", frozenset())
        """The least marking of what ``author`` writes."""

    @property
    def engine(self) -> Engine:
        """The database itself, past every filter: the local operator's only."""
        if not self.scope.unrestricted:
            raise PermissionDeniedError(
                "direct database access (and the audit log through it) is for the local "
                "operator; a user reads through the store's filtered methods"
            )
        return self._engine

    def trusted_engine(self) -> Engine:
        """The database without any filter, for code that enforces access itself (identity,
        administration); never hand it to a reader."""
        return self._engine

    @property
    def viewers(self) -> tuple[Viewer, ...]:
        return self.scope.viewers

    def as_viewer(
        self,
        viewer: Viewer,
        *,
        defaults: tuple[str, frozenset[str]] = ("clear", frozenset()),
    ) -> SQLStore:
        """The same database read by ``viewer`` as well as by this store's viewers (a row must
        pass them all). The first viewer with a user name and a writing role is also the one
        who writes; a store for several viewers does not write."""
        derived = copy.copy(self)
        derived._owner = False
        derived._wrote = False
        derived.scope = self.scope.with_viewer(viewer)
        if self.scope.unrestricted and viewer.user is not None:
            derived.actor = viewer.actor
            derived.author = viewer
            derived.defaults = defaults
        else:
            derived.author = None
        return derived

    def migrate(self) -> None:
        config = Config()
        config.set_main_option(
            "script_location", str(resources.files("overhorizon.store") / "migrations")
        )
        try:
            with self._engine.begin() as conn:
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
        if not self.scope.unrestricted and (self.author is None or not self.author.may_write):
            who = self.author.user if self.author else "this reader"
            raise PermissionDeniedError(f"{who} may read but not write")
        return SQLWriterContext(self)

    def _connect(self) -> Connection:
        return self._engine.connect()

    # documents

    def get_document(self, document_id: str) -> Document | None:
        with self._connect() as conn:
            return self._document(conn, documents.c.id == document_id)

    def _document(self, conn: Connection, where: Any) -> Document | None:
        main = self.scope.marking(documents).label("main")
        sql = select(documents, main).where(where, self.scope.document_row(documents))
        row = conn.execute(sql).first()
        if row is None:
            return None
        return self._as_seen(conn, row._mapping)

    def _as_seen(self, conn: Connection, row: Any) -> Document:
        """A visible document: its own row if the reader may read it, else their copy's."""
        if row["main"]:
            return rows.document(row)
        c = document_copies
        copy_row = conn.execute(
            select(c)
            .where(c.c.document_id == row["id"], self.scope.marking(c))
            .order_by(c.c.ingested_at, c.c.id)
        ).first()
        assert copy_row is not None
        return rows.document(copy_row._mapping, row["text"])

    def has_content(self, content_hash: str) -> bool:
        query = select(documents.c.id).where(
            documents.c.content_hash == content_hash, self.scope.document_row(documents)
        )
        with self._connect() as conn:
            return conn.execute(query).first() is not None

    def documents(self, limit: int = 100, offset: int = 0) -> list[Document]:
        query = (
            select(documents, self.scope.marking(documents).label("main"))
            .where(self.scope.document_row(documents))
            .order_by(documents.c.published.desc(), documents.c.id)
            .limit(limit)
            .offset(offset)
        )
        with self._connect() as conn:
            return [self._as_seen(conn, row._mapping) for row in conn.execute(query).all()]

    # statements and entities

    def _clusters(self, conn: Connection, ids: Sequence[str] | None) -> ViewerClusters:
        return resolve(conn, self.scope, ids)

    def _widen(self, conn: Connection, ids: Sequence[str]) -> list[str]:
        if self.scope.unrestricted:
            return clusters.widen(conn, ids)
        return self._clusters(conn, ids).widen(ids)

    def _exists(self, conn: Connection, entity_id: str) -> bool:
        """Whether ``entity_id`` exists for the reader (has a visible statement of its own)."""
        return bool(visible_ids(conn, self.scope, [entity_id]))

    def statements(self, query: StatementQuery | None = None) -> Iterator[Statement]:
        with self._connect() as conn:
            for sql in self._selects(conn, query or StatementQuery(), [statements]):
                for row in conn.execute(sql):
                    yield rows.statement(row._mapping)

    def references(self, entity_ids: Sequence[str], props: Sequence[str]) -> list[Reference]:
        """As ``statements`` with ``props`` and ``values``, reading three columns only."""
        if not entity_ids or not props:
            return []
        query = StatementQuery(props=props, values=entity_ids)
        c = statements.c
        with self._connect() as conn:
            return [
                Reference(row.id, row.entity_id, row.schema)
                for sql in self._selects(conn, query, [c.id, c.entity_id, c.schema])
                for row in conn.execute(sql)
            ]

    def _selects(
        self, conn: Connection, query: StatementQuery, columns: Sequence[Any]
    ) -> Iterator[Select[Any]]:
        """The SELECTs of ``columns`` that read what ``query`` asks for, as the reader may see
        it: one per batch of entity ids."""
        id_chunks: list[Sequence[str] | None] = [None]
        visible = self.scope.statement(statements)
        values = query.values
        by_reference = query.props is not None and set(query.props) <= self.refs
        if query.resolved and values is not None and by_reference:
            values = self._widen(conn, values)
        if query.entity_ids is not None:
            ids = list(dict.fromkeys(query.entity_ids))
            if query.resolved:
                ids = self._widen(conn, ids)
            id_chunks = [ids[i : i + _BATCH] for i in range(0, len(ids), _BATCH)]
        for chunk in id_chunks:
            sql = select(*columns).where(visible)
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
            yield sql.order_by(statements.c.entity_id, statements.c.prop, statements.c.id)

    def _read_as(self, conn: Connection, entity_ids: Sequence[str]) -> dict[str, str]:
        """The id each of ``entity_ids`` is read under by this reader."""
        if self.scope.unrestricted:
            return clusters.canonical_ids(conn, entity_ids)
        found = self._clusters(conn, entity_ids)
        return {i: found.read_as(i) for i in entity_ids}

    def entity_ids(
        self, schemata: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[str]:
        if self.scope.unrestricted:
            read_as = func.coalesce(resolver.c.canonical_id, statements.c.entity_id).label("eid")
            sql = select(read_as).select_from(_resolved_statements()).distinct()
            if schemata is not None:
                sql = sql.where(statements.c.schema.in_(schemata))
            sql = sql.order_by(read_as).offset(offset)
            if limit is not None:
                sql = sql.limit(limit)
            with self._connect() as conn:
                return list(conn.execute(sql).scalars())
        sql = select(statements.c.entity_id).where(self.scope.statement(statements)).distinct()
        if schemata is not None:
            sql = sql.where(statements.c.schema.in_(schemata))
        with self._connect() as conn:
            ids = list(conn.execute(sql).scalars())
            mapping = self._read_as(conn, ids)
        found = sorted(set(mapping.values()))
        return found[offset : None if limit is None else offset + limit]

    def ids_by_name(self, name: str) -> list[str]:
        key = name_key(name)
        if not key:
            return []
        named = [
            statements.c.value_key == key,
            statements.c.prop.in_(("name", "alias")),
            self.scope.statement(statements),
        ]
        if self.scope.unrestricted:
            read_as = func.coalesce(resolver.c.canonical_id, statements.c.entity_id).label("eid")
            sql = (
                select(read_as, func.count().label("n"))
                .select_from(_resolved_statements())
                .where(*named)
                .group_by(read_as)
                .order_by(func.count().desc(), read_as)
            )
            with self._connect() as conn:
                return [row.eid for row in conn.execute(sql)]
        sql = select(statements.c.entity_id, func.count()).where(*named)
        sql = sql.group_by(statements.c.entity_id)
        with self._connect() as conn:
            per_id = {row[0]: int(row[1]) for row in conn.execute(sql)}
            mapping = self._read_as(conn, sorted(per_id))
        totals: Counter[str] = Counter()
        for entity_id, count in per_id.items():
            totals[mapping[entity_id]] += count
        return sorted(totals, key=lambda i: (-totals[i], i))

    def search_names(self, query: str, limit: int = 20) -> list[NameHit]:
        with self._connect() as conn:
            hits = search.names(conn, self.dialect, query, limit * 3, self.scope)
            canonical = self._read_as(conn, [h.entity_id for h in hits])
        found: dict[str, NameHit] = {}
        for hit in hits:
            eid = canonical[hit.entity_id]
            found.setdefault(eid, NameHit(eid, hit.schema, hit.name))
        return list(found.values())[:limit]

    def search_documents(self, query: str, limit: int = 20) -> list[DocumentHit]:
        with self._connect() as conn:
            hits = search.documents(conn, self.dialect, query, limit, self.scope)
            if self.scope.unrestricted:
                return hits
            titled = []
            for hit in hits:
                seen = self._document(conn, documents.c.id == hit.document_id)
                titled.append(
                    DocumentHit(hit.document_id, seen.title if seen else None, hit.snippet)
                )
            return titled

    def counts(self) -> dict[str, int]:
        with self._connect() as conn:
            result = {
                "documents": conn.execute(
                    select(func.count())
                    .select_from(documents)
                    .where(self.scope.document_row(documents))
                ).scalar_one(),
                "statements": conn.execute(
                    select(func.count())
                    .select_from(statements)
                    .where(self.scope.statement(statements))
                ).scalar_one(),
            }
            if self.scope.unrestricted:
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
            sql = (
                select(statements.c.entity_id, func.max(statements.c.schema))
                .where(self.scope.statement(statements))
                .group_by(statements.c.entity_id)
            )
            schema_of = {row[0]: row[1] for row in conn.execute(sql)}
            mapping = self._read_as(conn, sorted(schema_of))
        merged: dict[str, str] = {}
        for entity_id, schema in schema_of.items():
            key = mapping[entity_id]
            merged[key] = max(merged.get(key, schema), schema)
        result.update(Counter(merged.values()))
        return result

    def audit(
        self, action: str, objects: Sequence[str] = (), details: dict[str, Any] | None = None
    ) -> None:
        """Record something done with the store that is not a write (an export, a share)."""
        audit.record(
            self._engine, actor=self.actor, action=action, objects=objects, details=details
        )
        self._wrote = True

    def close(self) -> None:
        """Sign a tree head over what this store added to the audit log, then let go."""
        try:
            if self._wrote:
                audit.sign_pending(self._engine)
        finally:
            if self._owner:
                self._engine.dispose()

    # resolution

    def canonical_ids(self, entity_ids: Sequence[str]) -> dict[str, str]:
        with self._connect() as conn:
            return self._read_as(conn, entity_ids)

    def cluster(self, entity_id: str) -> list[str]:
        with self._connect() as conn:
            if self.scope.unrestricted:
                return clusters.members(conn, entity_id)
            return sorted(self._clusters(conn, [entity_id]).widen([entity_id]))

    def judgements(
        self, entity_ids: Sequence[str] | None = None, *, active: bool | None = None
    ) -> list[Judgement]:
        with self._connect() as conn:
            if self.scope.unrestricted:
                return clusters.list_judgements(conn, entity_ids, active)
            ids = None if entity_ids is None else self._widen(conn, entity_ids)
            found = clusters.list_judgements(conn, ids, active)
            return self._visible_judgements(conn, found)

    def get_judgement(self, judgement_id: str) -> Judgement | None:
        with self._connect() as conn:
            return self._judgement(conn, judgement_id)

    def _judgement(self, conn: Connection, judgement_id: str) -> Judgement | None:
        found = clusters.get(conn, judgement_id)
        if found is None or self.scope.unrestricted:
            return found
        shown = self._visible_judgements(conn, [found])
        return shown[0] if shown else None

    def _visible_judgements(self, conn: Connection, found: list[Judgement]) -> list[Judgement]:
        """Judgements between two ids that exist for the reader; a reason is kept only when
        the reader sees every statement of both ids, since it may cite one they cannot."""
        ids = sorted({i for j in found for i in (j.left_id, j.right_id)})
        visible = visible_ids(conn, self.scope, ids)
        hidden = self._partly_hidden(conn, sorted(visible))
        shown = []
        for judgement in found:
            if judgement.left_id not in visible or judgement.right_id not in visible:
                continue
            if judgement.reason and {judgement.left_id, judgement.right_id} & hidden:
                judgement = replace(judgement, reason=None)
            shown.append(judgement)
        return shown

    def _partly_hidden(self, conn: Connection, ids: Sequence[str]) -> set[str]:
        """The ids among ``ids`` with at least one statement the reader may not see."""
        found: set[str] = set()
        visible = self.scope.statement(statements)
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            sql = (
                select(statements.c.entity_id)
                .where(statements.c.entity_id.in_(chunk), ~visible)
                .distinct()
            )
            found.update(conn.execute(sql).scalars())
        return found


def _resolved_statements() -> Any:
    """Statements joined to the resolver, so each can be read under its canonical id."""
    return statements.outerjoin(resolver, resolver.c.entity_id == statements.c.entity_id)
