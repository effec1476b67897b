"""Hostile and broken files (issue 9): each gets a finding in bounded time and memory, and no
value; the limits are those of xxgk/limits.py."""

import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED
from xxgk.limits import DEFAULT_MAX_FILE_MB, DEFAULT_MAX_HTML_DEPTH, DEFAULT_MAX_TABLE_CELLS, MB
from xxgk.parse import parse_bytes


def _only_error(record: dict) -> dict:
    errors = [f for f in record["findings"] if f["severity"] == "error"]
    assert record["values"] == {} and len(errors) == 1, record["findings"]
    return errors[0]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".docx", ".pdf", ".doc", ".wps"])
@pytest.mark.parametrize("data", [b"", bytes(random.Random(1).randrange(256) for _ in range(5000)),
                                  b"%PDF-1.7\n" + b"\x00" * 300, b"PK\x03\x04" + b"\x01" * 300])
def test_garbage_under_every_extension_gives_a_finding(data, suffix):
    record = parse_bytes(data, "garbage" + suffix)
    assert record["values"] == {}
    assert any(f["severity"] == "error" for f in record["findings"]) or not data


def test_a_file_over_the_size_limit_is_not_read():
    data = b"x" * (DEFAULT_MAX_FILE_MB * MB + 1)
    assert _only_error(parse_bytes(data, "huge.txt"))["rule"] == "file-too-large"


def test_a_zip_bomb_named_docx_is_not_inflated():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (300 * MB))  # ~300 KB compressed
    finding = _only_error(parse_bytes(buffer.getvalue(), "bomb.docx"))
    assert finding["rule"] == "file-too-large" and "压缩炸弹" in finding["message"]


def test_truncated_docx_and_pdf_give_findings():
    docx_like = b"PK\x03\x04" + b"word/" + b"\x00" * 100
    assert _only_error(parse_bytes(docx_like, "cut.docx"))
    pdf_head = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n"
    assert _only_error(parse_bytes(pdf_head, "cut.pdf"))


def test_html_nested_beyond_the_limit_is_not_parsed():
    depth = DEFAULT_MAX_HTML_DEPTH * 50  # 100,000 deep
    page = "<html><body>" + "<div>" * depth + "x" + "</div>" * depth + "</body></html>"
    finding = _only_error(parse_bytes(page.encode(), "deep.html"))
    assert "嵌套" in finding["message"]


def test_an_html_table_of_a_million_cells_is_not_parsed():
    row = "<tr>" + "<td>1</td>" * 1000 + "</tr>"
    page = "<html><body><table>" + row * 1000 + "</table></body></html>"
    finding = _only_error(parse_bytes(page.encode(), "cells.html"))
    assert str(DEFAULT_MAX_TABLE_CELLS) in finding["message"]


def test_html_whose_declared_charset_is_wrong_is_read_by_its_bytes():
    text = "<html><head><meta charset='iso-8859-1'></head><body><pre>" + \
        SEED.read_text(encoding="utf-8") + "</pre></body></html>"
    record = parse_bytes(text.encode("utf-8"), "wrong_charset.html")
    assert record["agency"] == "保健路街道办事处" and len(record["values"]) == 198


def test_ingest_reports_bad_files_and_loads_good_ones(tmp_path):
    from xxgk.ingest import ingest

    folder = tmp_path / "上传 文件"  # a path with a space and Chinese characters
    folder.mkdir()
    (folder / "报告 一.txt").write_bytes(SEED.read_bytes())
    (folder / "bomb.docx").write_bytes(b"PK\x03\x04garbage")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "loop").symlink_to(folder)  # a symlink loop must not hang the walk
    (folder / "self.html").symlink_to(folder / "self.html")  # a link to itself
    os.mkfifo(folder / "pipe.txt")  # a FIFO must not hang the read
    (tmp_path / "notes.xlsx").write_bytes(b"PK")
    registry = ROOT / "data" / "agencies_real.csv"
    summary = ingest([folder, tmp_path / "notes.xlsx"], tmp_path / "w.duckdb", [registry],
                     workers=1, progress=False)
    assert summary.loaded == 3
    assert summary.severities["error"] >= 2
    refused = sorted(Path(line.split(": ")[0]).name for line in summary.unreadable)
    assert refused == ["notes.xlsx", "pipe.txt", "self.html"]  # each said, none in silence


def _hanging_parse(item):  # a parser stuck on a file (as 100,000-deep HTML once was)
    import time

    time.sleep(60)


def test_a_file_past_its_time_is_killed_and_reported(tmp_path, monkeypatch):
    import time

    import duckdb

    from xxgk import ingest as ingest_module

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    monkeypatch.setattr(ingest_module, "parse_job", _hanging_parse)  # the workers fork with it
    start = time.perf_counter()
    summary = ingest_module.ingest([folder], tmp_path / "w.duckdb",
                                   [ROOT / "data" / "agencies_real.csv"], workers=1,
                                   progress=False, seconds_per_file=1.0)
    assert time.perf_counter() - start < 30 and summary.loaded == 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("select rule from findings where scope = 'report'").fetchall() == [
            ("parse-timeout",)]
        assert con.execute("select count(*) from report_values").fetchone() == (0,)


def test_no_regular_file_and_oversized_files_are_refused_before_reading(tmp_path):
    from xxgk.ingest import ingest
    from xxgk.parse import parse_file

    with pytest.raises(OSError, match="不是普通文件"):
        parse_file("/dev/zero")  # would never end
    big = tmp_path / "reports" / "huge.txt"
    big.parent.mkdir()
    with big.open("wb") as fh:
        fh.truncate(200 * MB)  # sparse: costs no disk, and must cost no memory either
    (big.parent / "seed.txt").write_bytes(SEED.read_bytes())
    summary = ingest([big.parent], tmp_path / "w.duckdb", [ROOT / "data" / "agencies_real.csv"],
                     workers=1, progress=False)
    assert summary.loaded == 1
    assert len(summary.unreadable) == 1 and "huge.txt" in summary.unreadable[0]


def test_a_pdf_of_two_thousand_pages_is_not_read():
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    for _ in range(2000):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    finding = _only_error(parse_bytes(buffer.getvalue(), "long.pdf"))
    assert finding["rule"] == "file-too-large" and "2000 页" in finding["message"]
