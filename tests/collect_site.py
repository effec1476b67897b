"""A local government website for the collector's tests (issue 14), served on the loopback
address: every agency's 年报栏目 and report pages rendered by the generator with site chrome,
and the trouble real sites give — pagination, PDF and Word attachments, GBK pages, redirects,
a 404, a 500 that recovers, a page too slow to answer, an oversized file, a robots.txt that
forbids a path, titles with the year in Chinese numerals. ETag / Last-Modified are honoured,
and every request is logged (path, whether it was conditional)."""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from xxgk.sample.corpus import agency_reports, generate
from xxgk.sample.defects import DEFAULT_RATES
from xxgk.sample.layouts import LAYOUTS
from xxgk.sample.places import registry_rows
from xxgk.sample.writer import write_registry

LAST_MODIFIED = "Mon, 20 Jan 2025 08:00:00 GMT"
CHROME = ('<div class="header">{site} · 政府信息公开</div><div class="nav">首页 &gt; 政务公开 &gt; '
          '政府信息公开 &gt; 政府信息公开年报</div>')
FOOTER = '<div class="footer">主办单位：{site} 网站标识码 2301020001 黑ICP备00000000号</div>'
_ZH = "〇一二三四五六七八九"


def zh_year(year: int) -> str:
    return "".join(_ZH[int(d)] for d in str(year))


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    fail_first: int = 0      # answer 500 this many times first
    delay: float = 0.0       # seconds before answering
    validators: bool = True  # ETag / Last-Modified


@dataclass
class Site:
    """The site's pages by path, what the collector should find per agency, and the log."""

    year: int
    pages: dict[str, Reply] = field(default_factory=dict)
    sources: list[tuple[str, str]] = field(default_factory=list)   # (agency, path)
    expected: dict[str, str] = field(default_factory=dict)         # agency_id → outcome
    formats: dict[str, str] = field(default_factory=dict)          # agency_id → report format
    log: list[tuple[str, bool]] = field(default_factory=list)      # (path, conditional)
    served: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _page(site_name: str, title: str, body: str, charset: str = "utf-8") -> str:
    return (f"<html><head><meta charset='{charset}'><title>{html.escape(title)}</title></head><body>"
            + CHROME.format(site=site_name) + body + FOOTER.format(site=site_name)
            + "</body></html>")


def _list_page(site_name: str, entries: list[tuple[str, str, str]], next_href: str | None) -> str:
    items = "".join(f'<li><a href="{href}" title="{html.escape(title)}">{html.escape(shown)}</a>'
                    f'<span class="date">2025-01-2{i}</span></li>'
                    for i, (href, title, shown) in enumerate(entries))
    pager = (f'<div class="pager"><a href="index.html">首页</a> <a href="{next_href}">下一页</a></div>'
             if next_href else '<div class="pager">共 1 页</div>')
    return _page(site_name, "政府信息公开年报", f'<ul class="list">{items}</ul>{pager}')


