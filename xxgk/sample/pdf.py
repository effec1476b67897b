"""The PDF renderer: a report printed to PDF by a real layout engine (Chromium, as people do with
"save as PDF"), the tables laid out as published reports lay them out (issue 8):

- label cells narrower than their labels, so labels wrap over two or three lines and the
  engine centres them vertically — the row's numbers then stand between, above or below the
  label's lines in the text flow;
- group labels (三、本年度办理结果, （三）不予公开) merged down their rows in a column one
  character wide, so they are written one character per line down the side;
- narrow number columns, so headers wrap (商业企 / 业);
- tables with or without ruling lines, numbers centred or right-aligned, tables running over a
  page break, page numbers (- 3 -) in the footer.

Chromium is driven through Playwright (requirements-dev.txt) with the chromium binary found on
PATH (Debian's package, as .ci/run installs it); one browser serves every report of a process.
"""

from __future__ import annotations

import atexit
import html
import random
import shutil
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from functools import cache

from xxgk.sample.document import ReportSpec, blocks, full_name
from xxgk.sample.grids import REQUEST_HEADER, REVIEW_HEADER, Grid, block_titles

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FOOTER = ('<div style="width:100%;text-align:center;font-size:9px;font-family:serif">'
          '- <span class="pageNumber"></span> -</div>')
_STYLE = """
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: {font}pt;
       line-height: 1.6; }}
h1 {{ font-size: 16pt; text-align: center; }} h2 {{ font-size: 12pt; }}
table {{ border-collapse: collapse; margin: 6pt 0; font-size: {table_font}pt; line-height: 1.35; }}
td {{ border: {border}; padding: {pad}pt 2pt; vertical-align: middle; text-align: center; }}
td.num {{ text-align: {align}; width: {num_w}em; }}
td.group {{ width: 1em; }}
td.sub {{ width: {sub_w}em; }}
td.label {{ width: {label_w}em; text-align: left; }}
"""




def _is_header(grid: Grid, i: int) -> bool:
    """The header rows of the generator's grids (grids.py): the three rows of REQUEST_HEADER or
    REVIEW_HEADER, and each 二 block's title row and 信息内容 row."""
    for header in (REQUEST_HEADER, REVIEW_HEADER):
        if grid[:len(header)] == header:
            return i < len(header)
    return bool(grid[i]) and (grid[i][0] in block_titles() or grid[i][0] == "信息内容")


def _label_width(grid: Grid) -> int:
    """Label columns of a generator grid: three in section 三, none in 四, one in 二."""
    if grid[:len(REQUEST_HEADER)] == REQUEST_HEADER:
        return 3
    return 0 if grid[:len(REVIEW_HEADER)] == REVIEW_HEADER else 1


