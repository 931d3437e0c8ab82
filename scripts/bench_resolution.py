"""Resolution benchmarks: UN list retrieval, clustering speed, event deduplication.

    python scripts/bench_resolution.py un [--data ../shared/data]
    python scripts/bench_resolution.py speed [--data DIR] [--names 100000] [--workers 2]
    python scripts/bench_resolution.py events [--data DIR] [--corpus-db overhorizon-demo.db]
    python scripts/bench_resolution.py scale [--data DIR] [--names 1000000] [--queries 2000]

un: the 1267/1988 entries of the UN consolidated list are imported into a fresh SQLite store
with the project's importer, and every name of every entry (listed name, aliases, original
script) is a query against the index of all entries' names. recall@1 counts the entry among
the best-scoring hits (ties with another entry listing the very same name are reported
apart). Leave-one-out removes the query's own spelling from its entry first, so the entry
must be found through its other names (original script against Latin, spelling variants);
aliases that share nothing with the other names (a nom de guerre) cannot be found that way.

speed: index the first N names of negatives_global.csv + negatives_us.csv and cluster them
(every name against its blocking candidates, union of pairs at MATCH), on W processes.

scale: an index of N person names (default a million), made by pairing the given names and
family names of negatives_global.csv and negatives_us.csv within one script (each pairing
once, drawn with a fixed seed); then queries, each an indexed name with one typo (a letter
dropped, doubled or two swapped; for names in other scripts a letter dropped), timed one by
one: candidates alone and the full search (candidates compared by the matcher). recall@1
counts the name the typo was made from as the best hit. Prints index time, peak memory and
latencies.

events: (1) the sample corpus: the demo database (built by ``overhorizon demo`` if missing)
is resolved, and each extracted attack is labelled with the gold event of its report
(tests/fixtures/corpus_truth.yaml, labelled as ``overhorizon.eval.corpus`` says); pairs of
attack ids are then scored as same / different. (2) incidents_wiki: each incident
is paired with a rewritten report of itself (date moved by up to a day, place given as the
city only, toll revised up by up to half, perpetrator dropped or the type narrowed) as
positives; distinct incidents at the same location within two days are the negatives.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

from overhorizon.eval.corpus import label_attacks
from overhorizon.model.types import name_key
from overhorizon.reference import import_un_list
from overhorizon.reference.names import is_latin
from overhorizon.resolution.events import EventRecord, compare_events
from overhorizon.resolution.index import NameIndex
from overhorizon.resolution.names import MATCH
from overhorizon.resolution.normalize import GROUP, PERSON
from overhorizon.resolution.review import RunReport, event_records, resolve_events
from overhorizon.store import StatementQuery, open_store

ROOT = Path(__file__).resolve().parents[1]


def un(data: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "un.db"))
        source = data / "sanctions" / "un_consolidated_2026-05-08.xml"
        print(f"import: {import_un_list(source, store)}")
        names: dict[str, set[str]] = defaultdict(set)
        schema: dict[str, str] = {}
        query = StatementQuery(props=["name", "alias"], origin_prefix="import:un-sanctions")
        for stmt in store.statements(query):
            names[stmt.entity_id].add(stmt.value)
            schema[stmt.entity_id] = stmt.schema
        store.close()
    indexes = {PERSON: NameIndex(PERSON), GROUP: NameIndex(GROUP)}
    for entity, values in names.items():
        kind = PERSON if schema[entity] == "Person" else GROUP
        for value in sorted(values):
            indexes[kind].add(value, entity)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    misses: list[str] = []
    for entity, values in names.items():
        index = indexes[PERSON if schema[entity] == "Person" else GROUP]
        for value in sorted(values):
            script = "latin" if is_latin(value) else "original script"
            hits = index.search(value, limit=10, candidates=40)
            best = hits[0].result.score if hits else 0.0
            top = {h.key for h in hits if h.result.score == best}
            full = totals[f"full index, {script}"]
            full[0] += 1
            full[1] += entity in top
            full[2] += entity in top and len(top) > 1
            others = [h for h in hits if not (h.key == entity and h.name == value)]
            best = others[0].result.score if others else 0.0
            top = {h.key for h in others if h.result.score == best}
            loo = totals[f"leave-one-out, {script}"]
            loo[0] += 1
            loo[1] += entity in top and best > 0
            loo[2] += entity in top and len(top) > 1
            if not (entity in top and best > 0) and len(misses) < 25 and len(values) > 1:
                nearest = f"{others[0].name} ({others[0].key})" if others else "-"
                misses.append(f"{value!r} of {entity}: best {nearest} {best:.2f}")
    print(f"entries: {len(names)}, names: {sum(len(v) for v in names.values())}")
    for label, (count, found, tied) in sorted(totals.items()):
        print(
            f"{label}: recall@1 {found / count:.4f} ({found}/{count}; "
            f"{tied} tied with another entry)"
        )
    for miss in misses:
        print("   leave-one-out miss:", miss)


def _csv_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [row["full_name"] for row in csv.DictReader(fh)]


_INDEX: NameIndex | None = None


def _cluster_part(bounds: tuple[int, int]) -> tuple[list[tuple[int, int]], int]:
    assert _INDEX is not None
    from overhorizon.resolution.normalize import prepare

    pairs, compared = [], 0
    for number in range(*bounds):
        query = prepare(_INDEX.names[number], PERSON)
        for other, _ in _INDEX.candidates(query, 11):
            if other == number:
                continue
            compared += 1
            result = _INDEX.matcher.compare_prepared(query, prepare(_INDEX.names[other], PERSON))
            if result.score >= MATCH:
                pairs.append((min(number, other), max(number, other)))
    return pairs, compared


def speed(data: Path, count: int, workers: int) -> None:
    global _INDEX
    folder = data / "names"
    names = (_csv_names(folder / "negatives_global.csv") + _csv_names(folder / "negatives_us.csv"))[
        :count
    ]
    started = time.perf_counter()
    index = NameIndex(PERSON)
    index.add_all((n, str(i)) for i, n in enumerate(names))
    indexed = time.perf_counter() - started
    _INDEX = index
    started = time.perf_counter()
    step = max(1, len(names) // (workers * 20))
    parts = [(i, min(i + step, len(names))) for i in range(0, len(names), step)]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_cluster_part, parts)
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    compared = 0
    for pairs, seen in results:
        compared += seen
        for a, b in pairs:
            parent[root(a)] = root(b)
    clustered = time.perf_counter() - started
    sizes: dict[int, int] = defaultdict(int)
    for i in range(len(names)):
        sizes[root(i)] += 1
    merged = sum(1 for s in sizes.values() if s > 1)
    print(f"names: {len(names)}, workers: {workers}")
    print(f"index: {indexed:.1f} s; cluster: {clustered:.1f} s; total {indexed + clustered:.1f} s")
    print(f"pairs compared: {compared:,} ({compared / clustered:,.0f}/s on {workers} processes)")
    print(f"clusters of 2 or more: {merged}")


def _name_parts(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [
            (row["first_name"].strip(), row["last_name"].strip())
            for row in csv.DictReader(fh)
            if row["first_name"].strip() and row["last_name"].strip()
        ]


def synthetic_names(data: Path, count: int, seed: int = 11) -> list[str]:
    """``count`` distinct "given family" names, each part from a real name of the same script."""
    folder = data / "names"
    parts = _name_parts(folder / "negatives_global.csv") + _name_parts(folder / "negatives_us.csv")
    by_script: dict[bool, tuple[list[str], list[str]]] = {}
    for first, last in parts:
        given, family = by_script.setdefault(is_latin(last), ([], []))
        given.append(first)
        family.append(last)
    pools = [(sorted(set(g)), sorted(set(f))) for g, f in by_script.values()]
    weights = [len(g) * len(f) for g, f in pools]
    rng = random.Random(seed)
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < count:
        given, family = rng.choices(pools, weights)[0]
        name = f"{rng.choice(given)} {rng.choice(family)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def typo(name: str, rng: random.Random) -> str:
    """One typo in one word of ``name`` long enough to keep its shape."""
    words = name.split()
    long = [i for i, w in enumerate(words) if len(w) >= 5] or [len(words) - 1]
    i = rng.choice(long)
    word = words[i]
    at = rng.randrange(1, max(2, len(word) - 1))
    kind = rng.choice(["drop", "double", "swap"]) if is_latin(word) else "drop"
    if kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    elif at + 1 < len(word):
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    words[i] = word
    return " ".join(words)


def quantiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]


def scale(data: Path, count: int, queries: int) -> None:
    names = synthetic_names(data, count)
    started = time.perf_counter()
    index = NameIndex(PERSON)
    index.add_all((n, str(i)) for i, n in enumerate(names))
    indexed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rng = random.Random(5)
    picked = rng.sample(range(len(names)), queries)
    asked = [(str(i), typo(names[i], rng)) for i in picked]
    blocking, full, right = [], [], 0
    for _owner, query in asked:
        started = time.perf_counter()
        index.candidates(query, 30)
        blocking.append(time.perf_counter() - started)
    for owner, query in asked:
        started = time.perf_counter()
        hits = index.search(query, limit=1)
        full.append(time.perf_counter() - started)
        right += bool(hits) and hits[0].key == owner
    print(f"names indexed: {len(index):,} in {indexed:.1f} s; peak RSS {rss:,.0f} MiB")
    for label, times in (("candidates", blocking), ("search", full)):
        p50, p95 = quantiles(times)
        print(f"{label} latency over {queries:,} typo queries: median {p50 * 1000:.1f} ms, "
              f"p95 {p95 * 1000:.1f} ms")  # fmt: skip
    print(f"recall@1 of the name the typo came from: {right / queries:.4f} ({right}/{queries})")


def _label_corpus(db: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Gold attack per extracted attack id (ids labelled alike in every report that holds
    them), and the canonical id after resolution."""
    gold = yaml.safe_load((ROOT / "tests" / "fixtures" / "corpus_truth.yaml").read_text())
    with open_store(str(db)) as store:
        found: dict[str, set[str]] = defaultdict(set)
        for (_name, attack), event in label_attacks(store, gold).items():
            found[attack].add(event)
        labels = {a: next(iter(e)) for a, e in found.items() if len(e) == 1}
        canonical = store.canonical_ids(sorted(labels))
    return labels, canonical


