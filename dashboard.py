"""xxgk dashboard: page config, navigation, the shared sidebar filters — nothing else."""

import streamlit as st

from xxgk.ingest import SAMPLE_DIR
from xxgk.ui import PAGES_DIR
from xxgk.ui.auth import sign_in_box
from xxgk.ui.chinese import chinese_widgets
from xxgk.ui.data import query
from xxgk.ui.filters import sidebar_filters

st.set_page_config(page_title="政府信息公开年报 · xxgk", page_icon="📊", layout="wide")
TITLES = {"overview": "总览", "requests": "申请量", "outcomes": "办理结果", "review": "复议诉讼",
          "proactive": "主动公开", "agency": "机构档案", "compare": "对比", "quality": "数据质量",
          "upload": "导入", "metrics": "指标说明"}
navigation = st.navigation([st.Page(str(PAGES_DIR / f"{name}.py"), title=title, url_path=name,
                                    default=name == "overview")
                            for name, title in TITLES.items()])
provenance = query("provenance", embedded_dir=str(SAMPLE_DIR)).iloc[0]
n_sample, n_real = int(provenance.n_synthetic), int(provenance.n_reports - provenance.n_synthetic)
# the sample until real reports beyond the shipped seed are loaded; then the real ones
filters = st.session_state["filters"] = sidebar_filters(
    query("filter_options"), sample_by_default=n_real <= int(provenance.n_real_embedded))
if filters.sample:
    st.warning(f"当前显示样例报告（虚构的东江省）{n_sample} 份，不代表任何真实机构。"
               + (f"另有真实报告 {n_real} 份，可在左侧“数据”切换。" if n_real else ""), icon="⚠️")
elif n_sample:
    st.info(f"当前显示真实报告 {n_real} 份；样例报告 {n_sample} 份不计入任何数字（左侧“数据”可切换查看）。")
sign_in_box()
with st.sidebar:
    chinese_widgets()  # Streamlit's own English widget words in Chinese
navigation.run()
