"""Agency, region, year and publication date from titles, signatures and page chrome."""

import pytest

from xxgk.recognise.metadata import parse_date, read_metadata, split_region


@pytest.mark.parametrize(("name", "agency", "region"), [
    ("南岗区保健路街道办事处", "保健路街道办事处", "南岗区"),
    ("哈尔滨市南岗区保健路街道办事处", "保健路街道办事处", "南岗区"),
    ("淮安市人民政府", "淮安市人民政府", "淮安市"),
    ("南岗区市场监督管理局", "市场监督管理局", "南岗区"),
    ("新区街道办事处", "新区街道办事处", None),
    ("保健路街道办事处", "保健路街道办事处", None),
])
def test_split_region(name, agency, region):
    assert split_region(name) == (agency, region)


@pytest.mark.parametrize(("text", "iso"), [
    ("2021年1月28日", "2021-01-28"), ("2022年01月18日", "2022-01-18"),
    ("发布时间:2025-02-06", "2025-02-06"), ("二〇二一年一月二十八日", "2021-01-28"),
    ("2021 年 1 月 28 日", "2021-01-28"), ("2021年2月30日", None), ("无日期", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_title_split_over_two_lines_with_year_from_title():
    meta = read_metadata(["南岗区保健路街道办事处", "", "2020 年政府信息公开年度报告", "正文"])
    assert (meta.agency, meta.region, meta.year) == ("保健路街道办事处", "南岗区", 2020)


def test_title_without_year_takes_the_statistical_period():
    lines = ["松江县人民政府政府信息公开工作年度报告",
             "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"]
    assert read_metadata(lines).year == 2023


def test_no_title_takes_signature_and_opening_year():
    lines = ["一、总体情况", "2021年，我局认真落实条例。", "六、其他需要报告的事项", "无。",
             "道里区教育局", "2022年1月20日"]
    meta = read_metadata(lines, overview_first="2021年，我局认真落实条例。")
    assert (meta.agency, meta.region, meta.year, meta.published_on) == \
        ("教育局", "道里区", 2021, "2022-01-20")


def test_nothing_known_stays_none():
    meta = read_metadata(["一、总体情况", "我局认真落实条例。"])
    assert (meta.agency, meta.region, meta.year, meta.published_on) == (None, None, None, None)


def test_chrome_lines_are_no_title():
    meta = read_metadata(["首页 > 政务公开 > 政府信息公开年度报告",
                          "道外区民政局2022年政府信息公开工作年度报告"])
    assert (meta.agency, meta.year) == ("民政局", 2022)
