"""From event mentions to events and dyad time series, in DuckDB.

`events` holds every mention (one row per sentence that reports an event). `deduplicate`
groups the mentions of one real-world event, as GDELT's Events and Mentions tables do:
same source and target (country, or full actor code), same CAMEO root (or full code), event
days no more than `window_days` apart. The result is `event_groups` (one row per event, with
mention, article and outlet counts) and `event_mentions` (mention -> group); the raw
mentions stay in `events`. The criteria are stored with the groups, so a query can say what
it counted.
"""
from __future__ import annotations

from dataclasses import dataclass

PERIODS = ("day", "week", "month", "quarter", "year")


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
        SELECT event_id, md5(concat_ws('|', src, tgt, code, island::VARCHAR)) AS group_id
        FROM _m""")
    con.execute(f"""
        CREATE OR REPLACE TABLE event_groups AS
        SELECT md5(concat_ws('|', m.src, m.tgt, m.code, m.island::VARCHAR)) AS group_id,
               m.src AS source, m.tgt AS target, m.code AS code,
               min(m.day) AS first_day, max(m.day) AS last_day,
               count(*) AS num_mentions, count(DISTINCT m.doc_key) AS num_articles,
               count(DISTINCT coalesce(m.outlet, m.doc_key)) AS num_sources,
               arg_max(e.cameo, e.confidence) AS cameo, arg_max(e.root, e.confidence) AS root,
               arg_max(e.quad_class, e.confidence) AS quad_class,
               arg_max(e.goldstein, e.confidence) AS goldstein,
               arg_max(e.plover_type, e.confidence) AS plover_type,
               arg_max(e.source_code, e.confidence) AS source_code,
               arg_max(e.target_code, e.confidence) AS target_code,
               arg_max(e.source_name, e.confidence) AS source_name,
               arg_max(e.target_name, e.confidence) AS target_name,
               arg_max(e.location_name, e.confidence) AS location_name,
               arg_max(e.latitude, e.confidence) AS latitude,
               arg_max(e.longitude, e.confidence) AS longitude,
               arg_max(e.location_country, e.confidence) AS location_country,
               arg_max(e.sentence, e.confidence) AS sentence,
               arg_max(e.event_id, e.confidence) AS best_mention,
               '{criteria.describe()}' AS criteria
        FROM _m m JOIN events e USING (event_id)
        GROUP BY m.src, m.tgt, m.code, m.island""")
    con.execute("COMMIT")
    return con.execute("SELECT count(*) FROM event_groups").fetchone()[0]


def has_groups(con) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = 'event_groups'").fetchone()[0])


def relations(con, a: str, b: str, by: str = "month", directed: bool = False,
              mentions: bool = False):
    """Per period: events of the dyad by QuadClass, Goldstein sum and mean, and the dyad's
    share of all events that period. Returns (columns, rows)."""
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
    sql = f"""
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
        GROUP BY period ORDER BY period"""
    cur = con.execute(sql, {"a": a, "b": b})
    return [d[0] for d in cur.description], cur.fetchall()


def list_events(con, source=None, target=None, root=None, since=None, until=None, limit=50):
    """Mentions with their sentences and article ids, newest first."""
    where, params = ["NOT e.negated"], {}
    for col, value in (("source", source), ("target", target)):
        if value:
            where.append(f"(e.{col}_country = ${col} OR e.{col}_code LIKE ${col} || '%')")
            params[col] = value
    if root:
        where.append("e.root = $root")
        params["root"] = str(root).zfill(2)
    if since:
        where.append("coalesce(e.event_day, d.published) >= $since::DATE")
        params["since"] = since
    if until:
        where.append("coalesce(e.event_day, d.published) <= $until::DATE")
        params["until"] = until
    sql = f"""
        SELECT coalesce(e.event_day, d.published) AS day, e.source_code, e.cameo, e.target_code,
               e.goldstein, d.doc_id, d.url, e.sentence
        FROM events e JOIN documents d USING (doc_key)
        WHERE {' AND '.join(where)}
        ORDER BY day DESC, e.event_id LIMIT {int(limit)}"""
    cur = con.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchall()
