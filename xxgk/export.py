"""Export the warehouse for any engine or for Excel: CSV (UTF-8 with BOM, so Excel on Chinese
Windows reads it), XLSX with Chinese headers, Parquet partitioned by year.

Rows are streamed from DuckDB in Arrow batches and written as they come (issue 13: every value
of a 10^5-report warehouse is 18.6 M rows, which as one pandas frame took 24 GB), so an export
of any size runs in bounded memory. XLSX stops at Excel's sheet limit and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as pa_dataset
from openpyxl import Workbook

from xxgk.labels import zh_columns
from xxgk.warehouse import stream_query

EXPORTS = {"reports": "export_reports", "values": "export_values", "findings": "findings_filtered"}
FORMATS = ("csv", "xlsx", "parquet")
BATCH_ROWS = 100_000  # rows held at a time
XLSX_MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, the header one of them


class ExportTooLarge(ValueError):
    """More rows than the format can hold."""


def frame_to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as Excel on a Chinese Windows opens it: UTF-8 with BOM, Chinese headers."""
    return frame.rename(columns=zh_columns(list(frame.columns))).to_csv(index=False).encode(
        "utf-8-sig")


def _batches(con: duckdb.DuckDBPyConnection, name: str, filters: dict) -> Iterator[pa.RecordBatch]:
    params = {**filters, **({"rules": [], "severities": []} if name == "findings" else {})}
    yield from stream_query(con, EXPORTS[name], BATCH_ROWS, **params)


def _frame(batch: pa.RecordBatch) -> pd.DataFrame:
    frame = batch.to_pandas()
    return frame.assign(keys=frame["keys"].map(list)) if "keys" in frame else frame


def _write_csv(batches: Iterator[pa.RecordBatch], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        first = True
        for batch in batches:
            frame = _frame(batch)
            frame.rename(columns=zh_columns(list(frame.columns))).to_csv(fh, index=False,
                                                                         header=first)
            first = False


def _write_xlsx(batches: Iterator[pa.RecordBatch], path: Path, name: str) -> None:
    book = Workbook(write_only=True)  # rows go to disk as they are added
    sheet = book.create_sheet(name)
    rows = 0
    for batch in batches:
        frame = _frame(batch)
        if rows == 0:
            sheet.append(list(zh_columns(list(frame.columns)).values()))
        rows += len(frame)
        if rows > XLSX_MAX_ROWS:
            book.save(path)  # closes the sheet's open writer; the caller deletes the file
            raise ExportTooLarge(f"{name} 超过 {XLSX_MAX_ROWS:,} 行，Excel 一张表放不下："
                                 "请缩小筛选范围，或导出为 csv / parquet")
        cells = frame.astype(object).where(frame.notna(), None)
        for row in cells.itertuples(index=False):
            sheet.append([", ".join(v) if isinstance(v, list) else v for v in row])
    book.save(path)


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path, filters: dict) -> list[Path]:
    """Write the reports, values and findings in the filter; returns what was written."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTS:
        batches = _batches(con, name, filters)
        if fmt == "csv":
            path = out / f"{name}.csv"
            _write_csv(batches, path)
        elif fmt == "xlsx":
            path = out / f"{name}.xlsx"
            try:
                _write_xlsx(batches, path, name)
            except ExportTooLarge:
                path.unlink(missing_ok=True)
                raise
        else:
            path = out / name
            first = next(batches)
            if first.num_rows:
                pa_dataset.write_dataset(
                    chain([first], batches), path, schema=first.schema, format="parquet",
                    partitioning=["year"], partitioning_flavor="hive",
                    existing_data_behavior="overwrite_or_ignore")
            else:
                path.mkdir(parents=True, exist_ok=True)
        written.append(path)
    return written

