"""A whole report's reading: its sections' atoms, the format it is in, its three tables (text
and real tables together), what is missing or told in words, and its narrative.

parse.py calls these in order; the table readers (proactive, requests, review, grid) each read
one table of a format they are told.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from xxgk.model import (
    NARRATIVE_SECTIONS,
    Finding,
    first_supported_year,
    newest_template,
    request_columns,
    request_key,
    rows_of,
    section_headings,
    section_part,
    spec_cache,
)
from xxgk.recognise import proactive, requests
from xxgk.recognise.atoms import Atom, lines_to_atoms
from xxgk.recognise.grid import merge, proactive_from_grid, requests_from_grid, review_from_grid
from xxgk.recognise.normalize import compact
from xxgk.recognise.review import review_from_atoms
from xxgk.recognise.rows import LabelIndex
from xxgk.recognise.sections import Section, heading_rest
from xxgk.recognise.tables import TableResult

Lines = list[tuple[int, str]]  # (original line number, working text)
TABLE_SECTIONS = (2, 3, 4)
_OLD_OUTLINE = re.compile(r"依申请公开(?:政府)?信息(?:的)?情况|收费(?:及|和)减免|政府信息公开的收费")
_PROSE_COUNT = re.compile(r"\d+\s*(?:件|个|项|条|万元|元)")


@dataclass(frozen=True)
class Tables:
    """The three tables of a report as read, and the format they were read as (None when
    nothing in the report says which; they are then read as the newest)."""

    template: str | None
    by_section: dict[int, TableResult]
    findings: list[Finding]

    @property
    def found(self) -> bool:
        return any(t.found for t in self.by_section.values())


def section_span(sections: dict[int, Section], number: int, size: int) -> tuple[int, int]:
    """Lines of a section; for a section whose heading is missing, the gap between neighbours."""
    if number in sections:
        return sections[number].start, sections[number].end
    before = [s.start + 1 for n, s in sections.items() if n < number]
    after = [s.start for n, s in sections.items() if n > number]
    return (max(before) if before else 0), (min(after) if after else size)


def table_atoms(work: Lines, sections: dict[int, Section]) -> dict[int, list[Atom]]:
    """The atoms of each table section (二, 三, 四), each carrying its original line number."""
    out = {}
    for number in TABLE_SECTIONS:
        lo, hi = section_span(sections, number, len(work))
        out[number] = lines_to_atoms(work[lo:hi])
    return out


def read_tables(atoms: dict[int, list[Atom]], grids: list) -> Tables:
    """Recognise the format from sections 二 and 三, read the three tables as it, and complete
    them from the document's real tables. A section that shows no format of its own is read as
    the other's; a report that shows none, as the newest format."""
    index = {n: LabelIndex(atoms[n]) for n in (2, 3)}
    signals = {2: proactive.detect_template(atoms[2], index[2]),
               3: requests.detect_template(index[3])}
    fallback = signals[3] or signals[2] or newest_template()
    as_2, as_3 = signals[2] or fallback, signals[3] or fallback
    from_grids = {number: [found for grid in grids if (found := read(grid)) is not None]
                  for number, read in ((2, lambda g: proactive_from_grid(g, signals[2])),
                                       (3, lambda g: requests_from_grid(g, as_3)),
                                       (4, review_from_grid))}
    tables = {2: proactive.proactive_from_atoms(atoms[2], as_2, index[2]),
              # a real table that reads every cell of section 三 is the reading: the text's
              # (a search over digit placements) would only agree with it
              3: (TableResult() if any(_whole(found, as_3) for found in from_grids[3])
                  else requests.requests_from_atoms(atoms[3], as_3, index[3]))}
    tables[4] = review_from_atoms(atoms[4], as_3, run_together=tables[3].run_together)
    tables[2].template = signals[2]  # a real table's headers may still say (merge)
    for number in (2, 3, 4):
        for found in from_grids[number]:
            tables[number] = merge(tables[number], found)
    tables[3].template = signals[3]
    # prose (layout T9) is no signal: only a table read or headed says its format
    t2, t3 = (t.template if t.found or t.has_header else None for t in (tables[2], tables[3]))
    template, findings = _template(t2, t3)
    return Tables(template, tables, findings)


def _whole(table: TableResult, template: str) -> bool:
    """A reading of section 三 with every cell of the format read (or printed blank), none
    unreadable and nothing ambiguous."""
    if table.unreadable or any(f.rule in ("ambiguous-cell", "missing-row") for f in table.findings):
        return False
    return _request_keys(template) <= set(table.values) | table.blank


@spec_cache
def _request_keys(template: str) -> frozenset[str]:
    """Every cell of a format's section-三 table."""
    return frozenset(request_key(row, col) for row in rows_of(template)
                     for col, _ in request_columns())


def _template(t2: str | None, t3: str | None) -> tuple[str | None, list[Finding]]:
    """The report's format from section 二's and section 三's; a conflict is said."""
    if t2 and t3 and t2 != t3:
        return t2, [Finding("template-conflict", "warning",
                            f"格式版本信号不一致：第二部分为 {t2} 版，第三部分（六）行为 {t3} 版")]
    return t2 or t3, []


def unsupported(year: int | None, texts: list[str], tables: Tables) -> bool:
    """A pre-2019 report: its year says so, or the old outline with none of the new tables."""
    if year is not None and year < first_supported_year():
        return True
    if tables.by_section[3].found or tables.by_section[4].found:
        return False
    return any(_OLD_OUTLINE.search(compact(t)) for t in texts)


def section_findings(sections: dict[int, Section], tables: dict[int, TableResult],
                     work: Lines) -> list[Finding]:
    """missing-section; table-missing (headings with nothing under them, layout T8);
    table-blank (the table printed, every cell empty: an empty form); table-as-text (the
    section told in sentences, layout T9: its numbers are not read); table-unread (numbers
    printed, none placed in a cell).
    A whole table not read is an error (the report cannot be checked or counted: issue 10);
    a missing narrative section a warning."""
    findings = []
    for number, name in section_headings().items():
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
            findings.append(Finding(rule, severity, f"{section_part(number)}{what}：未取任何数值",
                                    [], f"line {prose[0]}" if prose else f"line {work[sec.start][0]}"))
        elif table is not None and not table.values and number in sections and (
                table.unreadable or any(f.rule == "ambiguous-cell" for f in table.findings)):
            # numbers were printed, but not one could be placed in its cell (every row
            # ambiguous): as unreadable as a missing table for anyone counting or checking
            findings.append(Finding(
                "table-unread", "error",
                f"{section_part(number)}表格印有数字，但没有一个能确定所在的行和列：未取任何数值",
                [], f"line {work[sections[number].start][0]}"))
    return findings


def narrative(raw: list[str], work: Lines, sections: dict[int, Section]) -> dict[str, str]:
    """Sections 一, 五, 六 as text (original wording), without heading, signature and date; a
    line cut into pieces (a report on one line) gives its pieces, not the whole line again."""
    pieces = Counter(line for line, _ in work)
    out = {}
    for number, name in NARRATIVE_SECTIONS.items():
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
