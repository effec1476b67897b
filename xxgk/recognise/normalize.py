"""Text normalisation before anything is matched.

Full/half width (NFKC), traditional → simplified (OpenCC), pinyin glosses after characters
(項(xiàng)) dropped, quotes unified, page-number lines removed. Line count is kept so that
findings can name the line of the original file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import opencc

# A gloss is a pinyin syllable (letters, tone marks, maybe a tone digit) in brackets right after a
# Chinese character; "(一)" or "(Word)" after a non-CJK character are left alone.
_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[1-5]?"
                    r"|[a-zü]{1,6}[1-5])\)")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?"
                          r"|\d{1,3}\s*/\s*\d{1,3}\s*页)\s*$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "「": '"', "」": '"',
                         "『": '"', "』": '"', "〔": "[", "〕": "]", "【": "[", "】": "]",
                         "−": "-", "–": "-", "－": "-", "﹣": "-"})
RADICALS_FILE = Path(__file__).resolve().parent.parent / "spec" / "EquivalentUnifiedIdeograph.txt"


@cache
def _radicals() -> dict[int, int]:
    """Kangxi radicals and CJK Radicals Supplement → their unified ideographs (⼈ → 人, ⺠ → 民),
    from Unicode's EquivalentUnifiedIdeograph data: PDFs exported by Word, WPS or a browser
    carry these code points in their text layer, and NFKC maps only the first block (issue 8)."""
    table: dict[int, int] = {}
    for line in RADICALS_FILE.read_text(encoding="utf-8").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) != 2:
            continue
        source, target = (f.strip() for f in fields)
        lo, _, hi = source.partition("..")
        for code in range(int(lo, 16), int(hi or lo, 16) + 1):
            table[code] = int(target, 16)
    return table


_RADICAL_RANGE = re.compile("[\u2e80-\u2fdf\u31c0-\u31ef]")
# Characters OpenCC's t2s maps although they are correct simplified Chinese in these reports.
_T2S_KEEP = {"著"}


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → simplified, leaving already-simplified text unchanged."""
    if not re.search(r"[\u3400-\u9fff]", text):
        return text
    converted = _converter().convert(text)
    if len(converted) != len(text):  # a phrase conversion changed length: keep the original
        return text
    return "".join(o if o in _T2S_KEEP else c for o, c in zip(text, converted, strict=True))


@lru_cache(maxsize=1 << 16)
def normalize_line(line: str) -> str:
    """One line, normalised for matching and number reading (same line, same meaning).
    Cached: table labels and cells repeat across a run's reports and within one."""
    line = _ZERO_WIDTH.sub("", line)
    if _RADICAL_RANGE.search(line):
        line = line.translate(_radicals())
    line = unicodedata.normalize("NFKC", line).translate(_QUOTES)
    line = to_simplified(line)
    line = _GLOSS.sub("", line)
    return line.replace("\r", "")


def is_page_number(line: str) -> bool:
    """A line holding only a page number (- 3 -, 第3页, 3/6页)."""
    return bool(_PAGE_NUMBER.match(line))


def normalize_lines(lines: list[str]) -> list[str]:
    """All lines normalised; page-number lines (- 3 -, 第3页) become empty, keeping line numbers."""
    return ["" if _PAGE_NUMBER.match(line) else normalize_line(line) for line in lines]


_COMPACT_DROP = re.compile(r"[\s\W_]+", re.UNICODE)


def compact(text: str) -> str:
    """Letters, digits and CJK only: what label matching compares."""
    return _COMPACT_DROP.sub("", text)
