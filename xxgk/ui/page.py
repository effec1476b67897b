"""What every page starts with: the shared filter, and a friendly empty state."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from xxgk.ui import charts
from xxgk.ui.data import query
from xxgk.ui.filters import Filters
from xxgk.ui.text import plotly_plain

SMALL_SAMPLE = 30


def filters() -> Filters:
    return st.session_state.get("filters", Filters())


def filtered(name: str, **extra) -> pd.DataFrame:
    """A filtered query for the current selection."""
    return query(name, **filters().params(), **extra)


def for_year(name: str, year: int) -> pd.DataFrame:
    """A query over one year of the current selection (the year range set aside)."""
    params = {k: v for k, v in filters().params().items() if k not in ("year_from", "year_to")}
    return query(name, **params, year=year)


def empty(frame: pd.DataFrame, what: str = "数据") -> bool:
    """True (and a hint shown) when the selection has nothing to show."""
    if frame.empty:
        st.info(f"当前筛选条件下没有{what}。可以在左侧放宽区县、机构类型或年度。")
        return True
    return False


def rate_text(rate: float | None, denominator: float | None) -> tuple[str, bool]:
    """A rate as text, and whether its sample is too small to trust (fewer than 30 cases)."""
    if rate is None or pd.isna(rate):
        return "—", True
    small = denominator is None or pd.isna(denominator) or denominator < SMALL_SAMPLE
    return f"{rate:.1%}" + ("（样本少）" if small else ""), small


@st.cache_data(show_spinner=False, max_entries=500)
def _figure(name: str, frame: pd.DataFrame, args: tuple) -> dict:
    """A chart of charts.py built once per data (Plotly Express takes 100–250 ms a figure; the
    cached figure is re-validated by st.plotly_chart in ~6 ms)."""
    return getattr(charts, name)(plotly_plain(frame), *args).to_dict()


def chart(name: str, frame: pd.DataFrame, *args) -> None:
    """``charts.<name>(frame, *args)`` on the page, full width."""
    st.plotly_chart(_figure(name, frame, args), width="stretch")
