"""导入: upload report files, see what the parser reads and finds, then load them."""

import streamlit as st

from xxgk.labels import RULE_ZH, SEVERITY_ZH
from xxgk.ui import PAGES_DIR
from xxgk.ui.auth import HOW_TO_ENABLE, editing_enabled, editor
from xxgk.ui.data import query
from xxgk.ui.filters import agency_labels
from xxgk.ui.text import inert
from xxgk.ui.upload import MAX_MB, SUFFIXES, any_new, load_files, preview

st.title("导入报告")
st.caption(f"支持 {', '.join(SUFFIXES)} 文件，每个不超过 {MAX_MB} MB。先预览解析结果，再导入数据仓库。")
if not editor():
    st.info("导入报告会改变数据仓库，需要编辑人员登录（左侧栏）。" + ("" if editing_enabled()
                                                                   else HOW_TO_ENABLE))
    st.stop()
files = st.file_uploader("选择报告文件", type=[s.lstrip(".") for s in SUFFIXES],
                         accept_multiple_files=True, key="uploads")
if not files:
    st.info("尚未选择文件。")
else:
    with st.spinner("正在解析……"):
        rows, records = preview(files)
    st.dataframe(rows, hide_index=True, width="stretch")
    for name, record in records.items():
        with st.expander(f"{inert(name)} 的问题（{len(record['findings'])} 条）"):
            for finding in record["findings"]:
                st.markdown(inert(f"[{SEVERITY_ZH.get(finding['severity'], finding['severity'])}] "
                                  f"{RULE_ZH.get(finding['rule'], finding['rule'])}：{finding['message']}"))
    if st.button("导入数据仓库", type="primary", disabled=not any_new(rows)):
        with st.spinner("正在导入……"):
            summary = load_files(files, editor())
        st.session_state["upload_done"] = (summary.text_zh(), sorted(summary.agencies))
        st.rerun()  # the pages now read the new warehouse
if done := st.session_state.get("upload_done"):
    text, loaded = done
    st.success(inert(text))
    options = query("filter_options")
    names = agency_labels(options[options.agency_id.isin(loaded)])
    for agency_id, label in names.items():
        if st.button(f"打开机构档案：{label}", key=f"open_{agency_id}"):
            synthetic = bool(options.set_index("agency_id").synthetic[agency_id])
            st.session_state.update({"profile_agency": agency_id, "_f_sample_next": synthetic})
            st.switch_page(str(PAGES_DIR / "agency.py"))
