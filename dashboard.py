"""xxgk dashboard: page config, navigation, the shared sidebar filters — nothing else."""

import streamlit as st

from xxgk.ui import PAGES_DIR
from xxgk.ui.auth import sign_in_box
from xxgk.ui.data import query
from xxgk.ui.filters import sidebar_filters

st.set_page_config(page_title="政府信息公开年报 · xxgk", page_icon="📊", layout="wide")
TITLES = {"overview": "总览", "requests": "申请量", "outcomes": "办理结果", "review": "复议诉讼",
          "proactive": "主动公开", "agency": "机构档案", "compare": "对比", "quality": "数据质量",
          "upload": "导入"}
navigation = st.navigation([st.Page(str(PAGES_DIR / f"{name}.py"), title=title, url_path=name,
                                    default=name == "overview")
                            for name, title in TITLES.items()])
st.session_state["filters"] = sidebar_filters(query("filter_options"))
provenance = query("provenance").iloc[0]
if provenance.n_synthetic:
    st.warning(f"当前数据含 {provenance.n_synthetic} 份样例报告（虚构的云泽市），不代表任何真实机构。",
               icon="⚠️")
sign_in_box()
navigation.run()
