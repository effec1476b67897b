"""Oracle figures: generate N agencies × 2019–2025, parse back in a process pool, compare.
Run: python bench/oracle_bench.py [--agencies 310] [--seed 0] [--workers 2] [--formats txt html]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xxgk.sample.oracle import run_oracle

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=310)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--formats", nargs="+", default=["txt"], help="txt html docx pdf")
    args = parser.parse_args()
    report = run_oracle(args.agencies, args.seed, args.workers, formats=tuple(args.formats))
    print(report.summary())
    for outcome in report.failures[:20]:
        print(" ", outcome.name, outcome.layout, outcome.wrong[:3], outcome.missing[:3],
              outcome.meta, outcome.not_caught, outcome.unexpected)
