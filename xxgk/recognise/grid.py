"""Real tables (HTML): values read by column, so a blank cell keeps its place.

A text layout loses where a blank cell was, and the atom reader can only place numbers by
arithmetic. A web page's table, its merged cells expanded, still knows: once the header says
which column is 自然人 … 总计 (or 结果维持 … 总计 for section 四), a number's column is read, not
inferred. The grid reader only speaks when the header is complete and every number of a row
stands in a known column; otherwise it says nothing and the atom reader's result stands.
"""

from __future__ import annotations

import itertools
import re

from rapidfuzz import fuzz

from xxgk.model import (
    Finding,
    anchors,
    column_words,
    header_words,
    proactive_rows,
    request_key,
    table_words,
    templates,
)
from xxgk.recognise.atoms import PLACEHOLDERS, Atom, read_number
from xxgk.recognise.normalize import compact, normalize_line
from xxgk.recognise.proactive import own_label, yuan_to_10k
from xxgk.recognise.review import KEYS as REVIEW_KEYS
from xxgk.recognise.rows import LabelIndex, locate_rows, request_labels
from xxgk.recognise.tables import TableResult

Grid = list[list[str]]
APPLICANT_HEADS = column_words("requests")
OUTCOME_HEADS = column_words("review")
EXACT_HEADS = frozenset(table_words("requests", "exact_only"))


def _norm(cell: str) -> str:
    return compact(normalize_line(cell))


def _is_number(cell: str) -> bool:
    text = normalize_line(cell).strip()
    return bool(text) and (read_number(text) is not None or text in PLACEHOLDERS)


def _head_matches(cell: str, words: tuple[str, ...]) -> bool:
    return any(cell == w if w in EXACT_HEADS else w in cell for w in words)


def applicant_columns(grid: Grid) -> tuple[int, dict[str, int]] | None:
    """(first body row, column → index) from the header rows above 本年新收; None unless
    all seven columns are found, distinct and in the format's order."""
    start = next((i for i, row in enumerate(grid) if any("本年新收" in _norm(c) for c in row)), None)
    if start is None or start == 0:
        return None
    header = [[_norm(c) for c in row] for row in grid[:start]]
    found: dict[str, int] = {}
    for col, words in APPLICANT_HEADS:
        hits = [j for row in header for j, cell in enumerate(row) if _head_matches(cell, words)]
        if hits:
            found[col] = max(hits) if col == "total" else min(hits)
    order = [found.get(col, -1) for col, _ in APPLICANT_HEADS]
    if len(found) != len(APPLICANT_HEADS) or order != sorted(set(order)):
        return None
    return start, found


def _read_cells(result: TableResult, row: list[str], columns: dict[str, int], keys: dict[str, str],
                where: str) -> None:
    for col, index in columns.items():
        key, text = keys[col], normalize_line(row[index]).strip()
        result.where[key] = where
        if not text:
            result.blank.add(key)  # blank: left out, as printed
            continue
        number = read_number(text)
        if number is not None:
            result.values[key] = number[0]
        elif text in PLACEHOLDERS:
            result.values[key] = 0
        else:
            result.unreadable.add(key)
            result.findings.append(Finding("unreadable-cell", "warning",
                                           f"单元格“{text}”不是数字，未取值", [key], where))


def requests_from_grid(grid: Grid, template: str) -> TableResult | None:
    """Section 三 from a real table; None when its header or rows cannot be told apart.

    Rows are found by the same label matching as in text (exact anchors, then fuzzy), on the
    label cells of each grid row; a row with numbers but no label the format knows, or a
    number outside the seven columns, means the grid is not what its header says.
    """
    located = applicant_columns(grid)
    if located is None:
        return None
    start, columns = located
    value_columns = set(columns.values())
    body = grid[start:]
    if any(_is_number(c) for row in body for j, c in enumerate(row) if j not in value_columns):
        return None
    atoms = [Atom("text", normalize_line("".join(c for j, c in enumerate(row)
                                                 if j not in value_columns)) or "-", start + i + 1)
             for i, row in enumerate(body)]
    labels = request_labels(template)
    # A label is one grid row's: a (fuzzy) match across rows is no row's (issue 8).
    hits = {row: hit for row, hit in locate_rows(LabelIndex(atoms), labels).items()
            if hit.first == hit.last}
    rows = {hit.first: row for row, hit in hits.items()}
    if len(rows) != len(hits):
        return None  # two rows of the format in one grid row
    numbered = [i for i, cells in enumerate(body) if any(_is_number(cells[j]) for j in value_columns)]
    rows |= rows_between(rows, numbered, [x.row for x in labels],
                         {x.row: x.label for x in labels}, [a.text for a in atoms])
    result = TableResult(template=template, found=True, has_header=True)
    for i, cells in enumerate(body):
        if i not in rows:
            if any(_is_number(cells[j]) for j in value_columns):
                return None
            continue
        keys = {col: request_key(rows[i], col) for col in columns}
        _read_cells(result, cells, columns, keys, f"table row {start + i + 1}")
    return result


