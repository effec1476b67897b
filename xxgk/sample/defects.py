"""Defects injected into generated reports, each at a known small rate and recorded in the
ground truth with the rule that must find it (and whether one file shows it, or it needs the
agency's other years: scope "warehouse")."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from xxgk.model import REVIEW_BLOCKS, outcome_rows
from xxgk.sample.values import APPLICANTS

Number = int | float
DEFAULT_RATES: dict[str, float] = {
    "balance": 0.03, "row-total": 0.03, "outcome-total": 0.03, "review-total": 0.015,
    "litigation-total": 0.015, "carry-mismatch": 0.04, "late": 0.08, "copied-narrative": 0.06,
    "wrong-template": 0.05, "blanks": 0.15, "missing-section": 0.02, "label-noise": 0.25,
    "tables-missing": 0.02, "sentence": 0.02, "missing-year": 0.05, "totals-only": 0.04,
}
ARITHMETIC = ("balance", "row-total", "outcome-total", "review-total", "litigation-total")
RULE_OF = {"balance": ("request-balance", "report"), "row-total": ("row-total", "report"),
           "outcome-total": ("outcome-total", "report"), "review-total": ("review-total", "report"),
           "litigation-total": ("litigation-total", "report"),
           "carry-mismatch": ("carry-continuity", "warehouse"),
           "late": ("late-publication", "warehouse"),
           "copied-narrative": ("copied-narrative", "warehouse"),
           "wrong-template": ("template-year", "report"),
           "missing-section": ("missing-section", "report"),
           "tables-missing": ("table-missing", "report"), "sentence": ("table-as-text", "report"),
           "missing-year": ("missing-report", "warehouse")}
# Typos seen in real labels and headings, each one the parser must see through.
TYPOS = [("国家秘密", "国家秘蜜"), ("第三方合法权益", "第三方合法权意"), ("行政查询事项", "行政査询事项"),
         ("行政诉讼情况", "现在诉讼情况"), ("信访举报投诉类申请", "信访举报投拆类申请"),
         ("没有现成信息需要另行制作", "没有现成信息需另行制作")]


@dataclass
class Injected:
    """One defect put into one report."""

    defect: str
    keys: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        rule, scope = RULE_OF.get(self.defect, (None, "report"))
        return {"defect": self.defect, "rule": rule, "scope": scope, "keys": self.keys}


def draw(rates: dict[str, float], rng: random.Random) -> set[str]:
    """Which defects a report gets; at most one arithmetic defect."""
    chosen = {d for d, rate in rates.items() if rng.random() < rate}
    sums = sorted(chosen & set(ARITHMETIC))
    return (chosen - set(ARITHMETIC)) | ({rng.choice(sums)} if sums else set())


def break_arithmetic(defect: str, values: dict[str, Number], template: str,
                     rng: random.Random) -> Injected:
    """Change printed numbers so that exactly one kind of sum fails."""
    d = rng.randint(1, 3)
    col = rng.choice(APPLICANTS[:2])
    if defect == "balance":  # 新收 grows, its row still adds up
        keys = [f"requests.new_received.{col}", "requests.new_received.total"]
    elif defect == "row-total":
        keys = [f"requests.{rng.choice(outcome_rows(template))}.total"]
    elif defect == "outcome-total":  # one outcome cell grows with its row total
        row = rng.choice(outcome_rows(template))
        keys = [f"requests.{row}.{col}", f"requests.{row}.total"]
    else:
        block = "review" if defect == "review-total" else rng.choice(REVIEW_BLOCKS[1:])
        keys = [f"{block}.total"]
    for key in keys:
        values[key] = values.get(key, 0) + d
    return Injected(defect, keys)


def mismatch_carry(values: dict[str, Number]) -> Injected:
    """上年结转 no longer equals last year's 结转下年度; 新收 shrinks so the balance holds."""
    col = "natural_person"
    d = 1 if values.get(f"requests.new_received.{col}", 0) >= 1 else -1
    if d < 0 and values.get(f"requests.carried_over.{col}", 0) < 1:
        d = 0
    for row, sign in (("carried_over", 1), ("new_received", -1)):
        for c in (col, "total"):
            values[f"requests.{row}.{c}"] = values.get(f"requests.{row}.{c}", 0) + sign * d
    return Injected("carry-mismatch", [f"requests.carried_over.{col}"] if d else [])


def blank_zeros(values: dict[str, Number], rng: random.Random) -> list[str]:
    """Leave most zero cells of the tables blank, as many agencies print them."""
    share = rng.uniform(0.3, 1.0)
    gone = [k for k, v in values.items() if v == 0 and rng.random() < share]
    for key in gone:
        del values[key]
    return gone


def totals_only(values: dict[str, Number]) -> list[str]:
    """Print only the 总计 cells of sections 三 and 四, as many small agencies do."""
    gone = [k for k in values if k.startswith(("requests.", "review.", "litigation"))
            and not k.endswith(".total")]
    for key in gone:
        del values[key]
    return gone


def add_typos(text: str, rng: random.Random) -> str:
    """One or two real-world typos in labels or headings."""
    for right, wrong in rng.sample(TYPOS, k=rng.randint(1, 2)):
        text = re.sub(right, wrong, text, count=1)
    return text
