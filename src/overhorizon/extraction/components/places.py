"""Places named in the text and in the dateline, resolved to coordinates and a country.

A city name shared by several countries goes to the dateline's country first, then to the
countries the document names most (not counting adjectival uses: "U.S. officials"), then to
the most populous; a world city wins over a small namesake in a country the text merely
names. Names the recogniser missed are read after "city of", "province of" and the like, and
the provinces and districts of the region table are found by name.
"""

from __future__ import annotations

import re
from collections import Counter

from overhorizon.extraction.geo import GeoIndex, geo_index
from overhorizon.extraction.timex import MONTHS, WEEKDAYS
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


_HYPHENATED = re.compile(r"(?:-[\w'’]+)+")
"""The rest of a hyphenated name the recogniser cut short ("Mazar" of "Mazar-i-Sharif")."""
_AT_TOWN = re.compile(r"\b(?:in|at|near|outside)\s+((?-i:[A-Z][a-z][\w'’-]*))\b(?![ \t]+[A-Z])")
"""One capitalised word after a preposition, not followed by another ("in Quetta", not "in
Quetta Cantonment Board")."""
_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_OF_PLACE = re.compile(
    r"\b(?:city|town|village|province|district|capital|region|governorate|county|"
    r"outskirts|suburb)\s+of\s+((?-i:[A-Z][\w'’-]+)(?:[ \t]+(?-i:[A-Z][\w'’-]+)){0,2})",
    re.IGNORECASE,
)


_PLACE_OF_KIND = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:the\s+)?((?-i:[A-Z][\w'’-]+)(?:[ \t]+(?-i:[A-Z][\w'’-]+)){1,2})"
    r"[ \t]+(?:district|province|city|town|village|county|area)\b"
)
"""A town of several words before what it is ("in Dera Ismail Khan district"), which the
recogniser may read as a person."""


class PlacesComponent:
    """Resolves GPE and LOC entities and the dateline's place with an offline gazetteer."""

    name = "overhorizon.places.v1"
    requires: tuple[str, ...] = ("entities", "dateline", "mentions")
    assigns: tuple[str, ...] = ("places",)

    def __init__(self, index: GeoIndex | None = None) -> None:
        self.index = index if index is not None else geo_index()

    def __call__(self, work: Work) -> None:
        dateline = work.dateline
        text = work.document.text
        prefer: list[str] = []
        if dateline is not None and dateline.region:
            code = self.index.country_code(dateline.region)
            if code:
                prefer.append(code)
        firm = len(prefer)
        named = Counter(
            code
            for e in work.entities
            if e.label == "GPE"
            and (code := self.index.country_code(e.text)) is not None
            and not _ADJECTIVAL.match(text, e.end)
        )
        prefer.extend(code for code, _ in named.most_common() if code not in prefer)
        if dateline is not None and dateline.place:
            place = self.index.resolve(dateline.place, prefer, firm)
            if place is not None:
                if place.country and firm == 0:
                    prefer = [place.country, *(c for c in prefer if c != place.country)]
                    firm = 1
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
            name = _DIRECTION.sub("", entity.text.strip())
            if name.lower().endswith(("'s", "’s")):
                name = name[:-2]
            start = entity.start + entity.text.find(name)
            place = None
            hyphenated = _HYPHENATED.match(text, entity.end)
            if hyphenated is not None and entity.text.endswith(name):
                place = self.index.resolve(name + hyphenated.group(), prefer, firm)
                if place is not None:
                    name += hyphenated.group()
            if place is None:
                place = self.index.resolve(name, prefer, firm)
            if place is None:
                continue
            following = text[start + len(name) : start + len(name) + 40]
            if _VENUE.match(following) or (
                place.kind == "country" and _ADJECTIVAL.match(following)
            ):
                continue
            work.places.append(PlaceMention(place, name, start, start + len(name), entity.sentence))
        self._unlabelled(work, prefer, firm, actors, skip_until)
        work.places.sort(key=lambda p: p.start)

    def _unlabelled(
        self,
        work: Work,
        prefer: list[str],
        firm: int,
        actors: list[tuple[int, int]],
        skip_until: int,
    ) -> None:
        """Places the recogniser missed or mislabelled: "the city of Shiraz" (read as a
        person), provinces and districts of the region table ("the Bajaur district"), and a
        town's name after "in", "at" or "near" ("in Quetta on Saturday")."""
        text = work.document.text
        taken = [*actors, *((p.start, p.end) for p in work.places)]
        found = [(m.start(1), m.end(1)) for m in _OF_PLACE.finditer(text)]
        found.extend(
            (m.start(1), m.end(1))
            for m in _PLACE_OF_KIND.finditer(text)
            if self.index.is_town(m[1], prefer)
        )
        found.extend(m.span() for m in self.index.region_pattern.finditer(text))
        found.extend(
            (m.start(1), m.end(1))
            for m in _AT_TOWN.finditer(text)
            if m[1].lower() not in _CALENDAR_WORDS and self.index.is_town(m[1], prefer)
        )
        for start, end in sorted(found):
            if start < skip_until or any(start < e and s < end for s, e in taken):
                continue
            place = self.index.resolve(text[start:end], prefer, firm)
            if place is None:
                continue
            taken.append((start, end))
            work.places.append(
                PlaceMention(place, text[start:end], start, end, work.sentence_at(start))
            )
