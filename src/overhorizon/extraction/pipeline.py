"""The pipeline: components run in order over batches of documents.

Components are spaCy-like: each names the fields of the working object it ``requires`` and
those it ``assigns``. The order is checked when the pipeline is built, so a component that
reads something nobody wrote fails at once with its name, not halfway through a corpus.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable

from overhorizon.errors import ExtractionError
from overhorizon.extraction.work import WORK_FIELDS, Work
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement


class Component(Protocol):
    """One step of the pipeline: reads some fields of a Work, adds to others."""

    name: str
    """The versioned registered name, such as ``overhorizon.dates.v1``."""
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> None: ...


@runtime_checkable
class BatchComponent(Protocol):
    """A component that is faster over many documents at once (the spaCy model)."""

    def pipe(self, works: Sequence[Work]) -> None: ...


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
    """An Extractor made of components; documents are processed ``batch_size`` at a time."""

    def __init__(self, components: Sequence[Component], batch_size: int = 64) -> None:
        check_order(components)
        if batch_size < 1:
            raise ExtractionError(f"batch size must be at least 1, not {batch_size}")
        self.components = list(components)
        self.batch_size = batch_size

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def get(self, name: str) -> Component:
        for component in self.components:
            if component.name == name:
                return component
        raise ExtractionError(f"the pipeline has no component {name}")

    def run(self, documents: Sequence[Document]) -> list[Work]:
        """The working objects after every component ran: for inspection and tests."""
        works: list[Work] = []
        for batch in _batches(documents, self.batch_size):
            works.extend(self._run_batch(batch))
        return works

    def extract(self, documents: Sequence[Document]) -> list[list[Statement]]:
        """The Extractor protocol: for each document, the statements found in it."""
        found: list[list[Statement]] = []
        for batch in _batches(documents, self.batch_size):
            found.extend(work.statements for work in self._run_batch(batch))
        return found

    def _run_batch(self, documents: Sequence[Document]) -> list[Work]:
        works = [Work(document=d) for d in documents]
        for component in self.components:
            if isinstance(component, BatchComponent):
                component.pipe(works)
            else:
                for work in works:
                    component(work)
        for work in works:
            work.doc = None
        return works


def _batches(items: Sequence[Document], size: int) -> Iterator[Sequence[Document]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
