"""What a perfect reader can know of a rendered report: the keys its layout hides, and the sums
its printed numbers break.

Written apart from the parser (nothing here imports ``xxgk.recognise``, ``xxgk.parse`` or
``xxgk.validate``; a test holds to it), so the oracle never grades the parser by itself. Only
the format's sums are shared, as data (``model.equations``).

A row whose blank cells vanished (every text layout) shows fewer numbers than cells; a cell is
hidden when the printed numbers, kept in order with the blanks read as 0, can stand for more
than one value of it under the row's sums. For digits run together (layout T10) the cut itself
is the question: every way to cut the run into the row's cells (each cell blank, or the next
digits without a leading zero) is enumerated plainly, and the sums decide.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

from xxgk.model import equations, row_groups, table_rows
from xxgk.sample.grids import plain_number

Number = int | float
Groups = list[tuple[tuple[int, ...], int]]


def _placements(shown: list[Number], ncols: int, groups: Groups) -> set[tuple[Number, ...]]:
    """Every vector the shown numbers, in order with blanks read as 0, can stand for."""
    return set(_placements_of(tuple(shown), ncols, tuple(groups)))


@cache
def _placements_of(shown: tuple[Number, ...], ncols: int, groups: tuple
                   ) -> frozenset[tuple[Number, ...]]:
    vectors = set()
    for pos in combinations(range(ncols), len(shown)):
        vec: list[Number] = [0] * ncols
        for p, v in zip(pos, shown, strict=True):
            vec[p] = v
        if len(shown) == ncols or all(sum(vec[i] for i in g) == vec[t] for g, t in groups):
            vectors.add(tuple(vec))
    return frozenset(vectors)


def cuts(digits: str, ncols: int, groups: Groups) -> set[tuple[int, ...]]:
    """Every vector a run of digits can be cut into: each cell blank (0) or the next digits
    (no leading zero), all digits used, every group's parts adding up to its total. Groups are
    parts followed by their total, as the national tables print them."""
    totals = {total for _, total in groups}
    parts = {p for members, _ in groups for p in members}

    @cache
    def go(pos: int, cell: int, running: int) -> frozenset[tuple[int, ...]]:
        if cell == ncols:
            return frozenset({()}) if pos == len(digits) else frozenset()
        options = [(pos, 0)] + [(end, int(digits[pos:end])) for end in range(pos + 1, len(digits) + 1)
                                if end - pos == 1 or digits[pos] != "0"]
        out: set[tuple[int, ...]] = set()
        for end, value in options:
            if cell in totals:
                if value != running:
                    continue
                after = 0
            else:
                after = running + value if cell in parts else running
                # a total still to come is cut from the digits left, so it is at most their value
                if cell in parts and after > int(digits[end:] or 0):
                    continue
            out |= {(value, *rest) for rest in go(end, cell + 1, after)}
        return frozenset(out)

    return set(go(0, 0, 0))


def _undecided(vectors: set[tuple[Number, ...]], ncols: int) -> list[bool]:
    """Per cell, whether the vectors give it more than one value (or there are none)."""
    return [not vectors or len({v[i] for v in vectors}) != 1 for i in range(ncols)]


def hidden_keys(template: str, printed: dict[str, Number], run_together: bool = False) -> set[str]:
    """Keys a correct parser may leave out of this report's values."""
    hidden: set[str] = set()
    for keys in table_rows(template):
        shown = [printed[k] for k in keys if k in printed]
        if not shown:
            continue
        groups = row_groups(keys, template)
        if run_together:
            digits = "".join(plain_number(k, printed[k]) for k in keys if k in printed)
            short = len(digits) < len(keys) and digits.strip("0") and len(keys) > 1
            vectors: set = cuts(digits, len(keys), groups) if digits.isdigit() and not short else set()
        else:
            vectors = _placements(shown, len(keys), groups)
        hidden |= {k for k, unknown in zip(keys, _undecided(vectors, len(keys)), strict=True) if unknown}
    return hidden


def broken_sums(template: str, printed: dict[str, Number], hidden: set[str]
                ) -> list[dict]:
    """The format's sums the printed numbers break, as findings a parser must give: an error
    where every cell is printed, a warning where a blank (read as 0) is among them. A sum over a
    hidden cell cannot be checked from the file; one over blanks only says nothing."""
    out = []
    for eq in equations(template):
        if set(eq.keys) & hidden or not any(k in printed for k in eq.keys):
            continue
        left = sum(printed.get(k, 0) for k in eq.left)
        right = sum(printed.get(k, 0) for k in eq.right)
        if left != right:
            blank = any(k not in printed for k in eq.keys)
            out.append({"rule": eq.rule, "severity": "warning" if blank else "error",
                        "message": f"{left} ≠ {right}（{eq.label}）", "keys": list(eq.keys),
                        "where": None, "scope": "report"})
    return out
