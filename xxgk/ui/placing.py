"""待归属 on 数据质量: the reports the registry could not place, and, for a signed-in editor,
placing one with a registry agency or with an agency added to the registry (issue 10). The
choice is kept beside the warehouse and applied at once (xxgk/ingest.py: place_report)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from xxgk.ingest import WarehouseBusy, place_report
from xxgk.labels import agency_labels_of
from xxgk.ui.auth import HOW_TO_ENABLE, editing_enabled, editor
from xxgk.ui.data import query, reviews, warehouse_path
from xxgk.ui.downloads import table
from xxgk.ui.filters import Filters

SHOWN = ["agency_printed", "region_printed", "year", "published_on", "file_name", "candidates"]


def _report_label(row) -> str:
    region = f"（{row.region_printed}）" if isinstance(row.region_printed, str) else ""
    return f"{row.agency_printed}{region} {row.year} 年度 · {row.file_name}"


def _agency_choices(report: pd.Series, registry: pd.DataFrame) -> dict[str, str]:
    """Registry agencies as 名称（区县）: the same-name candidates of the report first."""
    places = registry.district.fillna(registry.city)  # as 未报送名单 and 可能属于 write them
    labels = dict(zip(registry.agency_id, agency_labels_of(registry.agency_name, places),
                      strict=True))
    first = [a for a in (report.candidate_ids if report.candidate_ids is not None else [])
             if a in labels]
    return {a: labels[a] for a in first + [a for a in labels if a not in first]}


def _apply(sha256: str, agency_id: str, who: str) -> None:
    try:
        with st.spinner("正在按指定归属更新数据仓库……"):
            place_report(warehouse_path(), sha256, agency_id, who)
    except WarehouseBusy as exc:
        st.error(str(exc))
        return
    st.cache_data.clear()
    st.session_state["placed_note"] = "已指定归属，数据仓库已更新。"
    st.rerun()


def _place_form(unplaced: pd.DataFrame, who: str) -> None:
    st.markdown("**指定归属**")
    rows = {r.report_id: r for r in unplaced.itertuples()}
    chosen = st.selectbox("报告", list(rows), key="place_report",
                          format_func=lambda rid: _report_label(rows[rid]))
    report = unplaced.set_index("report_id").loc[chosen]
    registry = query("registry_agencies")
    choices = _agency_choices(report, registry)
    agency = st.selectbox("归属机构（可输入名称搜索）", list(choices), key="place_agency",
                          format_func=lambda a: choices[a], index=None, placeholder="选择名录中的机构")
    if st.button("指定归属", key="place_button", disabled=agency is None) and agency is not None:
        _apply(report.sha256, agency, who)
    with st.expander("名录中没有这个机构：新增机构并指定归属"), st.form("add_agency_form"):
        name = st.text_input("机构名称", value=report.agency_printed, key="add_name")
        district = st.text_input("区县（市级机构留空）", key="add_district",
                                 value=report.region_printed or "")
        city = st.text_input("城市", key="add_city")
        province = st.text_input("省份", key="add_province")
        if st.form_submit_button("新增并指定归属"):
            if not name.strip():
                st.error("请填写机构名称。")
            else:
                added = reviews().add_agency(name, district, city, province, who)
                _apply(report.sha256, added.agency_id, who)


def unplaced_section(f: Filters, slug: str) -> None:
    """The 待归属 list and, for an editor, the placing form."""
    found = query("unplaced_reports", year_from=f.year_from, year_to=f.year_to)
    if note := st.session_state.pop("placed_note", None):
        st.success(note)
    if found.empty:
        return
    waiting, placed = found[found.placed_by.isna()], found[found.placed_by.notna()]
    st.subheader(f"待归属报告（{len(waiting)} 份）")
    if waiting.empty:
        st.success("没有待归属的报告。")
    else:
        st.caption("这些报告没有写明所属区县，而名录中有多个同名机构（或名录中没有该机构），暂未计入任何"
                   "机构；上面未报送名单中的机构，其报告可能就在这里。指定归属后，该文件以后每次导入"
                   "都归入所选机构。")
        table(waiting[SHOWN], "待归属报告", slug)
    if not placed.empty:
        with st.expander(f"已指定归属的报告（{len(placed)} 份）"):
            table(placed[[*SHOWN[:-1], "placed_by"]], "已指定归属报告", slug)
    who = editor()
    if who:
        _place_form(found, who)
    else:
        st.caption("指定归属需要编辑人员登录（左侧栏）。"
                   + ("" if editing_enabled() else HOW_TO_ENABLE))
