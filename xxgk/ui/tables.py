"""One report's values laid out like the report's own tables (pure: frame in, frame out)."""

from __future__ import annotations

import pandas as pd

from xxgk.model import REVIEW_BLOCK_LABELS, outcome_columns, request_columns, request_rows

REQUEST_COLS = {col: label.split(" · ")[-1] for col, label in request_columns()}
OUTCOME_COLS = dict(outcome_columns())
NO_NUMBER = "—"  # printed blank, or not read (a finding beside says which)


def _cell(value) -> str:
    """A cell as the report prints it: the number, or — where there is none."""
    return NO_NUMBER if value is None or pd.isna(value) else f"{value:g}"


def requests_table(profile: pd.DataFrame, template: str) -> pd.DataFrame:
    """Section 三: the format's rows × seven applicant columns; a cell without a number is —."""
    cells = profile[profile.key.str.startswith("requests.")]
    values = {tuple(k.split(".")[1:]): v for k, v in zip(cells.key, cells.value, strict=True)}
    rows = []
    for row, templates, label in request_rows():
        if template in templates:
            rows.append({"行": label.split(" (")[0].replace("三、本年度办理结果 ", ""),
                         **{REQUEST_COLS[c]: _cell(values.get((row, c))) for c in REQUEST_COLS}})
    return pd.DataFrame(rows)


def review_table(profile: pd.DataFrame) -> pd.DataFrame:
    """Section 四: the three blocks × 维持 · 纠正 · 其他 · 尚未审结 · 总计."""
    values = dict(zip(profile.key, profile.value, strict=True))
    return pd.DataFrame([{"类别": label, **{OUTCOME_COLS[c]: _cell(values.get(f"{block}.{c}"))
                                         for c in OUTCOME_COLS}}
                         for block, label in REVIEW_BLOCK_LABELS.items()])


def proactive_table(profile: pd.DataFrame) -> pd.DataFrame:
    """Section 二: one line per printed cell, with its label."""
    cells = profile[profile.key.str.startswith("proactive.")]
    return pd.DataFrame({"项目": cells.label_zh.values, "数值": [_cell(v) for v in cells.value]})
