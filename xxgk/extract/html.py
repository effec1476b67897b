"""HTML (a report saved from a government site): text lines, each table row one line of
tab-separated cells. A cell spanning several columns is written once; scripts, styles and
navigation chrome carry no report text and are dropped."""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from xxgk.extract.text import bytes_to_text

_BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section",
           "article", "table")
_DROP = ("script", "style", "noscript", "template", "svg", "head")


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ", strip=True).split())


def _table_lines(table: Tag) -> list[str]:
    lines = []
    for row in table.find_all("tr"):
        if row.find_parent("table") is not table:
            continue  # a nested table speaks for itself
        lines.append("\t".join(_cell_text(c) for c in row.find_all(["td", "th"], recursive=False)))
    return lines


def html_to_lines(data: bytes) -> tuple[list[str], str | None, list[str]]:
    """(lines, encoding, problems) of an HTML page."""
    text, encoding, problems = bytes_to_text(data)
    if problems:
        return [], encoding, problems
    soup = BeautifulSoup(text, "lxml")
    for tag in soup(_DROP):
        tag.decompose()
    for table in soup.find_all("table"):
        if table.find_parent("table") is None:
            table.replace_with(soup.new_string("\n" + "\n".join(_table_lines(table)) + "\n"))
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    lines = [" ".join(line.split()) if "\t" not in line else line.strip("\n")
             for line in body.get_text("").splitlines()]
    return lines, encoding, []
