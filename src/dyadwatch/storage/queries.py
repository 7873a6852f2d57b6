"""The questions asked of a store, answered once for the CLI and the web API alike: dyad
time series, event listings (one event filter), dyads, quotes, speakers, the actor network,
sentence search, one document, the summary and the failures.

Every function takes a DuckDB connection or cursor (`Store.con`, `Store.cursor()`), binds
every value as a parameter, and returns a `Table` (columns and rows) or a plain dict.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

PERIODS = ("day", "week", "month", "quarter", "year")

# the columns an event listing shows: `EVENT_BRIEF` on the command line, `EVENT_DETAIL` in the API
EVENT_BRIEF = ("coalesce(e.event_day, d.published) AS day", "e.source_code", "e.cameo",
               "e.target_code", "e.goldstein", "d.doc_id", "d.url", "e.sentence")
EVENT_DETAIL = ("e.event_id", "coalesce(e.event_day, d.published) AS day", "e.date",
                "e.date_granularity", "e.date_source", "e.source_text", "e.source_name",
                "e.source_code", "e.target_text", "e.target_name", "e.target_code", "e.cameo",
                "e.root", "e.quad_class", "e.goldstein", "e.plover_type", "e.plover_mode",
                "e.trigger", "e.sentence", "e.sentence_index", "e.start", "e.end",
                "e.location_name", "e.confidence", "d.doc_id", "d.doc_key", "d.url", "d.title",
                "d.outlet", "d.published")
# an actor as the dyad queries see it: its country, or its code where it has none (IGOs)
SOURCE_ACTOR = "coalesce(e.source_country, e.source_code)"
TARGET_ACTOR = "coalesce(e.target_country, e.target_code)"


def like_pattern(text: str, prefix_only: bool = False) -> str:
    """`text` as a LIKE pattern matching it literally (use with ESCAPE '\\'): `%` and `_`
    in a search are characters, not wildcards."""
    literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return literal + "%" if prefix_only else "%" + literal + "%"


class Table(NamedTuple):
    columns: list[str]
    rows: list[tuple]

    def dicts(self) -> list[dict]:
        return [dict(zip(self.columns, r)) for r in self.rows]


def _table(cur) -> Table:
    return Table([d[0] for d in cur.description], cur.fetchall())


@dataclass(frozen=True)
class EventFilter:
    """Which event mentions to list. An actor is a country (USA) or an actor-code prefix
    (USAGOV); with `dyad`, source and target are two countries in either direction."""
    source: str | None = None
    target: str | None = None
    root: str | int | None = None
    quad_class: int | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    dyad: bool = False
    group_id: str | None = None  # the mentions of one de-duplicated event

    def where(self) -> tuple[str, list]:
        """The SQL condition over `events e JOIN documents d`, and its parameters."""
        where, params = ["NOT e.negated"], []
        if self.source and self.target and self.dyad:
            where.append(f"(({SOURCE_ACTOR} = ? AND {TARGET_ACTOR} = ?) OR "
                         f"({SOURCE_ACTOR} = ? AND {TARGET_ACTOR} = ?))")
            params += [self.source, self.target, self.target, self.source]
        else:
            for col, value in (("source", self.source), ("target", self.target)):
                if value:
                    where.append(f"(coalesce(e.{col}_country, e.{col}_code) = ? "
                                 f"OR e.{col}_code LIKE ? ESCAPE '\\')")
                    params += [value, like_pattern(value, prefix_only=True)]
        if self.group_id:
            where.append("e.event_id IN (SELECT event_id FROM event_mentions WHERE group_id = ?)")
            params.append(self.group_id)
        if self.root:
            where.append("e.root = ?")
            params.append(str(self.root).zfill(2))
        if self.quad_class:
            where.append("e.quad_class = ?")
            params.append(self.quad_class)
        if self.since:
            where.append("coalesce(e.event_day, d.published) >= ?::DATE")
            params.append(self.since)
        if self.until:
            where.append("coalesce(e.event_day, d.published) <= ?::DATE")
            params.append(self.until)
        return " AND ".join(where), params


def list_events(con, which: EventFilter = EventFilter(), columns=EVENT_BRIEF, limit: int = 50,
                offset: int = 0, by_weight: bool = False) -> Table:
    """Event mentions with their sentences and articles, newest first; `by_weight`: those
    that move the Goldstein mean of the selection most first (share in `weight`)."""
    where, params = which.where()
    if not by_weight:
        return _table(con.execute(f"""
            SELECT {', '.join(columns)} FROM events e JOIN documents d USING (doc_key)
            WHERE {where}
            ORDER BY day DESC, e.event_id LIMIT ? OFFSET ?""", params + [int(limit), int(offset)]))
    return _table(con.execute(f"""
        SELECT * EXCLUDE (event_id_) FROM (
            SELECT {', '.join(columns)}, e.event_id AS event_id_,
                   round((e.goldstein - avg(e.goldstein) OVER ()) / count(*) OVER (), 3) AS weight
            FROM events e JOIN documents d USING (doc_key)
            WHERE {where})
        ORDER BY abs(weight) DESC, day DESC, event_id_ LIMIT ? OFFSET ?""",
        params + [int(limit), int(offset)]))


def count_events(con, which: EventFilter = EventFilter()) -> int:
    """How many event mentions `which` selects (for paging)."""
    where, params = which.where()
    # the article is needed only for its date (every event's article is stored with it)
    articles = " JOIN documents d USING (doc_key)" if which.since or which.until else ""
    return con.execute(f"SELECT count(*) FROM events e{articles} WHERE {where}",
                       params).fetchone()[0]


def relations(con, a: str, b: str, by: str = "month", directed: bool = False,
              mentions: bool = False) -> Table:
    """Per period: events of the dyad by QuadClass, Goldstein sum and mean, and the dyad's
    share of all events that period; de-duplicated events (`event_groups`), or raw mentions."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}")
    if mentions:
        table = """(SELECT coalesce(e.source_country, e.source_code) AS source,
                           coalesce(e.target_country, e.target_code) AS target, e.quad_class,
                           e.goldstein, coalesce(e.event_day, d.published) AS first_day
                    FROM events e JOIN documents d USING (doc_key)
                    WHERE NOT e.negated AND e.target_code IS NOT NULL)"""
    else:
        table = "event_groups"
    pair = "(source = $a AND target = $b)" if directed else \
        "((source = $a AND target = $b) OR (source = $b AND target = $a))"
    # one pass: per period, the dyad's events (FILTER) and all events (n_all)
    return _table(con.execute(f"""
        WITH t AS (SELECT *, {pair} AS dyad FROM (
                       SELECT source, target, quad_class, goldstein,
                              date_trunc('{by}', first_day)::DATE AS period
                       FROM {table} WHERE first_day IS NOT NULL))
        SELECT period,
               count(*) FILTER (WHERE dyad) AS events,
               count(*) FILTER (WHERE dyad AND quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE dyad AND quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE dyad AND quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE dyad AND quad_class = 4) AS material_conflict,
               round(sum(goldstein) FILTER (WHERE dyad), 2) AS goldstein_sum,
               round(avg(goldstein) FILTER (WHERE dyad), 3) AS goldstein_mean,
               round(count(*) FILTER (WHERE dyad) / count(*), 4) AS share_of_all_events,
               round(count(*) FILTER (WHERE dyad AND quad_class IN (1, 2)) / count(*), 4) AS coop_share,
               round(count(*) FILTER (WHERE dyad AND quad_class IN (3, 4)) / count(*), 4) AS conflict_share
        FROM t GROUP BY period HAVING count(*) FILTER (WHERE dyad) > 0
        ORDER BY period""", {"a": a, "b": b}))


