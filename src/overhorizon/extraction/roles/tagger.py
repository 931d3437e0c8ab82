"""The role tagger: reads documents in overlapping windows and decodes role fillers.

It is loaded on first use only (torch and the weights cost about a second and 100 MB), from
the folder the package ships, without touching the network.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from overhorizon.errors import ExtractionError
from overhorizon.extraction.roles import artefact
from overhorizon.extraction.roles.decode import DecodeSettings, RoleEntity, decode
from overhorizon.extraction.roles.windows import (
    Pieces,
    batch_arrays,
    load_tokenizer,
    pieces,
    window_ids,
    window_starts,
)


@dataclass(frozen=True)
class Tagged:
    """One document as the model read it: its pieces and their label probabilities."""

    text: str
    pieces: Pieces
    probs: NDArray[np.float32]


class RoleTagger:
    """Label probabilities and role fillers for texts, from one fine-tuned MiniLM or the
    average of several (an ensemble of seeds)."""

    def __init__(
        self,
        model: Any | Sequence[Any],
        tokenizer: Any,
        settings: DecodeSettings,
        *,
        window: int = 256,
        stride: int = 128,
        batch_size: int = 32,
    ) -> None:
        self.models = [m.eval() for m in (model if isinstance(model, Sequence) else [model])]
        self.tokenizer = tokenizer
        self.settings = settings
        self.size = window - 2
        self.stride = stride
        self.batch_size = batch_size

    @classmethod
    def load(cls, folder: Path | None = None) -> RoleTagger:
        """The tagger from an artefact folder (the packaged one by default)."""
        try:
            import torch

            from overhorizon.extraction.roles.encoder import EncoderConfig, TokenTagger
        except ImportError as exc:
            raise ExtractionError(f"the role tagger needs torch ({exc})") from exc
        folder = folder or artefact.packaged_dir()
        members, settings = artefact.load(folder)
        models = []
        for weights in members:
            model = TokenTagger(EncoderConfig(**settings["encoder"]))
            model.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
            models.append(model)
        return cls(
            models,
            load_tokenizer(folder / artefact.TOKENIZER),
            DecodeSettings.from_dict(settings["decode"]),
            window=int(settings.get("window", 256)),
            stride=int(settings.get("stride", 128)),
        )

    def tag(self, texts: Sequence[str]) -> list[Tagged]:
        """Label probabilities of every piece, averaged over the windows that cover it and
        over the ensemble's models."""
        import torch

        docs = [pieces(self.tokenizer, text) for text in texts]
        labels = self.models[0].config.labels
        sums = [np.zeros((len(d), labels), dtype=np.float32) for d in docs]
        counts = [np.zeros((len(d), 1), dtype=np.float32) for d in docs]
        jobs = [
            (n, start)
            for n, doc in enumerate(docs)
            if len(doc)
            for start in window_starts(len(doc), self.size, self.stride)
        ]
        with torch.inference_mode():
            for batch in _chunks(jobs, self.batch_size):
                ids, mask = batch_arrays([window_ids(docs[n].ids, s, self.size) for n, s in batch])
                inputs = torch.from_numpy(ids), torch.from_numpy(mask)
                for model in self.models:
                    probs = torch.softmax(model(*inputs).float(), dim=-1).numpy()
                    for row, (n, start) in enumerate(batch):
                        length = min(self.size, len(docs[n]) - start)
                        sums[n][start : start + length] += probs[row, 1 : 1 + length]
                        counts[n][start : start + length] += 1
        return [
            Tagged(text, doc, (total / np.maximum(count, 1)).astype(np.float32))
            for text, doc, total, count in zip(texts, docs, sums, counts, strict=True)
        ]

    def extract(self, texts: Sequence[str]) -> list[dict[str, list[RoleEntity]]]:
        """The role fillers of each text, one entry per entity."""
        return [
            decode(item.text, item.pieces, item.probs, self.settings) for item in self.tag(texts)
        ]


def _chunks(items: list[tuple[int, int]], size: int) -> Iterator[list[tuple[int, int]]]:
    for first in range(0, len(items), size):
        yield items[first : first + size]


_LOCK = threading.Lock()
_LOADED: dict[Path, RoleTagger] = {}


def packaged_tagger() -> RoleTagger:
    """The shipped tagger, loaded once per process."""
    folder = artefact.packaged_dir()
    with _LOCK:
        if folder not in _LOADED:
            _LOADED[folder] = RoleTagger.load(folder)
        return _LOADED[folder]
