"""Charts, tables and downloads through their pure functions (AppTest cannot see them)."""

import io

import duckdb
import pandas as pd
import plotly.graph_objects as go
import pytest

from tests.conftest import FILTERS
from xxgk.ui import charts
from xxgk.ui.downloads import file_stem, xlsx_bytes
from xxgk.ui.filters import Filters, from_query_params, to_query_params
from xxgk.ui.page import rate_text
from xxgk.ui.tables import (
    MARK_CSS,
    cell_marks,
    marked,
    requests_keys,
    requests_table,
    review_keys,
    review_table,
)
from xxgk.warehouse import run_query

CHARTS = [("kpis_by_year", charts.requests_trend), ("requests_by_district_year", charts.requests_by_district),
          ("applicant_mix", charts.applicant_mix), ("outcome_mix", charts.outcome_shares),
          ("refusal_reasons", charts.refusal_reasons),
          ("review_litigation_by_year", charts.review_outcomes),
          ("review_litigation_by_year", charts.correction_rates),
          ("coverage_agency_year", charts.coverage_grid),
          ("coverage_by_district_year", charts.coverage_districts)]


def _extra_args(draw, con) -> tuple:
    """What a chart takes beside its query's frame (coverage, colours), as its page gives it."""
    cover = run_query(con, "coverage_by_district_year", **FILTERS)
    if draw is charts.requests_trend:
        return (charts.coverage_by_year(cover),)
    if draw is charts.requests_by_district:
        return (cover, charts.district_colors(cover.district.tolist()))
    return ()


@pytest.fixture(scope="module")
def con(small_warehouse):
    db, *_ = small_warehouse
    with duckdb.connect(str(db), read_only=True) as connection:
        yield connection


@pytest.mark.parametrize(("name", "draw"), CHARTS)
def test_charts_draw_the_query_frame(name, draw, con):
    frame = run_query(con, name, **FILTERS)
    figure = draw(frame.dropna(subset=[c for c in ("share",) if c in frame]), *_extra_args(draw, con))
    assert isinstance(figure, go.Figure) and figure.data
    assert figure.layout.title.text


def test_district_coverage_cells_say_how_many_of_how_many_reported(con):
    frame = run_query(con, "coverage_by_district_year", **FILTERS)
    figure = charts.coverage_districts(frame)
    cells = {(y, x): t for y, row in zip(figure.data[0].y, figure.data[0].text, strict=True)
             for x, t in zip(figure.data[0].x, row, strict=True)}
    expected = frame[frame.n_expected > 0].iloc[0]
    assert cells[(expected.district, expected.year)] == \
        f"{int(expected.n_registry_reports)}/{int(expected.n_expected)}"
    assert "None" not in str(figure.data[0].text) and "nan" not in str(figure.data[0].text)


def test_outcomes_keep_their_colours(con):
    figure = charts.outcome_shares(run_query(con, "outcome_mix", **FILTERS))
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours["予以公开"] == charts.OUTCOME_COLORS["予以公开"]
    assert colours["无法提供"] == charts.OUTCOME_COLORS["无法提供"]


def test_report_tables_like_the_report(con):
    profile = run_query(con, "agency_profile", agency_id="t2")
    one = profile[profile.year == 2022]
    table = requests_table(one, "2021")
    assert len(table) == 25 and table.iloc[0]["总计"] == "10"
    assert review_table(one).iloc[0]["结果纠正"] == "2"
    assert "None" not in table.to_string() and "nan" not in table.to_string()
    one_missing = one[one.key != "requests.new_received.total"]
    assert requests_table(one_missing, "2021").iloc[0]["总计"] == "—"  # no number: —


