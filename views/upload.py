"""导入: upload report files, see what the parser reads and finds, then load them."""

from datetime import date

import streamlit as st

from xxgk.collect import CollectBusy
from xxgk.labels import RULE_ZH, SEVERITY_ZH
from xxgk.ui import PAGES_DIR
from xxgk.ui.auth import HOW_TO_ENABLE, editing_enabled, editor
from xxgk.ui.data import query
from xxgk.ui.filters import agency_labels
from xxgk.ui.text import inert
from xxgk.ui.upload import (
    MAX_MB,
    SUFFIXES,
    any_new,
    collect_pasted,
    load_files,
    preview,
    results_frame,
)

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

st.divider()
st.subheader("从网站采集")
st.caption("每行一个机构：机构编号（或名录中唯一的名称）和网址——年报栏目页或报告页——用逗号、制表符或空格隔开。"
           "每个网站一次只发一个请求、间隔 1 秒，遵守 robots.txt，只采集互联网地址（不采集本机和内网地址）；"
           "同一网址再次采集时只问“是否有变化”。")
this_year = date.today().year
year = st.number_input("报告年度", min_value=2008, max_value=this_year, value=this_year - 1,
                       key="collect_year")
pasted = st.text_area("机构与网址", key="collect_sources", height=160,
                      placeholder="a001, https://www.example.gov.cn/xxgk/ndbg/index.html\n"
                                  "抚顺街道办事处 https://www.example.gov.cn/xxgk/ndbg/2024/t2025012_1.html")
if st.button("采集并导入", disabled=not pasted.strip(), key="collect_go"):
    bar = st.progress(0.0, text="正在采集……")

    def advance(n: int, total: int) -> None:
        bar.progress(n / max(total, 1), text=f"已采集 {n}/{total} 个机构")

    try:
        collected, loaded = collect_pasted(pasted, int(year), editor(), advance)
    except CollectBusy as exc:
        st.warning(str(exc))
    else:
        complete = all(r.outcome in ("found", "unchanged") for r in collected.results)
        st.session_state["collect_done"] = (complete, collected.headline(), collected.notes(),
                                            results_frame(collected),
                                            loaded.text_zh() if loaded else None)
    bar.empty()
if done := st.session_state.get("collect_done"):
    complete, headline, notes, results, loaded_text = done
    (st.success if complete else st.warning)(inert(headline))
    if notes:
        st.markdown("\n".join(f"- {inert(line)}" for line in notes))
    st.dataframe(results, hide_index=True, width="stretch", column_config={
        "报告网址": st.column_config.LinkColumn("报告网址", display_text=r"^https?://([^/?#]+)")})
    if loaded_text:
        st.info(inert(loaded_text))
