"""整改清单: what one agency must correct in one year's report, addressed to it, as XLSX and
DOCX (issue 10). Pure: frames in, file bytes out; the pages and the CLI only fetch the frames.

Each item says, in Chinese, what is wrong (the rule's name and the finding), where (the place in
the original text and the table rows involved, with the numbers as printed), why it matters
(the rule's explanation), what to do (the rule's fix), its review status, and leaves a column
for the agency's reply.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date

import pandas as pd

from xxgk.labels import RULES, SEVERITY_ZH, where_zh
from xxgk.model import ACTIONABLE, registry

COLUMNS = ["序号", "严重程度", "问题", "具体情况", "位置", "涉及数字", "规则说明", "整改要求",
           "核实状态", "机构答复"]
WIDTHS = [6, 8, 18, 48, 14, 40, 40, 30, 10, 30]
MAX_CELLS = 8
NOT_FILED = "未报送"
NOT_READ = frozenset({"ambiguous-cell", "unreadable-cell", "grid-conflict"})  # cells left unread
UNREVIEWED = "待核实"


@dataclass(frozen=True)
class Addressee:
    """Whom the list goes to and about which report."""

    agency_label: str  # 名称（区县）
    year: int
    published_on: str | None = None
    file_name: str | None = None

    @property
    def title(self) -> str:
        return f"{self.agency_label} {self.year} 年度政府信息公开工作年度报告整改清单"

    @property
    def stem(self) -> str:
        return f"整改清单_{self.agency_label}_{self.year}".replace("/", "-").replace(" ", "")


def _number(value: float) -> str:
    return f"{value:g}"


def involved(keys: list[str], printed: dict[str, float]) -> str:
    """The cells a finding names, as the report's rows read them, with the printed numbers."""
    names = registry()
    parts = [f"{names[k].label_zh if k in names else k}：{_number(printed[k]) if k in printed else '空白'}"
             for k in keys[:MAX_CELLS]]
    if len(keys) > MAX_CELLS:
        parts.append(f"等共 {len(keys)} 个单元格")
    return "\n".join(parts)


def items(findings: pd.DataFrame, cells: pd.DataFrame, problem: str | None = None) -> pd.DataFrame:
    """The list's rows: the agency's error and warning findings (errors first) of one report,
    and a first row when it did not file or filed late (``problem`` from 未报送名单)."""
    rows = []
    if problem == NOT_FILED:
        rows.append({"核实状态": UNREVIEWED, "严重程度": "错误", "问题": "未报送年度报告",
                     "具体情况": "本年度的政府信息公开工作年度报告未找到。", "位置": "—", "涉及数字": "—",
                     "规则说明": "各机关应于次年 1 月 31 日前向社会公布本机关上一年度的"
                                 "政府信息公开工作年度报告。",
                     "整改要求": "尽快编制并公开年度报告，报送政务公开办。"})
    printed = {(r.report_id, r.key): r.value for r in cells.itertuples() if pd.notna(r.value)}
    chosen = findings[findings.severity.isin(ACTIONABLE)]
    chosen = chosen.assign(order=chosen.severity.map({"error": 0, "warning": 1}))
    for f in chosen.sort_values(["order", "rule"], kind="stable").itertuples():
        rule = RULES.get(f.rule, {})
        keys = list(f.keys) if f.keys is not None else []
        mine = {k: printed[(f.report_id, k)] for k in keys if (f.report_id, k) in printed}
        status = getattr(f, "review_status", None) or UNREVIEWED
        rows.append({"核实状态": status, "严重程度": SEVERITY_ZH.get(f.severity, f.severity),
                     "问题": rule.get("name_zh", f.rule), "具体情况": f.message,
                     "位置": where_zh(f.location) or "—",
                     "涉及数字": ("未读取（各行见具体情况）" if f.rule in NOT_READ
                                  else involved(keys, mine) or "—"),
                     "规则说明": rule.get("explain_zh", ""), "整改要求": rule.get("fix_zh", "")})
    out = pd.DataFrame(rows, columns=COLUMNS[1:-1])
    out.insert(0, "序号", range(1, len(out) + 1))
    return out.assign(核实状态=out["核实状态"].astype(object).fillna(UNREVIEWED), 机构答复="")


def _heading_lines(to: Addressee) -> list[str]:
    return [f"机构：{to.agency_label}　　年度：{to.year}",
            f"报告发布日期：{to.published_on or '—'}　　报告文件：{to.file_name or '—'}",
            f"生成日期：{date.today().isoformat()}　　共 {{n}} 项。"
            "请逐项核实整改，在“机构答复”栏填写情况后回复。"]


def xlsx_bytes(to: Addressee, rows: pd.DataFrame) -> bytes:
    """The list as one worksheet: title, addressee, then a wrapped table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "整改清单"
    sheet.append([to.title])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in _heading_lines(to):
        sheet.append([line.format(n=len(rows))])
    sheet.append([])
    sheet.append(COLUMNS)
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE4EE")
    for row in rows[COLUMNS].itertuples(index=False):
        sheet.append(list(row))
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    for line in sheet.iter_rows(min_row=header):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docx_bytes(to: Addressee, rows: pd.DataFrame) -> bytes:
    """The list as a Word document (landscape A4): title, addressee, then one table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    style.font.name = "宋体"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    document.add_heading(to.title, level=1)
    for line in _heading_lines(to):
        document.add_paragraph(line.format(n=len(rows)))
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = name
        cell.paragraphs[0].runs[0].bold = True
    for row in rows[COLUMNS].itertuples(index=False):
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(lists: list[tuple[Addressee, pd.DataFrame]]) -> bytes:
    """One XLSX and one DOCX per agency, in one ZIP (a district's lists for a year)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for to, rows in lists:
            archive.writestr(f"{to.stem}.xlsx", xlsx_bytes(to, rows))
            archive.writestr(f"{to.stem}.docx", docx_bytes(to, rows))
    return buffer.getvalue()
