"""The sample corpus: for each agency and year a report file and its ground truth.

Deterministic: every agency draws from its own random stream seeded by (seed, agency), so the
same seed gives byte-identical files whatever else is asked for. Renderers are looked up by
format (``RENDERERS``); txt is the first, and html, docx and pdf plug in beside it.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from xxgk.sample import defects as dx
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.html import render_html
from xxgk.sample.layouts import LAYOUTS
from xxgk.sample.narrative import make_narrative
from xxgk.sample.noise import perturb
from xxgk.sample.pdf import render_pdf
from xxgk.sample.places import Agency, make_registry
from xxgk.sample.truth import broken_sums, hidden_keys
from xxgk.sample.volumes import carried_forward, year_values
from xxgk.sample.word import render_docx

Number = int | float
Renderer = Callable[[ReportSpec, str, random.Random], bytes]
RENDERERS: dict[str, tuple[str, Renderer]] = {
    "txt": (".txt", lambda spec, layout, rng: render_text(spec, layout, rng).encode("utf-8")),
    "html": (".html", lambda spec, layout, rng: render_html(spec, rng).encode("utf-8")),
    "docx": (".docx", lambda spec, layout, rng: render_docx(spec, rng)),
    "pdf": (".pdf", lambda spec, layout, rng: render_pdf(spec, rng)),
}
FORMAT_NAMES = {"txt": "text"}  # as the parser names them in source.format
# Formats whose tables are real tables: no text layout applies.
TABLE_FORMATS = frozenset({"html", "docx", "pdf"})
DEFAULT_YEARS = (2019, 2025)
TITLE_STYLES = ["two-line"] * 4 + ["one-line"] * 4 + ["no-year", "no-agency"]


@dataclass
class Generated:
    """One report: where it goes, its bytes, and what a perfect reader must find in it."""

    agency: Agency
    year: int
    name: str
    ext: str
    content: bytes
    truth: dict = field(default_factory=dict)


def deadline(agency: Agency, year: int) -> date:
    """31 January of the next year; 31 March for a county-or-higher government's own report."""
    return date(year + 1, 3 if agency.is_government else 1, 31)


def publication_date(agency: Agency, year: int, late: bool, rng: random.Random) -> str:
    due = deadline(agency, year)
    if late:
        return (due + timedelta(days=rng.randint(5, 120))).isoformat()
    start = date(year + 1, 1, 4)
    return (start + timedelta(days=rng.randint(0, (due - start).days))).isoformat()


def _agency_rng(seed: int, agency: Agency) -> random.Random:
    digest = hashlib.sha256(f"{seed}/{agency.agency_id}".encode()).hexdigest()
    return random.Random(int(digest[:16], 16))


def agency_reports(agency: Agency, years: range, seed: int, layouts: list[str],
                   formats: tuple[str, ...], rates: dict[str, float]) -> Iterator[Generated]:
    """Every report one agency publishes over the years, with its truth."""
    rng = _agency_rng(seed, agency)
    trend, carried = 1.0, dict[str, int]()
    previous: dict | None = None  # the last published year's truth and narrative
    for year in years:
        chosen = dx.draw(rates, rng)
        if year < 2021:
            chosen.discard("wrong-template")  # the 2019 format is right before 2021
        if "tables-missing" in chosen:  # no table printed: nothing in them can be wrong
            chosen -= {*dx.ARITHMETIC, "sentence", "blanks", "carry-mismatch", "wrong-template"}
        template = "2019" if year < 2021 or "wrong-template" in chosen else "2021"
        values = year_values(agency, template, trend, carried, rng)
        carried = carried_forward(values)
        trend *= math.exp(rng.gauss(0.04, 0.2))
        if "missing-year" in chosen and year != years[0]:
            previous = None
            continue
        fmt = formats[0] if len(formats) == 1 else rng.choice(formats)
        report = _one_report(agency, year, template, values, chosen, previous, layouts, fmt, rng)
        previous = {"year": year, "narrative": report.truth["narrative"]}
        yield report


