"""Real published documents of ../shared/real, read where they lie."""

import json

from tests.conftest import shared_file
from xxgk.parse import parse_file


def test_huaian_city_2024_pdf_matches_printed_values():
    pdf = shared_file("real/huaian-city-2024.pdf")
    expected = json.loads(shared_file("real/huaian-city-2024.expected.json").read_text("utf-8"))
    record = parse_file(pdf)
    assert record["source"]["format"] == "pdf"
    assert record["values"] == expected["values"]
    for field in ("agency", "region", "year", "template"):
        assert record[field] == expected[field], field
    assert not [f for f in record["findings"] if f["severity"] == "error"]


def test_empty_2021_template_docx_gives_no_values():
    docx = shared_file("real/template-2021.docx")
    expected = json.loads(shared_file("real/template-2021.expected.json").read_text("utf-8"))
    record = parse_file(docx)
    assert record["source"]["format"] == "docx"
    assert record["template"] == expected["template"]
    assert record["values"] == expected["values"]
    assert {f["rule"] for f in record["findings"]} == {"table-blank"}  # an empty form, printed
