"""Downloads: every table and chart's data as CSV (UTF-8 with BOM) and XLSX, the file name
saying what and which filter."""

from __future__ import annotations

import io
from functools import partial

import pandas as pd
import streamlit as st

from xxgk.export import frame_to_csv_bytes
from xxgk.labels import zh_columns


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """An XLSX with Chinese headers."""
    buffer = io.BytesIO()
    frame.rename(columns=zh_columns(list(frame.columns))).to_excel(buffer, index=False)
    return buffer.getvalue()


def file_stem(what: str, slug: str) -> str:
    return f"{what}_{slug}".replace("/", "-").replace(" ", "")


def download_buttons(frame: pd.DataFrame, what: str, slug: str) -> None:
    """Two buttons under a table or chart, fed by the same frame. The files are made when a
    button is clicked, not on every rerun (an XLSX costs ~90 ms; a page has up to four)."""
    stem = file_stem(what, slug)
    left, right, _ = st.columns([1, 1, 2])
    left.download_button("下载 CSV", partial(frame_to_csv_bytes, frame), f"{stem}.csv", "text/csv",
                         key=f"csv_{what}", on_click="ignore")
    right.download_button("下载 XLSX", partial(xlsx_bytes, frame), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          key=f"xlsx_{what}", on_click="ignore")


def column_formats(columns: list[str]) -> dict:
    """Rates and shares shown as percentages, under their Chinese header."""
    return {zh_columns([c])[c]: st.column_config.NumberColumn(format="percent")
            for c in columns if c.endswith(("_rate", "share"))}


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as a supervisor reads them: dates without a time of day, an empty text or date cell
    as —, never 'None' or 'NaT' (numbers stay numbers: they sort and align)."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            out[column] = values.dt.strftime("%Y-%m-%d").fillna("—")
        elif values.dtype == object or pd.api.types.is_string_dtype(values):
            out[column] = values.astype(object).where(values.notna(), "—")
    return out


def table(frame: pd.DataFrame, what: str, slug: str) -> None:
    """A table with Chinese headers and its downloads."""
    st.dataframe(for_display(frame).rename(columns=zh_columns(list(frame.columns))),
                 hide_index=True, width="stretch", column_config=column_formats(list(frame.columns)))
    download_buttons(frame, what, slug)
