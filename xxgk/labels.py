"""Chinese labels for the columns people read (exports, the dashboard): one place."""

from __future__ import annotations

import csv
from pathlib import Path

from xxgk.model import request_columns, review_block_labels

COLUMN_ZH = {
    "agency_id": "机构编号", "agency_name": "机构", "kind": "机构类型", "level": "层级",
    "district": "区县", "city": "城市", "province": "省份", "year": "年度", "template": "格式版本",
    "published_on": "发布日期", "format": "文件格式", "source_path": "来源文件", "source_url": "来源网址",
    "synthetic": "样例数据",
    "report_id": "报告编号", "new_received": "本年新收", "carried_over": "上年结转",
    "granted": "予以公开", "partially_granted": "部分公开", "denied": "不予公开", "unable": "无法提供",
    "rejected": "不予处理", "other_outcome": "其他处理", "outcome_total": "办理结果总计",
    "carried_forward": "结转下年度", "new_natural_person": "本年新收·自然人",
    "review_maintained": "复议·结果维持", "review_corrected": "复议·结果纠正",
    "review_other": "复议·其他结果", "review_pending": "复议·尚未审结", "review_total": "复议·总计",
    "litigation_maintained": "诉讼·结果维持", "litigation_corrected": "诉讼·结果纠正",
    "litigation_other": "诉讼·其他结果", "litigation_pending": "诉讼·尚未审结",
    "litigation_total": "诉讼·总计", "n_errors": "错误数", "n_warnings": "警告数", "is_late": "逾期发布",
    "key": "字段", "label_zh": "字段名称", "value": "数值", "rule": "规则", "severity": "严重程度",
    "message": "说明", "location": "位置", "keys": "涉及字段", "scope": "范围",
    "n_reports": "报告数", "n_agencies": "机构数", "n_new_requests": "新收申请",
    "n_handled": "办理总计", "n_carried_over": "上年结转", "n_carried_forward": "结转下年度",
    "substantive_rate": "实质公开率", "unable_rate": "无法提供率", "denial_rate": "不予公开率",
    "n_reviews": "行政复议", "review_correction_rate": "复议纠错率", "n_lawsuits": "行政诉讼",
    "litigation_correction_rate": "诉讼纠错率", "n_reports_with_errors": "有错误的报告",
    "n_late_reports": "逾期报告", "applicant": "申请人类型", "n_requests": "申请数",
    "outcome": "办理结果", "share": "占比", "reason": "原因", "reason_zh": "原因说明",
    "block": "类别", "n_maintained": "结果维持", "n_corrected": "结果纠正", "n_other": "其他结果",
    "n_pending": "尚未审结", "n_total": "总计", "correction_rate": "纠错率", "item": "项目",
    "metric": "指标", "status": "状态", "n_findings": "问题数", "change": "变化",
    "change_rate": "变化率", "n_new_requests_prev": "上年新收申请", "rank": "排名",
    "section": "部分", "text": "内容", "superseded_by": "被替代为", "in_registry": "在名录中",
    "n_review_corrected": "复议被纠正", "n_litigation_corrected": "诉讼被纠正",
    "agency_printed": "报告所写机构", "region_printed": "报告所写地区",
    "rule_explain": "规则说明", "rule_fix": "如何整改", "agency_label": "机构（区县）",
    "problem": "问题", "review_status": "核实状态", "review_comment": "核实说明",
    "file_name": "文件", "candidates": "可能属于", "n_candidates": "同名机构数",
    "placed_by": "指定归属", "agency_link": "机构", "report_link": "报告", "n_reviews_decided": "复议已审结",
}


# The groups charts draw, in the words of the spec: the six outcome groups of section 三, the
# three blocks of section 四 (fields.csv), the applicant columns (columns.csv, without their
# group: 商业企业, not 法人或其他组织 · 商业企业; 其他 reads 其他组织 on its own).
OUTCOME_ZH = {k: COLUMN_ZH[k] for k in ("granted", "partially_granted", "denied", "unable",
                                         "rejected", "other_outcome")}
BLOCK_ZH = review_block_labels()
APPLICANT_ZH = {col: ("其他组织" if label.endswith("· 其他") else label.split(" · ")[-1])
                for col, label in request_columns()[:-1]}


def zh_columns(columns: list[str]) -> dict[str, str]:
    """A rename map to Chinese headers (columns without a label keep their name)."""
    return {c: COLUMN_ZH.get(c, c) for c in columns}


RULES = {row["rule"]: row for row in csv.DictReader(
    (Path(__file__).parent / "spec" / "rules.csv").open(encoding="utf-8"))}
RULE_ZH = {rule: row["name_zh"] for rule, row in RULES.items()}
METRICS = {row["metric"]: row for row in csv.DictReader(
    (Path(__file__).parent / "spec" / "metrics.csv").open(encoding="utf-8"))}


# each rate and the count it is a share of (its n), from metrics.csv: charts and tables grey a
# rate whose n is under 30
RATE_BASE = {metric: row["base"] for metric, row in METRICS.items()
             if metric.endswith("_rate") and row["base"]}


def metric_help(metric: str) -> str:
    """A KPI's ⓘ: its definition and a link to 指标说明."""
    row = METRICS[metric]
    return f"{row['definition_zh']} [指标说明](/metrics#{metric})"
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def with_rule_names(frame, explain: bool = False):
    """A findings frame with the rules and severities in words a supervisor reads; with
    ``explain``, what the rule checks and how to fix it beside each row."""
    out = frame.assign(rule=frame["rule"].map(lambda r: RULE_ZH.get(r, r)),
                       severity=frame["severity"].map(lambda s: SEVERITY_ZH.get(s, s)))
    if explain:
        out = out.assign(rule_explain=frame["rule"].map(lambda r: RULES.get(r, {}).get("explain_zh")),
                         rule_fix=frame["rule"].map(lambda r: RULES.get(r, {}).get("fix_zh")))
    return out


def where_zh(where: str | None) -> str | None:
    """A finding's place as the supervisor reads it: "line 48" → 原文第 48 行."""
    if not where:
        return None
    return f"原文第 {where[5:]} 行" if where.startswith("line ") else where


CITY_LEVEL = "（市级）"  # how SQL's district_label marks a city-level agency's 区县 (build/05_base.sql)


def agency_labels_of(names, districts):
    """名称（区县） for each agency: the name a supervisor reads, as SQL's agency_label writes it.
    ``districts`` as district_label spells them (哈尔滨市（市级） → 名称（哈尔滨市）, （未归属） →
    名称（未归属）) or a plain district, city or nothing (→ 市级)."""
    place = districts.fillna("市级").str.removesuffix(CITY_LEVEL).str.strip("（）").replace("", "市级")
    return names + "（" + place + "）"


def findings_for_people(frame):
    """A findings list with no codes, hashes or machine paths: the agency as 名称（区县）, the rule
    in Chinese with what it checks and how to fix it, the place in the original text."""
    out = with_rule_names(frame, explain=True)
    out = out.assign(agency_label=agency_labels_of(frame["agency_name"], frame["district"]),
                     location=frame["location"].map(where_zh))
    keep = ["agency_label", "year", "severity", "rule", "message", "location", "review_status",
            "review_comment", "rule_explain", "rule_fix"]
    return out[[c for c in keep if c in out.columns]]
