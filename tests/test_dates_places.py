"""Event dates and places on the hand-made test sets in tests/data (accuracy printed)."""
from pathlib import Path

from dyadwatch.kb.resources import read_tsv

DATA = Path(__file__).parent / "data"


def test_temporal_expressions(code):
    rows = read_tsv(DATA / "temporal_expressions.tsv")
    assert len(rows) >= 80
    right, misses = 0, []
    for r in rows:
        result = code(r["sentence"], r["published"])
        dated = [(e.date, e.date_granularity) for e in result.events]
        if (r["date"], r["granularity"]) in dated:
            right += 1
        else:
            misses.append(f"{r['published']} {r['expression']!r}: got {dated}, want {r['date']}")
    print(f"temporal expressions: {right}/{len(rows)} = {right / len(rows):.3f}")
    print("\n".join(misses))
    assert right / len(rows) >= 0.9, misses


def test_place_mentions(code):
    rows = read_tsv(DATA / "place_mentions.tsv")
    assert len(rows) >= 80
    right, misses = 0, []
    for r in rows:
        result = code(r["sentence"])
        found = [p for p in result.places if p["text"] == r["place"]]
        if found and (found[0]["country"], found[0]["name"]) == (r["country"], r["name"]):
            right += 1
        else:
            misses.append(f"{r['sentence']}: got {[(p['name'], p['country']) for p in found]}")
    print(f"place mentions: {right}/{len(rows)} = {right / len(rows):.3f}")
    print("\n".join(misses))
    assert right / len(rows) >= 0.9, misses


def test_event_location_is_geocoded(code):
    result = code("Biden met Putin in Geneva on Wednesday.")
    [meeting] = [e for e in result.events if e.root == "04"]
    assert meeting.location["name"] == "Geneva" and meeting.location["country"] == "CHE"
    assert meeting.location["geonames_id"] == 2660646
    assert meeting.date == "2021-06-09"
