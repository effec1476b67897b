"""A small warehouse with known numbers, built by the real ingest from hand-written reports.

河东区: 晨光街道办事处 (2021, 2022: carried over ≠ last year's carried forward, and late),
        教育局 (2021, 2022 with the 2021 narrative copied), and one report of an agency the
        registry does not know (水务局).
河西区: 河西区人民政府 (2022, then a corrected file that supersedes it; published in March,
        on time for a government), 明月镇人民政府 (2022, the same file twice).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.values import request_values, review_values

REGISTRY = [
    ("t1", "晨光街道办事处", "河东区晨光街道办事处|晨光街道", "街道", "区县", "河东区"),
    ("t2", "教育局", "河东区教育局", "部门", "区县", "河东区"),
    ("t3", "河西区人民政府", "河西区政府", "政府", "区县", "河西区"),
    ("t4", "明月镇人民政府", "河西区明月镇人民政府|明月镇", "乡镇", "区县", "河西区"),
]
CITY, PROVINCE = "测试市", "测试省"
NARRATIVE = {"overview": "本年度，教育局认真落实政府信息公开条例，健全工作机制，拓宽公开渠道，"
                         "加强政策解读，回应社会关切，保障人民群众知情权。",
             "problems": "公开内容还不够全面。", "other": "无。"}


def _values(granted: int, not_held: int, carried: int = 0, forward: int = 0,
            review: tuple[int, int, int, int] = (0, 0, 0, 0)) -> dict:
    """A 2021-format table: natural persons only, two outcome rows, proactive all zero."""
    values = {f"proactive.{k}": 0 for k in (
        "rules.issued", "rules.abolished", "rules.in_force", "normative_docs.issued",
        "normative_docs.abolished", "normative_docs.in_force", "licensing.decisions",
        "penalty.decisions", "enforcement.decisions", "fees.amount_10k_yuan")}
    cells = {("granted", "natural_person"): granted, ("unable_not_held", "natural_person"): not_held}
    values |= request_values("2021", cells, {"natural_person": carried},
                             {"natural_person": forward})
    return values | review_values({"review": review})


REPORTS = {
    # file name: (agency, region, year, published_on, values, narrative)
    "t1_2021.txt": ("晨光街道办事处", "河东区", 2021, "2022-01-20", _values(3, 1, 0, 2),
                    {"overview": "2021年，街道以政务公开标准化为抓手，完善公开目录，更新便民服务指南十余项，"
                                 "在社区设立公开栏。", "problems": "人员不足。", "other": "无。"}),
    "t1_2022.txt": ("晨光街道办事处", "河东区", 2022, "2023-03-01", _values(5, 0, 1, 0),
                    {"overview": "2022年，街道聚焦疫情防控和基层治理信息发布，开通微信公众号，"
                                 "全年发布信息二百余条，回应居民关切。", "problems": "解读形式单一。",
                     "other": "无。"}),
    "t2_2021.txt": ("教育局", "河东区", 2021, "2022-01-15", _values(10, 4, 0, 0, (3, 1, 0, 0)),
                    NARRATIVE),
    "t2_2022.txt": ("教育局", "河东区", 2022, "2023-01-16", _values(8, 2, 0, 0, (2, 2, 1, 1)),
                    NARRATIVE),
    "t3_2022_first.txt": ("河西区人民政府", "河西区", 2022, "2023-03-10", _values(40, 10), None),
    "t3_2022_fixed.txt": ("河西区人民政府", "河西区", 2022, "2023-03-20", _values(41, 10), None),
    "t4_2022.txt": ("明月镇人民政府", "河西区", 2022, "2023-01-10", _values(0, 0), None),
    "u_2022.txt": ("水务局", "河东区", 2022, "2023-01-12", _values(2, 0), None),
}


def write_corpus(folder: Path) -> tuple[Path, Path]:
    """The reports (one of them twice, in a subfolder) and the registry CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (agency, region, year, published, values, narrative) in REPORTS.items():
        spec = ReportSpec(agency, region, year, "2021", values, published,
                          **({"narrative": narrative} if narrative else {}))
        (folder / name).write_text(render_text(spec, "T1", random.Random(1)), encoding="utf-8")
    (folder / "copy").mkdir(exist_ok=True)
    (folder / "copy" / "t4_2022.txt").write_bytes((folder / "t4_2022.txt").read_bytes())
    registry = folder.parent / "agencies.csv"
    with registry.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["agency_id", "name", "aliases", "kind", "level", "district", "city",
                         "province"])
        writer.writerows([(*row, CITY, PROVINCE) for row in REGISTRY])
    return folder, registry
