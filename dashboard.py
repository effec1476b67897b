"""xxgk dashboard entry. Until the pages of the dashboard issue (#5) land, one overview of the
warehouse (built from the embedded sample on first run)."""

from __future__ import annotations

import streamlit as st

from xxgk.labels import zh_columns
from xxgk.ui.data import query

ALL = {"city": None, "districts": [], "kinds": [], "agency_ids": [], "year_from": 2019,
       "year_to": 2100}

st.set_page_config(page_title="xxgk 政府信息公开年报", layout="wide")
st.title("政府信息公开工作年度报告")
st.warning("当前显示的是样例数据（虚构的云泽市），不代表任何真实机构。")
kpis = query("kpis_by_year", **ALL)
if kpis.empty:
    st.info("数据仓库中还没有报告：用 `python -m xxgk ingest 文件夹` 导入。")
else:
    st.subheader("逐年概况")
    st.dataframe(kpis.rename(columns=zh_columns(list(kpis.columns))), hide_index=True)
