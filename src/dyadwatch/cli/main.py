"""The `dyadwatch` command line: builds the parser from the verb modules and dispatches.

Verbs by module: `cli.extract` (extract, demo, eval, quotes, explain, actors), `cli.ingest`
(ingest, synth), `cli.query` (dedup, relations, events, export, plot, failures), `cli.serve`.
"""
from __future__ import annotations

import argparse
import sys

from dyadwatch.version import __version__
from dyadwatch.cli import extract, ingest, query, serve
from dyadwatch.cli.common import model_options


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dyadwatch", description="Political news in, event data out: "
                                "who did what to whom, and who said what, traced to the sentence.")
    p.add_argument("--version", action="version", version=f"dyadwatch {__version__}")
    common = model_options()
    sub = p.add_subparsers(dest="command", required=True)
    # in the order `dyadwatch --help` lists them
    extract.add_commands(sub, common)
    ingest.add_commands(sub, common)
    query.add_commands(sub, common)
    serve.add_commands(sub, common)
    ingest.add_synth_command(sub)
    extract.add_actors_command(sub, common)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `dyadwatch extract ... | head`
        return 0
    except KeyboardInterrupt:
        print("dyadwatch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
