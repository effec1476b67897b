"""Bugs and quirks met on the way, each with a small fixture named after it."""

import random

from tests.conftest import parse_text, rules
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.values import random_values


def _report(template="2021", **kw) -> tuple[ReportSpec, str]:
    year = 2022 if template == "2021" else 2020
    spec = ReportSpec("农业农村局", "南岗区", year, template,
                      random_values(template, random.Random(11)), f"{year + 1}-01-10", **kw)
    return spec, render_text(spec, "T1", random.Random(2))


def test_prose_before_a_table_is_not_taken_for_a_row():
    spec, text = _report()
    text = text.replace("二、主动公开政府信息情况\n",
                        "二、主动公开政府信息情况\n本年度主动公开规章 0 件，行政许可 3 项。\n")
    text = text.replace("三、收到和处理政府信息公开申请情况\n",
                        "三、收到和处理政府信息公开申请情况\n本年新收申请 15 件，上年结转 2 件。\n")
    assert parse_text(text)["values"] == spec.values


def test_page_numbers_inside_a_table_are_dropped():
    spec, text = _report()
    text = text.replace("（四）无法提供", "- 4 -\n（四）无法提供")
    text = text.replace("2.重复申请", "第 5 页\n2.重复申请")
    assert parse_text(text)["values"] == spec.values


def test_a_row_with_a_number_too_many_is_left_out_with_a_finding():
    _, text = _report()
    line = next(x for x in text.splitlines() if "2.重复申请" in x)
    text = text.replace(line, line + "\t9")
    record = parse_text(text)
    assert not any(k.startswith("requests.rejected_duplicate.") for k in record["values"])
    assert "unreadable-cell" in rules(record, "warning")


def test_missing_row_is_named():
    _, text = _report()
    line = next(x for x in text.splitlines() if "行政查询事项" in x)
    record = parse_text(text.replace(line + "\n", ""))
    found = [f for f in record["findings"] if f["rule"] == "missing-row"]
    assert found and "requests.denied_inquiry.total" in found[0]["keys"]
    assert "requests.denied_inquiry.total" not in record["values"]


def test_wrong_template_version_after_2021_is_flagged():
    spec = ReportSpec("农业农村局", "南岗区", 2023, "2019",
                      random_values("2019", random.Random(3)), "2024-01-10")
    record = parse_text(render_text(spec, "T2", random.Random(1)))
    assert record["values"] == spec.values
    assert "template-year" in rules(record, "warning")


def test_sections_signals_disagreeing_is_a_finding():
    spec21 = ReportSpec("农业农村局", "南岗区", 2022, "2021", random_values("2021", random.Random(1)))
    spec19 = ReportSpec("农业农村局", "南岗区", 2022, "2019", random_values("2019", random.Random(1)))
    text21 = render_text(spec21, "T1")
    text19 = render_text(spec19, "T1")
    mixed = text21.split("三、收到")[0] + "三、收到" + text19.split("三、收到")[1]
    record = parse_text(mixed)
    assert "template-conflict" in rules(record, "warning")
    assert record["template"] == "2021"


def test_numbers_of_an_unreadable_row_never_go_to_the_row_above():
    _, text = _report()
    lines = text.splitlines()
    partial = next(i for i, x in enumerate(lines) if "部分公开" in x)
    secret = next(i for i, x in enumerate(lines) if "国家秘密" in x)
    lines[partial] = "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）"  # printed blank
    lines[secret] = "\t（三）不予公开\t1.XXXXXXXX\t5\t0\t0\t0\t0\t0\t5"  # a label nobody can read
    record = parse_text("\n".join(lines))
    assert not any(k.startswith("requests.partially_granted.") for k in record["values"])
    assert "missing-row" in rules(record, "warning")


def test_a_parser_bug_becomes_a_finding_not_a_crash(monkeypatch):
    import xxgk.parse as parse

    def broken(*_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(parse, "find_sections", broken)
    record = parse_text("一、总体情况\n")
    assert record["values"] == {}
    assert [(f["rule"], f["severity"]) for f in record["findings"]] == [("parser-error", "error")]
