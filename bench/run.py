"""Every benchmark in one run, its output written between the markers of BENCHMARKS.md's
"Last full run" section (the hand-written sections above it explain the figures).

    python bench/run.py            # ~60 min on the 2-core machine: parse per format (floors,
                                   # targets), oracle, ingest at 10^4, 5×10^4 and 10^5 reports,
                                   # the cluster's 1→2 workers, queries and pages at 10^5,
                                   # pages on the sample, ten sessions
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

BIG = "/tmp/xxgk-bench-run-100k.duckdb"  # the 10^5-report warehouse the ingest step keeps
FULL = [("Parse speed per layout and format, with floors and targets", ["parse_bench.py"]),
        ("Oracle (CI corpus: text and web pages)",
         ["oracle_bench.py", "--agencies", "170", "--formats", "txt", "html"]),
        ("Ingest at 10^4, 5×10^4 and 10^5 reports (peak RSS per size)",
         ["ingest_bench.py", "--agencies", "1500", "7500", "15000", "--keep", BIG]),
        ("Ingest on a Dask cluster: 1 and 2 worker processes", ["cluster_bench.py"]),
        ("Queries at 10^5 reports (p50/p95)", ["query_bench.py", "--repeat", "5", "--db", BIG]),
        ("Pages at 10^5 reports (AppTest, server side)", ["pages_bench.py", "--db", BIG]),
        ("Pages (AppTest, sample warehouse)", ["pages_bench.py"]),
        ("Ten browser-protocol sessions", ["load_sessions.py", "--sessions", "10", "--seconds", "60"])]
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
    args = parser.parse_args()
    for stale in (BIG, "/tmp/xxgk-bench-run-300.duckdb"):
        Path(stale).unlink(missing_ok=True)
    parts = [f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()}"
             + (" (--quick)" if args.quick else "") + ".\n"]
    for title, argv in (QUICK if args.quick else FULL):
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
