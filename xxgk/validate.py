"""The format's own arithmetic, as pure functions from a parsed report to findings. No I/O.

A rule that meets a blank cell reads it as 0 and says so: a sum that holds that way is an info
finding, one that does not is a warning (blank is not proof of an error); a sum that fails with
every cell printed is an error. Cells the parser could not read (``unreadable``) make a check
impossible, and it is skipped (the parser already said why).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from xxgk.model import Equation, Finding, equations, registry, request_columns, template_for_year

Number = int | float
APPLICANT_LABELS = dict(request_columns())
_SIGNED = (".change",)


@dataclass
class Report:
    """What validate needs of a parsed report."""

    values: Mapping[str, Number]
    template: str | None = None
    year: int | None = None
    published_on: str | None = None
    unreadable: set[str] = field(default_factory=set)
    where: Mapping[str, str] = field(default_factory=dict)


def _run_check(check: Equation, report: Report) -> tuple[str, Finding | None, list[str]]:
    """('ok'|'blank-ok'|'skip'|'fail', finding, blank keys)."""
    keys = list(check.keys)
    if any(k in report.unreadable for k in keys):
        return "skip", None, []
    blanks = [k for k in keys if k not in report.values]
    if len(blanks) == len(keys):
        return "skip", None, []
    left = sum(report.values.get(k, 0) for k in check.left)
    right = sum(report.values.get(k, 0) for k in check.right)
    if left == right:
        return ("blank-ok" if blanks else "ok"), None, blanks
    severity = "warning" if blanks else "error"
    note = f"（空白单元格按 0 计：{len(blanks)} 个）" if blanks else ""
    where = next((report.where[k] for k in keys if k in report.where), None)
    message = f"{check.left_zh} ({left}) ≠ {check.right_zh} ({right})，{check.label}{note}"
    return "fail", Finding(check.rule, severity, message, keys, where), blanks


def check_arithmetic(report: Report) -> list[Finding]:
    """Every single-report sum rule of template.md; blank-only passes summed into one info."""
    if report.template is None:
        return []
    findings: list[Finding] = []
    blank_ok: dict[str, list[str]] = {}
    for check in equations(report.template):
        status, finding, blanks = _run_check(check, report)
        if finding:
            findings.append(finding)
        elif status == "blank-ok":
            blank_ok.setdefault(check.rule, []).extend(blanks)
    for rule, blanks in blank_ok.items():
        keys = sorted(set(blanks))
        findings.append(Finding(rule, "info", f"含空白单元格，按 0 计算后相符（{len(keys)} 个空白）",
                                keys, None))
    return findings


def check_counts(report: Report) -> list[Finding]:
    """Counts are non-negative; only 本年增/减 is signed."""
    bad = [k for k, v in report.values.items()
           if v < 0 and not k.endswith(_SIGNED)]
    names = {k: registry()[k].label_zh if k in registry() else k for k in bad}
    return [Finding("negative-count", "error", f"计数不应为负：{names[k]} = {report.values[k]}", [k],
                    report.where.get(k)) for k in bad]


def check_template_year(report: Report) -> list[Finding]:
    """A report uses the format of its year (templates.toml: 2019–2020 the 2019 format, 2021 on
    the 2021 format)."""
    if report.template is None or report.year is None:
        return []
    expected = template_for_year(report.year)
    if expected is None or report.template == expected:
        return []
    return [Finding("template-year", "warning",
                    f"{report.year} 年度报告应使用 {expected} 版格式，实为 {report.template} 版",
                    [], None)]


def check_publication_date(report: Report) -> list[Finding]:
    """A report for year N is published in N+1 or later; a date inside year N is wrong."""
    if report.year is None or report.published_on is None:
        return []
    published = date.fromisoformat(report.published_on)
    if published.year > report.year:
        return []
    return [Finding("publication-date", "warning",
                    f"发布日期 {report.published_on} 不晚于报告年度 {report.year} 年末", [], None)]


def validate(report: Report) -> list[Finding]:
    """All single-report rules, in a stable order."""
    return (check_arithmetic(report) + check_counts(report) + check_template_year(report)
            + check_publication_date(report))


# Cross-year rules: an agency's report and the one of the year before (issue #4).
DEFAULT_COPY_SIMILARITY = 90.0
CARRY_COLUMNS = list(APPLICANT_LABELS)


def check_carry_continuity(year: int, values: Mapping[str, Number], prev_year: int,
                           prev_values: Mapping[str, Number]) -> list[Finding]:
    """上年结转 of year N = 结转下年度 of year N−1, column by column (a warning: corrections
    happen). Only consecutive years, and only cells both reports print."""
    if prev_year != year - 1:
        return []
    bad = []
    for col in CARRY_COLUMNS:
        now, before = f"requests.carried_over.{col}", f"requests.carried_forward.{col}"
        if now in values and before in prev_values and values[now] != prev_values[before]:
            bad.append(f"{APPLICANT_LABELS[col]} {prev_values[before]:g}→{values[now]:g}")
    if not bad:
        return []
    keys = [f"requests.carried_over.{c}" for c in CARRY_COLUMNS]
    return [Finding("carry-continuity", "warning",
                    f"上年结转与 {prev_year} 年报告的结转下年度不一致：{'；'.join(bad)}", keys, None)]


def check_copied_narrative(text: str, prev_text: str, prev_year: int,
                           threshold: float = DEFAULT_COPY_SIMILARITY) -> list[Finding]:
    """Narrative (nearly) identical to the agency's previous report."""
    from rapidfuzz import fuzz

    if len(text) < 40 or len(prev_text) < 40:
        return []
    score = fuzz.ratio(text, prev_text)
    if score < threshold:
        return []
    return [Finding("copied-narrative", "warning",
                    f"叙述部分与 {prev_year} 年报告的相似度为 {score:.0f}%", [], None)]


def publication_deadline(year: int, is_government: bool) -> date:
    """31 January of the next year; 31 March for a county-or-higher government's own report."""
    return date(year + 1, 3 if is_government else 1, 31)


def check_late_publication(year: int | None, published_on: str | None,
                           is_government: bool) -> list[Finding]:
    if year is None or published_on is None:
        return []
    due = publication_deadline(year, is_government)
    published = date.fromisoformat(published_on)
    if published <= due:
        return []
    return [Finding("late-publication", "warning",
                    f"发布日期 {published_on} 晚于期限 {due.isoformat()}（逾期 {(published - due).days} 天）",
                    [], None)]
