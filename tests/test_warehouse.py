"""Ingest into DuckDB: counts, idempotence, supersede, cross-year rules, atomicity."""

import os
import signal
import subprocess
import sys
import time

import duckdb

from tests.conftest import ROOT
from xxgk.ingest import PAUSE_CHUNK_ENV, PAUSE_ENV, ingest, partial_path


def _rows(db, sql, *params):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def test_summary_counts(small_warehouse):
    _, summary, _, _ = small_warehouse
    assert (summary.files, summary.loaded, summary.superseded, summary.duplicates) == (9, 8, 1, 1)
    assert list(summary.unknown_agencies) == ["河东区水务局"]


def test_same_files_again_change_nothing(small_warehouse, tmp_path):
    db, _, folder, registry = small_warehouse
    copy = tmp_path / "again.duckdb"
    copy.write_bytes(db.read_bytes())
    again = ingest([folder], copy, [registry], workers=1, progress=False)
    assert (again.loaded, again.duplicates) == (0, 9)
    for table in ("reports", "report_values", "findings", "narratives"):
        count = f"select count(*) from {table}"
        assert _rows(copy, count) == _rows(db, count)


def test_newer_file_supersedes_and_old_stays(small_warehouse):
    db, *_ = small_warehouse
    rows = _rows(db, "select source_path, superseded_by is null from reports where agency_id = 't3'")
    assert sorted((os.path.basename(p), current) for p, current in rows) == [
        ("t3_2022_first.txt", False), ("t3_2022_fixed.txt", True)]
    assert _rows(db, "select granted from report_facts where agency_id = 't3'") == [(41.0,)]


def test_unknown_agency_placed_by_its_region(small_warehouse):
    db, *_ = small_warehouse
    assert _rows(db, "select name, kind, district, in_registry from agencies where agency_id "
                     "like 'u%'") == [("水务局", "部门", "河东区", False)]


def test_cross_year_rules(small_warehouse):
    db, *_ = small_warehouse
    found = _rows(db, "select r.agency_id, r.year, f.rule from findings f join reports r "
                      "using (report_id) where f.scope = 'warehouse' and f.rule <> 'unknown-agency' "
                      "order by 1, 2, 3")
    assert found == [("t1", 2022, "carry-continuity"), ("t1", 2022, "late-publication"),
                     ("t2", 2022, "copied-narrative")]


