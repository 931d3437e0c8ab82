"""The standard pipeline, as ingestion and the CLI use it."""

from __future__ import annotations

from typing import Any

from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.pipeline import Pipeline
from overhorizon.extraction.registry import create
from overhorizon.store.base import Store

STANDARD: tuple[str, ...] = (
    "overhorizon.sentences.v1",
    "overhorizon.dateline.v1",
    "overhorizon.aliases.v1",
    "overhorizon.actors.v1",
    "overhorizon.dates.v1",
    "overhorizon.places.v1",
    "overhorizon.attacks.v1",
    "overhorizon.casualties.v1",
    "overhorizon.responsibility.v1",
    "overhorizon.relations.v1",
    "overhorizon.statements.v1",
)
"""The components of the standard pipeline, in order."""


def default_pipeline(
    store: Store | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    nlp: Any = None,
    batch_size: int = 64,
    n_process: int = 1,
) -> Pipeline:
    """The standard pipeline, its alias gazetteer read from ``store``'s reference knowledge.

    ``gazetteer`` overrides the store's (the CLI passes the packaged seed); with neither, only
    groups and people the entity recogniser finds are recognised. ``nlp`` reuses a loaded
    spaCy pipeline; the model reads ``batch_size`` documents at a time, in ``n_process``
    worker processes when that is more than one (worth it for thousands of documents).
    """
    from overhorizon.extraction.components.sentences import load_nlp

    if gazetteer is None:
        gazetteer = Gazetteer.from_store(store) if store is not None else Gazetteer()
    nlp = nlp if nlp is not None else load_nlp()
    settings: dict[str, dict[str, Any]] = {
        "overhorizon.sentences.v1": {
            "nlp": nlp,
            "batch_size": batch_size,
            "n_process": n_process,
        },
        "overhorizon.aliases.v1": {"gazetteer": gazetteer, "nlp": nlp},
    }
    components = [create(name, **settings.get(name, {})) for name in STANDARD]
    return Pipeline(components)
