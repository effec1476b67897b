"""Reading an agency's pages: which link of a 年报栏目 is year Y's report (titles vary: 年度报告 /
年报 / 工作报告, with or without the agency's name, the year in Arabic or Chinese numerals),
which link goes to the column's next page, which links are the report's attachments, and
whether a page is itself a report."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from xxgk.extract.text import bytes_to_text
from xxgk.recognise.normalize import to_simplified

_DIGITS_ZH = "〇一二三四五六七八九"
# report words: a 政府信息公开 annual report, never the government's 政府工作报告
_DISCLOSURE = re.compile(r"(政府|政务)?信息公开")
_REPORT = re.compile(r"年度?报告|年报|工作报告|报告")
_ANNUAL = re.compile(r"年度报告|年报")
_NOT_A_REPORT = re.compile(r"政府工作报告|统计年报|统计公报|决算|预算|工作要点|通知|解读|指南")
_NEXT_PAGE = re.compile(r"^\s*(下一页|下页|后一页|>|»|›|＞)\s*$")
_MARKERS = ("收到和处理政府信息公开申请情况", "本年新收政府信息公开申请数量", "主动公开政府信息情况",
            "政府信息公开行政复议")
ATTACHMENT_SUFFIXES = (".docx", ".pdf", ".doc", ".wps")  # preferred first: the parser reads
                                                         # Word and PDF tables; .doc/.wps it cannot
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _normal(text: str) -> str:
    """Simplified script, full-width digits and letters as ASCII, spaces removed, every zero of
    a Chinese-numeral year as 〇 (titles mix 〇, 零, ○ and the letter O)."""
    text = to_simplified(unicodedata.normalize("NFKC", text))
    text = re.sub(r"\s+", "", text)
    return re.sub(r"(?<=[一二三四五六七八九〇零○O])[零○O]|[零○O](?=[一二三四五六七八九〇零○O])",
                  "〇", text)


def title_years(title: str) -> set[int]:
    """The years a title names (2024年, 二〇二四年度)."""
    text = _normal(title)
    found = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?=年)", text)}
    for zh in re.findall(r"([一二三四五六七八九〇]{4})(?=年)", text):
        found.add(int("".join(str(_DIGITS_ZH.index(c)) for c in zh)))
    return found


def report_title_score(title: str, year: int, agency_names: tuple[str, ...] = ()) -> int:
    """How surely ``title`` is the 政府信息公开工作年度报告 of ``year``: 0 when it is not at all;
    more when it says 信息公开 and names the agency."""
    text = _normal(title)
    if not text or year not in title_years(text) or _NOT_A_REPORT.search(text):
        return 0
    other_years = title_years(text) - {year}
    if other_years and not re.search(rf"{year}年度?(政府)?信息公开", text):
        return 0  # "关于2023年…的2024年…": not clearly year Y's report
    if _DISCLOSURE.search(text) and _REPORT.search(text):
        score = 3
    elif _ANNUAL.search(text):
        score = 1  # "…2024年年报" in a 年报栏目
    else:
        return 0
    if any(name and _normal(name) in text for name in agency_names):
        score += 2
    return score


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass
class Page:
    """A fetched HTML page: its text and its links (absolute, fragment-free)."""

    url: str
    title: str
    heading: str  # the first <h1> (else <h2>): a report page's title as printed on it
    text: str
    links: list[Link]

    def best_report_link(self, year: int, agency_names: tuple[str, ...] = ()) -> Link | None:
        """The link whose title is most surely year ``year``'s report; the first of equals."""
        scored = [(report_title_score(link.text, year, agency_names), -i, link)
                  for i, link in enumerate(self.links)]
        best = max(scored, default=None, key=lambda s: (s[0], s[1]))
        return best[2] if best and best[0] > 0 else None

    def next_page(self) -> Link | None:
        return next((link for link in self.links if _NEXT_PAGE.match(link.text)), None)

    def attachments(self) -> list[Link]:
        """Links to PDF / Word / WPS files, the preferred kind first (then page order)."""
        found = [link for link in self.links if suffix_of(link.url) in ATTACHMENT_SUFFIXES]
        return sorted(found, key=lambda link: ATTACHMENT_SUFFIXES.index(suffix_of(link.url)))

    def is_report_of(self, year: int) -> bool:
        """The page itself is year ``year``'s report: its title or heading says so (a list page's
        entries are links, not its heading), or it holds a report's tables and names the year."""
        if any(report_title_score(part, year) >= 3 for part in (self.title, self.heading)):
            return True
        return self.has_tables() and year in title_years(self.title + self.heading + self.text[:2000])

    def has_tables(self) -> bool:
        """The page holds a report's tables (not only a link to them)."""
        text = _normal(self.text)
        return sum(marker in text for marker in _MARKERS) >= 2


def suffix_of(url: str) -> str:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def read_page(data: bytes, url: str, charset: str | None = None) -> Page:
    """An HTML page's title, text and links; its charset from the HTTP header, else the page's
    own bytes (meta, UTF-8, GB18030, detection: GBK pages are common)."""
    text = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = bytes_to_text(data)[0]
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"),
                                             lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return Page(url, "", "", "", [])
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    base = root.find(".//base[@href]")
    base_url = urljoin(url, base.get("href")) if base is not None else url
    links = []
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        label = " ".join(anchor.text_content().split()) or anchor.get("title") or ""
        if anchor.get("title") and len(anchor.get("title")) > len(label):
            label = anchor.get("title")  # lists cut long titles: "…2024年政府信息公开工…"
        links.append(Link(urljoin(base_url, href).split("#")[0], label))
    title = " ".join((root.findtext(".//title") or "").split())
    heading = next((" ".join(h.text_content().split()) for tag in ("h1", "h2")
                    for h in root.iter(tag)), "")
    return Page(url, title, heading, root.text_content(), links)
