"""Several people at once: N browser sessions click through every page of the dashboard on the
sample warehouse for a bounded time, on loopback; page latency p50/p95 and errors.

Run: python bench/load_sessions.py [--sessions 10] [--seconds 60]
(needs Debian's chromium on PATH and Playwright, as the browser test does.)
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_browser import ARGS, CHROMIUM, PAGES, _serve  # noqa: E402
from xxgk.ingest import ensure_sample_warehouse  # noqa: E402

IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def session(args: tuple[str, float, int]) -> tuple[list[float], int]:
    """One person: open every page in turn until the time is up; (latencies, errors)."""
    from playwright.sync_api import sync_playwright

    url, seconds, offset = args
    latencies, errors = [], 0
    paths = list(PAGES)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        deadline, i = time.time() + seconds, offset
        while time.time() < deadline:
            path = paths[i % len(paths)]
            start = time.perf_counter()
            try:
                page.goto(f"{url}/{'' if path == 'overview' else path}", timeout=120_000)
                page.get_by_role("heading", name=PAGES[path]).first.wait_for(timeout=120_000)
                page.wait_for_function(IDLE, timeout=120_000)
                latencies.append(time.perf_counter() - start)
                errors += page.locator('[data-testid="stException"]').count()
            except Exception:
                errors += 1
            i += 1
        browser.close()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        ensure_sample_warehouse(db)
        with _serve(db) as url, multiprocessing.Pool(args.sessions) as pool:
            results = pool.map(session, [(url, args.seconds, k) for k in range(args.sessions)])
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    print(f"{args.sessions} sessions × {args.seconds:.0f} s: {len(latencies)} page loads, "
          f"{errors} errors, latency p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s")


if __name__ == "__main__":
    main()
