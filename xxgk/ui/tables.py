"""One report's values laid out like the report's own tables (pure: frame in, frame out), and
the cells the findings name marked in them (issue 10)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from pandas.io.formats.style import Styler

from xxgk.model import (
    outcome_columns,
    registry,
    request_columns,
    request_row_label,
    review_block_labels,
    rows_of,
)

REQUEST_COLS = {col: label.split(" · ")[-1] for col, label in request_columns()}
OUTCOME_COLS = dict(outcome_columns())
NO_NUMBER = "—"  # printed blank, or not read (a finding beside says which)


def _cell(value) -> str:
    """A cell as the report prints it: the number, or — where there is none."""
    return NO_NUMBER if value is None or pd.isna(value) else f"{value:g}"


def _request_rows(template: str) -> list[tuple[str, str]]:
    return [(row, label.split(" (")[0].replace("三、本年度办理结果 ", ""))
            for row, label in ((r, request_row_label(template, r)) for r in rows_of(template))]


def requests_table(profile: pd.DataFrame, template: str) -> pd.DataFrame:
    """Section 三: the format's rows × seven applicant columns; a cell without a number is —."""
    values = dict(zip(profile.key, profile.value, strict=True))
    return pd.DataFrame([{"行": label, **{REQUEST_COLS[c]: _cell(values.get(f"requests.{row}.{c}"))
                                        for c in REQUEST_COLS}}
                         for row, label in _request_rows(template)])


def requests_keys(template: str) -> pd.DataFrame:
    """The key of every cell of ``requests_table`` (the label column has none)."""
    return pd.DataFrame([{"行": None, **{REQUEST_COLS[c]: f"requests.{row}.{c}"
                                       for c in REQUEST_COLS}}
                         for row, _ in _request_rows(template)])


def review_table(profile: pd.DataFrame) -> pd.DataFrame:
    """Section 四: the three blocks × 维持 · 纠正 · 其他 · 尚未审结 · 总计."""
    values = dict(zip(profile.key, profile.value, strict=True))
    return pd.DataFrame([{"类别": label, **{OUTCOME_COLS[c]: _cell(values.get(f"{block}.{c}"))
                                         for c in OUTCOME_COLS}}
                         for block, label in review_block_labels().items()])


def review_keys() -> pd.DataFrame:
    """The key of every cell of ``review_table``."""
    return pd.DataFrame([{"类别": None, **{OUTCOME_COLS[c]: f"{block}.{c}" for c in OUTCOME_COLS}}
                         for block in review_block_labels()])


def _proactive_cells(profile: pd.DataFrame) -> pd.DataFrame:
    """Section 二's printed cells in the report's order: items as fields.csv first names them
    (规章, 规范性文件, 行政许可 …), each item's cells in their order there."""
    keys = [k for k in registry() if k.startswith("proactive.")]
    items: dict[str, int] = {}
    for key in keys:
        items.setdefault(key.split(".")[1], len(items))
    place = {k: (items[k.split(".")[1]], i) for i, k in enumerate(keys)}
    cells = profile[profile.key.str.startswith("proactive.")]
    ranks = cells.key.map(lambda k: place.get(k, (len(items), 0)))
    return cells.iloc[sorted(range(len(cells)), key=lambda i: ranks.iloc[i])]


def proactive_table(profile: pd.DataFrame) -> pd.DataFrame:
    """Section 二: one line per printed cell, with its label."""
    cells = _proactive_cells(profile)
    return pd.DataFrame({"项目": cells.label_zh.values, "数值": [_cell(v) for v in cells.value]})


def proactive_keys(profile: pd.DataFrame) -> pd.DataFrame:
    """The key of every cell of ``proactive_table``."""
    cells = _proactive_cells(profile)
    return pd.DataFrame({"项目": [None] * len(cells), "数值": cells.key.values})


MARK_CSS = {"error": "background-color: #f8d0d0; font-weight: bold",
            "warning": "background-color: #fde7c4"}
MARK_LEGEND = "红底：错误涉及的单元格；橙底：警告涉及的单元格。"


def cell_marks(findings: pd.DataFrame) -> dict[str, str]:
    """key → the gravest severity (error over warning) of the findings naming that cell."""
    marks: dict[str, str] = {}
    for severity, keys in zip(findings.severity, findings["keys"], strict=True):
        if severity not in MARK_CSS or keys is None or not isinstance(keys, Iterable):
            continue
        for key in keys:
            if marks.get(key) != "error":
                marks[key] = severity
    return marks


def marked(table: pd.DataFrame, keys: pd.DataFrame, marks: dict[str, str]) -> Styler:
    """``table`` with the cells whose key a finding names coloured by its severity."""
    css = keys.apply(lambda column: column.map(
        lambda key: MARK_CSS.get(marks.get(key, ""), "") if key else ""))
    css.index, css.columns = table.index, table.columns
    return table.style.apply(lambda _: css, axis=None)
