"""整改清单 on the pages: one agency's list for a year (agency page), every list of the filter
for a year in one ZIP (数据质量). The files are made when a button is clicked."""

from __future__ import annotations

import os
from functools import partial
from pathlib import PurePath

import pandas as pd
import streamlit as st

from xxgk import rectify
from xxgk.labels import agency_labels_of
from xxgk.model import ACTIONABLE
from xxgk.reviews import with_status
from xxgk.ui.data import query, reviews
from xxgk.ui.filters import Filters
from xxgk.ui.page import filters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SEVERE = list(ACTIONABLE)


def _date(value) -> str | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _lists(findings: pd.DataFrame, not_filed: pd.DataFrame, year: int
           ) -> list[tuple[rectify.Addressee, pd.DataFrame]]:
    """One list per agency with a finding or on 未报送名单, in label order."""
    cells = query("finding_cells", report_ids=sorted(findings.report_id.unique().tolist()))
    findings = with_status(findings, reviews().latest([], year, year))
    problems = dict(zip(not_filed.agency_id, not_filed.problem, strict=True))
    labels = dict(zip(not_filed.agency_id, not_filed.agency_label, strict=True))
    firsts = findings.drop_duplicates("agency_id")
    for agency_id, label in zip(firsts.agency_id,
                                agency_labels_of(firsts.agency_name, firsts.district), strict=True):
        labels.setdefault(agency_id, label)
    out = []
    for agency_id, label in sorted(labels.items(), key=lambda item: item[1]):
        mine = findings[findings.agency_id == agency_id]
        first = mine.iloc[0] if len(mine) else None
        to = rectify.Addressee(label, year,
                               _date(first.published_on) if first is not None else None,
                               PurePath(first.source_path).name if first is not None else None)
        out.append((to, rectify.items(mine, cells, problems.get(agency_id))))
    return out


def one(agency_id: str, label: str, year: int, sample: bool
        ) -> tuple[rectify.Addressee, pd.DataFrame]:
    """One agency's list for a year (empty when it filed on time without a problem); ``sample``
    says whether the agency is of the sample data (the files are made in a download's callback,
    after the page ran: everything they need is bound when the button is drawn)."""
    one_agency = {"city": None, "districts": [], "kinds": [], "agency_ids": [agency_id],
                  "sample": sample, "city_level": True}
    findings = query("findings_filtered", **one_agency, year_from=year, year_to=year, rules=[],
                     severities=SEVERE)
    not_filed = query("not_filed", **one_agency, year=year)
    lists = _lists(findings, not_filed, year)
    if lists:
        return lists[0]
    no_cells = pd.DataFrame(columns=["report_id", "key", "value"])  # filed on time, no problem
    return rectify.Addressee(label, year), rectify.items(findings.iloc[0:0], no_cells)


def _xlsx(agency_id: str, label: str, year: int, sample: bool) -> bytes:
    return rectify.xlsx_bytes(*one(agency_id, label, year, sample))


def _docx(agency_id: str, label: str, year: int, sample: bool) -> bytes:
    return rectify.docx_bytes(*one(agency_id, label, year, sample))


def agency_buttons(agency_id: str, label: str, year: int) -> None:
    """XLSX and DOCX of one agency's 整改清单 for a year."""
    stem = rectify.Addressee(label, year).stem
    sample = filters().sample
    st.download_button("整改清单（XLSX）", partial(_xlsx, agency_id, label, year, sample), f"{stem}.xlsx",
                       XLSX, key=f"rectify_xlsx_{agency_id}_{year}", on_click="ignore",
                       width="stretch")
    st.download_button("整改清单（Word）", partial(_docx, agency_id, label, year, sample), f"{stem}.docx",
                       DOCX, key=f"rectify_docx_{agency_id}_{year}", on_click="ignore",
                       width="stretch")


def batch(filters: Filters, year: int) -> bytes:
    """Every agency's list in the filter for ``year``, XLSX and DOCX each, in one ZIP."""
    params = {k: v for k, v in filters.params().items() if k not in ("year_from", "year_to")}
    findings = query("findings_filtered", **params, year_from=year, year_to=year, rules=[],
                     severities=SEVERE)
    return rectify.zip_bytes(_lists(findings, query("not_filed", **params, year=year), year))


def batch_button(filters: Filters, year: int) -> None:
    st.download_button(f"批量导出 {year} 年度整改清单（每个机构一份 XLSX 和 DOCX，ZIP）",
                       partial(batch, filters, year), f"整改清单_{filters.slug()}_{year}.zip",
                       "application/zip", key=f"rectify_zip_{year}", on_click="ignore")


def original_button(source_path: str) -> None:
    """The report file as loaded (read on click, with the parser's size limit); said so when
    the file is no longer where it was loaded from."""
    from xxgk.parse import read_report_bytes

    path = PurePath(source_path)
    try:
        if not os.path.isfile(source_path):
            raise FileNotFoundError(source_path)
    except OSError:
        st.caption(f"原始报告文件 {path.name} 已不在导入时的位置。")
        return
    st.download_button("原始报告文件", partial(read_report_bytes, source_path), path.name,
                       key=f"original_{source_path}", on_click="ignore", width="stretch")