DEFAULT_GAP_SCORE = 60.0


def rows_between(rows: dict[int, str], numbered: list[int], order: list[str],
                 words: dict[str, str], texts: list[str]) -> dict[int, str]:
    """Grid rows whose label matched nothing (cut at a page break, say), named by position:
    between two rows that were found, as many unnamed grid rows with numbers as the format
    has rows missing there, each close enough to its row's label (fuzzy). Anything else
    stays unnamed, and the grid reader refuses the table."""
    named = sorted(rows)
    out: dict[int, str] = {}
    for before, after in itertools.pairwise(named):
        gap_rows = [i for i in numbered if before < i < after and i not in rows]
        lo, hi = order.index(rows[before]), order.index(rows[after])
        missing = order[lo + 1:hi]
        if not gap_rows or len(gap_rows) != len(missing):
            continue
        pairs = list(zip(gap_rows, missing, strict=True))
        if all(_resembles(words[row], texts[i]) for i, row in pairs):
            out.update(pairs)
    return out


_ANY_NUMBERING = re.compile(r"\d+[.、]|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、")


def _resembles(label: str, text: str) -> bool:
    """A grid row's text is close to a row's label, or its own part (after its last numbering)
    is the label's start: a label cut short (8.属于行… for 8.属于行政查询事项)."""
    own = compact(_ANY_NUMBERING.split(text)[-1])
    return (fuzz.partial_ratio(label, compact(text)) >= DEFAULT_GAP_SCORE
            or (len(own) >= 2 and label.startswith(own)))


def review_from_grid(grid: Grid) -> TableResult | None:
    """Section 四 from a real table: the 15 outcome columns named by their deepest header."""
    data_rows = [i for i, row in enumerate(grid) if any(_is_number(c) for c in row)
                 and all(_is_number(c) or not c.strip() for c in row)]
    if not data_rows or data_rows[-1] == 0:
        return None
    body = data_rows[-1]
    header = [[_norm(c) for c in row] for row in grid[:body]]
    text = "".join(c for row in header for c in row)
    if "复议" not in text or "诉讼" not in text:
        return None
    names = []
    for j in range(len(grid[body])):
        deepest = next((row[j] for row in reversed(header) if row[j]), "")
        names.append(next((col for col, words in OUTCOME_HEADS if any(w in deepest for w in words)),
                          None))
    indices = [j for j, name in enumerate(names) if name]
    expected = [col for col, _ in OUTCOME_HEADS] * 3
    if [names[j] for j in indices] != expected:
        return None
    if any(_is_number(c) for j, c in enumerate(grid[body]) if j not in indices):
        return None
    result = TableResult(found=True, has_header=True)
    columns = {key: index for key, index in zip(REVIEW_KEYS, indices, strict=True)}
    _read_cells(result, grid[body], columns, {k: k for k in REVIEW_KEYS}, f"table row {body + 1}")
    return result


