"""The pipeline: components run in order over batches of documents.

Components are spaCy-like: each names the fields of the working object it ``requires`` and
those it ``assigns``. The order is checked when the pipeline is built, so a component that
reads something nobody wrote fails at once with its name, not halfway through a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from overhorizon.errors import ExtractionError
from overhorizon.extraction.gazetteer import Gazetteer
from overhorizon.extraction.work import WORK_FIELDS, Work
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.store.base import Store


class Component(Protocol):
    """One step of the pipeline: reads some fields of a Work, adds to others."""

    name: str
    """The versioned registered name, such as ``overhorizon.dates.v1``."""
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None: ...


@runtime_checkable
class BatchComponent(Protocol):
    """A component that is faster over a stream of documents (the spaCy model).

    It must yield every work it receives, in order, once it has filled it.
    """

    def pipe(self, works: Iterable[Work]) -> Iterator[Work]: ...


def check_order(components: Sequence[Component]) -> None:
    """Raise ExtractionError when a component requires what no earlier component assigns."""
    available = {"document"}
    seen: set[str] = set()
    for component in components:
        if component.name in seen:
            raise ExtractionError(f"component {component.name} appears twice in the pipeline")
        seen.add(component.name)
        unknown = sorted((set(component.requires) | set(component.assigns)) - WORK_FIELDS)
        if unknown:
            raise ExtractionError(
                f"component {component.name} names unknown fields: {', '.join(unknown)}"
            )
        missing = [need for need in component.requires if need not in available]
        if missing:
            raise ExtractionError(
                f"component {component.name} requires {', '.join(missing)}, "
                "which no earlier component assigns"
            )
        available.update(component.assigns)


class Pipeline:
    """An Extractor made of components run in order over a stream of documents."""

    def __init__(self, components: Sequence[Component]) -> None:
        check_order(components)
        self.components = list(components)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def get(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        raise ExtractionError(f"the pipeline has no component {name}")

    def run(self, documents: Iterable[Document]) -> list[Work]:
        """The working objects after every component ran: for inspection and tests."""
        return list(self.stream(documents))

    def extract(self, documents: Sequence[Document]) -> list[list[Statement]]:
        """The Extractor protocol: for each document, the statements found in it."""
        return [work.statements for work in self.stream(documents)]

    def stream(self, documents: Iterable[Document]) -> Iterator[Work]:
        """Works as they come out of the last component, in document order.

        The components are chained as generators, so the model reads documents in batches of
        ``batch_size`` (in worker processes when configured) while the rule-based components
        work on the documents it has finished.
        """
        stream: Iterator[Work] = (Work(document=d) for d in documents)
        for component in self.components:
            if isinstance(component, BatchComponent):
                stream = component.pipe(stream)
            else:
                stream = _each(component, stream)
        for work in stream:
            work.doc = None
            yield work


def _each(component: Component, works: Iterator[Work]) -> Iterator[Work]:
    for work in works:
        component(work)
        yield work


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
    n_process: int | None = None,
) -> Pipeline:
    """The standard pipeline, its alias gazetteer read from ``store``'s reference knowledge.

    ``gazetteer`` overrides the store's (the CLI passes the packaged seed); with neither, only
    groups and people the entity recogniser finds are recognised. ``nlp`` reuses a loaded
    spaCy pipeline; the model reads ``batch_size`` documents at a time, in ``n_process``
    worker processes when that is more than one; None (the default) uses two workers for
    streams of more than a few hundred documents and none for shorter ones.
    """
    from overhorizon.extraction.components.sentences import load_nlp
    from overhorizon.extraction.registry import create

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
