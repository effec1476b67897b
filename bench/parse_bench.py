"""Parse speed: ms per report per text layout and per file format (web page, Word, PDF printed
by Chromium) on rendered reports, the real documents, and the PDF backends compared on the real
PDF. Run: python bench/parse_bench.py [--reports N] [--pdfs N]"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from xxgk.parse import parse_bytes, parse_file  # noqa: E402
from xxgk.sample.document import ReportSpec, render_text  # noqa: E402
from xxgk.sample.layouts import LAYOUTS  # noqa: E402
from xxgk.sample.values import random_values  # noqa: E402


def _time(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=40, help="reports per layout")
    parser.add_argument("--pdfs", type=int, default=10, help="PDF reports (printed by Chromium)")
    args = parser.parse_args()
    print(f"{'layout':8} {'reports':>7} {'ms/report (median)':>19} {'p95':>7}")
    total, count = 0.0, 0
    for layout in LAYOUTS:
        times = []
        for seed in range(args.reports):
            template = "2019" if seed % 2 else "2021"
            spec = ReportSpec("某街道办事处", "某区", 2020 if template == "2019" else 2023, template,
                              random_values(template, random.Random(seed)), "2024-01-20")
            data = render_text(spec, layout, random.Random(seed)).encode("utf-8")
            times += _time(lambda d=data: parse_bytes(d, "x.txt"), 1)
        total += sum(times)
        count += len(times)
        times.sort()
        print(f"{layout:8} {len(times):7d} {statistics.median(times) * 1000:19.1f} "
              f"{times[int(len(times) * 0.95) - 1] * 1000:7.1f}")
    print(f"all text layouts: {count / total:.1f} reports/s on one core")
    for name in ("data/sample/000_94358fe22916de47.txt", "../shared/real/huaian-city-2024.pdf"):
        path = ROOT / name
        if path.exists():
            times = _time(lambda p=path: parse_file(p), 5)
            print(f"{path.name}: {statistics.median(times) * 1000:.1f} ms (median of 5)")
    formats(args.reports, args.pdfs)
    backends(ROOT.parent / "shared" / "real" / "huaian-city-2024.pdf")


# issue 13's targets, reports per second on one core
TARGETS = {"txt": 500, "html": 200, "docx": 150, "pdf": 30}


def _floor(fmt: str, data: bytes) -> None:
    """The least any reader does with the file: decode and split the text, or get the text out
    of its HTML, Word XML or PDF with the fastest well-kept library (no layout, no tables)."""
    import io
    import zipfile

    import lxml.etree
    import lxml.html

    if fmt == "txt":
        data.decode("utf-8").splitlines()
    elif fmt == "html":
        lxml.html.document_fromstring(data).text_content().splitlines()
    elif fmt == "docx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            "".join(lxml.etree.fromstring(archive.read("word/document.xml")).itertext())
    else:
        import pypdfium2

        document = pypdfium2.PdfDocument(data)
        for page in document:
            page.get_textpage().get_text_range()
        document.close()


def formats(n: int, n_pdf: int) -> None:
    """Median parse time per file format on the generator's rendered reports, beside the floor
    (what reading the text alone costs) and issue 13's target."""
    from xxgk.sample.corpus import RENDERERS

    print("| format | reports | ms/report (median) | reports/s | floor ms | × floor | target/s |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for fmt, (ext, render) in RENDERERS.items():
        times, floors = [], []
        for seed in range(n_pdf if fmt == "pdf" else n):
            template = "2019" if seed % 2 else "2021"
            spec = ReportSpec("某街道办事处", "某区", 2020 if template == "2019" else 2023, template,
                              random_values(template, random.Random(seed)), "2024-01-20")
            data = render(spec, "T1", random.Random(seed))
            times += _time(lambda d=data, e=ext: parse_bytes(d, "x" + e), 1)
            floors += _time(lambda d=data, f=fmt: _floor(f, d), 3)
        ms, floor = statistics.median(times) * 1000, statistics.median(floors) * 1000
        print(f"| {fmt} | {len(times)} | {ms:.1f} | {1000 / ms:.0f} | {floor:.2f} | "
              f"{ms / floor:.0f} | {TARGETS[fmt]} |")


def backends(pdf: Path) -> None:
    """The PDF backends on a real report: what the parser uses and the fastest alternative."""
    if not pdf.exists():
        return
    import io

    import pdfplumber
    import pypdfium2

    from xxgk.extract.pdf import pdf_to_text

    data = pdf.read_bytes()

    def plumber_text() -> None:
        with pdfplumber.open(io.BytesIO(data)) as doc:
            for page in doc.pages:
                page.extract_text()

    def pdfium_chars() -> None:
        doc = pypdfium2.PdfDocument(data)
        for page in doc:
            text = page.get_textpage()
            for i in range(text.count_chars()):
                text.get_charbox(i)
            text.get_text_range()

    for name, fn in (("pdfplumber (pdfminer) text only — the reader before issue 13", plumber_text),
                     ("PDFium chars + rules, pdfplumber's word grouping (used)",
                      lambda: pdf_to_text(data)),
                     ("pypdfium2 text + every char box (floor)", pdfium_chars)):
        print(f"{name}: {statistics.median(_time(fn, 5)) * 1000:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
