"""The collector (issue 14): SOURCES.csv (``agency,url``) in, every agency's year-Y report saved
under DIR with a manifest, then loaded into the warehouse.

DIR holds:

- ``reports/`` — one file per agency and year, the report itself (a web page, or the PDF/Word
  attachment that holds it), and ``reports/collected.csv`` saying for each where it came from:
  ingest reads it (the agency, the address) like any folder of reports.
- ``fetched/`` — every other document fetched (list pages, report pages whose report is an
  attachment, a report replaced by a newer version): kept so a second run can ask "changed
  since?" and show what was seen.
- ``manifest.csv`` — one row per fetch, every run: address, final address after redirects,
  fetched-at, HTTP status, content type, sha256, agency and year, the file it went to.
- ``summary-Y.csv`` — one row per agency: found / not found / unchanged / failed, and why.

A stopped run (Ctrl-C, a killed process) leaves ``.collect-progress.json``: the next run for the
same year skips the agencies it finished. Two runs on one DIR never write at once (a lock).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import queue
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock, Timeout
from tqdm import tqdm

from xxgk.collect.fetch import POLITE, Fetched, Fetcher, Politeness, Validator
from xxgk.collect.links import HTML_TYPES, Page, read_page, suffix_of, title_years
from xxgk.ingest import COLLECTED
from xxgk.registry import Matcher, RegistryAgency, load_registry

REPORTS = "reports"
FETCHED = "fetched"
MANIFEST = "manifest.csv"
PROGRESS = ".collect-progress.json"
DEFAULT_MAX_LIST_PAGES = 10    # pages of one 年报栏目 looked through for the year's link
DEFAULT_HOSTS_AT_ONCE = 4      # different hosts fetched side by side (each host: one at a time)
MANIFEST_FIELDS = ["agency_id", "agency_name", "year", "role", "url", "final_url", "fetched_at",
                   "status", "content_type", "sha256", "file", "etag", "last_modified", "error"]
COLLECTED_FIELDS = ["file", "agency_id", "agency_name", "year", "url", "source_url", "fetched_at",
                    "sha256"]
SUMMARY_FIELDS = ["agency_id", "agency_name", "district", "source_url", "outcome", "reason",
                  "report_url", "file"]
OUTCOMES = {"found": "已采集（新的或有变化）", "unchanged": "无变化", "not-found": "未找到",
            "failed": "失败"}
_KINDS = {b"%PDF": ".pdf", b"PK\x03\x04": ".docx", b"\xd0\xcf\x11\xe0": ".doc"}


class CollectBusy(Exception):
    """Another collector run is writing the same folder."""


@dataclass(frozen=True)
class Source:
    agency: RegistryAgency
    url: str


@dataclass
class AgencyResult:
    agency_id: str
    agency_name: str
    source_url: str
    outcome: str = "not-found"
    reason: str = ""
    report_url: str = ""
    file: str = ""
    district: str = ""  # where the agency is: same-name agencies of two districts never blur


@dataclass
class CollectSummary:
    year: int
    results: list[AgencyResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # rows of SOURCES.csv not used, and why
    resumed: int = 0
    requests: int = 0      # every request made, robots.txt included
    conditional: int = 0   # of them, "changed since?" requests
    robots: int = 0        # of them, robots.txt (one per host and run)

    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    def headline(self) -> str:
        counts = self.counts()
        return (f"{self.year} 年度：{len(self.results)} 个机构 — " + "，".join(
            f"{label} {counts.get(key, 0)}" for key, label in OUTCOMES.items())
            + f"（共 {self.requests} 次请求，其中条件请求 {self.conditional} 次、"
            f"robots.txt {self.robots} 次）")

    def notes(self) -> list[str]:
        """What the per-agency results do not say: a resumed run, rows of the list not used."""
        return ([f"接续上次中断的采集：已完成的 {self.resumed} 个机构未重新采集"] if self.resumed
                else []) + [f"未采集：{problem}" for problem in self.problems]

    def text(self) -> str:
        lines = [self.headline(), *self.notes()]
        for result in self.results:
            if result.outcome in ("not-found", "failed"):
                lines.append(f"  {OUTCOMES[result.outcome]} · {result.agency_name}"
                             f"（{result.district + '，' if result.district else ''}"
                             f"{result.agency_id}）：{result.reason}")
        return "\n".join(lines)


def read_sources(path: Path, registry: list[RegistryAgency]) -> tuple[list[Source], list[str]]:
    """The agencies and addresses of SOURCES.csv (UTF-8, header ``agency,url``; the agency by
    registry id or name); rows that cannot be used, each with its reason."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not {"agency", "url"} <= set(reader.fieldnames or []):
            return [], [f"{path.name} 的表头应为 agency,url（现为 {','.join(reader.fieldnames or [])}）"]
        return sources_of(((line, row.get("agency") or "", row.get("url") or "")
                           for line, row in enumerate(reader, start=2)), registry)


