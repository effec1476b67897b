"""Section 二: proactive disclosure, the table that differs between the 2019 and 2021 formats."""

from __future__ import annotations

import re

from xxgk.model import Finding
from xxgk.recognise.atoms import Atom
from xxgk.recognise.labels import Hit, LabelIndex, RowLabel, locate_rows
from xxgk.recognise.placement import agreed
from xxgk.recognise.tables import (
    RowNumbers,
    TableResult,
    candidates_for,
    numbers_after,
    placeholder_finding,
)

_DOCS_2019 = ("new_made", "new_published", "total_published")
_ITEMS_2019 = ("prev_items", "change", "decisions")
_DOCS_2021 = ("issued", "abolished", "in_force")
# row → (anchors, metrics in print order), per format.
PROACTIVE_ROWS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "2019": {
        "rules": (("规章",), _DOCS_2019),
        "normative_docs": (("规范性文件",), _DOCS_2019),
        "licensing": (("行政许可",), _ITEMS_2019),
        "other_services": (("其他对外管理服务", "对外管理服务事项"), _ITEMS_2019),
        "penalty": (("行政处罚",), _ITEMS_2019),
        "enforcement": (("行政强制",), _ITEMS_2019),
        "fees": (("行政事业性收费", "事业性收费"), ("prev_items", "change")),
        "procurement": (("政府集中采购", "集中采购"), ("items", "amount")),
    },
    "2021": {
        "rules": (("规章",), _DOCS_2021),
        "normative_docs": (("规范性文件",), _DOCS_2021),
        "licensing": (("行政许可",), ("decisions",)),
        "penalty": (("行政处罚",), ("decisions",)),
        "enforcement": (("行政强制",), ("decisions",)),
        "fees": (("行政事业性收费", "事业性收费"), ("amount_10k_yuan",)),
    },
}
TABLE_HEADS = ("第二十条", "信息内容")
_LABELS = {"rules": "规章", "normative_docs": "行政规范性文件", "licensing": "行政许可",
           "other_services": "其他对外管理服务事项", "penalty": "行政处罚", "enforcement": "行政强制",
           "fees": "行政事业性收费", "procurement": "政府集中采购"}
_SIGNALS = {
    "2019": ("本年新制作", "本年新公开", "对外公开总数", "上一年项目", "本年增", "采购项目",
             "采购总金额", "其他对外管理服务", "政府集中采购"),
    "2021": ("本年制发", "本年废止", "现行有效", "本年处理决定", "收费金额", "本年收费"),
}


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


def detect_template(index: LabelIndex, atoms: list[Atom]) -> str | None:
    """The format the table's headers (or, failing them, its row widths) belong to."""
    score = {t: sum(word in index.text for word in words) for t, words in _SIGNALS.items()}
    if score["2019"] != score["2021"]:
        return max(score, key=score.__getitem__)
    widths = []
    for anchor in ("行政许可", "行政处罚", "行政强制"):
        hit = index.find_exact((anchor,))
        if hit is not None:
            widths.append(len(numbers_after(atoms, hit.last)))
    if widths and all(w == 1 for w in widths):
        return "2021"
    if widths and all(w == 3 for w in widths):
        return "2019"
    return None


def proactive_from_atoms(atoms: list[Atom]) -> TableResult:
    """Read the section-二 table out of the atoms of its section."""
    index = LabelIndex(atoms)
    template = detect_template(index, atoms)
    result = TableResult(template=template, has_header=index.find_exact(TABLE_HEADS) is not None)
    spec = PROACTIVE_ROWS[template or "2021"]
    labels = [RowLabel(row, anchors, anchors[0], exact_only=True)
              for row, (anchors, _) in spec.items()]
    located = locate_rows(LabelIndex(without_notes(atoms)), labels, TABLE_HEADS)
    spans = list(located.items())
    rows = [RowNumbers(row, _row_numbers(atoms, hit, spans[i + 1][1] if i + 1 < len(spans)
                                         else None, row), atoms[hit.first].line)
            for i, (row, hit) in enumerate(spans)]
    result.printed = len(located) > 1
    if not any(r.atoms for r in rows):
        return result
    result.found = True
    in_yuan = "单位元" in index.text or "单位:元" in index.text
    for r in rows:
        _emit_row(result, r, spec[r.row][1], in_yuan)
    holders = [a for r in rows for a in r.atoms if a.placeholder]
    holder = placeholder_finding(holders, [
        f"proactive.{r.row}.{metric}" for r in rows if len(r.atoms) == len(spec[r.row][1])
        for metric, atom in zip(spec[r.row][1], r.atoms, strict=True) if atom.placeholder])
    if holder:
        result.findings.append(holder)
    return result


def _row_numbers(atoms: list[Atom], hit: Hit, following: Hit | None, row: str) -> list[Atom]:
    """A row's numbers: the run after its label, stopping at the next row's label. A row
    whose label shares its atom with the next row's (行政处罚行政强制12) printed nothing."""
    if following is not None and following.first == hit.last:
        return []
    return numbers_after(atoms, hit.last, following.first if following else None, _LABELS[row])


def _emit_row(result: TableResult, r: RowNumbers, metrics: tuple[str, ...],
              table_in_yuan: bool) -> None:
    keys = [f"proactive.{r.row}.{m}" for m in metrics]
    if not r.atoms:
        return
    cands = candidates_for(r.atoms, len(metrics), [])
    if not cands:
        result.unreadable.update(keys)
        result.findings.append(Finding(
            "unreadable-cell", "warning",
            f"{r.row} 行印有 {len(r.atoms)} 个数字、应有 {len(metrics)} 列，未取值", keys, r.where))
        return
    unknown = []
    for key, value in zip(keys, agreed(cands, len(metrics)), strict=True):
        result.where[key] = r.where
        if value is None:
            unknown.append(key)
        elif key.endswith("amount_10k_yuan"):
            result.values[key] = _to_10k_yuan(result, key, value, r, table_in_yuan)
        else:
            result.values[key] = value
    if unknown:
        result.unreadable.update(unknown)
        result.findings.append(Finding(
            "ambiguous-cell", "warning",
            f"{r.row} 行印有 {len(r.atoms)} 个数字、应有 {len(metrics)} 列：无法确定所在列，未取值",
            unknown, r.where))


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
