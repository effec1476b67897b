"""The dashboard's data access: one read-only DuckDB connection per warehouse file version
(keyed by its mtime, so a rebuilt warehouse is picked up), a cursor per query, cached frames.
The warehouse is built from the embedded sample on first run."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from xxgk.ingest import SAMPLE_DIR, ensure_sample_warehouse
from xxgk.warehouse import DEFAULT_DB, connect, run_query

DB_ENV = "XXGK_DB"


def warehouse_path() -> Path:
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


@st.cache_resource
def _connection(path: str, mtime: float) -> duckdb.DuckDBPyConnection:
    return connect(path)


def connection() -> duckdb.DuckDBPyConnection:
    """The warehouse, built from data/sample/ (with a spinner) when there is none yet."""
    path = warehouse_path()
    if not path.exists():
        with st.spinner(f"首次运行：正在从 {SAMPLE_DIR.name}/ 的样例报告建立数据仓库……"):
            ensure_sample_warehouse(path)
    return _connection(str(path), path.stat().st_mtime)


@st.cache_data(show_spinner=False)
def _query(path: str, mtime: float, name: str, params: tuple) -> pd.DataFrame:
    return run_query(_connection(path, mtime), name, **dict(params))


def query(name: str, **params) -> pd.DataFrame:
    """A query of queries/ with its parameters, cached per warehouse version."""
    connection()
    path = warehouse_path()
    frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _query(str(path), path.stat().st_mtime, name, frozen).copy()
