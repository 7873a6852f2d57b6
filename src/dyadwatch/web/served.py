"""The store as the dashboard reads it: a DuckDB file attached read-only to an in-memory
database (so events can be de-duplicated for the page without writing the file), or a
Parquet lake; with a clear message when another process holds the file."""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
import weakref

import duckdb

from dyadwatch.storage.dedup import build_listing, deduplicate, has_groups
from dyadwatch.storage.schema import SCHEMA, select_list
from dyadwatch.storage.store import Store, StoreMissing, StoreUnusable
from dyadwatch.web.cache import file_stamp


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
        columns = "*"
        if table in SCHEMA:  # a file of an older schema: its missing columns read as NULL
            columns = select_list(table, {c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = 'store' "
                "AND table_name = ?", [table]).fetchall()})
        con.execute(f'CREATE VIEW "{table}" AS SELECT {columns} FROM store.main."{table}"')
    stored_groups = has_groups(con)
    if not stored_groups:
        deduplicate(con)
    build_listing(con)  # in memory: the listing of events joins nothing per request
    return con, stored_groups


class LiveSnapshot:
    """A store file served while another process (`watch`, `ingest`) may write it. DuckDB
    lets no other process read a file while one writes it, so the page reads a private copy,
    taken while no writer holds the file (held only for the copy), and taken again when the
    file has changed (its size and modification time, and its WAL's, looked at on each
    request), at most one copy every `every` seconds. `generation` counts the copies;
    the previous copy is kept until the next swap so requests under way finish on it."""

    def __init__(self, db: str, every: float = 0.0):
        self.db, self.every = db, every
        self.folder = tempfile.mkdtemp(prefix="dyadwatch-serve-")
        weakref.finalize(self, shutil.rmtree, self.folder, True)  # the copies go with the app
        self.lock = threading.Lock()
        self.generation = 0
        self.checked_at = time.monotonic()
        self._file_stamp = file_stamp(db)
        self.stamp = self._file_stamp()
        self.con, self.stored_groups = self._take()  # StoreMissing, StoreUnusable as open_served
        self.previous: tuple[duckdb.DuckDBPyConnection, str] | None = None

    def _copy_path(self) -> str:
        return os.path.join(self.folder, f"store-{self.generation}.duckdb")

    def _take(self) -> tuple[duckdb.DuckDBPyConnection, bool]:
        copy = self._copy_path()
        holder = Store.open(db=self.db, read_only=True)  # no writer can start while copying
        try:
            shutil.copyfile(self.db, copy)
            if os.path.exists(self.db + ".wal"):
                shutil.copyfile(self.db + ".wal", copy + ".wal")
        finally:
            holder.close()
        return open_served(copy, None)

    def refresh(self) -> int:
        """The generation now served, after a new copy if the file changed (and is free)."""
        if self._file_stamp() == self.stamp or time.monotonic() - self.checked_at < self.every:
            return self.generation
        with self.lock:
            stamp = self._file_stamp()
            if stamp == self.stamp:
                return self.generation
            self.checked_at = time.monotonic()
            old = (self.con, self._copy_path())
            self.generation += 1
            try:
                self.con, self.stored_groups = self._take()
            except (StoreUnusable, duckdb.Error, OSError):  # a writer holds it: next time
                self.generation -= 1
                return self.generation
            self.stamp = stamp
            if self.previous is not None:
                self.previous[0].close()
                for name in (self.previous[1], self.previous[1] + ".wal"):
                    if os.path.exists(name):
                        os.remove(name)
            self.previous = old
            return self.generation

    def close(self) -> None:
        for con in (self.con, self.previous[0] if self.previous else None):
            if con is not None:
                con.close()
        shutil.rmtree(self.folder, ignore_errors=True)


__all__ = ["LiveSnapshot", "StoreMissing", "StoreUnusable", "open_served"]
