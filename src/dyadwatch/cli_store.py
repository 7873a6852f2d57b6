"""Command-line verbs over the DuckDB store: ingest, dedup, relations, events, export, plot,
failures, serve, synth."""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys


def _open(args, read_only: bool = True):
    """The store (--db FILE) or a Parquet lake (--lake DIR) as a DuckDB connection."""
    from . import store

    if getattr(args, "lake", None):
        from .lake import lake_connect

        try:
            return lake_connect(args.lake)
        except FileNotFoundError as exc:
            sys.exit(f"dyadwatch: {exc}")
    if not os.path.exists(args.db):
        sys.exit(f"dyadwatch: no database at {args.db}. Create it with "
                 f"`dyadwatch ingest PATH --db {args.db}`.")
    return store.connect(args.db, read_only=read_only)


def _print_rows(columns, rows, fmt: str) -> None:
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


def cmd_ingest(args) -> int:
    if args.engine == "dask":
        from .lake import ingest_dask, load_lake

        if not args.lake:
            sys.exit("dyadwatch: --engine dask writes a Parquet lake: give --lake DIR "
                     "(and --db FILE as well to load the lake into a store afterwards)")
        totals = ingest_dask(args.paths, args.lake, args.scheduler, args.workers if
                             args.workers > 1 else None, args.published, args.model,
                             progress=sys.stderr.isatty() or args.progress)
        print(f"dyadwatch: {totals['documents']} documents in {totals['partitions']} partitions "
              f"written to {args.lake} ({totals['already_in_lake']} partitions already there)",
              file=sys.stderr)
        if args.db:
            added = load_lake(args.lake, args.db)
            print(f"dyadwatch: loaded into {args.db}: {added}", file=sys.stderr)
        return 0
    if not args.db:
        sys.exit("dyadwatch: give --db FILE.duckdb (or --engine dask --lake DIR)")
    from .ingestion import ingest

    report = ingest(args.paths, args.db, workers=args.workers, published=args.published,
                    model=args.model, actor_files=tuple(args.actors or ()),
                    progress=sys.stderr.isatty() or args.progress)
    print(report.summary(args.db), file=sys.stderr)
    return 1 if report.failed and args.strict else 0


def _criteria(args):
    from .aggregate import DedupCriteria

    return DedupCriteria(args.window_days, args.dedup_actors, args.dedup_code)


def cmd_dedup(args) -> int:
    from .aggregate import deduplicate

    con = _open(args, read_only=False)
    n = deduplicate(con, _criteria(args))
    mentions = con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    print(f"dyadwatch: {mentions} mentions grouped into {n} events ({_criteria(args).describe()})",
          file=sys.stderr)
    return 0


def _groups_ready(args):
    """Relations and exports read event_groups; build them with the given criteria if needed."""
    from .aggregate import deduplicate, has_groups

    con = _open(args, read_only=True)
    if getattr(args, "lake", None):  # an in-memory view of the lake: group there
        deduplicate(con, _criteria(args))
        return con
    if has_groups(con) and not args.regroup:
        return con
    con.close()
    con = _open(args, read_only=False)
    deduplicate(con, _criteria(args))
    return con


def cmd_relations(args) -> int:
    from .aggregate import relations

    con = _open(args) if args.mentions else _groups_ready(args)
    columns, rows = relations(con, args.a, args.b, args.by, args.directed, args.mentions)
    _print_rows(columns, rows, args.format)
    return 0


def cmd_events(args) -> int:
    from .aggregate import list_events

    con = _open(args)
    columns, rows = list_events(con, args.source, args.target, args.root, args.since, args.until,
                                args.limit)
    _print_rows(columns, rows, args.format)
    return 0


def cmd_export(args) -> int:
    from . import exports

    con = _groups_ready(args) if args.what == "groups" or args.format == "gdelt" else _open(args)
    if args.format == "gdelt":
        n = exports.export_gdelt(con, args.out)
    elif args.format == "plover":
        n = exports.export_plover(con, args.out)
    else:
        n = exports.export_table(con, args.what, args.format, args.out)
    print(f"dyadwatch: {n} rows written to {args.out}", file=sys.stderr)
    return 0


def cmd_plot(args) -> int:
    from .aggregate import relations
    from .plot import dyad_chart

    con = _groups_ready(args)
    columns, rows = relations(con, args.a, args.b, args.by, args.directed)
    if not rows:
        sys.exit(f"dyadwatch: no events between {args.a} and {args.b} in {args.db}")
    arrow = "->" if args.directed else "<->"
    dyad_chart(columns, rows, f"{args.a} {arrow} {args.b}, events per {args.by}", args.out)
    print(f"dyadwatch: chart written to {args.out}", file=sys.stderr)
    return 0


