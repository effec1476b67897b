"""指标说明: what every figure of the dashboard is, its name in the SQL and the downloads, and
what a supervisor should read into it (xxgk/spec/metrics.csv; the KPI ⓘ links here)."""

import streamlit as st

from xxgk.labels import METRICS

st.title("指标说明")
st.caption("所有比率均按所选范围先合计分子、分母再相除，不是各报告比率的平均；分母不足 30 件时，"
           "图表中以灰色显示，仅供参考。")
for metric, row in METRICS.items():
    st.subheader(row["name_zh"], anchor=metric)
    st.markdown(f"**定义**：{row['definition_zh']}")
    st.markdown(f"**怎么看**：{row['reading_zh']}")
    base = METRICS.get(row["base"], {}).get("name_zh") if row["base"] else None
    st.caption(f"SQL 字段：`{metric}` · 计算：`{row['sql'].replace(';', ',')}`"
               + (f" · 样本量（n）：{base}（`{row['base']}`）" if base else
                  (f" · 样本量（n）：`{row['base']}`" if row["base"] else "")))
