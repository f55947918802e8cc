"""The self-inspection's criteria (catalogue.yml → inspection): the thresholds `gongkai inspect` judges
the site by, which categories are which kind of column, where the statutory items of 条例第二十条 are
published, and what each rule costs.

The national indicators (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号) fix most numbers, and
provinces adjust them, so every number here has the national value as its default and may be
changed. The section is read with the rest of catalogue.yml: a mistyped key or an unknown category
is a Chinese problem naming its key path, and catalogue.yml is then unusable, like any other error in it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.periods import Period, parse_period

# Each rule of the inspection (gongkai.inspection.rules) by id, with its default cost in points: per
# finding, and at most for the rule. Vetoes (否决) and reminders (提醒) cost nothing here: a veto fails
# the site whatever its score.
DEDUCTIONS: dict[str, tuple[int, int]] = {
    "home-newest": (0, 0),
    "column-freshness": (2, 10),
    "empty-columns": (2, 10),
    "thin-columns": (0, 0),
    "wording": (1, 5),
    "interpretation": (2, 10),
    "normative-validity": (2, 10),
    "statutory": (3, 15),
    "annual-report": (5, 10),
    "guide": (5, 5),
    "internal-links": (1, 10),
    "external-links": (0, 0),
    "statistics": (2, 6),
    "timeliness": (0, 0),
}

# 条例第二十条: what every administrative organ publishes proactively, by item number.
STATUTORY: dict[str, str] = {
    "一": "行政法规、规章和规范性文件",
    "二": "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "三": "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "四": "国民经济和社会发展统计信息",
    "五": "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "六": "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "七": "财政预算、决算信息",
    "八": "行政事业性收费项目及其依据、标准",
    "九": "政府集中采购项目的目录、标准及实施情况",
    "十": "重大建设项目的批准和实施情况",
    "十一": "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "十二": "突发公共事件的应急预案、预警信息及应对情况",
    "十三": "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "十四": "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "十五": "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
}

# The column types of the indicators and how long each may go without a new item.
TWO_WEEKS, SIX_MONTHS, ONE_YEAR = Period(2, "w"), Period(6, "m"), Period(1, "y")
COLUMN_PERIODS: dict[str, Period] = {
    "动态要闻": TWO_WEEKS,
    "通知公告": SIX_MONTHS,
    "政策文件": SIX_MONTHS,
    "人事": ONE_YEAR,
    "规划": ONE_YEAR,
}

# Category names looked for when catalogue.yml does not name the categories of a kind of document.
_DEFAULT_NAMES = {"normative": ("规范性文件",), "rules": ("规章",), "licensing": ("行政许可",),
                  "penalty": ("行政处罚",), "coercion": ("行政强制",)}


@dataclass(frozen=True)
class Place:
    """Where an item is published: a category (its code; its sub-categories count) or a content type (its key)."""

    kind: str  # "category" | "type"
    key: str


@dataclass(frozen=True)
class StatutoryItem:
    number: str  # 一 … 十五
    label: str
    places: tuple[Place, ...] = ()
    not_applicable: str = ""  # why the item does not concern this organ, when it does not

    @property
    def name(self) -> str:
        return f"第二十条第（{self.number}）项“{self.label}”"


@dataclass(frozen=True)
class Criteria:
    home_max_age: Period = TWO_WEEKS  # the home page's newest item
    column_periods: Mapping[str, Period] = field(default_factory=lambda: dict(COLUMN_PERIODS))  # by column type
    column_of: Mapping[str, str] = field(default_factory=dict)  # category code -> column type
    stale_columns_veto: int = 10  # this many stale columns fail the site
    empty_columns_veto: int = 5  # this many empty columns fail the site
    thin_column_items: int = 4  # a column with fewer items is a reminder; 0: not checked
    wording: str = "wording.yml"  # the dictionary of wrong expressions, beside catalogue.yml
    normative: tuple[str, ...] = ()  # category codes of 规范性文件
    rules: tuple[str, ...] = ()  # category codes of 规章
    licensing: tuple[str, ...] = ()  # category codes where 行政许可 decisions are published
    penalty: tuple[str, ...] = ()  # 行政处罚
    coercion: tuple[str, ...] = ()  # 行政强制
    interpretation_days: int = 3  # working days a 解读 may follow its document
    valid_until: str = "valid_until"  # the field key of a 规范性文件's 有效期
    max_years: int = 5
    trial_max_years: int = 2
    trial_words: tuple[str, ...] = ("试行", "暂行")
    expiry_notice: Period = SIX_MONTHS
    statutory: tuple[StatutoryItem, ...] = tuple(StatutoryItem(n, label) for n, label in STATUTORY.items())
    guide_page: str = ""  # the 信息公开指南, a content path (gongkai-zhinan.md)
    guide_max_age: Period = ONE_YEAR
    timeliness_days: int = 20  # 条例第二十六条: published within 20 working days of being made
    months: int = 12  # the publishers' table: this many months up to today
    deductions: Mapping[str, tuple[int, int]] = field(default_factory=lambda: dict(DEDUCTIONS))
    lines: Mapping[str, int] = field(default_factory=dict)  # catalogue.yml's line of each key below inspection

    def line_of(self, path: str) -> int | None:
        """The line of `inspection.<path>` (dotted), else of the nearest key above it that is written."""
        while path and path not in self.lines:
            path = path.rpartition(".")[0]
        return self.lines.get(path)


@dataclass(frozen=True)
class Names:
    """What section names refer to: category codes by name, content type keys by key and by label."""

    categories: Mapping[str, str]
    types: Mapping[str, str]


_SECTIONS = ("home_max_age", "columns", "stale_columns_veto", "empty_columns_veto", "thin_column_items", "wording",
             "normative", "statistics", "statutory", "guide", "timeliness_days", "deductions")
_NORMATIVE = ("categories", "interpretation_days", "valid_until", "max_years", "trial_max_years", "trial_words",
              "expiry_notice")
_STATISTICS = ("rules", "licensing", "penalty", "coercion", "months")
_FILE = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)*")


Found = list[tuple[str, tuple[str, ...]]]  # each problem in Chinese, with its key path below `inspection`


def read(raw: Any, names: Names) -> tuple[Criteria, Found]:
    """The `inspection:` mapping as Criteria, and every problem with it in Chinese, with the path of the
    key it is at (the schema finds the line: core/schema.py)."""
    reader = _Reader(names)
    if raw is None:
        return reader.defaults(), []
    if not isinstance(raw, dict):
        return Criteria(), [(f"inspection 应为“键: 值”形式的设置，现为「{raw}」。", ())]
    return reader.read(raw), reader.problems


class _Reader:
    def __init__(self, names: Names) -> None:
        self.names = names
        self.problems: Found = []

    def _add(self, message: str, where: str) -> None:
        """A problem at the dotted key path `where` (inspection.…)."""
        self.problems.append((message, tuple(where.split(".")[1:])))

    def defaults(self) -> Criteria:
        found = self._default_categories
        return Criteria(normative=found("normative"), rules=found("rules"), licensing=found("licensing"),
                        penalty=found("penalty"), coercion=found("coercion"))

    def _default_categories(self, key: str) -> tuple[str, ...]:
        return tuple(self.names.categories[n] for n in _DEFAULT_NAMES.get(key, ()) if n in self.names.categories)

    def read(self, raw: dict[str, Any]) -> Criteria:
        self._unknown("inspection", raw, _SECTIONS)
        normative = self._mapping(raw, "normative", _NORMATIVE)
        statistics = self._mapping(raw, "statistics", _STATISTICS)
        guide = self._mapping(raw, "guide", ("page", "max_age"))
        periods, column_of = self._columns(raw.get("columns"))
        base = Criteria()
        return Criteria(
            home_max_age=self._period(raw, "home_max_age", "inspection", base.home_max_age),
            column_periods=periods, column_of=column_of,
            stale_columns_veto=self._count(raw, "stale_columns_veto", "inspection", base.stale_columns_veto, 1),
            empty_columns_veto=self._count(raw, "empty_columns_veto", "inspection", base.empty_columns_veto, 1),
            thin_column_items=self._count(raw, "thin_column_items", "inspection", base.thin_column_items, 0),
            wording=self._file(raw, "wording", base.wording),
            normative=self._categories(normative, "categories", "inspection.normative", "normative"),
            rules=self._categories(statistics, "rules", "inspection.statistics", "rules"),
            licensing=self._categories(statistics, "licensing", "inspection.statistics", "licensing"),
            penalty=self._categories(statistics, "penalty", "inspection.statistics", "penalty"),
            coercion=self._categories(statistics, "coercion", "inspection.statistics", "coercion"),
            interpretation_days=self._count(normative, "interpretation_days", "inspection.normative",
                                            base.interpretation_days, 0),
            valid_until=self._text(normative, "valid_until", "inspection.normative", base.valid_until),
            max_years=self._count(normative, "max_years", "inspection.normative", base.max_years, 1),
            trial_max_years=self._count(normative, "trial_max_years", "inspection.normative", base.trial_max_years, 1),
            trial_words=self._words(normative, "trial_words", "inspection.normative", base.trial_words),
            expiry_notice=self._period(normative, "expiry_notice", "inspection.normative", base.expiry_notice),
            statutory=self._statutory(raw.get("statutory")),
            guide_page=self._text(guide, "page", "inspection.guide", ""),
            guide_max_age=self._period(guide, "max_age", "inspection.guide", base.guide_max_age),
            timeliness_days=self._count(raw, "timeliness_days", "inspection", base.timeliness_days, 1),
            months=self._count(statistics, "months", "inspection.statistics", base.months, 1),
            deductions=self._deductions(raw.get("deductions")),
        )

    def _unknown(self, where: str, raw: dict[str, Any], known: tuple[str, ...]) -> None:
        unknown = sorted(map(str, set(raw) - set(known)))
        if unknown:
            self._add(f"{where} 中有未知设置：{'、'.join(unknown)}；可用：{'、'.join(known)}。", f"{where}.{unknown[0]}")

    def _mapping(self, raw: dict[str, Any], key: str, known: tuple[str, ...]) -> dict[str, Any]:
        value = raw.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self._add(f"inspection.{key} 应为“键: 值”形式的设置，现为「{value}」。", f"inspection.{key}")
            return {}
        self._unknown(f"inspection.{key}", value, known)
        return value

    def _period(self, raw: dict[str, Any], key: str, where: str, default: Period) -> Period:
        if key not in raw:
            return default
        period = parse_period(raw[key])
        if period is None:
            self._add(f"{where}.{key}「{raw[key]}」格式不对：请写数字加单位，如 14d（14 天）、2w（2 周）、"
                      "6m（6 个月）、1y（1 年）。", f"{where}.{key}")
            return default
        return period

    def _count(self, raw: dict[str, Any], key: str, where: str, default: int, low: int) -> int:
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            self._add(f"{where}.{key} 应为不小于 {low} 的整数，现为「{value}」。", f"{where}.{key}")
            return default
        return value

    def _text(self, raw: dict[str, Any], key: str, where: str, default: str) -> str:
        value = raw.get(key, default)
        if not isinstance(value, str) or (key in raw and not value.strip()):
            self._add(f"{where}.{key} 应为一段文字，现为「{value}」。", f"{where}.{key}")
            return default
        return value.strip()

    def _file(self, raw: dict[str, Any], key: str, default: str) -> str:
        """A file beside catalogue.yml (or in a folder below it): a relative path that stays inside."""
        value = self._text(raw, key, "inspection", default)
        parts = value.split("/")
        if not _FILE.fullmatch(value) or ".." in parts:
            self._add(f"inspection.{key}「{value}」应为 catalogue.yml 所在目录中的文件名，如 wording.yml"
                      "（只用字母、数字、-、_、.，可带下级目录，不能用 ..）。", f"inspection.{key}")
            return default
        return value

    def _words(self, raw: dict[str, Any], key: str, where: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = raw.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self._add(f"{where}.{key} 应为文字列表，如 [试行, 暂行]。", f"{where}.{key}")
            return default
        return tuple(v.strip() for v in value)

    def _categories(self, raw: dict[str, Any], key: str, where: str, kind: str) -> tuple[str, ...]:
        if key not in raw:
            return self._default_categories(kind)
        value = raw[key] if isinstance(raw[key], list) else [raw[key]]
        codes = []
        for name in value:
            code = self.names.categories.get(str(name).strip())
            if code is None:
                self._add(f"{where}.{key} 中的「{name}」不是 catalogue.yml 中的主题分类（categories）名称。", f"{where}.{key}")
            else:
                codes.append(code)
        return tuple(codes)

    def _columns(self, raw: Any) -> tuple[dict[str, Period], dict[str, str]]:
        periods, column_of = dict(COLUMN_PERIODS), dict[str, str]()
        if raw is None:
            return periods, column_of
        if not isinstance(raw, dict):
            self._add("inspection.columns 应按栏目类型写成“类型: {period: 周期, categories: [分类, …]}”。", "inspection.columns")
            return periods, column_of
        for name, spec in raw.items():
            where = f"inspection.columns.{name}"
            if not isinstance(spec, dict):
                self._add(f"{where} 应写成 {{period: 周期, categories: [分类名称, …]}}。", where)
                continue
            self._unknown(where, spec, ("period", "categories"))
            default = COLUMN_PERIODS.get(str(name))
            if default is None and "period" not in spec:
                self._add(f"{where}：自定义的栏目类型须写明 period（更新周期），如 period: 3m。", where)
                continue
            periods[str(name)] = self._period(spec, "period", where, default or ONE_YEAR)
            for code in self._categories(spec, "categories", where, ""):
                if code in column_of:
                    self._add(f"{where}：分类「{self._category_name(code)}」已属于栏目类型「{column_of[code]}」，"
                              "每个分类只能属于一个栏目类型。", f"{where}.categories")
                column_of.setdefault(code, str(name))
        return periods, column_of

    def _category_name(self, code: str) -> str:
        return next(name for name, c in self.names.categories.items() if c == code)

    def _statutory(self, raw: Any) -> tuple[StatutoryItem, ...]:
        if raw is None:
            return Criteria().statutory
        if not isinstance(raw, dict):
            self._add("inspection.statutory 应按条例第二十条的项号写成“项号: [分类或内容类型, …]”，如 一: [规范性文件]。",
                      "inspection.statutory")
            return Criteria().statutory
        unknown = sorted(str(k) for k in raw if str(k) not in STATUTORY)
        if unknown:
            self._add(f"inspection.statutory 中的项号「{'、'.join(unknown)}」不是条例第二十条的项号；"
                      f"可用：{'、'.join(STATUTORY)}。", f"inspection.statutory.{unknown[0]}")
        return tuple(self._item(number, label, raw.get(number)) for number, label in STATUTORY.items())

    def _item(self, number: str, label: str, value: Any) -> StatutoryItem:
        where = f"inspection.statutory.{number}"
        if value is None:
            return StatutoryItem(number, label)
        if isinstance(value, str):
            reason = value.strip().removeprefix("不适用").lstrip("：:，, ").strip()
            if not value.strip().startswith("不适用") or not reason:
                self._add(f"{where}「{value}」：不涉及这一项时请写“不适用：原因”，否则请列出发布它的分类或内容类型。", where)
            return StatutoryItem(number, label, not_applicable=reason or "不适用")
        places = []
        for name in value if isinstance(value, list) else [value]:
            place = self._place(str(name).strip())
            if place is None:
                self._add(f"{where} 中的「{name}」既不是主题分类名称，也不是内容类型（如 办事指南 或 guide）。", where)
            else:
                places.append(place)
        return StatutoryItem(number, label, tuple(places))

    def _place(self, name: str) -> Place | None:
        if name in self.names.categories:
            return Place("category", self.names.categories[name])
        return Place("type", self.names.types[name]) if name in self.names.types else None

    def _deductions(self, raw: Any) -> dict[str, tuple[int, int]]:
        found = dict(DEDUCTIONS)
        if raw is None:
            return found
        if not isinstance(raw, dict):
            self._add("inspection.deductions 应写成“规则: [每项扣分, 最多扣分]”，如 interpretation: [2, 10]。", "inspection.deductions")
            return found
        for rule, value in raw.items():
            ok = (isinstance(value, list) and len(value) == 2
                  and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value))
            if str(rule) not in DEDUCTIONS:
                self._add(f"inspection.deductions 中的规则「{rule}」不存在；可用：{'、'.join(DEDUCTIONS)}。", f"inspection.deductions.{rule}")
            elif not ok:
                self._add(f"inspection.deductions.{rule} 应为两个不小于 0 的整数：[每项扣分, 最多扣分]，"
                          f"现为「{value}」。", f"inspection.deductions.{rule}")
            else:
                found[str(rule)] = (value[0], value[1])
        return found
