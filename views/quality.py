"""数据质量: findings by rule and severity, the coverage grid, the agencies with most problems."""

import streamlit as st

from xxgk.labels import SEVERITY_ZH, with_rule_names, zh_columns
from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.page import chart, empty, filtered, filters

st.title("数据质量")
slug = filters().slug()
by_rule = filtered("findings_by_rule")
if not empty(by_rule, "报告"):
    st.subheader("按规则统计")
    table(with_rule_names(by_rule), "问题统计", slug)
    rules = st.multiselect("规则", sorted(by_rule.rule.unique()), key="q_rules", placeholder="全部规则")
    severities = st.multiselect("严重程度", list(SEVERITY_ZH), default=["error"],
                                format_func=SEVERITY_ZH.get, key="q_severities")
    found = filtered("findings_filtered", rules=rules, severities=severities)
    st.subheader(f"问题明细（{len(found)} 条）")
    st.caption("点“打开”到该机构的档案：报告的表格、问题与来源文件。")
    shown = with_rule_names(found.drop(columns=["keys"]))
    shown.insert(0, "link", "/agency?agency=" + shown.agency_id + "&from=" + shown.year.astype(str)
                 + "&to=" + shown.year.astype(str))
    st.dataframe(shown.rename(columns=zh_columns(list(shown.columns))), hide_index=True,
                 width="stretch", column_config={"link": st.column_config.LinkColumn(
                     "报告", display_text="打开")})
    download_buttons(found.drop(columns=["keys"]), "问题明细", slug)
    st.subheader("报告覆盖（机构 × 年度）")
    coverage = filtered("coverage_agency_year")
    if not empty(coverage, "机构"):
        chart("coverage_grid", coverage)
        download_buttons(coverage, "报告覆盖", slug)
    st.subheader("问题最多的机构")
    worst = filtered("agencies_most_problems")
    if not empty(worst, "有问题的报告"):
        table(worst, "问题最多的机构", slug)
