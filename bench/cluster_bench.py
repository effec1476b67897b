"""Ingest on a Dask cluster with 1 and then 2 worker processes (a local scheduler on this
machine), against the local process pool: the speed-up from adding a worker.
Run: python bench/cluster_bench.py [--agencies 300]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from distributed import LocalCluster

    from xxgk.ingest import ingest
    from xxgk.sample.writer import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, args.agencies, seed=args.seed, truth=False)
        registry = [corpus / "agencies.csv"]
        print("| parse on | reports | ingest | reports/s | speed-up |")
        print("| --- | ---: | ---: | ---: | ---: |")
        base = None
        for label, workers in (("Dask, 1 worker process", 1), ("Dask, 2 worker processes", 2),
                               ("local pool, 2 processes (no --cluster)", 0)):
            db = Path(tmp) / f"w{workers}.duckdb"
            if workers:  # timed from a running cluster, as a standing one is used
                with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
                    start = time.perf_counter()
                    summary = ingest([corpus], db, registry, progress=False,
                                     cluster=cluster.scheduler_address)
                    seconds = time.perf_counter() - start
            else:
                start = time.perf_counter()
                summary = ingest([corpus], db, registry, workers=2, progress=False)
                seconds = time.perf_counter() - start
            base = base or seconds
            print(f"| {label} | {summary.loaded:,} | {seconds:.1f} s | "
                  f"{summary.loaded / seconds:.0f} | ×{base / seconds:.2f} |", flush=True)


if __name__ == "__main__":
    main()
