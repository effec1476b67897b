"""对比: two to six agencies side by side on the same metrics."""

import streamlit as st

from xxgk.ui.data import query
from xxgk.ui.downloads import table
from xxgk.ui.filters import agency_labels
from xxgk.ui.page import chart, empty, filters

MAX_AGENCIES = 6
METRICS = {"n_new_requests": "新收申请", "substantive_rate": "实质公开率", "unable_rate": "无法提供率",
           "n_reviews": "行政复议", "review_correction_rate": "复议纠错率", "n_lawsuits": "行政诉讼"}

st.title("机构对比")
f = filters()
options = query("filter_options")
options = options[options.synthetic == f.sample]  # the data the sidebar shows: real or sample
names = agency_labels(options)
default = [a for a in f.agency_ids if a in names][:MAX_AGENCIES]
chosen = st.multiselect("选择 2–6 个机构", list(names), default=default, format_func=names.get,
                        max_selections=MAX_AGENCIES, key="compare_agencies")
if len(chosen) < 2:
    st.info("请至少选择两个机构进行对比。")
else:
    frame = query("compare_agencies", agency_ids=chosen, year_from=f.year_from, year_to=f.year_to,
                  sample=f.sample)
    if not empty(frame, "所选机构的报告"):
        metric = st.radio("指标", list(METRICS), format_func=METRICS.get, horizontal=True)
        chart("metric_lines", frame, metric, METRICS[metric])
        table(frame, "机构对比", f"{len(chosen)}机构-{f.year_from}-{f.year_to}")