def _cell(text: str, cls: str, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td class="{cls}"{attrs}>{html.escape(text)}</td>'


def _header_row(grid: Grid, i: int, width: int, covered: set[tuple[int, int]]) -> str:
    row, out, j = grid[i], [], 0
    while j < len(row):
        if (i, j) in covered:
            j += 1
            continue
        span = 1
        while j + span < len(row) and row[j + span] == "" and (i, j + span) not in covered:
            span += 1
        if j + span == len(row):
            span = width - j  # a short row (a one-column block) fills the table's width
        down = 1
        while row[j] and i + down < len(grid) and _is_header(grid, i + down) and all(
                k < len(grid[i + down]) and grid[i + down][k] == "" for k in range(j, j + span)):
            down += 1
        covered |= {(i + a, j + b) for a in range(down) for b in range(span)}
        out.append(_cell(row[j], "head", down, span))
        j += span
    return "<tr>" + "".join(out) + "</tr>"


def _body_row(grid: Grid, i: int, width: int, labels: int, covered: set[tuple[int, int]]) -> str:
    row, out = grid[i], []
    classes = ["group", "sub", "label"][-labels:] if labels else []
    j = 0
    while j < labels:
        if (i, j) in covered:
            j += 1
            continue
        group = j + 1 < labels and row[j] and row[j + 1]
        if group:  # a group label, merged down the rows it heads
            down = 1
            while i + down < len(grid) and all(grid[i + down][k] == "" for k in range(j + 1)):
                down += 1
            covered |= {(i + a, j) for a in range(down)}
            out.append(_cell(row[j], classes[j] if down > 1 else "label", down))
            j += 1
            continue
        span = 1
        while j + span < labels and row[j + span] == "" and (i, j + span) not in covered:
            span += 1
        out.append(_cell(row[j], "label", 1, span))
        j += span
    cells = row[labels:]
    for k, text in enumerate(cells):
        span = width - labels - k if k == len(cells) - 1 else 1
        out.append(_cell(text, "num", 1, span))
    return "<tr>" + "".join(out) + "</tr>"


def table_html(grid: Grid) -> str:
    """A grid as a printed table: merged headers, group labels merged down their rows."""
    width = max(len(r) for r in grid)
    labels = _label_width(grid)
    covered: set[tuple[int, int]] = set()
    rows = [_header_row(grid, i, width, covered) if _is_header(grid, i)
            else _body_row(grid, i, width, labels, covered) for i in range(len(grid))]
    return "<table>" + "".join(rows) + "</table>"


def report_html(spec: ReportSpec, rng: random.Random) -> str:
    """The report as the page printed to PDF; its look drawn from ``rng``."""
    style = _STYLE.format(font=rng.choice([11, 12]), table_font=rng.choice([8, 9, 10]),
                          border=rng.choice(["0.6pt solid #000"] * 3 + ["none"]),
                          pad=rng.choice([2, 4, 6]), align=rng.choice(["center", "right"]),
                          num_w=rng.choice([2.6, 3, 4]), sub_w=rng.choice([3, 4, 5]),
                          label_w=rng.choice([7, 9, 12]))
    tags = {"title": "h1", "h": "h2", "p": "p", "sign": "p"}
    parts = [f"<html><head><meta charset='utf-8'><title>{html.escape(full_name(spec))}</title>"
             f"<style>{style}</style></head><body>"]
    for kind, content in blocks(spec):
        if kind == "table":
            parts.append(table_html(content))
        else:
            parts.append(f"<{tags[kind]}>{html.escape(str(content))}</{tags[kind]}>")
    parts.append("</body></html>")
    return "".join(parts)


# Playwright's sync API runs an event loop in the thread that starts it: it gets a thread of its
# own, so the caller's thread stays free for its own asyncio (a test of sessions runs one).
_PRINTER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf-printer")


@cache
def _browser():
    """The printer thread's Chromium (started once, on first use, in that thread)."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("PDF rendering needs Chromium on PATH (Debian package 'chromium')")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    atexit.register(_stop, playwright, browser)
    return browser


def _stop(playwright, browser) -> None:
    """Close Chromium in the thread that opened it (nothing to do once that thread is gone)."""
    def close() -> None:
        browser.close()
        playwright.stop()

    with suppress(RuntimeError, TimeoutError):  # the executor already shut down, or hung
        _PRINTER.submit(close).result(timeout=30)


def _print(page_html: str) -> bytes:
    page = _browser().new_page()
    try:
        page.set_content(page_html, wait_until="load")
        return page.pdf(format="A4", display_header_footer=True, header_template="<span></span>",
                        footer_template=FOOTER, margin={"top": "2cm", "bottom": "2cm",
                                                        "left": "2.2cm", "right": "2.2cm"})
    finally:
        page.close()


def html_to_pdf(page_html: str) -> bytes:
    """Print a page to A4 PDF with page numbers in the footer."""
    return _PRINTER.submit(_print, page_html).result()


def render_pdf(spec: ReportSpec, rng: random.Random | None = None) -> bytes:
    """The report as a PDF file's bytes."""
    return html_to_pdf(report_html(spec, rng or random.Random(0)))
