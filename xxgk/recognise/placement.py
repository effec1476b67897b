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

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations, product

Number = int | float
Cell = Number | None
Vector = tuple[Cell, ...]
Group = tuple[tuple[int, ...], int]
Term = tuple[str, int]  # (row, column)

@dataclass(frozen=True)
class Candidates:
    """The vectors a row's printed numbers can stand for. Empty, it says why: ``uncut`` when a
    run of digits had more readings than the search allows (nothing could be proven), else no
    placement satisfies the row's sums (or more numbers than cells were printed)."""

    vectors: list[Vector]
    uncut: bool = False

    def __bool__(self) -> bool:
        return bool(self.vectors)


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


def _segments(ncols: int, groups: Sequence[Group]) -> list[tuple[int, ...]]:
    """Cells in print order as segments: a group's parts then its total, or a lone cell."""
    by_start = {min(parts): (*parts, total) for parts, total in groups}
    segments, idx = [], 0
    while idx < ncols:
        segment = by_start.get(idx, (idx,))
        if list(segment) != list(range(idx, idx + len(segment))):
            raise ValueError("a group's parts must stand right before its total")
        segments.append(segment)
        idx += len(segment)
    return segments


def fused_candidates(digits: str, ncols: int, groups: Sequence[Group] = (),
                     budget: int = DEFAULT_SPLIT_BUDGET) -> Candidates:
    """Every vector a run of digits (cells printed with no separator, layout T10) can stand for.

    Each cell either takes the next digits (no leading zero) or was blank (0, no digits): a
    blank cell vanishes without trace, so the digits may hold fewer numbers than cells. A
    group's total is cut first and bounds its parts, which must sum to it. ``uncut`` when the
    search exceeds its budget (too many readings to be of use).
    """
    segments = _segments(ncols, groups)
    length = len(digits)
    steps = 0

    def tick() -> None:
        nonlocal steps
        steps += 1
        if steps > budget:
            raise OverflowError

    def numbers_at(pos: int, stop: int) -> list[tuple[int, int]]:
        """(end, value) of every cell starting at pos: blank, or digits up to ``stop``."""
        out = [(pos, 0)]
        for end in range(pos + 1, stop + 1):
            if end - pos > 1 and digits[pos] == "0":
                break
            out.append((end, int(digits[pos:end])))
        return out

    @cache
    def parts(pos: int, stop: int, n: int, target: int) -> frozenset[tuple[int, ...]]:
        """Cut digits[pos:stop] into n cells summing to target."""
        tick()
        if n == 0:
            return frozenset({()}) if pos == stop and target == 0 else frozenset()
        if stop - pos > n * len(str(target)):  # no part is longer than the total
            return frozenset()
        if target > int(digits[pos:stop] or 0):  # cutting digits only makes their sum smaller
            return frozenset()
        out: set[tuple[int, ...]] = set()
        for end, value in numbers_at(pos, stop):
            if value > target:
                break
            out |= {(value, *rest) for rest in parts(end, stop, n - 1, target - value)}
        return frozenset(out)

    @cache
    def cut(pos: int, seg: int) -> frozenset[tuple[int, ...]]:
        tick()
        if seg == len(segments):
            return frozenset({()}) if pos == length else frozenset()
        out: set[tuple[int, ...]] = set()
        if len(segments[seg]) == 1:
            for end, value in numbers_at(pos, length):
                out |= {(value, *rest) for rest in cut(end, seg + 1)}
            return frozenset(out)
        for start in range(pos, length + 1):  # where the total is printed
            for end, total in numbers_at(start, length):
                if end == start and total != 0:
                    continue
                heads = parts(pos, start, len(segments[seg]) - 1, total)
                if heads:
                    tails = cut(end, seg + 1)
                    out |= {(*h, total, *t) for h in heads for t in tails}
        return frozenset(out)

    try:
        return Candidates(sorted(cut(0, 0)))
    except (OverflowError, RecursionError):
        return Candidates([], uncut=True)


def agreed(candidates: Sequence[Vector], ncols: int) -> list[Cell]:
    """Per column, the value every candidate gives, or None where they differ or do not know."""
    if not candidates:
        return [None] * ncols
    out: list[Cell] = []
    for col in range(ncols):
        vals = {c[col] for c in candidates}
        out.append(vals.pop() if len(vals) == 1 else None)
    return out


ColumnSum = tuple[tuple[Term, ...], tuple[Term, ...]]  # left terms sum to right terms


def _sumset(terms: Sequence[tuple[int, Term]], cands: dict[str, list[Vector]],
            cap: int) -> set[Number] | None:
    sums: set[Number] = {0}
    for sign, (row, col) in terms:
        vals = {c[col] for c in cands.get(row, [])}
        if not vals or None in vals:
            return None  # an unknown cell: anything is reachable
        sums = {s + sign * v for s, v in product(sums, vals) if v is not None}
        if len(sums) > cap:
            return None
    return sums


def _test(eq: ColumnSum, row: str, cands: dict[str, list[Vector]],
          cap: int) -> Callable[[Vector], bool]:
    """A test of ``row``'s candidates against ``eq``, the other rows taking any of theirs."""
    signed = [(1, t) for t in eq[0]] + [(-1, t) for t in eq[1]]
    mine = [(sign, col) for sign, (r, col) in signed if r == row]
    others = _sumset([(sign, t) for sign, t in signed if t[0] != row], cands, cap)
    if others is None:
        return lambda cand: True

    def test(cand: Vector) -> bool:
        cells = [(sign, cand[col]) for sign, col in mine]
        if any(value is None for _, value in cells):
            return True
        return -sum(sign * value for sign, value in cells if value is not None) in others
    return test


def _prune_once(cands: dict[str, list[Vector]], equations: Sequence[ColumnSum], cap: int) -> bool:
    """Keep, for each ambiguous row, the candidates that can satisfy every equation at once.

    When none can, the table itself breaks a rule there (validate will say so): the row's
    ambiguity stays, rather than letting the broken rule choose a placement.
    """
    changed = False
    for row, options in cands.items():
        if len(options) < 2:
            continue
        tests = [_test(eq, row, cands, cap) for eq in equations
                 if any(t[0] == row for t in eq[0] + eq[1])]
        keep = [c for c in options if all(test(c) for test in tests)]
        if keep and len(keep) < len(options):
            cands[row] = keep
            changed = True
    return changed


def prune_by_equations(cands: dict[str, list[Vector]], equations: Sequence[ColumnSum],
                       cap: int = DEFAULT_SUMSET_CAP) -> dict[str, list[Vector]]:
    """Column rules down a table narrow ambiguous rows; an equation no choice can satisfy
    (the report's own error) is left to validate and prunes nothing."""
    cands = {row: list(vs) for row, vs in cands.items()}
    for _ in range(10):
        if not _prune_once(cands, equations, cap):
            break
    return cands
