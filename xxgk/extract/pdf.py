"""PDF: the text of every page, as pdfplumber lays it out (layout T6 of layouts.md)."""

from __future__ import annotations

import io

import pdfplumber


def pdf_to_lines(data: bytes) -> list[str]:
    """All pages' text lines in reading order; a PDF with no text layer gives no lines."""
    lines: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines.extend((page.extract_text() or "").splitlines())
    return lines