def parse_pasted(text: str) -> list[tuple[int, str, str]]:
    """Lines pasted on the 导入 page — ``机构 网址`` separated by a comma, a tab or spaces — as
    (line number, agency, address); a line with only an address has no agency."""
    rows = []
    for line, raw in enumerate(text.splitlines(), start=1):
        raw = raw.strip()
        if not raw or raw.startswith("#") or raw.replace(" ", "") == "agency,url":
            continue
        agency, _, url = raw.rpartition(" ") if "," not in raw and "\t" not in raw else (
            raw.replace("\t", ",").rpartition(","))
        rows.append((line, agency.strip(" ,，\t"), url.strip()))
    return rows


def sources_of(rows: Iterable[tuple[int, str, str]], registry: list[RegistryAgency]
               ) -> tuple[list[Source], list[str]]:
    """(line, agency id or name, address) rows as sources; the rows that cannot be used, each
    with its reason (no agency of that name, or several; not http(s); the agency twice)."""
    matcher = Matcher(registry)
    sources, problems, seen = [], [], set()
    for line, name, url in rows:
        name, url = name.strip(), url.strip()
        agency = matcher.by_id.get(name) or matcher.match(name, None)
        if not name or not url:
            problems.append(f"第 {line} 行缺少机构或网址")
        elif agency is None:
            problems.append(f"第 {line} 行：机构名录中找不到“{name}”，或同名机构不止一个"
                            "（请写机构编号 agency_id）")
        elif urlsplit(url).scheme not in ("http", "https"):
            problems.append(f"第 {line} 行：只采集 http/https 网址（{url}）")
        elif agency.agency_id in seen:
            problems.append(f"第 {line} 行：{agency.name}（{agency.agency_id}）重复出现，只用第一行")
        else:
            seen.add(agency.agency_id)
            sources.append(Source(agency, url))
    return sources, problems


def _write_csv(path: Path, fields: list[str], rows: Iterable[dict]) -> None:
    """Write a CSV whole, then swap it in: a reader never sees half of it."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    _atomic_write(path, text.getvalue().encode("utf-8"))


def has_reports(out: Path) -> bool:
    """Whether ``out``'s reports/ holds any report file to load."""
    folder = out / REPORTS
    return folder.is_dir() and any(p.suffix != ".csv" for p in folder.iterdir())


