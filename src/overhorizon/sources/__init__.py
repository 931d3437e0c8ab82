"""Sources: reading files, folders, feeds and URLs into documents, and ingesting them.

read_source(path_or_url)        -> list[Document]   one source (a feed gives one per entry)
expand_sources(paths_and_urls)  -> list[str]        folders replaced by their files
ingest(sources, store, extractor) -> IngestReport   the batch runner behind ``overhorizon ingest``
"""

from overhorizon.sources.base import DEFAULT_MAX_BYTES, RawSource, SourceOptions
from overhorizon.sources.ingest import IngestReport, ingest
from overhorizon.sources.read import expand_sources, read_path, read_source

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestReport",
    "RawSource",
    "SourceOptions",
    "expand_sources",
    "ingest",
    "read_path",
    "read_source",
]
