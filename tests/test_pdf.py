"""PDFs read by their geometry (issue 8): the real city report, radicals in the text layer,
files that cannot be read as they are (scans, legacy Word), and generated PDFs through the
oracle."""

import io
import json
import shutil

import pypdfium2
import pytest

from tests.conftest import parse_text, rules, shared_file
from xxgk.extract.pdf import pdf_to_text
from xxgk.parse import parse_bytes, parse_file
from xxgk.recognise.geometry import words_to_grids
from xxgk.recognise.grid import proactive_from_grid, requests_from_grid, review_from_grid
from xxgk.recognise.normalize import normalize_line


def _geometry_values(pdf: bytes, template: str) -> dict:
    text = pdf_to_text(pdf)
    values: dict = {}
    for grid in words_to_grids(text.words, text.rules):
        for read in (lambda g: proactive_from_grid(g, template),
                     lambda g: requests_from_grid(g, template), review_from_grid):
            result = read(grid)
            if result is not None:
                values.update(result.values)
    return values


def test_huaian_city_2024_read_by_geometry_alone():
    pdf = shared_file("real/huaian-city-2024.pdf").read_bytes()
    expected = json.loads(shared_file("real/huaian-city-2024.expected.json").read_text("utf-8"))
    assert _geometry_values(pdf, "2021") == expected["values"]


def test_huaian_city_2024_merged_reading_has_no_ambiguous_cell():
    record = parse_file(shared_file("real/huaian-city-2024.pdf"))
    assert not rules(record) & {"ambiguous-cell", "grid-conflict", "unreadable-cell"}


def test_radicals_in_a_pdf_text_layer_are_read_as_ideographs():
    # Kangxi radicals (⼈ U+2F08) and CJK Radicals Supplement (⺠ U+2EA0), as browsers export them.
    assert normalize_line("云泽市⼈⺠政府⼀、⾏政许可") == "云泽市人民政府一、行政许可"


def test_a_row_is_found_by_its_own_label_not_by_its_note():
    text = ("二、主动公开政府信息情况\n第二十条第（五）项\n"
            "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
            "行政许可\t5\t+1\t30\n其他对外管理服务事项（含行政确认、行政处罚、行政强制等）\t7\t0\t12\n"
            "第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
            "行政处罚\t3\t0\t40\n行政强制\t1\t0\t2\n")
    values = parse_text(text)["values"]
    assert values["proactive.other_services.decisions"] == 12
    assert values["proactive.penalty.decisions"] == 40
    assert values["proactive.enforcement.decisions"] == 2


def test_a_pdf_without_text_layer_needs_ocr():
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    record = parse_bytes(buffer.getvalue(), "scan.pdf")
    assert [f["rule"] for f in record["findings"]] == ["needs-ocr"]
    assert "OCR" in record["findings"][0]["message"] and record["values"] == {}


@pytest.mark.parametrize("user", ["secret", ""])
def test_an_encrypted_pdf_says_what_to_do_or_is_read(user):
    pikepdf = pytest.importorskip("pikepdf")
    source = pikepdf.open(shared_file("real/huaian-city-2024.pdf"))
    buffer = io.BytesIO()
    source.save(buffer, encryption=pikepdf.Encryption(user=user, owner="owner", R=6))
    record = parse_bytes(buffer.getvalue(), "locked.pdf")
    if user:  # a password to open it: nothing is read, and the finding says what to do
        assert [f["rule"] for f in record["findings"]] == ["encrypted-file"]
        assert "密码" in record["findings"][0]["message"] and record["values"] == {}
    else:  # only an owner password (printing/copying limits): read as usual
        assert len(record["values"]) == 200


@pytest.mark.parametrize("suffix, kind", [(".doc", "Word"), (".wps", "WPS")])
def test_legacy_office_files_say_what_to_do(suffix, kind):
    record = parse_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, f"report{suffix}")
    (finding,) = record["findings"]
    assert finding["rule"] == "legacy-format" and kind in finding["message"]
    assert ".docx" in finding["message"] and record["values"] == {}


NO_CHROMIUM = pytest.mark.skipif(
    shutil.which("chromium") is None,
    reason="no chromium on PATH (Debian package 'chromium'; .ci/run installs it)")


@pytest.mark.slow
@NO_CHROMIUM
def test_oracle_generated_pdfs():
    from xxgk.sample.oracle import run_oracle

    report = run_oracle(6, seed=5, formats=("pdf",))
    print(report.summary())
    assert report.reports >= 40 and set(report.by_layout) == {"pdf"}
    assert report.wrong == 0, [o.wrong for o in report.failures if o.wrong]
    assert report.missing == 0 and report.caught == report.defects
    assert report.failures == []


@NO_CHROMIUM
@pytest.mark.parametrize("template", ["2019", "2021"])
def test_one_report_four_formats_one_answer(template):
    """The same report as text, web page, Word file and PDF gives the same values."""
    import random

    from xxgk.sample.corpus import RENDERERS
    from xxgk.sample.document import ReportSpec
    from xxgk.sample.values import random_values

    year = 2020 if template == "2019" else 2023
    values = random_values(template, random.Random(7))
    spec = ReportSpec("自然资源和规划局", "青岚区", year, template, values, f"{year + 1}-01-15")
    for fmt, (ext, render) in RENDERERS.items():
        record = parse_bytes(render(spec, "T1", random.Random(3)), f"report{ext}")
        assert record["values"] == values, fmt
        assert (record["agency"], record["year"], record["template"]) == (
            "自然资源和规划局", year, template), fmt
