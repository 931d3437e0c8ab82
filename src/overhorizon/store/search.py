"""Full-text search: FTS5 tables on SQLite, tsvector indexes on PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy import Connection, text

from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.store.base import DocumentHit, NameHit

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


def index_names(conn: Connection, dialect: str, stmts: Sequence[Statement]) -> None:
    rows = [
        {"s": s.id, "e": s.entity_id, "n": s.value} for s in stmts if s.prop in ("name", "alias")
    ]
    if dialect == "sqlite" and rows:
        conn.execute(
            text("INSERT INTO names_fts (statement_id, entity_id, name) VALUES (:s, :e, :n)"),
            rows,
        )


def unindex_names(conn: Connection, dialect: str, statement_ids: Sequence[str]) -> None:
    if dialect == "sqlite" and statement_ids:
        conn.execute(
            text("DELETE FROM names_fts WHERE statement_id = :s"),
            [{"s": i} for i in statement_ids],
        )


def names(conn: Connection, dialect: str, query: str, limit: int) -> list[NameHit]:
    if dialect == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        sql = text(
            "SELECT f.entity_id, min(s.schema) AS schema, min(f.name) AS name, min(f.rank) AS r "
            "FROM names_fts f JOIN statements s ON s.id = f.statement_id "
            "WHERE names_fts MATCH :q GROUP BY f.entity_id ORDER BY r LIMIT :n"
        )
        rows = conn.execute(sql, {"q": match, "n": limit})
    else:
        tsq = _ts_query(query)
        if not tsq:
            return []
        sql = text(
            "SELECT entity_id, min(schema) AS schema, min(value) AS name, "
            "max(ts_rank(to_tsvector('simple', value), to_tsquery('simple', :q))) AS r "
            "FROM statements WHERE prop IN ('name', 'alias') "
            "AND to_tsvector('simple', value) @@ to_tsquery('simple', :q) "
            "GROUP BY entity_id ORDER BY r DESC, entity_id LIMIT :n"
        )
        rows = conn.execute(sql, {"q": tsq, "n": limit})
    return [NameHit(r.entity_id, r.schema, r.name) for r in rows]


def documents(conn: Connection, dialect: str, query: str, limit: int) -> list[DocumentHit]:
    if dialect == "sqlite":
        match = _fts5_query(query)
        if not match:
            return []
        sql = text(
            "SELECT document_id, title, snippet(documents_fts, 2, '[', ']', ' … ', 16) AS snip "
            "FROM documents_fts WHERE documents_fts MATCH :q ORDER BY rank LIMIT :n"
        )
        rows = conn.execute(sql, {"q": match, "n": limit})
    else:
        tsq = _ts_query(query)
        if not tsq:
            return []
        vector = "to_tsvector('simple', coalesce(title, '') || ' ' || text)"
        sql = text(
            f"SELECT id AS document_id, title, ts_headline('simple', text, "
            f"to_tsquery('simple', :q), 'StartSel=[,StopSel=],MaxWords=16,MinWords=8') AS snip "
            f"FROM documents WHERE {vector} @@ to_tsquery('simple', :q) "
            f"ORDER BY ts_rank({vector}, to_tsquery('simple', :q)) DESC, id LIMIT :n"
        )
        rows = conn.execute(sql, {"q": tsq, "n": limit})
    return [DocumentHit(r.document_id, r.title, r.snip) for r in rows]
