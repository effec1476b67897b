"""One real-browser smoke test: `streamlit run` on a free loopback port, Debian's Chromium
driven by Playwright; every page opens without an error box, a CSV downloads with its header,
and each page leaves a screenshot under the test's tmp dir."""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_warehouse
from tests.serve import ARGS, CHROMIUM, PAGES, serve

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (Debian package 'chromium'; .ci/run installs it)")]


@pytest.fixture(scope="module")
def server(sample_warehouse, tmp_path_factory):
    db = copy_warehouse(sample_warehouse, tmp_path_factory.mktemp("browser"))
    with serve(db) as url:
        yield url


def _wait_until_idle(page) -> None:
    """Until the app stops running (Streamlit shows a running indicator while it reruns): the
    page's requests settle (up to 15 s: with several sessions arriving during the first build
    they may not), then no running indicator and no element still drawn as a placeholder."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightTimeout:
        page.wait_for_load_state("load")
    # no running indicator, and no skeleton: a fresh page draws placeholders first and may not
    # show the running indicator yet when its requests have settled
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " && !document.querySelector('[data-testid=\"stSkeleton\"]')",
                           timeout=60_000)
    page.wait_for_timeout(500)


def test_every_page_in_a_real_browser(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        shown = {}
        for path, title in PAGES.items():
            page.goto(f"{server}/{'' if path == 'overview' else path}")  # the default page is /
            page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
            _wait_until_idle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
            assert not {"None", "NaN", "NaT"} & set(text.split()), path
            shown[path] = text + " ".join(page.locator("svg text").all_text_contents())
            page.screenshot(path=str(tmp_path / f"{path}.png"), full_page=True)
        page.goto(server)
        page.get_by_role("heading", name="总览").first.wait_for(timeout=60_000)
        _wait_until_idle(page)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="下载 CSV").first.click()
        data = Path(info.value.path()).read_bytes()
        browser.close()
    # counts say how complete each year is; rates say their n
    assert "报告不全的年度" in shown["overview"] and "报告 " in shown["overview"]
    assert "n = " in shown["overview"] and "灰色点" in shown["review"]
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").splitlines()[0].split(",")[0] == "年度"
    assert len(list(tmp_path.glob("*.png"))) == len(PAGES)


def _reports_shown(page, year: int | None = None) -> str:
    """The 总览 page's first KPI (报告数 of the latest year, or of ``year`` once its caption
    says the KPIs are that year's), as shown."""
    page.get_by_role("heading", name="总览").first.wait_for(timeout=120_000)
    _wait_until_idle(page)
    if year is not None:
        page.get_by_text(f"{year} 年度", exact=True).first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    return page.locator('[data-testid="stMetricValue"]').first.inner_text()


def test_first_run_with_four_sessions_builds_one_warehouse(tmp_path):
    from playwright.sync_api import sync_playwright

    db = tmp_path / "fresh" / "warehouse.duckdb"  # no warehouse yet: the first run builds it
    with serve(db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = [browser.new_context().new_page() for _ in range(4)]
        for page in pages:  # all four arrive while the first build runs
            page.goto(url, wait_until="commit")
        shown = {_reports_shown(page) for page in pages}
        browser.close()
    assert len(shown) == 1  # every session sees the same, built once
    assert db.exists() and not list(db.parent.glob("warehouse.duckdb.tmp-*"))


def test_a_report_loaded_while_the_dashboard_runs_shows_on_the_next_load(sample_warehouse, tmp_path):
    from playwright.sync_api import sync_playwright


    db = copy_warehouse(sample_warehouse, tmp_path)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "a_new_agency_2025.txt").write_text(
        (ROOT / "data" / "sample" / "000_94358fe22916de47.txt").read_text(encoding="utf-8")
        .replace("2020年", "2025年").replace("保健路街道", "新建路街道"), encoding="utf-8")
    with serve(db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(f"{url}/?data=real&from=2020&to=2020")
        before = int(_reports_shown(page, 2020).replace(",", ""))
        subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(extra), "--db", str(db),
                        "--quiet"], cwd=ROOT, check=True, capture_output=True)
        page = browser.new_page()
        page.goto(f"{url}/?data=real&from=2020&to=2020")
        after = int(_reports_shown(page, 2020).replace(",", ""))
        page = browser.new_page()  # a real report beyond the shipped seed: real data by default
        page.goto(url)
        _reports_shown(page)
        shown = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
        browser.close()
    assert after == before + 1
    assert "当前显示真实报告 2 份" in shown


