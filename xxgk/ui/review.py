"""核实状态 on the agency page: every error and warning of one report with its review status;
an editor picks findings, a status and a comment and saves (each finding one decision, with who
and when); a viewer sees the table only. Plain widgets, not an editable grid: they read well
on a phone, and a browser test and a screen reader can use them."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from xxgk.labels import RULE_ZH
from xxgk.model import ACTIONABLE
from xxgk.reviews import STATUSES, closed, local_time, with_status
from xxgk.ui.auth import HOW_TO_ENABLE, editing_enabled, editor
from xxgk.ui.data import query, reviews
from xxgk.ui.downloads import for_display
from xxgk.ui.text import inert

SEVERE = list(ACTIONABLE)


def _record(row) -> str:
    if pd.isna(row.reviewed_by):
        return "—"
    return f"{row.reviewed_by} · {local_time(row.reviewed_at)}"


def _finding_label(row) -> str:
    return f"{RULE_ZH.get(row.rule, row.rule)}：{row.message}"[:120]


def _decide_form(rows: pd.DataFrame, agency_id: str, year: int, name: str) -> None:
    """Mark some findings (all by default when there is one) with a status and a comment."""
    labels = {i: _finding_label(r) for i, r in zip(rows.index, rows.itertuples(), strict=True)}
    with st.form(f"review_{agency_id}_{year}", clear_on_submit=True):
        st.markdown("**修改核实状态**")
        chosen = st.multiselect("问题", list(labels), format_func=lambda k: labels[k],
                                default=list(labels) if len(labels) == 1 else None,
                                key=f"review_pick_{agency_id}_{year}", placeholder="选择一条或多条问题")
        status = st.selectbox("状态", list(STATUSES), index=1, key=f"review_status_{agency_id}_{year}")
        comment = st.text_input("说明（如：已电话通知、已在网站更正）",
                                key=f"review_comment_{agency_id}_{year}")
        if st.form_submit_button("保存核实状态", type="primary"):
            if not chosen:
                st.error("请先选择问题。")
                return
            for i in chosen:
                reviews().decide(rows.finding_key[i], agency_id, year, rows.rule[i], status,
                                 comment, name)
            st.session_state["review_note"] = f"已保存 {len(chosen)} 条核实状态：{status}"
            st.rerun()


def review_section(findings: pd.DataFrame, agency_id: str, year: int) -> None:
    """The 核实状态 table of one agency-year (findings: findings_filtered rows)."""
    decided = reviews().latest([agency_id], year, year)
    rows = with_status(findings[findings.severity.isin(SEVERE)].reset_index(drop=True), decided)
    st.subheader("核实状态")
    if note := st.session_state.pop("review_note", None):
        st.success(note)
    if rows.empty:
        st.caption("没有需要核实的错误或警告。")
    else:
        view = pd.DataFrame({
            "问题": rows.rule.map(lambda r: RULE_ZH.get(r, r)), "具体情况": rows.message,
            "状态": rows.review_status, "说明": rows.review_comment.fillna(""),
            "记录": [_record(r) for r in rows.itertuples()]})
        st.dataframe(for_display(view), hide_index=True, width="stretch")
        name = editor()
        if not name:
            st.caption("修改核实状态需要编辑人员登录。" + ("" if editing_enabled() else HOW_TO_ENABLE))
        else:
            _decide_form(rows, agency_id, year, name)
    gone = closed(findings, decided)
    if not gone.empty:
        st.caption("以下核实记录所针对的问题在当前报告中已不存在（已关闭）：")
        st.dataframe(for_display(pd.DataFrame({
            "问题": gone.rule.map(lambda r: RULE_ZH.get(r, r)), "最后状态": gone.status,
            "说明": gone.comment, "记录": gone.editor + " · " + gone.decided_at.map(local_time)})),
            hide_index=True, width="stretch")


EVIDENCE_AROUND = 3  # lines shown before and after the line a finding names


def evidence_section(findings: pd.DataFrame) -> None:
    """Each error and warning with the lines of the original text around the line it names
    (that line marked ▶), as plain text: nothing in a report renders as markup."""
    placed = findings[findings.severity.isin(SEVERE)
                      & findings.location.map(lambda w: isinstance(w, str) and w.startswith("line "))]
    copied = findings[findings.rule == "copied-narrative"]
    if placed.empty and copied.empty:
        return
    st.subheader("问题与原文")
    for row in copied.itertuples():
        side_by_side(row)
    placed = placed.assign(line=placed.location.str[5:].astype(int))
    texts = {}  # one query per report: every line the findings need
    for report_id, lines in placed.groupby("report_id").line:
        texts[report_id] = query("finding_evidence", report_id=report_id,
                                 line_from=max(1, int(lines.min()) - EVIDENCE_AROUND),
                                 line_to=int(lines.max()) + EVIDENCE_AROUND)
    for row in placed.itertuples():
        line, around = row.line, texts[row.report_id]
        lines = around[around.line.between(line - EVIDENCE_AROUND, line + EVIDENCE_AROUND)]
        with st.expander(f"{RULE_ZH.get(row.rule, row.rule)} · 原文第 {line} 行"):
            st.caption(inert(row.message))
            if lines.empty:
                st.caption("原文未保存（该报告导入时本系统尚未保存原文）。")
            else:
                st.code("\n".join(f"{'▶' if n == line else ' '} {n:>4}  {text}"
                                  for n, text in zip(lines.line, lines.text, strict=True)),
                        language=None, wrap_lines=True)


_PREVIOUS_YEAR = re.compile(r"与 (\d{4}) 年报告")
NARRATIVE_PARTS = {"overview": "一、总体情况", "problems": "五、存在的主要问题及改进情况"}


def side_by_side(finding) -> None:
    """A copied-narrative finding: the compared parts of both years, next to each other."""
    match = _PREVIOUS_YEAR.search(finding.message or "")
    if not match:
        return
    before, now = int(match.group(1)), int(finding.year)
    texts = query("agency_narratives", agency_id=finding.agency_id)
    with st.expander(f"{RULE_ZH.get(finding.rule, finding.rule)} · {before} 年与 {now} 年对照"):
        st.caption(inert(finding.message))
        for column, year in zip(st.columns(2), (before, now), strict=True):
            column.markdown(f"**{year} 年报告**")
            mine = texts[texts.year == year].set_index("section").text
            for section, title in NARRATIVE_PARTS.items():
                column.caption(title)
                column.text(mine.get(section) or "（空）")