def test_the_cells_a_finding_names_are_marked_where_the_table_prints_them(con):
    profile = run_query(con, "agency_profile", agency_id="t2")
    one = profile[profile.year == 2022]
    findings = pd.DataFrame({
        "severity": ["warning", "error", "info", "error"],
        "keys": [["requests.granted.total", "review.corrected"],
                 ["requests.granted.total", "requests.new_received.natural_person"],
                 ["requests.denied.total"], None]})
    marks = cell_marks(findings)
    assert marks == {"requests.granted.total": "error", "review.corrected": "warning",
                     "requests.new_received.natural_person": "error"}
    table, keys = requests_table(one, "2021"), requests_keys("2021")
    assert keys.shape == table.shape and keys.iloc[0]["总计"] == "requests.new_received.total"
    known = set(run_query(con, "export_values", **FILTERS).key) | set(one.key)
    assert set(keys.drop(columns="行").stack()) >= {k for k in known if k.startswith("requests.")}
    css = marked(table, keys, marks)._compute().ctx  # (row, col) → [(property, value)]
    coloured = {(r, table.columns[c]) for (r, c), props in css.items()
                if any(p == "background-color" for p, _ in props)}
    granted = table.index[table["行"].str.contains("予以公开")][0]
    assert coloured == {(granted, "总计"), (0, "自然人")}
    review = marked(review_table(one), review_keys(), marks)._compute().ctx
    assert [(r, c) for (r, c), props in review.items() if props] == [(0, 2)]
    assert MARK_CSS["error"].split(";")[0].split(": ")[1] in str(css[(granted, 7)])


def test_xlsx_download_has_chinese_headers():
    frame = pd.DataFrame({"agency_name": ["教育局"], "n_new_requests": [3]})
    back = pd.read_excel(io.BytesIO(xlsx_bytes(frame)))
    assert list(back.columns) == ["机构", "新收申请"]


def test_a_download_is_the_table_as_shown_with_a_notes_sheet():
    from openpyxl import load_workbook

    frame = pd.DataFrame({"agency_name": ["教育局", "民政局"], "year": [2024, 2024],
                          "n_new_requests": [1200.0, 3.0], "substantive_rate": [0.5, None]})
    notes = [("数据", "真实报告"), ("区县", "青岚区")]
    book = load_workbook(io.BytesIO(xlsx_bytes(frame, notes)))
    data, about = book["数据"], book["说明"]
    assert [c.value for c in data[1]] == ["机构", "年度", "新收申请", "实质公开率"]
    assert data["C2"].value == 1200 and data["C2"].number_format == "#,##0"
    assert data["D2"].value == 0.5 and data["D2"].number_format == "0.0%"
    assert data["B2"].number_format == "0" and data["D3"].value is None
    assert [(r[0].value, r[1].value) for r in about.iter_rows(min_row=2)] == notes


def test_a_file_names_the_agencies_it_is_about():
    one = Filters(agency_ids=["a1"], agency_names=("民政局（青岚区）",), year_from=2024,
                  year_to=2024)
    assert one.slug() == "民政局（青岚区）-2024-2024"
    many = Filters(agency_ids=list("abcde"), agency_names=tuple("甲乙丙丁戊"))
    assert many.slug().startswith("甲-乙-丙-等5个机构")
    assert ("机构", "民政局（青岚区）") in one.described()


def test_file_names_say_what_and_which_filter():
    filters = Filters(districts=["青岚区"], kinds=["街道"], year_from=2021, year_to=2023)
    assert file_stem("机构申请量", filters.slug()) == "机构申请量_青岚区-街道-2021-2023"


def test_filters_survive_the_url():
    filters = Filters(city="云泽市", districts=["青岚区", "白鹭区"], kinds=["部门"],
                      agency_ids=["a001"], year_from=2020, year_to=2024)
    url = {k: v if isinstance(v, list) else [v] for k, v in to_query_params(filters).items()}
    assert from_query_params(url, (2019, 2025)) == filters


def test_small_samples_are_marked():
    assert rate_text(0.5, 10) == ("50.0%（样本少）", True)
    assert rate_text(0.5, 300) == ("50.0%", False)
    assert rate_text(None, 0)[0] == "—"


def test_proactive_lines_start_at_zero_and_name_the_metric(con):
    frame = run_query(con, "proactive_by_year", **FILTERS)
    one = frame[(frame.template == "2021") & (frame["item"] == "rules")]
    figure = charts.proactive_series(one)
    assert figure.layout.yaxis.rangemode == "tozero"
    assert {t.name for t in figure.data} == {"本年制发件数", "本年废止件数", "现行有效件数"}
    assert figure.layout.title.text == "主动公开 · 规章"


class _Upload:
    """What st.file_uploader hands over: a name, a size and the bytes."""

    def __init__(self, name: str, data: bytes) -> None:
        self.name, self.size, self._data = name, len(data), data

    def getvalue(self) -> bytes:
        return self._data


