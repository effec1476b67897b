"""PDF: the text of every page as pdfplumber lays it out (layout T6 of layouts.md), and every
word with its box, so that tables can be read by their geometry (recognise/geometry.py).

Word boxes are placed on one tall virtual page: a page's ``top`` is shifted by the heights of
the pages before it, so a table continued over a page break is one table. A PDF with no text
layer (a scan), or one that is encrypted, says so instead of giving lines.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from xxgk.limits import DEFAULT_MAX_PDF_PAGES

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings of ordinary PDFs
logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings of ordinary PDFs
DEFAULT_PAGE_GAP = 20.0  # points between pages on the virtual page


@dataclass(frozen=True)
class Word:
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


@dataclass(frozen=True)
class Rule:
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


def pdf_to_text(data: bytes, max_pages: int = DEFAULT_MAX_PDF_PAGES) -> PdfText:
    """Lines in reading order and positioned words of every page (up to ``max_pages``)."""
    lines: list[str] = []
    words: list[Word] = []
    rules: list[Rule] = []
    offset = 0.0
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:  # pdfplumber wraps pdfminer's errors
        if not isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect | PDFEncryptionError):
            raise
        return PdfText([], [], ["PDF 设有打开密码，无法读取文字：请向发布机关索取未加密的版本，"
                                "或用密码打开后另存为无密码的 PDF 再导入"],
                       problem_rule="encrypted-file")
    with pdf:
        pages = pdf.pages
        problems = []
        if len(pages) > max_pages:
            problems.append(f"PDF 有 {len(pages)} 页，超过 {max_pages} 页的上限：不是一份年度报告，未读取")
            return PdfText([], [], problems, problem_rule="file-too-large")
        for number, page in enumerate(pages):
            lines.extend((page.extract_text() or "").splitlines())
            for w in page.extract_words(keep_blank_chars=False, use_text_flow=False):
                words.append(Word(w["text"], float(w["x0"]), float(w["x1"]),
                                  float(w["top"]) + offset, float(w["bottom"]) + offset, number))
            rules += [Rule(float(e["x0"]), float(e["top"]) + offset, float(e["bottom"]) + offset)
                      for e in page.edges if e["orientation"] == "v"]
            offset += float(page.height) + DEFAULT_PAGE_GAP
    return PdfText(lines, words, problems, rules)