def _one_report(agency: Agency, year: int, template: str, values: dict[str, Number],
                chosen: set[str], previous: dict | None, layouts: list[str], fmt: str,
                rng: random.Random) -> Generated:
    injected = _inject(chosen, values, template, previous, rng)
    counts = {"new": values.get("requests.new_received.total", 0),
              "carried": values.get("requests.carried_over.total", 0),
              "done": values.get("requests.outcome_total.total", 0),
              "forward": values.get("requests.carried_forward.total", 0),
              "granted": values.get("requests.granted.total", 0)}
    narrative = make_narrative("我单位", year, counts, rng)
    if "copied-narrative" in chosen and previous:
        narrative["overview"] = previous["narrative"]["overview"]
        injected.append(dx.Injected("copied-narrative"))
    if "blanks" in chosen:
        injected.append(dx.Injected("blanks", dx.blank_zeros(values, rng)))
    if "totals-only" in chosen:
        injected.append(dx.Injected("totals-only", dx.totals_only(values)))
    spec = ReportSpec(agency.name, agency.region, year, template, values,
                      publication_date(agency, year, "late" in chosen, rng), narrative,
                      tables_missing="tables-missing" in chosen,
                      proactive_as_sentence="sentence" in chosen,
                      omitted_sections=frozenset({rng.choice([5, 6])} if "missing-section" in chosen
                                                 else ()),
                      title_style=rng.choice(TITLE_STYLES), full_signature=rng.random() < 0.3)
    layout = fmt if fmt in TABLE_FORMATS else rng.choice(layouts)
    injected += [dx.Injected(d) for d in ("late", "wrong-template", "missing-section",
                                          "tables-missing", "sentence") if d in chosen]
    if spec.title_style == "no-agency" and not spec.full_signature:
        spec.full_signature = rng.random() < 0.5
    ext, render = RENDERERS[fmt]
    content = render(spec, layout, rng)
    if "label-noise" in chosen and fmt not in ("docx", "pdf"):  # (their text is not re-typed)
        content = dx.add_typos(perturb(content.decode("utf-8"), rng), rng).encode("utf-8")
    name = f"{agency.agency_id}_{year}"
    truth = make_truth(spec, layout, fmt, name + ext, content, injected)
    return Generated(agency, year, name, ext, content, truth)


def _inject(chosen: set[str], values: dict[str, Number], template: str,
            previous: dict | None, rng: random.Random) -> list[dx.Injected]:
    injected = [dx.break_arithmetic(d, values, template, rng) for d in chosen & set(dx.ARITHMETIC)]
    if "carry-mismatch" in chosen and previous:
        carry = dx.mismatch_carry(values)
        if carry.keys:
            injected.append(carry)
    return injected


def printed_values(spec: ReportSpec) -> dict[str, Number]:
    """The values the rendered file shows: none for tables left out or told in sentences."""
    if spec.tables_missing:
        return {}
    if spec.proactive_as_sentence:
        return {k: v for k, v in spec.values.items() if not k.startswith("proactive.")}
    return dict(spec.values)


def make_truth(spec: ReportSpec, layout: str, fmt: str, path: str, content: bytes,
               injected: list[dx.Injected]) -> dict:
    """The parse-output contract as a perfect reader gives it, plus hidden keys and defects."""
    values = printed_values(spec)
    hidden = sorted(hidden_keys(spec.template, values, run_together=layout == "T10"))
    if layout in TABLE_FORMATS:  # a real table keeps every cell's column (all three sections)
        hidden = []
    region_shown = (spec.title_style != "no-agency" or spec.full_signature
                    or spec.agency.startswith(spec.region or "\0"))
    findings = broken_sums(spec.template, values, set(hidden))  # only injected defects break one
    seen = {f["rule"] for f in findings}
    for d in injected:
        info = d.to_dict()
        # A defect in cells the layout hides cannot be seen in this file: recorded, not required.
        info["detectable"] = not set(d.keys) & set(hidden) and not (
            info["scope"] == "report" and d.defect in dx.ARITHMETIC and info["rule"] not in seen)
        if info["rule"] and info["rule"] not in seen and (
                info["scope"] == "warehouse" or info["detectable"]):
            findings.append({"rule": info["rule"], "severity": "warning", "message": d.defect,
                             "keys": d.keys, "where": None, "scope": info["scope"]})
            seen.add(info["rule"])
    return {
        "source": {"path": path, "sha256": hashlib.sha256(content).hexdigest(),
                   "format": FORMAT_NAMES.get(fmt, fmt)},
        "agency": spec.agency,
        "region": spec.region if region_shown else None,
        "year": spec.year, "template": None if spec.tables_missing else spec.template,
        "published_on": spec.published_on,
        "values": values, "narrative": spec.narrative, "findings": findings,
        "hidden": hidden, "layout": layout, "synthetic": True,
        "defects": [{**d.to_dict(), "detectable": bool(d.to_dict()["rule"])
                     and not set(d.keys) & set(hidden)} for d in injected],
    }


def generate(n_agencies: int, years: tuple[int, int] = DEFAULT_YEARS, seed: int = 0,
             layouts: list[str] | None = None, fmt: str | tuple[str, ...] = "txt",
             rates: dict[str, float] | None = None) -> tuple[list[Agency], Iterator[Generated]]:
    """The registry and a lazy stream of reports."""
    agencies = make_registry(n_agencies, random.Random(seed))
    chosen_layouts = layouts or list(LAYOUTS)
    span = range(years[0], years[1] + 1)
    stream = (report for agency in agencies
              for report in agency_reports(agency, span, seed, chosen_layouts,
                                           (fmt,) if isinstance(fmt, str) else tuple(fmt),
                                           rates if rates is not None else dx.DEFAULT_RATES))
    return agencies, stream
