"""DataFrame → Plotly figure, pure (testable without a browser). The same outcome has the same
colour on every chart, and a district keeps its colour whatever the filter. A count whose year
lacks reports the registry expects is hatched and says how many came (报告 8/10); a line leaves
a gap for a year without a number instead of bridging it; a rate from fewer than 30 cases is
drawn grey."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from xxgk.labels import APPLICANT_ZH, BLOCK_ZH, OUTCOME_ZH, RATE_BASE, agency_labels_of

OUTCOME_COLORS = {"予以公开": "#2e7d32", "部分公开": "#81c784", "不予公开": "#c62828",
                  "无法提供": "#f9a825", "不予处理": "#6d4c41", "其他处理": "#90a4ae"}
# 结果纠正 is where the agency lost: red; the rest in quiet tones.
RESULT_COLORS = {"结果维持": "#5c7cfa", "结果纠正": "#c62828", "其他结果": "#adb5bd", "尚未审结": "#e9ecef"}
STATUS_ZH = {"published": "按时发布", "late": "逾期发布", "with errors": "有错误", "missing": "缺失"}
STATUS_COLORS = {"按时发布": "#2e7d32", "逾期发布": "#f9a825", "有错误": "#c62828", "缺失": "#bdbdbd"}


SMALL_N = 30  # a rate from fewer cases is drawn grey (and said so in the hover)
GREY = "#b0b0b0"
INCOMPLETE_PATTERN = "/"
INCOMPLETE_NOTE = "斜线：该年有应报机构未报送，数字偏低"
PALETTE = px.colors.qualitative.Safe + px.colors.qualitative.Vivid + px.colors.qualitative.Pastel


def district_colors(districts: list[str]) -> dict[str, str]:
    """One colour per district of the whole warehouse (not of the filter), in name order, so a
    district keeps its colour when others are filtered out."""
    return {d: PALETTE[i % len(PALETTE)] for i, d in enumerate(sorted(set(districts)))}


def coverage_by_year(coverage: pd.DataFrame) -> pd.DataFrame:
    """coverage_by_district_year summed over districts: year, n_expected, n_registry_reports."""
    return coverage.groupby("year", as_index=False)[["n_expected", "n_reports",
                                                      "n_registry_reports"]].sum()


def _coverage_columns(frame: pd.DataFrame) -> pd.DataFrame:
    incomplete = frame.n_registry_reports < frame.n_expected
    text = ("报告 " + frame.n_registry_reports.astype(int).astype(str) + "/"
            + frame.n_expected.astype(int).astype(str) + " 份")
    return frame.assign(incomplete=incomplete, coverage_text=text.where(
        frame.n_expected > 0, "名录中无应报机构"))


def _hatch(fig: go.Figure, frame: pd.DataFrame, by: str | None = None) -> go.Figure:
    """Hatch the bars of incomplete years (each trace's points in the frame's order)."""
    for trace in fig.data:
        part = frame if by is None else frame[frame[by] == trace.name]
        shapes = [INCOMPLETE_PATTERN if v else "" for v in part.incomplete]
        trace.marker.pattern = dict(shape=shapes, solidity=0.35)
    if frame.incomplete.any():
        _note(fig, INCOMPLETE_NOTE)
    return fig


def _gaps(frame: pd.DataFrame, series: str | list[str]) -> pd.DataFrame:
    """Every year from the first to the last for each series, NaN where it has no number: a
    line stops there instead of bridging the missing year."""
    if frame.empty:
        return frame
    keys = [series] if isinstance(series, str) else list(series)
    years = range(int(frame.year.min()), int(frame.year.max()) + 1)
    grid = frame[keys].drop_duplicates().merge(pd.DataFrame({"year": years}), how="cross")
    return grid.merge(frame, on=[*keys, "year"], how="left").sort_values([*keys, "year"])


def _note(fig: go.Figure, text: str) -> go.Figure:
    """A small grey line above the plot's top right saying how to read a mark."""
    fig.add_annotation(text=text, xref="paper", yref="paper", x=1, y=1.08, showarrow=False,
                       font=dict(size=11, color="#666"), xanchor="right")
    return fig


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      font=dict(family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"))
    return fig


def requests_trend(frame: pd.DataFrame, coverage: pd.DataFrame) -> go.Figure:
    """New requests per year (kpis_by_year); under each year how many expected reports came
    (coverage_by_year), incomplete years hatched."""
    data = _coverage_columns(frame.merge(coverage, on="year", how="left").fillna(
        {"n_expected": 0, "n_reports": 0, "n_registry_reports": 0}))
    fig = px.bar(data, x="year", y="n_new_requests", custom_data=["coverage_text"],
                 labels={"year": "年度", "n_new_requests": "新收申请"})
    fig.update_traces(hovertemplate="%{x} 年度<br>新收申请 %{y:,.0f} 件<br>%{customdata[0]}"
                                    "<extra></extra>")
    _hatch(fig, data)
    fig.update_xaxes(tickmode="array", tickvals=data.year.tolist(),
                     ticktext=[f"{y}<br><span style='font-size:10px'>{t}</span>"
                               for y, t in zip(data.year, data.coverage_text, strict=True)])
    return _layout(fig, "本年新收政府信息公开申请（件）")


def requests_by_district(frame: pd.DataFrame, coverage: pd.DataFrame,
                         colors: dict[str, str]) -> go.Figure:
    """New requests by district and year (requests_by_district_year), each district in its own
    colour; a bar whose district lacks expected reports that year is hatched."""
    data = _coverage_columns(frame.merge(coverage, on=["district", "year"], how="left").fillna(
        {"n_expected": 0, "n_reports": 0, "n_registry_reports": 0}))
    data = data.sort_values(["district", "year"])
    fig = px.bar(data, x="year", y="n_new_requests", color="district", barmode="group",
                 color_discrete_map=colors, custom_data=["district", "coverage_text"],
                 category_orders={"district": sorted(data.district.unique())},
                 labels={"year": "年度", "n_new_requests": "新收申请", "district": "区县"})
    fig.update_traces(hovertemplate="%{customdata[0]} · %{x} 年度<br>新收申请 %{y:,.0f} 件<br>"
                                    "%{customdata[1]}<extra></extra>")
    _hatch(fig, data, "district")
    fig.update_xaxes(dtick=1)
    return _layout(fig, "各区县新收申请")


def applicant_mix(frame: pd.DataFrame) -> go.Figure:
    data = frame.assign(applicant=frame.applicant.map(APPLICANT_ZH).fillna(frame.applicant))
    fig = px.bar(data, x="year", y="n_requests", color="applicant",
                 labels={"year": "年度", "n_requests": "申请数", "applicant": "申请人"})
    fig.update_xaxes(dtick=1)
    return _layout(fig, "申请人构成")


def outcome_shares(frame: pd.DataFrame) -> go.Figure:
    """100% stacked bars of the six outcome groups per district (outcome_mix), each district
    named with its n; a district with fewer than 30 handled requests is drawn faint."""
    n = frame.groupby("district").n_requests.transform("sum")
    data = frame.assign(outcome=frame.outcome.map(OUTCOME_ZH), share=frame.share * 100, n=n,
                        district_n=frame.district + "（n=" + n.fillna(0).astype(int).map(
                            "{:,}".format).astype(str) + "）")
    fig = px.bar(data, y="district_n", x="share", color="outcome", orientation="h",
                 color_discrete_map=OUTCOME_COLORS, category_orders={"outcome": list(OUTCOME_COLORS)},
                 custom_data=["n_requests"],
                 labels={"share": "占比（%）", "district_n": "区县", "outcome": "办理结果"})
    fig.update_traces(hovertemplate="%{y}<br>%{x:.1f}%（%{customdata[0]:,.0f} 件）<extra></extra>")
    for trace in fig.data:
        part = data[data.outcome == trace.name]
        trace.marker.opacity = [0.3 if v < SMALL_N else 1.0 for v in part.n.fillna(0)]
    if (data.n.fillna(0) < SMALL_N).any():
        _note(fig, f"浅色：办结不足 {SMALL_N} 件，构成不稳定")
    fig.update_layout(barmode="stack", xaxis_range=[0, 100])
    return _layout(fig, "办理结果构成")


def refusal_reasons(frame: pd.DataFrame) -> go.Figure:
    group = {"denied": "不予公开", "unable": "无法提供", "rejected": "不予处理"}
    data = frame.assign(group=frame.outcome.map(group),
                        reason_zh=frame.reason_zh.fillna(frame.reason).str.split(" × ").str[0])
    fig = px.bar(data, x="n_requests", y="reason_zh", color="group", orientation="h",
                 color_discrete_map=OUTCOME_COLORS,
                 labels={"n_requests": "件数", "reason_zh": "原因", "group": "办理结果"})
    fig.update_yaxes(categoryorder="total ascending")
    return _layout(fig, "不予公开、无法提供、不予处理的原因")


def review_outcomes(frame: pd.DataFrame) -> go.Figure:
    """Reviews and lawsuits by year and outcome (review_litigation_by_year)."""
    long = frame.melt(id_vars=["year", "block"], value_vars=["n_maintained", "n_corrected",
                                                             "n_other", "n_pending"],
                      var_name="result", value_name="n")
    names = {"n_maintained": "结果维持", "n_corrected": "结果纠正", "n_other": "其他结果",
             "n_pending": "尚未审结"}
    long = long.assign(result=long.result.map(names), block=long.block.map(BLOCK_ZH))
    fig = px.bar(long, x="year", y="n", color="result", facet_col="block",
                 color_discrete_map=RESULT_COLORS,
                 category_orders={"block": list(BLOCK_ZH.values()), "result": list(RESULT_COLORS)},
                 labels={"year": "年度", "n": "件数", "result": "结果", "block": "类别"})
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.update_xaxes(dtick=1)
    return _layout(fig, "行政复议与行政诉讼")


def _grey_small(fig: go.Figure, frame: pd.DataFrame, by: str) -> go.Figure:
    """Markers of points from fewer than SMALL_N cases grey (each trace's points in order)."""
    for trace in fig.data:
        part = frame[frame[by] == trace.name]
        trace.marker.color = [GREY if (pd.isna(n) or n < SMALL_N) else trace.line.color
                              for n in part.n]
        trace.marker.size = 9
    return _note(fig, f"灰色点：不足 {SMALL_N} 件，比率不稳定")


def correction_rates(frame: pd.DataFrame) -> go.Figure:
    """纠错率 per block and year, a gap where a year has no decided case, grey from < 30."""
    data = frame.assign(block=frame.block.map(BLOCK_ZH),
                        n=frame.n_maintained.fillna(0) + frame.n_corrected.fillna(0)
                        + frame.n_other.fillna(0))
    data = _gaps(data, "block")
    fig = px.line(data, x="year", y="correction_rate", color="block", markers=True,
                  category_orders={"block": list(BLOCK_ZH.values())}, custom_data=["n"],
                  labels={"year": "年度", "correction_rate": "纠错率", "block": ""})
    fig.update_traces(hovertemplate="%{x} 年度<br>纠错率 %{y:.1%}<br>已审结 %{customdata[0]:,.0f} 件"
                                    "<extra></extra>")
    _grey_small(fig, data, "block")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero", tickformat=".0%")
    return _layout(fig, "纠错率（结果纠正 ÷ 已审结）")


def metric_lines(frame: pd.DataFrame, column: str, label: str) -> go.Figure:
    """One metric per agency over years (compare_agencies), named 名称（区县）; a gap for a year
    without a report; a rate in percent, its points grey where fewer than 30 cases stand
    behind it."""
    data = frame.assign(agency=agency_labels_of(frame.agency_name, frame.district))
    data = _gaps(data, "agency")
    rate = column in RATE_BASE
    data = data.assign(n=data[RATE_BASE[column]] if rate else data[column])
    fig = px.line(data, x="year", y=column, color="agency", markers=True, custom_data=["n"],
                  labels={"year": "年度", column: label, "agency": "机构"})
    if rate:
        fig.update_traces(hovertemplate="%{x} 年度<br>" + label + " %{y:.1%}<br>n = "
                                        "%{customdata[0]:,.0f} 件<extra></extra>")
        _grey_small(fig, data, "agency")
        fig.update_yaxes(tickformat=".0%")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, label)


