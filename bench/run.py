"""Every benchmark in one run, its output written between the markers of BENCHMARKS.md's
"Last full run" section (the hand-written sections above it explain the figures).

    python bench/run.py            # ~30 min on the 2-core machine (+30 min the first time, to
                                   # build the 10^5-report warehouse): parse per format (floors,
                                   # targets), oracle, ingest at 10^4 and 5×10^4 reports, the
                                   # cluster's 1→2 workers, queries and pages at 10^5, pages on
                                   # the sample, ten sessions
    python bench/run.py --quick    # ~2 min: smaller corpora, no sessions

Each benchmark runs as its own process (its memory is its own) and prints Markdown."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- bench/run.py: begin -->", "<!-- bench/run.py: end -->"

BIG = "/tmp/xxgk-bench-run-100k.duckdb"  # the 10^5-report warehouse (--big-db)


def full(big: str) -> list[tuple[str, list[str]]]:
    """The whole set; the 10^5-report warehouse is built (and its ingest measured) only when
    ``big`` is not there yet — it takes ~30 min on its own."""
    build = [] if Path(big).exists() else [
        ("Ingest of 10^5 reports (kept for the queries and pages below)",
         ["ingest_bench.py", "--agencies", "15000", "--keep", big])]
    return [("Parse speed per layout and format, with floors and targets", ["parse_bench.py"]),
            ("Oracle (CI corpus: text and web pages)",
             ["oracle_bench.py", "--agencies", "170", "--formats", "txt", "html"]),
            ("Ingest at 10^4 and 5×10^4 reports (peak RSS per size)",
             ["ingest_bench.py", "--agencies", "1500", "7500"]),
            *build,
            ("Ingest on a Dask cluster: 1 and 2 worker processes", ["cluster_bench.py"]),
            ("Queries at 10^5 reports (p50/p95)", ["query_bench.py", "--repeat", "5", "--db", big]),
            ("Pages at 10^5 reports (AppTest, server side)", ["pages_bench.py", "--db", big]),
            ("Pages (AppTest, sample warehouse)", ["pages_bench.py"]),
            ("Ten browser-protocol sessions",
             ["load_sessions.py", "--sessions", "10", "--seconds", "60"])]


QUICK = [("Parse speed per layout and format", ["parse_bench.py", "--reports", "10", "--pdfs", "2"]),
         ("Oracle (small corpus)", ["oracle_bench.py", "--agencies", "30", "--formats", "txt", "html"]),
         ("Ingest, 2k reports", ["ingest_bench.py", "--agencies", "300"]),
         ("Queries at 2k reports", ["query_bench.py", "--agencies", "300", "--repeat", "5",
                                    "--db", "/tmp/xxgk-bench-run-300.duckdb"]),
         ("Pages (AppTest, sample warehouse)", ["pages_bench.py"])]


def run(title: str, argv: list[str]) -> str:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / argv[0]), *argv[1:]], cwd=ROOT,
                          capture_output=True, text=True)
    took = time.perf_counter() - start
    body = done.stdout.strip() or "(no output)"
    if done.returncode:
        body += f"\n\nexit {done.returncode}:\n" + done.stderr.strip()[-2000:]
    return (f"### {title}\n\n`python bench/{' '.join(argv)}` — {took:.0f} s\n\n"
            + (body if body.lstrip().startswith("|") else "```\n" + body + "\n```") + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--big-db", default=BIG,
                        help="a 10^5-report warehouse to query (built when absent)")
    args = parser.parse_args()
    Path("/tmp/xxgk-bench-run-300.duckdb").unlink(missing_ok=True)
    parts = [f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}"
             + (" (--quick)" if args.quick else "") + ".\n"]
    for title, argv in (QUICK if args.quick else full(args.big_db)):
        print(f"bench: {title} …", file=sys.stderr, flush=True)
        parts.append(run(title, argv))
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8")
    section = f"{BEGIN}\n" + "\n".join(parts) + f"\n{END}"
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n## Last full run — `python bench/run.py`\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"bench: written to {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