def _pair_scores(labels: dict[str, str], same: dict[str, str]) -> tuple[int, int, int]:
    ids = sorted(labels)
    tp = fp = fn = 0
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            truth, predicted = labels[a] == labels[b], same[a] == same[b]
            tp += truth and predicted
            fp += predicted and not truth
            fn += truth and not predicted
    return tp, fp, fn


def _report(label: str, tp: int, fp: int, fn: int) -> None:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{label}: precision {precision:.3f}, recall {recall:.3f} (tp {tp}, fp {fp}, fn {fn})")


_TYPES = {
    "bombing": "bombing",
    "shooting": "armed_assault",
    "assassination": "assassination",
    "arson": "arson",
    "hostage": "kidnapping",
    "hijacking": "kidnapping",
}


def _incident(
    row: dict[str, str],
    key: str,
    day: date,
    place: str,
    killed: int | None,
    perpetrator: str | None,
    kind: str | None,
) -> EventRecord:
    parts = [p.strip() for p in row["location"].split(",")]
    return EventRecord(
        id=key,
        day=day,
        place_names=frozenset({name_key(place)}),
        country=name_key(parts[-1]) if len(parts) > 1 else None,
        attack_type=kind,
        perpetrators=frozenset({name_key(perpetrator)}) if perpetrator else frozenset(),
        killed=killed,
    )


