"""The dashboard entry renders on a warehouse built at first run from the embedded sample."""

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def test_first_run_builds_the_sample_warehouse_and_renders(tmp_path, monkeypatch):
    db = tmp_path / "warehouse.duckdb"
    monkeypatch.setenv("XXGK_DB", str(db))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    assert not app.exception
    assert db.exists()
    assert app.dataframe and len(app.dataframe[0].value) == 7  # 2019–2025
    assert "样例数据" in app.warning[0].value
