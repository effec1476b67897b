"""Normalised lines → atoms: the smallest pieces a table is read from.

Every layout of layouts.md (tabs, pipes, one cell per line, runs of spaces, PDF text, cells run
together) reduces to the same stream: text atoms (label pieces) and number atoms, each with the
line it came from. Tables are then read from the stream by their labels, never by line shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_SEPARATORS = re.compile(r"[\s|│┃¦｜]+")
_NUMBER = r"[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_UNITS = "万元|元|件|个|项|次|人次|宗"
_NUMBER_CELL = re.compile(rf"^(?P<num>{_NUMBER})(?P<unit>{_UNITS})?$")
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "无", "\\"})
_DIGITS = re.compile(r"[+\-]?\d+(?:\.\d+)?")
# Digits followed by these are part of a sentence or a date, not a table cell.
_TEXT_AFTER_DIGITS = re.compile(rf"^(?:年|月|日|号|%|‰|{_UNITS}|个月|天|人|家|条|篇|期|场|余)")
_ENUMERATOR_AFTER = re.compile(r"^[.、](?!\d)")
_CJK_START = re.compile(r"^[\u4e00-\u9fff]")
# A label's numbering: 一、 （三） (3) 1. 2、 — where a row (or a group of rows) begins.
NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（]?[一二三四五六七八九十]+[)）]"
                       r"|[(（]\d+[)）]|\d+[.、])")


class Atom(NamedTuple):
    """A label piece (kind "text") or a number cell (kind "num") and its 1-based line. A named
    tuple: a report makes hundreds, and a frozen dataclass costs 3× as much to build."""

    kind: str
    text: str
    line: int
    value: int | float | None = None
    unit: str | None = None
    fused: bool = False
    placeholder: bool = False

    @property
    def is_num(self) -> bool:
        return self.kind == "num"


def read_number(cell: str) -> tuple[int | float, str | None] | None:
    """'1,234' → (1234, None); '+2' → (2, None); '140.56万元' → (140.56, '万元'); else None."""
    match = _NUMBER_CELL.match(cell)
    if not match:
        return None
    raw = match["num"].replace(",", "")
    value: int | float = float(raw) if "." in raw else int(raw)
    return value, match["unit"]


def lines_to_atoms(lines: Iterable[tuple[int, str]]) -> list[Atom]:
    """Normalised (line number, text) lines → atoms in reading order, each carrying its line."""
    atoms: list[Atom] = []
    for number, line in lines:
        for cell in _SEPARATORS.split(line):
            if cell:
                atoms.extend(cell_to_atoms(cell, number))
    return demote_vertical_placeholders(atoms)


def demote_vertical_placeholders(atoms: list[Atom]) -> list[Atom]:
    """无 next to single characters is part of a label written one character per line
    (（ / 四 / ） / 无 / 法 / 提 / 供, layout T6), not a placeholder for 0."""
    out = list(atoms)
    for i, atom in enumerate(atoms):
        if not atom.placeholder or atom.text != "无":
            continue
        near = [atoms[j] for j in (i - 1, i + 1) if 0 <= j < len(atoms)]
        if any(n.kind == "text" and len(n.text) == 1 for n in near):
            out[i] = Atom("text", atom.text, atom.line)
    return out


def cell_to_atoms(cell: str, line: int) -> list[Atom]:
    """One separated piece of a line → one number, one placeholder, or text with fused numbers."""
    read = read_number(cell)
    if read is not None:
        return [Atom("num", cell, line, read[0], read[1])]
    if cell in PLACEHOLDERS:
        return [Atom("num", cell, line, 0, placeholder=True)]
    return _split_fused(cell, line)


def _split_fused(cell: str, line: int) -> list[Atom]:
    """Text with digits run into it (layout T10: 申请数量520010558二、…) → text and number atoms.

    Digits that open an enumerator (1. 2、) or belong to a date or a sentence (2020年, 12件)
    stay text. An enumerator glued to the digits before it (…秘密00000002.其他) is split off.
    """
    atoms: list[Atom] = []
    text_start = 0
    for match in _DIGITS.finditer(cell):
        digits, after = match.group(), cell[match.end():]
        if _TEXT_AFTER_DIGITS.match(after) or (match.start() == 0 and not after):
            continue
        if match.start() == 0 and len(digits) == 1 and _CJK_START.match(after):
            continue  # an enumerator that lost its dot: 1属于国家秘密
        if _ENUMERATOR_AFTER.match(after) and "." not in digits:
            if len(digits) == 1 or match.start() == 0:
                continue
            digits = digits[:-1]  # the last digit is the next row's enumerator
        if match.start() > text_start:
            atoms.append(Atom("text", cell[text_start:match.start()], line))
        value = float(digits) if "." in digits else int(digits)
        atoms.append(Atom("num", digits, line, value, fused=True))
        text_start = match.start() + len(digits)
    if text_start < len(cell):
        atoms.append(Atom("text", cell[text_start:], line))
    return atoms
