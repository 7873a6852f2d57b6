"""`dyadwatch serve`: a JSON API (OpenAPI at /docs) and one page over a store or a lake.

Every answer comes from `storage.queries` and `storage.dedup` (web/api.py), the functions
the command line uses too.

Safe by default: the database is opened read-only, every query is parameterised, page sizes
are capped, the page renders article text with textContent only (an article containing
<script> shows as text), every HTML response carries a Content-Security-Policy, everything
the pages load comes from this server (plotly.js from the installed plotly wheel, Swagger UI
from swagger-ui-bundle), responses are gzipped, and with --token every request must carry
the token.
"""
from __future__ import annotations

import gzip
import secrets
from functools import lru_cache
from importlib import resources
from pathlib import Path

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders

from dyadwatch.version import __version__
from dyadwatch.web.api import MAX_PAGE, make_router
from dyadwatch.web.cache import ResponseCache
from dyadwatch.web.codes import Codes
from dyadwatch.web.served import LiveSnapshot, open_served

STATIC = Path(str(resources.files("dyadwatch") / "web" / "static"))
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'")
__all__ = ["MAX_PAGE", "STATIC", "create_app"]


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _swagger_ui() -> Path:
    from swagger_ui_bundle import swagger_ui_path

    return Path(str(swagger_ui_path))


@lru_cache(maxsize=1)
def _plotly_gz() -> bytes:
    return gzip.compress(_plotly_js().read_bytes(), 6)


class SecurityHeaders:
    """A Content-Security-Policy on every HTML response, nosniff on every response (a plain
    ASGI middleware: no task or stream per request)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
            await send(message)
        await self.app(scope, receive, send_with_headers)


def create_app(db: str | None = None, token: str | None = None, lake: str | None = None,
               cache_entries: int = 256, refresh_every: float = 0.0) -> FastAPI:
    """The app over a store file (read-only; events de-duplicated in memory when the file
    holds no groups) or a Parquet lake. Raises StoreMissing or StoreUnusable (in use by a
    writer) with a message. A store file is served from a private copy, taken again when
    the file has changed (at most one copy every `refresh_every` seconds; web/served.py), and
    API answers are kept in a response cache of `cache_entries` (0: none) while the copy
    served is the same (web/cache.py)."""
    # a store file is served from a private copy, taken again when the file changes (a
    # `watch` or `ingest` writing it between its rounds): new rows show without a restart
    live = None if lake else LiveSnapshot(db, every=refresh_every)
    con, stored_groups = open_served(None, lake) if lake else (None, live.stored_groups)
    codes = Codes()
    app = FastAPI(title="dyadwatch", version=__version__, docs_url=None, redoc_url=None,
                  description="Events, quotes and dyad time series from a dyadwatch store.")
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(SecurityHeaders)

    def token_ok(request: Request) -> bool:
        if token is None:
            return True
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or \
            request.query_params.get("token") or request.cookies.get("dyadwatch_token") or ""
        return secrets.compare_digest(given, token)

    # both async: cheap, so they run on the event loop instead of a worker thread each
    async def check_token(request: Request) -> None:
        if not token_ok(request):
            raise HTTPException(401, "a valid token is required (?token=... or Authorization: Bearer)")

    async def db_cursor():
        if live is not None:
            live.refresh()
        cur = (live.con if live is not None else con).cursor()
        try:
            yield cur
        finally:
            cur.close()

    guard = [Depends(check_token)]

    @app.get("/", response_class=HTMLResponse, dependencies=guard, include_in_schema=False)
    def page():
        response = HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))
        if token is not None:
            response.set_cookie("dyadwatch_token", token, httponly=True, samesite="strict")
        return response

    @app.get("/docs", response_class=HTMLResponse, dependencies=guard, include_in_schema=False)
    def docs():
        return HTMLResponse((STATIC / "docs.html").read_text(encoding="utf-8"))

    app.mount("/static", StaticFiles(directory=STATIC, html=False), name="static")
    app.mount("/vendor/swagger", StaticFiles(directory=_swagger_ui()), name="swagger")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js(request: Request):
        headers = {"Cache-Control": "public, max-age=86400"}
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(_plotly_gz(), media_type="application/javascript",
                            headers={**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        return Response(_plotly_js().read_bytes(), media_type="application/javascript", headers=headers)

    app.include_router(make_router(db_cursor, codes, stored_groups, guard,
                                   snapshot=live.refresh if live else None))
    if lake is None and cache_entries > 0:  # a lake's files can change under it: not cached
        app.add_middleware(ResponseCache, stamp=lambda: (live.refresh(),),
                           max_entries=cache_entries,
                           allowed=lambda scope: token_ok(Request(scope)))

    @app.exception_handler(duckdb.Error)
    def db_error(request: Request, exc: duckdb.Error):
        if isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower():
            return JSONResponse({"detail": "the store is being written by another process; "
                                           "try again when it has finished"}, status_code=503)
        first = str(exc).splitlines()[0][:200] if str(exc) else ""
        return JSONResponse({"detail": f"query failed ({exc.__class__.__name__}): {first}"},
                            status_code=400)

    return app
