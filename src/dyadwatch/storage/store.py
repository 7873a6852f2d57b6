"""`Store`: one interface over a DuckDB file (read-only or writable) or a Parquet lake.

A DuckDB store is one file, no server. Each batch is written in one transaction through
Arrow tables (row-by-row inserts are hundreds of times slower): a run killed at any point
leaves whole batches only, and the next run carries on from the first document not yet
stored. A lake opens as an in-memory DuckDB with views over its Parquet files, so every
query (`storage.queries`, `storage.dedup`, `storage.exports`) reads both the same way.
"""
from __future__ import annotations

import os
from collections.abc import Iterable

import duckdb
import pyarrow as pa

from dyadwatch.storage.lake import connect_views, is_lake
from dyadwatch.storage.schema import (
    KEYS,
    SCHEMA,
    SCHEMA_VERSION,
    TABLES,
    Rows,
    arrow_schema,
    columns_sql,
    merge_rows,
)


class StoreMissing(FileNotFoundError):
    """No store or lake where one was asked for; the message says what to run."""


class Store:
    """An open store: `con` is its DuckDB connection (`cursor()` gives one per thread)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, location: str, *, lake: bool,
                 read_only: bool):
        self.con = con
        self.location = location
        self.is_lake = lake
        self.read_only = read_only

    @classmethod
    def open(cls, db: str | None = None, lake: str | None = None,
             read_only: bool = True) -> Store:
        """An existing store file (`db`) or Parquet lake (`lake`). A lake is always an
        in-memory view (tables built on it, such as event groups, stay in memory)."""
        if bool(db) == bool(lake):
            raise ValueError("open a store with one of db (a DuckDB file) or lake (a folder)")
        if lake:
            if not is_lake(lake):
                raise StoreMissing(f"no dyadwatch lake at {lake}: create it with "
                                   f"`dyadwatch ingest PATH --engine dask --lake {lake}`")
            return cls(connect_views(lake), lake, lake=True, read_only=False)
        if not os.path.exists(db):
            raise StoreMissing(f"no database at {db}: create it with "
                               f"`dyadwatch ingest PATH --db {db}`")
        return cls(_connect_file(db, read_only), db, lake=False, read_only=read_only)

    @classmethod
    def create(cls, db: str) -> Store:
        """A writable store file, created (with its tables) if it is not there yet."""
        return cls(_connect_file(db, read_only=False), db, lake=False, read_only=False)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    def stored_keys(self) -> set[str]:
        return {k for (k,) in self.con.execute("SELECT doc_key FROM documents").fetchall()}

    def table_counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in SCHEMA}

    def write_batch(self, batch: Iterable[Rows]) -> dict[str, int]:
        """Insert one batch of documents' rows in a single transaction, through Arrow."""
        counts = {}
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, items in merge_rows(batch).items():
                if items:
                    # documents already stored (by another run) are left as they are
                    self._insert(table, pa.Table.from_pylist(items, schema=arrow_schema(table)))
                    counts[table] = len(items)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return counts

    def add_from(self, source: Store) -> dict[str, int]:
        """Copy another store's rows (a lake's, say) into this one, skipping the documents
        this one already holds; returns the rows added per table."""
        known = self.stored_keys()
        added = {}
        for table in TABLES:
            arrow = source.con.sql(f"SELECT * FROM {table}").to_arrow_table()
            if known:
                keep = pa.array([k not in known for k in arrow.column("doc_key").to_pylist()])
                arrow = arrow.filter(keep)
            self._insert(table, arrow)
            added[table] = arrow.num_rows
        return added

    def _insert(self, table: str, arrow: pa.Table) -> None:
        conflict = " ON CONFLICT DO NOTHING" if table in KEYS else ""
        self.con.register("_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} SELECT * FROM _rows{conflict}")
        finally:
            self.con.unregister("_rows")

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        kind = "lake" if self.is_lake else "read-only store" if self.read_only else "store"
        return f"<dyadwatch {kind} at {self.location}>"


def _connect_file(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(path, read_only=read_only)
    if not read_only:
        for table in SCHEMA:
            key = KEYS.get(table)
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                        f"({columns_sql(table)}{', ' + key if key else ''})")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    return con
