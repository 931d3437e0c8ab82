"""The batch runner: read sources, extract their statements, store each document whole.

Each document is written with all its statements in one transaction, so an error or Ctrl-C in
the middle of a batch leaves every earlier document complete and no document without its
statements. A source that cannot be read is recorded and the batch goes on.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from overhorizon.errors import ExtractionError, SourceError
from overhorizon.extraction.base import Extractor
from overhorizon.model.document import Document
from overhorizon.model.statement import Statement
from overhorizon.sources.base import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, SourceOptions
from overhorizon.sources.read import expand_sources, read_source
from overhorizon.store.base import Store

BATCH_SIZE = 32
"""Documents handed to the extractor at once: large enough for its batching to pay off."""


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    added: int = 0
    duplicates: int = 0
    """Documents whose content was already stored (or seen earlier in the same run)."""
    statements: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    """(source, reason) for each source that could not be read."""
    elapsed: float = 0.0
    """Seconds, wall clock."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def rate(self) -> float:
        """Documents read (added or found duplicate) per second."""
        done = self.added + self.duplicates
        return done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def ok(self) -> bool:
        """False only when there were sources and every one of them failed."""
        return self.added + self.duplicates > 0 or not self.failures


def failure_reason(exc: SourceError, source: str) -> str:
    """The error's code and reason, without the source name that the pair already holds."""
    message = exc.message.removeprefix(f"{source}: ")
    return f"[{exc.code}] {message}"


@contextmanager
def _progress(enabled: bool, total: int) -> Iterator[Progress]:
    console = Console(stderr=True)
    bar = Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not (enabled and console.is_terminal),
    )
    with bar:
        bar.add_task("ingesting", total=total)
        yield bar


class _Batch:
    """Documents waiting for extraction, flushed to the store every ``size`` documents."""

    def __init__(self, store: Store, extractor: Extractor | None, report: IngestReport) -> None:
        self.store = store
        self.extractor = extractor
        self.report = report
        self.pending: list[Document] = []
        self.seen: set[str] = set()

    def add(self, document: Document, size: int) -> None:
        digest = document.content_hash
        # Checked up front only to spare the extractor; without one, add_document tells.
        stored = self.extractor is not None and self.store.has_content(digest)
        if digest in self.seen or stored:
            self.report.duplicates += 1
            return
        self.seen.add(digest)
        self.pending.append(document)
        if len(self.pending) >= size:
            self.flush()

    def flush(self) -> None:
        documents, self.pending = self.pending, []
        if not documents:
            return
        found = self._extract(documents)
        for document, statements in zip(documents, found, strict=True):
            with self.store.writer() as writer:
                if not writer.add_document(document):
                    self.report.duplicates += 1
                    continue
                count = writer.add_statements(statements)
            self.report.added += 1
            self.report.statements += count

    def _extract(self, documents: list[Document]) -> list[list[Statement]]:
        if self.extractor is None:
            return [[] for _ in documents]
        found = self.extractor.extract(documents)
        if len(found) != len(documents):
            raise ExtractionError(
                f"the extractor gave {len(found)} statement lists for {len(documents)} documents"
            )
        return found


def ingest(
    sources: Iterable[str | Path],
    store: Store,
    extractor: Extractor | None = None,
    *,
    reliability: str = "F",
    tlp: str = "clear",
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
) -> IngestReport:
    """Read files, folders and URLs into ``store``, with statements when given an extractor.

    ``reliability`` and ``tlp`` mark documents that do not carry their own markings. Content
    already stored is skipped before extraction. An unreadable source is recorded in the report;
    an extractor or store failure stops the run, keeping what was committed before it. The
    progress bar shows only when ``progress`` is set and standard error is a terminal.
    """
    started = time.perf_counter()
    options = SourceOptions(max_bytes=max_bytes, timeout=timeout, reliability=reliability, tlp=tlp)
    report = IngestReport()
    batch = _Batch(store, extractor, report)
    items = expand_sources(sources)
    with _progress(progress, len(items)) as bar:
        for source in items:
            bar.update(bar.task_ids[0], description=escape(_short(source)))
            try:
                documents = read_source(source, options)
            except SourceError as exc:
                report.failures.append((source, failure_reason(exc, source)))
            else:
                for document in documents:
                    batch.add(document, batch_size)
            bar.advance(bar.task_ids[0])
        batch.flush()
    report.elapsed = time.perf_counter() - started
    return report


def _short(source: str, width: int = 40) -> str:
    return source if len(source) <= width else "…" + source[-(width - 1) :]
