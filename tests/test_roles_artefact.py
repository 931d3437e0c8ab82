"""The artefact's storage: int8 runs with their scales, close to the float weights."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from overhorizon.errors import ExtractionError
from overhorizon.extraction.roles import artefact
from overhorizon.extraction.roles.decode import DecodeSettings


def test_weights_come_back_close_and_small(tmp_path: Path) -> None:
    rng = np.random.default_rng(7)
    state = {
        "layer.weight": rng.normal(0, 0.05, size=(96, 384)).astype(np.float32),
        "layer.bias": rng.normal(0, 0.05, size=(384,)).astype(np.float32),
        "zeros.weight": np.zeros((128, 64), dtype=np.float32),
        "head.weight": rng.normal(size=(8, 384)).astype(np.float32),
    }
    tokenizer = tmp_path / "tok.json"
    tokenizer.write_text("{}", encoding="utf-8")
    folder = tmp_path / "model"
    artefact.save(folder, state, {"decode": DecodeSettings().to_dict()}, tokenizer)
    weights, settings = artefact.load(folder)
    assert set(weights) == set(state)
    step = np.abs(state["layer.weight"]).reshape(96, -1, artefact.GROUP).max(axis=2) / 127
    error = np.abs(weights["layer.weight"] - state["layer.weight"]).reshape(96, -1, 32)
    assert (error.max(axis=2) <= step * 0.51 + 1e-6).all()
    assert np.array_equal(weights["layer.bias"], state["layer.bias"])
    assert np.array_equal(weights["head.weight"], state["head.weight"])
    assert not weights["zeros.weight"].any()
    assert DecodeSettings.from_dict(settings["decode"]) == DecodeSettings()
    assert (folder / artefact.WEIGHTS).stat().st_size < state["layer.weight"].nbytes


def test_damaged_settings_are_a_typed_error() -> None:
    with pytest.raises(ExtractionError, match="decoding settings"):
        DecodeSettings.from_dict({"word": {"PerpInd": "high"}})
