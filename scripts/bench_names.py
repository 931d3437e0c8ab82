"""Name matching on the shared name fixtures: recall@1, false matches, speed.

    python scripts/bench_names.py [--data ../shared/data] [--negatives 10000]

1. UN positives: every row of positives_un_treated.csv, as a query, must find its row-aligned
   twin in positives_un_untreated.csv as the top candidate among all untreated positives plus
   the 50,000 negatives_global.csv names. A hit on another row with the very same name counts
   (the untreated file repeats some names). Reported for even rows (used to tune the rules)
   and odd rows (held out).
2. False matches: names of negatives_us.csv as queries against the same index; a false match
   is a best hit at or above the MATCH threshold. Hits on exactly the same spelling (a real
   namesake in the other file) are counted apart: no matcher can tell those apart by name.
3. US Congress: each member's name without its middle initial ("Jennifer L. McClellan" ->
   "Jennifer McClellan") must find the full name among the members plus the negatives
   (recall@1), and the full names as queries against the negatives only give the false-match
   rate on common American names.
4. Speed: pairs compared per second, query latency.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import time
from pathlib import Path

from overhorizon.model.types import name_key
from overhorizon.resolution.index import NameIndex
from overhorizon.resolution.names import MATCH, NameMatcher
from overhorizon.resolution.normalize import PERSON, prepare

ROOT = Path(__file__).resolve().parents[1]


def _names(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [row["full_name"] for row in csv.DictReader(fh)]


def _recall(
    index: NameIndex, queries: list[str], twins: list[str], owners: list[str]
) -> tuple[int, list[str]]:
    found, misses = 0, []
    for query, twin, owner in zip(queries, twins, owners, strict=True):
        hits = index.search(query, limit=1)
        if hits and (hits[0].key == owner or name_key(hits[0].name) == name_key(twin)):
            found += 1
        else:
            best = f"{hits[0].name} ({hits[0].result.score:.2f})" if hits else "-"
            misses.append(f"{query!r} -> {best}; twin {twin!r}")
    return found, misses


def _false_matches(index: NameIndex, queries: list[str]) -> tuple[int, int, list[str]]:
    false, same_spelling = 0, 0
    examples: list[str] = []
    for query in queries:
        hits = index.search(query, limit=1)
        if not hits or hits[0].result.score < MATCH:
            continue
        if name_key(hits[0].name) == name_key(query):
            same_spelling += 1
            continue
        false += 1
        if len(examples) < 15:
            best = hits[0]
            examples.append(
                f"{query!r} ~ {best.name!r} {best.result.score:.2f}: {best.result.explanation}"
            )
    return false, same_spelling, examples


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--negatives", type=int, default=10_000, help="negative queries to run")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    folder = args.data / "names"
    treated = _names(folder / "positives_un_treated.csv")
    untreated = _names(folder / "positives_un_untreated.csv")
    negatives = _names(folder / "negatives_global.csv")
    us = _names(folder / "negatives_us.csv")[: args.negatives]
    congress = _names(folder / "positives_us_congress_untreated.csv")

    started = time.perf_counter()
    index = NameIndex(PERSON)
    index.add_all((n, f"pos:{i}") for i, n in enumerate(untreated))
    index.add_all((n, f"neg:{i}") for i, n in enumerate(negatives))
    print(f"indexed {len(index)} names in {time.perf_counter() - started:.1f} s")

    owners = [f"pos:{i}" for i in range(len(untreated))]
    for label, parity in (("tuning (even rows)", 0), ("held out (odd rows)", 1)):
        rows = range(parity, len(treated), 2)
        found, misses = _recall(
            index,
            [treated[i] for i in rows],
            [untreated[i] for i in rows],
            [owners[i] for i in rows],
        )
        print(f"UN positives {label}: recall@1 {found / len(rows):.4f} ({found}/{len(rows)})")
        if args.show_misses:
            for miss in misses:
                print("   miss:", miss)

    started = time.perf_counter()
    false, same, examples = _false_matches(index, us)
    elapsed = time.perf_counter() - started
    print(
        f"negatives_us queries: {len(us)}; "
        f"false matches >= {MATCH}: {false} ({false / len(us):.2%}); "
        f"same-spelling namesakes: {same} ({same / len(us):.2%}); "
        f"{1000 * elapsed / len(us):.1f} ms/query"
    )
    for example in examples:
        print("   false:", example)

    members = NameIndex(PERSON)
    members.add_all((n, f"us:{i}") for i, n in enumerate(congress))
    members.add_all((n, f"neg:{i}") for i, n in enumerate(negatives))
    shortened = [re.sub(r"\s+[A-Z]\.(?=\s)", "", n) for n in congress]
    changed = [i for i, (a, b) in enumerate(zip(congress, shortened, strict=True)) if a != b]
    found, _ = _recall(
        members,
        [shortened[i] for i in changed],
        [congress[i] for i in changed],
        [f"us:{i}" for i in changed],
    )
    print(
        "US Congress, middle initial dropped: "
        f"recall@1 {found / len(changed):.4f} ({found}/{len(changed)})"
    )
    negatives_only = NameIndex(PERSON)
    negatives_only.add_all((n, f"neg:{i}") for i, n in enumerate(negatives))
    negatives_only.add_all((n, f"us:{i}") for i, n in enumerate(us))
    false, same, examples = _false_matches(negatives_only, congress)
    print(
        f"US Congress names vs {len(negatives_only)} negatives: false matches >= {MATCH}: {false} "
        f"({false / len(congress):.2%}); same-spelling namesakes: {same}"
    )
    for example in examples[:5]:
        print("   false:", example)

    matcher = NameMatcher()
    prepared = [prepare(n, PERSON) for n in negatives[:2000]]
    started = time.perf_counter()
    count = 0
    for a, b in zip(prepared, prepared[1:] + prepared[:1], strict=True):
        matcher.compare_prepared(a, b)
        count += 1
    for a, b in zip(prepared, prepared[7:] + prepared[:7], strict=True):
        matcher.compare_prepared(a, b)
        count += 1
    rate = count / (time.perf_counter() - started)
    latencies = []
    for query in treated[:300]:
        started = time.perf_counter()
        index.search(query, limit=5)
        latencies.append(1000 * (time.perf_counter() - started))
    latencies.sort()
    print(f"matcher: {rate:,.0f} pairs/s (prepared names, one core)")
    print(
        f"query latency over {len(index)} names: median {statistics.median(latencies):.1f} ms, "
        f"p95 {latencies[int(0.95 * len(latencies))]:.1f} ms"
    )


if __name__ == "__main__":
    main()
