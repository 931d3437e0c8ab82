"""The leak matrix (scripts/leak_matrix.py) on a cut of its readers: every read path, no leak,
and every visible object still shown. The full matrix runs as a script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from overhorizon.store.sql import TOKEN_VARIABLE

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "leak_matrix.py"


def _matrix() -> ModuleType:
    spec = importlib.util.spec_from_file_location("leak_matrix", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["leak_matrix"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.store
@pytest.mark.slow
def test_no_read_path_leaks(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERHORIZON_AUDIT_KEY", str(tmp_path / "audit-key.pem"))
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    matrix = _matrix()
    chosen = ("local-green", "allied-red", "rival-red-joint")
    tally = matrix.run(store_url, True, [r for r in matrix.READERS if r.name in chosen])
    assert tally.checked > 10_000
    assert tally.leaked == []
    assert tally.shown > 500 and tally.missing == []
