"""The pipeline on a Dask LocalCluster: the same rows as one machine, and a worker killed
mid-run costs nothing."""
import os
import signal
import threading
import time

import duckdb
import pytest

from dyadwatch.engines.dask import ingest_dask
from dyadwatch.engines.local import ingest
from dyadwatch.io import synth
from dyadwatch.storage.store import Store

EVENT_ROW = 'SELECT doc_key, sentence_index, cameo, source_code, target_code, start, "end", event_day FROM events'
TABLES = ("documents", "sentences", "actors", "events", "quotes")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("lake") / "c.jsonl"
    synth.write_jsonl(synth.corpus(500, 4, seed=3), str(path))
    return path


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("single") / "s.duckdb"
    ingest([str(corpus)], str(db))
    return db


def _rows(con):
    return sorted(con.execute(EVENT_ROW).fetchall()), {
        t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_two_worker_cluster_equals_single_machine(corpus, single, tmp_path):
    lake = tmp_path / "lake"
    totals = ingest_dask([str(corpus)], str(lake), workers=2, partition_docs=60)
    assert totals["documents"] == 500
    assert _rows(Store.open(lake=str(lake)).con) == _rows(duckdb.connect(str(single), read_only=True))
    assert {p.name for p in (lake / "events").iterdir()} >= {"event_month=2021-01"}
    again = ingest_dask([str(corpus)], str(lake), workers=1, partition_docs=60)
    assert again["already_in_lake"] == again["partitions"]
    db = tmp_path / "loaded.duckdb"
    with Store.create(str(db)) as store, Store.open(lake=str(lake)) as source:
        assert store.add_from(source)["documents"] == 500
    assert _rows(duckdb.connect(str(db), read_only=True)) == _rows(duckdb.connect(str(single), read_only=True))
    from fastapi.testclient import TestClient  # the dashboard serves the lake as it is

    from dyadwatch.web.app import create_app

    summary = TestClient(create_app(lake=str(lake))).get("/api/summary")
    assert summary.status_code == 200 and summary.json()["documents"] == 500


def test_a_killed_worker_loses_and_doubles_nothing(corpus, single, tmp_path):
    from dask.distributed import Client, LocalCluster

    lake = tmp_path / "lake"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        pids = list(client.run(os.getpid).values())
        killed = []

        def kill_one():
            while not (lake / "documents").exists() or not any((lake / "documents").iterdir()):
                time.sleep(0.05)
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

        killer = threading.Thread(target=kill_one, daemon=True)
        killer.start()
        totals = ingest_dask([str(corpus)], str(lake), partition_docs=40, client=client)
        killer.join(10)
    assert killed, "the worker was never killed"
    con = Store.open(lake=str(lake)).con
    assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone() == (500, 500)
    assert _rows(con) == _rows(duckdb.connect(str(single), read_only=True))
    assert totals["partitions"] == 13


def test_appending_to_a_lake_equals_a_clean_ingest_of_the_union(tmp_path):
    docs = synth.corpus(250, 4, seed=8)
    first, union = tmp_path / "first.jsonl", tmp_path / "union.jsonl"
    synth.write_jsonl(docs[:150], str(first))
    synth.write_jsonl(docs, str(union))
    lake, clean = tmp_path / "lake", tmp_path / "clean"
    ingest_dask([str(first)], str(lake), workers=1, partition_docs=40)
    ingest_dask([str(union)], str(lake), workers=1, partition_docs=60)  # cut differently
    ingest_dask([str(union)], str(clean), workers=1, partition_docs=100)
    assert _rows(Store.open(lake=str(lake)).con) == _rows(Store.open(lake=str(clean)).con)
    con = Store.open(lake=str(lake)).con  # 250 articles, a few of the same text
    assert con.execute("SELECT count(*), count(DISTINCT doc_key) FROM documents").fetchone() == (248, 248)
