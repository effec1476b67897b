"""Extractors: one module per file format, each turning bytes into the same ``Document``.

A Document is the text of a report as lines. Formats that carry real tables (HTML, DOCX, PDF)
will also hand over cell grids; recognition reads lines first, so every format goes through
the same recogniser.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xxgk.extract.docx import docx_to_lines, unzipped_mb
from xxgk.extract.html import html_to_lines
from xxgk.extract.pdf import Rule, Word, pdf_to_text
from xxgk.extract.text import bytes_to_text
from xxgk.limits import DEFAULT_MAX_UNZIPPED_MB


@dataclass
class Document:
    """What an extractor hands to recognition."""

    lines: list[str]
    format: str = "text"
    encoding: str | None = None
    problems: list[str] = field(default_factory=list)
    grids: list[list[list[str]]] = field(default_factory=list)  # real tables, spans expanded
    words: list[Word] = field(default_factory=list)  # PDF: words with their boxes
    rules: list[Rule] = field(default_factory=list)  # PDF: vertical ruling lines
    problem_rule: str = "not-a-report"  # the finding the problems become


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .wps, .xls


def sniff_format(data: bytes, suffix: str = "") -> str:
    """The file's format by its first bytes, falling back to its suffix: pdf, docx, html,
    ole (a legacy Office/WPS file), text."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(OLE2_MAGIC):
        return "ole"
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
        pdf = pdf_to_text(data)
        if pdf.problems:
            return Document([], "pdf", problems=pdf.problems, problem_rule=pdf.problem_rule)
        if not any(line.strip() for line in pdf.lines):
            return Document([], "pdf", problems=[
                "PDF 没有文字层（是扫描的图片）：需要先做文字识别（OCR），或向发布机关索取可复制文字的版本"],
                problem_rule="needs-ocr")
        return Document(lines=pdf.lines, format="pdf", words=pdf.words, rules=pdf.rules)
    if fmt == "ole":
        kind = "WPS 文字（.wps）" if suffix == ".wps" else "旧版 Word（.doc）"
        return Document([], "ole", problems=[
            f"{kind}文件无法直接读取：请用 WPS 或 Word 打开后另存为 .docx（或 PDF）再导入"],
            problem_rule="legacy-format")
    if fmt == "docx":
        if (size := unzipped_mb(data)) > DEFAULT_MAX_UNZIPPED_MB:
            return Document([], "docx", problems=[
                f"Word 文件解压后 {size:.0f} MB，超过 {DEFAULT_MAX_UNZIPPED_MB} MB 的上限"
                "（可能是压缩炸弹）：未读取"], problem_rule="file-too-large")
        lines, grids = docx_to_lines(data)
        return Document(lines=lines, format="docx", grids=grids)
    if fmt == "html":
        lines, encoding, problems, grids = html_to_lines(data)
        return Document(lines=lines, format="html", encoding=encoding, problems=problems,
                        grids=grids)
    text, encoding, problems = bytes_to_text(data)
    return Document(lines=text.splitlines(), format="text", encoding=encoding, problems=problems)
