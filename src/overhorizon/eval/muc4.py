"""MUC-4 role-filler extraction: tag a ree-format file and write the scorer's predictions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from overhorizon.extraction.roles.decode import as_prediction
from overhorizon.extraction.roles.muc4 import MucDocument, Predictions
from overhorizon.extraction.roles.tagger import RoleTagger, packaged_tagger


def predict(
    documents: Sequence[MucDocument], tagger: RoleTagger | None = None, batch: int = 16
) -> Predictions:
    """For each document, its entities per role, one mention each (the scorer's format)."""
    tagger = tagger or packaged_tagger()
    out: Predictions = {}
    for chunk in _chunks(documents, batch):
        for doc, entities in zip(chunk, tagger.extract([d.text for d in chunk]), strict=True):
            out[doc.docid] = as_prediction(entities)
    return out


def _chunks(items: Sequence[MucDocument], size: int) -> Iterator[Sequence[MucDocument]]:
    for first in range(0, len(items), size):
        yield items[first : first + size]
