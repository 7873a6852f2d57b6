"""De-duplication: which event mentions report the same real-world event.

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
        SELECT event_id, md5(concat_ws('|', src, tgt, code, island::VARCHAR)) AS group_id
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