def _read_csv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _is_html(fetched: Fetched, data: bytes) -> bool:
    if fetched.content_type.split(";")[0].strip().lower() in HTML_TYPES:
        return True
    if any(data.startswith(magic) for magic in _KINDS) or suffix_of(fetched.final_url) in (
            ".pdf", ".docx", ".doc", ".wps"):
        return False
    head = data[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head


def _suffix(fetched: Fetched, data: bytes) -> str:
    """The file suffix a fetched report is saved under: by its bytes (a .wps address keeps
    .wps: WPS files are Word-like containers), else its address, else .html / .txt."""
    by_address = suffix_of(fetched.final_url)
    for magic, suffix in _KINDS.items():
        if data.startswith(magic):
            return ".wps" if by_address == ".wps" else suffix
    if _is_html(fetched, data):
        return ".html"
    return by_address or ".txt"


class Collector:
    """One run over DIR for one year."""

    def __init__(self, out: Path, year: int, politeness: Politeness = POLITE,
                 allow_private: bool = False, max_list_pages: int = DEFAULT_MAX_LIST_PAGES,
                 progress: bool = True) -> None:
        self.out, self.year = out, year
        self.fetcher = Fetcher(politeness, allow_private)
        self.max_list_pages = max_list_pages
        self.progress = progress
        self._lock = threading.Lock()
        self._stop = threading.Event()  # set when the run is stopped: hosts finish their agency
        (out / REPORTS).mkdir(parents=True, exist_ok=True)
        (out / FETCHED).mkdir(parents=True, exist_ok=True)
        self.manifest = _read_csv(out / MANIFEST)
        self.collected = {row["agency_id"] + "|" + row["year"]: row
                          for row in _read_csv(out / REPORTS / COLLECTED)}
        self._validators: dict[str, dict] = {}
        for row in self.manifest:  # the latest saved answer for each address
            if row["file"] and (out / row["file"]).exists():
                self._validators[row["url"]] = row

    # -- fetching, with what a previous run saw ----------------------------------------------
    def _get(self, source: Source, url: str, role: str) -> tuple[Fetched, bytes | None]:
        """Fetch ``url`` (conditionally when a previous run saved it); the bytes (from disk on a
        304); one manifest row."""
        before = self._validators.get(url)
        validator = Validator(before["etag"] or None, before["last_modified"] or None) \
            if before and (before["etag"] or before["last_modified"]) else None
        fetched = self.fetcher.get(url, validator)
        data, file = fetched.data, ""
        if fetched.unchanged and before:
            data, file = (self.out / before["file"]).read_bytes(), before["file"]
        elif fetched.unchanged:  # 304 with nothing saved: ask again, unconditionally
            fetched = self.fetcher.get(url)
            data = fetched.data
        if data is not None and not file:
            file = self._save_fetched(data, fetched)
        row = {"agency_id": source.agency.agency_id, "agency_name": source.agency.name,
               "year": self.year, "role": role, "url": url, "final_url": fetched.final_url,
               "fetched_at": fetched.fetched_at, "status": fetched.status or "",
               "content_type": fetched.content_type,
               "sha256": hashlib.sha256(data).hexdigest() if data is not None else "",
               "file": file, "error": fetched.error or "",
               # a 304 may leave out the validators: the saved ones still stand
               "etag": fetched.etag or (before["etag"] if fetched.unchanged and before else ""),
               "last_modified": fetched.last_modified or (
                   before["last_modified"] if fetched.unchanged and before else "")}
        with self._lock:
            self.manifest.append(row)
            if file:
                self._validators[url] = row
        return fetched, data

    def _save_fetched(self, data: bytes, fetched: Fetched) -> str:
        digest = hashlib.sha256(data).hexdigest()
        name = f"{FETCHED}/{digest[:20]}{_suffix(fetched, data)}"
        path = self.out / name
        if not path.exists():
            _atomic_write(path, data)
        return name

    # -- one agency -------------------------------------------------------------------------
    def collect_one(self, source: Source) -> AgencyResult:
        result = AgencyResult(source.agency.agency_id, source.agency.name, source.url,
                              district=_place_of(source.agency))
        names = tuple(sorted(source.agency.names | {source.agency.name}, key=len, reverse=True))
        fetched, data = self._get(source, source.url, "start")
        if data is None:
            return self._failed(result, fetched)
        if not _is_html(fetched, data):  # the address is the report file itself
            return self._report(result, source, fetched, data)
        page = read_page(data, fetched.final_url, fetched.charset)
        seen = {source.url, fetched.final_url}
        for looked in range(1, self.max_list_pages + 1):
            if page.is_report_of(self.year):
                return self._report_page(result, source, fetched, data, page)
            link = page.best_report_link(self.year, names)
            if link is not None:
                fetched, data = self._get(source, link.url, "report-page")
                if data is None:
                    return self._failed(result, fetched)
                if not _is_html(fetched, data):
                    return self._report(result, source, fetched, data)
                return self._report_page(result, source, fetched, data,
                                         read_page(data, fetched.final_url, fetched.charset))
            if looked == 1 and page.has_tables():  # the address given is a report page that
                printed = title_years(page.title + page.heading)  # does not say its year plainly
                if printed and self.year not in printed:
                    result.reason = f"这个地址是 {'、'.join(map(str, sorted(printed)))} 年度的报告"
                    return result
                return self._report_page(result, source, fetched, data, page)
            following = page.next_page()
            if following is None or following.url in seen or looked == self.max_list_pages:
                result.reason = (f"栏目中没有 {self.year} 年度报告的链接（看了 {looked} 页"
                                 + ("，已到翻页上限" if following and looked == self.max_list_pages
                                    else "") + "）")
                return result
            seen.add(following.url)
            fetched, data = self._get(source, following.url, "list")
            if data is None:
                return self._failed(result, fetched)
            page = read_page(data, fetched.final_url, fetched.charset)
        return result

    def _report_page(self, result: AgencyResult, source: Source, fetched: Fetched, data: bytes,
                     page: Page) -> AgencyResult:
        """A report page: the page itself when it holds the tables; else its attachment (Word
        first, then PDF), else the page (the parser then says what it lacks)."""
        if page.has_tables():
            return self._report(result, source, fetched, data)
        errors = []
        for attachment in page.attachments():
            got, content = self._get(source, attachment.url, "attachment")
            if content is not None:
                return self._report(result, source, got, content)
            errors.append(got.error or f"HTTP {got.status}")
        if errors:
            result.outcome, result.reason = "failed", "附件下载失败：" + "；".join(errors)
            return result
        return self._report(result, source, fetched, data)

    def _report(self, result: AgencyResult, source: Source, fetched: Fetched,
                data: bytes) -> AgencyResult:
        """Keep ``data`` as the agency's report of the year in reports/ (a different earlier
        one moves to fetched/)."""
        digest = hashlib.sha256(data).hexdigest()
        key = f"{source.agency.agency_id}|{self.year}"
        name = f"{source.agency.agency_id}_{self.year}{_suffix(fetched, data)}"
        reports = self.out / REPORTS
        with self._lock:
            before = self.collected.get(key)
        result.report_url, result.file = fetched.final_url, f"{REPORTS}/{name}"
        if before and before["sha256"] == digest and (reports / before["file"]).exists():
            result.outcome, result.file = "unchanged", f"{REPORTS}/{before['file']}"
            return result
        if before and (reports / before["file"]).exists():  # replaced: the old one is kept
            old = reports / before["file"]
            kept = self.out / FETCHED / f"{before['sha256'][:20]}{old.suffix}"
            if kept.exists():
                old.unlink()
            else:
                os.replace(old, kept)
        _atomic_write(reports / name, data)
        with self._lock:
            self.collected[key] = {
                "file": name, "agency_id": source.agency.agency_id,
                "agency_name": source.agency.name, "year": str(self.year),
                "url": fetched.final_url, "source_url": source.url,
                "fetched_at": fetched.fetched_at, "sha256": digest}
        result.outcome = "found"
        return result

    @staticmethod
    def _failed(result: AgencyResult, fetched: Fetched) -> AgencyResult:
        missing = fetched.status in (404, 410)
        result.outcome = "not-found" if missing else "failed"
        result.reason = fetched.error or f"HTTP {fetched.status}"
        return result

    # -- the run ------------------------------------------------------------------------------
    def _save_state(self, done: dict[str, AgencyResult]) -> None:
        with self._lock:
            _write_csv(self.out / MANIFEST, MANIFEST_FIELDS, list(self.manifest))
            _write_csv(self.out / REPORTS / COLLECTED, COLLECTED_FIELDS,
                       sorted(self.collected.values(), key=lambda r: r["file"]))
            _atomic_write(self.out / PROGRESS, json.dumps(
                {"year": self.year, "done": {k: asdict(v) for k, v in done.items()}},
                ensure_ascii=False).encode("utf-8"))

    def run(self, sources: list[Source],
            on_result: Callable[[AgencyResult], None] | None = None) -> CollectSummary:
        summary = CollectSummary(self.year)
        done = self._resumable()
        summary.resumed = sum(s.agency.agency_id in done for s in sources)
        todo = [s for s in sources if s.agency.agency_id not in done]
        by_host: dict[str, list[Source]] = {}
        for source in todo:
            by_host.setdefault(urlsplit(source.url).netloc.lower(), []).append(source)

        finished: queue.Queue[AgencyResult] = queue.Queue()

        def one_host(host_sources: list[Source]) -> None:
            for source in host_sources:
                if self._stop.is_set():
                    return
                try:
                    result = self.collect_one(source)
                except Exception as exc:  # a page we cannot read must not stop the others
                    result = AgencyResult(source.agency.agency_id, source.agency.name, source.url,
                                          "failed", f"采集出错：{exc.__class__.__name__}: {exc}",
                                          district=_place_of(source.agency))
                with self._lock:
                    done[source.agency.agency_id] = result
                self._save_state(done)
                finished.put(result)

        bar = tqdm(total=len(todo), desc="collect", unit="agency", disable=not self.progress or None,
                   leave=False)
        try:
            with ThreadPoolExecutor(max_workers=max(1, min(DEFAULT_HOSTS_AT_ONCE, len(by_host))),
                                    thread_name_prefix="collect") as pool:
                futures = [pool.submit(one_host, group) for group in by_host.values()]
                try:  # results are reported here, in the caller's thread (a page's progress bar)
                    for _ in range(len(todo)):
                        result = _next_result(finished, futures)
                        bar.update()
                        if on_result:
                            on_result(result)
                except BaseException:  # Ctrl-C: what is done is kept for the next run
                    self._stop.set()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        finally:
            bar.close()
            self.fetcher.close()
        order = {s.agency.agency_id: i for i, s in enumerate(sources)}
        summary.results = sorted((done[s.agency.agency_id] for s in sources),
                                 key=lambda r: order[r.agency_id])
        summary.requests, summary.conditional = self.fetcher.requests, self.fetcher.conditional
        summary.robots = self.fetcher.robots
        _write_csv(self.out / f"summary-{self.year}.csv", SUMMARY_FIELDS,
                   [asdict(r) for r in summary.results])
        (self.out / PROGRESS).unlink(missing_ok=True)  # finished: the next run starts afresh
        return summary

    def _resumable(self) -> dict[str, AgencyResult]:
        """The agencies a stopped run of the same year finished."""
        try:
            state = json.loads((self.out / PROGRESS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if state.get("year") != self.year:
            return {}
        return {k: AgencyResult(**v) for k, v in state.get("done", {}).items()}


def _place_of(agency: RegistryAgency) -> str:
    """名称（区县） as supervisors read an agency: its district, else its city."""
    return agency.district or agency.city or ""


def _next_result(finished: queue.Queue[AgencyResult], futures: list[Future]) -> AgencyResult:
    """The next agency a host thread finished; a host thread's own error (the folder cannot be
    written, say) is raised here instead of waiting for it for ever."""
    while True:
        try:
            return finished.get(timeout=0.2)
        except queue.Empty:
            for future in futures:
                if future.done() and (error := future.exception()) is not None:
                    raise error from None


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def collect(sources_csv: Path, year: int, out: Path, registries: list[Path],
            politeness: Politeness = POLITE, allow_private: bool = False,
            progress: bool = True) -> CollectSummary:
    """Fetch every agency's report of ``year`` named in SOURCES.csv into ``out``."""
    sources, problems = read_sources(sources_csv, load_registry(registries))
    return collect_sources(sources, problems, year, out, politeness, allow_private, progress)


def collect_sources(sources: list[Source], problems: list[str], year: int, out: Path,
                    politeness: Politeness = POLITE, allow_private: bool = False,
                    progress: bool = True,
                    on_result: Callable[[AgencyResult], None] | None = None) -> CollectSummary:
    """Fetch the sources' reports of ``year`` into ``out``, one run at a time per folder
    (CollectBusy when another run holds it); ``problems`` (rows not used) go into the summary."""
    out.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(out / ".collect.lock"), timeout=0)
    try:
        with lock:
            summary = Collector(out, year, politeness, allow_private,
                                progress=progress).run(sources, on_result)
    except Timeout as exc:
        raise CollectBusy(f"另一个采集正在写入 {out}：请等它结束后再试") from exc
    summary.problems = problems
    return summary
