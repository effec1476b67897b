"""One real-browser smoke test: `streamlit run` on a free loopback port, Debian's Chromium
driven by Playwright; every page opens without an error box, a CSV downloads with its header,
and each page leaves a screenshot under the test's tmp dir."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.serve import ARGS, CHROMIUM, PAGES, serve
from xxgk.ingest import ensure_sample_warehouse

pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="no chromium on PATH (Debian package 'chromium'; .ci/run installs it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "warehouse.duckdb"
    ensure_sample_warehouse(db)
    with serve(db) as url:
        yield url


def _wait_until_idle(page) -> None:
    """Until the app stops running (Streamlit shows a running indicator while it reruns)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=60_000)
    page.wait_for_timeout(500)


def test_every_page_in_a_real_browser(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        for path, title in PAGES.items():
            page.goto(f"{server}/{'' if path == 'overview' else path}")  # the default page is /
            page.get_by_role("heading", name=title).first.wait_for(timeout=60_000)
            _wait_until_idle(page)
            assert page.locator('[data-testid="stException"]').count() == 0, path
            page.screenshot(path=str(tmp_path / f"{path}.png"), full_page=True)
        page.goto(server)
        page.get_by_role("heading", name="总览").first.wait_for(timeout=60_000)
        _wait_until_idle(page)
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name="下载 CSV").first.click()
        data = Path(info.value.path()).read_bytes()
        browser.close()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8").splitlines()[0].split(",")[0] == "年度"
    assert len(list(tmp_path.glob("*.png"))) == len(PAGES)


def _reports_shown(page) -> str:
    """The 总览 page's first KPI (报告数 of the latest year), as shown."""
    page.get_by_role("heading", name="总览").first.wait_for(timeout=120_000)
    _wait_until_idle(page)
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


def test_a_report_loaded_while_the_dashboard_runs_shows_on_the_next_load(tmp_path):
    from playwright.sync_api import sync_playwright


    db = tmp_path / "warehouse.duckdb"
    ensure_sample_warehouse(db)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "a_new_agency_2025.txt").write_text(
        (ROOT / "data" / "sample" / "000_94358fe22916de47.txt").read_text(encoding="utf-8")
        .replace("2020年", "2025年").replace("保健路街道", "新建路街道"), encoding="utf-8")
    with serve(db) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.goto(f"{url}/?from=2020&to=2020")
        before = int(_reports_shown(page).replace(",", ""))
        subprocess.run([sys.executable, "-m", "xxgk", "ingest", str(extra), "--db", str(db),
                        "--quiet"], cwd=ROOT, check=True, capture_output=True)
        page = browser.new_page()
        page.goto(f"{url}/?from=2020&to=2020")
        after = int(_reports_shown(page).replace(",", ""))
        browser.close()
    assert after == before + 1