def merge(atoms: TableResult, grid: TableResult) -> TableResult:
    """The atom reader's result, completed by the grid's: a key the grid reads fills the
    atoms' gap; where both read a key and differ, neither is kept and a finding says so."""
    merged = TableResult(template=atoms.template or grid.template, found=True,
                         has_header=atoms.has_header or grid.has_header,
                         where={**atoms.where, **grid.where})
    conflicts = sorted(k for k in set(atoms.values) & (set(grid.values) | grid.blank)
                       if atoms.values[k] != grid.values.get(k, 0))
    # A cell the table shows blank is left out, even where the text reading proved it 0.
    merged.values = {k: v for k, v in {**atoms.values, **grid.values}.items()
                     if k not in conflicts and k not in grid.blank}
    read = set(merged.values) | grid.blank
    merged.blank = set(grid.blank)
    merged.unreadable = (atoms.unreadable | grid.unreadable | set(conflicts)) - read
    for finding in atoms.findings + grid.findings:
        keys = [k for k in finding.keys if k not in read] if finding.rule in (
            "ambiguous-cell", "missing-row") else finding.keys
        if keys or not finding.keys:
            merged.findings.append(Finding(finding.rule, finding.severity, finding.message, keys,
                                           finding.where))
    if conflicts:
        merged.findings.append(Finding("grid-conflict", "warning",
                                       "表格按列读取与按文本读取的数值不一致，未取值", conflicts, None))
    return merged


def _proactive_header(row: list[str], template: str) -> dict[int, str]:
    """Column index → metric for a header row of section 二 (empty when the row is none)."""
    words = header_words()
    metrics = list(dict.fromkeys(m for p in proactive_rows(template) for m in p.metrics))
    found: dict[int, str] = {}
    for j, cell in enumerate(row):
        text = normalize_line(cell).replace(" ", "")
        metric = next((m for m in metrics if any(w in text for w in words[m])), None)
        if metric is not None:
            found[j] = metric
    return found


def _proactive_template(grid: Grid, template: str | None) -> str | None:
    """The format the table is read as: the one recognised in the text, else the one whose
    headers the grid shows most (alone)."""
    if template is not None:
        return template
    score = {t: sum(len(_proactive_header(row, t)) for row in grid) for t in templates()}
    best = max(score, key=score.__getitem__)
    return best if score[best] and list(score.values()).count(score[best]) == 1 else None


def _proactive_row(cells: list[str], template: str) -> str | None:
    """The section-二 row a grid row's label cells name (by its own words, not its note)."""
    label = compact(own_label(normalize_line(" ".join(c for c in cells if not _is_number(c)))))
    rows = [(p.row, anchors(template, f"proactive.{p.row}")) for p in proactive_rows(template)]
    for row, words in sorted(rows, key=lambda item: -max(len(a) for a in item[1])):
        if any(a in label for a in words):
            return row
    return None


def proactive_from_grid(grid: Grid, template: str | None) -> TableResult | None:
    """Section 二 from a real table (one table of all blocks, or one block): every number is
    placed by the header above it (信息内容 | 本年制发件数 | …). None when the grid is not
    section 二 or a number stands where no header of its row's metrics is."""
    template = _proactive_template(grid, template)
    if template is None:
        return None
    columns: dict[int, str] = {}
    result = TableResult(template=template, found=True, has_header=True)
    for i, cells in enumerate(grid):
        header = _proactive_header(cells, template)
        if header and not any(_is_number(c) for c in cells):
            columns = header
            continue
        numbers = [j for j, c in enumerate(cells) if _is_number(c)]
        if not numbers:
            continue
        row = _proactive_row(cells, template)
        if row is None or not columns:
            return None
        metrics = next(p.metrics for p in proactive_rows(template) if p.row == row)
        if any(columns.get(j) not in metrics for j in numbers):
            return None
        keys = {metric: f"proactive.{row}.{metric}" for metric in metrics}
        _read_cells(result, cells, {m: j for j, m in columns.items() if m in metrics}, keys,
                    f"table row {i + 1}")
    if not result.values and not result.blank:
        return None
    _fees_in_yuan(result, grid)
    return result


def _fees_in_yuan(result: TableResult, grid: Grid) -> None:
    """A 2021 fee column headed in 元 (not 万元) is converted to 万元, and said so."""
    key = "proactive.fees.amount_10k_yuan"
    heads = [normalize_line(c) for row in grid for c in row if "收费金额" in normalize_line(c)]
    if key in result.values and heads and all("元" in h and "万元" not in h for h in heads):
        result.values[key] = yuan_to_10k(result, key, result.values[key], result.where.get(key))
