"""Full-text search: FTS5 tables on SQLite, tsvector indexes on PostgreSQL; every query
carries the reader's visibility filter, so hidden names and texts are neither returned nor
ranked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, column, func, literal_column, select, table, text
from sqlalchemy.sql.elements import ColumnClause, Label

from overhorizon.model.document import Document
from overhorizon.store.base import DocumentHit, NameHit
from overhorizon.store.tables import documents as documents_table
from overhorizon.store.tables import statements
from overhorizon.store.visibility import Scope

_WORD = re.compile(r"\w+", re.UNICODE)


def _fts5_query(query: str) -> str:
    """Quote every word so user input is never read as FTS5 syntax; prefix-match the last."""
    words = _WORD.findall(query)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " AND ".join(quoted)


def _ts_query(query: str) -> str:
    words = _WORD.findall(query.lower())
    if not words:
        return ""
    return " & ".join([*words[:-1], f"{words[-1]}:*"])


def index_document(conn: Connection, dialect: str, document: Document) -> None:
    if dialect == "sqlite":
        conn.execute(
            text("INSERT INTO documents_fts (document_id, title, text) VALUES (:i, :t, :x)"),
            {"i": document.id, "t": document.title or "", "x": document.text},
        )


def index_names(conn: Connection, dialect: str, rows: Sequence[tuple[str, str, str]]) -> None:
    """Index (row id, entity id, name) for name search; PostgreSQL indexes the column itself."""
    params = [{"s": row_id, "e": eid, "n": name} for row_id, eid, name in rows]
    if dialect == "sqlite" and params:
        conn.execute(
            text("INSERT INTO names_fts (statement_id, entity_id, name) VALUES (:s, :e, :n)"),
            params,
        )


def unindex_names(conn: Connection, dialect: str, statement_ids: Sequence[str]) -> None:
    if dialect == "sqlite" and statement_ids:
        conn.execute(
            text("DELETE FROM names_fts WHERE statement_id = :s"),
            [{"s": i} for i in statement_ids],
        )


_NAMES_FTS = table("names_fts", column("statement_id"), column("entity_id"), column("name"))
_DOCUMENTS_FTS = table("documents_fts", column("document_id"), column("title"))
_SIMPLE: ColumnClause[Any] = literal_column("'simple'")


def names(conn: Connection, dialect: str, query: str, limit: int, scope: Scope) -> list[NameHit]:
    """Names and aliases matching ``query`` among the statements ``scope`` may read."""
    s = statements
    if dialect == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        f = _NAMES_FTS
        rank: Label[Any] = func.min(literal_column("names_fts.rank")).label("r")
        sql = (
            select(f.c.entity_id, func.min(s.c.schema).label("schema"), func.min(f.c.name), rank)
            .select_from(f.join(s, s.c.id == f.c.statement_id))
            .where(text("names_fts MATCH :q").bindparams(q=match), scope.statement(s))
            .group_by(f.c.entity_id)
            .order_by(rank)
            .limit(limit)
        )
    else:
        tsq = _ts_query(query)
        if not tsq:
            return []
        vector = func.to_tsvector(_SIMPLE, s.c.value)
        wanted = func.to_tsquery(_SIMPLE, tsq)
        rank = func.max(func.ts_rank(vector, wanted)).label("r")
        sql = (
            select(s.c.entity_id, func.min(s.c.schema).label("schema"), func.min(s.c.value), rank)
            .where(s.c.prop.in_(("name", "alias")), vector.op("@@")(wanted), scope.statement(s))
            .group_by(s.c.entity_id)
            .order_by(rank.desc(), s.c.entity_id)
            .limit(limit)
        )
    return [NameHit(r[0], r[1], r[2]) for r in conn.execute(sql)]


def documents(
    conn: Connection, dialect: str, query: str, limit: int, scope: Scope
) -> list[DocumentHit]:
    """Documents whose title or text match ``query`` among those ``scope`` may read."""
    d = documents_table
    if dialect == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        f = _DOCUMENTS_FTS
        snippet: ColumnClause[Any] = literal_column(
            "snippet(documents_fts, 2, '[', ']', ' … ', 16)"
        )
        sql = (
            select(f.c.document_id, f.c.title, snippet)
            .select_from(f.join(d, d.c.id == f.c.document_id))
            .where(text("documents_fts MATCH :q").bindparams(q=match), scope.document_row(d))
            .order_by(literal_column("documents_fts.rank"))
            .limit(limit)
        )
    else:
        tsq = _ts_query(query)
        if not tsq:
            return []
        vector: ColumnClause[Any] = literal_column(
            "to_tsvector('simple', coalesce(documents.title, '') || ' ' || documents.text)"
        )
        wanted = func.to_tsquery(_SIMPLE, tsq)
        headline = func.ts_headline(
            _SIMPLE, d.c.text, wanted, "StartSel=[,StopSel=],MaxWords=16,MinWords=8"
        )
        sql = (
            select(d.c.id, d.c.title, headline)
            .where(vector.op("@@")(wanted), scope.document_row(d))
            .order_by(func.ts_rank(vector, wanted).desc(), d.c.id)
            .limit(limit)
        )
    return [DocumentHit(r[0], r[1], r[2]) for r in conn.execute(sql)]
