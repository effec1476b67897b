"""The collector (issue 14) against a local site of 100 agencies on the loopback address: what
it finds, fetches and skips, what the warehouse holds afterwards, and that a second run makes
only conditional requests. Also its guards: addresses, robots.txt, size, a stopped run, two
runs at once."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest
from filelock import FileLock

from tests.collect_site import Reply, Server, Site, build_site
from xxgk.collect import (
    MANIFEST,
    PROGRESS,
    REPORTS,
    CollectBusy,
    Collector,
    collect,
    read_sources,
)
from xxgk.collect.fetch import Fetcher, Politeness, Refused, check_address
from xxgk.collect.links import read_page, report_title_score, title_years
from xxgk.registry import load_registry
from xxgk.warehouse import connect, run_query

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2024
FAST = Politeness(delay=0.0, timeout=1.0, retries=1, backoff=0.05, max_bytes=1024 * 1024)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "xxgk", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """The site of 100 agencies, collected twice through the CLI: (site, folder, db, first run's
    output, second run's output, the server's log after the first run, the first run's
    summary rows)."""
    root = tmp_path_factory.mktemp("collect")
    site = build_site(root, 100, YEAR)
    with Server(site) as server:
        sources = server.sources_csv(site, root / "sources.csv")
        out, db = root / "out", root / "warehouse.duckdb"
        args = [str(sources), "--year", str(YEAR), "--out", str(out), "--db", str(db),
                "--registry", str(root / "agencies.csv"), "--allow-private", "--delay", "0",
                "--timeout", "1", "--retries", "1", "--max-mb", "1", "--quiet"]
        first = _cli("collect", *args)
        assert first.returncode == 0, first.stderr
        first_log = list(site.log)
        first_summary = _rows(out / f"summary-{YEAR}.csv")
        second = _cli("collect", *args)
        assert second.returncode == 0, second.stderr
    return site, out, db, first.stdout, second.stdout, first_log, first_summary


@pytest.mark.slow
def test_collect_finds_every_report_there_and_says_why_not_for_the_rest(collected):
    site, _, _, stdout, _, _, summary = collected
    outcomes = {row["agency_id"]: row for row in summary}
    assert {aid: row["outcome"] for aid, row in outcomes.items()} == site.expected
    assert sum(o == "found" for o in site.expected.values()) >= 85
    for row in outcomes.values():
        if row["outcome"] != "found":
            assert row["reason"], row  # every report not collected says why
    reasons = {aid: outcomes[aid]["reason"] for aid in ("a005", "a007", "a009", "a011")}
    assert "HTTP 404" in reasons["a005"]
    assert "robots.txt" in reasons["a007"]
    assert "超时" in reasons["a009"]
    assert "文件过大" in reasons["a011"]
    assert f"未找到 {sum(o == 'not-found' for o in site.expected.values())}" in stdout
    # the Word / PDF reports were saved as the attachment, not the page around it
    for aid, fmt in site.formats.items():
        if outcomes[aid]["outcome"] == "found":
            assert outcomes[aid]["file"].endswith(f".{fmt}"), (aid, outcomes[aid])


@pytest.mark.slow
def test_manifest_records_every_fetch_with_its_final_address(collected):
    site, out, _, _, _, _, _ = collected
    rows = _rows(out / MANIFEST)
    assert set(rows[0]) >= {"url", "final_url", "fetched_at", "status", "content_type", "sha256",
                            "agency_id", "year"}
    moved = [r for r in rows if "/old/" in r["url"]]
    assert moved and all("/ndbg/index.html" in r["final_url"] for r in moved)
    for row in rows:
        if row["file"]:
            assert (out / row["file"]).exists()
    saved = _rows(out / REPORTS / "collected.csv")
    assert {r["agency_id"] for r in saved} == {a for a, o in site.expected.items() if o == "found"}


@pytest.mark.slow
def test_the_warehouse_holds_each_report_under_its_agency_with_its_address(collected):
    site, _, db, _, _, _, _ = collected
    con = connect(db)
    loaded = con.execute(
        "select r.agency_id, r.year, s.url from current_reports as r "
        "join report_sources as s using (report_id)").fetchall()
    found = {a for a, o in site.expected.items() if o == "found"}
    assert {aid for aid, year, _ in loaded if year == YEAR} == found
    assert all(url.startswith("http://127.0.0.1:") for _, _, url in loaded)
    some = sorted(found)[0]
    reports = run_query(con, "agency_reports", agency_id=some)
    assert reports.source_url.str.startswith("http://127.0.0.1:").all()


@pytest.mark.slow
def test_a_second_run_makes_only_conditional_requests(collected):
    site, out, db, _, second, first_log, _ = collected
    again = site.log[len(first_log):]
    unconditional = {path for path, conditional in again
                     if not conditional and path != "/robots.txt"}
    # only the addresses that never gave a file: the 404, the slow page, the oversized file
    assert unconditional <= {"/gone/a005/index.html", "/a009/ndbg/index.html"} | {
        path for path in site.pages if path.startswith("/files/a011/")}
    assert "已采集（新的或有变化） 0" in second
    assert {r["outcome"] for r in _rows(out / f"summary-{YEAR}.csv")
            if site.expected[r["agency_id"]] == "found"} == {"unchanged"}
    with duckdb.connect(str(db), read_only=True) as con:
        (n,) = con.execute("select count(*) from reports").fetchone()
    assert n == sum(o == "found" for o in site.expected.values())


# -- guards --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.pdf",
                                 "http://127.0.0.1/x", "http://localhost:8501/", "http://[::1]/",
                                 "http://10.1.2.3/", "http://192.168.0.1/", "http://169.254.169.254/"])
def test_addresses_outside_the_public_internet_are_refused(url):
    with pytest.raises(Refused):
        check_address(url, allow_private=False)


def test_private_addresses_pass_only_when_allowed():
    check_address("http://127.0.0.1:8000/x", allow_private=True)
    check_address("http://93.184.215.14/", allow_private=False)  # a public address literal
    with pytest.raises(Refused):
        check_address("file:///etc/passwd", allow_private=True)  # never a file


def test_a_redirect_into_the_private_network_is_not_followed():
    asked = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(302, headers={"Location": "http://10.0.0.1/secret"})

    with Fetcher(FAST, allow_private=False, transport=httpx.MockTransport(answer)) as fetcher:
        got = fetcher.get("http://93.184.215.14/report.html")  # a public address literal
    assert got.data is None and "内网" in got.error
    assert asked == ["http://93.184.215.14/robots.txt", "http://93.184.215.14/report.html"]


def test_robots_txt_is_honoured_and_read_once_per_host():
    site = Site(YEAR, pages={"/robots.txt": Reply(body=b"User-agent: *\nDisallow: /no/\n",
                                                  content_type="text/plain"),
                             "/no/x.html": Reply(body=b"<html></html>"),
                             "/yes/x.html": Reply(body=b"<html></html>")})
    with Server(site) as server, Fetcher(FAST, allow_private=True) as fetcher:
        assert "robots.txt" in fetcher.get(server.base + "/no/x.html").error
        assert fetcher.get(server.base + "/yes/x.html").ok
        assert fetcher.get(server.base + "/yes/x.html").ok
    assert [path for path, _ in site.log] == ["/robots.txt", "/yes/x.html", "/yes/x.html"]


def test_a_crawl_delay_in_robots_txt_spaces_the_requests():
    site = Site(YEAR, pages={"/robots.txt": Reply(body=b"User-agent: *\nCrawl-delay: 1\n",
                                                  content_type="text/plain"),
                             "/a.html": Reply(body=b"<html></html>")})
    with Server(site) as server, Fetcher(FAST, allow_private=True) as fetcher:
        start = time.monotonic()
        for _ in range(2):
            assert fetcher.get(server.base + "/a.html").ok
        took = time.monotonic() - start
    assert took >= 2 * 1 - 0.05  # robots.txt, then two pages, a second apart (FAST says 0)


def test_retries_after_5xx_but_never_after_a_404():
    site = Site(YEAR, pages={"/robots.txt": Reply(404),
                             "/flaky": Reply(body=b"<html>ok</html>", fail_first=1)})
    with Server(site) as server, Fetcher(FAST, allow_private=True) as fetcher:
        assert fetcher.get(server.base + "/flaky").data == b"<html>ok</html>"
        assert fetcher.get(server.base + "/missing").status == 404
    assert site.served["/flaky"] == 2 and site.served["/missing"] == 1


def test_a_response_over_the_size_cap_is_dropped():
    site = Site(YEAR, pages={"/robots.txt": Reply(404),
                             "/big.pdf": Reply(body=b"%PDF" + b"0" * 2_000_000,
                                               content_type="application/pdf")})
    with Server(site) as server, Fetcher(FAST, allow_private=True) as fetcher:
        got = fetcher.get(server.base + "/big.pdf")
    assert got.data is None and "文件过大" in got.error


# -- reading pages -------------------------------------------------------------------------

@pytest.mark.parametrize(("title", "score"), [
    ("哈尔滨市道里区抚顺街道办事处2024年政府信息公开工作年度报告", 3),
    ("二〇二四年政府信息公开工作年度报告", 3),
    ("二零二四年度政府信息公开年报", 3),
    ("２０２４年信息公开工作报告", 3),
    ("松山區2024年政府信息公開工作年度報告", 3),
    ("区教育局2024年年报", 1),
    ("道里区人民政府2024年政府工作报告", 0),
    ("关于2024年政府信息公开工作年度报告的解读", 0),
    ("2023年政府信息公开工作年度报告", 0),
])
def test_titles_of_the_years_report_are_recognised(title, score):
    assert (report_title_score(title, 2024) >= 3) == (score >= 3)
    assert (report_title_score(title, 2024) > 0) == (score > 0)


def test_title_years_reads_chinese_numerals():
    assert title_years("二○二三年度报告") == {2023}
    assert title_years("2022年和2023年") == {2022, 2023}


def test_a_gbk_page_without_a_charset_header_is_read():
    body = ("<html><head><meta charset='gbk'><title>年报</title></head><body>"
            "<a href='/t/1.html'>抚顺街道2024年政府信息公开工作年度报告</a></body></html>").encode("gbk")
    page = read_page(body, "http://example.org/list/index.html")
    link = page.best_report_link(2024)
    assert link is not None and link.url == "http://example.org/t/1.html"


# -- runs ----------------------------------------------------------------------------------

def test_sources_rows_that_cannot_be_used_are_said(tmp_path):
    site = build_site(tmp_path, 12, YEAR)
    registry = load_registry([tmp_path / "agencies.csv"])
    path = tmp_path / "sources.csv"
    path.write_text("agency,url\na001,http://example.org/a\n不存在的局,http://example.org/b\n"
                    "a002,ftp://example.org/c\na001,http://example.org/d\na003,\n",
                    encoding="utf-8")
    sources, problems = read_sources(path, registry)
    assert [s.agency.agency_id for s in sources] == ["a001"]
    assert len(problems) == 4 and any("不存在的局" in p for p in problems)
    path.write_text("name,address\n", encoding="utf-8")
    assert "表头" in read_sources(path, registry)[1][0]
    assert site.expected


def test_a_stopped_run_resumes_where_it_left(tmp_path):
    site = build_site(tmp_path, 12, YEAR)
    with Server(site) as server:
        sources_csv = server.sources_csv(site, tmp_path / "sources.csv")
        sources, _ = read_sources(sources_csv, load_registry([tmp_path / "agencies.csv"]))
        out = tmp_path / "out"
        seen = []

        def stop_after_three(result) -> None:
            seen.append(result.agency_id)
            if len(seen) == 3:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            Collector(out, YEAR, FAST, allow_private=True, progress=False).run(
                sources, stop_after_three)
        finished = set(json.loads((out / PROGRESS).read_text(encoding="utf-8"))["done"])
        assert set(seen) <= finished < {s.agency.agency_id for s in sources}
        before = len(site.log)
        summary = Collector(out, YEAR, FAST, allow_private=True, progress=False).run(sources)
    assert summary.resumed == len(finished) and len(summary.results) == len(sources)
    again = {path for path, _ in site.log[before:]}
    assert not any(f"/{aid}/" in path for aid in finished for path in again)
    assert not (out / PROGRESS).exists()


def test_two_runs_on_one_folder_never_write_at_once(tmp_path):
    site = build_site(tmp_path, 6, YEAR)
    out = tmp_path / "out"
    out.mkdir()
    with Server(site) as server:
        sources = server.sources_csv(site, tmp_path / "sources.csv")
        with FileLock(str(out / ".collect.lock")), pytest.raises(CollectBusy):
            collect(sources, YEAR, out, [tmp_path / "agencies.csv"], FAST, allow_private=True,
                    progress=False)


# -- the 导入 page ---------------------------------------------------------------------------

@pytest.mark.slow
def test_an_editor_collects_pasted_addresses_on_the_import_page(sample_warehouse, tmp_path,
                                                                 monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import copy_warehouse
    from tests.test_app import _hash, _sign_in
    from xxgk.ui import upload

    site = build_site(tmp_path / "site", 6, YEAR)
    db = copy_warehouse(sample_warehouse, tmp_path / "db")
    shutil.copyfile(tmp_path / "site" / "agencies.csv", db.parent / "agencies.csv")
    monkeypatch.setenv("XXGK_DB", str(db))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    app.secrets["editors"] = {"张三": _hash("口令")}
    _sign_in(app.run(), "张三", "口令")
    app.switch_page(str(ROOT / "views" / "upload.py")).run()
    with Server(site) as server:
        lines = "\n".join(f"{agency}\t{server.base}{path}" for agency, path in site.sources)
        app.number_input(key="collect_year").set_value(YEAR)
        app.text_area(key="collect_sources").input(lines).run()
        app.button(key="collect_go").click().run()
        assert not app.exception
        refused = app.dataframe[-1].value  # the page never fetches loopback addresses
        assert set(refused["结果"]) == {"失败"} and refused["原因"].str.contains("内网").all()

        real = upload.collect_sources  # this test's site lives on loopback: let it through
        monkeypatch.setattr(upload, "collect_sources", lambda *a, **k: real(
            *a, **{**k, "allow_private": True, "politeness": FAST}))
        app.button(key="collect_go").click().run()
    assert not app.exception
    shown = app.dataframe[-1].value
    found = {a for a, o in site.expected.items() if o == "found"}
    assert (shown["结果"] == "已采集（新的或有变化）").sum() == len(found)
    with duckdb.connect(str(db), read_only=True) as con:
        loaded = con.execute("select r.agency_id from reports as r "
                             "join report_sources as s using (report_id)").fetchall()
    assert {a for (a,) in loaded} == found


def test_ingest_places_a_collected_report_by_its_own_name_else_by_the_collector(tmp_path):
    """A report whose name the registry places goes there, with a warning when it was fetched
    for another agency; one whose name it cannot place goes to the agency it was fetched for."""
    from xxgk.ingest import COLLECTED, ingest
    from xxgk.sample.corpus import generate
    from xxgk.sample.places import registry_rows
    from xxgk.sample.writer import write_registry

    agencies, stream = generate(20, (YEAR, YEAR), 3, fmt="html")
    write_registry(tmp_path / "agencies.csv", registry_rows(agencies))
    reports = [r for r in stream if r.agency.kind == "街道"]
    one, other = reports[0], reports[1]
    first, second = one.agency.agency_id, other.agency.agency_id
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "named.html").write_bytes(one.content)  # names `first`, fetched for `second`
    anonymous = other.content.decode("utf-8")
    for name in sorted({other.agency.full_name, other.agency.name, *other.agency.aliases},
                       key=len, reverse=True):
        anonymous = anonymous.replace(name, "某某办公室")
    (folder / "anonymous.html").write_text(anonymous, encoding="utf-8")  # fetched for `second`
    with (folder / COLLECTED).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "agency_id", "agency_name", "year", "url", "source_url",
                         "fetched_at", "sha256"])
        for name in ("named.html", "anonymous.html"):
            writer.writerow([name, second, other.agency.name, YEAR, f"https://example.org/{name}",
                             "https://example.org/", "2025-01-21T08:00:00+00:00", ""])
    db = tmp_path / "warehouse.duckdb"
    ingest([folder], db, [tmp_path / "agencies.csv"], workers=1, progress=False)
    with duckdb.connect(str(db), read_only=True) as con:
        placed = dict(con.execute(
            "select regexp_extract(r.source_path, '[^/]+$'), r.agency_id from reports as r").fetchall())
        rules = dict(con.execute(
            "select regexp_extract(r.source_path, '[^/]+$'), f.rule from findings as f "
            "join reports as r using (report_id) where f.rule in "
            "('collected-elsewhere', 'placed-by-collector')").fetchall())
        urls = {u for (u,) in con.execute("select url from report_sources").fetchall()}
    assert placed == {"named.html": first, "anonymous.html": second}
    assert rules == {"named.html": "collected-elsewhere", "anonymous.html": "placed-by-collector"}
    assert urls == {"https://example.org/named.html", "https://example.org/anonymous.html"}
