"""Ingest speed and warehouse size: generate N agencies × 2019–2025 into a temp folder, ingest
(all cores), ingest again (all duplicates). Run: python bench/ingest_bench.py [--agencies 1500]"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xxgk.ingest import ingest
from xxgk.sample.writer import write_corpus

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus, db = Path(tmp) / "corpus", Path(tmp) / "warehouse.duckdb"
        print(write_corpus(corpus, args.agencies, seed=args.seed, truth=False))
        for label in ("first ingest", "same files again"):
            start = time.perf_counter()
            summary = ingest([corpus], db, [corpus / "agencies.csv"], progress=False)
            seconds = time.perf_counter() - start
            print(f"{label}: {summary.files} files, {summary.loaded} loaded, {summary.duplicates} "
                  f"duplicates in {seconds:.1f}s ({summary.files / seconds:.0f} files/s)")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"warehouse {db.stat().st_size / 1e6:.0f} MB; peak RSS of this process {peak:.0f} MB")
