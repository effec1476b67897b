"""HTML (a report saved from a government site): text lines, each table row one line of
tab-separated cells (a cell spanning several columns written once), and every table as a
rectangular grid with its merged cells expanded (the text in the first cell of the span, the
rest blank), so that a blank cell keeps its column. Scripts and styles are dropped."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from xxgk.extract.text import bytes_to_text
from xxgk.limits import DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_TABLE_CELLS

_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section",
           "article", "table")
_DROP = ("script", "style", "noscript", "template", "svg", "head")
DEFAULT_MAX_SPAN = 50


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ", strip=True).split())


def _table_lines(table: Tag) -> list[str]:
    lines = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # a nested table speaks for itself
        lines.append("\t".join(_cell_text(c) for c in row.find_all(["td", "th"], recursive=False)))
    return lines


def _span(cell: Tag, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, 1)).strip() or 1), DEFAULT_MAX_SPAN))
    except ValueError:
        return 1


def table_grid(table: Tag) -> list[list[str]]:
    """The table as rows × columns, rowspan and colspan expanded (spanned places blank)."""
    taken: dict[tuple[int, int], str] = {}
    rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
    for i, row in enumerate(rows):
        col = 0
        for cell in row.find_all(["td", "th"], recursive=False):
            while (i, col) in taken:
                col += 1
            text = _cell_text(cell)
            for di in range(_span(cell, "rowspan")):
                for dj in range(_span(cell, "colspan")):
                    taken[(i + di, col + dj)] = text if (di, dj) == (0, 0) else ""
            col += _span(cell, "colspan")
    width = 1 + max((c for _, c in taken), default=-1)
    return [[taken.get((i, j), "") for j in range(width)] for i in range(len(rows))]


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


def max_depth(text: str) -> int:
    """How deep elements nest, counted on the tags (linear, before any parser sees them)."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, selfclosing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not selfclosing and name.lower() not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _too_much(text: str) -> list[str]:
    """Limits a page must keep before it is parsed (issue 9)."""
    lowered = text.lower()
    cells = lowered.count("<td") + lowered.count("<th")
    if cells > DEFAULT_MAX_TABLE_CELLS:
        return [f"网页表格有 {cells} 个单元格，超过 {DEFAULT_MAX_TABLE_CELLS} 的上限："
                "不是一份年度报告，未读取"]
    if (depth := max_depth(text)) > DEFAULT_MAX_HTML_DEPTH:
        return [f"网页元素嵌套 {depth} 层，超过 {DEFAULT_MAX_HTML_DEPTH} 层的上限：未读取"]
    return []


def html_to_lines(data: bytes) -> tuple[list[str], str | None, list[str], list[list[list[str]]]]:
    """(lines, encoding, problems, grids) of an HTML page."""
    text, encoding, problems = bytes_to_text(data)
    if problems:
        return [], encoding, problems, []
    if too_much := _too_much(text):
        return [], encoding, too_much, []
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_DROP):
        tag.decompose()
    grids = []
    for table in soup.find_all("table"):
        if table.find_parent("table") is None:
            grids.append(table_grid(table))
            table.replace_with(soup.new_string("\n" + "\n".join(_table_lines(table)) + "\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    lines = [" ".join(line.split()) if "\t" not in line else line.strip("\n")
             for line in body.get_text("").splitlines()]
    return lines, encoding, [], grids
