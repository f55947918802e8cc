"""Figures bureaus count by hand every January, derived from the catalogue: the annual report's table
二 (主动公开政府信息情况) compared with what the report says, the items each publisher published per
month (the departmental ranking of seeds 000 and 002), and the 政府网站工作年度报表's figures that
the catalogue can supply.

How each count is made, so that a reader can check it:
- a document is issued (制发) on its 成文日期, else its 发布日期;
- it ends when its successor (superseded_by) is issued, for 废止 and 已修改; a 失效 one on its 有效期
  (valid_until); one whose end cannot be told is not counted in force after its year of issue;
- 废止 in a year: 有效性 废止 and its end in that year;
- 现行有效 at the end of a year: issued by then and not ended by then;
- 行政许可, 行政处罚, 行政强制: the items published in their categories that year. A report counts the
  decisions made, which may be more than those published, so a report's figure is wrong only when
  it is smaller.
Only published entries count: a 规范性文件 must be published proactively, so one missing here is
missing from the site too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.core.catalogue import Catalogue, Entry, working_days
from gongkai.core.validate import WRITTEN
from gongkai.inspection import rules
from gongkai.inspection.findings import Finding, Outcome, Verdict
from gongkai.inspection.subject import Subject
from gongkai.types import reports

ENDED_BY_SUCCESSOR = ("废止", "已修改")
REPEALED, EXPIRED = "废止", "失效"
DYNAMIC_COLUMN = "动态要闻"  # the column type whose items are 政务动态
OVERVIEW_ITEM = "二"  # 条例第二十条第（二）项: 机关职能、机构设置…, the 年度报表's 概况类信息
PRODUCT_FORMS = ("图解", "音频", "视频")  # 解读产品; every other form of interpretation is a 解读材料
MANUAL = "需人工填写"

# What each column of table A is derived as, by edition and row; None: not from the catalogue.
_DERIVED: dict[str, dict[str, tuple[str | None, ...]]] = {
    "2021": {"rules": ("issued", "repealed", "in_force"), "normative": ("issued", "repealed", "in_force"),
             "licensing": ("decisions",), "penalty": ("decisions",), "coercion": ("decisions",)},
    "2019": {"rules": ("issued", "published", "public_total"), "normative": ("issued", "published", "public_total"),
             "licensing": (None, None, "decisions"), "penalty": (None, None, "decisions"),
             "coercion": (None, None, "decisions")},
}
_HOW = {"issued": "按成文日期计", "repealed": "有效性为废止、其替代文件于当年成文", "in_force": "年末未废止、未失效",
        "published": "按发布日期计", "public_total": "截至年末已发布", "decisions": "当年在该栏目公开的处理决定"}


@dataclass(frozen=True)
class Comparison:
    year: int
    row: str  # the row's label in table A
    column: str
    derived: int
    reported: float | None  # None: no report of that year is published
    exact: bool  # equal, or (decisions) the report's at least the catalogue's
    how: str  # how the catalogue's figure was counted

    @property
    def agrees(self) -> bool | None:
        """Whether the report says what the catalogue gives; None without a report."""
        if self.reported is None:
            return None
        return self.reported == self.derived if self.exact else self.reported >= self.derived


@dataclass(frozen=True)
class YearFigures:
    """Table A as the catalogue gives it for one year, and the published report of that year, if any."""

    year: int
    counts: dict[str, dict[str, int]]  # row key -> {issued, repealed, in_force, published, public_total, decisions}
    report: Entry | None
    comparisons: tuple[Comparison, ...]  # every figure of table A the catalogue gives, with the report's
    report_url: str = ""


@dataclass(frozen=True)
class PublisherRow:
    publisher: str
    counts: tuple[int, ...]  # per month
    total: int
    dated: int  # items with a 成文日期
    on_time: int  # of those, published within the time limit


@dataclass(frozen=True)
class WebsiteFigure:
    group: str  # the 年度报表's section: 信息发布, 解读回应…
    label: str
    value: str  # a number, 是/否, or MANUAL
    note: str = ""


@dataclass(frozen=True)
class Statistics:
    years: tuple[YearFigures, ...]
    months: tuple[str, ...]  # YYYY-MM, oldest first
    publishers: tuple[PublisherRow, ...]  # most items first
    website_year: int
    website: tuple[WebsiteFigure, ...]


def compute(s: Subject) -> Statistics:
    """Every figure of the report's statistics section, for the inspection's date."""
    months = _months(s.today, s.schema.inspection.months)
    year = s.today.year - 1
    return Statistics(_years(s), months, _publishers(s, months), year, _website(s, year))


# Table 二.

def _issued(entry: Entry) -> dt.date:
    written = entry.values.get(WRITTEN)
    return written if isinstance(written, dt.date) else entry.date


def _end(entry: Entry, catalogue: Catalogue) -> dt.date | None:
    """When a document stopped being in force: None while in force; its issue date when that cannot be told."""
    validity = entry.validity
    if entry.in_force or validity is None:
        return None
    successor = catalogue.get(str(entry.values.get("superseded_by", "")))
    if validity in ENDED_BY_SUCCESSOR and successor is not None:
        return _issued(successor)
    until = entry.values.get(catalogue.schema.inspection.valid_until)
    return until if validity == EXPIRED and isinstance(until, dt.date) else _issued(entry)


def document_counts(entries: Iterable[Entry], catalogue: Catalogue, year: int) -> dict[str, int]:
    """Documents issued, repealed, in force at the year's end, published in the year and by its end."""
    end_of_year = dt.date(year, 12, 31)
    counts: Counter[str] = Counter()
    for e in entries:
        issued, ended = _issued(e), _end(e, catalogue)
        counts["issued"] += issued.year == year
        counts["repealed"] += e.validity == REPEALED and ended is not None and ended.year == year
        counts["in_force"] += issued <= end_of_year and (ended is None or ended > end_of_year)
        counts["published"] += e.date.year == year
        counts["public_total"] += e.date <= end_of_year
    return {key: counts[key] for key in ("issued", "repealed", "in_force", "published", "public_total")}


