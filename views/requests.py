"""申请量: requests by district and year, by agency (sortable), and the applicant mix."""

import streamlit as st

from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.page import chart, coverage, district_colors, empty, filtered, filters, incomplete_note

st.title("申请量")
slug = filters().slug()
by_district = filtered("requests_by_district_year")
if not empty(by_district, "申请数据"):
    cover = coverage()
    chart("requests_by_district", by_district, cover, district_colors())
    incomplete_note(cover)
    download_buttons(by_district, "区县申请量", slug)
    mix = filtered("applicant_mix")
    if not mix.empty:
        chart("applicant_mix", mix)
        download_buttons(mix, "申请人构成", slug)
    st.subheader("各机构（点击表头排序）")
    table(filtered("requests_by_agency_year"), "机构申请量", slug)
