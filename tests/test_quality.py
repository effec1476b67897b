"""The supervisor's yearly check on a generated corpus (issue 10): 未报送名单 and the 待归属
list agree with what the generator wrote (its missing years, late and table-less reports, and
reports printed without their district)."""

import csv
import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from xxgk.ingest import ingest
from xxgk.warehouse import connect, run_query

YEARS = range(2019, 2026)
ALL = {"city": None, "districts": [], "kinds": [], "agency_ids": []}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    base = tmp_path_factory.mktemp("yearly")
    corpus = base / "reports"
    subprocess.run([sys.executable, "-m", "xxgk", "sample", "--out", str(corpus), "--agencies", "40",
                    "--seed", "4"], cwd=ROOT, check=True, capture_output=True)
    db = base / "warehouse.duckdb"
    ingest([corpus], db, [corpus / "agencies.csv"], workers=2, progress=False)
    registry = {row["agency_id"]: row for row in
                csv.DictReader((corpus / "agencies.csv").open(encoding="utf-8"))}
    truths = {tuple(re.match(r"(a\d+)_(\d{4})", p.name).groups()): json.loads(p.read_text("utf-8"))
              for p in corpus.glob("*.truth.json")}
    con = connect(str(db))
    yield con, registry, {(a, int(y)): t for (a, y), t in truths.items()}
    con.close()


def _not_filed(con) -> dict[tuple[str, int], str]:
    return {(row.agency_id, year): row.problem for year in YEARS
            for row in run_query(con, "not_filed", **ALL, year=year).itertuples()}


def _label(agency: dict) -> str:
    return f"{agency['name']}（{agency['district'] or agency['city']}）"


def test_not_filed_is_every_registry_agency_year_without_a_placed_report(generated):
    con, registry, truths = generated
    unplaced = run_query(con, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
    unplaced_files = {(re.match(r"a\d+", f).group(), y)
                      for f, y in zip(unplaced.file_name, unplaced.year, strict=True)}
    expected = {(a, y) for a in registry for y in YEARS} - set(truths) | unplaced_files
    found = _not_filed(con)
    assert {k for k, problem in found.items() if problem == "未报送"} == expected
    assert any(problem == "未报送" for problem in found.values())


def test_late_and_table_less_reports_are_listed_with_their_reason(generated):
    con, registry, truths = generated
    found = _not_filed(con)
    late = {k for k, t in truths.items() if any(d["defect"] == "late" for d in t["defects"])}
    table_less = {k for k, t in truths.items()
                  if any(d["defect"] == "tables-missing" for d in t["defects"])}
    assert late and table_less
    for key in late:
        assert "逾期发布" in found[key] or found[key] == "未报送", key
    for key in table_less:
        assert "表格未能读取" in found[key] or found[key] == "未报送", key
    clean = {k for k, t in truths.items() if not t["defects"]} - set(found)
    assert clean  # most reports are fine and stay off the list


def test_each_unplaced_report_names_the_agency_it_belongs_to_among_its_candidates(generated):
    con, registry, _ = generated
    unplaced = run_query(con, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
    assert len(unplaced) > 0
    for row in unplaced.itertuples():
        agency = registry[re.match(r"a\d+", row.file_name).group()]
        assert row.n_candidates >= 2 and _label(agency) in row.candidates.split("、")


def test_same_name_agencies_keep_their_own_rows(generated):
    con, registry, _ = generated
    coverage = run_query(con, "coverage_agency_year", **ALL, year_from=2019, year_to=2025)
    per_agency = coverage.groupby("agency_id").agency_label.nunique()
    assert (per_agency == 1).all()
    assert coverage.groupby("agency_label").agency_id.nunique().max() == 1
    names = [a["name"] for a in registry.values()]
    assert len(names) > len(set(names))  # the corpus does have same-name agencies
