"""`python -m xxgk …`: the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from xxgk.parse import parse_file


def _summary(record: dict) -> str:
    """One short human-readable block per parsed file."""
    severities = Counter(f["severity"] for f in record["findings"])
    counts = ", ".join(f"{n} {s}" for s, n in sorted(severities.items())) or "none"
    head = (f"{record['source']['path']}\n"
            f"  agency {record['agency'] or '?'} · region {record['region'] or '?'} · "
            f"year {record['year'] or '?'} · template {record['template'] or '?'} · "
            f"published {record['published_on'] or '?'}\n"
            f"  {len(record['values'])} values · findings: {counts}")
    lines = [head]
    for f in record["findings"]:
        if f["severity"] != "info":
            where = f" ({f['where']})" if f.get("where") else ""
            lines.append(f"  [{f['severity']}] {f['rule']}: {f['message']}{where}")
    return "\n".join(lines)


def cmd_parse(args: argparse.Namespace) -> int:
    """Parse files; unreadable files give one line on stderr and exit code 1."""
    records, failed = [], False
    for name in args.files:
        try:
            records.append(parse_file(name))
        except OSError as exc:
            print(f"xxgk: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            failed = True
    if args.json:
        payload = records[0] if len(args.files) == 1 and records else records
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print("\n".join(_summary(r) for r in records))
    return 1 if failed else 0


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    return int(first), int(last or first)


def cmd_sample(args: argparse.Namespace) -> int:
    """Write a synthetic corpus: reports, their truths, and the agency registry."""
    from xxgk.sample.corpus import RENDERERS
    from xxgk.sample.layouts import LAYOUTS
    from xxgk.sample.writer import write_corpus

    unknown = [f for f in args.formats if f not in RENDERERS]
    unknown += [x for x in (args.layouts or []) if x not in LAYOUTS]
    if unknown:
        print(f"xxgk: unknown format or layout: {', '.join(unknown)} (formats: "
              f"{', '.join(RENDERERS)}; layouts: {', '.join(LAYOUTS)})", file=sys.stderr)
        return 2
    summary = write_corpus(args.out, args.agencies, _years(args.years), args.seed, args.formats,
                           args.layouts, truth=not args.no_truth, registry=args.registry)
    print(summary)
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Load report files and folders into the warehouse; print the summary."""
    from xxgk.cluster import ClusterUnavailable
    from xxgk.ingest import WarehouseBusy, ingest

    missing = [str(p) for p in args.paths if not p.exists()]
    if missing:
        print(f"xxgk: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 1
    def waiting() -> None:
        print(f"xxgk: another run is writing {args.db}; waiting for it to finish …", file=sys.stderr)

    try:
        summary = ingest(args.paths, args.db, args.registry, args.workers,
                         progress=not args.quiet, on_wait=waiting, cluster=args.cluster,
                         parts=args.parts)
    except (WarehouseBusy, ClusterUnavailable) as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return 1
    print(summary.text())
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    """Fetch every agency's report of a year from its website, then load what was saved."""
    from xxgk.collect import REPORTS, CollectBusy, collect, has_reports
    from xxgk.collect.fetch import POLITE, Politeness
    from xxgk.ingest import WarehouseBusy, default_registries, ingest

    if not args.sources.exists():
        print(f"xxgk: no such file: {args.sources}", file=sys.stderr)
        return 1
    registries = args.registry or default_registries(args.db)
    politeness = Politeness(delay=args.delay, timeout=args.timeout,
                            max_bytes=int(args.max_mb * 1024 * 1024), retries=args.retries,
                            backoff=POLITE.backoff)
    try:
        summary = collect(args.sources, args.year, args.out, registries, politeness,
                          allow_private=args.allow_private, progress=not args.quiet)
    except CollectBusy as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"xxgk: 已停止。已采集的机构记在 {args.out} 中，再次运行同一命令会接着采集其余机构。",
              file=sys.stderr)
        return 130
    print(summary.text())
    if args.no_ingest or not has_reports(args.out):
        return 0
    try:
        loaded = ingest([args.out / REPORTS], args.db, registries, progress=not args.quiet)
    except WarehouseBusy as exc:
        print(f"xxgk: {exc}", file=sys.stderr)
        return 1
    print(loaded.text())
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export reports, values and findings in the filter as csv, xlsx or parquet."""
    from xxgk.export import ExportTooLarge, export
    from xxgk.warehouse import connect

    if not args.db.exists():
        print(f"xxgk: no warehouse at {args.db}: run `python -m xxgk ingest` first", file=sys.stderr)
        return 1
    filters = {"city": args.city, "districts": args.districts, "kinds": args.kinds,
               "agency_ids": args.agency_ids, "year_from": args.year_from, "year_to": args.year_to,
               "sample": args.sample, "city_level": not args.no_city_level}
    with connect(args.db) as con:
        try:
            for path in export(con, args.format, args.out, filters):
                print(path)
        except ExportTooLarge as exc:
            print(f"xxgk: {exc}", file=sys.stderr)
            return 1
    return 0


def cmd_editor_hash(args: argparse.Namespace) -> int:
    """Print an editor's line for .streamlit/secrets.toml ([editors]); the password is asked."""
    import getpass

    from argon2 import PasswordHasher

    password = getpass.getpass(f"{args.name} 的口令：")
    if not password or password != getpass.getpass("再输入一次："):
        print("xxgk: 口令为空或两次不一致", file=sys.stderr)
        return 1
    print("[editors]  # in .streamlit/secrets.toml")
    print(f'"{args.name}" = "{PasswordHasher().hash(password)}"')
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    """Regenerate docs/data-dictionary.md from queries/."""
    from xxgk.docs import write

    print(write())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m xxgk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_parse = sub.add_parser("parse", help="parse report files (txt, html, docx, pdf)")
    p_parse.add_argument("files", nargs="+", type=Path)
    p_parse.add_argument("--json", action="store_true", help="print the parse-output contract")
    p_parse.set_defaults(func=cmd_parse)
    p_sample = sub.add_parser("sample", help="generate a synthetic corpus with ground truth")
    p_sample.add_argument("--out", type=Path, required=True)
    p_sample.add_argument("--agencies", type=int, default=100)
    p_sample.add_argument("--years", default="2019-2025", help="e.g. 2019-2025")
    p_sample.add_argument("--seed", type=int, default=0)
    p_sample.add_argument("--formats", nargs="+", default=["txt"],
                          help="txt html (each report in one of them)")
    p_sample.add_argument("--layouts", nargs="+", default=None, help="default: all text layouts")
    p_sample.add_argument("--registry", type=Path, default=None,
                          help="where agencies.csv goes (default: OUT/agencies.csv)")
    p_sample.add_argument("--no-truth", action="store_true", help="reports only, no .truth.json")
    p_sample.set_defaults(func=cmd_sample)
    from xxgk.warehouse import DEFAULT_DB

    p_ingest = sub.add_parser("ingest", help="load report files into the DuckDB warehouse")
    p_ingest.add_argument("paths", nargs="+", type=Path)
    p_ingest.add_argument("--db", type=Path, default=DEFAULT_DB)
    p_ingest.add_argument("--registry", type=Path, action="append", default=None,
                          help="agency registry CSV (repeatable; default: agencies*.csv beside the db)")
    p_ingest.add_argument("--workers", type=int, default=None, help="default: all cores")
    p_ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    p_ingest.add_argument("--cluster", metavar="tcp://HOST:PORT",
                          help="parse on the workers of this Dask scheduler (README: a cluster)")
    p_ingest.add_argument("--parts", metavar="FOLDER_OR_URL",
                          help="with --cluster: where workers write Parquet (shared by all; "
                               "default: DB.parts beside the warehouse)")
    p_ingest.set_defaults(func=cmd_ingest)
    p_collect = sub.add_parser("collect", help="fetch the year's reports from the agencies' "
                                              "websites (SOURCES.csv: agency,url), then ingest")
    p_collect.add_argument("sources", type=Path, help="CSV, UTF-8, header agency,url")
    p_collect.add_argument("--year", type=int, required=True, help="the report year, e.g. 2024")
    p_collect.add_argument("--out", type=Path, required=True, help="folder for files and manifest")
    p_collect.add_argument("--db", type=Path, default=DEFAULT_DB)
    p_collect.add_argument("--registry", type=Path, action="append", default=None,
                           help="agency registry CSV (default: agencies*.csv beside the db)")
    p_collect.add_argument("--delay", type=float, default=1.0,
                           help="seconds between two requests to one host (default 1)")
    p_collect.add_argument("--timeout", type=float, default=20.0, help="seconds (default 20)")
    p_collect.add_argument("--retries", type=int, default=3,
                           help="further tries after a 5xx or a timeout, waiting 1, 2, 4 … s "
                                "(default 3)")
    p_collect.add_argument("--max-mb", type=float, default=50.0,
                           help="largest response kept, in MB (default 50)")
    p_collect.add_argument("--allow-private", action="store_true",
                           help="also fetch loopback and private-network addresses (tests, "
                                "an intranet); refused by default")
    p_collect.add_argument("--no-ingest", action="store_true", help="fetch only")
    p_collect.add_argument("--quiet", action="store_true", help="no progress bar")
    p_collect.set_defaults(func=cmd_collect)
    p_export = sub.add_parser("export", help="export the warehouse (csv, xlsx, parquet)")
    p_export.add_argument("--format", choices=["csv", "xlsx", "parquet"], required=True)
    p_export.add_argument("--out", type=Path, required=True)
    p_export.add_argument("--db", type=Path, default=DEFAULT_DB)
    p_export.add_argument("--city", default=None)
    p_export.add_argument("--districts", nargs="*", default=[])
    p_export.add_argument("--kinds", nargs="*", default=[], help="街道 乡镇 部门 政府")
    p_export.add_argument("--agency-ids", nargs="*", default=[])
    p_export.add_argument("--year-from", type=int, default=2019)
    p_export.add_argument("--year-to", type=int, default=2100)
    p_export.add_argument("--sample", action="store_true",
                          help="the invented sample reports instead of the real ones (never both)")
    p_export.add_argument("--no-city-level", action="store_true", help="leave out 市级 agencies")
    p_export.set_defaults(func=cmd_export)
    sub.add_parser("docs", help="regenerate docs/data-dictionary.md").set_defaults(func=cmd_docs)
    p_editor = sub.add_parser("editor-hash", help="an editor's password hash for secrets.toml")
    p_editor.add_argument("name")
    p_editor.set_defaults(func=cmd_editor_hash)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return 0
