"""HTML (a report saved from a government site): text lines, each table row one line of
tab-separated cells (a cell spanning several columns written once), and every table as a
rectangular grid with its merged cells expanded (the text in the first cell of the span, the
rest blank), so that a blank cell keeps its column. Scripts and styles are dropped."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from xxgk.extract.text import bytes_to_text
from xxgk.limits import DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_TABLE_CELLS

_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section",
                     "article", "table"})
_DROP = ("script", "style", "noscript", "template", "svg", "head")
DEFAULT_MAX_SPAN = 50


def _cell_text(cell: HtmlElement) -> str:
    """A cell's words, one space apart (comments and nested markup left out)."""
    return " ".join(word for text in cell.itertext() for word in text.split())


def _rows(table: HtmlElement) -> list[HtmlElement]:
    """The table's own rows (a nested table's rows speak for that table)."""
    return [row for row in table.iter("tr") if next(row.iterancestors("table"), None) is table]


def _cells(row: HtmlElement) -> list[HtmlElement]:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _table_lines(table: HtmlElement) -> list[str]:
    return ["\t".join(_cell_text(c) for c in _cells(row)) for row in _rows(table)]


def _span(cell: HtmlElement, name: str) -> int:
    try:
        return max(1, min(int(str(cell.get(name, 1)).strip() or 1), DEFAULT_MAX_SPAN))
    except ValueError:
        return 1


def table_grid(table: HtmlElement) -> list[list[str]]:
    """The table as rows × columns, rowspan and colspan expanded (spanned places blank)."""
    taken: dict[tuple[int, int], str] = {}
    rows = _rows(table)
    for i, row in enumerate(rows):
        col = 0
        for cell in _cells(row):
            while (i, col) in taken:
                col += 1
            text = _cell_text(cell)
            for di in range(_span(cell, "rowspan")):
                for dj in range(_span(cell, "colspan")):
                    taken[(i + di, col + dj)] = text if (di, dj) == (0, 0) else ""
            col += _span(cell, "colspan")
    width = 1 + max((c for _, c in taken), default=-1)
    return [[taken.get((i, j), "") for j in range(width)] for i in range(len(rows))]


def _text_and_grids(body: HtmlElement) -> tuple[str, list[list[list[str]]]]:
    """The page's text, a line break around every block and each table as its lines; and the
    grid of every outermost table. Iterative: nesting depth costs no recursion."""
    pieces: list[str] = []
    grids: list[list[list[str]]] = []
    stack: list[tuple[HtmlElement, bool]] = [(body, False)]
    while stack:
        element, closing = stack.pop()
        block = element.tag in _BLOCKS
        if closing:
            pieces.append("\n" if block else "")
            pieces.append(element.tail or "")
            continue
        if not isinstance(element.tag, str):  # a comment or processing instruction
            pieces.append(element.tail or "")
            continue
        if element.tag == "table":
            grids.append(table_grid(element))
            pieces.append("\n" + "\n".join(_table_lines(element)) + "\n")
            pieces.append(element.tail or "")
            continue
        pieces.append(("\n" if block else "") + (element.text or ""))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    if body.tail:  # the walk starts at body: its own tail is not its text
        pieces.pop()
    return "".join(pieces), grids


_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
_PARSER = lxml.html.HTMLParser(encoding="utf-8", huge_tree=True)
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
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), _PARSER)
    except etree.ParserError:  # nothing but whitespace or comments
        return [], encoding, [], []
    for element in list(root.iter(*_DROP)):
        element.drop_tree()  # its tail (the text after it) stays
    body = root.find("body")
    text, grids = _text_and_grids(body if body is not None else root)
    lines = [" ".join(line.split()) if "\t" not in line else line.strip("\n")
             for line in text.splitlines()]
    return lines, encoding, [], grids
