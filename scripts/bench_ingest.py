"""Time ingestion of a folder into a fresh SQLite database: documents/second and peak memory.

    python scripts/bench_ingest.py [FOLDER] [--no-extract]

FOLDER defaults to the sample corpus shipped in the package. Ingestion runs once without
extraction and, when the extraction pipeline is installed, once more with it, each into its
own new database. One-time start-up (loading the language model) is done before timing.
"""

from __future__ import annotations

import argparse
import importlib
import resource
import sys
import tempfile
from importlib import resources
from pathlib import Path

from overhorizon.errors import SourceError
from overhorizon.extraction.base import Extractor
from overhorizon.sources import expand_sources, ingest, read_source
from overhorizon.sources.metadata import detect_language
from overhorizon.store import open_store


def _peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _pipeline() -> Extractor | None:
    try:
        factory = importlib.import_module("overhorizon.extraction.pipeline").default_pipeline
    except (ImportError, AttributeError) as exc:
        print(f"extraction not available ({exc}); timing ingestion without it")
        return None
    extractor: Extractor = factory()
    return extractor


def _warm_up(files: list[str], extractor: Extractor | None) -> None:
    """Load what is loaded once per process (language model, pipeline models) before timing."""
    detect_language("Loaded once, on first use.")
    for file in files:
        try:
            documents = read_source(file)
        except SourceError:
            continue
        if extractor is not None:
            extractor.extract(documents[:1])
        return


def _run(label: str, folder: Path, extractor: Extractor | None) -> None:
    with tempfile.TemporaryDirectory() as tmp, open_store(str(Path(tmp) / "bench.db")) as store:
        report = ingest([folder], store, extractor)
    print(
        f"{label:<18} {report.added:>6} docs  {report.statements:>7} statements  "
        f"{report.elapsed:7.2f} s  {report.rate:8.1f} docs/s  "
        f"peak RSS {_peak_rss_mb():7.1f} MB  failures {report.failed}"
    )
    for source, reason in report.failures:
        print(f"  FAILED {source}: {reason}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, help="default: the packaged corpus")
    parser.add_argument("--no-extract", action="store_true", help="skip the extraction run")
    args = parser.parse_args(argv)
    with resources.as_file(resources.files("overhorizon.data") / "corpus") as corpus:
        folder: Path = args.folder or corpus
        files = expand_sources([folder])
        if not files:
            parser.error(f"no files in {folder}")
        _warm_up(files, None)
        print(f"{folder}: {len(files)} files; start-up RSS {_peak_rss_mb():.1f} MB")
        _run("without extraction", folder, None)
        extractor = None if args.no_extract else _pipeline()
        if extractor is not None:
            _warm_up(files, extractor)
            _run("with extraction", folder, extractor)


if __name__ == "__main__":
    main()
