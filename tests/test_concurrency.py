"""One writer at a time (issue 9): the first-run build with many sessions at once, two ingests
started together, and a run that finds the warehouse busy."""

import asyncio
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from tests.conftest import ROOT
from tests.serve import PAGES, protocol_session, serve
from xxgk.ingest import WarehouseBusy, ensure_sample_warehouse, ingest, warehouse_lock

pytestmark = pytest.mark.slow  # processes, sessions or a generated corpus: minutes, not seconds


def _count(db: Path, sql: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def test_first_run_with_four_sessions_builds_one_warehouse(tmp_path):
    db = tmp_path / "fresh" / "warehouse.duckdb"
    errors: list[BaseException] = []
    built = []

    def session() -> None:
        try:
            built.append(ensure_sample_warehouse(db))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors
    assert sum(summary is not None for summary in built) == 1  # one build, three waited
    n_files = len([p for p in (ROOT / "data" / "sample").iterdir() if p.suffix in (".txt", ".html")])
    assert _count(db, "select count(*) from reports") == n_files
    assert not list(db.parent.glob("warehouse.duckdb.tmp-*"))


def _split_corpus(small_warehouse, tmp_path) -> tuple[Path, Path, Path]:
    _, _, folder, registry = small_warehouse
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        (first if i % 2 else second).joinpath(path.name).write_bytes(path.read_bytes())
    return first, second, registry


def test_two_ingests_at_once_load_every_report(small_warehouse, tmp_path):
    first, second, registry = _split_corpus(small_warehouse, tmp_path)
    db = tmp_path / "w.duckdb"
    procs = [subprocess.Popen([sys.executable, "-m", "xxgk", "ingest", str(folder), "--db", str(db),
                               "--registry", str(registry), "--quiet", "--workers", "1"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for folder in (first, second)]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert not any("Exception" in err or "Traceback" in err for _, err in outputs)
    together = tmp_path / "one_run.duckdb"
    ingest([first, second], together, [registry], workers=1, progress=False)
    sql = "select count(*) from reports"
    assert _count(db, sql) == _count(together, sql) > 0


def test_a_busy_warehouse_says_so(small_warehouse, tmp_path):
    first, _, registry = _split_corpus(small_warehouse, tmp_path)
    db = tmp_path / "w.duckdb"
    with warehouse_lock(db), pytest.raises(WarehouseBusy, match="另一个导入"):
        ingest([first], db, [registry], workers=1, progress=False, lock_timeout=0.2)
    assert not db.exists()


def test_a_reader_opened_after_an_ingest_sees_it_while_an_old_reader_is_open(small_warehouse,
                                                                           tmp_path):
    from xxgk.warehouse import connect

    first, second, registry = _split_corpus(small_warehouse, tmp_path)
    db = tmp_path / "w.duckdb"
    ingest([first], db, [registry], workers=1, progress=False)
    old = connect(db)  # the dashboard's connection to the version it served
    before = old.execute("select count(*) from reports").fetchone()[0]
    ingest([second], db, [registry], workers=1, progress=False)
    new = connect(db)
    assert new.execute("select count(*) from reports").fetchone()[0] > before
    assert old.execute("select count(*) from reports").fetchone()[0] == before
    old.close()
    new.close()


def test_kill_nine_at_random_points_never_leaves_a_mix(tmp_path):
    """Ten runs killed at random moments: the warehouse opens with exactly the reports it had
    or those of a completed run, never a mix, and the next run finishes."""
    import random
    import signal
    import time

    from xxgk.sample.writer import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 12, seed=4, formats=["txt"], truth=False)
    db = tmp_path / "w.duckdb"
    registry = corpus / "agencies.csv"
    full = tmp_path / "full.duckdb"
    ingest([corpus], full, [registry], workers=1, progress=False)
    complete = _count(full, "select count(*) from reports")
    rng = random.Random(9)
    for _ in range(10):
        before = _count(db, "select count(*) from reports") if db.exists() else 0
        proc = subprocess.Popen([sys.executable, "-m", "xxgk", "ingest", str(corpus), "--db",
                                 str(db), "--registry", str(registry), "--quiet"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        after = _count(db, "select count(*) from reports") if db.exists() else 0
        assert after in {before, complete}, (before, after, complete)
    ingest([corpus], db, [registry], workers=1, progress=False)
    assert _count(db, "select count(*) from reports") == complete
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))


def test_sessions_without_a_browser_click_through_every_page(small_warehouse):
    """Three clients of Streamlit's websocket protocol (no rendering, no widget state sent
    back) open the dashboard and visit every page twice, at once: every run ends, no exception
    box (the year slider once read as one number for such a client)."""
    with serve(small_warehouse[0]) as url:
        async def three():
            return await asyncio.gather(*(protocol_session(url, 600, k, visits=2 * len(PAGES))
                                          for k in range(3)))
        results = asyncio.run(three())
    assert all(len(latencies) > len(PAGES) for latencies, _ in results)
    assert [error for _, errors in results for error in errors] == []
