"""Query latency: every query of queries/ (the pages' SQL) on a generated warehouse, p50 and p95
over repeated runs, for the whole city and for one district. Builds the warehouse once (kept
in --db) from N agencies × 2019–2025. Run: python bench/query_bench.py [--agencies 1500]
[--db /tmp/xxgk-query-bench.duckdb] [--repeat 20]"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.ingest import ingest  # noqa: E402
from xxgk.sample.writer import write_corpus  # noqa: E402
from xxgk.warehouse import connect, query_params, run_query, stream_query  # noqa: E402

# queries only the CLI export runs: streamed in Arrow batches (as xxgk/export.py does), their
# cost is the size of the answer (every value of the selection)
STREAMED = {"export_values", "export_reports"}


def _run(con, name: str, params: dict) -> None:
    if name in STREAMED:
        for _ in stream_query(con, name, **params):
            pass
    else:
        run_query(con, name, **params)


def build(db: Path, agencies: int, seed: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        write_corpus(corpus, agencies, seed=seed, truth=False)
        ingest([corpus], db, [corpus / "agencies.csv"], progress=False)


def params_for(name: str, con, district: str | None) -> dict:
    """Values for a query's parameters: the whole sample city (or one district), all years."""
    some = con.execute("select agency_id, report_id, sha256 from reports limit 1").fetchone()
    values = {"city": None, "districts": [district] if district else [], "kinds": [],
              "agency_ids": [], "year_from": 2019, "year_to": 2025, "sample": True,
              "city_level": True, "agency_id": some[0], "year": 2024, "rules": [],
              "severities": [], "embedded_dir": "/nowhere/", "hashes": [some[2]],
              "report_ids": [some[1]], "report_id": some[1], "line_from": 1, "line_to": 40}
    wanted = query_params(name)
    if name == "compare_agencies":
        values["agency_ids"] = [a for (a,) in con.execute(
            "select agency_id from agencies where in_registry limit 4").fetchall()]
    return {k: values[k] for k in wanted}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", type=Path, default=Path("/tmp/xxgk-query-bench.duckdb"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    if not args.db.exists():
        build(args.db, args.agencies, args.seed)
    names = sorted(p.stem for p in (ROOT / "queries").glob("*.sql"))
    with connect(str(args.db)) as con:
        n = con.execute("select count(*) from reports").fetchone()[0]
        values = con.execute("select count(*) from report_values").fetchone()[0]
        district = con.execute("select district from agencies where district is not null "
                               "limit 1").fetchone()[0]
        print(f"{n:,} reports, {values:,} values")
        print("| query | p50 all (ms) | p95 all (ms) | p95 one district (ms) |")
        print("| --- | ---: | ---: | ---: |")
        over = 0
        for name in names:
            row = []
            for where in (None, district):
                params = params_for(name, con, where)
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    _run(con, name, params)
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                row.append((statistics.median(times), times[int(0.95 * (len(times) - 1))]))
            over += row[0][1] > 100
            note = " (streamed: CLI export)" if name in STREAMED else ""
            print(f"| {name}{note} | {row[0][0]:.0f} | {row[0][1]:.0f} | {row[1][1]:.0f} |",
                  flush=True)
        print(f"{over} of {len(names)} queries over 100 ms at p95 (all); peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")


if __name__ == "__main__":
    main()
