"""From text to the model's inputs: word pieces with their character offsets, cut in windows.

MiniLM reads at most 512 pieces; documents are longer, so they are read in windows that
overlap, and a piece's label probabilities are averaged over the windows that saw it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from overhorizon.extraction.roles.labels import begin_label, inside_label

CLS, SEP, PAD = 101, 102, 0


@dataclass(frozen=True)
class Pieces:
    """A document's word pieces: ids, character offsets and the word each belongs to."""

    ids: NDArray[np.int64]
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]
    words: NDArray[np.int64]
    """Word number of each piece (words as the tokenizer splits them: punctuation apart)."""

    def __len__(self) -> int:
        return len(self.ids)


def load_tokenizer(path: Path) -> Any:
    """The word-piece tokenizer from its ``tokenizer.json``, without truncation or padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def pieces(tokenizer: Any, text: str) -> Pieces:
    encoding = tokenizer.encode(text, add_special_tokens=False)
    offsets = encoding.offsets
    return Pieces(
        ids=np.asarray(encoding.ids, dtype=np.int64),
        starts=np.asarray([o[0] for o in offsets], dtype=np.int64),
        ends=np.asarray([o[1] for o in offsets], dtype=np.int64),
        words=np.asarray([-1 if w is None else w for w in encoding.word_ids], dtype=np.int64),
    )


def window_starts(length: int, size: int, stride: int) -> list[int]:
    """Starts of windows of ``size`` pieces every ``stride`` that cover ``length`` pieces."""
    if length <= size:
        return [0]
    starts = list(range(0, length - size, stride))
    starts.append(length - size)
    return starts


def window_ids(ids: NDArray[np.int64], start: int, size: int) -> list[int]:
    return [CLS, *ids[start : start + size].tolist(), SEP]


def batch_arrays(rows: list[list[int]]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Rows padded to the longest: ids and the attention mask."""
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), PAD, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


def every_occurrence(text: str, mentions: Iterable[tuple[str, int]]) -> list[tuple[int, int]]:
    """Character spans of the given mentions and of every other whole-word occurrence of them.

    The gold files give one offset per distinct mention; the other occurrences of the same
    words are the same filler, and leaving them unlabelled would teach the model to miss them.
    """
    spans: set[tuple[int, int]] = set()
    for mention, offset in mentions:
        spans.add((offset, offset + len(mention)))
        pattern = r"(?<!\w)" + re.escape(mention) + r"(?!\w)"
        spans.update((m.start(), m.end()) for m in re.finditer(pattern, text))
    return sorted(spans)


def piece_labels(doc: Pieces, spans_by_role: dict[str, list[tuple[int, int]]]) -> NDArray[np.int64]:
    """BIO label of each piece; longer spans win where spans of any role overlap."""
    labels = np.zeros(len(doc), dtype=np.int64)
    taken = np.zeros(len(doc), dtype=bool)
    ordered = sorted(
        ((role, s, e) for role, spans in spans_by_role.items() for s, e in spans),
        key=lambda item: (item[1] - item[2], item[1]),
    )
    for role, start, end in ordered:
        inside = np.nonzero((doc.starts < end) & (doc.ends > start))[0]
        if len(inside) == 0 or taken[inside].any():
            continue
        labels[inside] = inside_label(role)
        labels[inside[0]] = begin_label(role)
        taken[inside] = True
    return labels
