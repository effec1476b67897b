"""A whole report as text: title, preamble, the six sections with their tables in one layout,
signature and date. The renderer interface every format (txt now; html, docx, pdf later) shares:
``ReportSpec`` in, the file's content out."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from xxgk.model import keys_for, section_headings
from xxgk.sample.grids import Formatter, plain_number, proactive_grid, requests_grid, review_grid
from xxgk.sample.layouts import LAYOUTS

Number = int | float


@dataclass
class ReportSpec:
    """Everything a rendered report says."""

    agency: str
    region: str | None
    year: int
    template: str
    values: dict[str, Number]
    published_on: str | None = None
    narrative: dict[str, str] = field(default_factory=lambda: {
        "overview": "本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政务公开工作。",
        "problems": "政务公开工作仍存在公开内容不够全面等问题，下一步将加强培训、完善制度。",
        "other": "无。"})
    headings: dict[int, str] = field(default_factory=section_headings)
    tables_missing: bool = False  # T8: headings with nothing under them
    proactive_as_sentence: bool = False  # T9
    omitted_sections: frozenset[int] = frozenset()
    formatter: Formatter = plain_number
    title_style: str = "two-line"  # one-line | two-line | no-year | no-agency
    full_signature: bool = False  # the signature names the region too


def full_name(spec: ReportSpec) -> str:
    """The agency with its region, as a title prints it (a government's name holds its region)."""
    if spec.region is None or spec.agency.startswith(spec.region):
        return spec.agency
    return f"{spec.region}{spec.agency}"


def title_lines(spec: ReportSpec) -> list[str]:
    """The title in one of the shapes seen: one line, agency above, no year, no agency."""
    report = "政府信息公开工作年度报告"
    return {"one-line": [f"{full_name(spec)}{spec.year}年{report}"],
            "two-line": [full_name(spec), f"{spec.year}年{report}"],
            "no-year": [f"{full_name(spec)}{report}"],
            "no-agency": [f"{spec.year}年{report}"]}[spec.title_style]


def _date_zh(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def _proactive_sentence(spec: ReportSpec) -> list[str]:
    v = spec.values
    docs = ("proactive.normative_docs.issued"
            if "proactive.normative_docs.issued" in keys_for(spec.template, 2)
            else "proactive.normative_docs.new_made")
    return [f"本年制发规范性文件{v.get(docs, 0)}件，"
            f"行政处罚决定{v.get('proactive.penalty.decisions', 0)}件。"]


Block = tuple[str, Any]  # ("title" | "p" | "h" | "sign", text) or ("table", grid)


def blocks(spec: ReportSpec) -> list[Block]:
    """The report's content in order, independent of the file format that prints it."""
    out: list[Block] = [("title", line) for line in title_lines(spec)]
    out.append(("p", "本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自"
                     f"{spec.year}年1月1日起至{spec.year}年12月31日止。"))
    bodies = {1: spec.narrative["overview"], 5: spec.narrative["problems"],
              6: spec.narrative["other"]}
    grids = {2: lambda: proactive_grid(spec.template, spec.values, spec.formatter),
             3: lambda: requests_grid(spec.template, spec.values, spec.formatter),
             4: lambda: review_grid(spec.values, spec.formatter)}
    for number in range(1, 7):
        if number in spec.omitted_sections:
            continue
        out.append(("h", spec.headings[number]))
        if number in bodies:
            out.append(("p", bodies[number]))
        elif spec.tables_missing:
            continue
        elif number == 2 and spec.proactive_as_sentence:
            out += [("p", line) for line in _proactive_sentence(spec)]
        else:
            out.append(("table", grids[number]()))
    out.append(("sign", full_name(spec) if spec.full_signature else spec.agency))
    if spec.published_on:
        out.append(("sign", _date_zh(spec.published_on)))
    return out


def render_text(spec: ReportSpec, layout: str, rng: random.Random | None = None) -> str:
    """The report as a text file in one table layout."""
    rng = rng or random.Random(0)
    lines: list[str] = []
    for kind, content in blocks(spec):
        if kind == "table":
            lines += LAYOUTS[layout](content, rng)
        else:
            lines.append(str(content))
        if kind in ("p", "table"):
            lines.append("")
    return "\n".join(lines) + "\n"
