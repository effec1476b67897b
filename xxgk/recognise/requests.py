"""Section 三: the table of disclosure requests (rows × seven applicant columns)."""

from __future__ import annotations

from collections.abc import Sequence

from xxgk.model import (
    Finding,
    equations,
    recognise_template,
    request_columns,
    request_key,
    row_groups,
    spec_cache,
    table_words,
)
from xxgk.recognise.atoms import Atom
from xxgk.recognise.placement import Candidates, ColumnSum, prune_by_equations
from xxgk.recognise.rows import Hit, LabelIndex, RowLabel, locate_rows, request_labels
from xxgk.recognise.tables import (
    RowNumbers,
    TableResult,
    candidates_for,
    emit_cells,
    numbers_after,
    numbers_between,
    placeholder_finding,
)

COLUMNS = [col for col, _ in request_columns()]
NCOLS = len(COLUMNS)
TABLE_HEADS = table_words("requests", "heads")


def detect_template(index: LabelIndex) -> str | None:
    """The format its （六） rows show (one row 其他处理, or three), by spec/templates.toml."""
    return recognise_template("requests", index.text)


def rows_to_numbers(atoms: list[Atom], located: dict[str, Hit],
                    labels: Sequence[RowLabel]) -> list[RowNumbers]:
    """The numbers of each row: from its label to the next row's label.

    Where the next row of the format was not found (the last row, or a label nobody could
    read), a row keeps only the run right after its own label: numbers further on may be
    the unread row's, and are never given to this one.
    """
    order = [x.row for x in labels]
    words = {x.row: x.label for x in labels}
    items = list(located.items())
    out: list[RowNumbers] = []
    for i, (row, hit) in enumerate(items):
        follows = i + 1 < len(items) and order.index(items[i + 1][0]) == order.index(row) + 1
        if follows:
            nums = numbers_between(atoms, hit.first, items[i + 1][1].first)
        else:
            stop = items[i + 1][1].first if i + 1 < len(items) else None
            nums = numbers_between(atoms, hit.first, hit.last + 1) + numbers_after(
                atoms, hit.last, stop, label=words[row])
        out.append(RowNumbers(row, nums, atoms[hit.first].line))
    return out


def _cell(key: str) -> tuple[str, int]:
    _, row, col = key.split(".")
    return row, COLUMNS.index(col)


@spec_cache
def column_equations(template: str) -> tuple[ColumnSum, ...]:
    """The format's sums down the table's columns (一+二 = （七）+四, （七） = Σ outcomes) as
    (row, column) terms."""
    return tuple((tuple(map(_cell, eq.left)), tuple(map(_cell, eq.right))) for eq in equations(template)
            if all(k.startswith("requests.") for k in eq.keys)
            and len({k.split(".")[1] for k in eq.keys}) > 1)


def requests_from_atoms(atoms: list[Atom], template: str,
                        index: LabelIndex | None = None) -> TableResult:
    """Read the section-三 table of one format out of the atoms of its section (``index``: their
    LabelIndex, when the caller has it)."""
    index = index or LabelIndex(atoms)
    labels = request_labels(template)
    located = locate_rows(index, labels, TABLE_HEADS)
    result = TableResult(template=template, has_header=index.find_exact(TABLE_HEADS) is not None)
    result.printed = result.has_header or len(located) > 1
    rows = rows_to_numbers(atoms, located, labels)
    if not any(r.atoms for r in rows):
        return result
    result.found = True
    with_numbers = [r for r in rows if r.atoms]
    result.run_together = sum(len(r.atoms) == 1 and r.atoms[0].fused
                              for r in with_numbers) * 2 > len(with_numbers)
    cands: dict[str, Candidates] = {}
    line_based = _rows_on_one_line(with_numbers)
    for r in rows:
        if line_based and len({a.line for a in r.atoms}) > 1:
            _split_over_lines(result, r)  # two rows' numbers (a wrapped PDF label, issue 8)
            continue
        groups = row_groups(_keys(r.row), template)
        # A row printed with no number at all is blank: 0 for the column rules, but no values.
        cands[r.row] = (candidates_for(r.atoms, NCOLS, groups, spaced_runs=result.run_together)
                        if r.atoms else Candidates([(0,) * NCOLS]))
    pruned = prune_by_equations({row: c.vectors for row, c in cands.items() if c},
                                column_equations(template))
    for r in rows:
        if r.row in cands and r.atoms:
            emit_cells(result, _keys(r.row), Candidates(pruned.get(r.row, []), cands[r.row].uncut),
                       r.atoms, f"{r.row} 行", r.where)
    _missing_rows(result, labels, located)
    placeholders = [a for r in rows for a in r.atoms if a.placeholder]
    holder = placeholder_finding(placeholders, _placeholder_keys(rows, result))
    if holder:
        result.findings.append(holder)
    return result


DEFAULT_LINE_BASED_SHARE = 0.8


def _rows_on_one_line(rows: list[RowNumbers]) -> bool:
    """Whether the table prints each row's numbers on one line (every layout but one cell per
    line): then a row whose numbers come from two lines took a neighbour's."""
    several = [r for r in rows if len(r.atoms) > 1]
    if len(several) < 5:
        return False
    one = sum(len({a.line for a in r.atoms}) == 1 for r in several)
    return one >= DEFAULT_LINE_BASED_SHARE * len(several)


def _keys(row: str) -> list[str]:
    return [request_key(row, col) for col in COLUMNS]


def _split_over_lines(result: TableResult, r: RowNumbers) -> None:
    keys = _keys(r.row)
    result.unreadable.update(keys)
    lines = sorted({a.line for a in r.atoms})
    result.findings.append(Finding(
        "unreadable-cell", "warning",
        f"{r.row} 行的 {len(r.atoms)} 个数字分在第 {lines[0]}–{lines[-1]} 行（本表其他行的数字各在一行）："
        "可能混入了相邻行的数字，未取值", keys, r.where))


def _missing_rows(result: TableResult, labels: Sequence[RowLabel],
                  located: dict[str, Hit]) -> None:
    missing = [x.row for x in labels if x.row not in located]
    if missing:
        keys = [request_key(row, col) for row in missing for col in COLUMNS]
        result.unreadable.update(keys)
        result.findings.append(Finding("missing-row", "warning",
                                       f"第三部分表格缺少行：{'、'.join(missing)}", keys, None))


def _placeholder_keys(rows: list[RowNumbers], result: TableResult) -> list[str]:
    keys = []
    for r in rows:
        if any(a.placeholder for a in r.atoms) and len(r.atoms) == NCOLS:
            keys += [request_key(r.row, COLUMNS[i]) for i, a in enumerate(r.atoms)
                     if a.placeholder]
    return keys
