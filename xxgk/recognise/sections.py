"""Find the six sections of a report, however their headings are worded, numbered or mistyped.

Headings are short lines matched on keywords (not on their numbering, which the rows of the
section-三 table share: 一、本年新收… is no heading). Each section is searched after the one
before it, so a table caption repeating its section's words is never taken for the heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from xxgk.model import section_headings, spec_cache
from xxgk.recognise.normalize import compact

_NUMERALS = "一二三四五六"
_PATTERNS = {
    1: re.compile(r"总体情况|总体概况|^[一1]概述|^概述"),
    2: re.compile(r"主动公开(?:政府)?信息(?:的)?(?:工作)?情况|^[二2]?主动公开情况"),
    3: re.compile(r"(?:收到|受理)(?:和|及|与)?处理.{0,14}申请|依申请公开.{0,8}情况"),
    4: re.compile(r"(?:行政)?复议.{0,16}诉讼|因政府信息公开.{0,12}(?:复议|诉讼)"),
    5: re.compile(r"(?:存在|主要)的?.{0,6}问题|问题(?:及|和|与)改进|改进(?:情况|措施)"),
    6: re.compile(r"其他需(?:要)?报告|其他事项"),
}
# Where the whole report sits on a few lines (layout T10, archive text), headings are cut out
# of the line, glued to what precedes them or after a space (issue 8). 四、结转下年度继续办理 is a
# row of section 三's table, never section 四: only the sections' own words cut.
_INLINE_HEADING = re.compile(
    r"(?<=\S)\s*(?=[一二三四五六][、.](?:总体情况|概述|主动公开|收到和处理|行政机关收到|因政府信息公开"
    r"|政府信息公开行政|政府信息公开工作存在|存在的?主要问题|其他需要报告))")
# （一）主动公开情况 inside section 一 is a sub-heading, never a section's heading.
_SUBHEADING = re.compile(r"\s*\(\s*[一二三四五六七八九十]")
_OPENS = re.compile(rf"\s*[{_NUMERALS}][、.]")
_TWO_DIGITS = re.compile(r"\d{2,}")
_LEADING_NUMERAL = re.compile(rf"^[{_NUMERALS}]")
DEFAULT_MAX_HEADING = 48
DEFAULT_OPENING = 24  # chars after a numeral within which a section's words make a heading
DEFAULT_FUZZY_SCORE = 84


@dataclass(frozen=True)
class Section:
    number: int
    start: int  # index of the heading line in the working lines
    end: int  # one past the last line


def split_run_together(lines: list[str]) -> list[tuple[int, str]]:
    """(original 1-based line number, text) with headings that sit inside a line cut out."""
    out: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        for piece in _INLINE_HEADING.split(line):
            out.append((number, piece))
    return out


def is_heading(number: int, text: str, key: str | None = None) -> bool:
    """Whether a line is the heading of section ``number`` (``key``: its ``compact`` text, when
    the caller has it already).

    A heading is a short line with the section's keywords (or close to its standard wording).
    A long line qualifies only when it opens with the section numeral and the keywords come
    first: a whole section run onto one line (layout T10).
    """
    key = compact(text) if key is None else key
    if not key or _SUBHEADING.match(text):
        return False
    opens = _OPENS.match(text)
    if opens and _PATTERNS[number].search(key[:DEFAULT_OPENING]):
        return True  # the section's own words right after its numeral, whatever follows
    if _TWO_DIGITS.search(key[:DEFAULT_MAX_HEADING]):
        return False
    if len(key) > DEFAULT_MAX_HEADING:
        return bool(opens and _PATTERNS[number].search(key[:DEFAULT_MAX_HEADING]))
    if _PATTERNS[number].search(key):
        return True
    body = _LEADING_NUMERAL.sub("", key)
    return len(body) >= 6 and fuzz.ratio(body, _heading_key(number)) >= DEFAULT_FUZZY_SCORE


@spec_cache
def _heading_key(number: int) -> str:
    """A section's standard heading as compared: compact, without its numeral."""
    return compact(section_headings()[number])[1:]


_HEADING_TAIL = re.compile(r"^(?:的?(?:工作)?情况|(?:及|和|与)改进(?:情况|措施)?|的?事项)?[\s:：。.]*")


def heading_rest(number: int, text: str) -> str:
    """What follows a section's heading on its own line (一、总体情况 2022年，我局…): the start
    of the section's text where a report runs on one line."""
    match = _PATTERNS[number].search(text)
    return _HEADING_TAIL.sub("", text[match.end():], count=1).strip() if match else ""


def find_sections(texts: list[str]) -> dict[int, Section]:
    """Section number → span of lines; sections not found are absent."""
    heads: dict[int, int] = {}
    cursor = 0
    keys = [compact(text) for text in texts]
    for number in range(1, 7):
        for idx in range(cursor, len(texts)):
            if is_heading(number, texts[idx], keys[idx]):
                heads[number] = idx
                cursor = idx + 1
                break
    ordered = sorted(heads.items(), key=lambda item: item[1])
    sections: dict[int, Section] = {}
    for i, (number, idx) in enumerate(ordered):
        end = ordered[i + 1][1] if i + 1 < len(ordered) else len(texts)
        sections[number] = Section(number, idx, end)
    return sections
