"""The dashboard with AppTest: every page renders on the sample warehouse and on an empty one,
filters change the numbers as the queries say, and the filter lives in the URL."""

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import FILTERS, ROOT, copy_warehouse
from xxgk.warehouse import run_query

pytestmark = pytest.mark.slow  # every page through AppTest, on several warehouses

SAMPLE = {**FILTERS, "sample": True}  # the sample warehouse opens on its invented city

PAGES = ["overview", "requests", "outcomes", "review", "proactive", "agency", "compare", "metrics",
         "quality", "upload"]


@pytest.fixture(scope="module")
def sample_db(sample_warehouse, tmp_path_factory):
    return copy_warehouse(sample_warehouse, tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="module")
def empty_db(empty_warehouse):
    return empty_warehouse


def _as_list(value) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]


@pytest.fixture(scope="module")
def entry():
    return ROOT / "dashboard.py"


def _app(db, monkeypatch, entry, **query_params) -> AppTest:
    monkeypatch.setenv("XXGK_DB", str(db))
    app = AppTest.from_file(str(entry), default_timeout=120)
    for key, value in query_params.items():
        app.query_params[key] = value
    return app.run()


@pytest.mark.parametrize("warehouse", ["sample_db", "empty_db", "mixed_db"])
def test_every_page_renders(warehouse, request, monkeypatch, entry):
    app = _app(request.getfixturevalue(warehouse), monkeypatch, entry)
    assert not app.exception
    for page in PAGES:
        app.switch_page(str(ROOT / "views" / f"{page}.py")).run()
        assert not app.exception, (page, [e.value for e in app.exception])
        assert not app.error, page
        assert app.title, page


def test_sample_banner_and_kpis(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry)
    assert "样例报告" in app.warning[0].value
    with duckdb.connect(str(sample_db), read_only=True) as con:
        last = run_query(con, "kpis_by_year", **SAMPLE).iloc[-1]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["报告数"] == str(int(last.n_reports))
    assert metrics["新收申请（件）"] == f"{last.n_new_requests:,.0f}"


def test_a_district_filter_changes_the_numbers(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry)
    district = app.sidebar.multiselect[0].options[0]
    app.sidebar.multiselect[0].select(district).run()
    with duckdb.connect(str(sample_db), read_only=True) as con:
        last = run_query(con, "kpis_by_year", **{**SAMPLE, "districts": [district]}).iloc[-1]
    assert {m.label: m.value for m in app.metric}["报告数"] == str(int(last.n_reports))
    assert _as_list(app.query_params["district"]) == [district]


def test_query_params_round_trip(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry, district=["青岚区"], kind=["街道"], **{"from": "2022"})
    filters = app.session_state["filters"]
    assert (filters.districts, filters.kinds, filters.year_from) == (["青岚区"], ["街道"], 2022)
    assert _as_list(app.query_params["district"]) == ["青岚区"]
    assert _as_list(app.query_params["from"]) == ["2022"]


def test_unknown_values_in_the_url_are_ignored(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry, district=["不存在区"], kind=["外星"], **{"from": "abc"})
    assert not app.exception
    assert app.session_state["filters"].districts == []


def test_a_finding_link_opens_the_agency_and_year(sample_db, monkeypatch, entry):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        agency_id, year = con.execute("select agency_id, year from report_facts where n_errors > 0 "
                                      "order by agency_id, year limit 1").fetchone()
    # the link keeps the list's filter (a district the agency is not in) and names the agency
    app = _app(sample_db, monkeypatch, entry, district=["青岚区"], profile=agency_id,
               profile_year=str(year))
    app.switch_page(str(ROOT / "views" / "agency.py")).run()
    assert not app.exception
    assert app.selectbox(key="profile_agency").value == agency_id
    assert app.radio(key="profile_year").value == year
    assert any("错误" in m.value for m in app.markdown)
    assert app.session_state["filters"].districts == ["青岚区"]  # the filter is not overwritten
    assert _as_list(app.query_params["profile"]) == [agency_id]
    assert _as_list(app.query_params["profile_year"]) == [str(year)]


