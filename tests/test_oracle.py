"""The generator as an oracle: ≥2,000 reports in every layout, parsed back in a process pool.

Zero wrong values; values missing only where the layout hides them; every injected defect a
single file shows found by its rule; no error finding the truth does not explain; metadata
exact. The figures are printed (pytest -s) and reported in BENCHMARKS.md.
"""

import pytest

from xxgk.sample.layouts import LAYOUTS
from xxgk.sample.oracle import run_oracle

pytestmark = pytest.mark.slow
DEFAULT_AGENCIES = 170  # × 7 years × 2 formats, less the years agencies skip: >2,000 reports


def test_oracle_two_thousand_reports():
    report = run_oracle(DEFAULT_AGENCIES, seed=0, workers=2, formats=("txt", "html"))
    print(report.summary())
    assert report.reports >= 2000
    assert set(report.by_layout) == {*LAYOUTS, "html"}
    assert report.wrong == 0
    assert report.missing == 0
    assert report.defects > 300 and report.caught == report.defects
    assert report.failures == []


def test_oracle_word_files():
    report = run_oracle(25, seed=3, workers=2, formats=("docx",))
    print(report.summary())
    assert report.reports >= 120 and set(report.by_layout) == {"docx"}
    assert report.wrong == 0 and report.missing == 0 and report.failures == []
