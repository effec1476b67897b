"""Extractors: one module per file format, each turning bytes into the same ``Document``.

A Document is the text of a report as lines. Formats that carry real tables (HTML, DOCX, PDF)
will also hand over cell grids; recognition reads lines first, so every format goes through
the same recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.extract.docx import docx_to_lines
from xxgk.extract.html import html_to_lines
from xxgk.extract.pdf import pdf_to_lines
from xxgk.extract.text import bytes_to_text


@dataclass
class Document:
    """What an extractor hands to recognition."""

    lines: list[str]
    format: str = "text"
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    grids: list[list[list[str]]] = field(default_factory=list)  # real tables, spans expanded


def sniff_format(data: bytes, suffix: str = "") -> str:
    """The file's format by its first bytes, falling back to its suffix: pdf, docx, html, text."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (b"word/" in data[:4096] or suffix == ".docx"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if suffix in (".html", ".htm") or head.startswith((b"<!doctype html", b"<html")) \
            or b"<table" in data[:65536].lower():
        return "html"
    return "text"


def bytes_to_document(data: bytes, suffix: str = ".txt") -> Document:
    """Pick the extractor by the file's content (and suffix) and run it."""
    fmt = sniff_format(data, suffix)
    if fmt == "pdf":
        lines = pdf_to_lines(data)
        problems = [] if any(x.strip() for x in lines) else ["PDF 没有文字层（可能是扫描图片）"]
        return Document(lines=lines, format="pdf", problems=problems)
    if fmt == "docx":
        lines, grids = docx_to_lines(data)
        return Document(lines=lines, format="docx", grids=grids)
    if fmt == "html":
        lines, encoding, problems, grids = html_to_lines(data)
        return Document(lines=lines, format="html", encoding=encoding, problems=problems,
                        grids=grids)
    text, encoding, problems = bytes_to_text(data)
    return Document(lines=text.splitlines(), format="text", encoding=encoding, problems=problems)
