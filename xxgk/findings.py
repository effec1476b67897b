"""Findings as a supervisor reads them (issue 10): the row-level ``ambiguous-cell`` warnings of
one table become one finding naming the rows, in table order, and a row is named by its Chinese
label as the report prints it, not by its key."""

from __future__ import annotations

import re

from xxgk.model import Finding, registry, section_part

_ROW_KEY = re.compile(r"^[a-z_]+ 行[：:]?")
GROUPED = "ambiguous-cell"


def row_label(key: str) -> str:
    """The printed name of the row a key is in (一、本年新收政府信息公开申请数量; 规章; 行政复议)."""
    info = registry().get(key)
    return info.label_zh.split(" × ")[0] if info else key


def _detail(finding: Finding) -> str:
    """What is wrong with the row, without its name and the closing 未取值."""
    return _ROW_KEY.sub("", finding.message).removesuffix("，未取值").strip("：: ")


def _named(finding: Finding) -> Finding:
    """The finding with its row named in Chinese."""
    if not finding.keys or not _ROW_KEY.match(finding.message):
        return finding
    return Finding(finding.rule, finding.severity,
                   f"{row_label(finding.keys[0])}：{_detail(finding)}，未取值", finding.keys,
                   finding.where)


def _grouped(section: int, members: list[Finding]) -> Finding:
    order = list(registry())
    members = sorted(members, key=lambda f: order.index(f.keys[0]))
    keys = list(dict.fromkeys(k for f in members for k in f.keys))
    by_detail: dict[str, list[str]] = {}
    for f in members:
        by_detail.setdefault(_detail(f), []).append(row_label(f.keys[0]))
    rows = "；".join(f"{'、'.join(labels)}（{detail}）" for detail, labels in by_detail.items())
    return Finding(GROUPED, members[0].severity,
                   f"{section_part(section)}表格有 {len(members)} 行的数字无法确定"
                   f"所在列，未取值：{rows}", keys, members[0].where)


def grouped_findings(findings: list[Finding]) -> list[Finding]:
    """``findings`` with each table's ambiguous-cell findings as one (at the first one's place)
    and every row-level message naming its row in Chinese."""
    by_section: dict[int, list[Finding]] = {}
    out: list[Finding | int] = []
    for finding in findings:
        info = registry().get(finding.keys[0]) if finding.keys else None
        if finding.rule != GROUPED or info is None:
            out.append(_named(finding))
            continue
        if info.section not in by_section:
            by_section[info.section] = []
            out.append(info.section)
        by_section[info.section].append(finding)
    return [item if isinstance(item, Finding) else
            (_named(by_section[item][0]) if len(by_section[item]) == 1
             else _grouped(item, by_section[item]))
            for item in out]
