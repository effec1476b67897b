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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m xxgk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_parse = sub.add_parser("parse", help="parse report files (txt for now)")
    p_parse.add_argument("files", nargs="+", type=Path)
    p_parse.add_argument("--json", action="store_true", help="print the parse-output contract")
    p_parse.set_defaults(func=cmd_parse)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error of ours
        sys.stderr.close()
        return 0
