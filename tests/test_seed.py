"""The product's first input: a 2020 report of a Harbin street office (T1, tabs)."""

from tests.conftest import SEED, shared_file
from xxgk.model import keys_for
from xxgk.parse import parse_file


def test_seed_every_2019_request_and_review_key_is_zero():
    record = parse_file(SEED)
    for key in keys_for("2019", 3) + keys_for("2019", 4):
        assert record["values"].get(key) == 0, key


def test_seed_proactive_values():
    values = parse_file(SEED)["values"]
    proactive = {k: v for k, v in values.items() if k.startswith("proactive.")}
    assert proactive == {k: 0 for k in keys_for("2019", 2)}


def test_seed_metadata():
    record = parse_file(SEED)
    assert record["agency"] == "保健路街道办事处"
    assert record["region"] == "南岗区"
    assert record["year"] == 2020
    assert record["template"] == "2019"
    assert record["published_on"] == "2021-01-28"


def test_seed_has_no_error_findings_and_keeps_narrative():
    record = parse_file(SEED)
    assert [f for f in record["findings"] if f["severity"] == "error"] == []
    assert record["narrative"]["overview"].startswith("2020 年，保健路办事处")
    assert "改进措施" in record["narrative"]["problems"]
    assert record["narrative"]["other"] == "无。"


def test_seed_in_data_is_the_shared_seed():
    shared = shared_file("seeds/000_94358fe22916de47.txt")
    assert SEED.read_bytes() == shared.read_bytes()
