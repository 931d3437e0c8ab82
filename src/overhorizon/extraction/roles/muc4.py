"""MUC-4 role-filler files: the ree JSONL format in, the scorer's prediction format out.

A ree line is ``{"docid", "doctext", "extracts": {role: [[[mention, offset], ...], ...]}}``:
per role, a list of entities, each the list of its coreferent mentions with the character
offset of one occurrence. Predictions are ``{docid: {role: [[mention, ...], ...]}}``.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from overhorizon.errors import DamagedSourceError, EmptySourceError
from overhorizon.extraction.roles.labels import ROLES

Mention = tuple[str, int]
Entity = list[Mention]
Predictions = dict[str, dict[str, list[list[str]]]]

_PUNCTUATION = str.maketrans("", "", string.punctuation)
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")


@dataclass(frozen=True)
class MucDocument:
    docid: str
    text: str
    extracts: dict[str, list[Entity]] = field(default_factory=dict)
    """Gold entities per role (every role once read from a file); empty lists when unknown."""


def normalize(mention: str) -> str:
    """A mention as the scorer compares it: lower case, no punctuation nor articles."""
    text = mention.lower().translate(_PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def read_documents(path: Path) -> list[MucDocument]:
    """Every document of a ree JSONL file; a malformed line names its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EmptySourceError(f"{path}: cannot be read ({exc.strerror})") from exc
    return list(parse_lines(lines, str(path)))


def parse_lines(lines: Iterable[str], origin: str = "input") -> Iterator[MucDocument]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            docid, text = raw["docid"], raw["doctext"]
            found = raw.get("extracts", {})
            extracts = {
                role: [[(str(m[0]), int(m[1])) for m in entity] for entity in found.get(role, [])]
                for role in ROLES
            }
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            raise DamagedSourceError(
                f"{origin}, line {number}: not a MUC-4 ree document ({exc})"
            ) from exc
        if not isinstance(docid, str) or not isinstance(text, str):
            raise DamagedSourceError(f"{origin}, line {number}: docid and doctext must be text")
        yield MucDocument(docid, text, extracts)


def write_documents(path: Path, documents: Sequence[MucDocument]) -> None:
    """Documents in the ree format, one a line (the inverse of read_documents)."""
    with path.open("w", encoding="utf-8") as out:
        for doc in documents:
            extracts = {
                role: [[[m, o] for m, o in entity] for entity in doc.extracts.get(role, [])]
                for role in ROLES
            }
            line = {"docid": doc.docid, "doctext": doc.text, "extracts": extracts}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


def gold_predictions(documents: Iterable[MucDocument]) -> Predictions:
    """The gold entities in the prediction format (every mention of each entity)."""
    return {
        doc.docid: {
            role: [[m for m, _ in entity] for entity in doc.extracts.get(role, [])]
            for role in ROLES
        }
        for doc in documents
    }


def write_predictions(path: Path, predictions: Mapping[str, Mapping[str, list[list[str]]]]) -> None:
    path.write_text(json.dumps(predictions, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_predictions(path: Path) -> Predictions:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DamagedSourceError(f"{path}: not a predictions file ({exc})") from exc
    if not isinstance(loaded, dict):
        raise DamagedSourceError(f"{path}: predictions must be an object keyed by docid")
    return {
        str(docid): {str(role): [[str(m) for m in e] for e in ents] for role, ents in roles.items()}
        for docid, roles in loaded.items()
    }
