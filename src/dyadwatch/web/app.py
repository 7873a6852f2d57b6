"""`dyadwatch serve`: a JSON API (OpenAPI at /docs) and one page over a store or a lake.

Every answer comes from `storage.queries`, the functions the command line uses too.

Safe by default: the database is opened read-only, every query is parameterised, page sizes
are capped, the page renders article text with textContent only (an article containing
<script> shows as text), everything it loads comes from this server (plotly.js from the
installed plotly wheel), and with --token every request must carry the token.
"""
from __future__ import annotations

import secrets
from importlib import resources
from pathlib import Path

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from dyadwatch.version import __version__
from dyadwatch.storage import queries
from dyadwatch.storage.dedup import deduplicate, has_groups
from dyadwatch.storage.store import Store

MAX_PAGE = 500
STATIC = Path(str(resources.files("dyadwatch") / "web" / "static"))


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def create_app(db: str | None = None, token: str | None = None, lake: str | None = None) -> FastAPI:
    """The app over a store file (read-only) or a Parquet lake (grouped in memory)."""
    store = Store.open(db=db, lake=lake, read_only=True)  # StoreMissing names what to run
    if store.is_lake:
        deduplicate(store.con)
    grouped = has_groups(store.con)
    app = FastAPI(title="dyadwatch", version=__version__,
                  description="Events, quotes and dyad time series from a dyadwatch store.")

    def check_token(request: Request) -> None:
        if token is None:
            return
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or \
            request.query_params.get("token") or request.cookies.get("dyadwatch_token") or ""
        if not secrets.compare_digest(given, token):
            raise HTTPException(401, "a valid token is required (?token=... or Authorization: Bearer)")

    def db_cursor():
        cur = store.cursor()
        try:
            yield cur
        finally:
            cur.close()

    guard = [Depends(check_token)]

    @app.get("/", response_class=HTMLResponse, dependencies=guard, include_in_schema=False)
    def page(request: Request):
        response = HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))
        if token is not None:
            response.set_cookie("dyadwatch_token", token, httponly=True, samesite="strict")
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'")
        return response

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    def plotly_js():
        return FileResponse(_plotly_js(), media_type="application/javascript")

    @app.get("/api/summary", dependencies=guard)
    def summary(cur=Depends(db_cursor)) -> dict:
        """Counts of documents, events and quotes, and the span of event days."""
        return {**queries.summary(cur), "deduplicated": grouped}

    @app.get("/api/dyads", dependencies=guard)
    def dyads(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """The most frequent country pairs (undirected), for the dyad picker."""
        return queries.dyads(cur, limit).dicts()

    @app.get("/api/relations", dependencies=guard)
    def dyad_series(a: str = Query(..., min_length=2, max_length=12),
                    b: str = Query(..., min_length=2, max_length=12),
                    by: str = Query("month", pattern="^(" + "|".join(queries.PERIODS) + ")$"),
                    directed: bool = False, cur=Depends(db_cursor)) -> list[dict]:
        """Per period: events by QuadClass, Goldstein sum and mean, share of all events."""
        return queries.relations(cur, a.upper(), b.upper(), by, directed,
                                 mentions=not grouped).dicts()

    @app.get("/api/events", dependencies=guard)
    def events(source: str | None = Query(None, max_length=12),
               target: str | None = Query(None, max_length=12),
               root: str | None = Query(None, pattern=r"^\d{1,2}$"),
               quad_class: int | None = Query(None, ge=1, le=4),
               since: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
               until: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$"),
               dyad: bool = Query(False, description="either direction between source and target"),
               limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
               cur=Depends(db_cursor)) -> list[dict]:
        """Event mentions with their sentence, trigger and actors, newest first."""
        which = queries.EventFilter(source=source and source.upper(),
                                    target=target and target.upper(), root=root,
                                    quad_class=quad_class, since=since, until=until, dyad=dyad)
        return queries.list_events(cur, which, queries.EVENT_DETAIL, limit, offset).dicts()

    @app.get("/api/quotes", dependencies=guard)
    def quotes(speaker: str | None = Query(None, max_length=100),
               limit: int = Query(50, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Quotes, optionally by speaker (name, text or code, case-insensitive substring)."""
        return queries.quotes(cur, speaker, limit).dicts()

    @app.get("/api/speakers", dependencies=guard)
    def speakers(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Who is quoted most."""
        return queries.speakers(cur, limit).dicts()

    @app.get("/api/network", dependencies=guard)
    def network(limit: int = Query(60, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> dict:
        """Who acts on whom: actor codes as nodes, directed edges weighted by events."""
        return queries.network(cur, limit)

    @app.get("/api/search", dependencies=guard)
    def search(q: str = Query(..., min_length=2, max_length=200),
               limit: int = Query(50, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Full-text search over stored sentences (case-insensitive substring)."""
        return queries.search(cur, q, limit).dicts()

    @app.get("/api/documents/{doc_key}", dependencies=guard)
    def document(doc_key: str, cur=Depends(db_cursor)) -> dict:
        """One article: its metadata and sentences, for reading an event in context."""
        doc = queries.document(cur, doc_key)
        if doc is None:
            raise HTTPException(404, "no such document")
        return doc

    @app.exception_handler(duckdb.Error)
    def db_error(request: Request, exc: duckdb.Error):
        return JSONResponse({"detail": f"query failed: {exc.__class__.__name__}"}, status_code=400)

    return app
