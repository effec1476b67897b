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


def from_url(key: str) -> list[str]:
    """A page's own choice as the address it was opened with gave it (an agency on 机构档案…),
    once: later reruns keep what the widget holds."""
    return st.session_state.get("_url_at_start", {}).pop(key, [])


def to_url(**choices: str | list[str] | None) -> None:
    """Put a page's own choices in the address (beside the sidebar's filter)."""
    for key, value in choices.items():
        if value in (None, [], ""):
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = value if isinstance(value, list) else str(value)


def filter_query_string() -> str:
    """The sidebar's filter as a query string (links keep it)."""
    from urllib.parse import urlencode

    from xxgk.ui.filters import to_query_params
    return urlencode(to_query_params(filters()), doseq=True)


def coverage() -> pd.DataFrame:
    """coverage_by_district_year for the current selection (reports expected vs. received)."""
    return filtered("coverage_by_district_year")


def incomplete_note(cover: pd.DataFrame) -> None:
    """A line under a chart of counts naming the years some expected reports are missing."""
    years = charts.coverage_by_year(cover)
    short = years[years.n_registry_reports < years.n_expected]
    if not short.empty:
        st.caption("报告不全的年度（数字偏低）：" + "；".join(
            f"{int(r.year)} 年 {int(r.n_registry_reports)}/{int(r.n_expected)} 份"
            for r in short.itertuples()) + "。未报送的机构见“数据质量”。")


def district_colors() -> dict[str, str]:
    """A fixed colour per district of the data shown (real or sample), whatever the filter."""
    options = query("filter_options")
    options = options[options.synthetic == filters().sample]
    names = options.district_label
    return charts.district_colors([*names, "（未归属）"])


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
