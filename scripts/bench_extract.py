"""Throughput of the standard extraction pipeline: documents per second and peak memory.

Synthetic documents of about ``--words`` words are made by cycling through the sample corpus
(each starts with a real report, dateline included, and continues with the next ones), so the
text has the density of names, dates and tolls the pipeline meets in practice.

    python scripts/bench_extract.py --docs 1000 --words 400               # automatic workers
    python scripts/bench_extract.py --docs 1000 --words 400 --processes 1 # one process
    python scripts/bench_extract.py --corpus-db overhorizon-demo.db

``--corpus-db`` measures instead what event de-duplication gets from extraction on a demo
database (``overhorizon demo --no-serve`` builds it): for every attack of the gold labels
(tests/fixtures/corpus_truth.yaml) reported in several files, each file's attacks dated within
two days of the gold date, or to its month, stand for it, and a pair of files counts as found
when both hold the same entity after resolution.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from importlib import resources
from pathlib import Path

import yaml

from overhorizon.eval.corpus import corpus_pairs as evaluate_corpus
from overhorizon.extraction import Gazetteer, default_pipeline
from overhorizon.model.document import Document
from overhorizon.sources import read_source
from overhorizon.store import open_store

ROOT = Path(__file__).resolve().parents[1]


def corpus_texts() -> list[str]:
    folder = Path(str(resources.files("overhorizon") / "data" / "corpus"))
    return [read_source(path)[0].text for path in sorted(folder.glob("*.md"))]


def synthetic(texts: list[str], count: int, words: int) -> list[Document]:
    """``count`` documents of about ``words`` words, each distinct (so none is deduplicated)."""
    documents = []
    for number in range(count):
        parts: list[str] = []
        length = 0
        index = number
        while length < words:
            text = texts[index % len(texts)]
            parts.append(text)
            length += len(text.split())
            index += 1
        body = "\n\n".join(parts)
        cut = " ".join(body.split(" ")[:words])
        documents.append(Document(text=f"{cut}\n\nRef {number}.", source=f"synthetic-{number}"))
    return documents


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the model's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def corpus_pairs(db: Path) -> None:
    truth = yaml.safe_load((ROOT / "tests" / "fixtures" / "corpus_truth.yaml").read_text())
    with open_store(str(db)) as store:
        found = evaluate_corpus(store, truth)
    print(f"report pairs of one gold attack found on one entity: {found.together}/{found.pairs}")
    for gold, first, second in found.apart:
        print(f"  apart: {gold}: {first} / {second}")
    print(f"gold attacks merged with another: {len(found.wrong)} {found.wrong}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="worker processes for the model; 0: the pipeline's automatic choice",
    )
    parser.add_argument("--corpus-db", type=Path, default=None, help="measure de-duplication")
    args = parser.parse_args()
    if args.corpus_db is not None:
        corpus_pairs(args.corpus_db)
        return

    started = time.perf_counter()
    pipeline = default_pipeline(
        gazetteer=Gazetteer.from_seed(),
        batch_size=args.batch_size,
        n_process=args.processes or None,
    )
    documents = synthetic(corpus_texts(), args.docs, args.words)
    pipeline.extract(documents[:8])
    ready = time.perf_counter()
    cpu = _cpu_seconds()
    results = pipeline.extract(documents)
    elapsed = time.perf_counter() - ready
    cpu = _cpu_seconds() - cpu
    statements = sum(len(found) for found in results)
    words = sum(len(d.text.split()) for d in documents) / len(documents)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"documents      {len(documents)} (mean {words:.0f} words)")
    print(f"set-up         {ready - started:.1f} s (model, gazetteers, warm-up)")
    print(f"extraction     {elapsed:.1f} s, {len(documents) / elapsed:.1f} documents/s")
    print(f"CPU time       {cpu:.1f} s ({1000 * cpu / len(documents):.0f} ms per document)")
    print(f"load average   {os.getloadavg()[0]:.1f} (other work on the machine slows the run)")
    print(f"statements     {statements} ({statements / len(documents):.0f} per document)")
    print(f"peak RSS       {own:.0f} MiB (largest child process {children:.0f} MiB)")


if __name__ == "__main__":
    main()
