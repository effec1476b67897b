"""DOCX: paragraphs and tables in body order; a table row becomes one tab-separated line, and
every table is also handed over as a grid (read by column, like a web page's).

A merged cell is written once: python-docx hands the same cell again for every grid column
and row it spans, and repeating its text would repeat labels and numbers.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.table import Table

from xxgk.limits import MB


def table_grid(table: Table) -> list[list[str]]:
    """The table as rows × grid columns: a merged cell's text in its first place, blank in the
    places it spans (python-docx hands the same cell again for each of them)."""
    seen: set = set()  # the cell elements themselves: holding them keeps their identity stable
    grid = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cells.append("" if cell._tc in seen else " ".join(cell.text.split()))
            seen.add(cell._tc)
        grid.append(cells)
    return grid


def unzipped_mb(data: bytes) -> float:
    """What a Word file's parts take decompressed (from the zip's directory, nothing inflated)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist()) / MB


def docx_to_lines(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """(text lines, table grids) of a document, in the order they stand in the body."""
    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    grids = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            grid = table_grid(block)
            grids.append(grid)
            lines.extend("\t".join(row) for row in grid)
        else:
            lines.extend(block.text.splitlines() or [""])
    return lines, grids