def test_upload_preview_then_load(small_warehouse, tmp_path, monkeypatch):
    import shutil

    from tests.conftest import SEED
    from xxgk.ui import upload

    db, *_ = small_warehouse
    target = tmp_path / "warehouse.duckdb"
    shutil.copyfile(db, target)
    monkeypatch.setenv("XXGK_DB", str(target))
    files = [_Upload("seed.txt", SEED.read_bytes()), _Upload("huge.pdf", b"x" * 10),
             _Upload("同一份.txt", SEED.read_bytes())]
    files[1].size = (upload.MAX_MB + 1) * 1024 * 1024
    rows, records = upload.preview(files)
    assert list(records) == ["seed.txt", "同一份.txt"]
    status = rows.set_index("文件")["结果"]
    assert status["huge.pdf"].startswith("超过")
    assert status["seed.txt"] == upload.READY
    assert status["同一份.txt"] == "与 seed.txt 内容相同，只导入一次"
    assert rows.set_index("文件").loc["seed.txt", "数值个数"] == 198
    with pytest.raises(PermissionError):
        upload.load_files(files, None)  # a viewer cannot load
    summary = upload.load_files(files, "张三")
    assert "导入报告 1 份" in summary.text_zh() and "重复跳过 1 个" in summary.text_zh()
    assert len(summary.agencies) == 1  # the upload page offers this agency's page
    with duckdb.connect(str(target), read_only=True) as con:
        assert con.execute("select count(*) from reports where agency_printed = '保健路街道办事处'"
                           ).fetchone() == (1,)
    rows, _ = upload.preview(files[:1])  # the same file again, once loaded
    assert rows["结果"].iloc[0].startswith("已在数据仓库中（保健路街道办事处 2020）")
    assert not upload.any_new(rows)


def test_agency_labels_never_collide():
    from xxgk.ui.filters import agency_labels

    options = pd.DataFrame({"agency_id": ["a1", "a2", "a3", "a4"],
                            "agency_name": ["民政局", "民政局", "民政局", "民政局"],
                            "district_label": ["青岚区", "白鹭区", "云泽市（市级）", "白鹭区"]})
    labels = agency_labels(options)  # district_label as filter_options spells it
    assert len(set(labels.values())) == 4
    assert labels["a1"] == "民政局（青岚区）" and labels["a3"] == "民政局（云泽市）"
    assert labels["a2"] == "民政局（白鹭区） [a2]"


def test_chart_text_from_reports_cannot_draw_links_or_markup():
    """An agency named with markup shows as written in a chart: no <a>, <b> or <img> reaches
    Plotly (it draws a subset of HTML in legends and hover labels)."""
    from xxgk.ui.page import _figure

    hostile = '<a href="https://evil.example/">点我</a><b>&amp;</b>'
    frame = pd.DataFrame({"agency_id": ["a1", "a1"], "agency_name": [hostile, hostile],
                          "district": ["南湖区", "南湖区"], "year": [2023, 2024],
                          "n_new_requests": [3, 5]})
    figure = _figure("metric_lines", frame, ("n_new_requests", "新收申请"))
    names = {trace["name"] for trace in figure["data"]}
    assert names == {'&lt;a href="https://evil.example/"&gt;点我&lt;/a&gt;&lt;b&gt;&amp;amp;&lt;/b&gt;（南湖区）'}
    assert "<a" not in str(figure)


def test_cells_never_show_none_or_a_time_of_day():
    from xxgk.ui.downloads import for_display

    frame = pd.DataFrame({"agency": ["民政局", None], "published_on": pd.to_datetime(["2025-01-20", None]),
                          "n": [3.0, None], "m": [1200.0, 5.0], "unable_rate": [0.125, None]})
    shown = for_display(frame)
    assert shown.agency.tolist() == ["民政局", "—"]
    assert shown.published_on.tolist() == ["2025-01-20", "—"]
    assert shown.n.tolist() == ["3", "—"]  # a column with gaps reads —, never None
    assert shown.m.tolist() == [1200.0, 5.0]  # a full column stays numbers: it sorts
    assert shown.unable_rate.tolist() == ["12.5%", "—"]


def test_review_records_read_in_beijing_time():
    from xxgk.reviews import local_time

    assert local_time("2026-11-28T16:30:05+00:00") == "2026-11-29 00:30"
    assert local_time(None) == "—" and local_time(float("nan")) == "—"


