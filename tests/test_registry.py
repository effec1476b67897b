"""The key registry: one place, equal to ../shared/spec, complete for both formats."""

import csv

from tests.conftest import shared_file
from xxgk.model import SPEC_DIR, keys_for, registry


def test_package_spec_equals_shared_spec():
    for name in ("fields.csv", "requests-rows.csv", "columns.csv"):
        shared = shared_file(f"spec/{name}").read_text(encoding="utf-8")
        assert (SPEC_DIR / name).read_text(encoding="utf-8") == shared, name


def test_key_counts_per_format():
    # 2019: 22 proactive + 23 rows × 7 + 15; 2021: 10 proactive + 25 rows × 7 + 15.
    assert len(keys_for("2019")) == 22 + 23 * 7 + 15
    assert len(keys_for("2021")) == 10 + 25 * 7 + 15


def test_every_fields_csv_key_is_registered():
    with (SPEC_DIR / "fields.csv").open(encoding="utf-8") as fh:
        plain = [r["key"] for r in csv.DictReader(fh) if "<" not in r["key"]]
    assert set(plain) <= set(registry())
    assert registry()["requests.other_misc.total"].templates == {"2021"}
    assert registry()["requests.other.total"].templates == {"2019"}
    assert registry()["review.corrected"].section == 4
