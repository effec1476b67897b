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


# Patterns of the archive's one-line text (issue 8), each written from the pattern.
_ONE_LINE_SECTIONS = ("标题云泽市青岚区水务局2022年政府信息公开工作年度报告 "
                      "一、总体情况 2022年，我局做了工作。"
                      "二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 {table} "
                      "四、政府信息公开行政复议、行政诉讼情况 "
                      "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计"
                      "{review} 五、存在的主要问题及改进情况 无。六、其他需要报告的事项 无。")


def _one_line(table: str = "", review: str = "000000000000000") -> dict:
    return parse_text(_ONE_LINE_SECTIONS.format(table=table, review=review))


def test_one_line_headings_after_a_space_are_found():
    record = _one_line()
    assert "missing-section" not in rules(record)
    assert record["narrative"]["overview"].startswith("2022年")


def test_one_line_title_with_a_field_name_names_the_agency():
    record = _one_line()
    assert (record["agency"], record["region"], record["year"]) == ("水务局", "青岚区", 2022)


def test_one_line_fifteen_zeros_of_section_four_are_fifteen_zeros():
    values = _one_line()["values"]
    assert [k for k, v in values.items() if k.startswith(("review.", "litigation"))] and all(
        v == 0 for k, v in values.items() if k.startswith(("review.", "litigation")))
    assert len([k for k in values if k.startswith(("review.", "litigation"))]) == 15


def test_carried_forward_row_is_no_section_four_heading():
    record = _one_line("一、本年新收政府信息公开申请数量3000003二、上年结转政府信息公开申请数量0000000"
                       "四、结转下年度继续办理3000003")
    assert record["values"]["requests.carried_forward.total"] == 3
    assert record["values"]["review.total"] == 0  # section 四 still found after it


def test_one_line_stray_space_inside_a_run_is_no_cell_boundary():
    table = "一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000" \
            "三、本年度办理结果（一）予以公开200000020（七）总计200000020四、结转下年度继续办理3000003"
    values = _one_line(table)["values"]
    assert [values[f"requests.new_received.{c}"] for c in ("natural_person", "commercial", "total")] \
        == [23, 0, 23]


def test_digits_run_into_the_next_rows_numbering():
    table = "（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开1000001"
    values = _one_line(table)["values"]
    assert values["requests.denied_state_secret.total"] == 0
    assert values["requests.denied_law_prohibited.total"] == 1


def test_a_sentence_naming_the_report_is_not_the_agency():
    text = ("本报告根据《中华人民共和国政府信息公开条例》和政府信息公开工作年度报告格式要求编制。\n"
            "一、总体情况\n2022年，我局做了工作。\n五、存在的主要问题及改进情况\n无。\n")
    assert parse_text(text)["agency"] is None