def _in(s: Subject, codes: Iterable[str]) -> list[Entry]:
    """The entries of these categories (their sub-categories included), each once."""
    return list({id(e): e for code in codes for e in s.column(code)}.values())


def _year_figures(s: Subject, year: int, report: Entry | None) -> YearFigures:
    c, published = s.schema.inspection, s.published
    counts = {"rules": document_counts(_in(s, c.rules), published, year),
              "normative": document_counts(_in(s, c.normative), published, year)}
    for key, codes in (("licensing", c.licensing), ("penalty", c.penalty), ("coercion", c.coercion)):
        counts[key] = {"decisions": sum(1 for e in _in(s, codes) if e.date.year == year)}
    return YearFigures(year, counts, report, tuple(_compare(year, counts, report)), s.url(report) if report else "")


def _compare(year: int, counts: dict[str, dict[str, int]], report: Entry | None) -> list[Comparison]:
    """Table A's derivable figures in the report's edition (2021's without a report), each with the report's."""
    tables = reports.of(report) if report else None
    edition = tables.edition if tables else reports.EDITIONS[0]
    found = []
    for key, label, columns in reports.a_rows(edition):
        derived = _DERIVED[edition].get(key, ())
        for n, (column, metric) in enumerate(zip(columns, derived, strict=False)):
            if metric is not None:
                value = tables.a[key][n] if tables else None
                found.append(Comparison(year, label, column, counts[key][metric], value, metric != "decisions",
                                        _HOW[metric]))
    return found


def _years(s: Subject) -> tuple[YearFigures, ...]:
    published = s.annual_reports
    years = sorted(set(published) | {s.today.year - 1})
    return tuple(_year_figures(s, year, published.get(year)) for year in years)


def mismatches(s: Subject, statistics: Statistics) -> Outcome:
    """The statistics rule: each figure of a report's table 二 that the catalogue contradicts."""
    found = []
    for figures in statistics.years:
        entry = figures.report
        for x in figures.comparisons:
            if entry is None or x.reported is None or x.agrees:
                continue
            said = (f"报告填报 {reports_number(x.reported)}，目录中为 {x.derived}（{x.how}）" if x.exact else
                    f"报告填报 {reports_number(x.reported)}，少于目录中公开的 {x.derived} 条（{x.how}）")
            found.append(Finding(Verdict.DEDUCTION, f"{x.year} 年度报告表二「{x.row}」行「{x.column}」：{said}。",
                                 entry.path, entry.key_lines.get("tables"), s.url(entry)))
    compared = sum(len(f.comparisons) for f in statistics.years if f.report)
    return rules.outcome("statistics", f"{sum(1 for f in statistics.years if f.report)} 份年度报告的表二，"
                                       f"共 {compared} 个可由目录得出的数字", found)


