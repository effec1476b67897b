"""Section 四: one row of 15 numbers, three blocks of 维持 · 纠正 · 其他 · 尚未审结 · 总计."""

from __future__ import annotations

from xxgk.model import REVIEW_BLOCKS, outcome_columns, row_groups, table_words
from xxgk.recognise.atoms import Atom
from xxgk.recognise.tables import (
    RowNumbers,
    TableResult,
    candidates_for,
    emit_cells,
    placeholder_finding,
)

COLUMNS = [col for col, _ in outcome_columns()]
KEYS = [f"{block}.{col}" for block in REVIEW_BLOCKS for col in COLUMNS]
NCOLS = len(KEYS)
_HEADER_WORDS = table_words("review", "heads")
_TABLE_ONLY_WORDS = table_words("review", "words")


def _runs(atoms: list[Atom]) -> list[list[Atom]]:
    """Maximal runs of number atoms with no text atom between them."""
    runs: list[list[Atom]] = [[]]
    for atom in atoms:
        if atom.is_num:
            runs[-1].append(atom)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def table_numbers(atoms: list[Atom]) -> list[Atom]:
    """The numbers of the table: its longest run, or every number when the blocks stand on
    lines of their own (行政复议 0 0 0 0 0 / 直接起诉 …) and they add up to 15."""
    runs = _runs(atoms)
    if not runs:
        return []
    longest = max(runs, key=len)
    every = [a for run in runs for a in run]
    if len(longest) < NCOLS and len(every) == NCOLS:
        return every
    return longest


def review_from_atoms(atoms: list[Atom], template: str, run_together: bool = False) -> TableResult:
    """Read the section-四 table out of the atoms of its section."""
    result = TableResult()
    text = "".join(a.text for a in atoms if not a.is_num)
    nums = table_numbers(atoms)
    result.printed = sum(w in text for w in _TABLE_ONLY_WORDS) >= 2  # not the heading's words
    if not nums or not any(w in text for w in _HEADER_WORDS):
        return result
    result.found = True
    where = RowNumbers("review", nums, nums[0].line).where
    cands = candidates_for(nums, NCOLS, row_groups(KEYS, template), run_together)
    emit_cells(result, KEYS, cands, nums, "第四部分表格", where)
    if not cands:
        return result
    holders = [a for a in nums if a.placeholder]
    if holders and len(nums) == NCOLS:
        holder = placeholder_finding(holders, [k for k, a in zip(KEYS, nums, strict=True)
                                               if a.placeholder])
        if holder:
            result.findings.append(holder)
    return result
