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


USAGE_ERROR = 2  # a wrong option or argument (argparse's own code)
FAILED = 1  # the work could not be done (a store in use, damaged, a disk full), or --strict


def fail(message, code: int = USAGE_ERROR) -> NoReturn:
    """`dyadwatch: <what> (<which file>): <what to do>` on stderr, and exit."""
    print(f"dyadwatch: {message}", file=sys.stderr)
    sys.exit(code)


def check_day(value: str | None, option: str) -> None:
    if value and not is_iso_day(value):
        fail(f"{option} must be a calendar day written YYYY-MM-DD, got {value!r}")


def check_published(value: str | None) -> None:
    """--published: a real day, in the years a publication date can have."""
    from dyadwatch.isodates import published_problem

    check_day(value, "--published")
    if value and (problem := published_problem(value)):
        fail(f"--published {problem}")


def non_negative(value: str) -> int:
    """argparse type: an integer >= 0."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number of 0 or more, got {value!r}")
    return n


def positive(value: str) -> int:
    """argparse type: an integer >= 1."""
    n = non_negative(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value!r}")
    return n


def open_store(args, read_only: bool = True):
    """The `Store` (--db FILE) or the Parquet lake (--lake DIR) the verb reads."""
    from dyadwatch.storage.store import Store, StoreMissing

    try:
        return Store.open(db=getattr(args, "db", None), lake=getattr(args, "lake", None),
                          read_only=read_only)
    except StoreMissing as exc:
        fail(exc, FAILED)


def criteria(args):
    from dyadwatch.storage.dedup import DedupCriteria

    return DedupCriteria(args.window_days, args.dedup_actors, args.dedup_code)


def grouped_store(args):
    """The store with event groups built in memory with the given criteria from the events
    it holds now; the store itself is opened read-only and never written (a read-only user,
    or `serve` running, is no obstacle)."""
    from dyadwatch.storage.dedup import deduplicate
    from dyadwatch.storage.store import Store, StoreMissing

    if getattr(args, "lake", None):
        store = open_store(args)
    else:
        try:
            store = Store.open_snapshot(args.db)
        except StoreMissing as exc:
            fail(exc, FAILED)
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
    common.add_argument("--min-confidence", type=probability, metavar="P",
                        help="keep events the event model gives at least this probability "
                             "(0 to 1; default: the model's own threshold, chosen for precision)")
    return common


def input_options() -> argparse.ArgumentParser:
    """The articles to read, for `extract` and `ingest`: paths, --published, --strict,
    --special-files."""
    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument("paths", nargs="+", metavar="PATH",
                        help="text, HTML, JSON Lines or CSV files, folders, or - for stdin")
    inputs.add_argument("--published", metavar="YYYY-MM-DD",
                        help="publication date for documents that do not carry one")
    inputs.add_argument("--strict", action="store_true",
                        help="exit with status 1 if any document failed or was skipped")
    inputs.add_argument("--special-files", action="store_true",
                        help="also read FIFOs and devices (up to the size limit); refused by default")
    return inputs


def probability(value: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        p = float(value)
    except ValueError:
        p = -1.0
    if not 0.0 <= p <= 1.0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a probability: give a number from 0 to 1")
    return p


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
                       help="rebuild the event groups with these criteria first (read-only "
                            "verbs always group the current events in memory)")
    return dedup


def row_format_options() -> argparse.ArgumentParser:
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "csv", "json"), default="table")
    return fmt
