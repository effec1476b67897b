"""The HTML renderer: a report as a government site page — chrome around it, the narrative in
paragraphs, the tables as real <table>s with merged cells (colspan/rowspan) where the format
merges them, blank cells left empty."""

from __future__ import annotations

import html
import random

from xxgk.sample.document import ReportSpec, blocks, full_name
from xxgk.sample.grids import Grid

CHROME = ('<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>'
          '<div class="tools">字号：大 中 小 | 打印 | 关闭</div>')


def _table(grid: Grid, rng: random.Random) -> str:
    """A grid as an HTML table; runs of empty cells after a label merge into its colspan."""
    rows = []
    for row in grid:
        cells, i = [], 0
        while i < len(row):
            span = 1
            while row[i] and i + span < len(row) and row[i + span] == "" and not row[i].isdigit() \
                    and rng.random() < 0.7 and i + span < 3:
                span += 1
            attr = f' colspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attr}>{html.escape(row[i])}</td>")
            i += span
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table border="1">' + "".join(rows) + "</table>"


def render_html(spec: ReportSpec, rng: random.Random | None = None) -> str:
    """The report as a saved web page."""
    rng = rng or random.Random(0)
    tags = {"title": "h1", "h": "h2", "p": "p", "sign": "p"}
    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(full_name(spec))}</title>"
             "</head><body>", CHROME]
    for kind, content in blocks(spec):
        if kind == "table":
            parts.append(_table(content, rng))
        else:
            parts.append(f"<{tags[kind]}>{html.escape(str(content))}</{tags[kind]}>")
    parts.append("</body></html>")
    return "".join(parts)  # one line, as many sites serve their pages (minified)
