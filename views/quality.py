"""数据质量: who has not filed, the findings in Chinese with how to fix them, the coverage grid,
the agencies with most errors."""

import streamlit as st

from xxgk.labels import RULE_ZH, SEVERITY_ZH, findings_for_people, with_rule_names, zh_columns
from xxgk.reviews import STATUSES, with_status
from xxgk.ui.data import reviews
from xxgk.ui.downloads import MAX_SHOWN_ROWS, download_buttons, for_display, table
from xxgk.ui.page import (
    chart,
    coverage,
    empty,
    filter_query_string,
    filtered,
    filters,
    for_year,
    from_url,
    to_url,
)
from xxgk.ui.placing import unplaced_section
from xxgk.ui.rectify import batch_button

MAX_GRID_AGENCIES = 300  # past this, coverage is shown per district, not per agency

st.title("数据质量")
f = filters()
slug = f.slug()

st.subheader("未报送名单")
years = list(range(f.year_to, f.year_from - 1, -1))
year = st.selectbox("年度", years, key="q_not_filed_year", format_func=lambda y: f"{y} 年度")
not_filed = for_year("not_filed", year)
if not_filed.empty:
    st.success(f"{year} 年度：名录中的机构都已报送，且按期发布、表格可读。")
else:
    counts = not_filed.problem.str.split("；").explode().str.split("：").str[0].value_counts()
    st.caption(f"{year} 年度，名录中（当前筛选范围内）：" + "，".join(
        f"{name} {n} 个" for name, n in counts.items()) + "。逾期指晚于次年 1 月 31 日发布。")
    shown = not_filed[["agency_label", "kind", "district", "problem", "published_on"]]
    table(shown, f"未报送名单{year}", slug)
batch_button(f, year)

unplaced_section(f, slug)

by_rule = filtered("findings_by_rule")
if not empty(by_rule, "报告"):
    st.subheader("按规则统计")
    table(with_rule_names(by_rule, explain=True), "问题统计", slug)
    choices = {"q_rules": ("rule", sorted(by_rule.rule.unique()), []),
               "q_severities": ("severity", list(SEVERITY_ZH), ["error"]),
               "q_statuses": ("status", list(STATUSES), [])}
    for key, (param, allowed, default) in choices.items():  # ?rule=…&severity=…&status=…
        if key not in st.session_state:
            st.session_state[key] = [v for v in from_url(param) if v in allowed] or default
        st.session_state[key] = [v for v in st.session_state[key] if v in allowed]
    rules = st.multiselect("规则", sorted(by_rule.rule.unique()), key="q_rules",
                           format_func=lambda r: RULE_ZH.get(r, r), placeholder="全部规则")
    severities = st.multiselect("严重程度", list(SEVERITY_ZH), format_func=lambda s: SEVERITY_ZH[s],
                                key="q_severities", placeholder="全部严重程度")
    statuses = st.multiselect("核实状态", list(STATUSES), key="q_statuses", placeholder="全部状态")
    to_url(rule=rules, severity=severities, status=statuses)
    found = with_status(filtered("findings_filtered", rules=rules, severities=severities),
                        reviews().latest(f.agency_ids, f.year_from, f.year_to))
    if statuses:
        found = found[found.review_status.isin(statuses)].reset_index(drop=True)
    st.subheader(f"问题明细（{len(found)} 条）")
    st.caption("点“打开”到该机构的档案：报告的表格、问题与来源文件。")
    people = findings_for_people(found)
    listed = found.head(MAX_SHOWN_ROWS)
    if len(found) > MAX_SHOWN_ROWS:
        st.caption(f"这里列出前 {MAX_SHOWN_ROWS:,} 条（错误在前）；全部 {len(found):,} 条请下载，"
                   "或在侧栏缩小范围。")
    shown = people.head(MAX_SHOWN_ROWS).assign(
        report_link="/agency?" + filter_query_string() + "&profile=" + listed.agency_id
        + "&profile_year=" + listed.year.astype(str))
    shown = shown[["report_link", *people.columns]]
    st.dataframe(for_display(shown).rename(columns=zh_columns(list(shown.columns))), hide_index=True,
                 width="stretch", column_config={"报告": st.column_config.LinkColumn(
                     "报告", display_text="打开")})
    download_buttons(people, "问题明细", slug)
    by_district = coverage()
    expected = int(by_district.groupby("district").n_expected.max().sum()) if len(by_district) else 0
    if expected > MAX_GRID_AGENCIES:  # one row per agency would be thousands of rows
        st.subheader("报告覆盖（区县 × 年度）")
        st.caption(f"名录中有 {expected:,} 个机构，逐个列出看不清：这里按区县显示已报送的比例；"
                   "在侧栏选一个区县，可看到其中每个机构每年的情况。")
        if not empty(by_district, "区县"):
            chart("coverage_districts", by_district)
            download_buttons(by_district, "报告覆盖", slug)
    else:
        st.subheader("报告覆盖（机构 × 年度）")
        agency_years = filtered("coverage_agency_year")
        if not empty(agency_years, "机构"):
            chart("coverage_grid", agency_years)
            download_buttons(agency_years.drop(columns=["report_id"]), "报告覆盖", slug)
    st.subheader("错误最多的机构")
    st.caption("按错误数排名；版式造成的警告不计入排名。")
    worst = filtered("agencies_most_problems")
    if not empty(worst, "有错误的报告"):
        table(worst, "错误最多的机构", slug)
