"""The parser's one entry point: a file's bytes → the record of ../shared/spec/parse-output.md.

bytes → Document (extract) → normalised working lines → sections → atoms per table section →
values (recognise) → findings (validate). Every problem becomes a finding; nothing raises.
"""

from __future__ import annotations

import errno
import hashlib
import re
import stat
from collections import Counter
from pathlib import Path

from xxgk.extract import Document, bytes_to_document
from xxgk.findings import grouped_findings
from xxgk.limits import DEFAULT_MAX_FILE_MB, MB
from xxgk.model import Finding
from xxgk.recognise.atoms import Atom, cell_to_atoms, demote_vertical_placeholders
from xxgk.recognise.geometry import words_to_grids
from xxgk.recognise.grid import merge, proactive_from_grid, requests_from_grid, review_from_grid
from xxgk.recognise.metadata import read_metadata
from xxgk.recognise.normalize import compact, normalize_lines
from xxgk.recognise.proactive import proactive_from_atoms
from xxgk.recognise.requests import requests_from_atoms
from xxgk.recognise.review import review_from_atoms
from xxgk.recognise.sections import (
    SECTION_NAMES,
    Section,
    find_sections,
    heading_rest,
    split_run_together,
)
from xxgk.recognise.tables import TableResult
from xxgk.validate import Report, validate

PARSER_VERSION = "0.1.0"
_SEPARATORS = re.compile(r"[\s|│┃¦｜]+")
_OLD_OUTLINE = re.compile(r"依申请公开(?:政府)?信息(?:的)?情况|收费(?:及|和)减免|政府信息公开的收费")
_NARRATIVE = {1: "overview", 5: "problems", 6: "other"}
FIRST_SUPPORTED_YEAR = 2019
_PROSE_COUNT = re.compile(r"\d+\s*(?:件|个|项|条|万元|元)")


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


def failed_record(data: bytes, path: str, rule: str, message: str) -> dict:
    """The record of a file the parser could not finish (killed past its time, say)."""
    source = {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "format": "text"}
    return _empty(source, [Finding(rule, "error", message)])


def read_report_bytes(path: str | Path) -> bytes:
    """A report file's bytes, refused (OSError) before reading when it is no regular file (a
    FIFO, /dev/zero) or larger than the limit: memory stays bounded (issue 9)."""
    path = Path(path)
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, "不是普通文件（设备、管道或目录），未读取")
    if info.st_size > DEFAULT_MAX_FILE_MB * MB:
        raise OSError(errno.EFBIG, f"文件 {info.st_size / MB:.0f} MB，超过 {DEFAULT_MAX_FILE_MB} MB "
                                   "的上限，未读取")
    return path.read_bytes()


def parse_file(path: str | Path) -> dict:
    """Parse a file on disk; OSError (missing, unreadable, too large) is the caller's to report."""
    return parse_bytes(read_report_bytes(path), str(path))


def _empty(source: dict, findings: list[Finding]) -> dict:
    return {"source": source, "agency": None, "region": None, "year": None, "template": None,
            "published_on": None, "values": {}, "narrative": {v: "" for v in _NARRATIVE.values()},
            "findings": [f.to_dict() for f in findings]}


def span_atoms(work: list[tuple[int, str]], lo: int, hi: int) -> list[Atom]:
    """The atoms of working lines [lo, hi), each carrying its original line number."""
    atoms: list[Atom] = []
    for line, text in work[lo:hi]:
        for cell in _SEPARATORS.split(text):
            if cell:
                atoms.extend(cell_to_atoms(cell, line))
    return demote_vertical_placeholders(atoms)


def section_span(sections: dict[int, Section], number: int, size: int) -> tuple[int, int]:
    """Lines of a section; for a section whose heading is missing, the gap between neighbours."""
    if number in sections:
        return sections[number].start, sections[number].end
    before = [s.start + 1 for n, s in sections.items() if n < number]
    after = [s.start for n, s in sections.items() if n > number]
    return (max(before) if before else 0), (min(after) if after else size)


def narrative(raw: list[str], work: list[tuple[int, str]], sections: dict[int, Section]) -> dict:
    """Sections 一, 五, 六 as text (original wording), without heading, signature and date; a
    line cut into pieces (a report on one line) gives its pieces, not the whole line again."""
    pieces = Counter(line for line, _ in work)
    out = {}
    for number, name in _NARRATIVE.items():
        sec = sections.get(number)
        if sec is None:
            out[name] = ""
            continue
        lines = [heading_rest(number, work[sec.start][1])]
        lines += [raw[line - 1].strip() if pieces[line] == 1 else text.strip()
                  for line, text in work[sec.start + 1:sec.end]]
        if number == 6:
            lines = _drop_signature(lines)
        out[name] = "\n".join(x for x in lines if x)
    return out


