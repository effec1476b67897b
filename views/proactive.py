"""主动公开: section 二 per format — 2019 and 2021 measure different things, so each format is
shown on its own and no line crosses the change."""

import streamlit as st

from xxgk.model import template_years, templates
from xxgk.ui.downloads import download_buttons
from xxgk.ui.page import chart, empty, filtered, filters

st.title("主动公开")
st.caption("2019 版格式（2019–2020 年度）统计“新制作/新公开/对外公开总数”，2021 版（2021 年度起）"
           "统计“制发/废止/现行有效”：两者口径不同，分开展示。")
data = filtered("proactive_by_year")
if not empty(data, "主动公开数据"):
    for template in reversed(list(templates())):  # the newest format first
        label = f"{template} 版格式"
        first, last = template_years(template)
        part = data[data.template == template]
        late = part[~part.year.between(first, last)]
        part = part[part.year.between(first, last)]
        if part.empty:
            continue
        st.subheader(label)
        items = sorted(part["item"].unique())
        names = {i: str(part[part["item"] == i].label_zh.iloc[0]).split(" × ")[0] for i in items}
        item = st.selectbox("项目", items, key=f"item_{template}", format_func=names.__getitem__)
        chosen = part[part["item"] == item]
        chart("proactive_series", chosen)
        if not late.empty:
            years = "、".join(str(y) for y in sorted(late.year.unique()))
            st.caption(f"{years} 年度仍按{label}填报的报告未画入：该格式用于 {first}"
                       + (f"–{last} 年度。" if last < 9999 else " 年度起。"))
        download_buttons(part, f"主动公开{template}版", filters().slug())
