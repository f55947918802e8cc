"""The annual disclosure report (政府信息公开工作年度报告) in the national format: its three tables,
their consistency rules, their layout as printed, CSV exports and the year-over-year chart.

Tables are written in the report's front matter under `tables:` with keys `a`, `b` and `c`;
rows left out are zeros. The 2021 format (国办公开办函〔2021〕30号) and the 2019 trial format
differ in table A and in the rows of (六)其他处理 in table B.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from gongkai.core import catalogue, validate
from gongkai.core.catalogue import Entry
from gongkai.core.problems import Level, Problem
from gongkai.core.schema import Field
from gongkai.core.validate import At

EDITIONS = ("2021", "2019")
EDITION_KEY = "edition"  # the field that names the format, read before the tables
EDITION_NAMES = {"2021": "2021 年版（国办公开办函〔2021〕30号）", "2019": "2019 年试行版"}  # as the public reads them

# Table B: applicant columns, then rows (key, label, group label or "").
B_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
_B_OUTCOMES_HEAD = [
    ("disclosed", "（一）予以公开", ""),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""),
    ("refused_secret", "1.属于国家秘密", "（三）不予公开"),
    ("refused_law", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    ("refused_security", "3.危及“三安全一稳定”", "（三）不予公开"),
    ("refused_third_party", "4.保护第三方合法权益", "（三）不予公开"),
    ("refused_internal", "5.属于三类内部事务信息", "（三）不予公开"),
    ("refused_process", "6.属于四类过程性信息", "（三）不予公开"),
    ("refused_enforcement", "7.属于行政执法案卷", "（三）不予公开"),
    ("refused_query", "8.属于行政查询事项", "（三）不予公开"),
    ("unable_not_held", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unable_needs_creation", "2.没有现成信息需要另行制作", "（四）无法提供"),
    ("unable_unclear", "3.补正后申请内容仍不明确", "（四）无法提供"),
    ("ignored_petition", "1.信访举报投诉类申请", "（五）不予处理"),
    ("ignored_repeated", "2.重复申请", "（五）不予处理"),
    ("ignored_publication", "3.要求提供公开出版物", "（五）不予处理"),
    ("ignored_massive", "4.无正当理由大量反复申请", "（五）不予处理"),
    ("ignored_confirmation", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
]
_B_OTHER = {
    "2021": [
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
        ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
        ("other_rest", "3.其他", "（六）其他处理"),
    ],
    "2019": [("other", "（六）其他处理", "")],
}
C_GROUPS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
C_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
C_ROWS = (("review", C_GROUPS[0]), ("direct_suit", C_GROUPS[1]), ("suit_after_review", C_GROUPS[2]))

# Table A: (section, row key, row label, column labels, whether values may be negative or fractional).
_A = {
    "2021": [
        ("第二十条第（一）项", "rules", "规章", ("本年制发件数", "本年废止件数", "现行有效件数")),
        ("第二十条第（一）项", "normative", "行政规范性文件", ("本年制发件数", "本年废止件数", "现行有效件数")),
        ("第二十条第（五）项", "licensing", "行政许可", ("本年处理决定数量",)),
        ("第二十条第（六）项", "penalty", "行政处罚", ("本年处理决定数量",)),
        ("第二十条第（六）项", "coercion", "行政强制", ("本年处理决定数量",)),
        ("第二十条第（八）项", "fees", "行政事业性收费", ("本年收费金额（单位：万元）",)),
    ],
    "2019": [
        ("第二十条第（一）项", "rules", "规章", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
        ("第二十条第（一）项", "normative", "规范性文件", ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
        ("第二十条第（五）项", "licensing", "行政许可", ("上一年项目数量", "本年增/减", "处理决定数量")),
        ("第二十条第（五）项", "services", "其他对外管理服务事项", ("上一年项目数量", "本年增/减", "处理决定数量")),
        ("第二十条第（六）项", "penalty", "行政处罚", ("上一年项目数量", "本年增/减", "处理决定数量")),
        ("第二十条第（六）项", "coercion", "行政强制", ("上一年项目数量", "本年增/减", "处理决定数量")),
        ("第二十条第（八）项", "fees", "行政事业性收费", ("上一年项目数量", "本年增/减")),
        ("第二十条第（九）项", "procurement", "政府集中采购", ("采购项目数量", "采购总金额")),
    ],
}
_SIGNED = {"本年增/减"}  # columns that may be negative
_DECIMAL = {"本年收费金额（单位：万元）", "采购总金额"}  # columns in money


def a_rows(edition: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """Table A's rows in printed order: key, label, column labels (what the inspection compares)."""
    return [(key, label, columns) for _, key, label, columns in _A[edition]]


