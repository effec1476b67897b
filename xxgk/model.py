"""The key registry and the records every stage passes on.

Every number the product knows has a canonical key (``requests.granted.total``,
``review.corrected``, ``proactive.rules.issued`` …). The keys are read once, here, from
the spec CSVs shipped in ``xxgk/spec`` (copies of ../shared/spec, checked equal by a test);
every other module asks this one.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

SPEC_DIR = Path(__file__).with_name("spec")
TEMPLATES = ("2019", "2021")
# the report years each national format is for: a report in another year under a format (a late
# 2019-format report for 2022) is read, but not drawn into that format's series over years
TEMPLATE_YEARS = {"2019": (2019, 2020), "2021": (2021, 9999)}
SEVERITIES = ("error", "warning", "info")
ACTIONABLE = SEVERITIES[:2]  # what a supervisor acts on: errors and warnings, not info


@dataclass(frozen=True)
class KeyInfo:
    """One canonical key: where it lives, its Chinese label, and the formats that have it."""

    key: str
    section: int
    label_zh: str
    templates: frozenset[str]


@dataclass
class Finding:
    """A problem met while parsing or checking a report; never an exception."""

    rule: str
    severity: str
    message: str
    keys: list[str] = field(default_factory=list)
    where: str | None = None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "keys": list(self.keys), "where": self.where}


def _read_csv(name: str) -> list[dict[str, str]]:
    with (SPEC_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _templates(spec: str) -> frozenset[str]:
    return frozenset(t for t in TEMPLATES if t in spec)


@cache
def request_rows() -> tuple[tuple[str, frozenset[str], str], ...]:
    """(row, templates, label) of section 三, in the order the format prints them."""
    return tuple((r["row"], _templates(r["template"]), r["label_zh"])
                 for r in _read_csv("requests-rows.csv"))


def rows_of(template: str) -> list[str]:
    """The section-三 rows one format prints, in order."""
    return [row for row, templates, _ in request_rows() if template in templates]


def outcome_rows(template: str) -> list[str]:
    """The rows between 三、本年度办理结果 and （七）总计 whose sum （七） is."""
    rows = rows_of(template)
    return rows[rows.index("granted"):rows.index("outcome_total")]


@cache
def request_columns() -> tuple[tuple[str, str], ...]:
    """(col, label) of the seven applicant columns of section 三, in print order."""
    return tuple((r["col"], r["label_zh"]) for r in _read_csv("columns.csv")
                 if r["group"] == "requests")


@cache
def outcome_columns() -> tuple[tuple[str, str], ...]:
    """(col, label) of the five columns of each block of section 四, in print order."""
    return tuple((r["col"], r["label_zh"]) for r in _read_csv("columns.csv")
                 if r["group"] == "review/litigation")


REVIEW_BLOCKS = ("review", "litigation_direct", "litigation_after_review")
REVIEW_BLOCK_LABELS = {"review": "行政复议", "litigation_direct": "行政诉讼·未经复议直接起诉",
                       "litigation_after_review": "行政诉讼·复议后起诉"}


@cache
def registry() -> dict[str, KeyInfo]:
    """Every canonical key, expanded from the three spec CSVs, in report order."""
    keys: dict[str, KeyInfo] = {}
    for r in _read_csv("fields.csv"):
        if "<" not in r["key"]:
            keys[r["key"]] = KeyInfo(r["key"], int(r["section"]), r["label_zh"],
                                     _templates(r["template"]))
    for row, tpls, row_label in request_rows():
        for col, col_label in request_columns():
            key = f"requests.{row}.{col}"
            keys[key] = KeyInfo(key, 3, f"{row_label} × {col_label}", tpls)
    for block in REVIEW_BLOCKS:
        for col, col_label in outcome_columns():
            key = f"{block}.{col}"
            keys[key] = KeyInfo(key, 4, f"{REVIEW_BLOCK_LABELS[block]} × {col_label}",
                                frozenset(TEMPLATES))
    return keys


def keys_for(template: str, section: int | None = None) -> list[str]:
    """The keys a report of this format has, optionally of one section only."""
    return [k for k, info in registry().items()
            if template in info.templates and (section is None or info.section == section)]


def request_key(row: str, col: str) -> str:
    return f"requests.{row}.{col}"
