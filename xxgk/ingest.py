"""Ingest: walk files, parse them in a process pool, load a private copy of the warehouse, swap it in.

- Idempotent: a file whose sha256 is loaded already is skipped; a new file for an agency-year
  already loaded supersedes the old report (kept, with ``superseded_by`` set).
- Atomic: the warehouse is copied to a private file (``<db>.partial``), loaded there a chunk of
  reports per transaction, checkpointed and renamed over the old one; readers (the dashboard)
  never see a half-loaded state, and a run killed at any point leaves the warehouse as it was.
- Resumable (issue 13): the private copy of a killed run keeps every chunk it committed and is
  marked with the warehouse file it was copied from (``meta``: run_base, run_started_at). The
  next run, if the warehouse is still that file and the parser the same, goes on in that copy:
  files already loaded there are skipped by their sha256, and the run's end (supersede,
  cross-year rules, fact tables) covers what both runs loaded. Otherwise the copy is dropped.
- One writer at a time (issue 9): every run, and the dashboard's first-run build, holds an
  exclusive lock file beside the warehouse (``filelock``: across processes and threads). A
  second run waits for it up to ``lock_timeout`` seconds, then says that another run holds the
  warehouse (``WarehouseBusy``). Temporary files are unique per run and stale ones are removed
  only under the lock, so no run ever deletes another's live file.
- Cross-year rules (carry-continuity, copied-narrative, late-publication) are recomputed for
  every agency the run touched.
- What editors decided (xxgk/reviews.py, the store beside the warehouse) holds in every run:
  agencies they added load with the registry, and a file they placed (待归属) goes to the agency
  they chose, whether it is new to this run or already in the warehouse. A run with no files
  applies new placements (``place_report``).
"""

from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from itertools import islice
from pathlib import Path

import duckdb
import pandas as pd
from filelock import FileLock, Timeout
from pebble import ProcessPool
from tqdm import tqdm

from xxgk.labels import SEVERITY_ZH
from xxgk.limits import (
    DEFAULT_SECONDS_PER_FILE,
    DEFAULT_WORKER_MEMORY_MB,
    INGEST_DUCKDB_MEMORY,
    MB,
)
from xxgk.model import Finding
from xxgk.parse import PARSER_VERSION, failed_record, parse_bytes, read_report_bytes, report_digest
from xxgk.registry import (
    DEFAULT_REGISTRIES,
    Matcher,
    RegistryAgency,
    load_registry,
    unknown_agency,
    with_names,
)
from xxgk.reviews import Reviews, store_path
from xxgk.sample import MANIFEST
from xxgk.validate import check_carry_continuity, check_copied_narrative, check_late_publication
from xxgk.warehouse import Batch, create_schema, execute_query

COLLECTED = "collected.csv"  # beside the files the collector saved: their agency and address
REPORT_SUFFIXES = (".txt", ".htm", ".html", ".docx", ".pdf", ".doc", ".wps")
PAUSE_ENV = "XXGK_INGEST_PAUSE_BEFORE_SWAP"
PAUSE_CHUNK_ENV = "XXGK_INGEST_PAUSE_AFTER_CHUNK"  # a test kills the run after its first commit
DEFAULT_CHUNK = 1000
DEFAULT_LOCK_TIMEOUT = 600.0  # seconds a run waits for another run to finish


