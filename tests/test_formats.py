"""Parity: the same report as text (every layout) and as a web page gives the same record."""

import random

import pytest

from xxgk.parse import parse_bytes
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.html import render_html
from xxgk.sample.layouts import LAYOUTS
from xxgk.sample.values import random_values

FIELDS = ("agency", "region", "year", "template", "published_on", "values")


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_text_and_html_give_the_same_record(template):
    year = 2020 if template == "2019" else 2024
    spec = ReportSpec("城关镇人民政府", "临溪县", year, template,
                      random_values(template, random.Random(4)), f"{year + 1}-01-22")
    page = parse_bytes(render_html(spec, random.Random(1)).encode("utf-8"), "r.html")
    assert page["source"]["format"] == "html"
    for layout in sorted(set(LAYOUTS) - {"T10"}):
        text = parse_bytes(render_text(spec, layout, random.Random(1)).encode("utf-8"), "r.txt")
        assert {f: text[f] for f in FIELDS} == {f: page[f] for f in FIELDS}, layout


def test_html_chrome_scripts_and_gbk_are_handled():
    spec = ReportSpec("民政局", "白鹭区", 2022, "2021", random_values("2021", random.Random(2)),
                      "2023-01-09")
    page = render_html(spec).replace("<body>", "<body><script>var x='三、收到 1 2 3';</script>")
    page = page.replace("<meta charset='utf-8'>", "<meta charset='gbk'>")
    record = parse_bytes(page.encode("gbk"), "r.htm")
    assert record["values"] == spec.values and record["agency"] == "民政局"


def test_web_page_that_fills_only_the_totals():
    """Many agencies print only 总计: in a real table its column is known, so every total is
    read and the applicant cells stay blank (never 0, never guessed)."""
    values = random_values("2021", random.Random(6))
    totals = {k: v for k, v in values.items()
              if not k.startswith(("requests.", "review.", "litigation")) or k.endswith(".total")}
    spec = ReportSpec("教育局", "白鹭区", 2022, "2021", totals, "2023-01-09")
    record = parse_bytes(render_html(spec).encode("utf-8"), "r.html")
    assert record["values"] == totals
    severities = {f["severity"] for f in record["findings"] if f["rule"] == "row-total"}
    assert severities <= {"warning", "info"}  # blanks make the rule say so, not fail


def test_text_that_fills_only_the_totals_is_left_out_not_guessed():
    values = random_values("2021", random.Random(6))
    totals = {k: v for k, v in values.items()
              if not k.startswith(("requests.", "review.", "litigation")) or k.endswith(".total")}
    spec = ReportSpec("教育局", "白鹭区", 2022, "2021", totals, "2023-01-09")
    for layout in ("T2d", "T5", "T10"):
        record = parse_bytes(render_text(spec, layout, random.Random(2)).encode(), "r.txt")
        wrong = {k: v for k, v in record["values"].items() if totals.get(k, 0) != v}
        assert wrong == {}, layout


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_word_file_gives_the_same_record(template):
    from xxgk.sample.word import render_docx

    year = 2020 if template == "2019" else 2024
    spec = ReportSpec("城关镇人民政府", "临溪县", year, template,
                      random_values(template, random.Random(4)), f"{year + 1}-01-22")
    word = parse_bytes(render_docx(spec, random.Random(1)), "r.docx")
    text = parse_bytes(render_text(spec, "T1", random.Random(1)).encode("utf-8"), "r.txt")
    assert word["source"]["format"] == "docx"
    assert {f: word[f] for f in FIELDS} == {f: text[f] for f in FIELDS}


def _python_docx_lines(data: bytes) -> list[str]:
    """What python-docx reads from a document (the library the direct reader replaced)."""
    import io

    import docx
    from docx.table import Table

    lines = []
    for block in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(block, Table):
            seen: set = set()
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    cells.append("" if cell._tc in seen else " ".join(cell.text.split()))
                    seen.add(cell._tc)
                lines.append("\t".join(cells))
        else:
            lines.extend(block.text.splitlines() or [""])
    return lines


def test_word_files_read_directly_as_python_docx_reads_them():
    from xxgk.extract.docx import docx_to_lines
    from xxgk.sample.corpus import generate

    _, stream = generate(12, (2019, 2025), 5, None, ("docx",))
    documents = [report.content for report in stream]
    assert len(documents) > 50
    for data in documents:  # merged cells across and down, wrapped labels, headers, signatures
        assert docx_to_lines(data)[0] == _python_docx_lines(data)


def test_a_word_row_that_starts_late_keeps_its_cells_in_their_columns():
    """python-docx hands a row with w:gridBefore its cells from the first column on; a number
    would then stand under the wrong heading. The direct reader leaves the skipped places blank."""
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from xxgk.extract.docx import docx_to_lines

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for col, text in enumerate(["项目", "自然人", "总计"]):
        table.cell(0, col).text = text
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])  # the second row starts in the second column
    props = row.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    props.append(before)
    row.tc_lst[0].xpath("./w:p")[0].append(_run("5"))
    row.tc_lst[1].xpath("./w:p")[0].append(_run("7"))
    buffer = io.BytesIO()
    document.save(buffer)
    lines, grids = docx_to_lines(buffer.getvalue())
    assert grids == [[["项目", "自然人", "总计"], ["", "5", "7"]]]
    assert lines[-1] == "\t5\t7"
    assert _python_docx_lines(buffer.getvalue())[-1] == "5\t7"  # what the library made of it


def _run(text: str):
    from docx.oxml import OxmlElement

    run, t = OxmlElement("w:r"), OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run
