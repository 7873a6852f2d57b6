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
                "e.date_granularity", "e.source_text", "e.source_name", "e.source_code",
                "e.target_text", "e.target_name", "e.target_code", "e.cameo", "e.root",
                "e.quad_class", "e.goldstein", "e.plover_type", "e.trigger", "e.sentence",
                "e.location_name", "e.confidence", "d.doc_id", "d.doc_key", "d.url", "d.title")


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

    def where(self) -> tuple[str, list]:
        """The SQL condition over `events e JOIN documents d`, and its parameters."""
        where, params = ["NOT e.negated"], []
        if self.source and self.target and self.dyad:
            where.append("((e.source_country = ? AND e.target_country = ?) OR "
                         "(e.source_country = ? AND e.target_country = ?))")
            params += [self.source, self.target, self.target, self.source]
        else:
            for col, value in (("source", self.source), ("target", self.target)):
                if value:
                    where.append(f"(e.{col}_country = ? OR e.{col}_code LIKE ? || '%')")
                    params += [value, value]
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
                offset: int = 0) -> Table:
    """Event mentions with their sentences and articles, newest first."""
    where, params = which.where()
    return _table(con.execute(f"""
        SELECT {', '.join(columns)}
        FROM events e JOIN documents d USING (doc_key)
        WHERE {where}
        ORDER BY day DESC, e.event_id LIMIT ? OFFSET ?""", params + [int(limit), int(offset)]))


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
    return _table(con.execute(f"""
        WITH t AS (SELECT *, date_trunc('{by}', first_day)::DATE AS period FROM {table}
                   WHERE first_day IS NOT NULL),
             total AS (SELECT period, count(*) AS n_all FROM t GROUP BY period)
        SELECT period,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 2) AS goldstein_sum,
               round(avg(goldstein), 3) AS goldstein_mean,
               round(count(*) / any_value(n_all), 4) AS share_of_all_events,
               round(count(*) FILTER (WHERE quad_class IN (1, 2)) / any_value(n_all), 4) AS coop_share,
               round(count(*) FILTER (WHERE quad_class IN (3, 4)) / any_value(n_all), 4) AS conflict_share
        FROM t JOIN total USING (period)
        WHERE {pair}
        GROUP BY period ORDER BY period""", {"a": a, "b": b}))


def dyads(con, limit: int = 30) -> Table:
    """The most frequent country pairs (undirected)."""
    return _table(con.execute("""
        SELECT least(source_country, target_country) AS a,
               greatest(source_country, target_country) AS b, count(*) AS events
        FROM events WHERE NOT negated AND source_country IS NOT NULL
          AND target_country IS NOT NULL AND source_country <> target_country
        GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""", [limit]))


def quotes(con, speaker: str | None = None, limit: int = 50) -> Table:
    """Quotes, optionally by speaker (name, text or code, case-insensitive substring)."""
    where, params = "", []
    if speaker:
        where = "WHERE q.speaker_name ILIKE ? OR q.speaker_text ILIKE ? OR q.speaker_code ILIKE ?"
        params = [f"%{speaker}%"] * 3
    return _table(con.execute(f"""
        SELECT q.text, q.kind, q.speaker_text, q.speaker_name, q.speaker_code, q.cue,
               q.addressee, d.doc_id, d.doc_key, d.url, d.published
        FROM quotes q JOIN documents d USING (doc_key) {where}
        ORDER BY d.published DESC NULLS LAST, q.doc_key, q.quote_index LIMIT ?""",
        params + [limit]))


def speakers(con, limit: int = 30) -> Table:
    """Who is quoted most."""
    return _table(con.execute("""
        SELECT coalesce(speaker_name, speaker_text) AS speaker, any_value(speaker_code) AS code,
               count(*) AS quotes
        FROM quotes WHERE coalesce(speaker_name, speaker_text) IS NOT NULL
        GROUP BY 1 ORDER BY quotes DESC, speaker LIMIT ?""", [limit]))


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


def search(con, text: str, limit: int = 50) -> Table:
    """Stored sentences containing `text` (case-insensitive substring)."""
    return _table(con.execute("""
        SELECT s.text, s.sentence_index, d.doc_id, d.doc_key, d.url, d.published
        FROM sentences s JOIN documents d USING (doc_key)
        WHERE s.text ILIKE '%' || ? || '%'
        ORDER BY d.published DESC NULLS LAST, s.doc_key, s.sentence_index LIMIT ?""",
        [text.replace("%", r"\%"), limit]))


def document(con, doc_key: str) -> dict | None:
    """One article: its metadata and sentences, or None."""
    doc = _table(con.execute("SELECT doc_key, doc_id, published, url, title, outlet, n_events, "
                             "n_quotes FROM documents WHERE doc_key = ?", [doc_key])).dicts()
    if not doc:
        return None
    sentences = [t for (t,) in con.execute(
        "SELECT text FROM sentences WHERE doc_key = ? ORDER BY sentence_index", [doc_key]).fetchall()]
    return {**doc[0], "sentences": sentences}


def summary(con) -> dict:
    """Counts of stored documents, events and quotes, and the span of event days."""
    docs, events, n_quotes = con.execute(
        "SELECT (SELECT count(*) FROM documents WHERE status = 'stored'), "
        "(SELECT count(*) FROM events), (SELECT count(*) FROM quotes)").fetchone()
    first, last = con.execute("SELECT min(event_day), max(event_day) FROM events").fetchone()
    return {"documents": docs, "events": events, "quotes": n_quotes, "first_day": first,
            "last_day": last}


def failures(con) -> Table:
    """Documents that were skipped or failed, with their reasons."""
    return _table(con.execute("SELECT status, doc_id, origin, reason, ingested_at FROM documents "
                              "WHERE status <> 'stored' ORDER BY ingested_at, origin"))
