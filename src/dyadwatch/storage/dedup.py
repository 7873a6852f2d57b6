"""De-duplication: which event mentions report the same real-world event.

`events` holds every mention (one row per sentence that reports an event). `deduplicate`
groups the mentions of one real-world event, as GDELT's Events and Mentions tables do:
same source and target (country, or full actor code), same CAMEO root (or full code), event
days no more than `window_days` apart. The result is `event_groups` (one row per event, with
mention, article and outlet counts) and `event_mentions` (mention -> group, with the
report's outlet, so counting the outlets of many groups joins no article); the raw
mentions stay in `events`. The criteria are stored with the groups, so a query can say what
it counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from dyadwatch.storage.queries import EventFilter, Table, like_pattern

# an event group takes these fields from its most confident mention: (events column, group column)
BEST_MENTION_FIELDS = [(c, c) for c in (
    "cameo", "root", "quad_class", "goldstein", "plover_type", "source_code", "target_code",
    "source_name", "target_name", "location_name", "latitude", "longitude", "location_country",
    "sentence")] + [("event_id", "best_mention")]


@dataclass(frozen=True)
class DedupCriteria:
    window_days: int = 3
    actors: str = "country"  # country | code
    code: str = "root"  # root | cameo

    def describe(self) -> str:
        return f"window={self.window_days}d actors={self.actors} code={self.code}"


def deduplicate(con, criteria: DedupCriteria = DedupCriteria()) -> int:
    """(Re)build event_groups and event_mentions; returns the number of events."""
    if criteria.actors not in ("country", "code") or criteria.code not in ("root", "cameo"):
        raise ValueError("actors must be 'country' or 'code', code 'root' or 'cameo'")
    src = "coalesce(e.source_country, e.source_code)" if criteria.actors == "country" else "e.source_code"
    tgt = "coalesce(e.target_country, e.target_code)" if criteria.actors == "country" else "e.target_code"
    code = "e.root" if criteria.code == "root" else "e.cameo"
    con.execute("BEGIN TRANSACTION")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _m AS
        WITH m AS (
            SELECT e.event_id, e.doc_key, {src} AS src, {tgt} AS tgt, {code} AS code,
                   coalesce(e.event_day, d.published) AS day, d.outlet, e.confidence
            FROM events e JOIN documents d USING (doc_key)
            WHERE NOT e.negated AND {tgt} IS NOT NULL AND {src} IS NOT NULL
        ), gaps AS (
            SELECT *, CASE WHEN day - lag(day) OVER w <= {int(criteria.window_days)} THEN 0 ELSE 1 END AS brk
            FROM m WINDOW w AS (PARTITION BY src, tgt, code ORDER BY day, event_id)
        )
        SELECT *, sum(brk) OVER (PARTITION BY src, tgt, code ORDER BY day, event_id
                                 ROWS UNBOUNDED PRECEDING) AS island
        FROM gaps""")
    con.execute("""
        CREATE OR REPLACE TABLE event_mentions AS
        SELECT event_id, md5(concat_ws('|', src, tgt, code, island::VARCHAR)) AS group_id,
               coalesce(outlet, doc_key) AS outlet
        FROM _m""")
    best = ", ".join(f"arg_max(e.{column}, e.confidence) AS {name}"
                     for column, name in BEST_MENTION_FIELDS)
    con.execute(f"""
        CREATE OR REPLACE TABLE event_groups AS
        SELECT md5(concat_ws('|', m.src, m.tgt, m.code, m.island::VARCHAR)) AS group_id,
               m.src AS source, m.tgt AS target, m.code AS code,
               min(m.day) AS first_day, max(m.day) AS last_day,
               count(*) AS num_mentions, count(DISTINCT m.doc_key) AS num_articles,
               count(DISTINCT coalesce(m.outlet, m.doc_key)) AS num_sources,
               {best},
               '{criteria.describe()}' AS criteria
        FROM _m m JOIN events e USING (event_id)
        GROUP BY m.src, m.tgt, m.code, m.island""")
    con.execute("COMMIT")
    return con.execute("SELECT count(*) FROM event_groups").fetchone()[0]