def cmd_failures(args) -> int:
    con = _open(args)
    cur = con.execute("SELECT status, doc_id, origin, reason, ingested_at FROM documents "
                      "WHERE status <> 'stored' ORDER BY ingested_at, origin")
    _print_rows([d[0] for d in cur.description], cur.fetchall(), args.format)
    return 0


def cmd_synth(args) -> int:
    from . import synth

    docs = synth.corpus(args.articles, args.reports, args.seed)
    synth.write_jsonl(docs, args.out)
    print(f"dyadwatch: {len(docs)} synthetic articles written to {args.out} (test data, "
          f"not evidence of accuracy)", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    import uvicorn

    from .web import create_app

    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.token:
        print("dyadwatch: serving beyond localhost without --token: anyone who can reach "
              f"{args.host}:{args.port} can read the database", file=sys.stderr)
    try:
        app = create_app(args.db, token=args.token, lake=args.lake)
    except FileNotFoundError as exc:
        sys.exit(f"dyadwatch: {exc}")
    where = f"http://{args.host}:{args.port}/" + (f"?token={args.token}" if args.token else "")
    print(f"dyadwatch: serving {args.lake or args.db} read-only at {where} (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def add_commands(sub, common) -> None:
    dedup = argparse.ArgumentParser(add_help=False)
    dedup.add_argument("--window-days", type=int, default=3,
                       help="mentions of one event may be this many days apart (default 3)")
    dedup.add_argument("--dedup-actors", choices=("country", "code"), default="country",
                       help="group by actor country (default) or full actor code")
    dedup.add_argument("--dedup-code", choices=("root", "cameo"), default="root",
                       help="group by CAMEO root (default) or full code")
    dedup.add_argument("--regroup", action="store_true",
                       help="rebuild the event groups with these criteria first")
    dbarg = argparse.ArgumentParser(add_help=False)
    where = dbarg.add_mutually_exclusive_group(required=True)
    where.add_argument("--db", metavar="FILE.duckdb", help="a dyadwatch DuckDB store")
    where.add_argument("--lake", metavar="DIR", help="a Parquet lake from `ingest --engine dask`")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=("table", "csv", "json"), default="table")

    p = sub.add_parser("ingest", parents=[common], help="extract articles into a DuckDB store "
                       "(or, with --engine dask, a Parquet lake)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--db", metavar="FILE.duckdb", help="the store to write (or to load the lake into)")
    p.add_argument("--lake", metavar="DIR", help="with --engine dask: the Parquet lake to write")
    p.add_argument("--engine", choices=("local", "dask"), default="local")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="a running Dask scheduler (default: a LocalCluster sized to the machine)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (each loads the model)")
    p.add_argument("--published", metavar="YYYY-MM-DD")
    p.add_argument("--progress", action="store_true", help="progress bar even when not a terminal")
    p.add_argument("--strict", action="store_true", help="exit 1 if any document failed")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("dedup", parents=[dbarg, dedup], help="group mentions into events")
    p.set_defaults(func=cmd_dedup, regroup=True)

    p = sub.add_parser("relations", parents=[dbarg, dedup, fmt], help="a dyad's time series")
    p.add_argument("a", metavar="COUNTRY_A")
    p.add_argument("b", metavar="COUNTRY_B")
    p.add_argument("--by", choices=("day", "week", "month", "quarter", "year"), default="month")
    p.add_argument("--directed", action="store_true", help="only A acting on B")
    p.add_argument("--mentions", action="store_true", help="count raw mentions, not events")
    p.set_defaults(func=cmd_relations)

    p = sub.add_parser("events", parents=[dbarg, fmt], help="events with their sentences")
    p.add_argument("--source", help="country (USA) or code prefix (USAGOV)")
    p.add_argument("--target")
    p.add_argument("--root", help="CAMEO root code, e.g. 16")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", parents=[dbarg, dedup], help="Parquet, CSV, GDELT TSV, PLOVER JSONL")
    p.add_argument("--what", choices=("events", "quotes", "groups"), default="events")
    p.add_argument("--format", choices=("parquet", "csv", "gdelt", "plover"), default="parquet")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plot", parents=[dbarg, dedup], help="the dyad chart as PNG or HTML")
    p.add_argument("a", metavar="COUNTRY_A")
    p.add_argument("b", metavar="COUNTRY_B")
    p.add_argument("--by", choices=("day", "week", "month", "quarter", "year"), default="month")
    p.add_argument("--directed", action="store_true")
    p.add_argument("--out", required=True, help="chart.png or chart.html")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser("failures", parents=[dbarg, fmt], help="documents that failed, and why")
    p.set_defaults(func=cmd_failures)

    p = sub.add_parser("serve", parents=[dbarg], help="the web dashboard and JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help="require this token on every request")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("synth", help="write synthetic test articles (JSON Lines)")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--reports", type=int, default=4, help="articles per event")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_synth)
