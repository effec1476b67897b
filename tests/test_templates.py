"""The national formats are data (xxgk/spec/templates.toml): a new one is a spec change, not a
code change, and the generator that makes reports and their truth does not lean on the parser."""

import ast
import random
from pathlib import Path

import pytest

from tests.conftest import ROOT
from xxgk.model import SPEC_DIR, equations, template_for_year, template_years, templates, templates_from
from xxgk.parse import parse_bytes
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.html import render_html
from xxgk.sample.truth import hidden_keys
from xxgk.sample.values import random_values

# A made-up third format: the 2021 one with one row re-worded, so that the 2021 anchors
# (不掌握) no longer find it. It is for reports from 2023 on.
THIRD = """
[template.2099]
extends = "2021"
first_year = 2023
signals.requests = ["逾期不补正", "收费通知", "逾期未按收费", "其他处理", "经检索没有"]
anchors."requests.unable_not_held" = ["经检索没有"]
labels."requests.unable_not_held" = "（四）无法提供 1.经检索没有所申请信息"
"""
FIELDS = ("year", "template", "values")


@pytest.fixture
def third_format(tmp_path):
    spec = tmp_path / "templates.toml"
    spec.write_text((SPEC_DIR / "templates.toml").read_text(encoding="utf-8") + THIRD,
                    encoding="utf-8")
    with templates_from(spec):
        yield


def _spec(template: str, year: int) -> ReportSpec:
    values = random_values(template, random.Random(7))
    values["requests.unable_not_held.natural_person"] = 3  # the re-worded row has numbers
    values["requests.unable_not_held.total"] += 3
    values["requests.outcome_total.natural_person"] += 3
    values["requests.outcome_total.total"] += 3
    values["requests.new_received.natural_person"] += 3
    values["requests.new_received.total"] += 3
    return ReportSpec("城关镇人民政府", "临溪县", year, template, values, f"{year + 1}-01-20")


@pytest.mark.parametrize("layout", ["T1", "T3", "T6", "T10"])
def test_a_third_format_is_one_spec_file_and_parses(third_format, layout):
    assert list(templates()) == ["2019", "2021", "2099"]
    assert template_years("2021") == (2021, 2022) and template_for_year(2024) == "2099"
    spec = _spec("2099", 2024)
    assert "经检索没有所申请信息" in render_text(spec, "T1")
    record = parse_bytes(render_text(spec, layout, random.Random(1)).encode("utf-8"), "r.txt")
    assert record["template"] == "2099"
    hidden = hidden_keys("2099", spec.values, run_together=layout == "T10")
    assert {k: spec.values.get(k) for k in record["values"]} == record["values"]  # none wrong
    assert not [k for k in spec.values if k not in record["values"] and k not in hidden]
    assert record["values"]["requests.unable_not_held.natural_person"] == 3
    allowed = {"ambiguous-cell", "unreadable-cell"} if layout == "T10" else set()  # cuts unproven
    assert not [f for f in record["findings"] if f["severity"] != "info" and f["rule"] not in allowed]


def test_a_third_format_parses_from_a_web_page(third_format):
    spec = _spec("2099", 2024)
    record = parse_bytes(render_html(spec, random.Random(1)).encode("utf-8"), "r.html")
    assert (record["template"], record["values"]) == ("2099", spec.values)


def test_the_older_formats_are_still_told_apart_with_a_third_known(third_format):
    for template, year in (("2019", 2020), ("2021", 2022)):
        spec = _spec(template, year)
        record = parse_bytes(render_text(spec, "T1").encode("utf-8"), "r.txt")
        assert {f: record[f] for f in FIELDS} == {"year": year, "template": template,
                                                  "values": spec.values}


def test_without_its_spec_the_reworded_row_is_not_guessed(third_format, tmp_path):
    text = render_text(_spec("2099", 2024), "T1").encode("utf-8")
    with templates_from(SPEC_DIR / "templates.toml"):
        record = parse_bytes(text, "r.txt")
    assert record["template"] == "2021"
    assert not any(k.startswith("requests.unable_not_held.") for k in record["values"])
    assert any("requests.unable_not_held.total" in f["keys"] for f in record["findings"])


def test_the_sums_are_defined_once_per_format():
    for version in templates():
        rules = {eq.rule for eq in equations(version)}
        assert rules == {"row-total", "request-balance", "outcome-total", "review-total",
                         "litigation-total"}
    assert len(equations("2021")) == len(equations("2019")) + 2  # two more rows in 2021


MAKERS = sorted(p for p in (ROOT / "xxgk" / "sample").glob("*.py") if p.name != "oracle.py")
PARSER = ("xxgk.recognise", "xxgk.parse", "xxgk.validate")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return names


@pytest.mark.parametrize("path", MAKERS, ids=[p.name for p in MAKERS])
def test_what_makes_reports_and_their_truth_does_not_import_the_parser(path):
    """Only the oracle runner calls the parser; the generator and its truth know the format
    from the spec alone, so the oracle never grades the parser with the parser's own code."""
    leaning = sorted(n for n in _imports(path) if n.startswith(PARSER) or n in (
        "xxgk.recognise", "xxgk.parse", "xxgk.validate"))
    assert not leaning, f"{path.name} imports {leaning}"
