"""Verbs that read a store (--db FILE or --lake DIR): dedup, relations, events, export, plot
and failures (only `dedup` writes); and `compact` for a lake. Their questions are answered by `storage.queries`, as the web API's are."""
from __future__ import annotations

import sys

from dyadwatch.cli.common import (
    FAILED,
    check_day,
    criteria,
    dedup_options,
    fail,
    grouped_store,
    non_negative,
    open_store,
    print_rows,
    row_format_options,
    store_options,
)
from dyadwatch.storage.exports import FORMATS, SOURCES, export, needs_groups
from dyadwatch.storage.queries import (
    PERIODS,
    EventFilter,
    failures,
    list_events,
    relations,
)


def cmd_dedup(args) -> int:
    from dyadwatch.storage.dedup import deduplicate

    store = open_store(args, read_only=False)
    n = deduplicate(store.con, criteria(args))
    mentions = store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    print(f"dyadwatch: {mentions} mentions grouped into {n} events ({criteria(args).describe()})",
          file=sys.stderr)
    return 0


def cmd_relations(args) -> int:
    store = open_store(args) if args.mentions else grouped_store(args)
    print_rows(*relations(store.con, args.a, args.b, args.by, args.directed, args.mentions),
               args.format)
    return 0


def cmd_events(args) -> int:
    check_day(args.since, "--since")
    check_day(args.until, "--until")
    which = EventFilter(source=args.source, target=args.target, root=args.root,
                        since=args.since, until=args.until)
    print_rows(*list_events(open_store(args).con, which, limit=args.limit), args.format)
    return 0


def cmd_export(args) -> int:
    store = grouped_store(args) if needs_groups(args.format, args.what) else open_store(args)
    n = export(store.con, args.format, args.out, args.what)
    print(f"dyadwatch: {n} rows written to {args.out}", file=sys.stderr)
    return 0


def cmd_plot(args) -> int:
    from dyadwatch.cli.chart import dyad_chart

    store = grouped_store(args)
    columns, rows = relations(store.con, args.a, args.b, args.by, args.directed)
    if not rows:
        fail(f"no events between {args.a} and {args.b} in {store.location}")
    arrow = "->" if args.directed else "<->"
    dyad_chart(columns, rows, f"{args.a} {arrow} {args.b}, events per {args.by}", args.out)
    print(f"dyadwatch: chart written to {args.out}", file=sys.stderr)
    return 0


def cmd_compact(args) -> int:
    from dyadwatch.storage.lake import compact, is_lake

    if not is_lake(args.lake):
        fail(f"no dyadwatch lake at {args.lake}: give the folder `ingest --engine dask --lake` "
             f"wrote", FAILED)
    kept = compact(args.lake)
    print(f"dyadwatch: {args.lake} compacted, each document once: "
          + ", ".join(f"{n} {t}" for t, n in kept.items()), file=sys.stderr)
    return 0


def cmd_failures(args) -> int:
    print_rows(*failures(open_store(args).con), args.format)
    return 0


def add_commands(sub, common) -> None:
    """dedup, relations, events, export, plot, failures."""
    dbarg, dedup, fmt = store_options(), dedup_options(), row_format_options()

    p = sub.add_parser("dedup", parents=[dbarg, dedup], help="group mentions into events")
    # no set_defaults(regroup=...) here: it would change the parent parser all verbs share
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser("relations", parents=[dbarg, dedup, fmt], help="a dyad's time series")
    p.add_argument("a", metavar="COUNTRY_A")
    p.add_argument("b", metavar="COUNTRY_B")
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--directed", action="store_true", help="only A acting on B")
    p.add_argument("--mentions", action="store_true", help="count raw mentions, not events")
    p.set_defaults(func=cmd_relations)

    p = sub.add_parser("events", parents=[dbarg, fmt], help="events with their sentences")
    p.add_argument("--source", help="country (USA) or code prefix (USAGOV)")
    p.add_argument("--target")
    p.add_argument("--root", help="CAMEO root code, e.g. 16")
    p.add_argument("--since", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--limit", type=non_negative, default=50)
    p.set_defaults(func=cmd_events)

    p = sub.add_parser("export", parents=[dbarg, dedup], help="Parquet, CSV, GDELT TSV, PLOVER JSONL")
    p.add_argument("--what", choices=tuple(SOURCES), default="events")
    p.add_argument("--format", choices=tuple(FORMATS), default="parquet")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("plot", parents=[dbarg, dedup], help="the dyad chart as PNG or HTML")
    p.add_argument("a", metavar="COUNTRY_A")
    p.add_argument("b", metavar="COUNTRY_B")
    p.add_argument("--by", choices=PERIODS, default="month")
    p.add_argument("--directed", action="store_true")
    p.add_argument("--out", required=True, help="chart.png or chart.html")
    p.set_defaults(func=cmd_plot)

    p = sub.add_parser("failures", parents=[dbarg, fmt], help="documents that failed, and why")
    p.set_defaults(func=cmd_failures)

    p = sub.add_parser("compact", help="rewrite a Parquet lake with each document once (lakes "
                       "written by earlier versions could hold documents twice)")
    p.add_argument("--lake", metavar="DIR", required=True)
    p.set_defaults(func=cmd_compact)