def test_a_year_missing_expected_reports_is_hatched_and_says_how_many_came():
    kpis = pd.DataFrame({"year": [2023, 2024], "n_new_requests": [100, 40]})
    cover = pd.DataFrame({"year": [2023, 2024], "n_expected": [10, 10], "n_reports": [10, 8],
                          "n_registry_reports": [10, 8]})
    figure = charts.requests_trend(kpis, cover)
    assert list(figure.data[0].marker.pattern.shape) == ["", "/"]
    assert "报告 8/10 份" in figure.layout.xaxis.ticktext[1]
    assert "报告 10/10 份" in figure.layout.xaxis.ticktext[0]
    assert any("未报送" in a.text for a in figure.layout.annotations)


def test_a_district_keeps_its_colour_whatever_the_filter():
    everything = charts.district_colors(["南湖区", "白鹭区", "云台区", "青岚区"])
    frame = pd.DataFrame({"district": ["青岚区", "青岚区"], "year": [2023, 2024],
                          "n_new_requests": [5, 6]})
    cover = frame.assign(n_expected=1, n_reports=1, n_registry_reports=1)[
        ["district", "year", "n_expected", "n_reports", "n_registry_reports"]]
    alone = charts.requests_by_district(frame.drop(columns=[]), cover, everything)
    assert alone.data[0].marker.color == everything["青岚区"]
    assert len(set(everything.values())) == 4


def test_lines_leave_a_gap_for_a_missing_year_and_grey_small_rates():
    frame = pd.DataFrame({"agency_id": ["a", "a", "a"], "agency_name": ["民政局"] * 3,
                          "district": ["南湖区"] * 3, "year": [2021, 2022, 2024],
                          "substantive_rate": [0.5, 0.6, 0.7], "n_handled": [100, 10, 50]})
    figure = charts.metric_lines(frame, "substantive_rate", "实质公开率")
    trace = figure.data[0]
    assert list(trace.x) == [2021, 2022, 2023, 2024]
    assert pd.isna(trace.y[2])  # 2023: no report, no line through it
    assert trace.marker.color[1] == charts.GREY and trace.marker.color[0] != charts.GREY
    assert figure.layout.yaxis.tickformat == ".0%"
    assert "（南湖区）" in trace.name


def test_outcome_shares_name_each_district_with_its_n_and_fade_small_ones():
    frame = pd.DataFrame({"district": ["甲区", "甲区", "乙区", "乙区"],
                          "outcome": ["granted", "denied", "granted", "denied"],
                          "n_requests": [90.0, 10.0, 3.0, 2.0], "share": [0.9, 0.1, 0.6, 0.4]})
    figure = charts.outcome_shares(frame)
    granted = next(t for t in figure.data if t.name == "予以公开")
    assert list(granted.y) == ["甲区（n=100）", "乙区（n=5）"]
    assert list(granted.marker.opacity) == [1.0, 0.3]


def test_section_two_reads_in_the_reports_order():
    from xxgk.ui.tables import proactive_table

    keys = ["proactive.fees.amount_10k_yuan", "proactive.licensing.decisions",  # key order
            "proactive.normative_docs.issued", "proactive.rules.in_force", "proactive.rules.issued"]
    profile = pd.DataFrame({"key": keys, "label_zh": keys, "value": range(len(keys))})
    shown = proactive_table(profile)["项目"].tolist()
    assert shown == ["proactive.rules.issued", "proactive.rules.in_force",
                     "proactive.normative_docs.issued", "proactive.licensing.decisions",
                     "proactive.fees.amount_10k_yuan"]  # 规章, 规范性文件, 许可 … as printed


def test_a_long_table_lists_its_first_rows_and_downloads_them_all():
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd

        from xxgk.ui import downloads

        frame = pd.DataFrame({"agency_id": [f"a{i}" for i in range(2500)],
                              "agency_name": ["民政局"] * 2500, "district": ["青岚区"] * 2500,
                              "year": [2024] * 2500, "n_new_requests": range(2500)})
        real = downloads.download_buttons
        downloads.download_buttons = lambda plain, what, slug: __import__("streamlit").write(
            f"download {len(plain)}")
        try:
            downloads.table(frame, "机构申请量", "x")
        finally:
            downloads.download_buttons = real

    app = AppTest.from_function(page).run()
    assert not app.exception
    assert len(app.dataframe[0].value) == 2000
    assert any("共 2,500 行，这里列出前 2,000 行" in c.value for c in app.caption)
    assert any(m.value == "download 2500" for m in app.markdown)
