"""The DOCX renderer: a report as a Word file — paragraphs, and the tables as real Word tables
with the format's label cells merged down their groups, blank cells left empty."""

from __future__ import annotations

import io
import random

import docx

from xxgk.sample.document import ReportSpec, blocks
from xxgk.sample.grids import Grid


def _add_table(document: docx.document.Document, grid: Grid, rng: random.Random) -> None:
    width = max(len(row) for row in grid)
    table = document.add_table(rows=len(grid), cols=width)
    for row, values in zip(table.rows, grid, strict=True):
        for cell, text in zip(row.cells, values, strict=False):
            if text:
                cell.text = text
    # Merge a label with the empty label cells to its right (一、本年新收… spans the label area).
    for i, row in enumerate(grid):
        if row and row[0] and all(c == "" for c in row[1:3]) and rng.random() < 0.8 \
                and len(row) > 3 and not row[0][:1].isdigit():
            table.cell(i, 0).merge(table.cell(i, 2)).text = row[0]


def render_docx(spec: ReportSpec, rng: random.Random | None = None) -> bytes:
    """The report as a .docx file's bytes."""
    rng = rng or random.Random(0)
    document = docx.Document()
    for kind, content in blocks(spec):
        if kind == "table":
            _add_table(document, content, rng)
        elif kind == "title":
            document.add_heading(str(content), level=1)
        else:
            document.add_paragraph(str(content))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