def test_blank_stays_apart_from_zero(tmp_path):
    from tests.warehouse_fixture import REPORTS, write_corpus
    from xxgk.sample.document import ReportSpec, render_text

    folder, registry = write_corpus(tmp_path / "reports")
    agency, region, _, _, values, _ = REPORTS["t4_2022.txt"]
    blank = {k: v for k, v in values.items() if not k.startswith("requests.carried_over.")}
    spec = ReportSpec(agency, region, 2023, "2021", blank, "2024-01-10")
    (folder / "t4_2023.txt").write_text(render_text(spec, "T1"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    ingest([folder], db, [registry], workers=1, progress=False)
    got = _rows(db, "select year, carried_over from report_facts where agency_id = 't4' order by 1")
    assert got == [(2022, 0.0), (2023, None)]


def test_killed_ingest_leaves_the_warehouse_as_it_was(small_warehouse, tmp_path):
    db, _, folder, registry = small_warehouse
    target = tmp_path / "w.duckdb"
    target.write_bytes(db.read_bytes())
    before = target.read_bytes()
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "new.txt").write_text((folder / "t2_2021.txt").read_text("utf-8") + "\n附：更正。\n",
                                   encoding="utf-8")
    _kill_when_ready(["-m", "xxgk", "ingest", str(extra), "--db", str(target), "--registry",
                      str(registry), "--quiet"], PAUSE_ENV, tmp_path / "ready")
    assert target.read_bytes() == before
    assert _rows(target, "select count(*) from reports") == _rows(db, "select count(*) from reports")
    after = ingest([extra], target, [registry], workers=1, progress=False)  # and it recovers
    assert after.loaded == 1 and after.superseded == 1
    assert not list(tmp_path.glob("w.duckdb.tmp-*"))
    assert not partial_path(target).exists()


def _kill_when_ready(argv, env_name, ready):
    """Run ``python argv…`` with the pause ``env_name`` set; kill -9 it once it waits there."""
    proc = subprocess.Popen([sys.executable, *argv], cwd=ROOT,
                            env={**os.environ, env_name: str(ready)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not ready.exists() and time.time() < deadline:
        time.sleep(0.05)
    assert ready.exists(), "ingest never reached the pause"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


def _kill_after_first_chunk(folder, target, registry, tmp_path):
    """An ingest of ``folder`` in chunks of 3 reports, killed after its first commit."""
    run = (f"from pathlib import Path; from xxgk.ingest import ingest; "
           f"ingest([Path({str(folder)!r})], Path({str(target)!r}), [Path({str(registry)!r})], "
           f"workers=1, progress=False, chunk=3)")
    _kill_when_ready(["-c", run], PAUSE_CHUNK_ENV, tmp_path / "ready")


_TABLES = {"reports": "select report_id, agency_id, year, superseded_by from reports",
           "report_values": "select * from report_values",
           "findings": "select report_id, rule, severity, message, scope from findings",
           "report_facts": "select * from report_facts", "agencies": "select agency_id from agencies"}


def test_a_killed_ingest_goes_on_from_what_it_committed(small_warehouse, tmp_path):
    db, _, folder, registry = small_warehouse
    target = tmp_path / "w.duckdb"
    _kill_after_first_chunk(folder, target, registry, tmp_path)  # after 3 reports
    assert not target.exists() and partial_path(target).exists()  # nothing half-loaded is seen
    summary = ingest([folder], target, [registry], workers=1, progress=False, chunk=3)
    assert (summary.resumed, summary.loaded, summary.duplicates) == (3, 5, 1)
    assert "接续上次中断的导入：已导入的 3 份报告保留" in summary.text_zh()
    assert not partial_path(target).exists()
    for sql in _TABLES.values():  # the same warehouse as one uninterrupted run's
        assert sorted(_rows(target, sql), key=repr) == sorted(_rows(db, sql), key=repr)
    assert _rows(target, "select count(*) from meta where key like 'run_%'") == [(0,)]


def test_an_interrupted_copy_of_another_warehouse_is_not_resumed(small_warehouse, tmp_path):
    db, _, folder, registry = small_warehouse
    target = tmp_path / "w.duckdb"
    _kill_after_first_chunk(folder, target, registry, tmp_path)
    target.write_bytes(db.read_bytes())  # the warehouse was replaced by hand meanwhile
    summary = ingest([folder], target, [registry], workers=1, progress=False)
    assert (summary.resumed, summary.loaded, summary.duplicates) == (0, 0, 9)
    assert not partial_path(target).exists()


def test_a_newer_file_with_nothing_read_does_not_hide_the_report(small_warehouse, tmp_path):
    from xxgk.sample.document import ReportSpec, render_text

    db, _, _, registry = small_warehouse
    target = tmp_path / "w.duckdb"
    target.write_bytes(db.read_bytes())
    empty = tmp_path / "later"
    empty.mkdir()
    spec = ReportSpec("河西区人民政府", "河西区", 2022, "2021", {}, "2023-03-25",
                      tables_missing=True)  # headings with nothing under them (layout T8)
    (empty / "t3_2022_tables_lost.txt").write_text(render_text(spec, "T1"), encoding="utf-8")
    summary = ingest([empty], target, [registry], workers=1, progress=False)
    assert (summary.loaded, summary.superseded) == (1, 1)
    assert _rows(target, "select granted from report_facts where agency_id = 't3'") == [(41.0,)]
    assert _rows(target, "select r.source_path like '%tables_lost%', f.severity from findings f "
                         "join reports r using (report_id) where f.rule = 'newer-file-unread'") \
        == [(True, "warning")]


def test_an_unknown_agency_named_with_its_region_is_listed_once():
    """淮安市人民政府 printed with region 淮安市 is listed as such, not 淮安市淮安市人民政府."""
    from xxgk.ingest import IngestSummary, _place
    from xxgk.warehouse import create_schema

    class NoMatch:
        def match(self, name, region):
            return None

    con = duckdb.connect()
    create_schema(con)
    summary = IngestSummary()
    for agency, region in [("淮安市人民政府", "淮安市"), ("水务局", "河东区")]:
        _place(con, NoMatch(), {"agency": agency, "region": region}, summary)
    assert list(summary.unknown_agencies) == ["淮安市人民政府", "河东区水务局"]


def test_a_warehouse_kept_without_its_registry_file_matches_against_its_own(small_warehouse,
                                                                           tmp_path):
    """An upload to a warehouse in a folder without agencies.csv (XXGK_DB elsewhere) still
    places reports with the registry the warehouse was built with, not as unknown agencies."""
    db, _, folder, _ = small_warehouse
    copy = tmp_path / "elsewhere" / "warehouse.duckdb"
    copy.parent.mkdir()
    copy.write_bytes(db.read_bytes())
    newer = tmp_path / "t3_2022_again.txt"
    newer.write_bytes((folder / "t3_2022_fixed.txt").read_bytes() + b"\n")
    summary = ingest([newer], copy, None, workers=1, progress=False)
    assert (summary.loaded, summary.superseded, dict(summary.unknown_agencies)) == (1, 1, {})
    assert _rows(copy, "select agency_id from reports where source_path = ?", str(newer)) == [("t3",)]
    assert _rows(copy, "select count(*) from agencies where in_registry") == \
        _rows(db, "select count(*) from agencies where in_registry")