@dataclass
class IngestSummary:
    files: int = 0
    loaded: int = 0
    superseded: int = 0
    duplicates: int = 0
    placed: int = 0                   # reports moved to the agency an editor chose
    resumed: int = 0                  # reports an interrupted run had loaded, kept by this one
    agencies: set[str] = field(default_factory=set)  # agencies of the reports loaded
    unreadable: list[str] = field(default_factory=list)
    unknown_agencies: Counter = field(default_factory=Counter)
    severities: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def text(self) -> str:
        lines = [f"files read {self.files} · reports loaded {self.loaded} · superseded "
                 f"{self.superseded} · duplicates skipped {self.duplicates} · unreadable "
                 f"{len(self.unreadable)} · {self.loaded / max(self.seconds, 1e-9):.0f} reports/s",
                 "findings: " + (", ".join(f"{n} {s}" for s, n in sorted(self.severities.items()))
                                 or "none")]
        if self.resumed:
            lines.append(f"resumed an interrupted run: the {self.resumed} reports it had loaded "
                         "are kept, not parsed again")
        if self.placed:
            lines.append(f"reports placed as editors chose: {self.placed}")
        lines += [f"unreadable: {path}" for path in self.unreadable]
        if self.unknown_agencies:
            names = ", ".join(f"{n} ({c})" for n, c in self.unknown_agencies.most_common(20))
            lines.append(f"agencies not in the registry: {names}")
        return "\n".join(lines)

    def text_zh(self) -> str:
        """The same, in Chinese, for the dashboard (Markdown line breaks)."""
        lines = [f"读取文件 {self.files} 个 · 导入报告 {self.loaded} 份 · 取代旧版 {self.superseded} 份 · "
                 f"重复跳过 {self.duplicates} 个 · 无法读取 {len(self.unreadable)} 个",
                 "发现问题：" + ("、".join(f"{SEVERITY_ZH.get(s, s)} {n} 条"
                                        for s, n in sorted(self.severities.items())) or "无")]
        if self.resumed:
            lines.append(f"接续上次中断的导入：已导入的 {self.resumed} 份报告保留，未重新解析")
        if self.placed:
            lines.append(f"按编辑人员指定归属的报告 {self.placed} 份")
        lines += [f"无法读取：{path}" for path in self.unreadable]
        if self.unknown_agencies:
            lines.append("不在机构名录中的机构：" + "、".join(
                f"{n}（{c} 份）" for n, c in self.unknown_agencies.most_common(20)))
        return "  \n".join(lines)


