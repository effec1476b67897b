"""Downloads: every table and chart's data as CSV (UTF-8 with BOM) and XLSX, the file name
saying what and which filter."""

from __future__ import annotations

import io
from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from xxgk.export import frame_to_csv_bytes
from xxgk.labels import METRICS, RATE_BASE, agency_labels_of, zh_columns
from xxgk.ui.filters import Filters


def xlsx_bytes(frame: pd.DataFrame, notes: list[tuple[str, str]] | None = None) -> bytes:
    """The table as shown: Chinese headers, counts as whole numbers, rates as percentages (a
    number format, so they stay numbers); a second sheet 说明 with ``notes`` (the filter, when
    it was made, what each figure means)."""
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.rename(columns=zh_columns(list(frame.columns))).to_excel(
            writer, index=False, sheet_name="数据")
        sheet = writer.sheets["数据"]
        for i, column in enumerate(frame.columns, start=1):
            values = frame[column]
            letter = get_column_letter(i)
            sheet.column_dimensions[letter].width = max(10, min(40, 2 * len(str(column)) + 4))
            if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
                continue
            if column.endswith(("_rate", "share")):
                number = "0.0%"
            elif column in ("year", "rank"):
                number = "0"
            elif values.dropna().map(lambda v: float(v).is_integer()).all():
                number = "#,##0"
            else:
                number = "#,##0.00"
            for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                cell.number_format = number
        if notes:
            pd.DataFrame(notes, columns=["项目", "说明"]).to_excel(writer, index=False,
                                                              sheet_name="说明")
            writer.sheets["说明"].column_dimensions["A"].width = 18
            writer.sheets["说明"].column_dimensions["B"].width = 90
    return buffer.getvalue()


def notes_for(frame: pd.DataFrame, chosen: Filters) -> list[tuple[str, str]]:
    """What a download's 说明 sheet says: the filter, when, what each figure means."""
    from xxgk.reviews import local_time

    out = [*chosen.described(),
           ("导出时间", local_time(pd.Timestamp.now(tz="UTC").isoformat()) + "（北京时间）")]
    out += [(f"{row['name_zh']}（{metric}）", f"{row['definition_zh']} {row['reading_zh']}")
            for metric, row in METRICS.items() if metric in frame.columns]
    if any(c.endswith("_rate") for c in frame.columns):
        out.append(("比率", "按所选范围先合计分子、分母再相除；分母不足 30 件的比率波动大，仅供参考。"))
    return out


def file_stem(what: str, slug: str) -> str:
    return f"{what}_{slug}".replace("/", "-").replace(" ", "")


def _xlsx_with_notes(frame: pd.DataFrame, chosen: Filters) -> bytes:
    return xlsx_bytes(frame, notes_for(frame, chosen))


def _current_filters() -> Filters:
    """The sidebar's filter now (a download's callback runs after the page, without it)."""
    from xxgk.ui.page import filters

    return filters()


def download_buttons(frame: pd.DataFrame, what: str, slug: str) -> None:
    """Two buttons under a table or chart, fed by the same frame. The files are made when a
    button is clicked, not on every rerun (an XLSX costs ~90 ms; a page has up to four)."""
    stem = file_stem(what, slug)
    left, right, _ = st.columns([1, 1, 2])
    left.download_button("下载 CSV", partial(frame_to_csv_bytes, frame), f"{stem}.csv", "text/csv",
                         key=f"csv_{what}", on_click="ignore")
    right.download_button("下载 XLSX", partial(_xlsx_with_notes, frame, _current_filters()), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx_{what}", on_click="ignore")


HIDDEN = ("agency_id", "report_id", "sha256", "finding_key", "candidate_ids")  # internal ids
# a table's rate and the counts that may stand for its n there, the closest first
TABLE_RATE_BASES = {rate: (base,) for rate, base in RATE_BASE.items()} | {
    "review_correction_rate": (RATE_BASE["review_correction_rate"], "n_reviews"),
    "correction_rate": ("n_total",), "change_rate": ("n_new_requests_prev",)}
SMALL_N = 30
STYLED_ROWS = 200  # longer tables mark small samples in a column instead of greying cells


def column_formats(columns: list[str]) -> dict:
    """Rates and shares shown as percentages, under their Chinese header; the agency as a link
    to its 机构档案."""
    out = {zh_columns([c])[c]: st.column_config.NumberColumn(format="percent")
           for c in columns if c.endswith(("_rate", "share"))}
    out |= {zh_columns([c])[c]: st.column_config.NumberColumn(format="localized")
            for c in columns if c not in out and c not in ("year", "rank", "agency_link")
            and not c.endswith(("_rate", "share"))}
    if "agency_link" in columns:
        out["机构"] = st.column_config.LinkColumn("机构", display_text=r"#(.*)$")
    if "source_url" in columns:  # the address a collected report came from, shown as its site
        out["来源网址"] = st.column_config.LinkColumn("来源网址", display_text=r"^https?://([^/?#]+)")
    return out


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a supervisor reads them: dates without a time of day, an empty cell as —,
    never 'None' or 'NaT' (numbers stay numbers where every row has one: they sort and align;
    a column with gaps becomes text, a rate there a percentage)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d").fillna("—")
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            out[column] = values.astype(object).where(values.notna(), "—")
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values) \
                and values.isna().any():
            out[column] = _numbers_as_text(values, rate=column.endswith(("_rate", "share")))
    return out


