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


def _traditional_seed() -> str:
    """The seed report in traditional characters, as mirror sites in Big5 serve it."""
    import opencc

    return opencc.OpenCC("s2t").convert(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("encoding", ["big5", "utf-16-le", "utf-16-be"])
def test_valid_report_in_big5_or_utf16_without_bom_reads_the_same(encoding):
    text = _traditional_seed() if encoding == "big5" else SEED.read_text(encoding="utf-8")
    expected = parse_bytes(text.encode("utf-8"), "seed.txt")
    got = parse_bytes(text.encode(encoding, errors="ignore"), "seed.txt")
    assert got["values"] == expected["values"] and len(got["values"]) == 198
    assert got["agency"] == expected["agency"] == "保健路街道办事处"


def test_a_stray_nul_byte_does_not_reject_a_report():
    data = SEED.read_text(encoding="utf-8").encode("utf-8")
    middle = len(data) // 2
    middle = data.index(b"\n", middle)
    got = parse_bytes(data[:middle] + b"\x00" + data[middle:], "seed.txt")
    assert got["values"] == parse_bytes(data, "seed.txt")["values"]
