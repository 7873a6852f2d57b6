"""Verbs that fill a store: `ingest` (local engine into a DuckDB file, or Dask into a Parquet
lake) and `synth` (synthetic test articles to ingest)."""
from __future__ import annotations

import sys

from dyadwatch.cli.common import (
    FAILED,
    check_published,
    fail,
    input_options,
    non_negative,
    positive,
)


def _ingest_dask(args) -> int:
    from dyadwatch.engines.dask import ingest_dask
    from dyadwatch.storage.store import Store

    if not args.lake:
        fail("--engine dask writes a Parquet lake: give --lake DIR "
             "(and --db FILE as well to load the lake into a store afterwards)")
    if args.scheduler and args.workers:
        print("dyadwatch: --workers is ignored with --scheduler (the cluster has its workers)",
              file=sys.stderr)
    totals = ingest_dask(args.paths, args.lake, args.scheduler, args.workers, args.published,
                         args.model, progress=sys.stderr.isatty() or args.progress,
                         actor_files=tuple(args.actors or ()), special_files=args.special_files,
                         min_confidence=args.min_confidence)
    for line in totals["failures"]:
        print(f"dyadwatch: {line}", file=sys.stderr)
    print(f"dyadwatch: {totals['documents']} documents in {totals['partitions']} partitions "
          f"written to {args.lake} ({totals['failed']} failed, {totals['skipped']} skipped, "
          f"{totals['documents_already_in_lake']} already there)", file=sys.stderr)
    if args.db:
        with Store.create(args.db) as store, Store.open(lake=args.lake) as lake:
            added = store.add_from(lake)
        print(f"dyadwatch: loaded into {args.db}: {added}", file=sys.stderr)
    return FAILED if args.strict and (totals["failed"] or totals["skipped"]) else 0


def cmd_ingest(args) -> int:
    check_published(args.published)
    if args.engine == "dask":
        return _ingest_dask(args)
    if not args.db:
        fail("give --db FILE.duckdb (or --engine dask --lake DIR)")
    from dyadwatch.engines.local import ingest

    report = ingest(args.paths, args.db, workers=args.workers or 1, published=args.published,
                    model=args.model, actor_files=tuple(args.actors or ()),
                    progress=sys.stderr.isatty() or args.progress,
                    min_confidence=args.min_confidence,
                    special_files=args.special_files)
    print(report.summary(args.db), file=sys.stderr)
    return FAILED if (report.failed or report.skipped) and args.strict else 0


def cmd_synth(args) -> int:
    from dyadwatch.io import synth

    docs = synth.corpus(args.articles, args.reports, args.seed)
    synth.write_jsonl(docs, args.out)
    print(f"dyadwatch: {len(docs)} synthetic articles written to {args.out} (test data, "
          f"not evidence of accuracy)", file=sys.stderr)
    return 0


def add_commands(sub, common) -> None:
    """ingest."""
    p = sub.add_parser("ingest", parents=[common, input_options()],
                       help="extract articles into a DuckDB store (or, with --engine dask, a "
                            "Parquet lake)")
    p.add_argument("--db", metavar="FILE.duckdb", help="the store to write (or to load the lake into)")
    p.add_argument("--lake", metavar="DIR", help="with --engine dask: the Parquet lake to write")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (default: a LocalCluster sized to the machine)")
    p.add_argument("--workers", type=positive, help="worker processes, each loads the model "
                   "(default 1; with --engine dask, a LocalCluster of this many, default one per core)")
    p.add_argument("--progress", action="store_true", help="progress bar even when not a terminal")
    p.set_defaults(func=cmd_ingest)


def add_synth_command(sub) -> None:
    p = sub.add_parser("synth", help="write synthetic test articles (JSON Lines)")
    p.add_argument("--articles", type=non_negative, default=1000)
    p.add_argument("--reports", type=int, default=4, help="articles per event")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_synth)
