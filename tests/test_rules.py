"""Reports that break each rule of the format on purpose: the finding must appear, and a
correct report raises none."""

import random

import pytest

from tests.conftest import parse_text, rules
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.values import random_values
from xxgk.validate import Report, check_arithmetic


def _record(template="2021", year=2022, published="2023-01-25", layout="T1", **changes):
    values = random_values(template, random.Random(7))
    for key, delta in changes.items():
        values[key.replace("__", ".")] += delta
    spec = ReportSpec("文化局", "东湖区", year, template, values, published)
    return parse_text(render_text(spec, layout, random.Random(1)))


def _finding(record, rule):
    return [f for f in record["findings"] if f["rule"] == rule]


def test_correct_report_has_no_findings():
    assert _record()["findings"] == []


def test_request_balance_broken():
    record = _record(requests__new_received__natural_person=1, requests__new_received__total=1)
    found = _finding(record, "request-balance")
    assert {f["severity"] for f in found} == {"error"}
    assert len(found) == 2  # the 自然人 column and the 总计 column
    assert "requests.carried_forward.total" in found[-1]["keys"]
    assert found[0]["where"].startswith("line ")


def test_row_total_broken():
    record = _record(requests__granted__total=2)
    found = _finding(record, "row-total")
    assert len(found) == 1 and found[0]["severity"] == "error"
    assert found[0]["keys"][0] == "requests.granted.total"


def test_outcome_total_broken():
    record = _record(requests__denied_inquiry__commercial=1, requests__denied_inquiry__total=1)
    found = _finding(record, "outcome-total")
    assert {tuple(f["keys"][:1]) for f in found} == {("requests.outcome_total.commercial",),
                                                      ("requests.outcome_total.total",)}


@pytest.mark.parametrize(("key", "rule"), [("review__total", "review-total"),
                                           ("litigation_direct__total", "litigation-total"),
                                           ("litigation_after_review__pending", "litigation-total")])
def test_review_and_litigation_totals_broken(key, rule):
    record = _record(**{key: 1})
    assert _finding(record, rule)[0]["severity"] == "error"


def test_template_year():
    assert "template-year" in rules(_record(template="2019", year=2022), "warning")
    assert "template-year" in rules(_record(template="2021", year=2020, published="2021-01-20"))
    assert "template-year" not in rules(_record(template="2019", year=2020, published="2021-01-20"))


def test_publication_date_inside_report_year():
    assert "publication-date" in rules(_record(published="2022-12-30"))


def test_negative_count():
    record = _record(requests__carried_over__natural_person=-9, requests__carried_over__total=-9,
                     requests__new_received__natural_person=9, requests__new_received__total=9)
    assert "negative-count" in rules(record, "error")


def test_blank_cells_make_a_rule_say_so_not_fail():
    values = {"review.maintained": 1, "review.corrected": 1, "review.total": 2}
    found = check_arithmetic(Report(values, "2021"))
    assert [(f.rule, f.severity) for f in found] == [("review-total", "info")]
    values["review.total"] = 3
    found = check_arithmetic(Report(values, "2021"))
    assert [(f.rule, f.severity) for f in found] == [("review-total", "warning")]


def test_unreadable_cells_skip_the_rule():
    values = {"review.maintained": 1, "review.total": 5}
    assert check_arithmetic(Report(values, "2021", unreadable={"review.corrected"})) == []
