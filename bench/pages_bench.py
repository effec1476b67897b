"""Page render times, server side (AppTest, in-process): each page rendered once cold — first
query of the session — and once warm, on the sample warehouse or on a given one (issue 13: a
10^5-report warehouse kept by bench/ingest_bench.py --keep).
Run: python bench/pages_bench.py [--db PATH]"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from xxgk.ingest import ensure_sample_warehouse  # noqa: E402

PAGES = ["overview", "requests", "outcomes", "review", "proactive", "agency", "compare",
         "quality", "upload"]

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, help="an existing warehouse (default: build the sample)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "warehouse.duckdb"
        if args.db is None:
            start = time.perf_counter()
            ensure_sample_warehouse(db)
            print(f"first-run build of the sample warehouse: {time.perf_counter() - start:.1f}s")
        else:
            import duckdb

            with duckdb.connect(str(db), read_only=True) as con:
                n = con.execute("select count(*) from reports").fetchone()[0]
            print(f"warehouse {db}: {n:,} reports")
        os.environ["XXGK_DB"] = str(db)
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
        print(f"{'page':10} {'cold ms':>8} {'warm ms':>8}")
        for page in PAGES:
            times = []
            for _ in range(2):
                start = time.perf_counter()
                app.switch_page(str(ROOT / "views" / f"{page}.py")).run()
                times.append((time.perf_counter() - start) * 1000)
            print(f"{page:10} {times[0]:8.0f} {times[1]:8.0f}")
