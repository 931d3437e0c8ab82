"""MUC-4 role-filler extraction with the shipped tagger: the measure and the speed.

    python scripts/bench_muc4.py                      # the dev split from ../shared
    python scripts/bench_muc4.py --gold FILE.jsonl --predictions preds.json

Prints the per-role table and micro P/R/F1 from the benchmark's own scorer when
../shared/eval/muc4_ree.py is there (it needs SciPy), else from overhorizon's scorer; then
the scores of the two halves of the file (split by a hash of the ids), and the tagger's speed
on the file and on documents of ``--words`` words.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

from overhorizon.eval.muc4 import predict
from overhorizon.eval.scoring import micro, score, table
from overhorizon.extraction.roles.muc4 import MucDocument, read_documents, write_predictions
from overhorizon.extraction.roles.tagger import RoleTagger, packaged_tagger

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def halves(docs: list[MucDocument]) -> tuple[list[MucDocument], list[MucDocument]]:
    def first(doc: MucDocument) -> bool:
        return int(hashlib.sha256(doc.docid.encode()).hexdigest(), 16) % 2 == 0

    return [d for d in docs if first(d)], [d for d in docs if not first(d)]


def long_documents(docs: list[MucDocument], count: int, words: int) -> list[str]:
    """``count`` texts of ``words`` words, each starting at another document of the file."""
    pool = [word for doc in docs for word in doc.text.split()]
    step = max(1, len(pool) // count)
    return [" ".join((pool * 2)[i * step : i * step + words]) for i in range(count)]


def speed(tagger: RoleTagger, texts: list[str]) -> float:
    began = time.perf_counter()
    for first in range(0, len(texts), 16):
        tagger.extract(texts[first : first + 16])
    return len(texts) / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=SHARED / "data" / "muc4" / "ree" / "dev.jsonl")
    parser.add_argument("--predictions", type=Path, default=None)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--speed-docs", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    docs = read_documents(args.gold)
    tagger = packaged_tagger()
    began = time.perf_counter()
    predictions = predict(docs, tagger)
    seconds = time.perf_counter() - began
    output = args.predictions or Path(tempfile.mkdtemp()) / "muc4_predictions.json"
    write_predictions(output, predictions)
    scorer = SHARED / "eval" / "muc4_ree.py"
    print(f"# {args.gold.name}: {len(docs)} documents, predictions in {output}")
    if scorer.exists():
        print(f"# scored by {scorer.name}")
        subprocess.run([sys.executable, str(scorer), str(args.gold), str(output)], check=True)
    else:
        print("# scored by overhorizon.eval.scoring (the benchmark's scorer is not beside us)")
        print("\n".join(table(score(docs, predictions))))
    for name, half in zip(("A", "B"), halves(docs), strict=True):
        total = micro(score(half, predictions))
        print(
            f"half {name} ({len(half)} documents): "
            f"P {total.precision:.2f} R {total.recall:.2f} F1 {total.f1:.2f}"
        )
    words = sum(len(d.text.split()) for d in docs) / len(docs)
    print(
        f"speed: {len(docs) / seconds:.1f} documents/s on this file "
        f"({words:.0f} words on average), {args.threads} threads"
    )
    texts = long_documents(docs, args.speed_docs, args.words)
    print(
        f"speed: {speed(tagger, texts):.1f} documents/s on {len(texts)} {args.words}-word documents"
    )


if __name__ == "__main__":
    main()
