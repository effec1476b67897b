"""The same report in every encoding a supervisor meets parses the same."""

import pytest

from tests.conftest import SEED
from xxgk.parse import parse_bytes


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_encodings_give_the_same_record(encoding):
    text = SEED.read_text(encoding="utf-8")
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data  # Windows Notepad writes the BOM
    expected = parse_bytes(text.encode("utf-8"), "seed.txt")
    got = parse_bytes(data, "seed.txt")
    assert got["values"] == expected["values"]
    assert got["agency"] == "保健路街道办事处"
    assert got["findings"] == expected["findings"]


def test_crlf_line_ends():
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert len(parse_bytes(text.encode("utf-8"), "seed.txt")["values"]) == 198
