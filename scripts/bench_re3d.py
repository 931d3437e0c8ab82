"""RE3D: entity F1 by type and relation F1 through the standard pipeline (no tuning on it).

    python scripts/bench_re3d.py [--data ../shared/data/re3d]

Prints, per RE3D type we produce, precision, recall and F1 with exact spans and with
overlapping spans, the micro average over those types, and relation P/R/F1 for
FightingAgainst, BelongsTo, InChargeOf and AlliesOf. Types we never produce (Quantity as
counts, Vehicle, MilitaryPlatform, DocumentReference ...) are listed with their gold counts
and left out of the averages. Known groups and people come from the packaged seed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from overhorizon.eval.re3d import RELATION_TYPES, evaluate, micro, read_re3d, type_counts
from overhorizon.extraction import Gazetteer, default_pipeline

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ENTITY_TYPES = ("Person", "Organisation", "Location", "Nationality", "Temporal", "Weapon", "Money")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "re3d")
    args = parser.parse_args()

    documents = read_re3d(args.data)
    pipeline = default_pipeline(gazetteer=Gazetteer.from_seed())
    began = time.perf_counter()
    strict, loose, relations = evaluate(pipeline, documents)
    seconds = time.perf_counter() - began
    print(f"{len(documents)} documents in {seconds:.1f}s")
    for label, tallies in (("exact spans", strict), ("overlapping spans", loose)):
        print(f"\nentities, {label}")
        for kind in ENTITY_TYPES:
            print(tallies.get(kind, micro({}, [])).line(kind))
        print(micro(tallies, ENTITY_TYPES).line("micro (types above)"))
    others = {k: n for k, n in type_counts(documents).items() if k not in ENTITY_TYPES}
    print(f"\nnot produced (gold counts): {dict(sorted(others.items()))}")
    print("\nrelations (type agrees, both ends overlap)")
    kinds = sorted(set(RELATION_TYPES.values()))
    for kind in kinds:
        print(relations.get(kind, micro({}, [])).line(kind))
    print(micro(relations, kinds).line("micro (types above)"))


if __name__ == "__main__":
    main()
