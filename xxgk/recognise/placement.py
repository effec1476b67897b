"""Place numbers into columns only where the format's arithmetic proves the placement.

A row of a table has ``ncols`` cells; some are tied by *groups*: (part columns, total column),
meaning total = sum of parts (section 三: six applicant columns → 总计; section 四: three blocks of
维持+纠正+其他+尚未审结 → 总计). When a row shows fewer numbers than cells (blank cells dropped,
a cell lost) every placement of the numbers, in order, is tried, the cells left over read as 0;
the arithmetic rules placements out (6 zeros where 7 are expected → all seven are 0).
A cell is known only when every surviving placement gives it the same value (issue #2, rule 6).
Column equations down a table (一+二 = （七）+四; （七） = Σ outcomes) prune further.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations, product

Number = int | float
Cell = Number | None
Vector = tuple[Cell, ...]
Group = tuple[tuple[int, ...], int]
Term = tuple[str, int]  # (row, column)

DEFAULT_SPLIT_BUDGET = 200_000
DEFAULT_SUMSET_CAP = 20_000


def _holds(vec: Sequence[Number], groups: Sequence[Group]) -> bool:
    return all(sum(vec[i] for i in parts) == vec[total] for parts, total in groups)


def row_candidates(values: Sequence[Number], ncols: int,
                   groups: Sequence[Group] = ()) -> list[Vector]:
    """Every vector the printed numbers (in order) can stand for.

    ``ncols`` numbers: one vector, as printed (a wrong sum is validate's business). Fewer: the
    numbers keep their order and each cell left over is a blank, read as 0; a placement survives
    when every group then holds (so ``3 | 3`` proves 总计 = 3, and six zeros prove seven).
    More numbers than cells, or none: no candidate.
    """
    k = len(values)
    if k == ncols:
        return [tuple(values)]
    if k > ncols or k == 0:
        return []
    seen: dict[Vector, None] = {}
    for positions in combinations(range(ncols), k):
        vec: list[Number] = [0] * ncols
        for pos, value in zip(positions, values, strict=True):
            vec[pos] = value
        if _holds(vec, groups):
            seen[tuple(vec)] = None
    return list(seen)


def fused_candidates(digits: str, ncols: int, groups: Sequence[Group] = (),
                     budget: int = DEFAULT_SPLIT_BUDGET) -> list[Vector] | None:
    """Every vector a run of digits (cells printed with no separator, layout T10) can stand for.

    Each cell either takes the next digits (no leading zero) or was blank (0, no digits): a
    blank cell vanishes without trace, so the digits may hold fewer numbers than cells. The
    groups must hold. None when the search exceeds its budget.
    """
    closing = {total: parts for parts, total in groups}
    found: dict[Vector, None] = {}
    steps = 0

    def choices(pos: int, idx: int, acc: list[int]) -> list[tuple[int, int]]:
        """(next position, value) for cell ``idx``: blank, or the next digits."""
        if idx in closing:  # a total: its value is known, only its printing is in question
            value = sum(acc[i] for i in closing[idx])
            text = str(value)
            out = [(pos + len(text), value)] if digits.startswith(text, pos) else []
            return out + ([(pos, 0)] if value == 0 else [])
        out = [(pos, 0)]
        for end in range(pos + 1, len(digits) + 1):
            if end - pos > 1 and digits[pos] == "0":
                break
            out.append((end, int(digits[pos:end])))
        return out

    def walk(pos: int, acc: list[int]) -> None:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise OverflowError
        if len(acc) == ncols:
            if pos == len(digits):
                found[tuple(acc)] = None
            return
        for end, value in choices(pos, len(acc), acc):
            acc.append(value)
            walk(end, acc)
            acc.pop()

    try:
        walk(0, [])
    except OverflowError:
        return None
    return list(found)


def agreed(candidates: Sequence[Vector], ncols: int) -> list[Cell]:
    """Per column, the value every candidate gives, or None where they differ or do not know."""
    if not candidates:
        return [None] * ncols
    out: list[Cell] = []
    for col in range(ncols):
        vals = {c[col] for c in candidates}
        out.append(vals.pop() if len(vals) == 1 else None)
    return out


Equation = tuple[tuple[Term, ...], tuple[Term, ...]]


def _sumset(terms: Sequence[tuple[int, Term]], cands: dict[str, list[Vector]],
            cap: int) -> set[Number] | None:
    sums: set[Number] = {0}
    for sign, (row, col) in terms:
        vals = {c[col] for c in cands.get(row, [])}
        if not vals or None in vals:
            return None  # an unknown cell: anything is reachable
        sums = {s + sign * v for s, v in product(sums, vals)}
        if len(sums) > cap:
            return None
    return sums


def _prune_once(cands: dict[str, list[Vector]], eq: Equation, cap: int) -> bool:
    """Drop candidates that make ``eq`` impossible; returns whether anything was dropped."""
    signed = [(1, t) for t in eq[0]] + [(-1, t) for t in eq[1]]
    changed = False
    for i, (sign, (row, col)) in enumerate(signed):
        if len(cands.get(row, [])) < 2:
            continue
        others = _sumset(signed[:i] + signed[i + 1:], cands, cap)
        if others is None:
            continue
        keep = [c for c in cands[row] if c[col] is None or -sign * c[col] in others]
        if keep and len(keep) < len(cands[row]):
            cands[row] = keep
            changed = True
    return changed


def prune_by_equations(cands: dict[str, list[Vector]], equations: Sequence[Equation],
                       cap: int = DEFAULT_SUMSET_CAP) -> dict[str, list[Vector]]:
    """Column rules down a table narrow ambiguous rows; an equation no choice can satisfy
    (the report's own error) is left to validate and prunes nothing."""
    cands = {row: list(vs) for row, vs in cands.items()}
    for _ in range(10):
        if not any([_prune_once(cands, eq, cap) for eq in equations]):
            break
    return cands
