"""对比: two to six agencies side by side on the same metrics."""

import streamlit as st

from xxgk.labels import METRICS as LABELS
from xxgk.ui.data import query
from xxgk.ui.downloads import table
from xxgk.ui.filters import agency_labels
from xxgk.ui.page import chart, empty, filter_query_string, filters, from_url, to_url

MAX_AGENCIES = 6
# the figures compared, named as 指标说明 names them (spec/metrics.csv)
COMPARED = ("n_new_requests", "substantive_rate", "unable_rate", "n_reviews",
            "review_correction_rate", "n_lawsuits")
METRICS = {m: LABELS[m]["name_zh"] for m in COMPARED}

st.title("机构对比")
f = filters()
options = query("filter_options")
options = options[options.synthetic == f.sample]  # the data the sidebar shows: real or sample
names = agency_labels(options)
if "compare_agencies" not in st.session_state:  # ?compare=a&compare=b, else the sidebar's agencies
    asked = [a for a in from_url("compare") if a in names] or list(f.agency_ids)
    st.session_state["compare_agencies"] = [a for a in asked if a in names][:MAX_AGENCIES]
st.session_state["compare_agencies"] = [a for a in st.session_state["compare_agencies"]
                                        if a in names]
chosen = st.multiselect("选择 2–6 个机构", list(names), format_func=lambda a: names[a],
                        max_selections=MAX_AGENCIES, key="compare_agencies")
to_url(compare=chosen)
if len(chosen) < 2:
    st.info("请至少选择两个机构进行对比。")
else:
    frame = query("compare_agencies", agency_ids=chosen, year_from=f.year_from, year_to=f.year_to,
                  sample=f.sample)
    if not empty(frame, "所选机构的报告"):
        if (wanted := from_url("metric")) and wanted[0] in METRICS:
            st.session_state["compare_metric"] = wanted[0]
        metric = st.radio("指标", list(METRICS), format_func=METRICS.get, horizontal=True,
                          key="compare_metric")
        to_url(metric=metric)
        chart("metric_lines", frame, metric, METRICS[metric])
        who = "、".join(names[a].split("（")[0] for a in chosen)
        table(frame, "机构对比", f"{who}-{f.year_from}-{f.year_to}", filter_query_string())
