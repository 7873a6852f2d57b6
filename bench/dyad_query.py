#!/usr/bin/env python3
"""A dyad time series over N stored events: dyadwatch's DuckDB query against a pandas groupby,
both reading the same Parquet file, in one run.

    python bench/dyad_query.py [--events 1000000]

The events are generated in DuckDB (30 countries, three years, CAMEO roots with their
QuadClass and Goldstein values), written once to Parquet. Each side then computes, for
USA-RUS by month: counts per QuadClass, Goldstein sum and mean, and the share of all events
that month. The results are compared, and the times (best of 3) and their ratio printed.
"""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import duckdb
import pandas as pd

from dyadwatch.storage.queries import relations

COUNTRIES = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "JPN", "IND", "PAK", "IRN", "ISR", "TUR",
             "UKR", "POL", "BRA", "MEX", "CAN", "AUS", "KOR", "PRK", "EGY", "SAU", "NGA", "ZAF",
             "ITA", "ESP", "VEN", "ARM", "AZE", "BLR"]


def make(path: Path, n: int) -> None:
    con = duckdb.connect()
    con.execute(f"""
        COPY (
          WITH c AS (SELECT list_value({', '.join(repr(c) for c in COUNTRIES)}) AS cs)
          SELECT 'g' || i AS group_id,
                 cs[1 + (hash(i) % 30)::INT] AS source,
                 cs[1 + (hash(i * 7 + 1) % 30)::INT] AS target,
                 (DATE '2021-01-01' + (hash(i * 13) % 1095)::INT) AS first_day,
                 (1 + hash(i * 17) % 4)::TINYINT AS quad_class,
                 round(((hash(i * 19) % 200)::DOUBLE / 10) - 10, 1) AS goldstein
          FROM range({n}) t(i), c
          WHERE i >= 0
        ) TO '{path}' (FORMAT parquet)""")


def ours(path: Path):
    con = duckdb.connect()
    con.execute(f"CREATE VIEW event_groups AS SELECT * FROM read_parquet('{path}')")
    cols, rows = relations(con, "USA", "RUS", "month")
    return [dict(zip(cols, r)) for r in rows]


def with_pandas(path: Path):
    df = pd.read_parquet(path, columns=["source", "target", "first_day", "quad_class", "goldstein"])
    df["period"] = pd.to_datetime(df["first_day"]).dt.to_period("M").dt.to_timestamp()
    total = df.groupby("period").size().rename("n_all")
    dyad = df[((df.source == "USA") & (df.target == "RUS")) | ((df.source == "RUS") & (df.target == "USA"))]
    g = dyad.groupby("period")
    out = pd.DataFrame({
        "events": g.size(),
        **{name: g["quad_class"].apply(lambda s, q=q: int((s == q).sum()))
           for q, name in enumerate(["verbal_coop", "material_coop", "verbal_conflict",
                                      "material_conflict"], 1)},
        "goldstein_sum": g["goldstein"].sum().round(2),
        "goldstein_mean": g["goldstein"].mean().round(3),
    }).join(total)
    out["share_of_all_events"] = (out["events"] / out["n_all"]).round(4)
    return out.reset_index()


def best_of(fn, *args, repeat=3):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    path = Path(tempfile.mkdtemp()) / "events.parquet"
    make(path, args.events)
    t_ours, a = best_of(ours, path)
    t_pandas, b = best_of(with_pandas, path)
    same = len(a) == len(b) and all(
        x["events"] == y.events and x["material_conflict"] == y.material_conflict
        and abs(x["share_of_all_events"] - y.share_of_all_events) < 1e-4
        for x, y in zip(a, b.itertuples()))
    print(json.dumps({"events": args.events, "periods": len(a), "same_numbers": bool(same),
                      "duckdb_s": round(t_ours, 3), "pandas_s": round(t_pandas, 3),
                      "pandas_over_duckdb": round(t_pandas / t_ours, 1)}))


if __name__ == "__main__":
    main()