def has_groups(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = 'event_groups'").fetchone()[0])


# what a listing shows of a de-duplicated event: the group and its most confident mention
GROUP_DETAIL = (
    "g.group_id", "g.first_day AS day", "g.last_day", "g.source", "g.target", "g.source_code",
    "g.source_name", "g.target_code", "g.target_name", "g.cameo", "g.root", "g.quad_class",
    "g.goldstein", "g.plover_type", "g.num_mentions", "g.num_articles", "g.num_sources",
    "g.location_name", "g.sentence", "e.event_id", "e.trigger", "e.source_text", "e.target_text",
    "e.sentence_index", "e.start", "e.end", "e.date", "e.date_granularity", "e.date_source",
    "d.doc_key", "d.doc_id", "d.url", "d.title", "d.outlet", "d.published")
_GROUPS = ("event_groups g JOIN events e ON e.event_id = g.best_mention "
           "JOIN documents d ON d.doc_key = e.doc_key")


def group_where(which: EventFilter) -> tuple[str, list]:
    """`EventFilter` over `event_groups g`: actors as the groups hold them (a country, or a
    code where there is none), the root, QuadClass and days of the group's first day."""
    where, params = ["TRUE"], []
    if which.source and which.target and which.dyad:
        where.append("((g.source = ? AND g.target = ?) OR (g.source = ? AND g.target = ?))")
        params += [which.source, which.target, which.target, which.source]
    else:
        for col, value in (("source", which.source), ("target", which.target)):
            if value:
                where.append(f"(g.{col} = ? OR g.{col}_code LIKE ? ESCAPE '\\')")
                params += [value, like_pattern(value, prefix_only=True)]
    for cond, value in (("g.root = ?", which.root and str(which.root).zfill(2)),
                        ("g.quad_class = ?", which.quad_class),
                        ("g.first_day >= ?::DATE", which.since),
                        ("g.first_day <= ?::DATE", which.until),
                        ("g.group_id = ?", which.group_id)):
        if value:
            where.append(cond)
            params.append(value)
    return " AND ".join(where), params


def build_listing(con) -> None:
    """`group_listing`: each group with what a listing shows of its best mention (its
    article, trigger, offsets and dates), joined once, so that `list_groups(listing=True)`
    reads one table. For a connection whose default catalog is in memory (`serve`)."""
    con.execute(f"CREATE OR REPLACE TABLE group_listing AS "
                f"SELECT {', '.join(GROUP_DETAIL)}, g.first_day FROM {_GROUPS}")


def list_groups(con, which: EventFilter = EventFilter(), limit: int = 50, offset: int = 0,
                by_weight: bool = False, listing: bool = False) -> Table:
    """De-duplicated events, newest first; `by_weight`: those that move the Goldstein mean
    of the selection most first (|goldstein - mean| / n, with that share in `weight`). The
    page is chosen from the groups alone, then joined to its best mentions (`listing`:
    read from `group_listing` instead, see `build_listing`)."""
    where, params = group_where(which)
    order = "abs(weight) DESC, day DESC, group_id" if by_weight else "day DESC, group_id"
    weight = "round((g.goldstein - avg(g.goldstein) OVER ()) / count(*) OVER (), 3) AS weight"
    if listing:
        sql = f"""SELECT * EXCLUDE (first_day) FROM (
                      SELECT g.*, {weight} FROM group_listing g WHERE {where})
                  ORDER BY {order} LIMIT ? OFFSET ?"""
    else:
        sql = f"""
            WITH page AS (
                SELECT * FROM (SELECT g.*, g.first_day AS day, {weight}
                               FROM event_groups g WHERE {where})
                ORDER BY {order} LIMIT ? OFFSET ?)
            SELECT {', '.join(GROUP_DETAIL)}, g.weight
            FROM page g JOIN events e ON e.event_id = g.best_mention
            JOIN documents d ON d.doc_key = e.doc_key
            ORDER BY {order.replace("weight", "g.weight").replace("group_id", "g.group_id")}"""
    cur = con.execute(sql, params + [int(limit), int(offset)])
    return Table([c[0] for c in cur.description], cur.fetchall())


def count_groups(con, which: EventFilter = EventFilter()) -> dict:
    """How many events `which` selects, from how many reports (mentions), articles and
    outlets (distinct over all the selected groups' reports, from `event_mentions.outlet`;
    groups stored before that column existed join the reports to their articles)."""
    where, params = group_where(which)
    reports = "event_mentions"
    if "outlet" not in _columns(con, "event_mentions"):
        reports = """(SELECT m.group_id, coalesce(d.outlet, d.doc_key) AS outlet
                      FROM event_mentions m JOIN events e USING (event_id)
                      JOIN documents d ON d.doc_key = e.doc_key)"""
    outlets = f"SELECT count(DISTINCT m.outlet) FROM {reports} m" + \
        ("" if where == "TRUE" else " JOIN sel USING (group_id)")  # every group: no join
    n, mentions, articles, n_outlets = con.execute(f"""
        WITH sel AS MATERIALIZED (SELECT g.group_id, g.num_mentions, g.num_articles
                                  FROM event_groups g WHERE {where})
        SELECT count(*), coalesce(sum(num_mentions), 0), coalesce(sum(num_articles), 0),
               ({outlets})
        FROM sel""", params).fetchone()
    return {"events": n, "reports": mentions, "articles": articles, "outlets": n_outlets}


def _columns(con, table: str) -> list[str]:
    return [c[0] for c in con.execute(f"SELECT * FROM {table} LIMIT 0").description]


def criteria_of(con) -> str | None:
    """The criteria the stored groups were built with."""
    row = con.execute("SELECT any_value(criteria) FROM event_groups").fetchone()
    return row[0] if row else None