def dyads(con, limit: int = 30) -> Table:
    """The most frequent country pairs (undirected)."""
    return _table(con.execute("""
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b, count(*) AS events
        FROM events WHERE NOT negated AND source_country IS NOT NULL
          AND target_country IS NOT NULL AND source_country <> target_country
        GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""", [limit]))


def quotes(con, speaker: str | None = None, limit: int = 50, offset: int = 0,
           names: tuple[str, ...] = ()) -> Table:
    """Quotes, newest first, optionally by speaker (name, text or code, case-insensitive
    substring) or by exact speaker `names` (as `speakers` lists them)."""
    where, params = _quote_where(speaker, names)
    return _table(con.execute(f"""
        SELECT q.text, q.kind, q.speaker_text, q.speaker_name, q.speaker_code, q.cue,
               q.addressee, q.sentence_index, q.quote_index, q.start, q."end",
               d.doc_id, d.doc_key, d.url, d.published, d.title, d.outlet
        FROM quotes q JOIN documents d USING (doc_key) {where}
        ORDER BY d.published DESC NULLS LAST, q.doc_key, q.quote_index LIMIT ? OFFSET ?""",
        params + [int(limit), int(offset)]))


def count_quotes(con, speaker: str | None = None, names: tuple[str, ...] = ()) -> int:
    where, params = _quote_where(speaker, names)
    return con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()[0]


def _quote_where(speaker: str | None, names: tuple[str, ...]) -> tuple[str, list]:
    if names:
        return (f"WHERE coalesce(q.speaker_name, q.speaker_text) IN "
                f"({', '.join('?' * len(names))})", list(names))
    if speaker:
        return ("WHERE q.speaker_name ILIKE ? ESCAPE '\\' OR q.speaker_text ILIKE ? ESCAPE '\\' "
                "OR q.speaker_code ILIKE ? ESCAPE '\\'", [like_pattern(speaker)] * 3)
    return "", []


def speakers(con, limit: int = 30, exclude: frozenset[str] = frozenset()) -> Table:
    """Who is quoted most, by resolved name; speakers whose name (lower case) is in
    `exclude` (unresolved pronouns such as "she" or "who") are left out."""
    return _table(con.execute("""
        SELECT coalesce(speaker_name, speaker_text) AS speaker, any_value(speaker_code) AS code,
               count(*) AS quotes
        FROM quotes WHERE coalesce(speaker_name, speaker_text) IS NOT NULL
          AND lower(coalesce(speaker_name, speaker_text)) <> ALL (?::VARCHAR[])
        GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?""", [sorted(exclude), limit]))


