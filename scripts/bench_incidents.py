"""Wikipedia incidents: dead, injured, perpetrator and type through the standard pipeline.

    python scripts/bench_incidents.py                    # the held-out part (1 row in 5)
    python scripts/bench_incidents.py --part train --errors 40 --field dead

The held-out part is fixed by a hash of each row (``overhorizon.eval.incidents``); tune on
``--part train`` only. ``--errors N`` prints N rows the pipeline got wrong on ``--field``,
to read; known groups come from the packaged seed, and perpetrators are compared after
alias resolution (seed aliases, name keys, the name matcher, branches of the listed group).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from overhorizon.eval.incidents import (
    PerpetratorJudge,
    Prediction,
    gold_perpetrator,
    predict,
    read_incidents,
    score,
    split,
)
from overhorizon.extraction import Gazetteer, default_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=SHARED / "data" / "incidents_wiki" / "incidents_dev.csv",
    )
    parser.add_argument("--part", choices=["held-out", "train", "all"], default="held-out")
    parser.add_argument("--limit", type=int, default=0, help="only the first N rows of the part")
    parser.add_argument("--errors", type=int, default=0, help="print N wrong rows (train only)")
    parser.add_argument(
        "--field", choices=["dead", "injured", "perpetrator", "type"], default="dead"
    )
    args = parser.parse_args()

    rows = split(read_incidents(args.data), args.part)
    if args.limit:
        rows = rows[: args.limit]
    gazetteer = Gazetteer.from_seed()
    pipeline = default_pipeline(gazetteer=gazetteer)
    began = time.perf_counter()
    predictions = predict(pipeline, rows)
    seconds = time.perf_counter() - began
    judge = PerpetratorJudge(gazetteer)
    print(f"part {args.part}: {len(rows)} rows in {seconds:.1f}s")
    for line in score(rows, predictions, judge).lines():
        print(line)
    if args.errors and args.part != "held-out":
        wrong = [
            (row, mine)
            for row, mine in zip(rows, predictions, strict=True)
            if not _right(row.dead, row.injured, row.perpetrator, row.kind, mine, args.field, judge)
        ]
        random.Random(7).shuffle(wrong)
        for row, mine in wrong[: args.errors]:
            gold = (row.dead, row.injured, row.perpetrator, row.kind)
            got = (mine.dead, mine.injured, mine.perpetrator, mine.kind)
            print(f"\n#{row.row} gold {gold} got {got}\n  {row.details[:600]}")


def _right(
    dead: int | None,
    injured: int | None,
    perpetrator: str,
    kind: str,
    mine: Prediction,
    field: str,
    judge: PerpetratorJudge,
) -> bool:
    if field == "dead":
        return mine.dead == (dead or 0)
    if field == "injured":
        return mine.injured == (injured or 0)
    if field == "perpetrator":
        return judge.agrees(mine.perpetrator, gold_perpetrator(perpetrator))
    return mine.kind == kind


if __name__ == "__main__":
    main()
