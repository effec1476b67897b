"""Shared test helpers: paths, the ../shared folder (skipped where absent), parsing text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from xxgk.parse import parse_bytes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "sample" / "000_94358fe22916de47.txt"


def shared_file(relative: str) -> Path:
    """A file of ../shared; the test skips, saying why, where that folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: ../shared is not laid beside this checkout")
    return path


def parse_text(text: str, path: str = "report.txt") -> dict:
    return parse_bytes(text.encode("utf-8"), path)


def rules(record: dict, severity: str | None = None) -> set[str]:
    return {f["rule"] for f in record["findings"] if severity in (None, f["severity"])}


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The embedded sample's warehouse, built once per run. Tests read it; a test or module that
    writes (reviews, placements, uploads) works on its own copy (``copy_warehouse``)."""
    from xxgk.ingest import ensure_sample_warehouse

    db = tmp_path_factory.mktemp("sample") / "warehouse.duckdb"
    ensure_sample_warehouse(db)
    return db


def copy_warehouse(db: Path, folder: Path) -> Path:
    """A private copy of a warehouse file in ``folder`` (no review store: it starts empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / db.name
    shutil.copyfile(db, target)
    return target


@pytest.fixture(scope="session")
def small_warehouse(tmp_path_factory):
    """(db path, ingest summary, corpus folder, registry) of the hand-written warehouse."""
    from tests.warehouse_fixture import write_corpus
    from xxgk.ingest import ingest

    base = tmp_path_factory.mktemp("wh")
    folder, registry = write_corpus(base / "reports")
    db = base / "warehouse.duckdb"
    summary = ingest([folder], db, [registry], workers=2, progress=False)
    return db, summary, folder, registry


FILTERS = dict(city=None, districts=[], kinds=[], agency_ids=[], year_from=2019, year_to=2030,
               sample=False, city_level=True)


@pytest.fixture(scope="session")
def empty_warehouse(tmp_path_factory):
    """A warehouse with the schema and no report."""
    import duckdb

    from xxgk.warehouse import create_schema

    path = tmp_path_factory.mktemp("empty") / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        create_schema(con)
    return path
