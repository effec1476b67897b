"""复议诉讼: reviews and lawsuits by year and outcome, correction rates, most corrected agencies."""

import streamlit as st

from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.page import chart, coverage, empty, filtered, filters, incomplete_note

st.title("行政复议与行政诉讼")
slug = filters().slug()
blocks = filtered("review_litigation_by_year")
if not empty(blocks, "复议或诉讼数据"):
    chart("review_outcomes", blocks)
    incomplete_note(coverage())
    chart("correction_rates", blocks)
    st.caption("纠错率 = 结果纠正 ÷ (结果维持 + 结果纠正 + 其他结果)，尚未审结不计。")
    download_buttons(blocks, "复议诉讼", slug)
    st.subheader("被纠错最多的机构")
    corrected = filtered("agencies_most_corrected")
    if not empty(corrected, "被纠错的案件"):
        table(corrected, "被纠错机构", slug)