def coverage_grid(frame: pd.DataFrame) -> go.Figure:
    """Agency × year, coloured by status (coverage_agency_year): one row per agency, named
    名称（区县）, so two 民政局 of two districts never share a row."""
    data = frame.assign(status=frame.status.map(STATUS_ZH))
    fig = px.scatter(data, x="year", y="agency_label", color="status", symbol_sequence=["square"],
                     color_discrete_map=STATUS_COLORS, category_orders={"status": list(STATUS_COLORS)},
                     labels={"year": "年度", "agency_label": "机构", "status": "状态"})
    fig.update_traces(marker=dict(size=14))
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(type="category")
    fig.update_layout(height=max(300, 22 * data.agency_label.nunique()))
    return _layout(fig, "报告覆盖情况")


def coverage_districts(frame: pd.DataFrame) -> go.Figure:
    """District × year (coverage_by_district_year): the share of the registry's agencies that
    reported, with n/m in each cell — for selections with too many agencies for one row each."""
    data = frame[frame.n_expected > 0].assign(
        share=lambda d: d.n_registry_reports / d.n_expected,
        text=lambda d: d.n_registry_reports.astype(int).astype(str) + "/"
        + d.n_expected.astype(int).astype(str))
    share = data.pivot(index="district", columns="year", values="share")
    text = data.pivot(index="district", columns="year", values="text").reindex_like(share)
    fig = px.imshow(share, zmin=0, zmax=1, aspect="auto", color_continuous_scale="RdYlGn",
                    labels={"x": "年度", "y": "区县", "color": "已报送比例"})
    fig.update_traces(text=text.fillna("").to_numpy(), texttemplate="%{text}",
                      hovertemplate="%{y} %{x} 年度：已报送 %{text}（%{z:.0%}）<extra></extra>")
    fig.update_xaxes(dtick=1, side="top")
    fig.update_coloraxes(colorbar_tickformat=".0%")
    fig.update_layout(height=max(300, 24 * len(share) + 120))
    return _layout(fig, "报告覆盖情况（各区县已报送的名录机构）")


def proactive_series(frame: pd.DataFrame) -> go.Figure:
    """One section-二 item over the years of one format, a line per metric, from zero."""
    parts = frame.label_zh.fillna(frame.metric).str.split(" × ")
    data = frame.assign(item_zh=parts.str[0],
                        metric_zh=parts.str[-1].str.replace(r"\s*\(.*\)$", "", regex=True))
    data = _gaps(data, "metric_zh")
    fig = px.line(data, x="year", y="value", color="metric_zh", markers=True,
                  labels={"year": "年度", "value": "数量", "metric_zh": "指标"})
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero")
    items = data.item_zh.dropna()
    return _layout(fig, f"主动公开 · {items.iloc[0]}" if len(items) else "主动公开")
