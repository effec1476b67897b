"""Arithmetic-consistent table values: the numbers a correct report prints."""

from __future__ import annotations

import random

from xxgk.model import REVIEW_BLOCKS, outcome_rows, request_columns, rows_of
from xxgk.sample.grids import proactive_keys

Number = int | float
APPLICANTS = [c for c, _ in request_columns()][:-1]


def request_values(template: str, cells: dict[tuple[str, str], int],
                   carried: dict[str, int], forward: dict[str, int]) -> dict[str, int]:
    """The whole section-三 table from its outcome cells (row, applicant) and the carried-over
    and carried-forward counts per applicant: totals and new requests follow by the rules."""
    values: dict[str, int] = {}
    rows = rows_of(template)
    for col in APPLICANTS:
        done = 0
        for row in outcome_rows(template):
            values[f"requests.{row}.{col}"] = cells.get((row, col), 0)
            done += cells.get((row, col), 0)
        values[f"requests.outcome_total.{col}"] = done
        values[f"requests.carried_over.{col}"] = carried.get(col, 0)
        values[f"requests.carried_forward.{col}"] = forward.get(col, 0)
        values[f"requests.new_received.{col}"] = done + forward.get(col, 0) - carried.get(col, 0)
    for row in rows:
        values[f"requests.{row}.total"] = sum(values[f"requests.{row}.{c}"] for c in APPLICANTS)
    return values


def review_values(blocks: dict[str, tuple[int, ...]]) -> dict[str, int]:
    """Section 四 from (维持, 纠正, 其他, 尚未审结) per block; totals follow."""
    values: dict[str, int] = {}
    for block in REVIEW_BLOCKS:
        parts = blocks.get(block, (0, 0, 0, 0))
        for col, value in zip(("maintained", "corrected", "other", "pending"), parts, strict=True):
            values[f"{block}.{col}"] = value
        values[f"{block}.total"] = sum(parts)
    return values


def random_values(template: str, rng: random.Random, high: int = 20) -> dict[str, Number]:
    """A random but correct table set for one format (tests and property checks)."""
    cells = {(row, col): rng.choice([0, 0, 0, 1, 2, rng.randint(0, high)])
             for row in outcome_rows(template) for col in APPLICANTS}
    done = {c: sum(cells[(r, c)] for r in outcome_rows(template)) for c in APPLICANTS}
    carried = {c: rng.randint(0, min(3, done[c])) for c in APPLICANTS}
    forward = {c: rng.randint(0, 3) for c in APPLICANTS}
    values: dict[str, Number] = {}
    for key in proactive_keys(template):
        if key.endswith(".change"):
            values[key] = rng.randint(-5, 9)
        elif "amount" in key:
            values[key] = round(rng.uniform(0, 500), rng.choice([0, 1, 2, 4])) or 0
        else:
            values[key] = rng.randint(0, high)
    values |= request_values(template, cells, carried, forward)
    values |= review_values({b: tuple(rng.randint(0, 6) for _ in range(4)) for b in REVIEW_BLOCKS})
    return values
