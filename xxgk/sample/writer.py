"""Write a generated corpus to disk: NAME.<ext>, NAME.truth.json beside it, agencies.csv, and
synthetic.csv naming every invented report file (ingest marks them as sample data even when
no truth file is written, as in data/sample/)."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

from tqdm import tqdm

from xxgk.sample import MANIFEST
from xxgk.sample.corpus import DEFAULT_YEARS, generate
from xxgk.sample.places import registry_rows

REGISTRY_FIELDS = ["agency_id", "name", "aliases", "kind", "level", "district", "city", "province",
                   "sample"]


def write_registry(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REGISTRY_FIELDS)
        writer.writeheader()
        writer.writerows(rows)


def write_manifest(path: Path, names: list[str]) -> None:
    """The invented report files of a folder, one per row (header ``file``)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file"])
        writer.writerows([name] for name in sorted(names))


def write_corpus(out: Path, n_agencies: int, years: tuple[int, int] = DEFAULT_YEARS,
                 seed: int = 0, formats: list[str] | None = None, layouts: list[str] | None = None,
                 truth: bool = True, registry: Path | None = None) -> str:
    """Generate and write (each report in one of ``formats``); returns a one-line summary with
    the generator's speed."""
    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    written, size, names = 0, 0, []
    agencies, stream = generate(n_agencies, years, seed, layouts, tuple(formats or ["txt"]))
    for report in tqdm(stream, desc="sample", unit="report", leave=False, disable=None):
        (out / f"{report.name}{report.ext}").write_bytes(report.content)
        names.append(f"{report.name}{report.ext}")
        size += len(report.content)
        if truth:
            text = json.dumps(report.truth, ensure_ascii=False, separators=(",", ":"))
            (out / f"{report.name}.truth.json").write_text(text + "\n", encoding="utf-8")
        written += 1
    write_registry(registry or out / "agencies.csv", registry_rows(agencies))
    write_manifest(out / MANIFEST, names)
    seconds = time.perf_counter() - start
    return (f"{written} reports of {len(agencies)} agencies, {years[0]}–{years[1]}, "
            f"{size / 1e6:.1f} MB of reports in {out} ({written / seconds:.0f} reports/s)")
