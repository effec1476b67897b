"""Values → the three tables of a report as grids of cells, laid out as the national format prints them.

A grid is a list of rows, a row a list of cell strings ("" for an empty or merged cell). The
layouts in ``layouts.py`` turn grids into text the way saving or copying a report does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from xxgk.model import (
    REVIEW_BLOCKS,
    outcome_columns,
    proactive_rows,
    request_columns,
    request_row_label,
    rows_of,
    templates,
)

Number = int | float
Grid = list[list[str]]
Formatter = Callable[[str, Number], str]

REQUEST_HEADER: Grid = [
    ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况",
     "", "", "", "", "", ""],
    ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
    ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""],
]
REVIEW_HEADER: Grid = [
    ["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
    ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
     "复议后起诉", "", "", "", ""],
    [""] * 5 + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
]
Block = tuple[str, list[str], list[tuple[str, str]], list[str]]


def proactive_layout(template: str) -> list[Block]:
    """Section 二's blocks as the format prints them — (title, header cells, rows (row key,
    label), metrics) — from the format's rows in the model: rows of one 第二十条 item with the
    same metrics share a block."""
    blocks: list[Block] = []
    for p in proactive_rows(template):
        title = f"第二十条第（{p.article}）项"
        if blocks and blocks[-1][0] == title and blocks[-1][3] == list(p.metrics):
            blocks[-1][2].append((p.row, p.label))
        else:
            blocks.append((title, list(p.headers), [(p.row, p.label)], list(p.metrics)))
    return blocks


def block_titles() -> frozenset[str]:
    """Every block title section 二 prints, in any format."""
    return frozenset(title for t in templates() for title, *_ in proactive_layout(t))


def plain_number(key: str, value: Number) -> str:
    """How a number is printed by default: integers bare, money as given, 本年增/减 signed."""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    if key.endswith(".change") and value > 0:
        return f"+{value}"
    return str(value)


def _cell(values: Mapping[str, Number], key: str, fmt: Formatter) -> str:
    return fmt(key, values[key]) if key in values else ""


def request_label_cells(template: str) -> list[tuple[str, list[str]]]:
    """(row, three label cells) of section 三: 一、… | （一）… | 1.…, a group label only on the
    first row of its group (the merged cell of the printed table)."""
    out: list[tuple[str, list[str]]] = []
    shown: set[str] = set()
    for row in rows_of(template):
        label = request_row_label(template, row)
        parts = re.sub(r"\s*\([^)]*[A-Za-z][^)]*\)\s*$", "", label).split()
        if len(parts) == 1:
            cells = [parts[0], "", ""] if not parts[0].startswith("（") else ["", parts[0], ""]
        elif parts[0].startswith("（"):
            cells = ["", parts[0], parts[1]]
        else:
            cells = [parts[0], parts[1], ""]
        cells = ["" if c in shown and c.startswith("（") and i == 1 and cells[2] else c
                 for i, c in enumerate(cells)]
        shown.update(cells)
        out.append((row, cells))
    return out


def requests_grid(template: str, values: Mapping[str, Number],
                  fmt: Formatter = plain_number) -> Grid:
    """Section 三 as the format prints it: 3 header rows, then one row per request row."""
    cols = [c for c, _ in request_columns()]
    grid = [list(r) for r in REQUEST_HEADER]
    for row, labels in request_label_cells(template):
        grid.append(labels + [_cell(values, f"requests.{row}.{c}", fmt) for c in cols])
    return grid


def review_grid(values: Mapping[str, Number], fmt: Formatter = plain_number) -> Grid:
    """Section 四: the 3-row header and the one row of 15 numbers."""
    keys = [f"{b}.{c}" for b in REVIEW_BLOCKS for c, _ in outcome_columns()]
    return [list(r) for r in REVIEW_HEADER] + [[_cell(values, k, fmt) for k in keys]]


def proactive_grid(template: str, values: Mapping[str, Number],
                   fmt: Formatter = plain_number) -> Grid:
    """Section 二: per block, a title row, a header row starting 信息内容, then its rows."""
    grid: Grid = []
    for title, header, rows, metrics in proactive_layout(template):
        grid.append([title] + [""] * len(header))
        grid.append(["信息内容", *header])
        for row, label in rows:
            grid.append([label] + [_cell(values, f"proactive.{row}.{m}", fmt) for m in metrics])
    return grid


def proactive_keys(template: str) -> list[str]:
    """The keys of section 二 for one format, in print order."""
    return [key for p in proactive_rows(template) for key in p.cell_keys()]
