"""Grids → text lines, the way real reports look once saved, copied or extracted (layouts.md).

Each layout is a function ``(grid, rng) -> lines``; ``rng`` picks among the variants a layout
shows in the wild (leading pipe or not, padding kept or dropped …), so one seed gives one text.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from xxgk.sample.grids import Grid

Layout = Callable[[Grid, random.Random], list[str]]
DEFAULT_PDF_LABEL_WIDTH = 14


def _filled(row: list[str]) -> list[str]:
    return [c for c in row if c != ""]


def tabs(grid: Grid, rng: random.Random) -> list[str]:
    """T1: Word copy-paste; empty cells kept as empty tab fields, trailing ones sometimes cut."""
    cut = rng.random() < 0.5
    lines = []
    for row in grid:
        cells = list(row)
        while cut and cells and cells[-1] == "":
            cells.pop()
        lines.append("\t".join(cells))
    return lines


def pipes(grid: Grid, rng: random.Random) -> list[str]:
    """T2: HTML table as text, one row a line, empty cells kept."""
    lead, trail = rng.choice(["| ", ""]), rng.choice([" |", " | ", "|", ""])
    return [lead + " | ".join(row) + trail for row in grid]


def pipes_dropped(grid: Grid, rng: random.Random) -> list[str]:
    """T2: empty and padding cells dropped entirely."""
    trail = rng.choice(["", " |", " ||||"])
    return [" | ".join(_filled(row)) + trail for row in grid if _filled(row)]


def cell_per_line_pipe(grid: Grid, rng: random.Random) -> list[str]:
    """T3: one cell per line, each ending in ' |'; a row closed by a line of only pipes."""
    closer = rng.choice(["|", "|||", "| |"])
    lines = []
    for row in grid:
        lines += [f"{c} |" for c in _filled(row)] + [closer]
    return lines


def _cell_per_line(grid: Grid, between: str) -> list[str]:
    return [line for row in grid for cell in _filled(row) for line in (cell, between)]


def cell_then_pipe_line(grid: Grid, rng: random.Random) -> list[str]:
    """T4: one cell per line, each followed by a line holding only '|'."""
    return _cell_per_line(grid, "|")


def cell_blank_line(grid: Grid, rng: random.Random) -> list[str]:
    """T5: one cell per line, a blank line between cells, no separators."""
    return _cell_per_line(grid, "")


def spaces(grid: Grid, rng: random.Random) -> list[str]:
    """Runs of ASCII or full-width spaces between cells (labels intact)."""
    gap = rng.choice(["  ", "   ", "\u3000", "\u3000\u3000", " \u3000"])
    return [gap.join(_filled(row)) for row in grid if _filled(row)]


def _is_label(cell: str) -> bool:
    return not cell.replace(".", "").replace("+", "").replace("-", "").isdigit()


def pdf_text(grid: Grid, rng: random.Random) -> list[str]:
    """T6: PDF text; single spaces, long labels broken around their numbers, group labels
    written one character per line, two-line headers split (结果 / 维持)."""
    lines: list[str] = []
    for row in grid:
        cells = _filled(row)
        labels = [c for c in cells if _is_label(c)]
        numbers = [c for c in cells if not _is_label(c)]
        if not numbers:
            halves = [(c[:2], c[2:]) if len(c) == 4 else (c, "") for c in labels]
            lines.append(" ".join(h[0] for h in halves))
            if any(h[1] for h in halves):
                lines.append(" ".join(h[1] for h in halves if h[1]))
            continue
        *groups, label = labels or [""]
        for group in groups:
            lines += list(group) if rng.random() < 0.5 else [group]
        if len(label) > DEFAULT_PDF_LABEL_WIDTH and rng.random() < 0.7:
            lines += [label[:DEFAULT_PDF_LABEL_WIDTH], " ".join(numbers),
                      label[DEFAULT_PDF_LABEL_WIDTH:]]
        else:
            lines.append(" ".join([label, *numbers]).strip())
    return lines


def run_together(grid: Grid, rng: random.Random) -> list[str]:
    """T10: cells run together with no separator; sometimes the whole table on one line."""
    rows = ["".join(_filled(row)) for row in grid if _filled(row)]
    return ["".join(rows)] if rng.random() < 0.4 else rows


LAYOUTS: dict[str, Layout] = {
    "T1": tabs, "T2": pipes, "T2d": pipes_dropped, "T3": cell_per_line_pipe,
    "T4": cell_then_pipe_line, "T5": cell_blank_line, "T6": pdf_text, "Ts": spaces,
    "T10": run_together,
}

