"""Shared fixtures. The ``store`` fixture gives each test an empty database: a SQLite file by
default, or a schema of its own on the PostgreSQL server named by $OVERHORIZON_DATABASE_URL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from overhorizon.store import SQLStore, database_url, open_store
from overhorizon.store.sql import TOKEN_VARIABLE, URL_VARIABLE

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SHARED_DATA = SHARED / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or a skip when the shared folder is not beside the repo."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the shared data folder beside the repository)")
    return path


def _postgres_url() -> str | None:
    url = os.environ.get(URL_VARIABLE)
    return database_url(url) if url and url.startswith("postgres") else None


@pytest.fixture
def store_url(tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database that lives as long as the test."""
    pg = _postgres_url()
    if pg is None:
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in pg else "?"
    try:
        yield f"{pg}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[SQLStore]:
    with open_store(store_url) as opened:
        yield opened


@contextmanager
def demo_database(factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """A demo database (seed, corpus, resolution) built by ``overhorizon demo --no-serve`` in
    a folder of its own, with an audit key there and no API token in the environment."""
    from typer.testing import CliRunner

    from overhorizon.cli import app

    folder = factory.mktemp(name)
    patch = pytest.MonkeyPatch()
    patch.setenv("OVERHORIZON_AUDIT_KEY", str(folder / "audit-key.pem"))
    patch.delenv(TOKEN_VARIABLE, raising=False)
    try:
        db = folder / "demo.db"
        result = CliRunner().invoke(app, ["demo", "--no-serve", "--db", str(db)])
        assert result.exit_code == 0, result.output
        yield db
    finally:
        patch.undo()
