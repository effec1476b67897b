"""机构档案: one agency across all years — its tables as the report prints them, its findings
beside, its narrative and its source files."""

from pathlib import PurePath

import pandas as pd
import streamlit as st

from xxgk.labels import RULE_ZH, where_zh
from xxgk.model import ACTIONABLE, NARRATIVE_SECTIONS, section_headings
from xxgk.reviews import with_status
from xxgk.ui.data import query, reviews
from xxgk.ui.downloads import download_buttons, table
from xxgk.ui.filters import agency_labels
from xxgk.ui.page import empty, filters, from_url, to_url
from xxgk.ui.rectify import agency_buttons, original_button
from xxgk.ui.review import evidence_section, review_section
from xxgk.ui.tables import (
    MARK_LEGEND,
    cell_marks,
    marked,
    proactive_keys,
    proactive_table,
    requests_keys,
    requests_table,
    review_keys,
    review_table,
)
from xxgk.ui.text import inert

NARRATIVES = {name: section_headings()[n] for n, name in NARRATIVE_SECTIONS.items()}

st.title("机构档案")
f = filters()
options = query("filter_options")
options = options[options.synthetic == f.sample]  # the data the sidebar shows: real or sample
pool = options[options.agency_id.isin(f.agency_ids)] if f.agency_ids else options
if f.districts:
    pool = pool[pool.district.isin(f.districts)]
# ?profile= (a link from a list) opens that agency, even outside the sidebar's filter, and
# leaves the filter as it was
if (wanted := from_url("profile")) and wanted[0] in set(options.agency_id):
    st.session_state["profile_agency"] = wanted[0]
chosen_before = st.session_state.get("profile_agency")
pool = pd.concat([pool, options[(options.agency_id == chosen_before)
                                & ~options.agency_id.isin(pool.agency_id)]])
if not empty(pool, "机构"):
    names = agency_labels(pool)
    agency_id: str = st.selectbox("机构", list(names), format_func=lambda a: names[a],
                                  key="profile_agency") or ""
    profile = query("agency_profile", agency_id=agency_id)
    reports = query("agency_reports", agency_id=agency_id)
    if not empty(profile, "该机构的数值"):
        years = [y for y in sorted(profile.year.unique(), reverse=True)
                 if f.year_from <= y <= f.year_to] or sorted(profile.year.unique(), reverse=True)
        if (wanted_year := from_url("profile_year")) and wanted_year[0].isdigit() \
                and int(wanted_year[0]) in years:
            st.session_state["profile_year"] = int(wanted_year[0])
        if st.session_state.get("profile_year") not in years:
            st.session_state.pop("profile_year", None)
        over_years = query("compare_agencies", agency_ids=[agency_id], year_from=1900,
                           year_to=2999, sample=f.sample)
        st.subheader("历年概况")
        table(over_years.drop(columns=["agency_name", "district"]), "历年概况", names[agency_id])
        year = st.radio("年度", years, horizontal=True, key="profile_year")
        to_url(profile=agency_id, profile_year=str(int(year)))
        one = profile[profile.year == year]
        template = one.template.iloc[0]
        findings = query("findings_filtered", city=None, districts=[], kinds=[],
                         agency_ids=[agency_id], year_from=int(year), year_to=int(year),
                         rules=[], severities=[], sample=f.sample, city_level=True)
        left, right = st.columns([4, 1])
        with left:
            st.subheader(f"{year} 年度 · {template} 版格式")
            marks = cell_marks(findings)
            if marks:
                st.caption(MARK_LEGEND)
            st.markdown("**二、主动公开政府信息情况**")
            # static tables, as the report prints them: labels wrap and are read in full
            st.table(marked(proactive_table(one), proactive_keys(one), marks).hide(axis="index"))
            st.markdown("**三、收到和处理政府信息公开申请情况**")
            st.table(marked(requests_table(one, template), requests_keys(template), marks)
                     .hide(axis="index"))
            st.markdown("**四、行政复议、行政诉讼情况**")
            st.table(marked(review_table(one), review_keys(), marks).hide(axis="index"))
            download_buttons(one, f"机构档案{year}", names[agency_id])
        with right:
            st.subheader("发现的问题")
            if findings.severity.isin(ACTIONABLE).any():
                agency_buttons(agency_id, names[agency_id], int(year))
            current = reports[(reports.year == year) & reports.superseded_by.isna()]
            if len(current):
                original_button(current.source_path.iloc[0])
            if findings.empty:
                st.success("没有发现问题。")
            signs = {"error": ":red[**错误**]", "warning": ":orange[**警告**]", "info": ":blue[提示]"}
            statuses = with_status(findings, reviews().latest([agency_id], int(year), int(year)))
            for row in statuses.itertuples():
                place = where_zh(row.location) if isinstance(row.location, str) else None
                status = (f" · 核实状态：**{row.review_status}**"
                          if row.severity in ACTIONABLE else "")
                st.markdown(f"{signs.get(row.severity, row.severity)} · "
                            f"**{RULE_ZH.get(row.rule, row.rule)}** {inert(row.message)}"
                            + (f"（{inert(place)}）" if place else "") + status)
        evidence_section(findings)
        review_section(findings, agency_id, int(year))
        st.subheader("叙述（总体情况、问题及改进、其他）")
        texts = query("agency_narratives", agency_id=agency_id)
        mine = texts[texts.year == year].assign(
            order=lambda t: t.section.map({k: i for i, k in enumerate(NARRATIVES)}).fillna(9)
        ).sort_values("order")
        for row in mine.itertuples():  # in the report's order: 一, 五, 六
            with st.expander(NARRATIVES.get(row.section, row.section)):
                st.markdown(inert(row.text) or "（空）")
    st.subheader("来源文件")
    files = reports.assign(source_path=reports.source_path.map(lambda p: PurePath(p).name))
    if files.source_url.isna().all():  # none of them collected from a website
        files = files.drop(columns=["source_url"])
    table(files, "来源文件", names.get(agency_id, agency_id))
