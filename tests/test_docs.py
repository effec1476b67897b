"""The data dictionary is generated from the SQL and must be up to date; every metric the
queries use is defined there."""

import re

from xxgk.docs import DICTIONARY, render
from xxgk.warehouse import QUERIES


def test_data_dictionary_is_current():
    assert DICTIONARY.read_text(encoding="utf-8") == render(), "run: python -m xxgk docs"


def test_every_rate_a_query_uses_is_a_documented_macro():
    documented = set(re.findall(r"\| `(\w+)\(", render()))
    used = set()
    for path in QUERIES.glob("*.sql"):
        used |= set(re.findall(r"\b(\w+_rate)\(", path.read_text(encoding="utf-8")))
    assert used and used <= documented


def test_export_formats(small_warehouse, tmp_path):
    import duckdb
    import pandas as pd

    from tests.conftest import FILTERS
    from xxgk.export import export

    db, *_ = small_warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        csv_files = export(con, "csv", tmp_path / "csv", FILTERS)
        xlsx_files = export(con, "xlsx", tmp_path / "xlsx", FILTERS)
        parquet = export(con, "parquet", tmp_path / "pq", FILTERS)
    reports_csv = (tmp_path / "csv" / "reports.csv").read_bytes()
    assert reports_csv.startswith(b"\xef\xbb\xbf") and "机构".encode() in reports_csv[:200]
    assert list(pd.read_excel(tmp_path / "xlsx" / "reports.xlsx").columns)[:3] == \
        ["报告编号", "机构编号", "机构"]
    assert sorted(p.name for p in (tmp_path / "pq" / "reports").iterdir()) == \
        ["year=2021", "year=2022"]
    assert len(csv_files) == len(xlsx_files) == len(parquet) == 3


def test_exports_are_streamed_in_batches_with_the_same_rows(small_warehouse, tmp_path,
                                                           monkeypatch):
    import duckdb
    import pandas as pd

    import xxgk.export
    from tests.conftest import FILTERS
    from xxgk.warehouse import run_query

    db, *_ = small_warehouse
    monkeypatch.setattr(xxgk.export, "BATCH_ROWS", 7)  # every table in several batches
    with duckdb.connect(str(db), read_only=True) as con:
        xxgk.export.export(con, "csv", tmp_path / "csv", FILTERS)
        xxgk.export.export(con, "parquet", tmp_path / "pq", FILTERS)
        whole = run_query(con, "export_values", **FILTERS)
    assert len(whole) > 7 * 3
    streamed = pd.read_csv(tmp_path / "csv" / "values.csv", encoding="utf-8-sig")
    assert len(streamed) == len(whole) and streamed.iloc[:, -1].tolist() == whole.value.tolist()
    assert (tmp_path / "csv" / "values.csv").read_bytes().count(b"\xef\xbb\xbf") == 1
    assert len(pd.read_parquet(tmp_path / "pq" / "values")) == len(whole)


def test_an_export_of_nothing_still_has_its_headers(small_warehouse, tmp_path):
    import duckdb
    import pandas as pd

    from tests.conftest import FILTERS
    from xxgk.export import export

    db, *_ = small_warehouse
    nothing = {**FILTERS, "year_from": 2100, "year_to": 2100}
    with duckdb.connect(str(db), read_only=True) as con:
        export(con, "csv", tmp_path / "csv", nothing)
        export(con, "xlsx", tmp_path / "xlsx", nothing)
        export(con, "parquet", tmp_path / "pq", nothing)
    csv = pd.read_csv(tmp_path / "csv" / "values.csv", encoding="utf-8-sig")
    assert csv.empty and "机构" in csv.columns
    assert pd.read_excel(tmp_path / "xlsx" / "reports.xlsx").columns[:3].tolist() == \
        ["报告编号", "机构编号", "机构"]
    assert (tmp_path / "pq" / "values").is_dir()


def test_an_xlsx_export_past_excels_rows_says_so_and_leaves_no_file(small_warehouse, tmp_path,
                                                                    monkeypatch):
    import subprocess
    import sys

    import duckdb
    import pytest

    import xxgk.export
    from tests.conftest import FILTERS, ROOT

    db, *_ = small_warehouse
    monkeypatch.setattr(xxgk.export, "XLSX_MAX_ROWS", 10)
    with duckdb.connect(str(db), read_only=True) as con, pytest.raises(xxgk.export.ExportTooLarge,
                                                                       match="Excel 一张表放不下"):
        xxgk.export.export(con, "xlsx", tmp_path / "x", FILTERS)
    assert not (tmp_path / "x" / "values.xlsx").exists()
    done = subprocess.run([sys.executable, "-c", "import sys, xxgk.export as e; e.XLSX_MAX_ROWS = 10; "
                           "from xxgk.cli import main; sys.exit(main())", "export", "--format",
                           "xlsx", "--out", str(tmp_path / "y"), "--db", str(db)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "请缩小筛选范围，或导出为 csv / parquet" in done.stderr


def test_every_rule_the_code_can_raise_has_a_chinese_name():
    from tests.conftest import ROOT
    from xxgk.labels import RULE_ZH

    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "xxgk").rglob("*.py"))
    raised = set(re.findall(r'Finding\(\s*"([a-z-]+)"', source))
    raised |= set(re.findall(r'"rule": "([a-z-]+)"', source))
    raised |= set(re.findall(r'problem_rule[:=] ?(?:str = )?"([a-z-]+)"', source))
    assert raised and raised <= set(RULE_ZH), sorted(raised - set(RULE_ZH))
