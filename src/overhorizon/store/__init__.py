"""Where documents and statements live: one small interface, SQLite or PostgreSQL behind it."""

from overhorizon.store.base import DocumentHit, NameHit, StatementQuery, Store, Writer
from overhorizon.store.sql import SQLStore, database_url, open_store

__all__ = [
    "DocumentHit",
    "NameHit",
    "SQLStore",
    "StatementQuery",
    "Store",
    "Writer",
    "database_url",
    "open_store",
]