def _job_agency(db) -> tuple[str, str, str]:
    """A registry agency with a 2024 error that names cells and a line of the original: its id,
    the error's rule and the row label of one of its cells."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("""
            select r.agency_id, f.rule, k.label_zh
            from findings as f join reports as r using (report_id)
            join agencies as a using (agency_id)
            join value_keys as k on k.key = f.keys[1]
            where r.year = 2024 and r.superseded_by is null and a.in_registry
              and f.severity = 'error' and f.location like 'line %' and len(f.keys) > 0
            order by r.agency_id, f.rule limit 1""").fetchone()


def _download(page, label: str) -> bytes:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return Path(info.value.path()).read_bytes()


def _status_shown(url: str, browser, agency: str) -> str:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{url}/agency?agency={agency}&from=2024&to=2024")
    page.get_by_role("heading", name="机构档案").first.wait_for(timeout=60_000)
    _wait_until_idle(page)
    text = page.locator('[data-testid="stMainBlockContainer"]').inner_text()
    page.close()
    return text


def test_the_yearly_check_from_findings_to_a_sent_list(sample_warehouse, tmp_path):
    """Issue 10's walk: 数据质量 for 2024 → errors → one agency's evidence → a viewer cannot
    write → an editor signs in and marks a finding 已通知 → the agency's 整改清单 as XLSX and
    DOCX (opened and read) → the status is still there after the same files are ingested into
    a new warehouse, and after a restart."""
    import os

    from docx import Document
    from openpyxl import load_workbook
    from playwright.sync_api import sync_playwright

    from tests.test_app import _hash
    from xxgk.labels import RULE_ZH

    db = copy_warehouse(sample_warehouse, tmp_path)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[editors]\n"张三" = "{_hash("口令")}"\n', encoding="utf-8")
    agency, rule, row_label = _job_agency(db)
    shots = Path(os.environ.get("XXGK_SHOTS", tmp_path / "shots"))  # screenshots to read
    shots.mkdir(parents=True, exist_ok=True)
    with serve(db, secrets) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.goto(f"{url}/quality?from=2024&to=2024")
        page.get_by_role("heading", name="数据质量").first.wait_for(timeout=60_000)
        _wait_until_idle(page)
        main = page.locator('[data-testid="stMainBlockContainer"]')
        assert "问题明细（" in main.inner_text() and "错误" in main.inner_text()
        page.screenshot(path=str(shots / "quality.png"))
        # the findings list's 打开 link (a cell of a canvas grid) opens this address
        page.goto(f"{url}/agency?agency={agency}&from=2024&to=2024")
        page.get_by_role("heading", name="问题与原文").first.wait_for(timeout=60_000)
        _wait_until_idle(page)
        page.get_by_text(f"{RULE_ZH[rule]} · 原文第").first.click()
        page.get_by_text("▶").first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="保存核实状态").count() == 0
        assert "修改核实状态需要编辑人员登录" in main.inner_text()
        page.get_by_label("用户名").fill("张三")
        page.get_by_label("口令").fill("口令")
        page.get_by_role("button", name="登录").click()
        page.get_by_text("已登录编辑：张三").wait_for(timeout=60_000)
        _wait_until_idle(page)
        page.screenshot(path=str(shots / "agency-signed-in.png"))
        picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="问题").locator("input")
        picker.scroll_into_view_if_needed()
        picker.click()
        picker.press_sequentially(RULE_ZH[rule])  # the list filters as one types
        page.get_by_role("option").filter(has_text=RULE_ZH[rule]).first.wait_for(timeout=30_000)
        picker.press("Enter")
        page.keyboard.press("Escape")
        page.get_by_label("说明（如：已电话通知、已在网站更正）").fill("已电话通知")
        page.get_by_role("button", name="保存核实状态").click()
        page.get_by_text("已保存 1 条核实状态：已通知").wait_for(timeout=60_000)
        _wait_until_idle(page)
        assert "核实状态：已通知" in main.inner_text()
        page.screenshot(path=str(shots / "agency.png"), full_page=True)
        xlsx = _download(page, "整改清单（XLSX）")
        docx = _download(page, "整改清单（Word）")
        # the same files into a new warehouse, swapped in while the dashboard runs
        fresh = tmp_path / "fresh.duckdb"
        subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(ROOT / "data" / "sample"),
                        "--db", str(fresh), "--registry", str(ROOT / "data" / "agencies.csv"),
                        "--registry", str(ROOT / "data" / "agencies_real.csv"), "--quiet"],
                       cwd=ROOT, check=True, capture_output=True)
        os.replace(fresh, db)
        assert "核实状态：已通知" in _status_shown(url, browser, agency)
        browser.close()
    with serve(db, secrets) as url, sync_playwright() as pw:  # a restart
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        assert "核实状态：已通知" in _status_shown(url, browser, agency)
        browser.close()
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cells = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    words = "\n".join(c.text for t in Document(io.BytesIO(docx)).tables
                      for r in t.rows for c in r.cells)
    for text in (cells, words):
        assert RULE_ZH[rule] in text and row_label in text and "已通知" in text
        assert "line " not in text and rule not in text  # no codes a supervisor cannot read


def test_streamlits_own_widget_words_read_in_chinese(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_role("heading", name="总览").first.wait_for(timeout=60_000)
        _wait_until_idle(page)
        districts = page.locator('[data-testid="stMultiSelect"]').filter(has_text="区县")
        districts.locator("input").click()
        page.get_by_role("option").first.wait_for(timeout=30_000)
        options = page.get_by_role("listbox").inner_text()
        districts.locator("input").press_sequentially("不存在的区")
        page.wait_for_timeout(500)
        empty = page.get_by_role("listbox").inner_text() if page.get_by_role(
            "listbox").count() else page.locator("body").inner_text()
        browser.close()
    assert "全选" in options and "Select all" not in options
    assert "No results" not in empty
