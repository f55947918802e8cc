"""The catalogue's schema, loaded from catalogue.yml: content types, fields, categories, publishers.

catalogue.yml is edited by people who are not programmers, so every problem in it is reported
in Chinese with the key path that holds it, all problems in one run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from gongkai.core import criteria, siteinfo, yamlload
from gongkai.core.criteria import Criteria
from gongkai.core.periods import Period, parse_period
from gongkai.core.problems import Problem
from gongkai.core.siteinfo import SiteInfo

FIELD_TYPES = ("text", "date", "enum", "list", "reference", "attachments", "index", "category", "publisher",
               "integer", "url", "attachment", "objects", "annual_report", "paths")
# Keys the catalogue model relies on; every content type declares them.
CORE_KEYS = ("title", "index_no", "category", "publisher", "date", "disclosure")
TYPE_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# The four functions of a government website (国办发〔2017〕47号), used as a page's ColumnType.
COLUMN_TYPES = ("信息发布", "解读回应", "办事服务", "互动交流")
SLUG_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*$")


SECTIONS = ("site", "vocabularies", "publishers", "categories", "index_number", "calendar", "gate", "types", "power_list", "inspection")


class SchemaError(Exception):
    """catalogue.yml is unusable; `problems` lists every reason in Chinese."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{source} 有 {len(problems)} 处错误：\n{lines}")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    required: bool = False
    vocabulary: str | None = None  # enum fields: the name of a list under `vocabularies`
    required_when: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hint: str = ""
    fields: tuple[Field, ...] = ()  # objects fields: the keys of each item
    display: str = ""  # "section": its own section rather than a table row; "none": not shown at all
    backlink: str = ""  # reference fields: heading under which the target's page lists the referrers
    max_delay_days: int | None = None  # reference fields: warn when published later than this, in working days
    targets: tuple[str, ...] = ()  # reference fields: the content types it may point at (any when empty)
    refused_when: dict[str, tuple[str, ...]] = field(default_factory=dict)  # values of other fields it contradicts
    words: bool = False  # list fields of words (keywords): an item written “甲，乙” is two; sentences stay whole
    later: bool = False  # reference fields: the target is published no earlier (a replacement is newer)
    default: str = ""  # what `gongkai new` fills in

    @property
    def name(self) -> str:
        """How messages name the field: the Chinese label and the key the editor types."""
        return f"「{self.label}」（{self.key}）"


@dataclass(frozen=True)
class ContentType:
    key: str
    label: str
    folder: str  # files under content/<folder>/ are of this type
    template: str
    fields: tuple[Field, ...]
    settings: dict[str, Any] = field(default_factory=dict)  # type-specific options: browse, index
    column_type: str = COLUMN_TYPES[0]  # its pages' ColumnType meta tag; 办事服务 pages are GovernmentService

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields)


@dataclass(frozen=True)
class Category:
    name: str
    code: str
    parent: str | None = None  # the parent's code
    children: tuple[str, ...] = ()  # the children's codes
    freshness: Period | None = None  # a new item is due within this period (a reminder, never an error)
    line: int | None = None  # where it is declared in catalogue.yml

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class Publisher:
    name: str
    code: str  # organisation code or unified social credit code


@dataclass(frozen=True)
class IndexPattern:
    """The 索引号 format, written with placeholders: {org} {year} {month} {seq:N}."""

    template: str
    regex: re.Pattern[str]

    def match(self, value: str) -> dict[str, str] | None:
        m = self.regex.fullmatch(value)
        return m.groupdict() if m else None

    def example(self, org: str, year: int = 2021, month: int = 1, seq: int = 1) -> str:
        def fill(m: re.Match[str]) -> str:
            name, width = m.group(1), m.group(2)
            if name == "org":
                return org
            if name == "year":
                return f"{year:04d}"
            if name == "month":
                return f"{month:02d}"
            return f"{seq:0{int(width or 5)}d}"

        return _PLACEHOLDER.sub(fill, self.template)


_PLACEHOLDER = re.compile(r"\{(org|year|month|seq)(?::(\d+))?\}")
_PLACEHOLDER_RE = {"org": r"(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})", "year": r"(?P<year>\d{4})",
                   "month": r"(?P<month>0[1-9]|1[0-2])"}


