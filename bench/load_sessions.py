"""Several people at once: N browser sessions open the dashboard and click through every page in
its sidebar on the sample warehouse for a bounded time, on loopback; page latency p50/p95,
errors, and the CPU the dashboard and the browser used.

Run: python bench/load_sessions.py [--sessions 10] [--seconds 60]
(needs Debian's chromium on PATH and Playwright, as the browser test does.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.serve import ARGS, CHROMIUM, PAGES, protocol_session, serve  # noqa: E402
from xxgk.ingest import ensure_sample_warehouse  # noqa: E402

CLOCK = os.sysconf("SC_CLK_TCK")


class CpuMeter(threading.Thread):
    """CPU seconds of the dashboard server and of the browser over the run, from /proc (each
    process's last reading kept, so processes that end early still count)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: dict[int, tuple[str, float]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.sample()

    def sample(self) -> None:
        for proc in Path("/proc").iterdir():
            if not proc.name.isdigit():
                continue
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            kind = ("server" if "streamlit run" in cmdline else
                    "browser" if "chromium" in cmdline else None)
            if kind:
                self.seen[int(proc.name)] = (kind, (int(fields[11]) + int(fields[12])) / CLOCK)

    def totals(self) -> dict[str, float]:
        self.done.set()
        out = {"server": 0.0, "browser": 0.0}
        for kind, seconds in self.seen.values():
            out[kind] += seconds
        return out


IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


async def session(browser, url: str, seconds: float, offset: int) -> tuple[list[float], list[str]]:
    """One person (a browser context of its own): opens the dashboard once, then clicks through
    every page in the sidebar until the time is up, as a supervisor browses."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    latencies, errors, paths = [], [], list(PAGES)
    deadline, i = time.time() + seconds, offset
    start = time.perf_counter()
    try:
        await page.goto(url, timeout=120_000)
        await page.get_by_role("heading", name=PAGES["overview"]).first.wait_for(timeout=120_000)
        await page.wait_for_function(IDLE, timeout=120_000)
        latencies.append(time.perf_counter() - start)
    except Exception as exc:
        errors.append(f"open: {str(exc).splitlines()[0][:80]}")
    while time.time() < deadline:
        path = paths[i % len(paths)]
        start = time.perf_counter()
        try:
            href = f"{url}/{'' if path == 'overview' else path}"
            await page.locator(f'[data-testid="stSidebarNavLink"][href="{href}"]').click(
                timeout=120_000)
            await page.get_by_role("heading", name=PAGES[path]).first.wait_for(timeout=120_000)
            await page.wait_for_function(IDLE, timeout=120_000)
            latencies.append(time.perf_counter() - start)
            errors += ["exception box"] * await page.locator('[data-testid="stException"]').count()
        except Exception as exc:
            errors.append(f"{path}: {str(exc).splitlines()[0][:80]}")
        i += 1
    await context.close()
    return latencies, errors


async def sessions(url: str, n: int, seconds: float, client: str
                   ) -> list[tuple[list[float], list[str]]]:
    """N sessions: browser contexts in one headless Chromium (one browser process keeps the load
    generator as light as a browser can be), or protocol clients."""
    if client == "protocol":
        return list(await asyncio.gather(*(protocol_session(url, seconds, k) for k in range(n))))
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
    parser.add_argument("--client", choices=["browser", "protocol"], default="browser",
                        help="browser: Chromium renders every page on this machine too; "
                             "protocol: Streamlit's websocket messages only, as when each "
                             "supervisor's browser runs on their own computer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "warehouse.duckdb"
        ensure_sample_warehouse(db)
        with serve(db) as url:
            meter = CpuMeter()
            meter.sample()
            before = meter.totals()
            meter = CpuMeter()
            meter.start()
            results = asyncio.run(sessions(url, args.sessions, args.seconds, args.client))
            cpu = {k: v - before.get(k, 0.0) for k, v in meter.totals().items()}
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = [e for _, errs in results for e in errs]
    p95 = latencies[int(len(latencies) * 0.95) - 1] if latencies else float("nan")
    print(f"{args.sessions} {args.client} sessions × {args.seconds:.0f} s: {len(latencies)} page loads, "
          f"{len(errors)} errors, latency p50 {statistics.median(latencies):.2f} s, p95 {p95:.2f} s; "
          f"CPU seconds: dashboard {cpu['server']:.0f}, browser {cpu['browser']:.0f} "
          f"(of {os.cpu_count()} cores × {args.seconds:.0f} s)")
    for error, count in Counter(errors).most_common():
        print(f"  {count} × {error}")


if __name__ == "__main__":
    main()