def walk(paths: Iterable[Path], refused: list[str] | None = None) -> list[Path]:
    """Report files under the given files and folders, in a stable order. Nothing with a report's
    suffix is passed over in silence: a FIFO, a device or a broken or looping link is returned
    too, and reading it says why it is refused. A named file of another type goes to
    ``refused``. Links to folders are not followed (a loop cannot hang the walk)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*")
                            if p.suffix.lower() in REPORT_SUFFIXES and not p.is_dir())
        elif path.suffix.lower() in REPORT_SUFFIXES or not (path.exists() or path.is_symlink()):
            found.append(path)  # a missing file is said so when it is read
        elif refused is not None:
            refused.append(f"{path}: 不是年报文件类型（可导入 {', '.join(sorted(REPORT_SUFFIXES))}），未读取")
    return found


@dataclass(frozen=True)
class ParseJob:
    """One file to parse: where it is (or its name), its sha256, and its bytes only when they
    are not on disk (an upload). A worker reads its own file: a run never holds every file's
    bytes at once."""

    path: str
    sha256: str
    data: bytes | None = None


def parse_job(job: ParseJob) -> dict:
    """The parse-output record of one file (read here unless its bytes came with the job)."""
    try:
        data = job.data if job.data is not None else read_report_bytes(job.path)
    except OSError as exc:  # gone or changed since it was hashed
        return failed_record(job.sha256, job.path, "unreadable-file",
                             f"无法读取文件：{exc.strerror or exc}")
    record = parse_bytes(data, job.path, keep_lines=True)
    record["parser_version"] = PARSER_VERSION
    return record


@lru_cache(maxsize=64)
def _invented_in(manifest: Path, _mtime_ns: int) -> frozenset[str]:
    with manifest.open(encoding="utf-8", newline="") as fh:
        return frozenset(row["file"] for row in csv.DictReader(fh))


def _is_synthetic(path: Path, agency_is_sample: bool) -> bool:
    """Generated reports: their truth file or their folder's synthetic.csv says so, or the
    registry marks their agency as a sample one (its column ``sample``)."""
    truth = path.with_name(path.stem + ".truth.json")
    if truth.exists():
        return bool(json.loads(truth.read_text(encoding="utf-8")).get("synthetic"))
    manifest = path.with_name(MANIFEST)
    with suppress(OSError):
        if path.name in _invented_in(manifest, manifest.stat().st_mtime_ns):
            return True
    return agency_is_sample


@lru_cache(maxsize=64)
def _collected_in(manifest: Path, _mtime_ns: int) -> dict[str, dict[str, str]]:
    with manifest.open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def collected_row(path: Path) -> dict[str, str] | None:
    """What the collector saw of a report file it saved (its folder's collected.csv): the
    agency it was collected for and the address it came from; None for any other file."""
    manifest = path.with_name(COLLECTED)
    try:
        rows = _collected_in(manifest, manifest.stat().st_mtime_ns)
    except (OSError, KeyError, csv.Error):
        return None
    return rows.get(path.name)


def _new_files(files: list[Path], known: set[str], summary: IngestSummary,
               resumed: frozenset[str] = frozenset()) -> list[ParseJob]:
    """Files not loaded before (by sha256), each once; hashed in blocks, never held in memory.
    A file an interrupted run had loaded (``resumed``) is neither parsed nor a duplicate."""
    todo, seen, first_time = [], set(known) | resumed, set(resumed)
    for path in files:
        try:
            digest = report_digest(path)
        except OSError as exc:
            summary.unreadable.append(f"{path}: {exc.strerror or exc}")
            continue
        if digest in first_time:
            first_time.discard(digest)
            continue
        if digest in seen:
            summary.duplicates += 1
            continue
        seen.add(digest)
        todo.append(ParseJob(str(path), digest))
    return todo


def _limit_memory() -> None:
    """Parse workers get a bounded address space: a file that would take more fails alone."""
    limit = DEFAULT_WORKER_MEMORY_MB * MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


DEFAULT_IN_FLIGHT_PER_WORKER = 8  # tasks queued per worker: enough to keep it busy, no more


def parse_all(todo: list[ParseJob], workers: int, progress: bool,
              seconds_per_file: float = DEFAULT_SECONDS_PER_FILE) -> Iterator[dict]:
    """Parse in a pool of worker processes (pebble), with a progress bar; records come out in
    the order of ``todo``. Only a few tasks per worker are queued at a time, so finished
    records never pile up while one slow file is waited for: memory stays flat however many
    files a run has. Workers are not replaced along the way: forked late from a main process
    that holds DuckDB's cache, a new worker counted ~800 MB at 5×10^4 reports (279 MB without).
    A worker past ``seconds_per_file`` is killed and its file becomes an error record; so does
    a worker that dies (issue 9)."""
    window = max(1, workers) * DEFAULT_IN_FLIGHT_PER_WORKER
    jobs = iter(todo)
    with ProcessPool(max_workers=max(1, workers), initializer=_limit_memory) as pool, \
            tqdm(total=len(todo), unit="report", desc="parse",
                 disable=None if progress else True) as bar:
        pending: deque = deque()

        def submit(job: ParseJob) -> None:
            pending.append((job, pool.schedule(parse_job, args=[job], timeout=seconds_per_file)))

        for job in islice(jobs, window):
            submit(job)
        while pending:
            job, future = pending.popleft()
            try:
                record = future.result()
            except TimeoutError:
                record = failed_record(job.sha256, job.path, "parse-timeout",
                                       f"解析超过 {seconds_per_file:.0f} 秒，已中止，未取任何数值")
            except Exception as exc:  # the worker died (memory, a crash in a library)
                record = failed_record(job.sha256, job.path, "parser-error",
                                       f"解析进程异常退出，未取任何数值：{type(exc).__name__}: {exc}")
            following = next(jobs, None)
            if following is not None:
                submit(following)
            bar.update()
            yield record


@dataclass(frozen=True)
class Placement:
    """An editor's choice of agency for one report file."""
    agency_id: str
    editor: str
    decided_at: str


def editor_choices(db: Path) -> tuple[dict[str, Placement], list[RegistryAgency]]:
    """The placements (by file sha256) and added agencies kept beside the warehouse at ``db``."""
    path = store_path(db)
    if not path.exists():
        return {}, []
    store = Reviews(path)
    placed = {r.sha256: Placement(r.agency_id, r.editor, r.decided_at)
              for r in store.placements().itertuples()}
    return placed, store.added_agencies()


def placed_finding(agency: RegistryAgency, placement: Placement) -> dict:
    region = agency.district or agency.city or "市级"
    return {"rule": "placed-by-editor", "severity": "info", "keys": [], "where": None,
            "message": f"由 {placement.editor} 于 {placement.decided_at[:10]} 指定归属为"
                       f"“{agency.name}（{region}）”"}


def write_agencies(con: duckdb.DuckDBPyConnection, agencies: list[RegistryAgency],
                   replace: bool = True) -> None:
    """Agencies into the warehouse in one statement (see queries/load/upsert_agencies.sql)."""
    if not agencies:
        return
    frame = pd.DataFrame([a.as_row() for a in agencies]).astype(
        {"aliases": object, "in_registry": bool, "synthetic": bool})
    con.register("new_agencies", frame)
    try:
        execute_query(con, "load/upsert_agencies", replace=replace)
    finally:
        con.unregister("new_agencies")


def _place(con: duckdb.DuckDBPyConnection, matcher: Matcher, record: dict,
           summary: IngestSummary, placed: dict[str, Placement] | None = None,
           collected_for: str | None = None) -> tuple[str, bool, list[dict]]:
    """(agency_id, whether the registry marks it a sample agency, extra findings) for a
    record: the agency an editor chose for the file, else the registry's match, else the
    agency the collector fetched it for (``collected_for``); unknown agencies are added. When
    the report names another registry agency than the one it was collected for, the report's
    own name wins and a warning says so."""
    placement = placed.get(record["source"]["sha256"]) if placed else None
    if placement is not None and placement.agency_id in matcher.by_id:
        agency = matcher.by_id[placement.agency_id]
        return agency.agency_id, agency.synthetic, [placed_finding(agency, placement)]
    matched = matcher.match(record["agency"], record["region"])
    hint = matcher.by_id.get(collected_for) if collected_for else None
    if matched is not None and hint is not None and matched.agency_id != hint.agency_id:
        return matched.agency_id, matched.synthetic, [{
            "rule": "collected-elsewhere", "severity": "warning", "keys": [], "where": None,
            "message": f"这份报告是从“{hint.name}”（{hint.agency_id}）的网址采集的，但报告写的是"
                       f"“{matched.name}”：已按报告所写归属，请核实采集清单"}]
    if matched is not None:
        return matched.agency_id, matched.synthetic, []
    if hint is not None:
        return hint.agency_id, hint.synthetic, [{
            "rule": "placed-by-collector", "severity": "info", "keys": [], "where": None,
            "message": f"报告所写机构（{record['agency'] or '无'}）在名录中对不上唯一机构，"
                       f"按采集清单归属“{hint.name}”"}]
    agency = unknown_agency(record["agency"], record["region"])
    write_agencies(con, [agency], replace=False)
    region = record["region"] or ""
    named = agency.name if agency.name.startswith(region) else region + agency.name
    summary.unknown_agencies[named] += 1  # 淮安市人民政府, not 淮安市淮安市人民政府
    return agency.agency_id, False, [{
        "rule": "unknown-agency", "severity": "info", "keys": [], "where": None,
        "message": f"机构“{agency.name}”不在机构名录中，按报告所写地区（{record['region'] or '无'}）归属"}]


def load_records(con: duckdb.DuckDBPyConnection, matcher: Matcher, records: Iterable[dict],
                 paths: dict[str, Path], summary: IngestSummary,
                 placed: dict[str, Placement] | None = None,
                 chunk: int = DEFAULT_CHUNK) -> set[str]:
    """Insert the records, a chunk at a time (memory stays flat on large runs)."""
    batch, touched = Batch(), set()
    for record in records:
        path = paths[record["source"]["path"]]
        collected = collected_row(path)
        agency_id, agency_is_sample, extra = _place(
            con, matcher, record, summary, placed, collected["agency_id"] if collected else None)
        synthetic = _is_synthetic(path, agency_is_sample)
        rid = batch.add_report(record, agency_id, synthetic)
        if collected:
            batch.add_source(rid, collected)
        batch.add_findings(rid, extra, scope="warehouse")
        summary.severities.update(f["severity"] for f in record["findings"] + extra)
        summary.loaded += 1
        touched.add(agency_id)
        summary.agencies.add(agency_id)
        if len(batch.reports) >= chunk:
            batch.write(con)
            # each chunk its own transaction in the run's private copy: DuckDB keeps no undo
            # for what is committed, so memory stays flat; the copy is swapped in only at the
            # end, so no half-loaded run is ever seen
            con.execute("commit")
            _pause_for_tests(PAUSE_CHUNK_ENV)
            con.execute("begin")
    batch.write(con)
    return touched


def move_placed(con: duckdb.DuckDBPyConnection, matcher: Matcher,
                placed: dict[str, Placement], summary: IngestSummary) -> set[str]:
    """Move the reports already in the warehouse whose file an editor placed elsewhere; the
    agencies they left and joined (for supersede and the cross-year rules)."""
    shas = sorted(sha for sha, p in placed.items() if p.agency_id in matcher.by_id)
    if not shas:
        return set()
    moves = execute_query(con, "load/misplaced", shas=shas,
                          agency_ids=[placed[sha].agency_id for sha in shas])
    for report_id, _, _, agency_to in moves:
        execute_query(con, "load/move_report", report_id=report_id, agency_id=agency_to)
    summary.placed += len(moves)
    if moves:
        execute_query(con, "load/release_superseded", report_ids=[m[0] for m in moves])
        execute_query(con, "load/forget_placement_findings", report_ids=[m[0] for m in moves])
    batch = Batch()
    for report_id, sha256, _, agency_to in moves:
        batch.add_findings(report_id, [placed_finding(matcher.by_id[agency_to], placed[sha256])],
                           scope="warehouse")
    batch.write(con)
    return {a for _, _, agency_from, agency_to in moves for a in (agency_from, agency_to) if a}


UNREAD_NEWER = Finding("newer-file-unread", "warning",
                       "这份较新的文件没有读到任何数值（表格缺失或无法读取），较早的报告仍为当前报告："
                       "请核对原文件后决定是否替换")


def supersede(con: duckdb.DuckDBPyConnection, agency_ids: set[str], started: datetime) -> int:
    """Leave one current report per agency-year (queries/load/supersede.sql says which); a
    newer file from which nothing was read is kept aside with a finding (issue 9)."""
    rows = execute_query(con, "load/supersede", agency_ids=sorted(agency_ids),
                         run_started_at=started)
    batch = Batch()
    for report_id, unread in rows:
        if unread:
            batch.add_findings(report_id, [UNREAD_NEWER.to_dict()], scope="report")
    batch.write(con)
    return len(rows)


RECHECK_CHUNK = 500  # agencies whose histories are held in memory at once


def recheck_agencies(con: duckdb.DuckDBPyConnection, agency_ids: set[str]) -> None:
    """Recompute the cross-year findings of the given agencies over their current reports, a
    few hundred agencies at a time (a national run touches 10^5 agencies: their narratives
    are never all in memory)."""
    ids = sorted(agency_ids)
    for start in range(0, len(ids), RECHECK_CHUNK):
        _recheck(con, ids[start:start + RECHECK_CHUNK])


def _recheck(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
    history = execute_query(con, "load/agency_history", agency_ids=ids)
    execute_query(con, "load/delete_cross_year_findings", agency_ids=ids)
    values: dict[str, dict] = {}
    for rid, key, value in execute_query(con, "load/carry_values",
                                         report_ids=[row[0] for row in history]):
        values.setdefault(rid, {})[key] = value
    batch, previous = Batch(), dict[str, tuple]()
    for rid, agency_id, year, published, is_gov, text in history:
        found = check_late_publication(year, published.isoformat() if published else None, is_gov)
        before = previous.get(agency_id)
        if before is not None:
            found += check_carry_continuity(year, values.get(rid, {}), before[2],
                                            values.get(before[0], {}))
            found += check_copied_narrative(text, before[5], before[2])
        batch.add_findings(rid, [f.to_dict() for f in found], scope="warehouse")
        previous[agency_id] = (rid, agency_id, year, published, is_gov, text)
    batch.write(con)


def load_agencies(con: duckdb.DuckDBPyConnection, registries: list[Path],
                  added: list[RegistryAgency] | None = None) -> Matcher:
    """The registry's agencies (and those editors added) into the warehouse; their matcher.
    Without any registry file the registry already in the warehouse is kept and used."""
    agencies = load_registry(registries) or [
        with_names(RegistryAgency(*row)) for row in execute_query(con, "load/registry_agencies")]
    known = {agency.agency_id for agency in agencies}
    agencies += [agency for agency in added or [] if agency.agency_id not in known]
    write_agencies(con, agencies)
    return Matcher(agencies)


def default_registries(db: Path) -> list[Path]:
    return [db.parent / name for name in DEFAULT_REGISTRIES]


class WarehouseBusy(RuntimeError):
    """Another ingest (or the dashboard's first-run build) holds the warehouse."""


def warehouse_lock(db: Path, timeout: float = DEFAULT_LOCK_TIMEOUT) -> FileLock:
    """The exclusive write lock of the warehouse at ``db`` (a ``.lock`` file beside it)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(db) + ".lock", timeout=timeout)


def ingest(paths: list[Path], db: Path, registries: list[Path] | None = None,
           workers: int | None = None, progress: bool = True,
           lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
           on_wait: Callable[[], None] | None = None,
           seconds_per_file: float = DEFAULT_SECONDS_PER_FILE,
           chunk: int = DEFAULT_CHUNK, cluster: str | None = None,
           parts: str | None = None) -> IngestSummary:
    """Load report files into the warehouse at ``db`` (created when absent), one run at a time,
    ``chunk`` reports per commit; ``on_wait`` is called once when another run holds the
    warehouse and this one waits. With ``cluster`` (a Dask scheduler's address) the files are
    parsed by its workers, which write Parquet under ``parts`` (a folder or URL they all
    reach; by default a folder beside the warehouse)."""
    lock = warehouse_lock(db, lock_timeout)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if on_wait:
                on_wait()
            lock.acquire()
        try:
            parse = None
            if cluster:  # workers elsewhere open the files by the same absolute paths
                paths = [path.resolve() for path in paths]
                parse = _cluster_parse(cluster, parts or str(db.with_name(db.name + ".parts")))
            return _ingest_locked(paths, db, registries, workers, progress, seconds_per_file,
                                  chunk, parse)
        finally:
            lock.release()
    except Timeout as exc:
        raise WarehouseBusy(f"另一个导入正在写入数据仓库 {db}，已等待 {lock_timeout:.0f} 秒；"
                            "请稍后再试") from exc


Parser = Callable[[list[ParseJob], bool], Iterator[dict]]  # (jobs, progress) → records


def _cluster_parse(address: str, parts: str) -> Parser:
    from xxgk.cluster import parse_on_cluster

    return lambda todo, progress: parse_on_cluster(todo, address, parts, progress)


def partial_path(db: Path) -> Path:
    """The private copy a run loads before it becomes the warehouse (kept when a run is killed)."""
    return db.with_name(db.name + ".partial")


def _base_of(db: Path) -> str:
    """Which warehouse file a private copy was made from: its size and modification time."""
    if not db.exists():
        return "none"
    stat = db.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _drop(path: Path) -> None:
    path.unlink(missing_ok=True)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


def _connect_private(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), config={"memory_limit": INGEST_DUCKDB_MEMORY})
    con.execute("set enable_progress_bar = false")  # the run has its own; DuckDB's fills logs
    return con


def _open_private_copy(db: Path, summary: IngestSummary) -> tuple[duckdb.DuckDBPyConnection,
                                                                   datetime]:
    """The run's private copy of the warehouse and when the run started: an interrupted run's
    copy when it can go on (same warehouse file, same parser), else a fresh copy, marked."""
    partial, base = partial_path(db), _base_of(db)
    if partial.exists():
        try:
            con = _connect_private(partial)
        except duckdb.Error:  # killed while its file was being written: start again
            _drop(partial)
        else:
            create_schema(con, materialise=False)
            run = execute_query(con, "load/interrupted_run")
            if run and run[0][0] == base and run[0][2] == PARSER_VERSION:
                summary.resumed = run[0][3]
                return con, run[0][1]
            con.close()
            _drop(partial)
    copying = db.with_name(f"{db.name}.tmp-{uuid.uuid4().hex}")
    try:
        if db.exists():
            shutil.copyfile(db, copying)
            os.replace(copying, partial)  # a copy cut short is never taken for a run's copy
    finally:
        copying.unlink(missing_ok=True)
    con = _connect_private(partial)
    create_schema(con, materialise=False)
    started = datetime.now(UTC).replace(tzinfo=None)
    execute_query(con, "load/begin_run", base=base, started_at=started,
                  parser_version=PARSER_VERSION)
    return con, started


def _ingest_locked(paths: list[Path], db: Path, registries: list[Path] | None,
                   workers: int | None, progress: bool,
                   seconds_per_file: float = DEFAULT_SECONDS_PER_FILE,
                   chunk: int = DEFAULT_CHUNK, parse: Parser | None = None) -> IngestSummary:
    start = time.perf_counter()
    summary = IngestSummary()
    for stale in db.parent.glob(db.name + ".tmp-*"):
        stale.unlink(missing_ok=True)  # under the lock: no other run is writing one
    partial = partial_path(db)
    interrupted = False
    try:
        con, started = _open_private_copy(db, summary)
        try:
            files = walk(paths, summary.unreadable)
            summary.files = len(files)
            known, resumed = set[str](), set[str]()
            for sha256, is_resumed in execute_query(con, "load/loaded_files",
                                                    run_started_at=started):
                (resumed if is_resumed else known).add(sha256)
            todo = _new_files(files, known, summary, frozenset(resumed))
            placed, added = editor_choices(db)
            con.execute("begin")
            matcher = load_agencies(con, registries or default_registries(db), added)
            records = (parse(todo, progress) if parse is not None else
                       parse_all(todo, workers or os.cpu_count() or 1, progress, seconds_per_file))
            load_records(con, matcher, records, {job.path: Path(job.path) for job in todo},
                         summary, placed, chunk)
            touched = {row[0] for row in execute_query(con, "load/agencies_loaded_since",
                                                       run_started_at=started)}
            touched |= move_placed(con, matcher, placed, summary)
            execute_query(con, "load/mark_sample_agencies",
                          added_ids=[a.agency_id for a in added])
            if touched:
                summary.superseded = supersede(con, touched, started)
                recheck_agencies(con, touched)
            execute_query(con, "load/drop_unused_agencies")
            execute_query(con, "load/materialise_facts")
            execute_query(con, "load/end_run")
            con.execute("commit")
            con.execute("checkpoint")
        except KeyboardInterrupt:
            interrupted = True  # stopped by its user: what it committed is resumed next time
            raise
        finally:
            con.close()
        _pause_for_tests(PAUSE_ENV)
        os.replace(partial, db)
    finally:
        if not interrupted:  # a run that failed on an error starts afresh next time
            _drop(partial)
    summary.seconds = time.perf_counter() - start
    return summary


def place_report(db: Path, sha256: str, agency_id: str, editor: str,
                 registries: list[Path] | None = None) -> IngestSummary:
    """An editor places one report file (待归属) with a registry agency: the choice is kept
    beside the warehouse and applied to it at once (a run with no files)."""
    with duckdb.connect(str(db), read_only=True) as con:
        known = {row[0] for row in execute_query(con, "load/registry_agencies")}
    known |= {a.agency_id for a in load_registry(registries or default_registries(db))}
    known |= {a.agency_id for a in editor_choices(db)[1]}
    if agency_id not in known:
        raise ValueError(f"机构 {agency_id} 不在机构名录中")
    Reviews(store_path(db)).place(sha256, agency_id, editor)
    return ingest([], db, registries, workers=1, progress=False)


SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


def ensure_sample_warehouse(db: Path) -> IngestSummary | None:
    """Build the warehouse from the embedded sample corpus when there is none at ``db``.

    Sessions that arrive together (two tabs, a refresh during the build) all wait on the one
    lock; the first builds, the others find the warehouse there and return None (issue 9).
    """
    if db.exists():
        return None
    with warehouse_lock(db):
        if db.exists():
            return None
        registries = [SAMPLE_DIR.parent / name for name in DEFAULT_REGISTRIES]
        return _ingest_locked([SAMPLE_DIR], db, registries, None, False)


def _pause_for_tests(env: str) -> None:
    """With ``env`` set, say so in the file it names and wait: a test kills the run here."""
    signal_file = os.environ.get(env)
    if signal_file:
        Path(signal_file).write_text("ready", encoding="utf-8")
        time.sleep(120)