def compile_index_pattern(template: str) -> IndexPattern:
    parts, pos = [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name, width = m.group(1), m.group(2)
        parts.append(_PLACEHOLDER_RE.get(name) or (rf"(?P<seq>\d{{{width}}})" if width else r"(?P<seq>\d+)"))
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return IndexPattern(template, re.compile("".join(parts)))


@dataclass(frozen=True)
class PowerListSpec:
    """The power and responsibility list (catalogue.yml → power_list)."""

    label: str
    folder: str
    fields: tuple[Field, ...]
    type_key: str  # the field views are grouped by: 类型
    subject_key: str  # and: 责任主体


@dataclass(frozen=True)
class GateConfig:
    """The disclosure gate's settings (catalogue.yml → gate)."""

    redaction_marker: str = "〔此处依法删减〕"
    keep_withheld_files: bool = False  # may 不予公开 files stay in content/ (never published)?
    list_on_request: bool = False  # list 依申请公开 entries, metadata only?
    application_guide: str | None = None  # content path of the 依申请公开 guide the list links to
    allow_numbers: tuple[str, ...] = ()  # numbers meant to be public, exempt from the scanner


@dataclass(frozen=True)
class Schema:
    types: dict[str, ContentType]
    categories: dict[str, Category]  # by code, in catalogue.yml order
    publishers: dict[str, Publisher]  # by name, in catalogue.yml order
    vocabularies: dict[str, tuple[str, ...]]
    index_pattern: IndexPattern
    site: SiteInfo = field(default_factory=SiteInfo)
    gate: GateConfig = GateConfig()
    power_list: PowerListSpec | None = None
    holidays: frozenset[dt.date] = frozenset()  # weekdays that are public holidays
    workdays: frozenset[dt.date] = frozenset()  # weekend days worked in their place (调休)
    calendar_line: int | None = None  # the line of `calendar:` in catalogue.yml
    source: str = "catalogue.yml"  # as messages name it
    texts: tuple[tuple[str, int | None], ...] = ()  # every text it gives the site, with its line (for the gate's scan)
    inspection: Criteria = field(default_factory=Criteria)  # what `gongkai inspect` judges the site by

    @property
    def calendar_years(self) -> frozenset[int]:
        """The years the calendar holds holidays for: in others, holidays count as working days."""
        return frozenset(day.year for day in self.holidays)

    @property
    def page_size(self) -> int:
        return self.site.page_size

    def category_named(self, name: str) -> Category | None:
        return next((c for c in self.categories.values() if c.name == name), None)

    def category_path(self, code: str) -> list[Category]:
        """The category and its ancestors, outermost first."""
        chain = [self.categories[code]]
        while chain[0].parent:
            chain.insert(0, self.categories[chain[0].parent])
        return chain

    def type_for_folder(self, folder: str) -> ContentType | None:
        return next((t for t in self.types.values() if t.folder == folder), None)


def load_schema(path: Path, display: str) -> Schema:
    """Load and check catalogue.yml; raises SchemaError listing every problem."""
    text = ""
    try:
        text = path.read_text(encoding="utf-8")
        document = yamlload.load(text, deep=True)
    except FileNotFoundError:
        raise SchemaError(display, [Problem(display, f"找不到文件 {display}，请在项目根目录创建它。")]) from None
    except UnicodeDecodeError:
        raise SchemaError(display, [Problem(display, "文件不是 UTF-8 编码，请以 UTF-8 编码另存。")]) from None
    except yaml.YAMLError as e:
        raise SchemaError(display, [yamlload.explain(e, text, display)]) from None
    except RecursionError:
        raise SchemaError(display, [Problem(display, "嵌套层次过深，请检查括号是否成对。")]) from None
    if not isinstance(document.data, dict):
        raise SchemaError(display, [Problem(display, "文件内容应为键值对（mapping），请参照示例 catalogue.yml 填写。", 1)])
    return _SchemaReader(document.data, document.node_lines).read(display)


class _SchemaReader:
    """Reads the raw catalogue.yml mapping into a Schema, collecting problems."""

    def __init__(self, data: dict[str, Any], lines: dict[yamlload.NodePath, int]) -> None:
        self.data = data
        self.lines = lines
        self.display = ""
        self.problems: list[Problem] = []
        self.paths: dict[str, yamlload.NodePath] = {}  # each category's place, by its code

    def _add(self, message: str, *path: str | int) -> None:
        """A problem at `path` in catalogue.yml, on the line of the nearest node along it that exists."""
        while path and path not in self.lines:
            path = path[:-1]
        self.problems.append(Problem(self.display, message, self.lines.get(path)))

    def read(self, display: str) -> Schema:
        self.display = display
        for key in self.data:
            if key not in SECTIONS:
                self._add(f"不认识的设置「{key}」，它会被忽略（其中的设置都不起作用）。请检查拼写；可用：{'、'.join(SECTIONS)}。", str(key))
        vocabularies = self._vocabularies()
        publishers = self._publishers()
        categories = self._categories()
        site, problems = siteinfo.read(self._mapping("site"))
        site = dataclasses.replace(site, lines={str(path[1]): line for path, line in self.lines.items()
                                                if len(path) == 2 and path[0] == "site"})
        for message, key in problems:
            self._add(message, "site", key)
        gate = self._gate()
        codes = tuple(p.code for p in publishers.values())  # 索引号 repeat them: never personal numbers
        types = self._types(vocabularies)
        names = criteria.Names({c.name: c.code for c in categories.values()},
                               {**{t.label: t.key for t in types.values()}, **{t.key: t.key for t in types.values()}})
        inspection, found = criteria.read(self.data.get("inspection"), names)
        lines = {".".join(map(str, path[1:])): line for path, line in self.lines.items() if path[:1] == ("inspection",)}
        inspection = dataclasses.replace(inspection, lines=lines)
        for message, path in found:
            self._add(message, "inspection", *path)
        schema = Schema(
            types=types,
            categories=categories,
            publishers=publishers,
            vocabularies=vocabularies,
            index_pattern=self._index_pattern(),
            site=site,
            gate=dataclasses.replace(gate, allow_numbers=gate.allow_numbers + codes),
            power_list=self._power_list(vocabularies),
            holidays=self._dates("holidays"),
            workdays=self._dates("workdays"),
            calendar_line=self.lines.get(("calendar",)),
            source=display,
            texts=tuple(self._texts(self.data, ())),
            inspection=inspection,
        )
        if self.problems:
            raise SchemaError(display, self.problems)
        return schema

    def _texts(self, value: Any, path: yamlload.NodePath) -> Iterator[tuple[str, int | None]]:
        """Every text value below `path` with its line, but the numbers the gate allows and the publishers'
        codes: what catalogue.yml gives the pages (names, labels, the footer) is public text."""
        if path == ("gate", "allow_numbers") or (path[:1] == ("publishers",) and path[2:] == ("code",)):
            return
        if isinstance(value, str):
            yield value, self.lines.get(path)
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from self._texts(item, (*path, str(key)))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from self._texts(item, (*path, index))

    def _mapping(self, key: str) -> dict[str, Any]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict):
            self._add(f"{key} 应为“键: 值”形式的设置，现为「{value}」。", key)
            return {}
        return value

    def _list(self, key: str) -> list[Any]:
        value = self.data.get(key)
        if not isinstance(value, list) or not value:
            self._add(f"缺少 {key}，或它不是非空列表。", key)
            return []
        return value

    def _vocabularies(self) -> dict[str, tuple[str, ...]]:
        raw = self.data.get("vocabularies")
        if not isinstance(raw, dict):
            self._add("缺少 vocabularies（词表，如公开属性、有效性的可选值）。", "vocabularies")
            return {}
        out = {}
        for name, values in raw.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or not values:
                self._add(f"vocabularies.{name} 应为非空的文字列表。", "vocabularies", str(name))
                continue
            out[str(name)] = tuple(values)
        for required in ("disclosure", "validity"):
            if required not in out:
                self._add(f"vocabularies 缺少 {required}。", "vocabularies")
        return out

    def _publishers(self) -> dict[str, Publisher]:
        out: dict[str, Publisher] = {}
        codes: set[str] = set()
        for i, item in enumerate(self._list("publishers")):
            where = f"publishers 第 {i + 1} 项"
            if not isinstance(item, dict) or not item.get("name") or not item.get("code"):
                self._add(f"{where} 须有 name（机构名称）和 code（组织机构代码）。", "publishers", i)
                continue
            name, code = str(item["name"]), str(item["code"])
            if not re.fullmatch(r"[0-9A-Z]{9}|[0-9A-Z]{18}", code):
                self._add(f"{where}（{name}）的 code「{code}」应为 9 位组织机构代码或 18 位统一社会信用代码，"
                          "并用引号括起，如 \"000014349\"。", "publishers", i, "code")
            if name in out or code in codes:
                self._add(f"{where}（{name}）的名称或代码与前面的机构重复。", "publishers", i)
            out[name] = Publisher(name, code)
            codes.add(code)
        return out

    def _categories(self) -> dict[str, Category]:
        out: dict[str, Category] = {}
        for i, item in enumerate(self._list("categories")):
            self._category(item, f"categories 第 {i + 1} 项", ("categories", i), None, out)
        seen: set[str] = set()
        for category in out.values():
            if category.name in seen:
                self._add(f"主题分类名称「{category.name}」出现了不止一次，分类名称须唯一。", *self.paths[category.code])
            seen.add(category.name)
        return out

    def _category(self, item: Any, where: str, path: yamlload.NodePath, parent: str | None,
                  out: dict[str, Category]) -> None:
        if not isinstance(item, dict) or not item.get("name") or not item.get("code"):
            self._add(f"{where} 须有 name（分类名称）和 code（分类代码）。", *path)
            return
        code = str(item["code"])
        if not SLUG_RE.fullmatch(code) or code in out:
            self._add(f"{where} 的 code「{code}」须唯一，且只用字母、数字、-、_。", *path, "code")
            return
        children = item.get("children") or []
        if not isinstance(children, list):
            self._add(f"{where}（{item['name']}）的 children 应为子分类列表。", *path, "children")
            children = []
        if parent and children:
            self._add(f"{where}（{item['name']}）：主题分类最多两级，二级分类下不能再有 children。", *path, "children")
            children = []
        self.paths[code] = (*path, "name")
        out[code] = Category(str(item["name"]), code, parent,
                             tuple(str(c.get("code")) for c in children if isinstance(c, dict)),
                             self._freshness(item, where, path), self.lines.get(path))
        for j, child in enumerate(children):
            self._category(child, f"{where}（{item['name']}）的第 {j + 1} 个子分类", (*path, "children", j), code, out)

    def _freshness(self, item: dict[str, Any], where: str, path: yamlload.NodePath) -> Period | None:
        value = item.get("freshness")
        period = None if value is None else parse_period(value)
        if value is not None and period is None:
            self._add(f"{where}（{item['name']}）的 freshness（更新周期）「{value}」格式不对：请写数字加单位，"
                      "如 14d（14 天）、2w（2 周）、6m（6 个月）、1y（1 年）。", *path, "freshness")
        return period

    def _index_pattern(self) -> IndexPattern:
        template = self._mapping("index_number").get("pattern")
        if not isinstance(template, str) or "{seq" not in template:
            self._add("index_number.pattern（索引号格式）缺失，或没有流水号占位符 {seq:N}。", "index_number", "pattern")
            return compile_index_pattern("{org}/{year}-{seq:5}")
        literal = _PLACEHOLDER.sub("", template)
        if not re.fullmatch(r"[A-Za-z0-9._~/-]*", literal.replace("{", "").replace("}", "")):
            self._add(f"index_number.pattern（索引号格式）「{template}」中，占位符以外只能用字母、数字和 / - . _ ~："
                      "索引号是页面网址的一部分。", "index_number", "pattern")
        unknown = set(re.findall(r"\{([^}]*)\}", template)) - {m.group(0)[1:-1] for m in _PLACEHOLDER.finditer(template)}
        if unknown:
            self._add(f"index_number.pattern 中有未知占位符：{'、'.join(sorted(unknown))}；"
                      "可用 {org} {year} {month} {seq:N}。", "index_number", "pattern")
        return compile_index_pattern(template)

    def _dates(self, key: str) -> frozenset[dt.date]:
        raw = self._mapping("calendar").get(key) or []
        out = set()
        for value in raw if isinstance(raw, list) else [raw]:
            try:
                out.add(dt.date.fromisoformat(str(value)))
            except ValueError:
                self._add(f"calendar.{key} 中的「{value}」不是 YYYY-MM-DD 格式的日期。", "calendar", key)
        return frozenset(out)

    def _power_list(self, vocabularies: dict[str, tuple[str, ...]]) -> PowerListSpec | None:
        raw = self._mapping("power_list")
        if not raw:
            return None
        folder, label = raw.get("folder"), raw.get("label")
        fields = tuple(f for i, spec in enumerate(raw.get("fields") or [])
                       if (f := self._field(f"power_list.fields 第 {i + 1} 项", spec, vocabularies, ("power_list", "fields", i),
                                            nested=True)))
        keys = {f.key for f in fields}
        type_key, subject_key = raw.get("group_by_type", "type"), raw.get("group_by_subject", "subject")
        if not isinstance(folder, str) or not SLUG_RE.fullmatch(folder) or not label or not fields:
            self._add("power_list 须有 label（名称）、folder（content/ 下的目录名）和 fields（字段）。", "power_list")
            return None
        if type_key not in keys or subject_key not in keys:
            self._add(f"power_list 中须有字段 {type_key} 和 {subject_key}（分别用于按类型、按责任主体浏览）。", "power_list")
            return None
        return PowerListSpec(str(label), folder, fields, type_key, subject_key)

    def _gate(self) -> GateConfig:
        raw = self._mapping("gate")
        unknown = set(raw) - set(GateConfig.__dataclass_fields__)
        if unknown:
            self._add(f"gate 中有未知设置：{'、'.join(sorted(map(str, unknown)))}；"
                      f"可用：{'、'.join(GateConfig.__dataclass_fields__)}。", "gate", sorted(map(str, unknown))[0])
        numbers = raw.get("allow_numbers") or []
        if not isinstance(numbers, list):
            self._add("gate.allow_numbers 应为号码列表，每个号码加引号，如 - \"0000-12345678\"。", "gate", "allow_numbers")
            numbers = []
        flags = {k: raw.get(k, getattr(GateConfig, k)) for k in ("keep_withheld_files", "list_on_request")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                self._add(f"gate.{key} 应为 true 或 false，现为「{value}」。", "gate", key)
        guide = raw.get("application_guide")
        if flags["list_on_request"] is True and not guide:
            self._add("gate.list_on_request 为 true 时，须用 gate.application_guide 指明依申请公开指南页面。", "gate", "list_on_request")
        return GateConfig(str(raw.get("redaction_marker") or GateConfig.redaction_marker),
                          flags["keep_withheld_files"] is True, flags["list_on_request"] is True,
                          str(guide) if guide else None, tuple(str(n) for n in numbers))

    def _types(self, vocabularies: dict[str, tuple[str, ...]]) -> dict[str, ContentType]:
        raw = self.data.get("types")
        if not isinstance(raw, dict) or not raw:
            self._add("缺少 types（内容类型）。", "types")
            return {}
        out = {}
        for key, spec in raw.items():
            ctype = self._type(str(key), spec, vocabularies)
            if ctype:
                out[ctype.key] = ctype
        folders = [t.folder for t in out.values()]
        for folder in sorted({f for f in folders if folders.count(f) > 1}):
            self._add(f"多个内容类型使用了同一个目录 folder「{folder}」。", "types")
        return out

    def _type(self, key: str, spec: Any, vocabularies: dict[str, tuple[str, ...]]) -> ContentType | None:
        where, at = f"types.{key}", ("types", key)
        if not TYPE_KEY_RE.fullmatch(key) or not isinstance(spec, dict):
            self._add(f"{where}：类型键只能用小写字母、数字和下划线，内容须为键值对。", *at)
            return None
        folder, label = spec.get("folder"), spec.get("label")
        if not isinstance(folder, str) or not SLUG_RE.fullmatch(folder) or not label:
            self._add(f"{where} 须有 label（中文名称）和 folder（content/ 下的目录名，只用字母、数字、-、_）。", *at)
            return None
        raw_fields = spec.get("fields")
        if not isinstance(raw_fields, list):
            self._add(f"{where}.fields 应为字段列表。", *at, "fields")
            raw_fields = []
        fields = tuple(f for i, raw in enumerate(raw_fields)
                       if (f := self._field(f"{where}.fields 第 {i + 1} 项", raw, vocabularies, (*at, "fields", i))))
        keys = [f.key for f in fields]
        for dup in sorted({k for k in keys if keys.count(k) > 1}):
            self._add(f"{where}：字段 {dup} 定义了不止一次。", *at, "fields")
        for core in CORE_KEYS:
            if core not in keys:
                self._add(f"{where}：缺少必备字段 {core}。", *at, "fields")
        for f in fields:
            for other in [*f.required_when, *f.refused_when]:
                if other not in keys:
                    self._add(f"{where}.{f.key}：required_when 或 refused_when 引用了不存在的字段 {other}。", *at, "fields")
        settings = spec.get("settings") or {}
        if not isinstance(settings, dict):
            self._add(f"{where}.settings 应为“键: 值”形式的设置。", *at, "settings")
            settings = {}
        by_key = {f.key: f for f in fields}
        for browsed in settings.get("browse") or []:
            if browsed not in by_key or not by_key[browsed].vocabulary:
                self._add(f"{where}.settings.browse：{browsed} 须是本类型中带词表（values）的 enum 或 list 字段。",
                          *at, "settings", "browse")
                settings = {**settings, "browse": []}
        column_type = spec.get("column_type", COLUMN_TYPES[0])
        if column_type not in COLUMN_TYPES:
            self._add(f"{where}.column_type（栏目类型）「{column_type}」不可用；可用：{'、'.join(COLUMN_TYPES)}。",
                      *at, "column_type")
            column_type = COLUMN_TYPES[0]
        return ContentType(key, str(label), folder, str(spec.get("template") or f"{key}.html"), fields, settings,
                           str(column_type))

    def _field(self, where: str, raw: Any, vocabularies: dict[str, tuple[str, ...]], at: yamlload.NodePath,
               nested: bool = False) -> Field | None:
        if not isinstance(raw, dict) or not raw.get("key") or not raw.get("label"):
            self._add(f"{where} 须有 key（字段键）和 label（中文标签）。", *at)
            return None
        key, ftype = str(raw["key"]), raw.get("type", "text")
        where = f"{where}（{key}）"
        if not isinstance(ftype, str) or ftype not in FIELD_TYPES:
            self._add(f"{where} 的 type「{ftype}」不可用；可用：{'、'.join(FIELD_TYPES)}。", *at, "type")
            return None
        vocabulary = raw.get("values")
        if (ftype == "enum" or vocabulary is not None) and (not isinstance(vocabulary, str)
                                                             or vocabulary not in vocabularies):
            self._add(f"{where}：values 须为 vocabularies 中的词表名（enum 字段必填，list 字段可选）。", *at, "values")
            return None
        delay = raw.get("max_delay_days")
        if delay is not None and (ftype != "reference" or not isinstance(delay, int) or delay < 0):
            self._add(f"{where}：max_delay_days 只用于 reference 字段，应为不小于 0 的整数。", *at, "max_delay_days")
            delay = None
        parts: tuple[Field, ...] = ()
        if ftype == "objects":
            subs = raw.get("fields")
            if nested or not isinstance(subs, list) or not subs:
                self._add(f"{where}：objects 字段须用 fields 列出每一项的字段，且不能再嵌套 objects。", *at)
                return None
            parts = tuple(f for i, s in enumerate(subs)
                          if (f := self._field(f"{where}.fields 第 {i + 1} 项", s, vocabularies, (*at, "fields", i), nested=True)))
        when, refused = (self._conditions(raw, name, where, at) for name in ("required_when", "refused_when"))
        return Field(key, str(raw["label"]), ftype, bool(raw.get("required", False)), vocabulary, when,
                     str(raw.get("hint") or ""), parts,
                     "section" if ftype == "objects" else str(raw.get("display", "")) if raw.get("display") in ("section", "none") else "",
                     str(raw.get("backlink") or ""), delay, tuple(map(str, raw.get("targets") or ())), refused,
                     raw.get("words") is True or (ftype == "list" and vocabulary is not None), raw.get("later") is True,
                     str(raw.get("default") or ""))

    def _conditions(self, raw: dict[str, Any], name: str, where: str, at: yamlload.NodePath) -> dict[str, tuple[str, ...]]:
        """A field's `required_when` or `refused_when`: other fields' keys and the values that apply."""
        when = raw.get(name) or {}
        if not isinstance(when, dict) or not all(isinstance(v, list) for v in when.values()):
            self._add(f"{where}：{name} 应写成 {{字段键: [取值, …]}}。", *at, name)
            return {}
        return {str(k): tuple(map(str, v)) for k, v in when.items()}