HOSTILE = ("![x](http://127.0.0.1:9/beacon.png) <script>alert(1)</script> "
           "<img src=x onerror=alert(1)> [点我](javascript:alert(1)) :red[假警告]")


def test_report_text_stays_inert(tmp_path, monkeypatch, entry):
    """A report whose narrative holds Markdown images, links and HTML shows them as text."""
    import random

    from xxgk.ingest import ingest
    from xxgk.sample.document import ReportSpec, render_text
    from xxgk.sample.values import random_values

    folder = tmp_path / "reports"
    folder.mkdir()
    narrative = {"overview": "本年度工作。" + HOSTILE, "problems": HOSTILE, "other": "无。"}
    spec = ReportSpec("测试局", "青岚区", 2023, "2021", random_values("2021", random.Random(1)),
                      "2024-01-15", narrative)
    (folder / "hostile.txt").write_text(render_text(spec, "T1"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    ingest([folder], db, [], workers=1, progress=False)
    with duckdb.connect(str(db), read_only=True) as con:
        (agency_id,) = con.execute("select agency_id from reports").fetchone()
    app = _app(db, monkeypatch, entry, agency=[agency_id])
    app.switch_page(str(ROOT / "views" / "agency.py")).run()
    assert not app.exception
    shown = [m.value for m in app.markdown]
    assert any("beacon" in text for text in shown)  # the narrative is there …
    for text in shown:  # … and none of it is Markdown or HTML that does anything
        assert "![" not in text and "](" not in text and "<script" not in text.replace("\\<", "")
        assert ":red[" not in text


@pytest.mark.parametrize("params", [
    {"district": ["'; drop table reports; --"], "city": ["x' or '1'='1"]},
    {"from": ["9" * 60], "to": ["-1e309"], "kind": ["<script>alert(1)</script>"]},
    {"agency": ["a" * 20_000, "../../etc/passwd"], "district": ["青岚区"] * 500},
])
def test_hostile_url_parameters_are_ignored_safely(sample_db, monkeypatch, entry, params):
    app = _app(sample_db, monkeypatch, entry, **params)
    assert not app.exception
    for page in ("overview", "agency", "quality"):
        app.switch_page(str(ROOT / "views" / f"{page}.py")).run()
        assert not app.exception, (page, [e.value for e in app.exception])
    with duckdb.connect(str(sample_db), read_only=True) as con:  # nothing was dropped
        assert con.execute("select count(*) from reports").fetchone()[0] > 600


def test_download_files_are_made_on_click_not_on_every_rerun(sample_db, monkeypatch, entry):
    """A page view builds no CSV/XLSX (they cost ~90 ms each, up to four a page; issue 9)."""
    made = []
    monkeypatch.setattr("xxgk.ui.downloads.xlsx_bytes", lambda *a: made.append("xlsx"))
    monkeypatch.setattr("xxgk.ui.downloads.frame_to_csv_bytes", lambda frame: made.append("csv"))
    app = _app(sample_db, monkeypatch, entry)
    for page in PAGES:
        app.switch_page(str(ROOT / "views" / f"{page}.py")).run()
        assert not app.exception, page
    assert made == []



def _hash(password: str) -> str:
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    """Fill the sidebar's sign-in form and submit it (its button is the page's first)."""
    app.text_input(key="sign_in_name").input(name)
    app.text_input(key="sign_in_password").input(password)
    return app.button[0].click().run()


def _agency_with_findings(db) -> tuple[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("""select r.agency_id, r.year from findings f join reports r using (report_id)
                              join agencies a using (agency_id)
                              where f.severity = 'error' and a.in_registry and r.superseded_by is null
                              order by r.agency_id, r.year limit 1""").fetchone()


def _open_agency(app, agency: str, year: int) -> None:
    """机构档案 of one agency, at one year."""
    app.switch_page(str(ROOT / "views" / "agency.py")).run()
    app.selectbox(key="profile_agency").set_value(agency).run()
    app.radio(key="profile_year").set_value(year).run()
    assert app.radio(key="profile_year").value == year


def test_a_viewer_cannot_write(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry)
    assert any("只读模式" in c.value for c in app.sidebar.caption)
    app.switch_page(str(ROOT / "views" / "upload.py")).run()
    assert not app.exception and not app.get("file_uploader")
    assert not [b for b in app.button if b.key == "collect_go"]  # nor collect from websites
    assert "需要编辑人员登录" in app.info[0].value
    agency, year = _agency_with_findings(sample_db)
    _open_agency(app, agency, year)
    assert not app.exception
    assert "核实状态" in [h.value for h in app.subheader]
    assert not [b for b in app.button if b.label == "保存核实状态"]


def test_an_editor_signs_in_and_may_write(sample_db, monkeypatch, entry):
    monkeypatch.setenv("XXGK_DB", str(sample_db))
    app = AppTest.from_file(str(entry), default_timeout=120)
    app.secrets["editors"] = {"张三": _hash("对的口令")}
    _sign_in(app.run(), "张三", "错的口令")
    assert "editor" not in app.session_state and "口令不对" in app.error[0].value
    _sign_in(app, "张三", "对的口令")
    assert app.session_state["editor"] == "张三"
    assert any("已登录编辑：张三" in c.value for c in app.sidebar.caption)
    app.switch_page(str(ROOT / "views" / "upload.py")).run()
    assert not app.exception and app.get("file_uploader")
    agency, year = _agency_with_findings(sample_db)
    _open_agency(app, agency, year)
    assert not app.exception
    assert [b for b in app.button if b.label == "保存核实状态"]


def test_the_agency_page_shows_findings_that_name_no_place(sample_db, monkeypatch, entry):
    """A finding without a place beside ones with (a pandas string column: NaN) once crashed
    the page."""
    with duckdb.connect(str(sample_db), read_only=True) as con:
        agency, year = con.execute("""
            select r.agency_id, r.year from findings f
            join reports r using (report_id) join agencies a using (agency_id)
            where a.in_registry and r.superseded_by is null
            group by 1, 2 having count(f.location) between 1 and count(*) - 1
            order by 1, 2 limit 1""").fetchone()  # some findings with a place, some without
    app = _app(sample_db, monkeypatch, entry)
    _open_agency(app, agency, year)
    assert not app.exception, [e.value for e in app.exception]


def test_the_agency_page_shows_each_finding_with_its_original_lines(sample_db, monkeypatch, entry):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        agency, year, location = con.execute("""
            select r.agency_id, r.year, f.location from findings f
            join reports r using (report_id) join agencies a using (agency_id)
            where f.severity = 'error' and f.location like 'line %' and a.in_registry
              and r.superseded_by is null order by 1, 2 limit 1""").fetchone()
    app = _app(sample_db, monkeypatch, entry)
    _open_agency(app, agency, year)
    assert not app.exception
    assert "问题与原文" in [h.value for h in app.subheader]
    marked = [line for block in app.code for line in block.value.splitlines() if line.startswith("▶")]
    assert f"▶ {int(location[5:]):>4}" in "\n".join(marked)


def test_a_copied_narrative_shows_both_years_side_by_side(sample_db, monkeypatch, entry):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        agency, year = con.execute("""
            select r.agency_id, r.year from findings f
            join reports r using (report_id) join agencies a using (agency_id)
            where f.rule = 'copied-narrative' and a.in_registry and r.superseded_by is null
            order by 1, 2 limit 1""").fetchone()
    app = _app(sample_db, monkeypatch, entry)
    _open_agency(app, agency, year)
    assert not app.exception
    labels = [e.label for e in app.expander]
    assert any(label.startswith("叙述与上年雷同") and f"{year} 年对照" in label for label in labels)
    assert len([t for t in app.text if t.value and t.value != "（空）"]) >= 2  # both years' text


def _editor_app(db, monkeypatch, entry) -> AppTest:
    """The dashboard with 张三 signed in as an editor."""
    monkeypatch.setenv("XXGK_DB", str(db))
    app = AppTest.from_file(str(entry), default_timeout=120)
    app.secrets["editors"] = {"张三": _hash("口令")}
    _sign_in(app.run(), "张三", "口令")
    assert app.session_state["editor"] == "张三"
    return app


def test_an_editor_places_a_waiting_report_and_a_viewer_cannot(sample_db, monkeypatch, entry,
                                                                tmp_path):
    import shutil

    from xxgk.reviews import Reviews, store_path

    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_db, db)
    viewer = _app(db, monkeypatch, entry)
    viewer.switch_page(str(ROOT / "views" / "quality.py")).run()
    waiting = next(h.value for h in viewer.subheader if h.value.startswith("待归属报告"))
    assert not viewer.exception and waiting != "待归属报告（0 份）"
    assert not viewer.get("selectbox") or "place_report" not in [s.key for s in viewer.selectbox]
    assert any("指定归属需要编辑人员登录" in c.value for c in viewer.caption)

    app = _editor_app(db, monkeypatch, entry)
    app.switch_page(str(ROOT / "views" / "quality.py")).run()
    report = app.selectbox(key="place_report").value
    with duckdb.connect(str(db), read_only=True) as con:
        waiting_rows = run_query(con, "unplaced_reports", year_from=2000, year_to=2100)
    candidate = waiting_rows.set_index("report_id").candidate_ids[report][0]
    assert app.selectbox(key="place_agency").value is None
    app.selectbox(key="place_agency").set_value(candidate).run()
    next(b for b in app.button if b.label == "指定归属").click().run()
    assert not app.exception, app.exception
    assert "已指定归属" in app.success[0].value
    after = next(h.value for h in app.subheader if h.value.startswith("待归属报告"))
    assert int(after[6:].split(" ")[0]) == int(waiting[6:].split(" ")[0]) - 1
    placed = Reviews(store_path(db)).placements()
    assert placed.editor.tolist() == ["张三"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select agency_id from reports where report_id = ?",
                           [report]).fetchone()[0] == placed.agency_id[0]


def test_an_editor_marks_a_finding_and_everyone_sees_the_status(sample_db, monkeypatch, entry,
                                                                tmp_path):
    import shutil

    from xxgk.reviews import Reviews, store_path

    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_db, db)
    agency, year = _agency_with_findings(db)
    app = _editor_app(db, monkeypatch, entry)
    _open_agency(app, agency, year)
    next(b for b in app.button if b.label == "保存核实状态").click().run()
    assert "请先选择问题" in app.error[0].value and Reviews(store_path(db)).latest(
        [], 2000, 2100).empty
    pick = app.multiselect(key=f"review_pick_{agency}_{year}")
    pick.select(0)  # the first finding of the table (options are its row numbers)
    app.selectbox(key=f"review_status_{agency}_{year}").set_value("已通知")
    app.text_input(key=f"review_comment_{agency}_{year}").input("已电话通知")
    next(b for b in app.button if b.label == "保存核实状态").click().run()
    assert not app.exception and "已保存 1 条核实状态：已通知" in app.success[0].value
    decided = Reviews(store_path(db)).latest([agency], year, year)
    assert (decided.status.tolist(), decided.editor.tolist(), decided.comment.tolist()) == (
        ["已通知"], ["张三"], ["已电话通知"])
    viewer = _app(db, monkeypatch, entry)
    _open_agency(viewer, agency, year)
    shown = next(d.value for d in viewer.dataframe if "状态" in d.value.columns)
    assert shown["状态"].tolist().count("已通知") == 1 and "张三" in "".join(shown["记录"])


@pytest.fixture(scope="module")
def mixed_db(sample_db, tmp_path_factory):
    """The sample warehouse plus one real report loaded by a user (not the shipped seed)."""
    from xxgk.ingest import ingest

    base = tmp_path_factory.mktemp("mixed")
    db = base / "warehouse.duckdb"
    db.write_bytes(sample_db.read_bytes())
    upload = base / "uploads" / "new_2025.txt"
    upload.parent.mkdir()
    upload.write_text((ROOT / "data" / "sample" / "000_94358fe22916de47.txt").read_text(
        encoding="utf-8").replace("2020年", "2025年").replace("保健路街道", "新建路街道"),
        encoding="utf-8")
    ingest([upload], db, [ROOT / "data" / "agencies.csv", ROOT / "data" / "agencies_real.csv"],
           workers=1, progress=False)
    return db


def test_real_and_sample_reports_are_never_summed(mixed_db, monkeypatch, entry):
    with duckdb.connect(str(mixed_db), read_only=True) as con:
        real = run_query(con, "kpis_by_year", **{**FILTERS, "year_to": 2030})
        invented = run_query(con, "kpis_by_year", **{**SAMPLE, "year_to": 2030})
    assert real.n_reports.sum() == 2  # the seed (2020) and the upload (2025)
    app = _app(mixed_db, monkeypatch, entry)
    assert not app.exception
    assert "当前显示真实报告 2 份" in app.info[0].value and "不计入" in app.info[0].value
    assert app.query_params["data"] == ["real"] or app.query_params["data"] == "real"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["报告数"] == str(int(real.iloc[-1].n_reports))
    app.radio(key="f_sample").set_value(True).run()
    assert not app.exception and "当前显示样例报告" in app.warning[0].value
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["报告数"] == str(int(invented.iloc[-1].n_reports))
    again = _app(mixed_db, monkeypatch, entry, data="sample")  # the URL keeps the choice
    assert again.radio(key="f_sample").value is True


def test_a_warehouse_of_an_older_version_is_upgraded_on_open(sample_db, monkeypatch, entry,
                                                               tmp_path):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(sample_db.read_bytes())
    with duckdb.connect(str(db)) as con:  # as the previous version left it
        con.execute("drop table meta")
        con.execute("alter table agencies drop column synthetic")
    app = _app(db, monkeypatch, entry)
    assert not app.exception
    assert app.metric and "样例报告" in app.warning[0].value
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select count(*) from agencies where synthetic").fetchone()[0] > 0


def test_every_page_keeps_its_own_choices_in_the_url(sample_db, monkeypatch, entry):
    with duckdb.connect(str(sample_db), read_only=True) as con:
        two = [a for (a,) in con.execute("select agency_id from report_facts where synthetic "
                                         "group by 1 order by 1 limit 2").fetchall()]
        rule = con.execute("select f.rule from findings f join reports r using (report_id) "
                           "where r.synthetic and f.severity = 'warning' limit 1").fetchone()[0]
    app = _app(sample_db, monkeypatch, entry, compare=two, metric="substantive_rate")
    app.switch_page(str(ROOT / "views" / "compare.py")).run()
    assert not app.exception
    assert app.multiselect(key="compare_agencies").value == two
    assert app.radio(key="compare_metric").value == "substantive_rate"
    assert _as_list(app.query_params["compare"]) == two
    assert _as_list(app.query_params["metric"]) == ["substantive_rate"]
    app = _app(sample_db, monkeypatch, entry, rule=[rule], severity=["warning"], status=["已通知"])
    app.switch_page(str(ROOT / "views" / "quality.py")).run()
    assert not app.exception
    assert app.multiselect(key="q_rules").value == [rule]
    assert app.multiselect(key="q_severities").value == ["warning"]
    assert app.multiselect(key="q_statuses").value == ["已通知"]
    assert _as_list(app.query_params["rule"]) == [rule]
    app.multiselect(key="q_severities").set_value(["error"]).run()
    assert _as_list(app.query_params["severity"]) == ["error"]


def test_no_page_shows_none_ids_or_english(sample_db, monkeypatch, entry):
    """Every table of every page: no 'None', 'nan' or 'NaT' in a cell, no internal id column,
    no English header."""
    app = _app(sample_db, monkeypatch, entry)
    for page in PAGES:
        app.switch_page(str(ROOT / "views" / f"{page}.py")).run()
        assert not app.exception, page
        for frame in app.dataframe:
            data = frame.value.data if hasattr(frame.value, "data") else frame.value
            text = data.astype(str).to_string()
            assert not {"None", "nan", "NaT", "<NA>"} & set(text.split()), (page, text[:300])
            for column in data.columns:
                assert not str(column).isascii() or str(column) in {"CSV"}, (page, column)


def test_the_agency_page_reads_over_years_and_in_the_reports_order(sample_db, monkeypatch, entry):
    agency, year = _agency_with_findings(sample_db)
    app = _app(sample_db, monkeypatch, entry)
    _open_agency(app, agency, year)
    with duckdb.connect(str(sample_db), read_only=True) as con:
        years = sorted(y for (y,) in con.execute(
            "select year from report_facts where agency_id = ?", [agency]).fetchall())
    over = next(d.value for d in app.dataframe if "复议已审结" in getattr(d.value, "data", d.value).columns)
    over = getattr(over, "data", over)
    assert sorted(over["年度"].tolist()) == years  # every year at once, not the chosen one
    heads = [m.value for m in app.markdown if m.value.startswith("**") and "情况" in m.value]
    assert [h[2:4] for h in heads[:3]] == ["二、", "三、", "四、"]
    labels = [e.label for e in app.expander if e.label[:2] in ("一、", "五、", "六、")]
    assert labels == sorted(labels, key=lambda label: "一五六".index(label[0]))


def test_every_kpi_links_to_its_definition_and_shows_its_n(sample_db, monkeypatch, entry):
    from xxgk.labels import METRICS

    app = _app(sample_db, monkeypatch, entry)
    links = [m.help for m in app.metric]
    assert links and all("[指标说明](/metrics#" in h for h in links)
    named = {h.split("/metrics#")[1].rstrip(")") for h in links}
    assert named <= set(METRICS)
    assert any(c.value.startswith("n = ") for c in app.caption)
    app.switch_page(str(ROOT / "views" / "metrics.py")).run()
    assert not app.exception
    assert [h.anchor for h in app.subheader] == list(METRICS)
    with duckdb.connect(str(sample_db), read_only=True) as con:  # every SQL name is real
        columns = set()
        for name in ("kpis_by_year", "compare_agencies", "requests_by_agency_year"):
            params = {**SAMPLE, "agency_ids": []} if name != "compare_agencies" else {
                "agency_ids": [], "year_from": 2019, "year_to": 2025, "sample": True}
            columns |= set(run_query(con, name, **params).columns)
    assert set(METRICS) <= columns, set(METRICS) - columns


def test_after_a_load_the_upload_page_opens_the_new_agency(mixed_db, monkeypatch, entry):
    with duckdb.connect(str(mixed_db), read_only=True) as con:
        new = con.execute("select agency_id from reports where source_path like '%uploads%'"
                          ).fetchone()[0]
    app = _editor_app(mixed_db, monkeypatch, entry)
    app.session_state["upload_done"] = ("导入报告 1 份", [new])
    app.switch_page(str(ROOT / "views" / "upload.py")).run()
    assert not app.exception and "导入报告 1 份" in app.success[0].value
    next(b for b in app.button if b.label.startswith("打开机构档案：")).click().run()
    assert not app.exception
    assert app.selectbox(key="profile_agency").value == new
    assert app.session_state["filters"].sample is False


def test_a_ranking_by_rate_leaves_out_small_numbers(sample_db, monkeypatch, entry):
    app = _app(sample_db, monkeypatch, entry, sort="substantive_rate")
    app.switch_page(str(ROOT / "views" / "requests.py")).run()
    assert not app.exception and app.radio(key="r_sort").value == "substantive_rate"
    shown = next(d.value for d in app.dataframe
                 if "实质公开率" in getattr(d.value, "data", d.value).columns)
    shown = getattr(shown, "data", shown)
    handled = pd.to_numeric(shown["办理总计"], errors="coerce")
    assert len(shown) > 10 and (handled >= 30).all()
    rates = pd.to_numeric(shown["实质公开率"], errors="coerce").dropna()
    assert rates.is_monotonic_decreasing
    assert any("办结 30 件以上" in c.value for c in app.caption)