def b_rows(edition: str) -> list[tuple[str, str, str]]:
    """Every row of table B in printed order: key, label, group ("" for none)."""
    return [("new", "一、本年新收政府信息公开申请数量", ""), ("carried_in", "二、上年结转政府信息公开申请数量", ""),
            *_B_OUTCOMES_HEAD, *_B_OTHER[edition], ("total", "（七）总计", ""),
            ("carried_out", "四、结转下年度继续办理", "")]


_OUTCOME_KEYS = {e: [k for k, _, _ in _B_OUTCOMES_HEAD + _B_OTHER[e]] for e in EDITIONS}


@dataclass(frozen=True)
class AnnualReport:
    edition: str
    a: dict[str, tuple[float, ...]]
    b: dict[str, tuple[int, ...]]
    c: dict[str, tuple[int, ...]]


class ReportError(ValueError):
    """Every problem found in the tables, each naming table, row, column and numbers, and placed at the
    table or row it is about (validate.At: a path below `tables:`)."""

    def __init__(self, problems: list[At]) -> None:
        super().__init__("；".join(p.message for p in problems))
        self.problems = problems


def parse(raw: Any, edition: str) -> AnnualReport:
    """Read and check the three tables; raises ReportError listing every problem."""
    problems: list[At] = []
    if edition not in EDITIONS:
        raise ReportError([At(f"格式（edition）应为 {' 或 '.join(EDITIONS)}")])
    if not isinstance(raw, dict):
        raise ReportError([At("应写成 a、b、c 三张表")])
    unknown = sorted(set(map(str, raw)) - {"a", "b", "c"})
    if unknown:
        problems.append(At(f"有未知的表「{'、'.join(unknown)}」，只能是 a、b、c", (unknown[0],)))
    a = _table_a(raw.get("a") or {}, edition, problems)
    b = _rows("b", "表二（收到和处理政府信息公开申请情况）", raw.get("b") or {}, [(k, lbl) for k, lbl, _ in b_rows(edition)],
              B_COLUMNS, problems)
    c = _rows("c", "表三（政府信息公开行政复议、行政诉讼情况）", raw.get("c") or {}, list(C_ROWS), C_COLUMNS, problems)
    if not problems:
        problems += _b_rules(b, edition) + _c_rules(c)
    if problems:
        raise ReportError(problems)
    return AnnualReport(edition, a, b, c)


def _table_a(raw: Any, edition: str, problems: list[At]) -> dict[str, tuple[float, ...]]:
    name = "表一（主动公开政府信息情况）"
    if not isinstance(raw, dict):
        problems.append(At(f"{name}应写成“行: [数值, …]”的形式", ("a",)))
        return {}
    rows = {key: (label, columns) for _, key, label, columns in _A[edition]}
    _unknown_rows("a", name, raw, rows, problems)
    out = {}
    for key, (label, columns) in rows.items():
        value = raw.get(key, [0] * len(columns))
        value = value if isinstance(value, list) else [value]
        if len(value) != len(columns):
            problems.append(At(f"{name}「{label}」（{key}）应有 {len(columns)} 个数：{'、'.join(columns)}，现有 {len(value)} 个",
                               ("a", key)))
            continue
        for column, number in zip(columns, value, strict=True):
            ok = isinstance(number, (int, float)) and not isinstance(number, bool) and math.isfinite(number) and (
                column in _DECIMAL or isinstance(number, int)) and (column in _SIGNED or number >= 0)
            if not ok:
                problems.append(At(f"{name}「{label}」行「{column}」列的值「{number}」应为"
                                   f"{'整数（可为负数）' if column in _SIGNED else '不小于 0 的数' if column in _DECIMAL else '不小于 0 的整数'}",
                                   ("a", key)))
        out[key] = tuple(value)
    return out


