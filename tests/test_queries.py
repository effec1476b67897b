"""Every query of queries/: runs, documents itself, keeps its grain, gives known numbers."""

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.conftest import FILTERS
from xxgk.warehouse import QUERIES, load_query, query_params, run_query, schema_version

READ_QUERIES = sorted(p.stem for p in QUERIES.glob("*.sql"))
CHECKS = sorted(f"checks/{p.stem}" for p in (QUERIES / "checks").glob("*.sql"))
GRAIN_KEYS = {"kpis_by_year": ["year"], "requests_by_district_year": ["district", "year"],
              "requests_by_agency_year": ["agency_id", "year"], "applicant_mix": ["year", "applicant"],
              "outcome_mix": ["district", "outcome"], "refusal_reasons": ["reason"],
              "review_litigation_by_year": ["year", "block"],
              "proactive_by_year": ["year", "template", "item", "metric"],
              "coverage_agency_year": ["agency_id", "year"], "rankings_yoy": ["agency_id"],
              "compare_agencies": ["agency_id", "year"], "filter_options": ["agency_id"],
              "agency_profile": ["report_id", "key"], "findings_by_rule": ["rule", "severity"],
              "agencies_most_corrected": ["agency_id"], "agencies_most_problems": ["agency_id"],
              "not_filed": ["agency_id"], "unplaced_reports": ["report_id"],
              "loaded_files": ["sha256"], "finding_cells": ["report_id", "key"],
              "finding_evidence": ["line"]}


ONE_ROW = {"provenance"}  # aggregates: one row of zeros on an empty warehouse
SCHEMA = {"schema_version"}  # about the warehouse, not its reports: the same on an empty one
# The small warehouse has no error-level finding: the error ranking is checked on the generated
# corpus (tests/test_quality.py).
NO_ROWS_HERE = {"agencies_most_problems"}


def args_for(name: str) -> dict:
    wanted = query_params(name)
    extra = {"agency_id": "t2", "year": 2022, "rules": [], "severities": [],
             "embedded_dir": "/nowhere/"}
    out = {k: v for k, v in {**FILTERS, **extra}.items() if k in wanted}
    if name == "compare_agencies":
        out["agency_ids"] = ["t1", "t2"]
    return out


@pytest.fixture(scope="module")
def con(small_warehouse):
    db, *_ = small_warehouse
    with duckdb.connect(str(db), read_only=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def empty(empty_warehouse):
    with duckdb.connect(str(empty_warehouse), read_only=True) as connection:
        yield connection


def _lists_of(con, name: str) -> dict:
    """List parameters naming rows of the warehouse: every file's hash, every report."""
    wanted = query_params(name)
    out = {}
    if "hashes" in wanted:
        out["hashes"] = [h for (h,) in con.execute("select sha256 from reports").fetchall()]
    if "report_ids" in wanted:
        out["report_ids"] = [r for (r,) in con.execute("select report_id from reports").fetchall()]
    if "report_id" in wanted:
        out["report_id"] = con.execute("select min(report_id) from reports").fetchone()[0]
        out |= {"line_from": 1, "line_to": 40}
    return out


@pytest.mark.parametrize("name", READ_QUERIES)
def test_query_runs_and_keeps_its_grain(name, con, empty):
    frame = run_query(con, name, **args_for(name), **_lists_of(con, name))
    assert len(frame) > 0 or name in NO_ROWS_HERE
    on_empty = run_query(empty, name, **args_for(name), **_lists_of(con, name))
    if name in SCHEMA:
        assert on_empty.equals(frame) and frame.schema_version.tolist() == [schema_version()]
        return
    assert on_empty.empty or (name in ONE_ROW and on_empty.iloc[0].fillna(0).eq(0).all())
    if name in GRAIN_KEYS:
        assert not frame.duplicated(GRAIN_KEYS[name]).any()


@pytest.mark.parametrize("name", READ_QUERIES + CHECKS + [f"load/{p.stem}" for p in
                                                          (QUERIES / "load").glob("*.sql")])
def test_header_documents_purpose_grain_and_parameters(name):
    text = load_query(name)
    header = [line for line in text.splitlines() if line.startswith("--")]
    assert any(line.startswith("-- purpose:") for line in header)
    assert any(line.startswith("-- grain:") for line in header)
    declared = next(line for line in header if line.startswith("-- parameters:"))
    assert set(re.findall(r"\$([a-z_]+)", declared)) == query_params(name)
    assert len(text.splitlines()) <= 80


def test_no_sql_is_built_from_values():
    for path in Path(QUERIES.parent / "xxgk").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not re.search(r'f"[^"]*\b(select|where|insert|update|delete)\b[^"]*\{', line,
                                 re.I), f"{path}: {line}"


def test_kpis_by_year_known_numbers(con):
    frame = run_query(con, "kpis_by_year", **FILTERS).set_index("year")
    assert frame.loc[2021, "n_reports"] == 2 and frame.loc[2021, "n_new_requests"] == 20
    row = frame.loc[2022]
    assert (row.n_reports, row.n_agencies, row.n_new_requests) == (5, 5, 67)
    assert row.substantive_rate == pytest.approx(56 / 68)
    assert row.n_reviews == 6 and row.review_correction_rate == pytest.approx(2 / 5)
    assert row.n_late_reports == 1


def test_district_filter_changes_the_numbers(con):
    one = run_query(con, "requests_by_district_year", **{**FILTERS, "districts": ["河东区"]})
    assert one.set_index(["district", "year"]).loc[("河东区", 2022), "n_new_requests"] == 16
    assert set(one.district) == {"河东区"}


def test_coverage_marks_late_and_missing(con):
    frame = run_query(con, "coverage_agency_year", **{**FILTERS, "year_from": 2021, "year_to": 2022})
    status = frame.set_index(["agency_id", "year"])["status"]
    assert status[("t1", 2022)] == "late" and status[("t3", 2021)] == "missing"
    assert status[("t2", 2021)] == "published"


def test_rankings_year_over_year(con):
    frame = run_query(con, "rankings_yoy", **args_for("rankings_yoy")).set_index("agency_id")
    assert frame.loc["t3", "rank"] == 1
    assert frame.loc["t2", "change"] == -4


@pytest.mark.parametrize("name", CHECKS)
def test_checks_pass_on_a_healthy_warehouse(name, con):
    assert run_query(con, name).empty


def test_checks_catch_planted_errors(small_warehouse, tmp_path):
    db, *_ = small_warehouse
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(db, broken)
    with duckdb.connect(str(broken)) as connection:
        connection.execute("update reports set superseded_by = null")
        connection.execute("insert into report_values select report_id, 'requests.bogus.total', 1 "
                           "from reports limit 1")
        assert len(run_query(connection, "checks/duplicate_current_reports")) == 1
        assert list(run_query(connection, "checks/unknown_keys").key) == ["requests.bogus.total"]


def test_run_query_refuses_other_names_and_wrong_params(con):
    with pytest.raises(ValueError):
        load_query("../secrets")
    with pytest.raises(TypeError):
        run_query(con, "kpis_by_year", year_from=2019)
