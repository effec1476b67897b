"""Section 二: proactive disclosure, the table that differs between the 2019 and 2021 formats."""

from __future__ import annotations

import re

from xxgk.model import Finding, anchors, proactive_rows, recognise_template, table_words, templates
from xxgk.recognise.atoms import Atom
from xxgk.recognise.placement import Number
from xxgk.recognise.rows import Hit, LabelIndex, RowLabel, locate_rows
from xxgk.recognise.tables import (
    RowNumbers,
    TableResult,
    candidates_for,
    emit_cells,
    numbers_after,
    placeholder_finding,
)

TABLE_HEADS = table_words("proactive", "heads")


_NOTE = re.compile(r"[(（][^()（）]*[)）]")


def own_label(text: str) -> str:
    """A label without its printed notes: '其他对外管理服务事项（含行政确认、行政处罚…）' names
    other_services, never 行政处罚 (issue 8): a row is found by its own words."""
    while True:
        stripped = _NOTE.sub("", text)
        if stripped == text:
            return text
        text = stripped


DEFAULT_MAX_NOTE = 80


def without_notes(atoms: list[Atom]) -> list[Atom]:
    """Text atoms with bracketed notes blanked (a note may run over several atoms, as a PDF
    wraps it); a note ends at its closing bracket, at a number, or after DEFAULT_MAX_NOTE
    characters, so an unclosed bracket never swallows the table."""
    out: list[Atom] = []
    depth, length = 0, 0
    for atom in atoms:
        if atom.is_num:
            depth = 0
            out.append(atom)
            continue
        kept = []
        for ch in atom.text:
            if ch in "(（":
                depth, length = depth + 1, 0
            elif ch in ")）" and depth:
                depth -= 1
            elif depth:
                length += 1
                if length > DEFAULT_MAX_NOTE:
                    depth = 0
            else:
                kept.append(ch)
        out.append(Atom("text", "".join(kept) or " ", atom.line))
    return out


def row_labels(template: str) -> list[RowLabel]:
    """Section 二's rows of one format, found by their own exact words only."""
    return [RowLabel(p.row, anchors(template, f"proactive.{p.row}"),
                     anchors(template, f"proactive.{p.row}")[0], exact_only=True)
            for p in proactive_rows(template)]


def detect_template(atoms: list[Atom], index: LabelIndex) -> str | None:
    """The format the table's headers show (spec/templates.toml), or, failing them, the one
    whose row widths the printed rows have: rows of different widths in different formats
    (行政许可 has three numbers in one, one in another) tell them apart. ``index``: the
    atoms' LabelIndex."""
    by_words = recognise_template("proactive", index.text)
    if by_words is not None:
        return by_words
    fits = []
    for version in templates():
        observed = {}
        for p in proactive_rows(version):
            if _width_differs(p.row, len(p.metrics)):
                hit = index.find_exact(anchors(version, f"proactive.{p.row}")[:1])
                if hit is not None:
                    observed[p.row] = len(numbers_after(atoms, hit.last)) == len(p.metrics)
        if observed and all(observed.values()):
            fits.append(version)
    return fits[0] if len(fits) == 1 else None


def _width_differs(row: str, width: int) -> bool:
    """Whether some format prints this row of section 二 with another number of cells."""
    return any(p.row == row and len(p.metrics) != width
               for v in templates() for p in proactive_rows(v))


def proactive_from_atoms(atoms: list[Atom], template: str,
                         index: LabelIndex | None = None) -> TableResult:
    """Read the section-二 table of one format out of the atoms of its section (``index``: their
    LabelIndex, when the caller has it)."""
    index = index or LabelIndex(atoms)
    result = TableResult(template=template, has_header=index.find_exact(TABLE_HEADS) is not None)
    spec = {p.row: p for p in proactive_rows(template)}
    labels = row_labels(template)
    located = locate_rows(LabelIndex(without_notes(atoms)), labels, TABLE_HEADS)
    spans = list(located.items())
    rows = [RowNumbers(row, _row_numbers(atoms, hit, spans[i + 1][1] if i + 1 < len(spans)
                                         else None, spec[row].label), atoms[hit.first].line)
            for i, (row, hit) in enumerate(spans)]
    result.printed = len(located) > 1
    if not any(r.atoms for r in rows):
        return result
    result.found = True
    in_yuan = "单位元" in index.text or "单位:元" in index.text
    for r in rows:
        _emit_row(result, r, spec[r.row].metrics, in_yuan)
    holders = [a for r in rows for a in r.atoms if a.placeholder]
    holder = placeholder_finding(holders, [
        f"proactive.{r.row}.{metric}" for r in rows if len(r.atoms) == len(spec[r.row].metrics)
        for metric, atom in zip(spec[r.row].metrics, r.atoms, strict=True) if atom.placeholder])
    if holder:
        result.findings.append(holder)
    return result


def _row_numbers(atoms: list[Atom], hit: Hit, following: Hit | None, label: str) -> list[Atom]:
    """A row's numbers: the run after its label, stopping at the next row's label. A row
    whose label shares its atom with the next row's (行政处罚行政强制12) printed nothing."""
    if following is not None and following.first == hit.last:
        return []
    return numbers_after(atoms, hit.last, following.first if following else None, label)


def _emit_row(result: TableResult, r: RowNumbers, metrics: tuple[str, ...],
              table_in_yuan: bool) -> None:
    if not r.atoms:
        return

    def fee_in_10k(key: str, value: Number) -> Number:
        return (_to_10k_yuan(result, key, value, r, table_in_yuan)
                if key.endswith("amount_10k_yuan") else value)

    emit_cells(result, [f"proactive.{r.row}.{m}" for m in metrics],
               candidates_for(r.atoms, len(metrics), []), r.atoms, f"{r.row} 行", r.where,
               convert=fee_in_10k)


def _to_10k_yuan(result: TableResult, key: str, value: float, r: RowNumbers,
                 table_in_yuan: bool) -> float:
    """A fee printed in 元 (by its unit or the header) is converted to 万元, and said so."""
    if r.atoms[-1].unit == "元" or (table_in_yuan and r.atoms[-1].unit != "万元"):
        return yuan_to_10k(result, key, value, r.where)
    return value


def yuan_to_10k(result: TableResult, key: str, value: float, where: str | None) -> float:
    """A fee printed in 元, in 万元; a fee-unit finding says so."""
    converted = round(value / 10000, 6)
    result.findings.append(Finding("fee-unit", "warning",
                                   f"收费金额以元印出（{value} 元），已换算为 {converted} 万元",
                                   [key], where))
    return converted
