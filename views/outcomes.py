"""办理结果: the outcome mix per district, and the reasons for refusing."""

import streamlit as st

from xxgk.ui.downloads import download_buttons
from xxgk.ui.page import chart, empty, filtered, filters

st.title("办理结果")
slug = filters().slug()
mix = filtered("outcome_mix")
if not empty(mix.dropna(subset=["n_requests"]), "办理结果"):
    shares = mix.dropna(subset=["share"])
    if shares.empty:
        st.info("所选范围内办理结果总计为 0，无法计算构成。")
    else:
        chart("outcome_shares", shares)
    download_buttons(mix, "办理结果构成", slug)
    reasons = filtered("refusal_reasons")
    if not empty(reasons.dropna(subset=["n_requests"]), "不予公开、无法提供或不予处理的申请"):
        chart("refusal_reasons", reasons)
        download_buttons(reasons, "原因", slug)
