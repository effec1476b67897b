"""Ingest on a Dask cluster (issue 13): a local scheduler with two worker processes, the CLI given
its address; the warehouse must be the one a local run builds."""

import subprocess
import sys

import duckdb
import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # starts a scheduler and two worker processes


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        yield cluster


def _rows(db, sql):
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(con.execute(sql).fetchall(), key=repr)


TABLES = ["select report_id, agency_id, year, superseded_by, source_path from reports",
          "select * from report_values",
          "select report_id, rule, severity, message, scope from findings",
          "select * from report_facts", "select report_id, section, text from narratives"]


def test_ingest_on_a_cluster_builds_the_warehouse_a_local_run_builds(scheduler, small_warehouse,
                                                                     tmp_path):
    local_db, summary, folder, registry = small_warehouse
    db, parts = tmp_path / "w.duckdb", tmp_path / "parts"
    done = subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(folder), "--db", str(db),
                           "--registry", str(registry), "--cluster", scheduler.scheduler_address,
                           "--parts", str(parts), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"reports loaded {summary.loaded}" in done.stdout
    for sql in TABLES:
        assert _rows(db, sql) == _rows(local_db, sql), sql
    assert not any(parts.iterdir())  # the run's Parquet batches are gone once loaded
    assert len(scheduler.workers) == 2


def test_a_batch_is_parquet_with_one_record_per_file(scheduler, small_warehouse, tmp_path):
    from distributed import Client

    from xxgk.cluster import parse_batch, read_batch
    from xxgk.ingest import ParseJob
    from xxgk.parse import report_digest

    _, _, folder, _ = small_warehouse
    files = sorted(folder.glob("*.txt"))[:3]
    jobs = [ParseJob(str(f), report_digest(f)) for f in files] + [
        ParseJob(str(tmp_path / "gone.txt"), "0" * 64)]
    with Client(scheduler.scheduler_address) as client:
        path = client.submit(parse_batch, jobs, str(tmp_path / "b.parquet")).result()
    records = list(read_batch(path))
    assert [r["source"]["sha256"] for r in records] == [j.sha256 for j in jobs]
    assert all(r["values"] for r in records[:3])
    assert records[3]["values"] == {} and records[3]["findings"][0]["rule"] == "unreadable-file"


def test_an_unreachable_scheduler_is_said_plainly(small_warehouse, tmp_path):
    _, _, folder, registry = small_warehouse
    db = tmp_path / "w.duckdb"
    done = subprocess.run([sys.executable, "-c",
                           "import sys, xxgk.cluster as c; c.CONNECT_SECONDS = 2; "
                           "from xxgk.cli import main; sys.exit(main())", "ingest", str(folder),
                           "--db", str(db), "--registry", str(registry),
                           "--cluster", "tcp://127.0.0.1:9", "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "无法连接 Dask 集群 tcp://127.0.0.1:9" in done.stderr
    assert not db.exists() and not (tmp_path / "w.duckdb.parts").exists()
