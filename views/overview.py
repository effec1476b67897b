"""总览: KPI cards with year-over-year change, the request trend, the busiest agencies."""

import streamlit as st

from xxgk.labels import metric_help
from xxgk.ui import charts
from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.page import chart, coverage, empty, filtered, filters, for_year, incomplete_note, rate_text

st.title("总览")
kpis = filtered("kpis_by_year")
if not empty(kpis, "报告"):
    last = kpis.iloc[-1]
    prev = kpis.iloc[-2] if len(kpis) > 1 else None
    st.caption(f"{int(last.year)} 年度" + (f"，与 {int(prev.year)} 年度相比" if prev is not None else ""))

    def rate(cell, label: str, metric: str, value, n, what: str) -> None:
        """A rate with its n under it, greyed (and said so) below 30 cases."""
        text, small = rate_text(value, n)
        cell.metric(label, text.replace("（样本少）", ""), help=metric_help(metric))
        count = 0 if n is None or n != n else int(n)
        cell.caption(f":gray[n = {count:,} 件{what}，不足 30 件，仅供参考]" if small
                      else f"n = {count:,} 件{what}")

    def delta(column: str) -> str | None:
        if prev is None:
            return None
        return f"{float(last[column] or 0) - float(prev[column] or 0):+,.0f}"

    top, bottom = st.columns(4), st.columns(4)
    top[0].metric("报告数", int(last.n_reports), delta("n_reports"), help=metric_help("n_reports"))
    top[1].metric("机构数", int(last.n_agencies), delta("n_agencies"), help=metric_help("n_agencies"))
    top[2].metric("新收申请（件）", f"{last.n_new_requests or 0:,.0f}", delta("n_new_requests"),
                  help=metric_help("n_new_requests"))
    rate(top[3], "实质公开率", "substantive_rate", last.substantive_rate, last.n_handled, "办结")
    bottom[0].metric("行政复议（件）", f"{last.n_reviews or 0:,.0f}", delta("n_reviews"),
                     help=metric_help("n_reviews"))
    rate(bottom[1], "复议纠错率", "review_correction_rate", last.review_correction_rate,
         last.n_reviews, "复议")
    bottom[2].metric("行政诉讼（件）", f"{last.n_lawsuits or 0:,.0f}", delta("n_lawsuits"),
                     help=metric_help("n_lawsuits"))
    bottom[3].metric("有错误的报告", int(last.n_reports_with_errors), delta("n_reports_with_errors"),
                     delta_color="inverse", help=metric_help("n_reports_with_errors"))
    cover = coverage()
    chart("requests_trend", kpis, charts.coverage_by_year(cover))
    incomplete_note(cover)
    download_buttons(kpis, "逐年概况", filters().slug())
    st.subheader(f"{int(last.year)} 年新收申请最多的机构")
    ranking = for_year("rankings_yoy", int(last.year)).head(15)
    if not empty(ranking, "机构"):
        table(ranking, "机构排名", filters().slug())
