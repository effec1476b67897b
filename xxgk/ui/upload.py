"""The 导入 page's work: check and preview uploaded files, then load them (pure of layout)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from xxgk.ingest import ingest
from xxgk.parse import parse_bytes
from xxgk.registry import DEFAULT_REGISTRIES
from xxgk.ui.data import warehouse_path

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")
MAX_MB = 20


def _too_big(file) -> bool:
    return file.size > MAX_MB * 1024 * 1024


def preview(files: list) -> tuple[pd.DataFrame, dict[str, dict]]:
    """What the parser reads from each upload; files over the limit are refused, said so."""
    rows, records = [], {}
    for file in files:
        if _too_big(file):
            rows.append({"文件": file.name, "结果": f"超过 {MAX_MB} MB，未解析"})
            continue
        record = parse_bytes(file.getvalue(), file.name)
        records[file.name] = record
        errors = sum(f["severity"] == "error" for f in record["findings"])
        rows.append({"文件": file.name, "机构": record["agency"], "地区": record["region"],
                     "年度": record["year"], "格式版本": record["template"],
                     "数值个数": len(record["values"]), "问题": len(record["findings"]),
                     "错误": errors, "结果": "可导入"})
    return pd.DataFrame(rows), records


def load_files(files: list) -> str:
    """Save the uploads beside the warehouse and ingest them; the dashboard then re-reads."""
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
    return summary.text()
