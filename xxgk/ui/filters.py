"""The shared sidebar filters, kept in the URL (st.query_params) so a view can be shared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

from xxgk.labels import agency_labels_of

KINDS = ["街道", "乡镇", "部门", "政府"]
ALL_CITIES = "全部城市"
DEFAULT_YEARS = (2019, 2025)
SAMPLE = "sample"  # ?data=sample: the invented sample reports; ?data=real: the real ones


@dataclass(frozen=True)
class Filters:
    """What the supervisor selected; ``params()`` feeds every filtered query."""

    city: str | None = None
    districts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    agency_ids: list[str] = field(default_factory=list)
    year_from: int = DEFAULT_YEARS[0]
    year_to: int = DEFAULT_YEARS[1]
    sample: bool = False      # the invented sample reports instead of the real ones (never both)
    city_level: bool = True   # 市级 agencies beside the districts
    agency_names: tuple[str, ...] = ()  # 名称（区县） of agency_ids, for file names and notes

    def params(self) -> dict:
        return {"city": self.city, "districts": list(self.districts), "kinds": list(self.kinds),
                "agency_ids": list(self.agency_ids), "year_from": self.year_from,
                "year_to": self.year_to, "sample": self.sample, "city_level": self.city_level}

    def slug(self) -> str:
        """A short description for file names: 青岚区-街道-2021-2025."""
        names = list(self.agency_names) or [f"{len(self.agency_ids)}机构"] * bool(self.agency_ids)
        if len(names) > 3:
            names = [*names[:3], f"等{len(names)}个机构"]
        parts = [self.city or "", *self.districts, *self.kinds, *names,
                 f"{self.year_from}-{self.year_to}", "样例数据" if self.sample else ""]
        return "-".join(p for p in parts if p)

    def described(self) -> list[tuple[str, str]]:
        """The filter in words, for the notes sheet of a download."""
        return [("数据", "样例报告（虚构的东江省）" if self.sample else "真实报告"),
                ("城市", self.city or "全部城市"), ("区县", "、".join(self.districts) or "全部区县"),
                ("市级机构", "包含" if self.city_level else "不含"),
                ("机构类型", "、".join(self.kinds) or "全部类型"),
                ("机构", "、".join(self.agency_names or self.agency_ids) or "全部机构"),
                ("年度", f"{self.year_from}–{self.year_to}")]


def to_query_params(filters: Filters) -> dict[str, list[str] | str]:
    """The URL form of a filter (only what differs from 'everything')."""
    out: dict[str, list[str] | str] = {"from": str(filters.year_from), "to": str(filters.year_to)}
    out["data"] = "sample" if filters.sample else "real"
    if not filters.city_level:
        out["citylevel"] = "0"
    if filters.city:
        out["city"] = filters.city
    for key, values in (("district", filters.districts), ("kind", filters.kinds),
                        ("agency", filters.agency_ids)):
        if values:
            out[key] = list(values)
    return out


def from_query_params(params: dict[str, list[str]], years: tuple[int, int]) -> Filters:
    """A filter from the URL; anything unreadable falls back to 'everything'."""
    def year(key: str, default: int) -> int:
        try:
            return min(max(int(params.get(key, [default])[0]), years[0]), years[1])
        except (TypeError, ValueError):
            return default
    return Filters(city=next(iter(params.get("city") or []), None), districts=params.get("district", []),
                   kinds=[k for k in params.get("kind", []) if k in KINDS],
                   agency_ids=params.get("agency", []), year_from=year("from", years[0]),
                   year_to=year("to", years[1]), sample=params.get("data") == [SAMPLE],
                   city_level=params.get("citylevel") != ["0"])


def agency_labels(options: pd.DataFrame) -> dict[str, str]:
    """agency_id → a label no other agency shares (widgets tell options apart by label):
    the name with its district, and the id where even that is not unique."""
    labels = agency_labels_of(options.agency_name, options.district_label).tolist()
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    return {agency: f"{label} [{agency}]" if twin else label
            for agency, label, twin in zip(options.agency_id, labels, seen, strict=True)}


SOURCES = {False: "真实报告", True: "样例报告（虚构）"}


def _seed_state(options: pd.DataFrame, years: tuple[int, int], sample_by_default: bool) -> None:
    """Once per session: widget state from the URL (a shared link opens the same view)."""
    if st.session_state.get("_filters_seeded"):
        return
    raw = {k: st.query_params.get_all(k) for k in st.query_params}
    start = from_query_params(raw, years)
    st.session_state.update({
        "f_city": start.city if start.city in set(options.city.dropna()) else ALL_CITIES,
        "f_districts": [d for d in start.districts if d in set(options.district.dropna())],
        "f_kinds": start.kinds,
        "f_agencies": [a for a in start.agency_ids if a in set(options.agency_id)],
        "f_years": (start.year_from, max(start.year_from, start.year_to)),
        "f_sample": start.sample if "data" in raw else sample_by_default,
        "f_city_level": start.city_level,
        "_url_at_start": raw,  # the page's own choices (xxgk/ui/page.py: from_url) read once
        "_filters_seeded": True})


def _source(options: pd.DataFrame) -> bool:
    """Which data the figures are of: the real reports when there are any, the sample when it
    is all there is; a switch when there are both (they are never summed together)."""
    kinds = set(options.synthetic.astype(bool))
    if kinds != {False, True}:
        return kinds == {True}
    return st.radio("数据", list(SOURCES), format_func=SOURCES.get, key="f_sample",
                    horizontal=True, help="真实报告与样例报告从不合计；默认只看真实报告。")


def _keep_valid(options: pd.DataFrame, years: tuple[int, int]) -> None:
    """Widget state that the data shown can hold (after a switch between real and sample data,
    a city, district, agency or year of the other no longer exists)."""
    state = st.session_state
    if state.get("_f_shown_sample") not in (None, state.get("f_sample")):
        # switched between real and sample data: the other's places and years mean nothing here
        state.update({"f_city": ALL_CITIES, "f_districts": [], "f_agencies": [], "f_years": years})
    state["_f_shown_sample"] = state.get("f_sample")
    if state.get("f_city") not in {ALL_CITIES, *options.city.dropna()}:
        state["f_city"] = ALL_CITIES
    chosen = state.get("f_years")
    low, high = chosen if isinstance(chosen, tuple | list) and len(chosen) == 2 else years
    low, high = min(max(int(low), years[0]), years[1]), min(max(int(high), years[0]), years[1])
    state["f_years"] = (low, max(low, high))


def sidebar_filters(options: pd.DataFrame, sample_by_default: bool = False) -> Filters:
    """Draw the sidebar filters from the warehouse's agencies; write them back to the URL.
    Real and sample reports are never summed: with both loaded, a switch says which is shown
    (``sample_by_default`` the first time)."""
    everything = ((int(options.year_min.min()), int(options.year_max.max()))
                  if not options.empty else DEFAULT_YEARS)
    _seed_state(options, everything, sample_by_default)
    if (switch := st.session_state.pop("_f_sample_next", None)) is not None:
        st.session_state["f_sample"] = switch  # a page asked for the other data (a new upload)
    with st.sidebar:
        st.header("筛选")
        sample = _source(options) if not options.empty else False
        options = options[options.synthetic.astype(bool) == sample] if not options.empty else options
        years = ((int(options.year_min.min()), int(options.year_max.max())) if not options.empty
                 else DEFAULT_YEARS)
        _keep_valid(options, years)
        cities = sorted(options.city.dropna().unique())
        choice = st.selectbox("城市", [ALL_CITIES, *cities], key="f_city")
        city = None if choice == ALL_CITIES else choice
        in_city = options if city is None else options[options.city == city]
        st.session_state["f_districts"] = [d for d in st.session_state.get("f_districts", [])
                                           if d in set(in_city.district.dropna())]
        st.session_state["f_agencies"] = [a for a in st.session_state.get("f_agencies", [])
                                          if a in set(in_city.agency_id)]
        districts = st.multiselect("区县", sorted(in_city.district.dropna().unique()),
                                   key="f_districts", placeholder="全部区县")
        city_level = st.checkbox("包含市级机构", key="f_city_level",
                                 help="市级机构（市政府及其部门）不属于任何区县；不勾选时各图表只含区县机构。")
        kinds = st.multiselect("机构类型", KINDS, key="f_kinds", placeholder="全部类型")
        names = agency_labels(in_city)
        agencies = st.multiselect("机构（可输入名称搜索）", list(names), key="f_agencies",
                                  format_func=lambda a: names.get(a, a), placeholder="全部机构")
        chosen: Any
        if years[0] < years[1]:
            chosen = st.slider("年度", years[0], years[1], key="f_years")
            if not isinstance(chosen, tuple | list):  # a client that sent no widget state back
                chosen = years
        else:
            chosen = (years[0], years[1])
    filters = Filters(city, districts, kinds, agencies, int(chosen[0]), int(chosen[1]),
                      sample=bool(sample), city_level=bool(city_level),
                      agency_names=tuple(names.get(a, a) for a in agencies))
    st.query_params.from_dict(to_query_params(filters))
    return filters
