"""Reading one source, a file or a URL, into documents; and listing the files of folders."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from overhorizon.errors import EmptySourceError, OversizedSourceError, SourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions
from overhorizon.sources.formats import reader_for
from overhorizon.sources.web import is_url, read_url

_MB = 1024 * 1024


def expand_sources(sources: Iterable[str | Path]) -> list[str]:
    """Each source as given, with folders replaced by their files.

    Folders are walked recursively in sorted order, skipping hidden files and folders (names
    starting with a dot); URLs and missing paths pass through, to fail when they are read.
    """
    expanded: list[str] = []
    for source in sources:
        text = str(source)
        if is_url(text) or not Path(text).is_dir():
            expanded.append(text)
            continue
        for folder, subfolders, files in os.walk(text):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for name in sorted(files):
                path = Path(folder) / name
                if not name.startswith(".") and path.is_file():
                    expanded.append(str(path))
    return expanded


def read_path(path: Path, options: SourceOptions | None = None) -> list[Document]:
    """The documents in one file; its size is checked before a byte of it is read."""
    options = options or SourceOptions()
    source = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            raise OversizedSourceError(
                f"{source}: {size / _MB:.1f} MB is over the {options.max_bytes / _MB:g} MB limit"
            )
        if size == 0:
            raise EmptySourceError(f"{source}: empty file")
        with path.open("rb") as handle:
            data = handle.read(options.max_bytes + 1)
    except FileNotFoundError as exc:
        raise SourceError(f"{source}: no such file or folder") from exc
    except IsADirectoryError as exc:
        raise SourceError(f"{source}: a folder, not a file") from exc
    except OSError as exc:
        raise SourceError(f"{source}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > options.max_bytes:
        raise OversizedSourceError(f"{source}: grew past the {options.max_bytes / _MB:g} MB limit")
    if not data.strip():
        raise EmptySourceError(f"{source}: only white space")
    return reader_for(suffix=path.suffix)(RawSource(data=data, source=source), options)


def read_source(source: str | Path, options: SourceOptions | None = None) -> list[Document]:
    """The documents in a file or at an ``http(s)://`` URL (a feed gives one per entry).

    Raises a SourceError subclass whose message names the source and the reason in one line.
    """
    options = options or SourceOptions()
    text = str(source)
    if is_url(text):
        return read_url(text, options)
    return read_path(Path(text), options)
