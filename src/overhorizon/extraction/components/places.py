"""Places named in the text and in the dateline, resolved to coordinates and a country.

A city name shared by several countries goes to the dateline's country first, then to the
countries the document names most, then to the most populous.
"""

from __future__ import annotations

import re
from collections import Counter

from overhorizon.extraction.geo import GeoIndex, geo_index
from overhorizon.extraction.work import PlaceMention, Work

_DIRECTION = re.compile(
    r"^(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?|central|(?:north|south)-?(?:east|west)(?:ern)?)"
    r"\s+",
    re.IGNORECASE,
)
_LABELS = frozenset({"GPE", "LOC"})
_ADJECTIVAL = re.compile(
    r"^\s+(?!(?:on|in|at|and|or|to|for|with|from|since|after|before|where|which|that|when|as|"
    r"by|said|says|has|have|had|is|was|were|are|but|while|over|into|near|under|across|"
    r"itself|alone|last|this|earlier|later)\b)[a-zA-Z]"
)
"""A country name followed by a noun is an adjective ("U.S. troops"), not a location."""
_VENUE = re.compile(
    r"^\s+(?:\w+\s+)?(?:wedding\s+)?(?:hall|hotel|mosque|school|bank|hospital|restaurant|"
    r"market|centre|center|stadium|club|compound|building|university)\b"
)
"""A place name followed by a venue noun names the venue ("the Dubai City wedding hall")."""


class PlacesComponent:
    """Resolves GPE and LOC entities and the dateline's place with an offline gazetteer."""

    name = "overhorizon.places.v1"
    requires: tuple[str, ...] = ("entities", "dateline", "mentions")
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, index: GeoIndex | None = None) -> None:
        self.index = index if index is not None else geo_index()

    def __call__(self, work: Work) -> None:
        dateline = work.dateline
        prefer: list[str] = []
        if dateline is not None and dateline.region:
            code = self.index.country_code(dateline.region)
            if code:
                prefer.append(code)
        named = Counter(
            code
            for e in work.entities
            if e.label == "GPE" and (code := self.index.country_code(e.text)) is not None
        )
        prefer.extend(code for code, _ in named.most_common() if code not in prefer)
        if dateline is not None and dateline.place:
            place = self.index.resolve(dateline.place, prefer)
            if place is not None:
                if not prefer and place.country:
                    prefer.append(place.country)
                work.places.append(
                    PlaceMention(
                        place,
                        dateline.place,
                        dateline.start,
                        dateline.start + len(dateline.place),
                        work.sentence_at(dateline.start),
                        from_dateline=True,
                    )
                )
        actors = [(m.start, m.end) for m in work.mentions]
        skip_until = dateline.end if dateline is not None else 0
        for entity in work.entities:
            if entity.label not in _LABELS or entity.end <= skip_until:
                continue
            if any(entity.start < end and start < entity.end for start, end in actors):
                continue
            text = _DIRECTION.sub("", entity.text.strip())
            if text.lower().endswith(("'s", "’s")):
                text = text[:-2]
            place = self.index.resolve(text, prefer)
            if place is None:
                continue
            start = entity.start + entity.text.find(text)
            following = work.document.text[start + len(text) : start + len(text) + 40]
            if _VENUE.match(following) or (
                place.kind == "country" and _ADJECTIVAL.match(following)
            ):
                continue
            work.places.append(PlaceMention(place, text, start, start + len(text), entity.sentence))
        work.places.sort(key=lambda p: p.start)
