"""Chinese labels for the columns people read (exports, the dashboard): one place."""

from __future__ import annotations

COLUMN_ZH = {
    "agency_id": "机构编号", "agency_name": "机构", "kind": "机构类型", "level": "层级",
    "district": "区县", "city": "城市", "province": "省份", "year": "年度", "template": "格式版本",
    "published_on": "发布日期", "format": "文件格式", "source_path": "来源文件", "synthetic": "样例数据",
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
}


def zh_columns(columns: list[str]) -> dict[str, str]:
    """A rename map to Chinese headers (columns without a label keep their name)."""
    return {c: COLUMN_ZH.get(c, c) for c in columns}


RULE_ZH = {
    "request-balance": "勾稽关系不平（新收+结转≠办理+结转下年）", "row-total": "行总计≠各列之和",
    "outcome-total": "办理结果总计≠各项之和", "review-total": "复议总计≠各项之和",
    "litigation-total": "诉讼总计≠各项之和", "carry-continuity": "上年结转与上年报告不一致",
    "copied-narrative": "叙述与上年雷同", "late-publication": "逾期发布",
    "template-year": "格式版本与年度不符", "template-conflict": "格式版本信号矛盾",
    "publication-date": "发布日期早于年度结束", "negative-count": "计数为负",
    "ambiguous-cell": "数字无法确定所在列", "unreadable-cell": "数字多于列数",
    "missing-row": "缺少表格行", "missing-section": "缺少部分", "table-missing": "表格缺失",
    "table-as-text": "以文字代替表格", "placeholder-zero": "占位符按 0 读取", "fee-unit": "收费金额单位换算",
    "unsupported-format": "2019 年前旧格式", "not-a-report": "不是年度报告",
    "unreadable-file": "文件无法读取", "unknown-agency": "机构不在名录中",
    "grid-conflict": "按列与按文本读取不一致", "parser-error": "解析器内部错误",
    "needs-ocr": "PDF 无文字层（需文字识别）", "encrypted-file": "PDF 设有打开密码",
    "legacy-format": "旧版 Word/WPS 文件（需另存为 docx）",
    "newer-file-unread": "较新的文件未读到数值（未替换原报告）", "file-too-large": "超出解析上限",
    "parse-timeout": "解析超时（已中止）",
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def with_rule_names(frame):
    """A findings frame with the rules and severities in words a supervisor reads."""
    return frame.assign(rule=frame["rule"].map(lambda r: f"{RULE_ZH.get(r, r)}（{r}）"),
                        severity=frame["severity"].map(lambda s: SEVERITY_ZH.get(s, s)))
