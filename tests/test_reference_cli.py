"""``overhorizon reference seed`` and ``overhorizon reference un`` on a real database."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from conftest import shared_path
from overhorizon.cli import app
from overhorizon.errors import ReferenceImportError
from overhorizon.model.builder import entity_id
from overhorizon.store import open_store

runner = CliRunner()


def test_reference_seed_loads_the_seed_and_prints_a_summary(store_url: str) -> None:
    result = runner.invoke(app, ["reference", "seed", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "persons:" in result.output and "new)" in result.output
    with open_store(store_url) as store:
        assert store.ids_by_name("ISIS-K") == [entity_id("ArmedGroup", "un", "QDe.161")]
    again = runner.invoke(app, ["reference", "seed", "--db", store_url])
    assert "(0 new)" in again.output


def test_reference_un_imports_the_two_regimes_or_all(store_url: str) -> None:
    path = str(shared_path("sanctions", "un_consolidated_2026-05-08.xml"))
    result = runner.invoke(app, ["reference", "un", path, "--db", store_url])
    assert result.exit_code == 0, result.output
    with open_store(store_url) as store:
        assert store.ids_by_name("Qasem Sulaymani") == []
        assert store.ids_by_name("ISIL-K") == [entity_id("ArmedGroup", "un", "QDe.161")]
    result = runner.invoke(app, ["reference", "un", path, "--db", store_url, "--all-regimes"])
    assert result.exit_code == 0, result.output
    with open_store(store_url) as store:
        assert store.ids_by_name("Qasem Sulaymani") == [entity_id("Person", "un", "IRi.039")]


def test_reference_un_refuses_a_file_that_is_not_the_list(store_url: str, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel/></rss>", encoding="utf-8")
    result = runner.invoke(app, ["reference", "un", str(path), "--db", store_url])
    assert result.exit_code != 0
    assert isinstance(result.exception, ReferenceImportError)


def test_reference_help_lists_both_commands() -> None:
    result = runner.invoke(app, ["reference", "--help"])
    assert result.exit_code == 0
    assert re.search(r"\bseed\b", result.output) and re.search(r"\bun\b", result.output)