def _drop_signature(lines: list[str]) -> list[str]:
    while lines and (not lines[-1] or (len(compact(lines[-1])) <= 30
                                       and not re.search(r"[。；;，,]", lines[-1]))):
        lines = lines[:-1]
    return lines


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
    spans = {n: span_atoms(work, *section_span(sections, n, len(work))) for n in (2, 3, 4)}
    tables = {2: proactive_from_atoms(spans[2]), 3: requests_from_atoms(spans[3])}
    tables[4] = review_from_atoms(spans[4], run_together=tables[3].run_together)
    grids = doc.grids + (words_to_grids(doc.words, doc.rules) if doc.words else [])
    tables = with_grids(tables, grids)
    findings: list[Finding] = []
    record = _empty(source, [])
    record.update(agency=meta.agency, region=meta.region, year=meta.year,
                  published_on=meta.published_on)
    if _unsupported(meta.year, texts, tables):
        findings.append(Finding("unsupported-format", "error",
                                "2019 年以前的旧式报告（无全国统一表格），不读取数值"))
        record["findings"] = [f.to_dict() for f in findings]
        return record
    if not sections and not any(t.found for t in tables.values()):
        findings.append(Finding("not-a-report", "error",
                                "没有找到年度报告的任何部分或表格：文件可能不是政府信息公开年度报告"))
    template, template_findings = _template(tables)
    findings += template_findings + _section_findings(sections, tables, work)
    values: dict = {}
    unreadable: set[str] = set()
    where: dict[str, str] = {}
    for table in tables.values():
        values.update(table.values)
        unreadable |= table.unreadable
        where |= table.where
        findings += table.findings
    findings += validate(Report(values, template, meta.year, meta.published_on, unreadable, where))
    record.update(template=template, values=values, narrative=narrative(doc.lines, work, sections),
                  findings=[f.to_dict() for f in grouped_findings(findings)])
    return record


def with_grids(tables: dict[int, TableResult], grids: list) -> dict[int, TableResult]:
    """Real tables (web pages, Word files, PDF tables by geometry) complete what the text
    reading could not place (blank cells); where both read a cell and differ, neither stands."""
    for grid in grids:
        for number, read in ((2, lambda g: proactive_from_grid(g, tables[2].template)),
                             (3, lambda g: requests_from_grid(g, tables[3].template)),
                             (4, review_from_grid)):
            found = read(grid)
            if found is not None:
                tables[number] = merge(tables[number], found)
    return tables


def _unsupported(year: int | None, texts: list[str], tables: dict[int, TableResult]) -> bool:
    """A pre-2019 report: its year says so, or the old outline with none of the new tables."""
    if year is not None and year < FIRST_SUPPORTED_YEAR:
        return True
    if tables[3].found or tables[4].found:
        return False
    return any(_OLD_OUTLINE.search(compact(t)) for t in texts)


def _template(tables: dict[int, TableResult]) -> tuple[str | None, list[Finding]]:
    """The format version from section 二's headers and section 三's （六） rows."""
    t2, t3 = (t.template if t.found or t.has_header else None  # prose (T9) is no signal
              for t in (tables[2], tables[3]))
    if t2 and t3 and t2 != t3:
        return t2, [Finding("template-conflict", "warning",
                            f"格式版本信号不一致：第二部分为 {t2} 版，第三部分（六）行为 {t3} 版")]
    return t2 or t3, []


def _section_findings(sections: dict[int, Section], tables: dict[int, TableResult],
                      work: list[tuple[int, str]]) -> list[Finding]:
    """missing-section; table-missing (headings with nothing under them, layout T8);
    table-blank (the table printed, every cell empty: an empty form); table-as-text (the
    section told in sentences, layout T9: its numbers are not read); table-unread (numbers
    printed, none placed in a cell).
    A whole table not read is an error (the report cannot be checked or counted: issue 10);
    a missing narrative section a warning."""
    findings = []
    for number, name in SECTION_NAMES.items():
        table = tables.get(number)
        if number not in sections and not (table and table.found):
            severity = "error" if number in tables else "warning"
            findings.append(Finding("missing-section", severity, f"未找到第{name[0]}部分（{name}）"))
        elif table is not None and not table.found:
            sec = sections[number]
            prose = [line for line, text in work[sec.start + 1:sec.end] if _PROSE_COUNT.search(text)]
            rule, severity, what = (
                ("table-as-text", "error", "以文字叙述代替表格，其中的数字未读取") if prose
                else ("table-blank", "warning", "表格已印出，但所有单元格空白（无数据应填 0）")
                if table.printed else ("table-missing", "error", "没有可读的表格"))
            findings.append(Finding(rule, severity, f"第{name[0]}部分（{name[2:]}）{what}：未取任何数值",
                                    [], f"line {prose[0]}" if prose else f"line {work[sec.start][0]}"))
        elif table is not None and not table.values and number in sections and (
                table.unreadable or any(f.rule == "ambiguous-cell" for f in table.findings)):
            # numbers were printed, but not one could be placed in its cell (every row
            # ambiguous): as unreadable as a missing table for anyone counting or checking
            findings.append(Finding(
                "table-unread", "error",
                f"第{name[0]}部分（{name[2:]}）表格印有数字，但没有一个能确定所在的行和列：未取任何数值",
                [], f"line {work[sections[number].start][0]}"))
    return findings
