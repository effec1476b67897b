"""Export the warehouse for any engine or for Excel: CSV (UTF-8 with BOM, so Excel on Chinese
Windows reads it), XLSX with Chinese headers, Parquet partitioned by year."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from xxgk.labels import zh_columns
from xxgk.warehouse import run_query

EXPORTS = {"reports": "export_reports", "values": "export_values", "findings": "findings_filtered"}
FORMATS = ("csv", "xlsx", "parquet")


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as Excel on a Chinese Windows opens it: UTF-8 with BOM, Chinese headers."""
    return frame.rename(columns=zh_columns(list(frame.columns))).to_csv(index=False).encode(
        "utf-8-sig")


def _export_frames(con: duckdb.DuckDBPyConnection, filters: dict) -> dict[str, pd.DataFrame]:
    frames = {}
    for name, query in EXPORTS.items():
        params = {**filters, **({"rules": [], "severities": []} if name == "findings" else {})}
        frame = run_query(con, query, **params)
        frames[name] = frame.assign(keys=frame["keys"].map(list)) if "keys" in frame else frame
    return frames


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, filters: dict) -> list[Path]:
    """Write the reports, values and findings in the filter; returns what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in _export_frames(con, filters).items():
        if fmt == "csv":
            path = out / f"{name}.csv"
            path.write_bytes(frame_to_csv_bytes(frame))
        elif fmt == "xlsx":
            path = out / f"{name}.xlsx"
            frame.rename(columns=zh_columns(list(frame.columns))).to_excel(path, index=False)
        else:
            path = out / name
            frame.to_parquet(path, partition_cols=["year"], index=False)
        written.append(path)
    return written
