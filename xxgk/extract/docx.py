"""DOCX: paragraphs and tables in body order; a table row becomes one tab-separated line, and
every table is also handed over as a grid (read by column, like a web page's).

The document part is read directly with lxml (issue 13: python-docx built a proxy object per
paragraph, run and cell and took ~85 % of a Word file's parse). What is read is what
python-docx reads — the body's own paragraphs and tables; a paragraph's runs and hyperlinks
(text, tabs, line breaks, non-breaking hyphens); a cell's own paragraphs — with one
difference: a row that starts late (``w:gridBefore``) keeps its cells in their grid columns
(python-docx shifts them to the first columns, which would put numbers under the wrong
heading). A merged cell is written once, in its first grid place: blank in the columns it
spans and in the rows it continues (``w:vMerge``).
"""

from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from xxgk.limits import MB

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                    "officeDocument")
_P, _TBL, _TR, _TC, _R, _HYPERLINK = (W + t for t in ("p", "tbl", "tr", "tc", "r", "hyperlink"))
_T, _TAB, _BR, _CR, _NB_HYPHEN, _PTAB = (W + t for t in ("t", "tab", "br", "cr", "noBreakHyphen",
                                                           "ptab"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def unzipped_mb(data: bytes) -> float:
    """What a Word file's parts take decompressed (from the zip's directory, nothing inflated)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist()) / MB


def _document_part(archive: zipfile.ZipFile) -> str:
    """The main document part's name, from the package relationships (word/document.xml)."""
    try:
        rels = etree.fromstring(archive.read("_rels/.rels"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for rel in rels.iter(_REL):
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _run_text(run: etree._Element) -> str:
    out = []
    for child in run:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag in (_TAB, _PTAB):
            out.append("\t")
        elif tag == _BR:
            out.append("\n" if child.get(W + "type", "textWrapping") == "textWrapping" else "")
        elif tag == _CR:
            out.append("\n")
        elif tag == _NB_HYPHEN:
            out.append("-")
    return "".join(out)


def paragraph_text(p: etree._Element) -> str:
    out = []
    for child in p:
        if child.tag == _R:
            out.append(_run_text(child))
        elif child.tag == _HYPERLINK:
            out.extend(_run_text(r) for r in child if r.tag == _R)
    return "".join(out)


def _int_val(parent: etree._Element | None, name: str, default: int) -> int:
    node = parent.find(W + name) if parent is not None else None
    try:
        return max(0, int(node.get(W + "val"))) if node is not None else default
    except (TypeError, ValueError):
        return default


def table_grid(table: etree._Element) -> list[list[str]]:
    """The table as rows × grid columns: a merged cell's text in its first place, blank in the
    places it spans across and down."""
    grid: list[list[str]] = []
    for tr in table.iterchildren(_TR):
        cells = [""] * _int_val(tr.find(W + "trPr"), "gridBefore", 0)
        for tc in tr.iterchildren(_TC):
            props = tc.find(W + "tcPr")
            span = max(1, _int_val(props, "gridSpan", 1))
            merge = props.find(W + "vMerge") if props is not None else None
            continued = merge is not None and merge.get(W + "val", "continue") == "continue"
            text = "" if continued else " ".join(
                "\n".join(paragraph_text(p) for p in tc.iterchildren(_P)).split())
            cells += [text] + [""] * (span - 1)
        grid.append(cells)
    return grid


def docx_to_lines(data: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """(text lines, table grids) of a document, in the order they stand in the body."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read(_document_part(archive)), _PARSER)
    body = root.find(W + "body")
    lines: list[str] = []
    grids = []
    for block in body if body is not None else ():
        if block.tag == _TBL:
            grid = table_grid(block)
            grids.append(grid)
            lines.extend("\t".join(row) for row in grid)
        elif block.tag == _P:
            lines.extend(paragraph_text(block).splitlines() or [""])
    return lines, grids
