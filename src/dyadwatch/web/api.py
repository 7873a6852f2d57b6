"""The dashboard's JSON API: one router over `storage.queries` and `storage.dedup`, the
functions the command line uses too. Events are de-duplicated unless `mentions=true`; every
listing says how many rows there are in all (`total`) so the page can page through them."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from dyadwatch.storage import dedup, queries
from dyadwatch.storage.geo import event_places
from dyadwatch.web.article import article_view
from dyadwatch.web.codes import QUAD_CLASSES, Codes

MAX_PAGE = 500
ACTOR = r"^[A-Za-z]{2,12}$"
DAY = r"^\d{4}-\d{2}-\d{2}$"


def _day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{name}: {value} is not a calendar date (YYYY-MM-DD)") from None


def event_filter(source: str | None = Query(None, pattern=ACTOR, description="country or actor code prefix"),
                 target: str | None = Query(None, pattern=ACTOR),
                 root: str | None = Query(None, pattern=r"^\d{1,2}$", description="CAMEO root"),
                 quad_class: int | None = Query(None, ge=1, le=4),
                 since: str | None = Query(None, pattern=DAY), until: str | None = Query(None, pattern=DAY),
                 dyad: bool = Query(False, description="either direction between source and target"),
                 ) -> queries.EventFilter:
    return queries.EventFilter(source=source and source.upper(), target=target and target.upper(),
                               root=root, quad_class=quad_class, since=_day(since, "since"),
                               until=_day(until, "until"), dyad=dyad)


def make_router(cursor, codes: Codes, stored_groups: bool, guard: list,
                snapshot=None) -> APIRouter:
    """The API over connections from `cursor` (a dependency yielding one per request); with
    `snapshot` (a store file served from a copy: a function giving the copy's generation)
    the summary is counted once per copy."""
    api = APIRouter(prefix="/api", dependencies=guard)
    counted: dict[int, dict] = {}

    @api.get("/summary")
    def summary(cur=Depends(cursor)) -> dict:
        """Articles, quotes, event mentions, de-duplicated events with their reports and
        outlets, the span of event days and the de-duplication criteria."""
        generation = snapshot() if snapshot else None
        if generation in counted:
            return dict(counted[generation])
        stored = queries.summary(cur)
        answer = {**stored, "mentions": stored["events"],
                  **dedup.count_groups(cur), "criteria": dedup.criteria_of(cur),
                  "groups_stored": stored_groups, "quad_classes": QUAD_CLASSES}
        if snapshot:
            counted.clear()
            counted[generation] = answer
        return answer

    @api.get("/dyads")
    def dyads(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(cursor)) -> list[dict]:
        """The most frequent country pairs (undirected), for the dyad picker."""
        return queries.dyads(cur, limit).dicts()

    @api.get("/relations")
    def relations(a: str = Query(..., pattern=ACTOR), b: str = Query(..., pattern=ACTOR),
                  by: str = Query("month", pattern="^(" + "|".join(queries.PERIODS) + ")$"),
                  directed: bool = False, mentions: bool = Query(False, description="count raw mentions"),
                  cur=Depends(cursor)) -> list[dict]:
        """Per period: events by QuadClass, Goldstein sum and mean, share of all events."""
        return queries.relations(cur, a.upper(), b.upper(), by, directed, mentions=mentions).dicts()

    @api.get("/events")
    def events(which: queries.EventFilter = Depends(event_filter),
               mentions: bool = Query(False, description="raw mentions instead of events"),
               order: str = Query("day", pattern="^(day|weight)$",
                                  description="weight: what moves the Goldstein mean most first"),
               limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
               cur=Depends(cursor)) -> dict:
        """Events (de-duplicated, each with its report counts) or raw mentions, newest first,
        with their sentence, trigger, actors and codes in words; `total` counts them all."""
        by_weight = order == "weight"
        if mentions:
            rows = queries.list_events(cur, which, queries.EVENT_DETAIL, limit, offset, by_weight)
            counts = {"events": queries.count_events(cur, which)}
        else:
            rows = dedup.list_groups(cur, which, limit, offset, by_weight, listing=True)
            counts = dedup.count_groups(cur, which)
        return {"total": counts["events"], "counts": counts, "offset": offset, "limit": limit,
                "rows": [codes.in_words(r) for r in rows.dicts()]}

    @api.get("/places")
    def places(which: queries.EventFilter = Depends(event_filter),
               mentions: bool = Query(False, description="raw mentions instead of events"),
               limit: int = Query(MAX_PAGE, ge=1, le=MAX_PAGE), cur=Depends(cursor)) -> dict:
        """Where the selected events happened, for the map: places (name, country,
        granularity, latitude, longitude) with their events by QuadClass, most events
        first; `located` and `unlocated` count the events with and without a place."""
        return event_places(cur, which, mentions, limit)

    @api.get("/events/{group_id}/reports")
    def reports(group_id: str = key_path(), cur=Depends(cursor)) -> list[dict]:
        """The mentions (reports) of one de-duplicated event."""
        which = queries.EventFilter(group_id=group_id)
        return [codes.in_words(r) for r in
                queries.list_events(cur, which, queries.EVENT_DETAIL, MAX_PAGE).dicts()]

    @api.get("/quotes")
    def quotes(speaker: str | None = Query(None, max_length=100),
               name: list[str] = Query([], max_length=20, description="exact speaker names"),
               limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
               cur=Depends(cursor)) -> dict:
        """Quotes with their article, date and sentence, by speaker (substring of name, text
        or code) or by exact speaker names."""
        names = tuple(n for n in name if n)
        return {"total": queries.count_quotes(cur, speaker, names), "offset": offset,
                "rows": queries.quotes(cur, speaker, limit, offset, names).dicts()}

    @api.get("/speakers")
    def speakers(limit: int = Query(30, ge=1, le=MAX_PAGE), cur=Depends(cursor)) -> dict:
        """Who is quoted most, by resolved name; unresolved pronouns ("she", "who") are left
        out and counted in `unresolved_quotes`."""
        rows = queries.speakers(cur, limit, codes.pronouns).dicts()
        everyone = queries.speakers(cur, MAX_PAGE * 20).dicts()
        unresolved = sum(r["quotes"] for r in everyone if r["speaker"].lower() in codes.pronouns)
        return {"speakers": rows, "unresolved_quotes": unresolved}

    @api.get("/network")
    def network(limit: int = Query(60, ge=1, le=MAX_PAGE), cur=Depends(cursor)) -> dict:
        """Who acts on whom: actor codes as nodes, directed edges weighted by events."""
        return queries.network(cur, limit)

    @api.get("/search")
    def search(q: str = Query(..., min_length=2, max_length=200),
               limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=10**7),
               cur=Depends(cursor)) -> dict:
        """Stored sentences containing `q` literally (case-insensitive); `total` counts them."""
        total, page = queries.search_page(cur, q, limit, offset)
        return {"total": total, "offset": offset, "rows": page.dicts()}

    @api.get("/documents/{doc_key}")
    def document(doc_key: str = key_path(), cur=Depends(cursor)) -> dict:
        """One article: metadata, sentences, where they start, actor marks, and its events
        (with trigger, source and target marks) and quotes."""
        doc = queries.document(cur, doc_key)
        if doc is None:
            raise HTTPException(404, "no such document")
        view = article_view(doc, queries.document_rows(cur, doc_key))
        view["events"] = [codes.in_words(e) for e in view["events"]]
        return view

    return api


def key_path():
    """A document key or group id in the path: letters, digits, ':', '_' and '-'."""
    return Path(..., pattern=r"^[A-Za-z0-9:_-]{1,100}$")