def reports_number(value: float | None) -> str:
    """A report's figure as printed; "—" when there is none."""
    return "—" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


# Items per publisher and month.

def _months(today: dt.date, count: int) -> tuple[str, ...]:
    first = today.year * 12 + today.month - count
    return tuple(f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(first, first + count))


def _publishers(s: Subject, months: tuple[str, ...]) -> tuple[PublisherRow, ...]:
    index = {m: n for n, m in enumerate(months)}
    counts = {name: [0] * len(months) for name in s.schema.publishers}
    dated: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    limit = s.schema.inspection.timeliness_days
    for e in s.published.entries:
        n = index.get(f"{e.date.year:04d}-{e.date.month:02d}")
        if n is None or e.publisher not in counts:
            continue
        counts[e.publisher][n] += 1
        written = e.values.get(WRITTEN)
        if isinstance(written, dt.date):
            dated[e.publisher] += 1
            on_time[e.publisher] += working_days(written, e.date, s.schema) <= limit
    rows = [PublisherRow(name, tuple(row), sum(row), dated[name], on_time[name]) for name, row in counts.items()]
    return tuple(sorted(rows, key=lambda r: -r.total))  # stable: catalogue.yml's order among equals


# The 政府网站工作年度报表 (国办函〔2018〕12号).

def _website(s: Subject, year: int) -> tuple[WebsiteFigure, ...]:
    c, entries = s.schema.inspection, [e for e in s.published.entries if e.date.year == year]
    overview = next((i.places for i in c.statutory if i.number == OVERVIEW_ITEM), ())
    overview_codes = _codes(s, [p.key for p in overview if p.kind == "category"])
    dynamic = _codes(s, [code for code, kind in c.column_of.items() if kind == DYNAMIC_COLUMN])
    read = [e for e in entries if e.ctype.column_type == rules.INTERPRETATION_COLUMN]
    products = sum(1 for e in read if e.values.get("form") in PRODUCT_FORMS)
    services = [e for e in s.published.entries if e.ctype.column_type == "办事服务"]
    return (
        WebsiteFigure("信息发布", "总数（条）", str(len(entries)), "当年发布的全部公开信息"),
        WebsiteFigure("信息发布", "概况类信息更新量", str(sum(1 for e in entries if e.category in overview_codes)),
                      "条例第二十条第（二）项对应的栏目"),
        WebsiteFigure("信息发布", "政务动态信息更新量", str(sum(1 for e in entries if e.category in dynamic)),
                      f"{DYNAMIC_COLUMN}类栏目"),
        WebsiteFigure("信息发布", "信息公开目录信息更新量", str(len(entries)), "目录收录全部公开信息"),
        WebsiteFigure("专栏专题", "维护数量、新开设数量", MANUAL),
        WebsiteFigure("解读回应", "解读信息发布总数（条）", str(len(read))),
        WebsiteFigure("解读回应", "其中：解读材料数量", str(len(read) - products), f"{'、'.join(PRODUCT_FORMS)}以外的形式"),
        WebsiteFigure("解读回应", "其中：解读产品数量", str(products), "、".join(PRODUCT_FORMS)),
        WebsiteFigure("解读回应", "媒体评论文章数量、回应公众关注热点或重大舆情数量", MANUAL),
        WebsiteFigure("办事服务", "是否发布服务事项目录", "是" if services else "否"),
        WebsiteFigure("办事服务", "政务服务事项数量（项）", str(len(services)), "已发布的办事指南"),
        WebsiteFigure("办事服务", "注册用户数、可全程在线办理事项数量、办件量", MANUAL),
        WebsiteFigure("互动交流", "留言办理、征集调查、在线访谈", MANUAL),
        WebsiteFigure("安全防护", "安全检测评估次数、发现问题数量、问题整改数量", MANUAL),
    )


def _codes(s: Subject, codes: Iterable[str]) -> set[str]:
    """The categories and their sub-categories."""
    return {c for code in codes for c in (code, *s.schema.categories[code].children)}
