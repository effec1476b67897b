"""Who wrote the report, for which year, published when: from the title, the statistical-period
sentence, the signature and the page chrome. Each is None rather than guessed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from xxgk.recognise.normalize import compact

_TITLE_WORDS = re.compile(r"(?:政府信息公开|政务公开|信息公开).{0,12}(?:报告|年报)")
_CHROME = re.compile(r"[>»›]|当前位置|首页|字号|打印|关闭|分享|索引号|浏览次数|来源[:：]")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年度?")
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?(?:至|到|-|—)((?:19|20)\d{2})年12月31日")
_OPENING_YEAR = re.compile(r"^((?:19|20)\d{2})年(?:度)?[,，以来是我全本]")
_DATE_YMD = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})")
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "O": 0, "o": 0}
_DATE_CN = re.compile(r"([〇零Oo一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月"
                      r"([一二三四五六七八九十]{1,3})日")
_CHROME_DATE = re.compile(r"(?:发布|成文|生成|公开)(?:时间|日期)")
_PROVINCE = re.compile(r"^[^区县市省]{2,7}?(?:省|自治区)")
_CITY = re.compile(r"^[^区县市省镇乡]{2,8}?(?:市|自治州|州|盟|地区)")
_DISTRICT = re.compile(r"^[^区县市省镇乡]{2,8}?(?:区|县|旗|市)")
_GENERIC_HEADS = ("街道", "镇", "乡", "办事处", "人民政府", "政府", "委员会", "管委会", "社区",
                  "村", "人民", "工作", "新区", "开发区")
_AGENCY_SUFFIX = re.compile(r"(?:办事处|街道|人民政府|政府|办公室|局|委员会|委|厅|署|镇|乡|中心|院"
                            r"|管委会|办|处|所|站|队|会|部|馆|公司|集团|社)$")
DEFAULT_HEAD_LINES = 25
DEFAULT_MAX_TITLE = 60
# A page's metadata field names before the title (标题平潭综合实验区…, 题目：…), issue 8.
# A sentence naming the report (本报告根据《条例》…, 现将…年度报告公布如下) is no title: what
# precedes its report words is not the agency (issue 8).
_BOILERPLATE = re.compile(r"^(?:本报告|本年度报告|根据|依据|按照|现将|为)|条例|编制|规定")
_FIELD_NAME = re.compile(r"^(?:文章标题|信息标题|标题|题目|名称)")


@dataclass
class Metadata:
    agency: str | None = None
    region: str | None = None
    year: int | None = None
    published_on: str | None = None


def split_region(name: str) -> tuple[str, str | None]:
    """'南岗区保健路街道办事处' → ('保健路街道办事处', '南岗区'); a government keeps its name:
    '淮安市人民政府' → ('淮安市人民政府', '淮安市')."""
    rest = _PROVINCE.sub("", name)
    region = None
    for pattern in (_CITY, _DISTRICT):
        match = pattern.match(rest)
        if match and len(rest) > match.end():
            region, rest = match.group(), rest[match.end():]
    if region is None:
        return name, None
    if rest.startswith(("人民政府", "政府")) or len(rest) < 2:
        return name if name.endswith(rest) else rest, region
    if rest.startswith(_GENERIC_HEADS):
        return name, None
    return rest, region


def _title(head: list[str]) -> tuple[int, str] | None:
    """(index, compact title) of the title in the first lines; a title broken over lines is joined."""
    for i, line in enumerate(head):
        key = compact(line)
        words = _TITLE_WORDS.search(key)
        if not key or _CHROME.search(line) or not words or words.end() > DEFAULT_MAX_TITLE \
                or _BOILERPLATE.search(key[:words.start()]):
            continue
        key = _FIELD_NAME.sub("", key[:words.end()])  # a whole report on one line: its start
        title = key
        if i + 1 < len(head) and compact(head[i + 1]).startswith(("年度报告", "工作年度报告", "报告")):
            title += compact(head[i + 1])
        if re.match(r"^(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开|信息公开)", title):
            above = next((compact(x) for x in reversed(head[:i]) if compact(x)), "")
            if above and len(above) <= 30 and _AGENCY_SUFFIX.search(above) \
                    and not _CHROME.search(above):
                title = above + title
        return i, title
    return None


def _agency_from_title(title: str) -> str | None:
    match = re.match(r"^(.*?)(?:(?:19|20)\d{2}年度?)?(?:政府信息公开|政务公开|信息公开)", title)
    name = match.group(1) if match else ""
    name = re.sub(r"(?:关于)$", "", name)
    return name if len(name) >= 2 else None


def parse_date(text: str) -> str | None:
    """The first date in a line, as ISO; None when there is none or it is no real date."""
    for pattern, conv in ((_DATE_YMD, int), (_DATE_ISO, int), (_DATE_CN, _cn_number)):
        match = pattern.search(text)
        if match:
            try:
                return date(conv(match[1]), conv(match[2]), conv(match[3])).isoformat()
            except ValueError:
                continue
    return None


def _cn_number(text: str) -> int:
    if len(text) == 4:
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _year(texts: list[str], title: str | None, overview_first: str | None) -> int | None:
    if title and (m := _TITLE_YEAR.search(title)):
        return int(m[1])
    for line, after in zip(texts, [*texts[1:], ""], strict=True):
        # The period sentence may wrap (…统计期限自2021 / 年1月1日起至…): a line and the next.
        if "年" in line + after and (m := _PERIOD.search(compact(line) + compact(after))):
            return int(m[1])
    if overview_first and (m := _OPENING_YEAR.match(overview_first.strip().replace(" ", ""))):
        return int(m[1])
    return None


def _signature_and_date(texts: list[str]) -> tuple[str | None, str | None]:
    """Date under the signature (last lines), and the signature line above it."""
    tail = [(i, t.strip()) for i, t in enumerate(texts) if t.strip()][-6:]
    for pos, (_, line) in reversed(list(enumerate(tail))):
        found = parse_date(line)
        if found and len(compact(line)) <= 24:
            above = compact(tail[pos - 1][1]) if pos > 0 else ""
            signature = above if above and len(above) <= 30 and _AGENCY_SUFFIX.search(above) \
                else None
            return signature, found
    for line in texts:
        if _CHROME_DATE.search(line) and (found := parse_date(line)):
            return None, found
    return None, None


def read_metadata(texts: list[str], overview_first: str | None = None,
                  head_end: int | None = None) -> Metadata:
    """Metadata from the working lines (normalised); ``head_end`` bounds the title search."""
    head = texts[:min(head_end or DEFAULT_HEAD_LINES, DEFAULT_HEAD_LINES)]
    found = _title(head)
    meta = Metadata()
    title = found[1] if found else None
    signature, meta.published_on = _signature_and_date(texts)
    name = (_agency_from_title(title) if title else None) or signature
    if name:
        meta.agency, meta.region = split_region(name)
    meta.year = _year(texts, title, overview_first)
    return meta
