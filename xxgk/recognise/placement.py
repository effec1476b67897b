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
from functools import cache
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
    blank cell vanishes without trace, so the digits may hold fewer numbers than cells. Each
    group's parts stand right before its total, which must print as their sum. None when the
    search exceeds its budget.
    """
    last_total = max((total for _, total in groups), default=None)
    if last_total != ncols - 1:
        return _fused_walk(digits, ncols, groups, None, budget)
    found: set[Vector] = set()
    # The row ends with a total: it is the digits' suffix (or blank), which bounds its parts.
    for cut in range(len(digits), -1, -1):
        tail = digits[cut:]
        if len(tail) > 1 and tail[0] == "0":
            continue
        got = _fused_walk(digits[:cut], ncols - 1, groups, int(tail) if tail else 0, budget)
        if got is None:
            return None
        found.update((*vec, int(tail) if tail else 0) for vec in got)
    return sorted(found)


def _fused_walk(digits: str, ncols: int, groups: Sequence[Group], target: int | None,
                budget: int) -> list[Vector] | None:
    """Cut ``digits`` into ``ncols`` cells; the open group's parts sum to ``target`` at the end.

    Memoised on (position, cell, running sum of the open group); None past the budget.
    """
    totals = {total for _, total in groups if total < ncols}
    in_group = {i for parts, total in groups for i in parts}
    open_from = min((min(parts) for parts, total in groups if total == ncols), default=ncols)
    steps = 0

    @cache
    def walk(pos: int, idx: int, partial: int) -> frozenset[tuple[int, ...]]:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise OverflowError
        if target is not None and idx > open_from and partial > target:
            return frozenset()
        if idx == ncols:
            done = pos == len(digits) and (target is None or partial == target)
            return frozenset({()}) if done else frozenset()
        out: set[tuple[int, ...]] = set()
        if idx in totals:
            text = str(partial)
            ends = [pos + len(text)] if digits.startswith(text, pos) else []
            for end in ends + ([pos] if partial == 0 else []):
                out |= {(partial, *rest) for rest in walk(end, idx + 1, 0)}
            return frozenset(out)
        for end in [pos, *range(pos + 1, len(digits) + 1)]:
            if end - pos > 1 and digits[pos] == "0":
                break
            value = int(digits[pos:end]) if end > pos else 0
            carried = partial + value if idx in in_group else 0
            out |= {(value, *rest) for rest in walk(end, idx + 1, carried)}
        return frozenset(out)

    try:
        return sorted(walk(0, 0, 0))
    except (OverflowError, RecursionError):
        return None


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
