"""Several people at once: N browser sessions click through every page of the dashboard on the
sample warehouse for a bounded time, on loopback; page latency p50/p95 and errors.

Run: python bench/load_sessions.py [--sessions 10] [--seconds 60]
(needs Debian's chromium on PATH and Playwright, as the browser test does.)
"""

from __future__ import annotations

import argparse
import asyncio
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


async def session(browser, url: str, seconds: float, offset: int) -> tuple[list[float], int]:
    """One person (a browser context of its own): every page in turn until the time is up."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    latencies, errors, paths = [], 0, list(PAGES)
    deadline, i = time.time() + seconds, offset
    while time.time() < deadline:
        path = paths[i % len(paths)]
        start = time.perf_counter()
        try:
            await page.goto(f"{url}/{'' if path == 'overview' else path}", timeout=120_000)
            await page.get_by_role("heading", name=PAGES[path]).first.wait_for(timeout=120_000)
            await page.wait_for_function(IDLE, timeout=120_000)
            latencies.append(time.perf_counter() - start)
            errors += await page.locator('[data-testid="stException"]').count()
        except Exception:
            errors += 1
        i += 1
    await context.close()
    return latencies, errors


async def sessions(url: str, n: int, seconds: float) -> list[tuple[list[float], int]]:
    """N sessions in one headless Chromium (one browser process keeps the load generator light
    on a 2-core machine: what is measured is the dashboard, not ten browsers starting)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        results = await asyncio.gather(*(session(browser, url, seconds, k) for k in range(n)))
        await browser.close()
    return list(results)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        ensure_sample_warehouse(db)
        with _serve(db) as url:
            results = asyncio.run(sessions(url, args.sessions, args.seconds))
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    print(f"{args.sessions} sessions × {args.seconds:.0f} s: {len(latencies)} page loads, "
          f"{errors} errors, latency p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s")


if __name__ == "__main__":
    main()
