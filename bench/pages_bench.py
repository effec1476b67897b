"""Page render times on the sample warehouse (AppTest, in-process, warm caches excluded: each
page is rendered once cold — first query of the session — and once warm).
Run: python bench/pages_bench.py"""

from __future__ import annotations

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
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        start = time.perf_counter()
        ensure_sample_warehouse(db)
        print(f"first-run build of the sample warehouse: {time.perf_counter() - start:.1f}s")
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
