"""What the three table readers share: a table's result, numbers of a row, cells from candidates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from xxgk.model import Finding
from xxgk.recognise.atoms import NUMBERING, Atom
from xxgk.recognise.normalize import compact
from xxgk.recognise.placement import (
    Candidates,
    Group,
    Number,
    agreed,
    fused_candidates,
    row_candidates,
)

DEFAULT_LABEL_TAIL = 3


@dataclass
class TableResult:
    """Values read from one table, the keys it could not read, and what it met."""

    values: dict[str, Number] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    where: dict[str, str] = field(default_factory=dict)  # key → "line N" of its row
    template: str | None = None
    found: bool = False  # numbers were read
    blank: set[str] = field(default_factory=set)  # cells known to be printed blank (real tables)
    run_together: bool = False  # most rows' numbers ran into their labels (layout T10)
    has_header: bool = False  # the table's own headers are there (an empty form has them)
    printed: bool = False  # its row labels or headers are there, numbers or not


@dataclass
class RowNumbers:
    """The number atoms that belong to one row, and where the row is."""

    row: str
    atoms: list[Atom]
    line: int

    @property
    def where(self) -> str:
        return f"line {self.line}"


def numbers_between(atoms: list[Atom], lo: int, hi: int) -> list[Atom]:
    """Number atoms with index in [lo, hi)."""
    return [a for a in atoms[lo:hi] if a.is_num]


def numbers_after(atoms: list[Atom], start: int, stop: int | None = None,
                  label: str = "") -> list[Atom]:
    """The run of number atoms right after ``start`` (and before ``stop``).

    Text before the run may only be the rest of the row's own (broken) label, or a few
    characters; any other text ends the row, so a row printed blank takes no number from the
    rows below it.
    """
    found: list[Atom] = []
    for atom in atoms[start + 1:stop]:
        if atom.is_num:
            found.append(atom)
        elif found or not _continues(atom.text, label):
            break
    return found


def _continues(text: str, label: str) -> bool:
    """Whether text between a label and its numbers is still the label's (a short broken-off
    piece); a piece that opens with numbering (（三）, 1.) is the next row's (issue 8: narrow PDF
    label columns break every label into pieces of two or three characters)."""
    if NUMBERING.match(text):
        return False
    piece = compact(text)
    return len(piece) <= DEFAULT_LABEL_TAIL or (bool(piece) and piece in label)


def candidates_for(nums: list[Atom], ncols: int, groups: list[Group],
                   run_together: bool = False, spaced_runs: bool = False) -> Candidates:
    """The vectors a row's number atoms can stand for.

    A run of digits glued to its label is cells printed with no separator (layout T10) and is
    cut every way the arithmetic allows; a lone number standing apart is cut too only when the
    document's tables run together. Anything else is placed as printed.
    """
    placed = row_candidates([a.value for a in nums if a.value is not None], ncols, groups)
    if (run_together or spaced_runs) and len(nums) > 1 and _one_digit_run(nums):
        # A stray space inside a run of cells printed together (申请数量230 000023) is no cell
        # boundary: both readings stay, and only what they agree on is read (issue 8).
        joined = fused_candidates("".join(a.text for a in nums), ncols, groups)
        return joined if joined.uncut else Candidates(list(dict.fromkeys(placed + joined.vectors)))
    if len(nums) != 1 or ncols == 1 or not nums[0].text.isdigit():
        return Candidates(placed)
    if not (nums[0].fused or run_together):
        return Candidates(placed)  # a lone number in an ordinary table is one number (a 总计)
    digits = nums[0].text
    if len(digits) < ncols and digits.strip("0"):
        # Fewer digits than cells: some cells were blank, and a blank-dropped run can always
        # also be one number alone (a 总计 printed without its parts): nothing is proven.
        return Candidates([], uncut=True)
    cut = fused_candidates(digits, ncols, groups)
    if cut.uncut or nums[0].fused:
        return cut
    # Standing alone in a document whose tables run together, the digits may be one number
    # or several cells: both readings stay.
    return Candidates(list(dict.fromkeys(placed + cut.vectors)))


def emit_cells(result: TableResult, keys: list[str], cands: Candidates, nums: list[Atom],
               what: str, where: str | None,
               convert: Callable[[str, Number], Number] | None = None) -> None:
    """A row's candidates into values and findings — the one way every table does it. A cell
    every candidate agrees on is read (``convert`` may change its unit); the others are left
    out, unreadable, with one finding saying why: more numbers than cells (unreadable-cell),
    digits that could not be cut or numbers no placement fits, or cells the placements
    disagree on (ambiguous-cell)."""
    ncols = len(keys)
    if not cands:
        result.unreadable.update(keys)
        if len(nums) > ncols:
            rule, why = "unreadable-cell", (f"印有 {len(nums)} 个数字，多于 {ncols} 列"
                                            "（可能有本格式没有的行或列）")
        elif cands.uncut:
            rule, why = "ambiguous-cell", f"连在一起的数字 {''.join(a.text for a in nums)} 无法按勾稽关系拆分"
        else:
            rule, why = "ambiguous-cell", f"{len(nums)} 个数字的任何列位置都不满足本行的勾稽关系"
        result.findings.append(Finding(rule, "warning", f"{what}：{why}，未取值", keys, where))
        return
    unknown = []
    for key, value in zip(keys, agreed(cands.vectors, ncols), strict=True):
        if where is not None:
            result.where[key] = where
        if value is None:
            unknown.append(key)
        else:
            result.values[key] = convert(key, value) if convert else value
    if unknown:
        result.unreadable.update(unknown)
        result.findings.append(Finding(
            "ambiguous-cell", "warning",
            f"{what}印有 {len(nums)} 个数字、应有 {ncols} 列：按勾稽关系无法确定 {len(unknown)} "
            "个单元格所在的列，未取值", unknown, where))


def _one_digit_run(nums: list[Atom]) -> bool:
    """Plain digit atoms on one line, the first run into its label."""
    return nums[0].fused and len({a.line for a in nums}) == 1 and all(
        a.text.isdigit() for a in nums)


def placeholder_finding(atoms: list[Atom], keys: list[str]) -> Finding | None:
    """One info finding for every placeholder (—, /, 无) read as 0 in a table."""
    if not keys:
        return None
    marks = sorted({a.text for a in atoms})
    lines = sorted({a.line for a in atoms})
    return Finding("placeholder-zero", "info",
                   f"占位符 {' '.join(marks)} 按 0 读取（{len(keys)} 个单元格）", keys,
                   f"line {lines[0]}" if len(lines) == 1 else f"lines {lines[0]}-{lines[-1]}")
