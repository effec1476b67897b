"""Ingest speed, warehouse size and memory: generate N agencies × 2019–2025 into a temp folder,
ingest (all cores), ingest again (all duplicates). Each corpus size runs in a fresh process, so
its peak RSS is its own. Run: python bench/ingest_bench.py [--agencies 300 1500]"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one(agencies: int, seed: int, keep: Path | None = None) -> dict:
    """One corpus size, in this process: figures as a dict."""
    from xxgk.ingest import ingest
    from xxgk.sample.writer import write_corpus

    out: dict = {"agencies": agencies}
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "warehouse.duckdb"
        write_corpus(corpus, agencies, seed=seed, truth=False)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for label in ("first", "again"):
            start = time.perf_counter()
            summary = ingest([corpus], db, [corpus / "agencies.csv"], progress=False)
            out[label] = {"files": summary.files, "loaded": summary.loaded,
                          "duplicates": summary.duplicates,
                          "seconds": round(time.perf_counter() - start, 1)}
        out["warehouse_mb"] = round(db.stat().st_size / 1e6)
        if keep is not None:  # for bench/query_bench.py and bench/pages_bench.py at this size
            shutil.copyfile(db, keep)
    out["rss_before_mb"] = round(before)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["worker_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, nargs="+", default=[300, 1500])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="copy the largest size's warehouse here")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.agencies[0], args.seed, args.keep)))
        sys.exit(0)
    print("| corpus | reports | first ingest | same files again | warehouse | peak RSS (main) | "
          "peak RSS (a worker) |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in args.agencies:
        keep = ["--keep", str(args.keep)] if args.keep and n == max(args.agencies) else []
        done = subprocess.run([sys.executable, __file__, "--one", "--agencies", str(n), "--seed",
                               str(args.seed), *keep], capture_output=True, text=True, check=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        first, again = r["first"], r["again"]
        print(f"| {n} agencies × 2019–2025 | {first['loaded']:,} | {first['seconds']} s "
              f"({first['loaded'] / first['seconds']:.0f} reports/s) | {again['seconds']} s "
              f"({again['duplicates']:,} duplicates) | {r['warehouse_mb']} MB | "
              f"{r['peak_rss_mb']} MB | {r['worker_peak_rss_mb']} MB |", flush=True)
