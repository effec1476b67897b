"""The key registry and the records every stage passes on.

Every number the product knows has a canonical key (``requests.granted.total``,
``review.corrected``, ``proactive.rules.issued`` …). The keys are read once, here, from
the spec CSVs shipped in ``xxgk/spec`` (copies of ../shared/spec, checked equal by a test);
every other module asks this one.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import ParamSpec, TypeVar

SPEC_DIR = Path(__file__).with_name("spec")
SEVERITIES = ("error", "warning", "info")
ACTIONABLE = SEVERITIES[:2]  # what a supervisor acts on: errors and warnings, not info
_TEMPLATES_FILE = [SPEC_DIR / "templates.toml"]

@dataclass(frozen=True)
class KeyInfo:
    """One canonical key: where it lives, its Chinese label, and the formats that have it."""

    key: str
    section: int
    label_zh: str
    templates: frozenset[str]


@dataclass
class Finding:
    """A problem met while parsing or checking a report; never an exception."""

    rule: str
    severity: str
    message: str
    keys: list[str] = field(default_factory=list)
    where: str | None = None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "keys": list(self.keys), "where": self.where}


def _read_csv(name: str) -> list[dict[str, str]]:
    with (SPEC_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _templates(spec: str) -> frozenset[str]:
    """The formats that have a key whose template column says ``spec`` ("2019+2021"): those
    named, and every format that extends one of them."""
    named = set(spec.split("+"))
    return frozenset(t.version for t in templates().values() if t.keys_of in named)


@cache
def request_rows() -> tuple[tuple[str, frozenset[str], str], ...]:
    """(row, templates, label) of section 三, in the order the format prints them."""
    return tuple((r["row"], _templates(r["template"]), r["label_zh"])
                 for r in _read_csv("requests-rows.csv"))


def rows_of(template: str) -> list[str]:
    """The section-三 rows one format prints, in order."""
    return [row for row, templates, _ in request_rows() if template in templates]


def outcome_rows(template: str) -> list[str]:
    """The rows between 三、本年度办理结果 and （七）总计 whose sum （七） is."""
    rows = rows_of(template)
    return rows[rows.index("granted"):rows.index("outcome_total")]


@cache
def request_columns() -> tuple[tuple[str, str], ...]:
    """(col, label) of the seven applicant columns of section 三, in print order."""
    return tuple((r["col"], r["label_zh"]) for r in _read_csv("columns.csv")
                 if r["group"] == "requests")


@cache
def outcome_columns() -> tuple[tuple[str, str], ...]:
    """(col, label) of the five columns of each block of section 四, in print order."""
    return tuple((r["col"], r["label_zh"]) for r in _read_csv("columns.csv")
                 if r["group"] == "review/litigation")


REVIEW_BLOCKS = ("review", "litigation_direct", "litigation_after_review")


@cache
def review_block_labels() -> dict[str, str]:
    """Block → its Chinese name, from fields.csv (行政诉讼 未经复议直接起诉 → 行政诉讼·未经复议直接起诉)."""
    out = {}
    for r in _read_csv("fields.csv"):
        block = r["key"].split(".")[0]
        if block in REVIEW_BLOCKS:
            out[block] = "·".join(r["label_zh"].split(" × ")[0].split())
    return out


@cache
def registry() -> dict[str, KeyInfo]:
    """Every canonical key, expanded from the three spec CSVs, in report order."""
    keys: dict[str, KeyInfo] = {}
    for r in _read_csv("fields.csv"):
        if "<" not in r["key"]:
            keys[r["key"]] = KeyInfo(r["key"], int(r["section"]), r["label_zh"],
                                     _templates(r["template"]))
    for row, tpls, row_label in request_rows():
        for col, col_label in request_columns():
            key = f"requests.{row}.{col}"
            keys[key] = KeyInfo(key, 3, f"{row_label} × {col_label}", tpls)
    for block in REVIEW_BLOCKS:
        for col, col_label in outcome_columns():
            key = f"{block}.{col}"
            keys[key] = KeyInfo(key, 4, f"{review_block_labels()[block]} × {col_label}",
                                frozenset(templates()))
    return keys


def keys_for(template: str, section: int | None = None) -> list[str]:
    """The keys a report of this format has, optionally of one section only."""
    return [k for k, info in registry().items()
            if template in info.templates and (section is None or info.section == section)]


def request_key(row: str, col: str) -> str:
    return f"requests.{row}.{col}"


# The national formats (spec/templates.toml) ─────────────────────────────────────────────────


@dataclass(frozen=True)
class Template:
    """One national format: its version, the first report year it is for, the version whose
    keys it has, the words that recognise its tables, and its row anchors and labels."""

    version: str
    first_year: int
    keys_of: str
    signals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


@cache
def _format_spec() -> dict:
    with _TEMPLATES_FILE[0].open("rb") as fh:
        return tomllib.load(fh)


@cache
def templates() -> dict[str, Template]:
    """Every known format by version, oldest first (by first report year)."""
    spec = _format_spec()
    shared = {k: tuple(v) for k, v in spec["anchors"].items()}
    raw = spec["template"]
    out: dict[str, Template] = {}

    def build(version: str) -> Template:
        if version in out:
            return out[version]
        own = raw[version]
        base = build(own["extends"]) if "extends" in own else None
        signals = dict(base.signals) if base else {}
        signals |= {s: tuple(words) for s, words in own.get("signals", {}).items()}
        anchors = dict(base.anchors) if base else dict(shared)
        anchors |= {k: tuple(v) for k, v in own.get("anchors", {}).items()}
        labels = dict(base.labels) if base else {}
        labels |= own.get("labels", {})
        out[version] = Template(version, int(own.get("first_year", base.first_year if base else 0)),
                                base.keys_of if base else version, signals, anchors, labels)
        return out[version]

    for version in raw:
        build(version)
    return dict(sorted(out.items(), key=lambda item: (item[1].first_year, item[0])))


@contextmanager
def templates_from(path: Path) -> Iterator[None]:
    """Read the formats from another spec file for a while (a test's made-up format). It changes
    what the whole process reads: for tests, never while other threads parse."""
    saved = _TEMPLATES_FILE[0]
    _TEMPLATES_FILE[0] = Path(path)
    _clear_caches()
    try:
        yield
    finally:
        _TEMPLATES_FILE[0] = saved
        _clear_caches()


def _clear_caches() -> None:
    for fn in (_format_spec, templates, request_rows, registry, proactive_rows, equations,
               review_block_labels, _row_groups, section_headings, *_SPEC_CACHES):
        fn.cache_clear()


_SPEC_CACHES: list = []
P = ParamSpec("P")
R = TypeVar("R")


def spec_cache(fn: Callable[P, R]) -> Callable[P, R]:
    """Cache what a function derives from the format spec, once per process; cleared with the
    model's own caches when a test reads another spec file (``templates_from``)."""
    cached = cache(fn)
    _SPEC_CACHES.append(cached)
    return cached  # type: ignore[return-value]


@cache
def section_headings() -> dict[int, str]:
    """Section number → its heading as the format prints it (一、总体情况 …)."""
    return {int(n): heading for n, heading in _format_spec()["sections"].items()}


def section_part(number: int) -> str:
    """How a finding names a section: 第二部分（主动公开政府信息情况）."""
    heading = section_headings()[number]
    return f"第{heading[0]}部分（{heading[2:]}）"


NARRATIVE_SECTIONS = {1: "overview", 5: "problems", 6: "other"}  # the contract's narrative keys


def first_supported_year() -> int:
    """Reports for earlier years have the old outline, without the national tables."""
    return int(_format_spec()["first_supported_year"])


def newest_template() -> str:
    """The format tables are read with when nothing in the report tells which it is."""
    return list(templates())[-1]


def template_years(version: str) -> tuple[int, int]:
    """(first, last) report year a format is for; last is 9999 for the newest."""
    versions = list(templates().values())
    i = next(i for i, t in enumerate(versions) if t.version == version)
    later = [t.first_year for t in versions[i + 1:] if t.first_year > versions[i].first_year]
    return versions[i].first_year, (min(later) - 1 if later else 9999)


def template_for_year(year: int) -> str | None:
    """The format a report for this year should use (the latest begun by then)."""
    begun = [t.version for t in templates().values() if t.first_year <= year]
    return begun[-1] if begun else None


def recognise_template(section: str, text: str) -> str | None:
    """The format whose signal words for this section ("proactive", "requests") the text shows
    most; of formats showing the same words, the one expecting fewest beyond them. None when
    no signal is there, or two formats show as many different words (the table is unclear)."""
    found = {v: frozenset(w for w in t.signals.get(section, ()) if w in text)
             for v, t in templates().items()}
    best = max((len(words) for words in found.values()), default=0)
    if best == 0:
        return None
    top = [v for v, words in found.items() if len(words) == best]
    if len({found[v] for v in top}) > 1:
        return None
    expected = {v: len(templates()[v].signals[section]) for v in top}
    fewest = min(expected.values())
    narrowest = [v for v in top if expected[v] == fewest]
    return narrowest[0] if len(narrowest) == 1 else None


def anchors(version: str, key_prefix: str) -> tuple[str, ...]:
    """The exact anchors of a row ("requests.granted", "proactive.fees") in one format."""
    return templates()[version].anchors.get(key_prefix, ())


def exact_only(key_prefix: str) -> bool:
    """A row whose anchors are too generic to be matched fuzzily."""
    return key_prefix in _format_spec().get("exact_only", ())


def request_row_label(version: str, row: str) -> str:
    """A section-三 row's printed label in one format (a format may re-word a row)."""
    labels = templates()[version].labels
    return labels.get(f"requests.{row}") or next(lbl for r, _, lbl in request_rows() if r == row)


def table_words(table: str, kind: str) -> tuple[str, ...]:
    """Words of a table's own headers (templates.toml [tables.<table>]): ``heads`` (where the
    table starts), ``starts`` (a PDF table's first line), ``words`` (section 四's), or
    ``exact_only`` (column words that must be the whole cell)."""
    return tuple(_format_spec()["tables"][table].get(kind, ()))


def column_words(table: str) -> list[tuple[str, tuple[str, ...]]]:
    """(column, its header words) of a real table of section 三 or 四, in print order."""
    return [(col, tuple(words)) for col, words in _format_spec()["tables"][table]["columns"].items()]


def header_words() -> dict[str, tuple[str, ...]]:
    """Section 二's metric → the words of its column header in a real table."""
    return {m: tuple(words) for m, words in _format_spec()["headers"].items()}


@dataclass(frozen=True)
class ProactiveRow:
    """A row of section 二 in one format: its label, metrics and their headers, in print order."""

    row: str
    label: str
    article: str  # the item of 《条例》第二十条 it is printed under
    metrics: tuple[str, ...]
    headers: tuple[str, ...]

    def cell_keys(self) -> list[str]:
        return [f"proactive.{self.row}.{m}" for m in self.metrics]


_CHINESE_ORDINALS = "一二三四五六七八九十"


@cache
def proactive_rows(version: str) -> tuple[ProactiveRow, ...]:
    """Section 二 of one format, from fields.csv: rows in print order (by 第二十条 item, then as
    listed), each with its metrics and header words ("处理决定数量 (2021: 本年处理决定数量)"
    is 本年处理决定数量 in 2021)."""
    keys_of = templates()[version].keys_of
    article = _format_spec()["article"]
    rows: dict[str, tuple[str, list[str], list[str]]] = {}
    for r in _read_csv("fields.csv"):
        if r["section"] != "2" or keys_of not in r["template"].split("+"):
            continue
        _, row, metric = r["key"].split(".")
        label, header = r["label_zh"].split(" × ")
        override = _version_wording(header, keys_of)
        entry = rows.setdefault(row, (label, [], []))
        entry[1].append(metric)
        entry[2].append(override)
    ordered = sorted(rows, key=lambda row: (_CHINESE_ORDINALS.index(article[row]), list(rows).index(row)))
    return tuple(ProactiveRow(row, rows[row][0], article[row], tuple(rows[row][1]), tuple(rows[row][2]))
                 for row in ordered)


def _version_wording(label: str, version: str) -> str:
    """'处理决定数量 (2021: 本年处理决定数量)' → the wording of this version."""
    if " (" not in label:
        return label
    base, note = label.split(" (", 1)
    named, _, wording = note.rstrip(")").partition(": ")
    return wording if named == version else base


@dataclass(frozen=True)
class Equation:
    """One of the format's sums: the left keys add up to the right keys."""

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    label: str  # which row, column or block, in Chinese
    left_zh: str
    right_zh: str

    @property
    def keys(self) -> tuple[str, ...]:
        return self.left + self.right


@cache
def equations(version: str) -> tuple[Equation, ...]:
    """Every single-report sum of a format (template.md): 总计 of each section-三 row, the
    balance 一+二 = （七）+四 and （七） = Σ outcomes of each column, 总计 of each block of
    section 四. Placement, column pruning, validate and the generator's truth all read these."""
    cols = [c for c, _ in request_columns()]
    col_zh = dict(request_columns())
    rows = rows_of(version)
    outcomes = outcome_rows(version)
    names = {row: lbl for row, _, lbl in request_rows()}
    eqs = [Equation("row-total", (request_key(r, "total"),),
                    tuple(request_key(r, c) for c in cols[:-1]), f"“{names[r]}”行",
                    "总计", "六类申请人之和") for r in rows]
    for c in cols:
        eqs.append(Equation("request-balance",
                            (request_key("new_received", c), request_key("carried_over", c)),
                            (request_key("outcome_total", c), request_key("carried_forward", c)),
                            f"{col_zh[c]}列", "新收+上年结转", "办理结果总计+结转下年度"))
        eqs.append(Equation("outcome-total", (request_key("outcome_total", c),),
                            tuple(request_key(r, c) for r in outcomes), f"{col_zh[c]}列",
                            "（七）总计", "各项办理结果之和"))
    review_cols = [c for c, _ in outcome_columns()]
    for block in REVIEW_BLOCKS:
        eqs.append(Equation("review-total" if block == "review" else "litigation-total",
                            (f"{block}.{review_cols[-1]}",),
                            tuple(f"{block}.{c}" for c in review_cols[:-1]),
                            review_block_labels()[block], "总计", "维持+纠正+其他+尚未审结"))
    return tuple(eqs)


def row_groups(keys: list[str], version: str) -> list[tuple[tuple[int, ...], int]]:
    """The sums within one printed row (keys in print order) as (part positions, total position):
    every equation of the format whose total and parts all stand in the row."""
    return list(_row_groups(tuple(keys), version))


@cache
def _row_groups(keys: tuple[str, ...], version: str) -> tuple[tuple[tuple[int, ...], int], ...]:
    at = {k: i for i, k in enumerate(keys)}
    eqs = equations(version)
    return tuple((tuple(at[k] for k in eq.right), at[eq.left[0]]) for eq in eqs
                 if len(eq.left) == 1 and all(k in at for k in eq.keys))


def table_rows(version: str) -> list[list[str]]:
    """Every printed row of the three tables as its keys in print order."""
    cols = [c for c, _ in request_columns()]
    rows = [[request_key(r, c) for c in cols] for r in rows_of(version)]
    rows += [p.cell_keys() for p in proactive_rows(version)]
    rows.append([f"{b}.{c}" for b in REVIEW_BLOCKS for c, _ in outcome_columns()])
    return rows
