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
    select_list,
    sql_type,
)


class StoreMissing(FileNotFoundError):
    """No store or lake where one was asked for; the message says what to run."""


class StoreUnusable(OSError):
    """A store that cannot be opened (in use by a writer, damaged) or written (disk full);
    the message names the file and says what to do."""


class RowsRejected(ValueError):
    """Rows the store's column types cannot take (the batch was rolled back)."""


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
        con = _connect_file(db, read_only)
        if read_only and any(missing_columns(con).values()):
            con.close()  # written by an older schema: read through views that fill the gaps
            return cls.open_snapshot(db)
        return cls(con, db, lake=False, read_only=read_only)

    @classmethod
    def open_snapshot(cls, db: str) -> Store:
        """A store file attached read-only to an in-memory database: its tables are views,
        and tables built for one query (event groups) stay in memory. The file is never
        written."""
        if not os.path.exists(db):
            raise StoreMissing(f"no database at {db}: create it with "
                               f"`dyadwatch ingest PATH --db {db}`")
        _connect_file(db, read_only=True).close()  # a clear message if in use or damaged
        con = duckdb.connect()
        con.execute(f"ATTACH '{db.replace(chr(39), chr(39) * 2)}' AS stored (READ_ONLY)")
        # a file written by an older schema: its missing columns read as NULL, tables as empty
        present = _present_columns(con, "stored")
        for table in SCHEMA:
            if table in present:
                con.execute(f"CREATE VIEW {table} AS SELECT "
                            f"{select_list(table, present[table])} FROM stored.{table}")
            else:
                con.execute(f"CREATE TABLE {table} ({columns_sql(table)})")
        return cls(con, db, lake=False, read_only=True)

    def drop_stale_groups(self) -> None:
        """Event groups stored by `dyadwatch dedup` no longer cover the events after an
        ingest added some: they are dropped (read-only verbs group in memory anyway)."""
        self.con.execute("DROP TABLE IF EXISTS event_mentions")
        self.con.execute("DROP TABLE IF EXISTS event_groups")

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
                    try:
                        arrow = pa.Table.from_pylist(items, schema=arrow_schema(table))
                    except (pa.ArrowException, TypeError, ValueError, OverflowError) as exc:
                        raise RowsRejected(f"{table}: {exc}") from exc
                    # documents already stored (by another run) are left as they are
                    self._insert(table, arrow)
                    counts[table] = len(items)
            self.con.execute("COMMIT")
        except BaseException as exc:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # DuckDB ended the transaction itself (disk full): nothing to roll back
            if isinstance(exc, duckdb.IOException):
                raise StoreUnusable(f"cannot write to the store ({self.location}): {exc}. Free "
                                    f"disk space and run the same command again: it carries on "
                                    f"where it stopped") from exc
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
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows{conflict}")
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


def _present_columns(con: duckdb.DuckDBPyConnection, catalog: str | None = None) -> dict[str, set[str]]:
    """The columns each table of the database (or attached `catalog`) has."""
    catalog = catalog or con.execute("SELECT current_database()").fetchone()[0]
    present: dict[str, set[str]] = {}
    for table, column in con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = ? "
            "AND schema_name = 'main'", [catalog]).fetchall():
        present.setdefault(table, set()).add(column)
    return present


def missing_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The schema's columns that the store's existing tables lack (a file of an older
    schema); a table the file lacks altogether is not listed."""
    present = _present_columns(con)
    return {t: [n for n, _ in cols if n not in present[t]]
            for t, cols in SCHEMA.items() if t in present}


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a file of an older schema up to this one: the columns added since are added
    (empty for the rows already stored), and the schema version recorded."""
    for table, columns in missing_columns(con).items():
        for column in columns:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {sql_type(table, column)}')
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def _connect_file(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise StoreUnusable(f"the store is in use by another process ({path}): DuckDB allows "
                                f"one writer, and no other process while it writes; wait for the "
                                f"ingest (or stop `serve`) and run this again") from exc
        raise StoreUnusable(f"not a readable dyadwatch store ({path}): {exc}. The file may be "
                            f"truncated or not a DuckDB database; ingest into a new file") from exc
    except duckdb.Error as exc:
        raise StoreUnusable(f"not a readable dyadwatch store ({path}): {exc}") from exc
    if not read_only:
        for table in SCHEMA:
            key = KEYS.get(table)
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                        f"({columns_sql(table)}{', ' + key if key else ''})")
        con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        _migrate(con)
    return con
