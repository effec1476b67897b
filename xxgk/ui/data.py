"""The dashboard's data access: one read-only DuckDB connection per warehouse file version,
a cursor per query, cached frames. The warehouse is built from the embedded sample on first run.

The version is the file actually served: its inode, size and mtime in ns. Ingest swaps a new
file into place (a new inode), so the next rerun of any session opens the new warehouse, and
the connection to the old one is closed when it leaves the cache (issue 9).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from xxgk.ingest import SAMPLE_DIR, ensure_sample_warehouse, ingest
from xxgk.reviews import Reviews, store_path
from xxgk.warehouse import DEFAULT_DB, connect, run_query, schema_version

DB_ENV = "XXGK_DB"


def warehouse_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


def _close(con: duckdb.DuckDBPyConnection) -> None:
    con.close()


@st.cache_resource(max_entries=2, on_release=_close)
def _connection(path: str, version: tuple[int, int, int]) -> duckdb.DuckDBPyConnection:
    return connect(path)


def _version(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


@st.cache_data(show_spinner=False)
def _schema_is_current(path: str, version: tuple[int, int, int]) -> bool:
    try:
        found = run_query(_connection(path, version), "schema_version")
    except duckdb.CatalogException:  # built before the schema had a version
        return False
    return not found.empty and found.schema_version.iloc[0] == schema_version()


def connection() -> duckdb.DuckDBPyConnection:
    """The warehouse, built from data/sample/ (with a spinner) when there is none yet, and
    upgraded once (an ingest with no files rebuilds views and macros) when an older version of
    xxgk built it."""
    path = warehouse_path()
    if not path.exists():
        with st.spinner(f"首次运行：正在从 {SAMPLE_DIR.name}/ 的样例报告建立数据仓库……"):
            ensure_sample_warehouse(path)
    if not _schema_is_current(str(path), _version(path)):
        with st.spinner("数据仓库由旧版本建立，正在升级（只需一次）……"):
            ingest([], path, workers=1, progress=False)
    return _connection(str(path), _version(path))


@st.cache_data(show_spinner=False)
def _query(path: str, version: tuple[int, int, int], name: str, params: tuple) -> pd.DataFrame:
    return run_query(_connection(path, version), name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """A query of queries/ with its parameters, cached per warehouse version."""
    connection()
    path = warehouse_path()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _query(str(path), _version(path), name, frozen).copy()


@st.cache_resource
def _reviews(path: str) -> Reviews:
    return Reviews(store_path(Path(path)))


def reviews() -> Reviews:
    """The review decisions of the warehouse served (a file beside it; see xxgk/reviews.py)."""
    return _reviews(str(warehouse_path()))