def _rows(table: str, name: str, raw: Any, rows: list[tuple[str, str]], columns: tuple[str, ...],
          problems: list[At]) -> dict[str, tuple[int, ...]]:
    if not isinstance(raw, dict):
        problems.append(At(f"{name}应写成“行: [数值, …]”的形式", (table,)))
        return {}
    _unknown_rows(table, name, raw, dict(rows), problems)
    out = {}
    for key, label in rows:
        value = raw.get(key, [0] * len(columns))
        if not isinstance(value, list) or len(value) != len(columns):
            comma = "（数字之间用了中文逗号“，”，须用英文逗号“,”）" if "，" in str(value) else ""
            problems.append(At(f"{name}「{label}」（{key}）应为 {len(columns)} 个数的列表：{'、'.join(columns)}{comma}", (table, key)))
            continue
        bad = [(col, v) for col, v in zip(columns, value, strict=True)
               if isinstance(v, bool) or not isinstance(v, int) or v < 0]
        for column, number in bad:
            problems.append(At(f"{name}「{label}」行「{column}」列的值「{number}」应为不小于 0 的整数", (table, key)))
        out[key] = tuple(value)
    return out


def _unknown_rows(table: str, name: str, raw: dict[str, Any], rows: dict[str, Any], problems: list[At]) -> None:
    unknown = sorted(set(map(str, raw)) - set(rows))
    if unknown:
        problems.append(At(f"{name}有未知的行「{'、'.join(unknown)}」；可用：{'、'.join(rows)}", (table, unknown[0])))


def _b_rules(b: dict[str, tuple[int, ...]], edition: str) -> list[At]:
    name, problems = "表二", []
    labels = {k: lbl for k, lbl, _ in b_rows(edition)}
    for key, row in b.items():
        if sum(row[:6]) != row[6]:
            problems.append(At(f"{name}「{labels[key]}」行：总计列为 {row[6]}，但自然人与五类法人或其他组织之和为 {sum(row[:6])}",
                               ("b", key)))
    for col, column in enumerate(B_COLUMNS):
        outcomes = sum(b[k][col] for k in _OUTCOME_KEYS[edition])
        if outcomes != b["total"][col]:
            problems.append(At(f"{name}「{column}」列：（七）总计为 {b['total'][col]}，但（一）至（六）各项之和为 {outcomes}",
                               ("b", "total")))
        left, right = b["new"][col] + b["carried_in"][col], b["total"][col] + b["carried_out"][col]
        if left != right:
            problems.append(At(f"{name}「{column}」列：一、本年新收（{b['new'][col]}）加二、上年结转（{b['carried_in'][col]}）为 "
                               f"{left}，但（七）总计（{b['total'][col]}）加四、结转下年度（{b['carried_out'][col]}）为 {right}，"
                               "两者应相等", ("b", "carried_out")))
    return problems


def _c_rules(c: dict[str, tuple[int, ...]]) -> list[At]:
    return [At(f"表三「{label}」：总计为 {c[key][4]}，但结果维持、结果纠正、其他结果、尚未审结之和为 {sum(c[key][:4])}", ("c", key))
            for key, label in C_ROWS if sum(c[key][:4]) != c[key][4]]


def entry_problems(year: int, edition: str, published: dt.date, body: str) -> list[tuple[str, Level, str]]:
    """Checks that involve the report's other fields: (field key, level, message)."""
    found: list[tuple[str, Level, str]] = []
    if published.year <= year:
        found.append(("year", "error", f"报告年度（{year}）应早于发布日期（{published}）所在的年份：年度报告在次年公布。"))
    elif published > dt.date(year + 1, 1, 31):
        found.append(("date", "warning", f"{year} 年度的报告应于 {year + 1} 年 1 月 31 日前公布，发布日期为 {published}。"))
    if year >= 2021 and edition == "2019":
        found.append(("edition", "warning", f"{year} 年度的报告应使用 2021 年格式（国办公开办函〔2021〕30号）。"))
    headings = set(re.findall(r"^##\s*([一二三四五六])[、．.]", body, re.MULTILINE))
    for number in "一五六":
        if number not in headings:
            found.append(("body", "error", f"正文缺少“## {number}、……”一节；年度报告正文应有一、五、六三节，"
                                           "第二至四节的表格由统计表生成。"))
    for number in sorted(headings & set("二三四"), key="二三四".index):
        found.append(("body", "error", f"正文中不要写“## {number}、……”一节：第二至四节由统计表自动生成，请删去。"))
    return found


