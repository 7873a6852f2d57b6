"""Where the selected events happened, for a map: one row per place, with its events by
QuadClass. De-duplicated events are placed where their most confident mention is; raw
mentions each where it is. Places are GeoNames points (a city, a region's centroid, a
country's capital), so events at the same point are counted together."""
from __future__ import annotations

from dyadwatch.storage.dedup import group_where
from dyadwatch.storage.queries import EventFilter

# the place fields of a located event: (column of a mention `e`, name in the answer)
_PLACE = (("location_name", "name"), ("location_full_name", "full_name"),
          ("location_country", "country"), ("location_granularity", "granularity"),
          ("latitude", "latitude"), ("longitude", "longitude"))


def event_places(con, which: EventFilter = EventFilter(), mentions: bool = False,
                 limit: int = 500) -> dict:
    """`places`: the `limit` places with most events, each with `events`, `by_quad`
    ({QuadClass: events}) and its dominant `quad_class`; `located` and `unlocated` count the
    selected events with and without coordinates."""
    if mentions:
        where, params = which.where()
        source = "events e JOIN documents d USING (doc_key)"
        quad = "e.quad_class"
    else:
        where, params = group_where(which)
        source = "event_groups g JOIN events e ON e.event_id = g.best_mention"
        quad = "g.quad_class"
    fields = ", ".join(f"e.{col} AS {name}" for col, name in _PLACE)
    rows = con.execute(f"""
        SELECT {fields}, {quad} AS quad_class, count(*) AS n
        FROM {source} WHERE {where} AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL
        GROUP BY ALL""", params).fetchall()
    unlocated = con.execute(f"SELECT count(*) FROM {source} WHERE {where} AND "
                            f"(e.latitude IS NULL OR e.longitude IS NULL)", params).fetchone()[0]
    places: dict[tuple, dict] = {}
    for *values, quad_class, n in rows:
        place = dict(zip([name for _, name in _PLACE], values))
        key = (place["name"], place["country"], place["latitude"], place["longitude"])
        entry = places.setdefault(key, {**place, "events": 0, "by_quad": {}})
        entry["events"] += n
        entry["by_quad"][str(quad_class)] = entry["by_quad"].get(str(quad_class), 0) + n
    out = sorted(places.values(), key=lambda p: (-p["events"], p["name"] or ""))
    for p in out:
        p["quad_class"] = int(max(p["by_quad"].items(), key=lambda kv: (kv[1], -int(kv[0])))[0])
    return {"places": out[:limit], "located": sum(p["events"] for p in out),
            "unlocated": unlocated}
