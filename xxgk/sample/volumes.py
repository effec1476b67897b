"""Realistic numbers for one agency-year, consistent with the format's arithmetic and with the
year before (结转下年度 of N = 上年结转 of N+1).

Mixes follow template.md: natural persons file ~95–97% of requests, 科研机构 almost never; in
the 总计 column ~45% 予以公开, ~15% 部分公开, ~6% 不予公开, ~26% 无法提供 (mostly 不掌握),
~3% 不予处理, ~6% 其他; ~18% of reviews corrected.
"""

from __future__ import annotations

import math
import random

from xxgk.model import REVIEW_BLOCKS, keys_for, outcome_rows
from xxgk.sample.places import Agency
from xxgk.sample.values import APPLICANTS, request_values, review_values

APPLICANT_MIX = [0.955, 0.025, 0.001, 0.003, 0.012, 0.004]
OUTCOME_MIX = {
    "granted": 0.45, "partially_granted": 0.15, "denied_state_secret": 0.002,
    "denied_law_prohibited": 0.01, "denied_three_safeties": 0.004, "denied_third_party": 0.01,
    "denied_internal_affairs": 0.008, "denied_process_info": 0.01, "denied_enforcement_file": 0.008,
    "denied_inquiry": 0.008, "unable_not_held": 0.20, "unable_needs_creation": 0.04,
    "unable_unclear": 0.02, "rejected_petition": 0.012, "rejected_duplicate": 0.01,
    "rejected_publication": 0.002, "rejected_excessive": 0.003, "rejected_confirmation": 0.003,
    "other": 0.06, "other_overdue_correction": 0.03, "other_overdue_fee": 0.002, "other_misc": 0.028,
}
REVIEW_MIX = (0.60, 0.18, 0.12, 0.10)  # 维持, 纠正, 其他, 尚未审结
Number = int | float


def poisson(mean: float, rng: random.Random) -> int:
    """A Poisson draw (Knuth for small means, a rounded normal for large ones)."""
    if mean <= 0:
        return 0
    if mean > 40:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def multinomial(n: int, weights: list[float], rng: random.Random) -> list[int]:
    """n items spread over bins by weight."""
    counts = [0] * len(weights)
    for index in rng.choices(range(len(weights)), weights=weights, k=n):
        counts[index] += 1
    return counts


def requests_for(template: str, new_total: int, carried: dict[str, int],
                 rng: random.Random) -> dict[str, int]:
    """Section 三 for one year: new requests by applicant, ~3% carried forward, the rest
    spread over the outcome rows."""
    new = dict(zip(APPLICANTS, multinomial(new_total, APPLICANT_MIX, rng), strict=True))
    rows = outcome_rows(template)
    weights = [OUTCOME_MIX[r] for r in rows]
    cells: dict[tuple[str, str], int] = {}
    forward: dict[str, int] = {}
    for col in APPLICANTS:
        handled = new[col] + carried.get(col, 0)
        forward[col] = sum(rng.random() < 0.03 for _ in range(handled))
        for row, count in zip(rows, multinomial(handled - forward[col], weights, rng), strict=True):
            cells[(row, col)] = count
    return request_values(template, cells, carried, forward)


def review_for(agency: Agency, new_total: int, rng: random.Random) -> dict[str, int]:
    """Section 四: reviews and lawsuits in proportion to requests."""
    rate = 0.11 if agency.is_government else 0.05 if agency.kind == "部门" else 0.03
    reviews = poisson(new_total * rate, rng)
    direct = poisson(new_total * 0.012, rng)
    after = poisson(reviews * 0.1, rng)
    return review_values({block: tuple(multinomial(n, list(REVIEW_MIX), rng))
                          for block, n in zip(REVIEW_BLOCKS, (reviews, direct, after), strict=True)})


def proactive_for(agency: Agency, template: str, scale: float, rng: random.Random
                  ) -> dict[str, Number]:
    """Section 二: documents, licensing, penalties, enforcement, fees, by kind of agency."""
    busy = {"政府": 3.0, "部门": 1.0}.get(agency.kind, 0.15) * scale
    rules = agency.is_government and agency.level == "市"
    docs = poisson(3 * busy, rng)
    licensing, penalty = poisson(120 * busy, rng), poisson(60 * busy, rng)
    enforcement = poisson(8 * busy, rng)
    fees = round(rng.uniform(0, 300) * busy, 2) if rng.random() < 0.4 else 0
    if "proactive.rules.issued" in keys_for(template, 2):  # 制发/废止/现行有效 (2021 on)
        issued = poisson(1, rng) if rules else 0
        return {"proactive.rules.issued": issued, "proactive.rules.abolished": 0,
                "proactive.rules.in_force": issued + (10 if rules else 0),
                "proactive.normative_docs.issued": docs,
                "proactive.normative_docs.abolished": poisson(docs / 3, rng),
                "proactive.normative_docs.in_force": docs * 4 + poisson(5 * busy, rng),
                "proactive.licensing.decisions": licensing, "proactive.penalty.decisions": penalty,
                "proactive.enforcement.decisions": enforcement, "proactive.fees.amount_10k_yuan": fees}
    out: dict[str, Number] = {"proactive.rules.new_made": 0, "proactive.rules.new_published": 0,
                              "proactive.rules.total_published": 10 if rules else 0,
                              "proactive.normative_docs.new_made": docs,
                              "proactive.normative_docs.new_published": docs,
                              "proactive.normative_docs.total_published": docs * 4}
    for row, count in (("licensing", licensing), ("other_services", poisson(10 * busy, rng)),
                       ("penalty", penalty), ("enforcement", enforcement)):
        out |= {f"proactive.{row}.prev_items": poisson(20 * busy, rng),
                f"proactive.{row}.change": rng.randint(-2, 3) if busy > 0.5 else 0,
                f"proactive.{row}.decisions": count}
    out |= {"proactive.fees.prev_items": poisson(2 * busy, rng), "proactive.fees.change": 0,
            "proactive.procurement.items": poisson(4 * busy, rng),
            "proactive.procurement.amount": round(rng.uniform(0, 500) * busy, 2)}
    return out


def year_values(agency: Agency, template: str, trend: float, carried: dict[str, int],
                rng: random.Random) -> dict[str, Number]:
    """Every printed number of one report."""
    new_total = poisson(agency.requests_mean * trend, rng)
    values: dict[str, Number] = proactive_for(agency, template, trend, rng)
    values |= requests_for(template, new_total, carried, rng)
    values |= review_for(agency, new_total, rng)
    return values


def carried_forward(values: dict[str, Number]) -> dict[str, int]:
    """结转下年度 by applicant: next year's 上年结转."""
    return {c: int(values.get(f"requests.carried_forward.{c}", 0)) for c in APPLICANTS}