def _numbers_as_text(values: pd.Series, rate: bool) -> np.ndarray:
    """A numeric column with gaps as text: — for a gap, a rate as a percentage, a count with
    thousands separators (formatted only where there is a number: 10^5-row tables, issue 13)."""
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    present = ~np.isnan(numbers)
    text = np.full(len(numbers), "—", dtype=object)
    text[present] = [f"{v:.1%}" if rate else f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}"
                     for v in numbers[present].tolist()]
    return text


def agency_link(frame: pd.DataFrame, query_string: str = "") -> pd.Series:
    """A link to each row's agency on 机构档案 (the sidebar filter kept), shown as 名称（区县）."""
    label = agency_labels_of(frame.agency_name, frame.district)
    year = frame["year"].astype("Int64").astype(str) if "year" in frame else None
    link = "/agency?" + (query_string + "&" if query_string else "") + "profile=" + frame.agency_id
    if year is not None:
        link = link + "&profile_year=" + year
    return link + "#" + label


def shown(frame: pd.DataFrame, query_string: str = "") -> pd.DataFrame:
    """The table as a page shows it: no internal ids, the agency a link to its page."""
    out = frame
    if {"agency_id", "agency_name", "district"} <= set(frame.columns):
        out = out.assign(agency_name=agency_link(frame, query_string)).rename(
            columns={"agency_name": "agency_link"})
    return out.drop(columns=[c for c in HIDDEN if c in out.columns])


def _rate_bases(frame: pd.DataFrame) -> dict[str, str]:
    """Each rate column of ``frame`` and the column holding its n."""
    return {rate: next(b for b in bases if b in frame.columns)
            for rate, bases in TABLE_RATE_BASES.items()
            if rate in frame.columns and any(b in frame.columns for b in bases)}


def _grey_small_rates(frame: pd.DataFrame, shown_frame: pd.DataFrame, rates: dict[str, str]):
    """Rate cells from fewer than 30 cases in grey (the styler of ``shown_frame``)."""
    if not rates:
        return shown_frame
    if len(frame) > STYLED_ROWS:  # a styler costs ~0.4 ms a row: a long table says it in a column
        small = pd.concat([frame[base].fillna(0).lt(SMALL_N) for base in rates.values()],
                          axis=1).any(axis=1)
        return shown_frame.assign(**{"样本少": small.map({True: "是", False: ""}).to_numpy()})

    def colour(data: pd.DataFrame) -> pd.DataFrame:
        css = pd.DataFrame("", index=data.index, columns=data.columns)
        for rate, base in rates.items():
            small = frame[base].fillna(0).lt(SMALL_N).to_numpy()
            css.loc[small, zh_columns([rate])[rate]] = "color: #a0a0a0"
        return css

    return shown_frame.style.apply(colour, axis=None)


MAX_SHOWN_ROWS = 2000  # rows a page table shows; its download has them all


def table(frame: pd.DataFrame, what: str, slug: str, query_string: str = "") -> None:
    """A table with Chinese headers, no internal ids, agencies as links, rates from fewer than
    30 cases in grey; its downloads hold the same columns (and every row, where the page shows
    the first ``MAX_SHOWN_ROWS``)."""
    frame = frame.reset_index(drop=True)
    full = frame
    if len(frame) > MAX_SHOWN_ROWS:  # 10^5 rows are not read on a page: their download is
        frame = frame.head(MAX_SHOWN_ROWS)
        st.caption(f"共 {len(full):,} 行，这里列出前 {MAX_SHOWN_ROWS:,} 行（按当前排序）；"
                   "完整表格请下载。")
    visible = shown(frame, query_string)
    cells = for_display(visible)
    numeric = [c for c in visible.columns
               if c in ("agency_link", "source_url") or pd.api.types.is_numeric_dtype(cells[c])]
    display = cells.rename(columns=zh_columns(list(visible.columns)))
    rates = _rate_bases(frame)
    st.dataframe(_grey_small_rates(frame, display, rates), hide_index=True, width="stretch",
                 column_config=column_formats(numeric))
    if any(frame[base].fillna(0).lt(SMALL_N).any() for base in rates.values()):
        st.caption(f"灰色的比率（长表中“样本少”列标“是”）：不足 {SMALL_N} 件，波动大，仅供参考。")
    plain = full.drop(columns=[c for c in HIDDEN if c in full.columns])
    download_buttons(plain, what, slug)
