"""`dyadwatch serve`: a JSON API (OpenAPI at /docs) and one page over a DuckDB store.

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

from . import __version__
from .aggregate import PERIODS, has_groups, relations

MAX_PAGE = 500
STATIC = Path(str(resources.files("dyadwatch") / "static"))


def _plotly_js() -> Path:
    import plotly

    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _rows(cur) -> list[dict]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def create_app(db: str | None = None, token: str | None = None, lake: str | None = None) -> FastAPI:
    """The app over a store file (read-only) or a Parquet lake (grouped in memory)."""
    if lake:
        from .aggregate import deduplicate
        from .lake import lake_connect

        base = lake_connect(lake)
        deduplicate(base)
    else:
        if not db or not Path(db).exists():
            raise FileNotFoundError(f"no database at {db}: create it with "
                                    f"`dyadwatch ingest PATH --db {db}`")
        base = duckdb.connect(db, read_only=True)
    grouped = has_groups(base)
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
        cur = base.cursor()
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
        docs, events, quotes = cur.execute(
            "SELECT (SELECT count(*) FROM documents WHERE status = 'stored'), "
            "(SELECT count(*) FROM events), (SELECT count(*) FROM quotes)").fetchone()
        first, last = cur.execute("SELECT min(event_day), max(event_day) FROM events").fetchone()
        return {"documents": docs, "events": events, "quotes": quotes, "first_day": first,
                "last_day": last, "deduplicated": grouped}

    @app.get("/api/dyads", dependencies=guard)
    def dyads(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """The most frequent country pairs (undirected), for the dyad picker."""
        return _rows(cur.execute("""
            SELECT least(source_country, target_country) AS a,
                   greatest(source_country, target_country) AS b, count(*) AS events
            FROM events WHERE NOT negated AND source_country IS NOT NULL
              AND target_country IS NOT NULL AND source_country <> target_country
            GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""", [limit]))

    @app.get("/api/relations", dependencies=guard)
    def dyad_series(a: str = Query(..., min_length=2, max_length=12),
                    b: str = Query(..., min_length=2, max_length=12),
                    by: str = Query("month", pattern="^(" + "|".join(PERIODS) + ")$"),
                    directed: bool = False, cur=Depends(db_cursor)) -> list[dict]:
        """Per period: events by QuadClass, Goldstein sum and mean, share of all events."""
        cols, rows = relations(cur, a.upper(), b.upper(), by, directed, mentions=not grouped)
        return [dict(zip(cols, r)) for r in rows]

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
        where, params = ["NOT e.negated"], []
        if source and target and dyad:
            where.append("((e.source_country = ? AND e.target_country = ?) OR "
                         "(e.source_country = ? AND e.target_country = ?))")
            params += [source.upper(), target.upper(), target.upper(), source.upper()]
        else:
            for col, value in (("source", source), ("target", target)):
                if value:
                    where.append(f"(e.{col}_country = ? OR e.{col}_code LIKE ? || '%')")
                    params += [value.upper(), value.upper()]
        if root:
            where.append("e.root = ?")
            params.append(root.zfill(2))
        if quad_class:
            where.append("e.quad_class = ?")
            params.append(quad_class)
        if since:
            where.append("coalesce(e.event_day, d.published) >= ?::DATE")
            params.append(since)
        if until:
            where.append("coalesce(e.event_day, d.published) <= ?::DATE")
            params.append(until)
        return _rows(cur.execute(f"""
            SELECT e.event_id, coalesce(e.event_day, d.published) AS day, e.date,
                   e.date_granularity, e.source_text, e.source_name, e.source_code,
                   e.target_text, e.target_name, e.target_code, e.cameo, e.root, e.quad_class,
                   e.goldstein, e.plover_type, e.trigger, e.sentence, e.location_name,
                   e.confidence, d.doc_id, d.doc_key, d.url, d.title
            FROM events e JOIN documents d USING (doc_key)
            WHERE {' AND '.join(where)}
            ORDER BY day DESC, e.event_id LIMIT ? OFFSET ?""", params + [limit, offset]))

    @app.get("/api/quotes", dependencies=guard)
    def quotes(speaker: str | None = Query(None, max_length=100),
               limit: int = Query(50, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Quotes, optionally by speaker (name, text or code, case-insensitive substring)."""
        where, params = "", []
        if speaker:
            where = "WHERE q.speaker_name ILIKE ? OR q.speaker_text ILIKE ? OR q.speaker_code ILIKE ?"
            params = [f"%{speaker}%"] * 3
        return _rows(cur.execute(f"""
            SELECT q.text, q.kind, q.speaker_text, q.speaker_name, q.speaker_code, q.cue,
                   q.addressee, d.doc_id, d.doc_key, d.url, d.published
            FROM quotes q JOIN documents d USING (doc_key) {where}
            ORDER BY d.published DESC NULLS LAST, q.doc_key, q.quote_index LIMIT ?""",
            params + [limit]))

    @app.get("/api/speakers", dependencies=guard)
    def speakers(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Who is quoted most."""
        return _rows(cur.execute("""
            SELECT coalesce(speaker_name, speaker_text) AS speaker, any_value(speaker_code) AS code,
                   count(*) AS quotes
            FROM quotes WHERE coalesce(speaker_name, speaker_text) IS NOT NULL
            GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?""", [limit]))

    @app.get("/api/network", dependencies=guard)
    def network(limit: int = Query(60, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> dict:
        """Who acts on whom: actor codes as nodes, directed edges weighted by events."""
        edges = _rows(cur.execute("""
            SELECT source_code AS source, target_code AS target, count(*) AS weight,
                   round(avg(goldstein), 2) AS goldstein
            FROM events WHERE NOT negated AND source_code IS NOT NULL AND target_code IS NOT NULL
              AND source_code <> target_code
            GROUP BY 1, 2 ORDER BY weight DESC, source, target LIMIT ?""", [limit]))
        nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        return {"nodes": nodes, "edges": edges}

    @app.get("/api/search", dependencies=guard)
    def search(q: str = Query(..., min_length=2, max_length=200),
               limit: int = Query(50, ge=1, le=MAX_PAGE), cur=Depends(db_cursor)) -> list[dict]:
        """Full-text search over stored sentences (case-insensitive substring)."""
        return _rows(cur.execute("""
            SELECT s.text, s.sentence_index, d.doc_id, d.doc_key, d.url, d.published
            FROM sentences s JOIN documents d USING (doc_key)
            WHERE s.text ILIKE '%' || ? || '%'
            ORDER BY d.published DESC NULLS LAST, s.doc_key, s.sentence_index LIMIT ?""",
            [q.replace("%", r"\%"), limit]))

    @app.get("/api/documents/{doc_key}", dependencies=guard)
    def document(doc_key: str, cur=Depends(db_cursor)) -> dict:
        """One article: its metadata and sentences, for reading an event in context."""
        doc = _rows(cur.execute("SELECT doc_key, doc_id, published, url, title, outlet, n_events, "
                                "n_quotes FROM documents WHERE doc_key = ?", [doc_key]))
        if not doc:
            raise HTTPException(404, "no such document")
        sentences = [t for (t,) in cur.execute(
            "SELECT text FROM sentences WHERE doc_key = ? ORDER BY sentence_index", [doc_key]).fetchall()]
        return {**doc[0], "sentences": sentences}

    @app.exception_handler(duckdb.Error)
    def db_error(request: Request, exc: duckdb.Error):
        return JSONResponse({"detail": f"query failed: {exc.__class__.__name__}"}, status_code=400)

    return app
