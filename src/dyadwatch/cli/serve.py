"""The `serve` verb: the web dashboard and JSON API over a store or a lake, with uvicorn."""
from __future__ import annotations

import sys

from dyadwatch.cli.common import FAILED, fail, store_options


def cmd_serve(args) -> int:
    import uvicorn

    from dyadwatch.storage.store import Store, StoreMissing
    from dyadwatch.web.app import create_app

    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.token:
        print("dyadwatch: serving beyond localhost without --token: anyone who can reach "
              f"{args.host}:{args.port} can read the database", file=sys.stderr)
    try:
        Store.open(db=args.db, lake=args.lake).close()  # in use, truncated: say so, do not start
        app = create_app(args.db, token=args.token, lake=args.lake,
                         cache_entries=0 if args.no_cache else 256)
    except StoreMissing as exc:
        fail(exc, FAILED)
    where = f"http://{args.host}:{args.port}/" + (f"?token={args.token}" if args.token else "")
    print(f"dyadwatch: serving {args.lake or args.db} read-only at {where} (API docs at /docs)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def add_commands(sub, common) -> None:
    """serve."""
    p = sub.add_parser("serve", parents=[store_options()], help="the web dashboard and JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--token", help="require this token on every request")
    p.add_argument("--no-cache", action="store_true",
                   help="answer every request from the store (by default answers are cached "
                        "while the store file is unchanged)")
    p.set_defaults(func=cmd_serve)