def events(data: Path, corpus_db: Path) -> None:
    if not corpus_db.exists():
        subprocess.run(
            [sys.executable, "-m", "overhorizon", "demo", "--no-serve", "--db", str(corpus_db)],
            check=True,
        )
    store = open_store(str(corpus_db))
    before = len(event_records(store))
    report = RunReport()
    resolve_events(store, report)
    after = len(event_records(store))
    store.close()
    print(
        f"corpus: {before} attack entities -> {after} after merging "
        f"({len(report.merged)} merges, {len(report.queued)} queued for review)"
    )
    labels, canonical = _label_corpus(corpus_db)
    _report(f"corpus pairs ({len(labels)} labelled attack ids)", *_pair_scores(labels, canonical))

    rng = random.Random(4)
    with (data / "incidents_wiki" / "incidents_dev.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if len(r["date"]) == 10 and r["location"]]
    tp = fp = fn = tn = 0
    for i, row in enumerate(rows):
        day = date.fromisoformat(row["date"])
        killed = int(row["dead"]) if row["dead"].isdigit() else None
        kind = _TYPES.get(row["type"])
        perp = row["perpetrator"] if row["perpetrator"] not in ("", "Unknown") else None
        original = _incident(row, f"a{i}", day, row["location"], killed, perp, kind)
        city = row["location"].split(",")[0]
        revised = None if killed is None else killed + rng.randint(0, killed // 2 + 1)
        narrowed = "suicide_bombing" if kind == "bombing" and rng.random() < 0.5 else kind
        variant = _incident(
            row,
            f"b{i}",
            day + timedelta(days=rng.randint(0, 1)),
            city,
            revised,
            perp if rng.random() < 0.5 else None,
            narrowed,
        )
        variant = (
            EventRecord(
                **{
                    **variant.__dict__,
                    "place_names": variant.place_names | {name_key(row["location"])},
                }
            )
            if rng.random() < 0.5
            else variant
        )
        if compare_events(original, variant).score >= MATCH:
            tp += 1
        else:
            fn += 1
    rows.sort(key=lambda r: r["date"])
    for i, a in enumerate(rows):
        for b in rows[i + 1 : i + 40]:
            day_a, day_b = date.fromisoformat(a["date"]), date.fromisoformat(b["date"])
            if (day_b - day_a).days > 2:
                break
            if a["location"] != b["location"]:
                continue
            records = [
                _incident(
                    r,
                    f"{r['date']}{n}",
                    date.fromisoformat(r["date"]),
                    r["location"],
                    int(r["dead"]) if r["dead"].isdigit() else None,
                    r["perpetrator"] if r["perpetrator"] not in ("", "Unknown") else None,
                    _TYPES.get(r["type"]),
                )
                for n, r in enumerate((a, b))
            ]
            if compare_events(*records).score >= MATCH:
                fp += 1
            else:
                tn += 1
    _report(
        f"incidents_wiki ({tp + fn} rewritten pairs, {fp + tn} distinct same-place pairs)",
        tp,
        fp,
        fn,
    )
    print(
        "incidents_wiki distinct same-place pairs merged by mistake: "
        f"{fp}/{fp + tn} ({fp / (fp + tn):.1%})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["un", "speed", "events", "scale"])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--names", type=int, default=None, help="speed: 100,000; scale: 1,000,000")
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus-db", type=Path, default=Path("overhorizon-demo.db"))
    args = parser.parse_args()
    if args.what == "un":
        un(args.data)
    elif args.what == "speed":
        speed(args.data, args.names or 100_000, args.workers)
    elif args.what == "scale":
        scale(args.data, args.names or 1_000_000, args.queries)
    else:
        events(args.data, args.corpus_db)


if __name__ == "__main__":
    main()
