"""The generator as an oracle for the parser: generate, parse back, compare with the truth.

Per report it counts values right, wrong (present but different; a blank cell read as 0 is not
wrong), missing where the layout does not hide them, metadata mismatches, injected defects the
parser's findings name, and error findings the truth does not explain.
"""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from xxgk.parse import parse_bytes
from xxgk.sample.corpus import DEFAULT_YEARS, generate

META = ("agency", "region", "year", "template", "published_on")


@dataclass
class Outcome:
    """What one report's comparison found."""

    name: str
    layout: str
    values: int = 0
    wrong: list[tuple[str, object, object]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    meta: list[tuple[str, object, object]] = field(default_factory=list)
    defects: int = 0
    caught: int = 0
    not_caught: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.wrong or self.missing or self.meta or self.not_caught or self.unexpected)


TABLES = (("proactive.",), ("requests.",), ("review.", "litigation"))  # sections 二, 三, 四


def _a_whole_table_hidden(expected: dict, hidden: set[str]) -> bool:
    """Whether the layout hid every value of one of the report's tables."""
    for prefixes in TABLES:
        keys = [k for k in expected if k.startswith(prefixes)]
        if keys and all(k in hidden for k in keys):
            return True
    return False


def compare(name: str, content: bytes, truth: dict) -> Outcome:
    """Parse one generated report and hold the record against its truth."""
    record = parse_bytes(content, truth["source"]["path"])
    expected, got = truth["values"], record["values"]
    hidden = set(truth["hidden"])
    out = Outcome(name, truth["layout"], values=len(expected))
    out.wrong = [(k, expected.get(k), v) for k, v in got.items() if expected.get(k, 0) != v]
    out.missing = [k for k in expected if k not in got and k not in hidden]
    out.meta = [(f, truth[f], record[f]) for f in META if truth[f] != record[f]]
    rules = {f["rule"] for f in record["findings"]}
    required = {f["rule"] for f in truth["findings"]
                if f["scope"] == "report" and f["severity"] != "info"}
    visible = [d for d in truth["defects"] if d["scope"] == "report" and d["detectable"]]
    out.defects = len(visible)
    out.caught = sum(d["rule"] in rules for d in visible)
    out.not_caught = sorted(required - rules)
    explained = {f["rule"] for f in truth["findings"]}
    if _a_whole_table_hidden(expected, hidden):
        explained.add("table-unread")  # the layout hid every number of a table: nothing to count
    out.unexpected = sorted({f["rule"] for f in record["findings"] if f["severity"] == "error"}
                            - explained)
    return out


def _compare_packed(item: tuple[str, bytes, dict]) -> Outcome:
    return compare(*item)


@dataclass
class OracleReport:
    reports: int
    values: int
    wrong: int
    missing: int
    hidden: int  # values a text layout hides by dropping blank cells
    hidden_fused: int  # values hidden because the layout runs cells together (T10)
    defects: int
    caught: int
    generate_s: float
    parse_s: float
    failures: list[Outcome]
    by_layout: Counter

    def summary(self) -> str:
        return (f"{self.reports} reports ({dict(sorted(self.by_layout.items()))}), "
                f"{self.values} values: {self.wrong} wrong, {self.missing} missing outside hidden "
                f"({self.hidden} hidden by blank cells dropped, {self.hidden_fused} by cells run "
                f"together); report-scope defects {self.caught}/"
                f"{self.defects} caught; {len(self.failures)} reports with any problem; generated "
                f"in {self.generate_s:.1f}s ({self.reports / self.generate_s:.0f}/s), parsed in "
                f"{self.parse_s:.1f}s ({self.reports / self.parse_s:.0f}/s)")


def run_oracle(n_agencies: int, seed: int = 0, workers: int = 2,
               years: tuple[int, int] = DEFAULT_YEARS, formats: tuple[str, ...] = ("txt",)
               ) -> OracleReport:
    """Generate a corpus per format in memory and parse it back in a process pool."""
    start = time.perf_counter()
    items = []
    for fmt in formats:
        _, stream = generate(n_agencies, years, seed, fmt=fmt)
        items += [(r.name, r.content, r.truth) for r in stream]
    generated = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(_compare_packed, items, chunksize=16))
    parsed = time.perf_counter()
    return OracleReport(
        reports=len(outcomes), values=sum(o.values for o in outcomes),
        wrong=sum(len(o.wrong) for o in outcomes), missing=sum(len(o.missing) for o in outcomes),
        hidden=sum(len(t["hidden"]) for _, _, t in items if t["layout"] != "T10"),
        hidden_fused=sum(len(t["hidden"]) for _, _, t in items if t["layout"] == "T10"),
        defects=sum(o.defects for o in outcomes), caught=sum(o.caught for o in outcomes),
        generate_s=generated - start, parse_s=parsed - generated,
        failures=[o for o in outcomes if not o.ok], by_layout=Counter(o.layout for o in outcomes))