def build_site(root: Path, n_agencies: int = 100, year: int = 2024, seed: int = 5) -> Site:
    """Generate ``n_agencies`` agencies' reports of ``year`` (mostly web pages; Word and PDF
    attachments for some) and lay them out as a site, last year's reports linked beside them;
    writes the registry to ``root/agencies.csv``."""
    site = Site(year)
    agencies, stream = generate(n_agencies + n_agencies // 5 + 6, (year, year), seed, fmt="html")
    write_registry(root / "agencies.csv", registry_rows(agencies))
    registry, agencies = agencies, agencies[:n_agencies]  # "about n" made: the site has n
    html_reports = {report.agency.agency_id: report for report in stream}
    site.pages["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private/\n",
                                      content_type="text/plain")
    for i, agency in enumerate(agencies):
        aid, name = agency.agency_id, agency.full_name
        fmt = "pdf" if i % 33 == 11 else "docx" if i % 8 == 3 else "html"
        report = html_reports.get(aid) if fmt == "html" else next(iter(agency_reports(
            agency, range(year, year + 1), seed, list(LAYOUTS), (fmt,), DEFAULT_RATES)), None)
        if i % 17 == 6:
            report = None  # this year's report not (yet) published
        base = f"/private/{aid}" if i == 7 else f"/{aid}/ndbg"
        charset = "gbk" if i % 6 == 2 else "utf-8"
        html_type = f"text/html; charset={charset}" if i % 12 != 2 else "text/html"
        expected = "found" if report is not None else "not-found"
        entries = []
        for y in (year, year - 1):
            page_path = f"{base}/{y}/t{y}0120_{i}.html"
            if y != year:  # last year's report: only linked, never fetched
                site.pages[page_path] = Reply(body=_page(name, f"{name}{y}年政府信息公开工作年度报告",
                                                         "<p>（上一年度）</p>").encode("utf-8"))
            elif report is None:
                continue
            elif fmt == "html":
                site.formats[aid] = fmt
                body = report.content.decode("utf-8")
                if charset == "gbk":
                    body = body.replace("<meta charset='utf-8'>", "<meta charset='gbk'>")
                site.pages[page_path] = Reply(body=body.encode(charset, errors="replace"),
                                              content_type=html_type)
            else:
                site.formats[aid] = fmt
                file_path = f"/files/{aid}/{y}/P0{y}{i:03d}{report.ext}"
                attachment = Reply(body=report.content, content_type={
                    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "pdf": "application/pdf"}[fmt])
                if i == 11:  # an oversized attachment (3 MB of padding)
                    attachment.body = report.content + b"\0" * (3 * 1024 * 1024)
                    expected = "failed"
                site.pages[file_path] = attachment
                title = f"{name}{y}年政府信息公开工作年度报告"
                site.pages[page_path] = Reply(body=_page(
                    name, title, f"<h1>{html.escape(title)}</h1><p>发布时间：{y + 1}-01-20</p>"
                    f"<p>详见附件。</p><p>附件：<a href=\"{file_path}\">{html.escape(title)}{report.ext}"
                    f"</a></p>", charset).encode(charset), content_type=html_type)
            if i == 13 and y == year:  # a report page that fails once, then answers
                site.pages[page_path].fail_first = 1
            # titles as lists print them: Chinese-numeral years, 年报, without the agency
            styles = [f"{name}{y}年政府信息公开工作年度报告", f"{zh_year(y)}年政府信息公开工作年度报告",
                      f"{name}{y}年度政府信息公开年报", f"{y}年政府信息公开工作报告"]
            title = styles[i % len(styles)]
            entries.append((page_path, title, title[:18] + "…" if len(title) > 20 else title))
        # other documents of the column, to be passed over
        entries.insert(1, (f"{base}/gzbg.html", f"{name}{year}年政府工作报告", f"{name}{year}年政府工作报告"))
        entries.append((f"{base}/jd.html", f"关于{year}年政府信息公开工作年度报告的解读", "年报解读"))
        if i % 5 == 1:  # the year's report on the column's second page
            filler = [(f"{base}/n{k}.html", f"关于做好第{k}批政务公开工作的通知", f"通知{k}")
                      for k in range(6)]
            site.pages[f"{base}/index.html"] = Reply(body=_list_page(
                name, filler, "index_1.html").encode(charset),
                content_type=html_type)
            site.pages[f"{base}/index_1.html"] = Reply(body=_list_page(
                name, entries, None).encode(charset), content_type=f"text/html; charset={charset}")
        else:
            site.pages[f"{base}/index.html"] = Reply(body=_list_page(name, entries, None).encode(
                charset, errors="replace"), content_type=html_type)
        source = f"{base}/index.html"
        if i % 9 == 4:  # an old address that moved
            site.pages[f"/old/{aid}"] = Reply(301, location=f"{base}/index.html")
            source = f"/old/{aid}"
        if i == 5:  # a column that is gone
            source, expected = f"/gone/{aid}/index.html", "not-found"
        if i == 7:
            expected = "failed"  # robots.txt forbids /private/
        if i == 9:  # answers too slowly every time
            site.pages[f"{base}/index.html"].delay = 3.0
            expected = "failed"
        if i % 10 == 8 and report is not None and fmt == "html":
            source = f"{base}/{year}/t{year}0120_{i}.html"  # the report page itself
        by_name = sum(a.name == agency.name for a in registry) == 1 and i % 4 == 0
        site.sources.append((agency.name if by_name else aid, source))
        site.expected[aid] = expected
    return site


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        site = self.site
        path = self.path.split("?")[0]
        conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
        with site.lock:
            site.log.append((path, conditional))
            site.served[path] += 1
            count = site.served[path]
        reply = site.pages.get(path)
        if reply is None:
            self._send(404, b"<html><body>404 Not Found</body></html>", "text/html")
            return
        if reply.delay:
            time.sleep(reply.delay)
        if count <= reply.fail_first:
            self._send(500, b"<html><body>500</body></html>", "text/html")
            return
        if reply.location:
            self.send_response(reply.status)
            self.send_header("Location", reply.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        etag = '"' + hashlib.sha256(reply.body).hexdigest()[:16] + '"'
        if reply.validators and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED} if reply.validators else {}
        self._send(reply.status, reply.body, reply.content_type, headers)

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (size cap, timeout)
            pass


class Server:
    """``site`` served on 127.0.0.1 (a free port) in a thread, as a context manager."""

    def __init__(self, site: Site) -> None:
        handler = type("Handler", (_Handler,), {"site": site})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def sources_csv(self, site: Site, path: Path) -> Path:
        lines = ["agency,url"] + [f"{agency},{self.base}{url}" for agency, url in site.sources]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path