# Layout as printed: each table is a list of rows of cells; numbers are right-aligned data cells.

@dataclass(frozen=True)
class Cell:
    text: str
    header: bool = False
    rowspan: int = 1
    colspan: int = 1
    scope: str = ""  # for header cells: row, col, colgroup, rowgroup


@dataclass(frozen=True)
class Table:
    key: str  # a | b | c
    caption: str
    head: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    csv_name: str


def _number(value: float) -> str:
    """Money keeps its decimals as written (up to four), never an exponent."""
    return f"{value:.4f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def tables(report: AnnualReport) -> list[Table]:
    return [_layout_a(report), _layout_b(report), _layout_c(report)]


def _layout_a(report: AnnualReport) -> Table:
    body: list[tuple[Cell, ...]] = []
    section = None
    for part, key, label, columns in _A[report.edition]:
        if part != section:
            section = part
            body.append((Cell(part, True, colspan=4, scope="colgroup"),))
            body.append((Cell("信息内容", True, scope="col"), *_spread([Cell(c, True, scope="col") for c in columns])))
        body.append((Cell(label, True, scope="row"), *_spread([Cell(_number(v)) for v in report.a[key]])))
    return Table("a", "二、主动公开政府信息情况", (), tuple(body), "table-a.csv")


def _spread(cells: list[Cell]) -> list[Cell]:
    """Fill table A's three value columns: the last cell spans what the row does not use."""
    last = cells[-1]
    return [*cells[:-1], Cell(last.text, last.header, colspan=4 - len(cells), scope=last.scope)]


def _layout_b(report: AnnualReport) -> Table:
    head = (
        (Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
         Cell("申请人情况", True, colspan=7, scope="colgroup")),
        (Cell("自然人", True, rowspan=2, scope="col"), Cell("法人或其他组织", True, colspan=5, scope="colgroup"),
         Cell("总计", True, rowspan=2, scope="col")),
        tuple(Cell(c, True, scope="col") for c in B_COLUMNS[1:6]),
    )
    rows = b_rows(report.edition)
    outcome_rows = len(rows) - 3  # between 二 and 四, (七)总计 included
    body, seen = [], set()
    for key, label, group in rows:
        cells: list[Cell] = []
        if key == "disclosed":
            cells.append(Cell("三、本年度办理结果", True, rowspan=outcome_rows, scope="rowgroup"))
        if group and group not in seen:
            seen.add(group)
            cells.append(Cell(group, True, rowspan=sum(1 for _, _, g in rows if g == group), scope="rowgroup"))
        span = 3 if key in ("new", "carried_in", "carried_out") else 1 if group else 2
        cells.append(Cell(label, True, colspan=span, scope="row"))
        body.append((*cells, *(Cell(str(v)) for v in report.b[key])))
    return Table("b", "三、收到和处理政府信息公开申请情况", head, tuple(body), "table-b.csv")


def _layout_c(report: AnnualReport) -> Table:
    head = (
        (Cell(C_GROUPS[0], True, colspan=5, scope="colgroup"), Cell("行政诉讼", True, colspan=10, scope="colgroup")),
        (*(Cell(c, True, rowspan=2, scope="col") for c in C_COLUMNS),
         Cell("未经复议直接起诉", True, colspan=5, scope="colgroup"), Cell("复议后起诉", True, colspan=5, scope="colgroup")),
        tuple(Cell(c, True, scope="col") for c in C_COLUMNS * 2),
    )
    body = (tuple(Cell(str(v)) for key, _ in C_ROWS for v in report.c[key]),)
    return Table("c", "四、政府信息公开行政复议、行政诉讼情况", head, body, "table-c.csv")


