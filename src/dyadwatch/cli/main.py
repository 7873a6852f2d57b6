"""The `dyadwatch` command line: builds the parser from the verb modules and dispatches.

Verbs by module: `cli.extract` (extract, demo, eval, quotes, explain, actors), `cli.ingest`
(ingest, synth), `cli.query` (dedup, relations, events, export, plot, failures), `cli.serve`,
`cli.watch`.
"""
from __future__ import annotations

import argparse
import errno
import sys

from dyadwatch.cli import extract, ingest, query, serve, watch
from dyadwatch.cli.common import FAILED, model_options
from dyadwatch.version import __version__


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dyadwatch", description="Political news in, event data out: "
                                "who did what to whom, and who said what, traced to the sentence.")
    p.add_argument("--version", action="version", version=f"dyadwatch {__version__}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an error")
    common = model_options()
    sub = p.add_subparsers(dest="command", required=True)
    # in the order `dyadwatch --help` lists them
    extract.add_commands(sub, common)
    ingest.add_commands(sub, common)
    query.add_commands(sub, common)
    serve.add_commands(sub, common)
    watch.add_commands(sub, common)
    ingest.add_synth_command(sub)
    extract.add_actors_command(sub, common)
    return p


def _message(exc: BaseException) -> str:
    """One sentence for an error no verb handled: what, where, what to do."""
    from dyadwatch.storage.store import StoreMissing, StoreUnusable

    if isinstance(exc, (StoreMissing, StoreUnusable)):
        return str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return (f"disk full ({exc.filename or 'writing'}): free space and run the same command "
                f"again")
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or exc} ({exc.filename}): check the path and its permissions"
    return (f"{type(exc).__name__}: {exc}. This is a bug if your input was valid: run again with "
            f"--debug and report the traceback")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `dyadwatch extract ... | head`
        return 0
    except KeyboardInterrupt:
        print("dyadwatch: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - one sentence, no traceback unless --debug
        if args.debug:
            raise
        print(f"dyadwatch: {_message(exc)}", file=sys.stderr)
        return FAILED


if __name__ == "__main__":
    sys.exit(main())
