"""申请量: requests by district and year, by agency (sortable), and the applicant mix."""

import streamlit as st

from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.page import (
    chart,
    coverage,
    district_colors,
    empty,
    filter_query_string,
    filtered,
    filters,
    from_url,
    incomplete_note,
    to_url,
)

MAX_DISTRICT_BARS = 15  # districts drawn side by side, at most

st.title("申请量")
slug = filters().slug()
by_district = filtered("requests_by_district_year")
if not empty(by_district, "申请数据"):
    cover = coverage()
    drawn = by_district
    if by_district.district.nunique() > MAX_DISTRICT_BARS:  # a bar each would be unreadable
        totals = by_district.groupby("district").n_new_requests.sum()
        drawn = by_district[by_district.district.isin(totals.nlargest(MAX_DISTRICT_BARS).index)]
        st.caption(f"共 {totals.size} 个区县，图中为期间新收申请最多的 {MAX_DISTRICT_BARS} 个；"
                   "全部区县见下方下载，或在侧栏选择区县。")
    chart("requests_by_district", drawn, cover, district_colors())
    incomplete_note(cover)
    download_buttons(by_district, "区县申请量", slug)
    mix = filtered("applicant_mix")
    if not mix.empty:
        chart("applicant_mix", mix)
        download_buttons(mix, "申请人构成", slug)
    st.subheader("各机构")
    by_agency = filtered("requests_by_agency_year")
    orders = {"n_new_requests": "新收申请", "substantive_rate": "实质公开率",
              "unable_rate": "无法提供率"}
    if (wanted := from_url("sort")) and wanted[0] in orders:
        st.session_state["r_sort"] = wanted[0]
    left, right = st.columns([3, 1])
    order = left.radio("排序", list(orders), format_func=orders.get, horizontal=True,
                       key="r_sort")
    least = right.number_input("比率排序时，至少办结（件）", min_value=0, value=30, step=10,
                               key="r_min_n", disabled=order == "n_new_requests")
    to_url(sort=order if order != "n_new_requests" else None)
    if order != "n_new_requests":
        kept = by_agency[by_agency.n_handled.fillna(0) >= least]
        st.caption(f"按{orders[order]}排序，只列办结 {least} 件以上的机构年度"
                   f"（{len(kept)}/{len(by_agency)}）：件数少的比率波动大。")
        by_agency = kept
    table(by_agency.sort_values(order, ascending=False, na_position="last"), "机构申请量", slug,
          filter_query_string())