def table_rows(report: AnnualReport, key: str) -> tuple[list[str], list[list[Any]]]:
    """One table for a spreadsheet, its header and rows: one value a row for table A, as printed for
    tables B and C."""
    if key == "a":
        rows = [[part, label, column, _number(value)] for part, row_key, label, columns in _A[report.edition]
                for column, value in zip(columns, report.a[row_key], strict=True)]
        return ["项目", "信息内容", "指标", "数值"], rows
    if key == "b":
        return ["分组", "项目", *B_COLUMNS], [[group, label, *report.b[row_key]] for row_key, label, group in b_rows(report.edition)]
    return ["类别", *C_COLUMNS], [[label, *report.c[row_key]] for row_key, label in C_ROWS]


# What the year-over-year chart on the reports' index shows (site/views.py draws it).

def outcomes(report: AnnualReport) -> tuple[int, ...]:
    """Applications received this year, and how they ended: disclosed, partly, refused, otherwise."""
    b = report.b
    refused = sum(b[k][6] for k in b if k.startswith("refused_"))
    disclosed, partial, total = b["disclosed"][6], b["partial"][6], b["total"][6]
    return b["new"][6], disclosed, partial, refused, total - disclosed - partial - refused


# What `gongkai new report` writes: every table's rows, zeros, each row and its columns named.

BODY_SKELETON = [
    "本报告依照《中华人民共和国政府信息公开条例》和国家统一的年度报告格式编制。",
    "", "## 一、总体情况", "", "【待填写：主动公开、依申请公开、政府信息管理、平台建设、监督保障等情况】",
    "", "## 五、存在的主要问题及改进情况", "", "【待填写：上一年度问题的整改情况，本年度存在的问题和改进措施】",
    "", "## 六、其他需要报告的事项", "", "【待填写：收取信息处理费的情况等；第二至四节的表格由统计表 tables 生成，正文中不写】",
]


def skeleton(edition: str) -> list[str]:
    """The `tables:` of a new report in `edition`: every row with zeros, its label and columns in comments."""
    lines = ["tables:", "  # 表一：主动公开政府信息情况（每行的数依次为注释中的各列）", "  a:"]
    lines += [_row(key, len(columns), f"{part}·{label}：{'、'.join(columns)}") for part, key, label, columns in _A[edition]]
    lines += [f"  # 表二：收到和处理政府信息公开申请情况；每行 7 个数：{'、'.join(B_COLUMNS)}", "  b:"]
    lines += [_row(key, len(B_COLUMNS), f"{group}{label}") for key, label, group in b_rows(edition)]
    lines += [f"  # 表三：政府信息公开行政复议、行政诉讼情况；每行 5 个数：{'、'.join(C_COLUMNS)}", "  c:"]
    return lines + [_row(key, len(C_COLUMNS), label) for key, label in C_ROWS]


def _row(key: str, count: int, note: str) -> str:
    return f"    {key}: [{', '.join('0' * count)}]".ljust(52) + f"# {note}"


# The report's place in the catalogue: its field type, its checks, registered with the core.

FIELD_TYPE = "annual_report"


def of(entry: Entry) -> AnnualReport | None:
    """The annual report's tables, for report entries, else None."""
    return next((entry.values[f.key] for f in entry.ctype.fields if f.type == FIELD_TYPE and f.key in entry.values), None)


def _checked(value: Any, field: Field, ctx: validate.Context) -> AnnualReport:
    edition = str(ctx.source.meta.get(EDITION_KEY, "")).strip()
    if edition not in EDITIONS:
        raise validate.Invalid()  # the edition field reports it; the tables cannot be read without it
    try:
        return parse(value, edition)
    except ReportError as e:
        raise validate.Invalid(*(At(f"：{p.message}。", p.path) for p in e.problems)) from None


def _entry_problems(entry: Entry) -> list[Problem]:
    if of(entry) is None:
        return []
    found = entry_problems(int(entry.values.get("year", 0)), str(entry.values.get("edition")), entry.date, entry.body)
    return [Problem(entry.path, message, entry.key_lines.get(key, entry.body_line), level) for key, level, message in found]


validate.register(FIELD_TYPE, _checked)
catalogue.register(_entry_problems)
