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
    artefact.save(folder, [state], {"decode": DecodeSettings().to_dict()}, tokenizer)
    [weights], settings = artefact.load(folder)
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


def test_an_ensemble_stores_what_its_members_share_once(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    shared = rng.normal(0, 0.05, size=(256, 384)).astype(np.float32)
    members = [
        {
            "embeddings.weight": shared,
            "layer.weight": rng.normal(0, 0.05, size=(64, 384)).astype(np.float32),
            "layer.bias": rng.normal(0, 0.05, size=(384,)).astype(np.float32),
        }
        for _ in range(3)
    ]
    tokenizer = tmp_path / "tok.json"
    tokenizer.write_text("{}", encoding="utf-8")
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "weights-7.npz").write_bytes(b"left from an older artefact")
    artefact.save(folder, members, {"decode": DecodeSettings().to_dict()}, tokenizer)
    assert not (folder / "weights-7.npz").exists()
    with np.load(folder / artefact.member_file(2)) as second:
        assert "embeddings.weight" not in second.files
        assert "layer.weight" in second.files
    loaded, settings = artefact.load(folder)
    assert settings["members"] == 3
    assert len(loaded) == 3
    for member, back in zip(members, loaded, strict=True):
        assert np.array_equal(back["layer.bias"], member["layer.bias"])
        assert np.abs(back["layer.weight"] - member["layer.weight"]).max() < 0.01
        assert np.array_equal(back["embeddings.weight"], loaded[0]["embeddings.weight"])
    assert not np.array_equal(loaded[0]["layer.weight"], loaded[1]["layer.weight"])


def test_a_missing_member_is_a_typed_error(tmp_path: Path) -> None:
    tokenizer = tmp_path / "tok.json"
    tokenizer.write_text("{}", encoding="utf-8")
    state = {"layer.weight": np.ones((4, 32), dtype=np.float32)}
    artefact.save(tmp_path / "model", [state, state], {"decode": {}}, tokenizer)
    (tmp_path / "model" / artefact.member_file(1)).unlink()
    with pytest.raises(ExtractionError, match="cannot be read"):
        artefact.load(tmp_path / "model")
