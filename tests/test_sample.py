"""The generator: deterministic, fictional, consistent over years, and its CLI."""

import csv
import json
import random
import subprocess
import sys
from itertools import pairwise

import pytest

from tests.conftest import ROOT
from xxgk.sample.corpus import generate
from xxgk.sample.places import CITY, PROVINCE, make_registry, registry_rows


def _reports(seed=5, n=30):
    agencies, stream = generate(n, seed=seed)
    return agencies, list(stream)


@pytest.mark.slow  # generates a corpus of 30–100 agencies
def test_same_seed_gives_identical_bytes():
    _, first = _reports()
    _, second = _reports()
    assert [r.content for r in first] == [r.content for r in second]
    assert [r.truth for r in first] == [r.truth for r in second]


@pytest.mark.slow  # generates a corpus of 30–100 agencies
def test_carry_over_holds_across_years_unless_injected():
    _, reports = _reports(seed=9, n=60)
    by_agency: dict = {}
    for r in reports:
        by_agency.setdefault(r.agency.agency_id, []).append(r)
    checked = 0
    for series in by_agency.values():
        for before, after in pairwise(series):
            defects = {d["defect"] for d in after.truth["defects"] + before.truth["defects"]}
            key = "requests.carried_over.natural_person"
            forward = before.truth["values"].get("requests.carried_forward.natural_person", 0)
            if after.year != before.year + 1 or defects & {"carry-mismatch", "tables-missing",
                                                           "totals-only"}:
                continue
            if key in after.truth["values"] and "blanks" not in defects:
                assert after.truth["values"][key] == forward
                checked += 1
    assert checked > 50


@pytest.mark.slow  # generates a corpus of 30–100 agencies
def test_every_agency_is_fictional_and_in_one_city():
    agencies, reports = _reports()
    assert {a.region for a in agencies if a.level == "市"} == {CITY}
    assert all(r.truth["synthetic"] for r in reports)
    assert all(PROVINCE not in r.content.decode() for r in reports)


def test_a_corpus_larger_than_a_city_is_made_of_whole_distinct_cities():
    agencies = make_registry(5000, random.Random(0))
    cities = {a.city for a in agencies}
    assert len(agencies) > 4500 and len(cities) == 3 and CITY in cities
    # no agency id, and no agency as its reports name it (region + name), is used twice
    assert len({a.agency_id for a in agencies}) == len(agencies)
    assert len({(a.region, a.name) for a in agencies}) == len(agencies)
    districts = {a.district: a.city for a in agencies if a.district}
    assert len(set(districts.values())) == 3  # every city has its own districts
    rows = registry_rows(agencies)
    assert {r["city"] for r in rows} == cities
    assert all(r["city"] == CITY for r in registry_rows(make_registry(300, random.Random(0))))


@pytest.mark.slow  # generates a corpus of 30–100 agencies
def test_magnitudes_follow_the_format_notes():
    _, reports = _reports(seed=1, n=100)
    streets = [r.truth["values"].get("requests.new_received.total", 0) for r in reports
               if r.agency.kind in ("街道", "乡镇")]
    city = [r.truth["values"].get("requests.new_received.total", 0) for r in reports
            if r.agency.agency_id == "a000"]
    assert sorted(streets)[len(streets) // 2] <= 3  # most street offices: few or none
    assert max(city) > 1000


def test_cli_writes_reports_truths_and_registry(tmp_path):
    done = subprocess.run([sys.executable, "-m", "xxgk", "sample", "--out", str(tmp_path),
                           "--agencies", "12", "--years", "2021-2022", "--layouts", "T1", "T5"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reports = sorted(tmp_path.glob("*.txt"))
    assert reports and len(reports) == len(list(tmp_path.glob("*.truth.json")))
    truth = json.loads(reports[0].with_suffix(".truth.json").read_text(encoding="utf-8"))
    assert {"values", "hidden", "findings", "defects", "source"} <= set(truth)
    assert truth["layout"] in {"T1", "T5"}
    with (tmp_path / "agencies.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["kind"] for r in rows} <= {"街道", "乡镇", "部门", "政府"}
    assert all(r["city"] == CITY for r in rows)


def test_embedded_sample_corpus_is_there():
    sample = ROOT / "data" / "sample"
    assert len([*sample.glob("a*_20*.txt"), *sample.glob("a*_20*.html")]) > 500
    assert (ROOT / "data" / "agencies.csv").exists()
