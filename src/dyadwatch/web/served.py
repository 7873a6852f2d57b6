"""The store as the dashboard reads it: a DuckDB file attached read-only to an in-memory
database (so events can be de-duplicated for the page without writing the file), or a
Parquet lake; with a clear message when another process holds the file."""
from __future__ import annotations

import duckdb

from dyadwatch.storage.dedup import build_listing, deduplicate, has_groups
from dyadwatch.storage.store import Store, StoreMissing, StoreUnusable


def open_served(db: str | None, lake: str | None) -> tuple[duckdb.DuckDBPyConnection, bool]:
    """A connection with every table of the store, event groups (built in memory where
    the store has none) and their listing (`group_listing`, in memory); and whether the
    groups came from the store itself."""
    if lake:
        store = Store.open(lake=lake)
        deduplicate(store.con)
        build_listing(store.con)
        return store.con, False
    Store.open(db=db, read_only=True).close()  # StoreMissing, StoreUnusable say what to do
    con = duckdb.connect(":memory:")
    quoted = db.replace("'", "''")
    try:
        con.execute(f"ATTACH '{quoted}' AS store (READ_ONLY)")
    except duckdb.Error as exc:  # a writer took the file in between
        raise StoreUnusable(f"the store is in use by another process ({db}): DuckDB allows one "
                            f"writer and no reader while it writes; serve it when the ingest "
                            f"has finished") from exc
    tables = [t for (t,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = 'store'").fetchall()]
    for table in tables:
        if table == "group_listing":  # built below, in memory
            continue
        con.execute(f'CREATE VIEW "{table}" AS SELECT * FROM store.main."{table}"')
    stored_groups = has_groups(con)
    if not stored_groups:
        deduplicate(con)
    build_listing(con)  # in memory: the listing of events joins nothing per request
    return con, stored_groups


__all__ = ["StoreMissing", "StoreUnusable", "open_served"]
