"""PDF: the text of every page as pdfplumber lays it out (layout T6 of layouts.md), and every
word with its box, so that tables can be read by their geometry (recognise/geometry.py).

The characters, their boxes and the ruling lines come from PDFium (pypdfium2: ~10× faster than
pdfminer, which took ~90 % of a PDF's parse, issue 13); they are grouped into words and lines
by pdfplumber's own word extractor, with the same tolerances as before, so the text reads as
it did. Boxes follow pdfminer's (origin, advance, one font size high from the descent); on the
real Huai'an PDF and 40 generated ones every value and finding is the same as with pdfplumber.

Word boxes are placed on one tall virtual page: a page's ``top`` is shifted by the heights of
the pages before it, so a table continued over a page break is one table. A PDF with no text
layer (a scan), or one that is encrypted, says so instead of giving lines.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.utils import text as text_utils
from pdfplumber.utils.clustering import cluster_objects

from xxgk.limits import DEFAULT_MAX_PDF_PAGES

DEFAULT_PAGE_GAP = 20.0  # points between pages on the virtual page
ENCRYPTED = ("PDF 设有打开密码，无法读取文字：请向发布机关索取未加密的版本，"
             "或用密码打开后另存为无密码的 PDF 再导入")


class Word(NamedTuple):
    """A word of the text layer and its box (points; ``top`` grows downwards)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


class Rule(NamedTuple):
    """A vertical ruling line (a table's cell edge) on the virtual page."""

    x: float
    top: float
    bottom: float


@dataclass
class PdfText:
    lines: list[str]
    words: list[Word]
    problems: list[str]
    rules: list[Rule] = field(default_factory=list)
    problem_rule: str = "unreadable-file"


# pypdfium2 (issue 13) ───────────────────────────────────────────────────────────────────────────

_PDFIUM_LOCK = threading.Lock()  # PDFium is one library state per process: one caller at a time
_WORDS: dict[str, Any] = dict(x_tolerance=3, y_tolerance=3, keep_blank_chars=False,
                              use_text_flow=False)  # pdfplumber's defaults, as used before
_SEGMENT_MOVE = pdfium_c.FPDF_SEGMENT_MOVETO


def _chars(textpage: pdfium.PdfTextPage, height: float) -> list[dict]:
    """Every character of a page as pdfminer lays it out (what pdfplumber's word and line
    grouping reads): from its origin, right edge from its box, bottom at the font's descent and
    top one font size above; PDFium's own additions (spaces and line ends it infers) left out."""
    raw = textpage.raw
    box, matrix = pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
    x, y, descent = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    out = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        if pdfium_c.FPDFText_IsGenerated(raw, i):
            continue
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if not code or not pdfium_c.FPDFText_GetLooseCharBox(raw, i, box):
            continue
        pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
        upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.c, matrix.d)
        if upright and pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y):
            font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
            if not (font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)):
                descent.value = box.bottom - y.value
            x0, bottom = x.value, height - (y.value + descent.value)
            x1 = max(box.right, x0)
        else:  # turned text: its box as PDFium gives it
            x0, x1, bottom = box.left, box.right, height - box.bottom
            size = box.top - box.bottom
        out.append({"text": chr(code), "x0": x0, "x1": x1, "top": bottom - size,
                    "bottom": bottom, "doctop": bottom - size, "upright": upright})
    return out


def _vertical_edges(page: pdfium.PdfPage, height: float) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of every vertical edge of the page's paths, as pdfplumber's ``edges``
    has them: both sides of a rectangle, a line that is not horizontal, each vertical step of
    any other path."""
    edges = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=15):
        matrix = obj.get_matrix()
        for points, closed in _subpaths(obj.raw):
            pts = [matrix.on_point(x, y) for x, y in points]
            if _is_rectangle(pts, closed):
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                top, bottom = height - max(ys), height - min(ys)
                edges += [(min(xs), top, bottom), (max(xs), top, bottom)]
            elif len(pts) == 2:
                (x0, y0), (x1, y1) = pts
                if y0 != y1:
                    edges.append((min(x0, x1), height - max(y0, y1), height - min(y0, y1)))
            else:
                edges += [(a[0], height - max(a[1], b[1]), height - min(a[1], b[1]))
                          for a, b in itertools.pairwise(pts) if a[0] == b[0]]
    return edges


def _subpaths(path: Any) -> Iterator[tuple[list[tuple[float, float]], bool]]:
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    closed = False
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        if pdfium_c.FPDFPathSegment_GetType(segment) == _SEGMENT_MOVE and points:
            yield points, closed
            points, closed = [], False
        points.append((x.value, y.value))
        closed = closed or bool(pdfium_c.FPDFPathSegment_GetClose(segment))
    if points:
        yield points, closed


def _is_rectangle(pts: list[tuple[float, float]], closed: bool) -> bool:
    """pdfminer's test: four corners (a fifth back at the first, or closed), axis-aligned."""
    if len(pts) == 5 and pts[4] == pts[0]:
        pts = pts[:4]
    elif not (len(pts) == 4 and closed):
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts
    return ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0)
            or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0))


def pdf_to_text(data: bytes, max_pages: int = DEFAULT_MAX_PDF_PAGES) -> PdfText:
    """Lines in reading order and positioned words of every page (up to ``max_pages``)."""
    with _PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                return PdfText([], [], [ENCRYPTED], problem_rule="encrypted-file")
            return PdfText([], [], [f"PDF 文件已损坏或不完整，无法读取（{exc}）"])
        try:
            return _read(document, max_pages)
        finally:
            document.close()


def _read(document: pdfium.PdfDocument, max_pages: int) -> PdfText:
    if len(document) > max_pages:
        return PdfText([], [], [f"PDF 有 {len(document)} 页，超过 {max_pages} 页的上限：不是一份年度报告，"
                                "未读取"], problem_rule="file-too-large")
    lines: list[str] = []
    words: list[Word] = []
    rules: list[Rule] = []
    offset = 0.0
    for number in range(len(document)):
        page = document[number]
        height = page.get_height()
        textpage = page.get_textpage()
        chars = _chars(textpage, height)
        textpage.close()
        found = text_utils.extract_words(chars, **_WORDS)
        # the page's text as pdfplumber's extract_text gives it: its words, in lines by top
        lines.extend("\n".join(" ".join(w["text"] for w in line) for line in cluster_objects(
            found, itemgetter("top"), _WORDS["y_tolerance"])).splitlines())
        for w in found:
            words.append(Word(w["text"], float(w["x0"]), float(w["x1"]),
                              float(w["top"]) + offset, float(w["bottom"]) + offset, number))
        rules += [Rule(x, top + offset, bottom + offset)
                  for x, top, bottom in _vertical_edges(page, height)]
        page.close()
        offset += height + DEFAULT_PAGE_GAP
    return PdfText(lines, words, [], rules)
