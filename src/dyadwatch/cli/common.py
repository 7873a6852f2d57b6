"""What the command-line verbs share: the option groups (--db/--lake, de-duplication, row
format), opening the store (the CLI's one way in: `Store.open`), and printing rows."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import NoReturn

from dyadwatch.isodates import is_iso_day

# the store's modules (DuckDB, Arrow) are imported when a verb needs them, so that
# `extract` and `--help` start fast


def fail(message) -> NoReturn:
    sys.exit(f"dyadwatch: {message}")


def check_day(value: str | None, option: str) -> None:
    if value and not is_iso_day(value):
        fail(f"{option} must be YYYY-MM-DD, got {value!r}")


def open_store(args, read_only: bool = True):
    """The `Store` (--db FILE) or the Parquet lake (--lake DIR) the verb reads."""
    from dyadwatch.storage.store import Store, StoreMissing

    try:
        return Store.open(db=getattr(args, "db", None), lake=getattr(args, "lake", None),
                          read_only=read_only)
    except StoreMissing as exc:
        fail(exc)


def criteria(args):
    from dyadwatch.storage.dedup import DedupCriteria

    return DedupCriteria(args.window_days, args.dedup_actors, args.dedup_code)


def grouped_store(args):
    """The store with its event groups, built with the given criteria if there are none yet
    (or with --regroup); a lake is grouped in memory."""
    from dyadwatch.storage.dedup import deduplicate, has_groups

    store = open_store(args, read_only=True)
    if store.is_lake:
        deduplicate(store.con, criteria(args))
        return store
    if has_groups(store.con) and not args.regroup:
        return store
    store.close()
    store = open_store(args, read_only=False)
    deduplicate(store.con, criteria(args))
    return store


def print_rows(columns, rows, fmt: str) -> None:
    if fmt == "json":
        print(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False,
                         indent=1))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
    else:
        text = [[("" if v is None else str(v)) for v in r] for r in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in text])) for i, c in enumerate(columns)]
        print("  ".join(c.ljust(w) for c, w in zip(columns, widths)))
        for r in text:
            print("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))
        if not rows:
            print("(no rows)")


def model_options() -> argparse.ArgumentParser:
    """--model and --actors, for every verb that runs the pipeline."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--model", help="spaCy pipeline to use (default: the pinned en_core_web_sm)")
    common.add_argument("--actors", action="append", metavar="FILE",
                        help="extra actor dictionary (TSV, see README); may be repeated")
    return common


def store_options() -> argparse.ArgumentParser:
    """--db FILE or --lake DIR: the store a verb reads."""
    dbarg = argparse.ArgumentParser(add_help=False)
    where = dbarg.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", metavar="FILE.duckdb", help="a dyadwatch DuckDB store")
    where.add_argument("--lake", metavar="DIR", help="a Parquet lake from `ingest --engine dask`")
    return dbarg


def dedup_options() -> argparse.ArgumentParser:
    dedup = argparse.ArgumentParser(add_help=False)
    dedup.add_argument("--window-days", type=int, default=3,
                       help="mentions of one event may be this many days apart (default 3)")
    dedup.add_argument("--dedup-actors", choices=("country", "code"), default="country",
                       help="group by actor country (default) or full actor code")
    dedup.add_argument("--dedup-code", choices=("root", "cameo"), default="root",
                       help="group by CAMEO root (default) or full code")
    dedup.add_argument("--regroup", action="store_true",
                       help="rebuild the event groups with these criteria first")
    return dedup


def row_format_options() -> argparse.ArgumentParser:
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return fmt
