"""What a perfect reader can know of a rendered report: the keys its layout hides.

A row whose blank cells vanished (every layout but those keeping empty cells reads the same
way) shows fewer numbers than cells; a cell is hidden when the printed numbers, kept in order
with the blanks read as 0, can stand for more than one value of it under the row's sums. This
is a brute force over placements, written apart from the parser's own search so the oracle
does not grade the parser by itself. For digits run together (layout T10) the cut itself is
the question; there the parser's cutting function is reused, and only wrong values — not
missing ones — are then checked independently.
"""

from __future__ import annotations

from itertools import combinations

from xxgk.model import REVIEW_BLOCKS, request_columns, rows_of
from xxgk.recognise.placement import agreed, fused_candidates
from xxgk.sample.grids import PROACTIVE_LAYOUT, plain_number

Number = int | float
Groups = list[tuple[tuple[int, ...], int]]
REVIEW_COLS = ["maintained", "corrected", "other", "pending", "total"]


def table_rows(template: str) -> list[tuple[list[str], Groups]]:
    """Every printed row of the three tables as (keys in print order, sums within the row)."""
    cols = [c for c, _ in request_columns()]
    rows = [([f"requests.{r}.{c}" for c in cols], [(tuple(range(6)), 6)])
            for r in rows_of(template)]
    rows += [([f"proactive.{row}.{m}" for m in metrics], [])
             for _, _, block_rows, metrics in PROACTIVE_LAYOUT[template] for row, _ in block_rows]
    review = [f"{b}.{c}" for b in REVIEW_BLOCKS for c in REVIEW_COLS]
    rows.append((review, [(tuple(range(i, i + 4)), i + 4) for i in (0, 5, 10)]))
    return rows


def _placements(shown: list[Number], ncols: int, groups: Groups) -> set[tuple[Number, ...]]:
    vectors = set()
    for pos in combinations(range(ncols), len(shown)):
        vec: list[Number] = [0] * ncols
        for p, v in zip(pos, shown, strict=True):
            vec[p] = v
        if len(shown) == ncols or all(sum(vec[i] for i in g) == vec[t] for g, t in groups):
            vectors.add(tuple(vec))
    return vectors


def hidden_keys(template: str, printed: dict[str, Number], run_together: bool = False) -> set[str]:
    """Keys a correct parser may leave out of this report's values."""
    hidden: set[str] = set()
    for keys, groups in table_rows(template):
        shown = [printed[k] for k in keys if k in printed]
        if not shown:
            continue
        if run_together:
            digits = "".join(plain_number(k, printed[k]) for k in keys if k in printed)
            short = len(digits) < len(keys) and digits.strip("0") and len(keys) > 1
            vectors = ((fused_candidates(digits, len(keys), groups) or [])
                       if digits.isdigit() and not short else [])
            cells = agreed(vectors, len(keys))
            hidden |= {k for k, c in zip(keys, cells, strict=True) if c is None}
            continue
        vectors = _placements(shown, len(keys), groups)
        hidden |= {k for i, k in enumerate(keys) if len({v[i] for v in vectors}) != 1}
    return hidden
