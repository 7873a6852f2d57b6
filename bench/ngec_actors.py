#!/usr/bin/env python3
"""NGEC's actor-resolution checks: share of country assertions dyadwatch passes.

    python bench/ngec_actors.py [--show-failures]

Reads ../shared/data/anchors/_derived/ngec_actor_resolution_gold.tsv (assertions taken from
NGEC's tests). Each `agent_to_code` assertion on `country` resolves the input text on the
given date ("today" = the run date) with the optional context, and compares the country
(IGOs count as "IGO"). Assertions NGEC itself skips or marks xfail are reported apart.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import dateparser
from _report import report

GOLD = Path(__file__).resolve().parents[2] / "shared/data/anchors/_derived/ngec_actor_resolution_gold.tsv"


def to_date(value: str) -> str | None:
    if not value:
        return None
    if value.lower() == "today":
        return dt.date.today().isoformat()
    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None


def ngec_country(actor) -> str | None:
    """NGEC writes UN bodies as country UNO, EU bodies as EUR and other IGOs as IGO; we give
    IGOs no country (DESIGN.md) and a code such as IGOUNO, so the code is translated."""
    if actor is None:
        return None
    code = actor.code or ""
    if code.startswith("IGOUNO"):
        return "UNO"
    if code.startswith("IGOEUR"):
        return "EUR"
    if code.startswith("IGO"):
        return "IGO"
    return actor.country


def main(argv: list[str]) -> dict:
    from dyadwatch.pipeline import Pipeline

    pipeline = Pipeline()
    rows = [r for r in csv.DictReader(open(GOLD, encoding="utf-8"), delimiter="\t")
            if r["method"] == "agent_to_code" and r["field"] == "country" and r["op"] == "Eq"]
    tally = {"in_scope": 0, "passed": 0, "out_of_scope": 0, "out_of_scope_passed": 0}
    failures = []
    for r in rows:
        kwargs = json.loads(r["kwargs"]) if r["kwargs"] else {}
        date = to_date(r["arg3"] or kwargs.get("query_date", ""))
        context = r["arg2"] or kwargs.get("known_country") or None
        actor = pipeline.resolve_phrase(r["input_text"], date, context)
        got = ngec_country(actor)
        ok = (got or "") == r["expected"]
        scope = "in_scope" if r["status"] == "ok" else "out_of_scope"
        tally[scope] += 1
        tally[scope.replace("scope", "scope_passed") if scope == "out_of_scope" else "passed"] += ok
        if not ok and scope == "in_scope":
            failures.append(f"{r['test']}: {r['input_text']!r} ({date}) -> {got} "
                            f"[{actor.code if actor else None}], expected {r['expected']!r}")
    return report(tally, {"share_passed": ("passed", "in_scope")}, failures, argv,
                  "--show-failures")


if __name__ == "__main__":
    main(sys.argv[1:])
