"""Markdown with optional YAML front matter, the format of hand-written and sample reports.

The body is kept as written: the corpus uses little markup, and statements point at character
offsets of the text as the analyst sees it in the file.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from overhorizon.errors import DamagedSourceError
from overhorizon.model.document import Document
from overhorizon.sources.base import RawSource, SourceOptions, finish
from overhorizon.sources.metadata import normalise_reliability, normalise_tlp, to_date
from overhorizon.sources.text import decode_text

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.S | re.M)
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")


def split_front_matter(text: str, source: str) -> tuple[dict[str, Any], str]:
    """The front matter as a mapping (empty when there is none) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        meta = yaml.safe_load(match[1])
    except yaml.YAMLError as exc:
        reason = " ".join(str(exc).split())
        raise DamagedSourceError(f"{source}: front matter is not valid YAML ({reason})") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise DamagedSourceError(f"{source}: front matter is not a mapping of fields")
    return {str(key).lower(): value for key, value in meta.items()}, text[match.end() :]


def _text_field(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is not None and str(value).strip():
            return str(value)
    return None


def _marking(meta: dict[str, Any], key: str, source: str) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    clean = normalise_reliability(value) if key == "reliability" else normalise_tlp(value)
    if clean is None:
        expected = "an Admiralty grade A-F" if key == "reliability" else "a TLP 2.0 label"
        raise DamagedSourceError(f"{source}: front matter {key} {value!r} is not {expected}")
    return clean


def read_markdown(raw: RawSource, options: SourceOptions) -> list[Document]:
    """A ``.md`` file; a leading ``# heading`` becomes the title when the front matter has none."""
    meta, body = split_front_matter(decode_text(raw), raw.source)
    title = _text_field(meta, "title")
    if title is None:
        heading = _HEADING.match(body)
        if heading is not None:
            title, body = heading[1], body[heading.end() :]
    published = meta.get("published", meta.get("date"))
    return [
        finish(
            raw,
            options,
            text=body,
            media_type="text/markdown",
            title=title,
            publisher=_text_field(meta, "publisher"),
            url=_text_field(meta, "url"),
            published=to_date(published),
            language=_text_field(meta, "language", "lang"),
            reliability=_marking(meta, "reliability", raw.source),
            tlp=_marking(meta, "tlp", raw.source),
        )
    ]
