"""Hand-written fixtures, one per layout or quirk of layouts.md, each with a golden JSON.

A golden holds what the parser must say of its fixture: metadata, every value, and the findings
(rule, severity, keys). Goldens were written by running the parser and checking every number by
hand against the fixture; after a deliberate change, rewrite them with
``python -m tests.test_fixtures`` and review the diff line by line.
"""

import json
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from xxgk.parse import parse_file

FIELDS = ("agency", "region", "year", "template", "published_on")
CASES = sorted(FIXTURES.glob("*.txt"))


def golden_of(record: dict) -> dict:
    return {**{f: record[f] for f in FIELDS}, "values": record["values"],
            "findings": sorted([f["rule"], f["severity"], sorted(f["keys"])]
                               for f in record["findings"])}


def _golden_path(fixture: Path) -> Path:
    return fixture.with_suffix(".expected.json")


@pytest.mark.parametrize("fixture", CASES, ids=[c.stem for c in CASES])
def test_fixture_matches_golden(fixture):
    expected = json.loads(_golden_path(fixture).read_text(encoding="utf-8"))
    assert golden_of(parse_file(fixture)) == expected


def test_every_fixture_has_a_golden():
    assert CASES and all(_golden_path(c).exists() for c in CASES)


if __name__ == "__main__":  # rewrite the goldens: python -m tests.test_fixtures
    for case in CASES:
        text = json.dumps(golden_of(parse_file(case)), ensure_ascii=False, indent=1)
        _golden_path(case).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {_golden_path(case).name}", file=sys.stderr)
