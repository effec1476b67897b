"""The parser's one entry point: a file's bytes → the record of ../shared/spec/parse-output.md.

bytes → Document (extract) → normalised working lines → sections → atoms per table section →
values (recognise) → findings (validate). Every problem becomes a finding; nothing raises.
"""

from __future__ import annotations

import errno
import hashlib
import stat
from pathlib import Path

from xxgk.extract import Document, bytes_to_document
from xxgk.findings import grouped_findings
from xxgk.limits import DEFAULT_MAX_FILE_MB, MB
from xxgk.model import NARRATIVE_SECTIONS, Finding, first_supported_year
from xxgk.recognise.geometry import words_to_grids
from xxgk.recognise.metadata import read_metadata
from xxgk.recognise.normalize import normalize_lines
from xxgk.recognise.report import (
    narrative,
    read_tables,
    section_findings,
    table_atoms,
    unsupported,
)
from xxgk.recognise.sections import find_sections, split_run_together
from xxgk.validate import Report, validate

PARSER_VERSION = "0.1.0"


def parse_bytes(data: bytes, path: str = "<bytes>", keep_lines: bool = False) -> dict:
    """Parse one file's bytes; the result follows the parse-output contract exactly. With
    ``keep_lines`` (the ingest, for evidence) the record also carries ``lines``: the document's
    text lines, line N of a finding's ``where`` being ``lines[N - 1]`` — not part of the
    contract, never printed by ``parse --json``."""
    source = {"path": path, "sha256": hashlib.sha256(data).hexdigest(),
              "format": "text"}
    if len(data) > DEFAULT_MAX_FILE_MB * MB:
        return _empty(source, [Finding("file-too-large", "error",
                                       f"文件 {len(data) / MB:.0f} MB，超过 {DEFAULT_MAX_FILE_MB} MB "
                                       "的上限：不是一份年度报告，未读取")])
    try:
        doc = bytes_to_document(data, Path(path).suffix.lower())
    except Exception as exc:  # an extractor bug must not lose the file: it becomes a finding
        return _empty(source, [Finding("unreadable-file", "error", f"无法读取文件内容：{exc}")])
    source["format"] = doc.format
    if doc.problems:
        return _empty(source, [Finding(doc.problem_rule, "error", p) for p in doc.problems])
    try:
        record = document_to_record(doc, source)
    except Exception as exc:  # a parser bug: the file is kept, said so, and no number guessed
        record = _empty(source, [Finding("parser-error", "error",
                                         f"解析器内部错误，未取任何数值：{type(exc).__name__}: {exc}")])
    if keep_lines:
        record["lines"] = list(doc.lines)
    return record


def failed_record(sha256: str, path: str, rule: str, message: str) -> dict:
    """The record of a file the parser could not finish (killed past its time, say)."""
    source = {"path": path, "sha256": sha256, "format": "text"}
    return _empty(source, [Finding(rule, "error", message)])


def read_report_bytes(path: str | Path) -> bytes:
    """A report file's bytes, refused (OSError) before reading when it is no regular file (a
    FIFO, /dev/zero) or larger than the limit: memory stays bounded (issue 9)."""
    path = Path(path)
    _check_report_file(path)
    return path.read_bytes()


def report_digest(path: str | Path) -> str:
    """A report file's sha256, read in blocks (the file is never held in memory); refused
    (OSError) as ``read_report_bytes`` refuses it."""
    path = Path(path)
    _check_report_file(path)
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _check_report_file(path: Path) -> None:
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "不是普通文件（设备、管道或目录），未读取")
    if info.st_size > DEFAULT_MAX_FILE_MB * MB:
        raise OSError(errno.EFBIG, f"文件 {info.st_size / MB:.0f} MB，超过 {DEFAULT_MAX_FILE_MB} MB "
                                   "的上限，未读取")


def parse_file(path: str | Path) -> dict:
    """Parse a file on disk; OSError (missing, unreadable, too large) is the caller's to report."""
    return parse_bytes(read_report_bytes(path), str(path))


def _empty(source: dict, findings: list[Finding]) -> dict:
    return {"source": source, "agency": None, "region": None, "year": None, "template": None,
            "published_on": None, "values": {}, "narrative": {v: "" for v in NARRATIVE_SECTIONS.values()},
            "findings": [f.to_dict() for f in findings]}


def document_to_record(doc: Document, source: dict) -> dict:
    """Recognise, read and validate one extracted document."""
    work = split_run_together(normalize_lines(doc.lines))
    texts = [t for _, t in work]
    sections = find_sections(texts)
    first = sections.get(1)
    overview_first = next((t for t in texts[first.start + 1:first.end] if t.strip()), None) \
        if first else None
    meta = read_metadata(texts, overview_first, min((s.start for s in sections.values()),
                                                    default=None))
    grids = doc.grids + (words_to_grids(doc.words, doc.rules) if doc.words else [])
    tables = read_tables(table_atoms(work, sections), grids)
    record = _empty(source, [])
    record.update(agency=meta.agency, region=meta.region, year=meta.year,
                  published_on=meta.published_on)
    if unsupported(meta.year, texts, tables):
        old = f"{first_supported_year()} 年以前的旧式报告（无全国统一表格），不读取数值"
        record["findings"] = [Finding("unsupported-format", "error", old).to_dict()]
        return record
    findings: list[Finding] = []
    if not sections and not tables.found:
        findings.append(Finding("not-a-report", "error",
                                "没有找到年度报告的任何部分或表格：文件可能不是政府信息公开年度报告"))
    findings += tables.findings + section_findings(sections, tables.by_section, work)
    values: dict = {}
    unreadable: set[str] = set()
    where: dict[str, str] = {}
    for table in tables.by_section.values():
        values.update(table.values)
        unreadable |= table.unreadable
        where |= table.where
        findings += table.findings
    findings += validate(Report(values, tables.template, meta.year, meta.published_on,
                                unreadable, where))
    record.update(template=tables.template, values=values,
                  narrative=narrative(doc.lines, work, sections),
                  findings=[f.to_dict() for f in grouped_findings(findings)])
    return record
