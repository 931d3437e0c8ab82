"""Throughput of the standard extraction pipeline: documents per second and peak memory.

Synthetic documents of about ``--words`` words are made by cycling through the sample corpus
(each starts with a real report, dateline included, and continues with the next ones), so the
text has the density of names, dates and tolls the pipeline meets in practice.

    python scripts/bench_extract.py --docs 1000 --words 400
"""

from __future__ import annotations

import argparse
import resource
import time
from importlib import resources
from pathlib import Path

from overhorizon.cli.extract import read_text_file
from overhorizon.extraction import Gazetteer, default_pipeline
from overhorizon.model.document import Document


def corpus_texts() -> list[str]:
    folder = Path(str(resources.files("overhorizon") / "data" / "corpus"))
    return [read_text_file(path).text for path in sorted(folder.glob("*.md"))]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", type=int, default=1, help="processes for the model")
    args = parser.parse_args()

    started = time.perf_counter()
    pipeline = default_pipeline(
        gazetteer=Gazetteer.from_seed(), batch_size=args.batch_size, n_process=args.processes
    )
    documents = synthetic(corpus_texts(), args.docs, args.words)
    pipeline.extract(documents[:8])
    ready = time.perf_counter()
    results = pipeline.extract(documents)
    elapsed = time.perf_counter() - ready
    statements = sum(len(found) for found in results)
    words = sum(len(d.text.split()) for d in documents) / len(documents)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"documents      {len(documents)} (mean {words:.0f} words)")
    print(f"set-up         {ready - started:.1f} s (model, gazetteers, warm-up)")
    print(f"extraction     {elapsed:.1f} s, {len(documents) / elapsed:.1f} documents/s")
    print(f"statements     {statements} ({statements / len(documents):.0f} per document)")
    print(f"peak RSS       {own:.0f} MiB (largest child process {children:.0f} MiB)")


if __name__ == "__main__":
    main()
