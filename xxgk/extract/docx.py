"""DOCX: paragraphs and tables in body order; a table row becomes one tab-separated line.

A merged cell is written once: python-docx hands the same cell again for every grid column
and row it spans, and repeating its text would repeat labels and numbers.
"""

from __future__ import annotations

import io

import docx
from docx.table import Table


def _table_lines(table: Table) -> list[str]:
    seen: set = set()  # the cell elements themselves: holding them keeps their identity stable
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cells.append("" if cell._tc in seen else cell.text.replace("\n", " "))
            seen.add(cell._tc)
        lines.append("\t".join(cells))
    return lines


def docx_to_lines(data: bytes) -> list[str]:
    """The document's text lines, tables included, in the order they stand in the body."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.extend(block.text.splitlines() or [""])
    return lines
