"""xxgk dashboard entry. Placeholder until the dashboard issue (#5): it shows what the parser
reads from the embedded sample reports, so a newcomer sees the product work end to end."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from xxgk.parse import parse_file

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"


@st.cache_data
def sample_overview() -> pd.DataFrame:
    rows = []
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        record = parse_file(path)
        rows.append({"文件": path.name, "机构": record["agency"], "地区": record["region"],
                     "年度": record["year"], "格式": record["template"],
                     "发布日期": record["published_on"], "数值个数": len(record["values"]),
                     "问题数": len(record["findings"])})
    return pd.DataFrame(rows)


st.set_page_config(page_title="xxgk 政府信息公开年报", layout="wide")
st.title("政府信息公开工作年度报告")
st.info("仪表盘正在建设中：下面是解析器从内置样例报告中读到的内容。")
st.dataframe(sample_overview(), hide_index=True)
