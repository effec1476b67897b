"""The supervisor's yearly check on a generated corpus (issue 10): 未报送名单 and the 待归属
list agree with what the generator wrote (its missing years, late and table-less reports, and
reports printed without their district)."""

import csv
import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from xxgk.ingest import ingest
from xxgk.warehouse import connect, run_query

pytestmark = pytest.mark.slow  # processes, sessions or a generated corpus: minutes, not seconds

YEARS = range(2019, 2026)
ALL = {"city": None, "districts": [], "kinds": [], "agency_ids": [], "sample": True,
       "city_level": True}


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
    yield con, registry, {(a, int(y)): t for (a, y), t in truths.items()}, corpus
    con.close()


def _not_filed(con) -> dict[tuple[str, int], str]:
    return {(row.agency_id, year): row.problem for year in YEARS
            for row in run_query(con, "not_filed", **ALL, year=year).itertuples()}


def _label(agency: dict) -> str:
    return f"{agency['name']}（{agency['district'] or agency['city']}）"


def test_not_filed_is_every_registry_agency_year_without_a_placed_report(generated):
    con, registry, truths, _ = generated
    unplaced = run_query(con, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
    unplaced_files = {(re.match(r"a\d+", f).group(), y)
                      for f, y in zip(unplaced.file_name, unplaced.year, strict=True)}
    expected = {(a, y) for a in registry for y in YEARS} - set(truths) | unplaced_files
    found = _not_filed(con)
    assert {k for k, problem in found.items() if problem == "未报送"} == expected
    assert any(problem == "未报送" for problem in found.values())


def test_late_and_table_less_reports_are_listed_with_their_reason(generated):
    con, _, truths, _ = generated
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
    con, registry, _, _ = generated
    unplaced = run_query(con, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
    assert len(unplaced) > 0
    for row in unplaced.itertuples():
        agency = registry[re.match(r"a\d+", row.file_name).group()]
        assert row.n_candidates >= 2 and _label(agency) in row.candidates.split("、")


def test_same_name_agencies_keep_their_own_rows(generated):
    con, registry, _, _ = generated
    coverage = run_query(con, "coverage_agency_year", **ALL, year_from=2019, year_to=2025)
    per_agency = coverage.groupby("agency_id").agency_label.nunique()
    assert (per_agency == 1).all()
    assert coverage.groupby("agency_label").agency_id.nunique().max() == 1
    names = [a["name"] for a in registry.values()]
    assert len(names) > len(set(names))  # the corpus does have same-name agencies


def _rectify_lists(con, year):
    from xxgk import rectify

    findings = run_query(con, "findings_filtered", **ALL, year_from=year, year_to=year, rules=[],
                         severities=["error", "warning"])
    cells = run_query(con, "finding_cells", report_ids=sorted(set(findings.report_id)))
    not_filed = run_query(con, "not_filed", **ALL, year=year)
    return findings, cells, not_filed, rectify


def test_a_rectification_list_reads_in_chinese_in_xlsx_and_docx(generated):
    import io

    import docx
    import openpyxl

    con, _, _, _ = generated
    findings, cells, _, rectify = _rectify_lists(con, 2024)
    arithmetic = findings[findings.rule.isin(["request-balance", "row-total", "outcome-total",
                                              "review-total", "litigation-total"])]
    mine = findings[findings.agency_id == arithmetic.agency_id.iloc[0]]
    rows = rectify.items(mine, cells)
    to = rectify.Addressee(f"{mine.agency_name.iloc[0]}（{mine.district.iloc[0]}）", 2024)
    assert rows["严重程度"].iloc[0] == "错误" and (rows["核实状态"] == "待核实").all()
    sheet = openpyxl.load_workbook(io.BytesIO(rectify.xlsx_bytes(to, rows))).active
    text = "\n".join(str(c.value) for line in sheet.iter_rows() for c in line if c.value)
    document = docx.Document(io.BytesIO(rectify.docx_bytes(to, rows)))
    word = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    word += "\n".join(p.text for p in document.paragraphs)
    for body in (text, word):
        assert to.title in body and "机构答复" in body and "整改要求" in body
        assert set(rows["问题"]) <= set(body.split("\n"))  # the rules' Chinese names
        assert not any(code in body for code in ("request-balance", "row-total", "line ",
                                                  "requests.", "None", "nan"))
    involved = "\n".join(rows["涉及数字"])
    assert "：" in involved and "总计" in involved  # rows named as printed, with their numbers


def test_not_filed_agencies_get_a_list_too_and_the_batch_has_one_pair_per_agency(generated):
    import io
    import zipfile

    con, _, _, _ = generated
    findings, cells, not_filed, rectify = _rectify_lists(con, 2024)
    missing = not_filed[not_filed.problem == "未报送"].iloc[0]
    rows = rectify.items(findings.iloc[0:0], cells, "未报送")
    assert rows["问题"].tolist() == ["未报送年度报告"]
    lists = [(rectify.Addressee(missing.agency_label, 2024), rows)]
    names = zipfile.ZipFile(io.BytesIO(rectify.zip_bytes(lists))).namelist()
    assert names == [f"整改清单_{missing.agency_label}_2024.xlsx",
                     f"整改清单_{missing.agency_label}_2024.docx"]


def test_a_decision_survives_a_re_ingest_and_closes_when_its_finding_is_gone(generated, tmp_path):
    from xxgk.reviews import UNREVIEWED, Reviews, closed, with_status

    con, _, _, corpus = generated
    findings = run_query(con, "findings_filtered", **ALL, year_from=2024, year_to=2024, rules=[],
                         severities=["error"])
    store = Reviews(tmp_path / "reviews.sqlite")
    first = with_status(findings, store.latest([], 2024, 2024)).iloc[0]
    assert first.review_status == UNREVIEWED
    store.decide(first.finding_key, first.agency_id, 2024, first.rule, "已通知", "已电话通知", "张三")
    # the same files ingested again, into a new warehouse: the decision is theirs again
    ingest([corpus], tmp_path / "again.duckdb", [corpus / "agencies.csv"], workers=2,
           progress=False)
    with connect(str(tmp_path / "again.duckdb")) as fresh:
        again = run_query(fresh, "findings_filtered", **ALL, year_from=2024, year_to=2024,
                          rules=[], severities=["error"])
    shown = with_status(again, Reviews(tmp_path / "reviews.sqlite").latest([], 2024, 2024))
    mine = shown[shown.finding_key == first.finding_key].iloc[0]
    assert (mine.review_status, mine.review_comment, mine.reviewed_by) == ("已通知", "已电话通知", "张三")
    assert (shown.review_status == "已通知").sum() == 1
    # a corrected newer file no longer has the finding: the decision shows as closed
    corrected = again[~with_status(again, store.latest([], 2024, 2024)).finding_key.eq(
        first.finding_key)]
    assert closed(corrected, store.latest([], 2024, 2024)).finding_key.tolist() == [first.finding_key]
    with pytest.raises(PermissionError):
        store.decide(first.finding_key, first.agency_id, 2024, first.rule, "误报", "", "")


def test_the_problem_ranking_counts_errors_not_layout_warnings(generated):
    con, _, _, _ = generated
    ranking = run_query(con, "agencies_most_problems", **ALL, year_from=2019, year_to=2025)
    assert len(ranking) > 0 and (ranking.n_errors > 0).all()
    assert ranking.n_errors.is_monotonic_decreasing


def test_every_placed_finding_has_its_line_of_the_original_as_evidence(generated):
    con, _, _, _ = generated
    findings = run_query(con, "findings_filtered", **ALL, year_from=2019, year_to=2025, rules=[],
                         severities=["error", "warning"])
    placed = findings[findings.location.str.startswith("line ", na=False)]
    assert len(placed) > 20
    for row in placed.itertuples():
        n = int(row.location[5:])
        lines = run_query(con, "finding_evidence", report_id=row.report_id, line_from=n, line_to=n)
        assert lines.line.tolist() == [n], row
        if row.rule in ("row-total", "request-balance", "outcome-total", "review-total"):
            # the row's numbers: on its line, or the next lines where cells go one per line
            near = run_query(con, "finding_evidence", report_id=row.report_id, line_from=n,
                             line_to=n + 3)
            assert any(c.isdigit() for c in "".join(near.text)), (row.message, list(near.text))


def _current(db, sha256s) -> dict[str, str]:
    """The agency of each of these files' current report, by sha256."""
    with connect(str(db)) as con:
        return dict(con.execute("select sha256, agency_id from reports where superseded_by is "
                                "null and list_contains(?, sha256)", [list(sha256s)]).fetchall())


def test_placing_waiting_reports_moves_them_keeps_the_choice_and_supersedes(generated, tmp_path):
    from xxgk.ingest import place_report
    from xxgk.reviews import Reviews, store_path

    con, registry, _, corpus = generated
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(corpus.parent / "warehouse.duckdb", db)
    agencies = [corpus / "agencies.csv"]
    waiting = run_query(con, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
    owner = {row.sha256: re.match(r"a\d+", row.file_name).group() for row in waiting.itertuples()}
    first, *rest = waiting.itertuples()
    # a wrong choice first: an agency that has its own report that year
    other = next(a for a in registry if a != owner[first.sha256]
                 and (a, first.year) not in _not_filed(con))
    with pytest.raises(PermissionError):
        place_report(db, first.sha256, other, "", agencies)
    with pytest.raises(ValueError):
        place_report(db, first.sha256, "no-such-agency", "张三", agencies)
    summary = place_report(db, first.sha256, other, "张三", agencies)
    assert summary.placed == 1 and summary.loaded == 0
    with connect(str(db)) as after:
        reports = after.execute("select sha256, superseded_by is null from reports where "
                                "agency_id = ? and year = ?", [other, first.year]).fetchall()
        assert len(reports) == 2 and sum(current for _, current in reports) == 1
    # corrected: the other agency's own report is current again; then every one is placed
    store = Reviews(store_path(db))
    for row in [first, *rest]:
        store.place(row.sha256, owner[row.sha256], "李四")
    assert ingest([], db, agencies, workers=1, progress=False).placed == len(waiting)
    with connect(str(db)) as after:
        assert after.execute("select count(*) from reports where agency_id = ? and year = ? and "
                             "superseded_by is null", [other, first.year]).fetchone() == (1,)
        still = run_query(after, "unplaced_reports", year_from=min(YEARS), year_to=max(YEARS))
        assert still.placed_by.notna().all() and len(still) == len(waiting)
        assert all("李四" in text for text in still.placed_by)
        filed = {k for k, problem in _not_filed(after).items() if problem == "未报送"}
        assert not filed & {(owner[r.sha256], r.year) for r in waiting.itertuples()}
        assert after.execute("select count(*) from agencies where not in_registry").fetchone() == (0,)
    assert _current(db, owner) == owner
    # the same files into a new warehouse beside the same choices: the same places
    again = tmp_path / "again" / "warehouse.duckdb"
    again.parent.mkdir()
    shutil.copyfile(store_path(db), store_path(again))
    assert ingest([corpus], again, agencies, workers=2, progress=False).placed == 0
    assert _current(again, owner) == owner


def test_an_agency_an_editor_adds_joins_the_registry_for_every_later_ingest(generated, tmp_path):
    from xxgk.ingest import place_report
    from xxgk.reviews import Reviews, store_path

    con, _, _, corpus = generated
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(corpus.parent / "warehouse.duckdb", db)
    row = next(run_query(con, "unplaced_reports", year_from=min(YEARS),
                         year_to=max(YEARS)).itertuples())
    added = Reviews(store_path(db)).add_agency("新设机构", "新区", "云泽市", "", "张三")
    assert added == Reviews(store_path(db)).add_agency("新设机构", "新区", "云泽市", None, "张三")
    place_report(db, row.sha256, added.agency_id, "张三", [corpus / "agencies.csv"])
    with connect(str(db)) as after:
        registry = run_query(after, "registry_agencies")
        assert added.agency_id in set(registry.agency_id)
        assert _current(db, [row.sha256])[row.sha256] == added.agency_id
        missing = run_query(after, "not_filed", **ALL, year=row.year + 1 if row.year < 2025 else 2019)
        assert "新设机构（新区）" in set(missing.agency_label)


def test_two_editors_placing_one_report_at_once_end_with_the_last_choice(generated, tmp_path):
    """Two sessions place the same report at the same moment, with different agencies: both
    choices are stored (SQLite), each re-placing run waits for the other (the warehouse lock),
    and the warehouse ends with the latest stored choice, whatever the order."""
    from concurrent.futures import ThreadPoolExecutor

    from xxgk.ingest import place_report
    from xxgk.reviews import Reviews, store_path

    con, registry, _, corpus = generated
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(corpus.parent / "warehouse.duckdb", db)
    report = next(run_query(con, "unplaced_reports", year_from=min(YEARS),
                            year_to=max(YEARS)).itertuples())
    owner = re.match(r"a\d+", report.file_name).group()
    other = next(a for a in registry if a != owner)
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(place_report, db, report.sha256, agency, who, [corpus / "agencies.csv"])
                for agency, who in ((owner, "张三"), (other, "李四"))]
        for run in runs:
            run.result()
    latest = Reviews(store_path(db)).placements()
    assert len(latest) == 1
    assert _current(db, [report.sha256]) == {report.sha256: latest.agency_id[0]}


def test_the_warehouse_computes_the_same_finding_key_as_the_review_store(generated):
    """findings_filtered carries each finding's key (macro finding_key) so a page need not hash
    10^5 rows in Python; it must be the key decisions are stored under (reviews.finding_key)."""
    from xxgk.reviews import finding_key

    con, _, _, _ = generated
    findings = run_query(con, "findings_filtered", **ALL, year_from=2019, year_to=2030, rules=[],
                         severities=[])
    assert len(findings) > 100
    python = [finding_key(r.agency_id, int(r.year), r.rule,
                          list(r.keys) if r.keys is not None else None, r.message)
              for r in findings.itertuples()]
    assert findings.finding_key.tolist() == python
    # messages with other digits (full-width, Arabic-Indic) and no keys are masked alike
    for message in ["第３行 12.5 与 7 不符", "合计１２３件", "九十 ٣ 1", None]:
        got = con.execute("select finding_key('a1', 2024, 'r', null::varchar[], $m)",
                          {"m": message}).fetchone()[0]
        assert got == finding_key("a1", 2024, "r", None, message), message
