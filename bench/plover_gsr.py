#!/usr/bin/env python3
"""Events on the PLOVER gold-standard records: 322 sentences from the CAMEO manual's examples,
each with its event type, source and target as coded by hand (OEDA, CC BY-SA 4.0).

    python bench/plover_gsr.py [--show-misses]

A held-out check of the coder on sentences it was not written for. Each record codes one
event; a record is found when dyadwatch extracts an event with the record's source and
target countries (IGOs: an IGO code on both sides) and, for "type", the record's PLOVER
type. The 2016 type names of the file are mapped to current PLOVER (DEMAND -> REQUEST,
DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT), and its three older CAMEO country
codes to ISO (JAP, ITL, VTN -> JPN, ITA, VNM), as dyadwatch writes them. Other events in
the same sentence are not in the gold, so precision is not measured here; events per
sentence is printed.
Articles are dated by the records' own date field (2000-01-01 throughout).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from _report import report

GSR = (Path(__file__).resolve().parents[2]
       / "shared/data/anchors/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt")
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# the file's few country codes that are not ISO 3166 alpha-3 (older CAMEO spellings)
ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def side(actor: dict) -> str:
    code = (actor.get("code") or "").upper()
    return "IGO" if code.startswith("IGO") else ISO.get(code[:3], code[:3])


def ours(actor) -> str | None:
    if actor is None:
        return None
    return "IGO" if (actor.code or "").startswith("IGO") else actor.country


def gold_pairs(rec: dict) -> set[tuple[str, str]]:
    sources = [side(a) for a in rec.get("source") or []]
    targets = [side(a) for a in rec["target"]] if isinstance(rec.get("target"), list) else []
    if targets:
        return {(s, t) for s in sources for t in targets if s and t}
    return {(s, t) for s in sources for t in sources if s and t and s != t}  # SRC/TAR: mutual


def main(argv: list[str]) -> dict:
    from dyadwatch import extract_batch
    from dyadwatch.records import InputDocument

    records = [r for r in json.load(open(GSR, encoding="utf-8"))[1:] if gold_pairs(r)]
    results = extract_batch([InputDocument(r["id"], r["text"], published=r.get("date"))
                             for r in records])
    tally = {"records": len(records), "dyad_found": 0, "dyad_and_type_found": 0, "events": 0}
    misses = []
    for rec, res in zip(records, results):
        events = getattr(res, "events", [])
        tally["events"] += len(events)
        pairs = gold_pairs(rec)
        want = RENAMED.get(rec["event"], rec["event"])
        dyads = [(ours(e.source), ours(e.target), e.plover["type"]) for e in events]
        hit = [d for d in dyads if (d[0], d[1]) in pairs]
        tally["dyad_found"] += bool(hit)
        tally["dyad_and_type_found"] += any(d[2] == want for d in hit)
        if not any(d[2] == want for d in hit):
            misses.append(f"{rec['id']} {want} {sorted(pairs)} got {dyads}\n    {rec['text'][:200]}")
    return report(tally, {"dyad_recall": ("dyad_found", "records"),
                          "dyad_and_type_recall": ("dyad_and_type_found", "records"),
                          "events_per_sentence": ("events", "records")}, misses, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
