"""The 导入 page's work: check and preview uploaded files, then load them (pure of layout).

Files are read in a parse worker with the ingest's limits (time, memory), never in the
dashboard process itself: one bad upload cannot stall the other sessions (issue 9)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from xxgk.collect import (
    OUTCOMES,
    REPORTS,
    AgencyResult,
    CollectSummary,
    collect_sources,
    has_reports,
    parse_pasted,
    sources_of,
)
from xxgk.ingest import IngestSummary, ParseJob, ingest, parse_all
from xxgk.registry import DEFAULT_REGISTRIES, load_registry
from xxgk.ui.data import query, warehouse_path

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
MAX_MB = 20
READY = "可导入"


def _too_big(file) -> bool:
    return file.size > MAX_MB * 1024 * 1024


@st.cache_data(show_spinner=False, max_entries=200)
def _read(name: str, data: bytes) -> dict:
    """The parser's record of one file (cached by content: a rerun does not parse again)."""
    job = ParseJob(name, hashlib.sha256(data).hexdigest(), data)
    return next(parse_all([job], workers=1, progress=False))


def _status(record: dict, digest: str, loaded: dict, first: dict, name: str) -> str:
    if digest in loaded:
        agency, year = loaded[digest]
        return f"已在数据仓库中（{agency or '未识别机构'} {year or ''}），不再导入"
    if first[digest] != name:
        return f"与 {first[digest]} 内容相同，只导入一次"
    if not record["values"]:
        return "可导入，但未读到数值（见问题）"
    return READY


def preview(files: list) -> tuple[pd.DataFrame, dict[str, dict]]:
    """What the parser reads from each upload, and whether loading it would add anything:
    files over the limit are refused, files already loaded (or twice in the upload) said so."""
    rows: list[dict] = []
    records: dict = {}
    first: dict = {}
    digests: dict = {}
    for file in files:
        if _too_big(file):
            rows.append({"文件": file.name, "结果": f"超过 {MAX_MB} MB，未解析"})
            continue
        digests[file.name] = hashlib.sha256(file.getvalue()).hexdigest()
        first.setdefault(digests[file.name], file.name)
    found = query("loaded_files", hashes=sorted(set(digests.values())))
    loaded = {row.sha256: (row.agency_name, row.year) for row in found.itertuples()}
    for file in files:
        if file.name not in digests:
            continue
        record = records[file.name] = _read(file.name, file.getvalue())
        errors = sum(f["severity"] == "error" for f in record["findings"])
        rows.append({"文件": file.name, "机构": record["agency"] or "—",
                     "地区": record["region"] or "—", "年度": record["year"],
                     "格式版本": record["template"] or "—", "数值个数": len(record["values"]),
                     "问题": len(record["findings"]), "错误": errors,
                     "结果": _status(record, digests[file.name], loaded, first, file.name)})
    return pd.DataFrame(rows), records


def any_new(rows: pd.DataFrame) -> bool:
    """Whether loading would add a file the warehouse does not hold yet."""
    return not rows.empty and rows["结果"].str.startswith("可导入").any()


def load_files(files: list, editor: str | None) -> IngestSummary:
    """Save the uploads beside the warehouse and ingest them (an editor's action only); the
    dashboard serves the new warehouse on the next rerun (xxgk/ui/data.py)."""
    if not editor:
        raise PermissionError("loading reports needs a signed-in editor")
    db = warehouse_path()
    folder = db.parent / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for file in files:
        if _too_big(file):
            continue
        data = file.getvalue()
        path = folder / f"{hashlib.sha256(data).hexdigest()[:12]}_{Path(file.name).name}"
        path.write_bytes(data)
        saved.append(path)
    registries = [db.parent / name for name in DEFAULT_REGISTRIES]
    summary = ingest(saved, db, registries, workers=1, progress=False)
    st.cache_data.clear()
    return summary


COLLECTED_DIR = "collected"  # beside the warehouse: what the 导入 page's collector fetched


def collect_pasted(text: str, year: int, editor: str | None,
                   on_result: Callable[[int, int], None] | None = None
                   ) -> tuple[CollectSummary, IngestSummary | None]:
    """Collect year ``year``'s reports of the pasted agencies and addresses (an editor's action
    only; never a loopback or private-network address: the dashboard is a server), then load
    what was saved. ``on_result(done, total)`` is called as each agency is finished."""
    if not editor:
        raise PermissionError("collecting reports needs a signed-in editor")
    db = warehouse_path()
    registries = [db.parent / name for name in DEFAULT_REGISTRIES]
    sources, problems = sources_of(parse_pasted(text), load_registry(registries))
    done = 0

    def one_more(_: AgencyResult) -> None:
        nonlocal done
        done += 1
        if on_result:
            on_result(done, len(sources))

    out = db.parent / COLLECTED_DIR
    summary = collect_sources(sources, problems, year, out, allow_private=False, progress=False,
                              on_result=one_more)
    loaded = None
    if has_reports(out):
        loaded = ingest([out / REPORTS], db, registries, workers=1, progress=False)
        st.cache_data.clear()
    return summary, loaded


def results_frame(summary: CollectSummary) -> pd.DataFrame:
    """The collector's result per agency, as the 导入 page lists it."""
    return pd.DataFrame([{"机构": f"{r.agency_name}（{r.district or r.agency_id}）",
                          "结果": OUTCOMES[r.outcome],
                          "原因": r.reason or "—", "报告网址": r.report_url}
                         for r in summary.results], columns=["机构", "结果", "原因", "报告网址"])
