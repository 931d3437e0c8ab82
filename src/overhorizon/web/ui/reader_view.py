"""The document reader: the text cut at every span boundary, each piece knowing which
statements were read from it, so sentences can be highlighted and linked to their statements.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from overhorizon.web.models import StatementOut


@dataclass
class Segment:
    start: int
    text: str
    statements: list[str] = field(default_factory=list)
    """Ids of the statements whose span covers this piece."""

    @property
    def anchor(self) -> str:
        return f"span-{self.start}"


def segments(text: str, statements: list[StatementOut]) -> list[Segment]:
    spans = [(s.span[0], s.span[1], s.id) for s in statements if s.span is not None]
    cuts = {0, len(text)}
    for start, end, _sid in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    edges = sorted(cuts)
    found = []
    for left, right in itertools.pairwise(edges):
        if left == right:
            continue
        covering = [sid for start, end, sid in spans if start <= left and right <= end]
        found.append(Segment(left, text[left:right], covering))
    return found
