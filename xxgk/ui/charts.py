"""DataFrame → Plotly figure, pure (testable without a browser). The same outcome has the same
colour on every chart."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

OUTCOME_ZH = {"granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开",
              "unable": "无法提供", "rejected": "不予处理", "other_outcome": "其他处理"}
OUTCOME_COLORS = {"予以公开": "#2e7d32", "部分公开": "#81c784", "不予公开": "#c62828",
                  "无法提供": "#f9a825", "不予处理": "#6d4c41", "其他处理": "#90a4ae"}
BLOCK_ZH = {"review": "行政复议", "litigation_direct": "行政诉讼·直接起诉",
            "litigation_after_review": "行政诉讼·复议后起诉"}
APPLICANT_ZH = {"natural_person": "自然人", "commercial": "商业企业", "research": "科研机构",
                "social_org": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他组织"}
# 结果纠正 is where the agency lost: red; the rest in quiet tones.
RESULT_COLORS = {"结果维持": "#5c7cfa", "结果纠正": "#c62828", "其他结果": "#adb5bd", "尚未审结": "#e9ecef"}
STATUS_ZH = {"published": "按时发布", "late": "逾期发布", "with errors": "有错误", "missing": "缺失"}
STATUS_COLORS = {"按时发布": "#2e7d32", "逾期发布": "#f9a825", "有错误": "#c62828", "缺失": "#bdbdbd"}


def _layout(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(title=title, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      font=dict(family="Noto Sans CJK SC, Microsoft YaHei, sans-serif"))
    return fig


def requests_trend(frame: pd.DataFrame) -> go.Figure:
    """New requests per year (kpis_by_year)."""
    fig = px.bar(frame, x="year", y="n_new_requests", labels={"year": "年度", "n_new_requests": "新收申请"})
    fig.update_xaxes(dtick=1)
    return _layout(fig, "本年新收政府信息公开申请（件）")


def requests_by_district(frame: pd.DataFrame) -> go.Figure:
    """New requests by district and year (requests_by_district_year)."""
    fig = px.bar(frame, x="year", y="n_new_requests", color="district", barmode="group",
                 labels={"year": "年度", "n_new_requests": "新收申请", "district": "区县"})
    fig.update_xaxes(dtick=1)
    return _layout(fig, "各区县新收申请")


def applicant_mix(frame: pd.DataFrame) -> go.Figure:
    data = frame.assign(applicant=frame.applicant.map(APPLICANT_ZH).fillna(frame.applicant))
    fig = px.bar(data, x="year", y="n_requests", color="applicant",
                 labels={"year": "年度", "n_requests": "申请数", "applicant": "申请人"})
    fig.update_xaxes(dtick=1)
    return _layout(fig, "申请人构成")


def outcome_shares(frame: pd.DataFrame) -> go.Figure:
    """100% stacked bars of the six outcome groups per district (outcome_mix)."""
    data = frame.assign(outcome=frame.outcome.map(OUTCOME_ZH), share=frame.share * 100)
    fig = px.bar(data, y="district", x="share", color="outcome", orientation="h",
                 color_discrete_map=OUTCOME_COLORS, category_orders={"outcome": list(OUTCOME_COLORS)},
                 labels={"share": "占比（%）", "district": "区县", "outcome": "办理结果"})
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


def correction_rates(frame: pd.DataFrame) -> go.Figure:
    data = frame.assign(block=frame.block.map(BLOCK_ZH), rate=frame.correction_rate * 100)
    fig = px.line(data, x="year", y="rate", color="block", markers=True,
                  category_orders={"block": list(BLOCK_ZH.values())},
                  labels={"year": "年度", "rate": "纠错率（%）", "block": ""})
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, "纠错率（结果纠正 ÷ 已审结）")


def metric_lines(frame: pd.DataFrame, column: str, label: str) -> go.Figure:
    """One metric per agency over years (compare_agencies)."""
    fig = px.line(frame, x="year", y=column, color="agency_name", markers=True,
                  labels={"year": "年度", column: label, "agency_name": "机构"})
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


def proactive_series(frame: pd.DataFrame) -> go.Figure:
    """One section-二 item over the years of one format, a line per metric, from zero."""
    parts = frame.label_zh.fillna(frame.metric).str.split(" × ")
    data = frame.assign(item_zh=parts.str[0],
                        metric_zh=parts.str[-1].str.replace(r"\s*\(.*\)$", "", regex=True))
    fig = px.line(data, x="year", y="value", color="metric_zh", markers=True,
                  labels={"year": "年度", "value": "数量", "metric_zh": "指标"})
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(rangemode="tozero")
    return _layout(fig, f"主动公开 · {data.item_zh.iloc[0]}" if len(data) else "主动公开")