def network(con, limit: int = 60) -> dict:
    """Who acts on whom: actor codes as nodes, directed edges weighted by events."""
    edges = _table(con.execute("""
        SELECT source_code AS source, target_code AS target, count(*) AS weight,
               round(avg(goldstein), 2) AS goldstein
        FROM events WHERE NOT negated AND source_code IS NOT NULL AND target_code IS NOT NULL
          AND source_code <> target_code
        GROUP BY 1, 2 ORDER BY weight DESC, source, target LIMIT ?""", [limit])).dicts()
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    return {"nodes": nodes, "edges": edges}


def search(con, text: str, limit: int = 50, offset: int = 0) -> Table:
    """Stored sentences containing `text` (case-insensitive, literally: `%` and `_` are
    characters)."""
    return _table(con.execute("""
        SELECT s.text, s.sentence_index, d.doc_id, d.doc_key, d.url, d.published, d.title,
               d.outlet
        FROM sentences s JOIN documents d USING (doc_key)
        WHERE s.text ILIKE ? ESCAPE '\\'
        ORDER BY d.published DESC NULLS LAST, s.doc_key, s.sentence_index LIMIT ? OFFSET ?""",
        [like_pattern(text), int(limit), int(offset)]))


def search_page(con, text: str, limit: int = 50, offset: int = 0) -> tuple[int, Table]:
    """`count_search` and `search` in one scan of the sentences: (total, the page)."""
    cur = con.execute("""
        SELECT s.text, s.sentence_index, d.doc_id, d.doc_key, d.url, d.published, d.title,
               d.outlet, count(*) OVER () AS total_
        FROM sentences s JOIN documents d USING (doc_key)
        WHERE s.text ILIKE ? ESCAPE '\\'
        ORDER BY d.published DESC NULLS LAST, s.doc_key, s.sentence_index LIMIT ? OFFSET ?""",
        [like_pattern(text), int(limit), int(offset)])
    page = _table(cur)
    if not page.rows:  # nothing, or a page past the end: count apart
        return (count_search(con, text) if offset else 0), Table(page.columns[:-1], [])
    return page.rows[0][-1], Table(page.columns[:-1], [r[:-1] for r in page.rows])


def count_search(con, text: str) -> int:
    return con.execute("SELECT count(*) FROM sentences s WHERE s.text ILIKE ? ESCAPE '\\'",
                       [like_pattern(text)]).fetchone()[0]


def document(con, doc_key: str) -> dict | None:
    """One article: its metadata and sentences, or None."""
    doc = _table(con.execute("SELECT doc_key, doc_id, published, url, title, outlet, n_events, "
                             "n_quotes FROM documents WHERE doc_key = ?", [doc_key])).dicts()
    if not doc:
        return None
    sentences = [t for (t,) in con.execute(
        "SELECT text FROM sentences WHERE doc_key = ? ORDER BY sentence_index", [doc_key]).fetchall()]
    return {**doc[0], "sentences": sentences}


def document_rows(con, doc_key: str) -> dict[str, list[dict]]:
    """An article's events, quotes and actor mentions, in text order."""
    events = _table(con.execute(f"""SELECT {', '.join(EVENT_DETAIL)}, e.negated
                        FROM events e JOIN documents d USING (doc_key) WHERE doc_key = ?
                                    ORDER BY e.start, e.event_id""", [doc_key])).dicts()
    quotes_ = _table(con.execute("""SELECT quote_index, text, kind, speaker_text, speaker_name,
                                           speaker_code, cue, sentence_index, start, "end"
                                    FROM quotes WHERE doc_key = ? ORDER BY quote_index""",
                                 [doc_key])).dicts()
    actors = _table(con.execute("""SELECT text, name, code, start, "end" FROM actors
                                   WHERE doc_key = ? ORDER BY start""", [doc_key])).dicts()
    return {"events": events, "quotes": quotes_, "actors": actors}


def summary(con) -> dict:
    """Counts of stored documents, events and quotes, the span of event days, and when the
    store last took in a document (`last_updated`)."""
    docs, events, n_quotes, updated = con.execute(
        "SELECT (SELECT count(*) FROM documents WHERE status = 'stored'), "
        "(SELECT count(*) FROM events), (SELECT count(*) FROM quotes), "
        "(SELECT max(ingested_at) FROM documents)").fetchone()
    first, last = con.execute("SELECT min(event_day), max(event_day) FROM events").fetchone()
    return {"documents": docs, "events": events, "quotes": n_quotes, "first_day": first,
            "last_day": last, "last_updated": updated.isoformat(sep=" ") if updated else None}


def failures(con) -> Table:
    """Documents that were skipped or failed, with their reasons."""
    return _table(con.execute("SELECT status, doc_id, origin, reason, ingested_at FROM documents "
                              "WHERE status <> 'stored' ORDER BY ingested_at, origin"))
