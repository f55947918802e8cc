"""import.yml: what each column (or label of a page's metadata block) of a source means, how the
source's names map to catalogue.yml's, how its dates are written, and what to do with a row that fails.

The file is written for the person doing the migration by `gongkai import init`, from the columns
and values it sees, with every setting explained in Chinese; without one, an import takes the same
guesses and says so. Every problem in it is one Chinese message naming the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from collections.abc import Mapping as MappingType
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gongkai.core import yamlload
from gongkai.core.schema import ContentType, IndexPattern, Schema, compile_index_pattern

BODY = "body"  # the pseudo-field a column of text maps to: the entry's body, not its metadata
SKIP, STOP = "skip", "stop"  # what to do with a row that fails
# Column names and labels seen on real portals and exports, for each field key of the example catalogue.
GUESSES: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "索取号", "信息索引号"),
    "title": ("标题", "名称", "文件名称", "信息名称", "题名", "文章标题", "标　题", "名　称"),
    "publisher": ("发布机构", "发文机关", "发布单位", "发文单位", "发布部门", "公开责任部门"),
    "category": ("主题分类", "信息分类", "分类", "所属分类", "所属栏目", "栏目", "主题"),
    "doc_no": ("文号", "发文字号", "发文文号"),
    "written": ("成文日期", "生成日期", "成文时间", "制发日期"),
    "date": ("发布日期", "发布时间", "公开日期", "公开时间", "日期"),
    "validity": ("有效性", "效力状态", "时效性"),
    "disclosure": ("公开属性", "公开方式", "公开形式", "公开类别"),
    "keywords": ("主题词", "关键词", "关键字"),
    "summary": ("内容概述", "摘要", "内容摘要", "描述", "内容简介"),
    "source": ("信息来源", "来源", "文章来源"),
    BODY: ("正文", "内容", "全文", "正文内容"),
    "attachments": ("附件", "附件名称", "相关附件"),
    "previous_urls": ("原网址", "网址", "链接", "原链接", "URL", "url", "页面地址", "原文地址"),
}
# Formats for datetime.strptime, tried in order; %m and %d also read 3 for 03.
DATES = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日", "%Y/%m/%d %H:%M:%S",
         "%Y/%m/%d %H:%M", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d")
VALUE_FIELDS = ("category", "publisher", "validity", "disclosure")  # fields whose old names are mapped


class MappingError(Exception):
    """import.yml cannot be used; the message lists every reason in Chinese."""


@dataclass(frozen=True)
class PageRules:
    """Where a saved page keeps its parts, as CSS selectors; empty: found by their look."""
    title: str = ""
    meta: str = ""
    body: str = ""
    address_from_path: bool = False  # the folder mirrors the old site: a page's path is its old address


@dataclass(frozen=True)
class Mapping:
    type: str = "entry"
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column or label → field keys
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field → old name → catalogue.yml's name
    defaults: dict[str, str] = field(default_factory=dict)  # field → value for an empty cell
    dates: tuple[str, ...] = DATES
    index_pattern: IndexPattern | None = None  # the source's 索引号 pattern, when it is not catalogue.yml's
    attachments: str = ""  # the folder attachments are named in, relative to the source's folder
    old_site: str = ""  # the old portal's address, for its relative links in bodies
    on_error: str = SKIP
    clean: bool = False
    sheet: str | int = 0
    header_row: int = 0  # 0: the first row that is not empty
    encoding: str = ""  # of a CSV file; empty: found out
    pages: PageRules = PageRules()
    source: str = ""  # where it came from, as messages name it; empty: guessed from the columns

    def columns_of(self, key: str) -> list[str]:
        """The columns mapped to a field, in the file's order."""
        return [column for column, keys in self.columns.items() if key in keys]


def guess(headers: Iterable[str], ctype: ContentType) -> dict[str, tuple[str, ...]]:
    """Each column the names of `GUESSES` recognise, mapped to its field; others to nothing."""
    keys = ctype.keys | {BODY}
    out: dict[str, tuple[str, ...]] = {}
    for header in headers:
        found = next((key for key, names in GUESSES.items() if label(header) in map(label, names)), None)
        out[header] = (found,) if found in keys else ()
    return out


def label(text: str) -> str:
    """A column name or label as compared: spaces (full-width too) and a closing colon dropped."""
    return re.sub(r"[\s\u3000:：]+", "", str(text))


def load(path: Path, shown: str, schema: Schema) -> Mapping:
    """import.yml read and checked against catalogue.yml; raises MappingError."""
    try:
        document = yamlload.load(path.read_text(encoding="utf-8-sig"), deep=True)
    except UnicodeDecodeError:
        raise MappingError(f"{shown} 不是 UTF-8 编码：请用文本编辑器以 UTF-8 编码另存。") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise MappingError(f"{shown} {where}格式错误（{getattr(e, 'problem', None) or e}）：冒号后要留一个空格，"
                           "含有冒号或井号的值请用英文双引号括起来。") from None
    if not isinstance(document.data, dict):
        raise MappingError(f"{shown} 应为“设置: 值”的形式，请用 gongkai import init 重新生成。")
    return _Reader(document.data, document.node_lines, shown, schema).read()


class _Reader:
    """import.yml's mapping read into a Mapping, every problem collected with its line."""

    def __init__(self, data: dict[str, Any], lines: dict[yamlload.NodePath, int], shown: str, schema: Schema) -> None:
        self.data, self.lines, self.shown, self.schema = data, lines, shown, schema
        self.problems: list[str] = []

    def fail(self, path: tuple[str | int, ...], message: str) -> None:
        line = self.lines.get(path) or self.lines.get(path[:1])
        self.problems.append(f"{'第 ' + str(line) + ' 行 ' if line else ''}{message}")

    def read(self) -> Mapping:
        type_key = str(self.data.get("type") or "entry")
        ctype = self.schema.types.get(type_key)
        if ctype is None:
            self.fail(("type",), f"type「{type_key}」不是 catalogue.yml 中的内容类型；可用："
                                 f"{'、'.join(f'{k}（{t.label}）' for k, t in self.schema.types.items())}。")
            ctype = next(iter(self.schema.types.values()))
        mapping = Mapping(
            type=ctype.key, columns=self._columns(ctype), values=self._values(), defaults=self._defaults(ctype),
            dates=self._dates(), index_pattern=self._index_pattern(), attachments=self._text("attachments"),
            old_site=self._text("old_site"), on_error=self._on_error(), clean=self._flag("clean"),
            sheet=self._sheet(), header_row=self._number("header_row"), encoding=self._text("encoding"),
            pages=self._pages(), source=self.shown)
        unknown = sorted(set(map(str, self.data)) - _KEYS)
        if unknown:
            self.fail((unknown[0],), f"未知的设置「{'、'.join(unknown)}」；可用：{'、'.join(sorted(_KEYS))}。")
        if self.problems:
            raise MappingError(f"{self.shown} 有 {len(self.problems)} 处错误：\n"
                               + "\n".join(f"  - {p}" for p in self.problems))
        return mapping

    def _section(self, key: str) -> dict[str, Any]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail((key,), f"{key} 应为“名称: 值”的列表（每行一项，缩进两个空格）。")
            return {}
        return value

    def _columns(self, ctype: ContentType) -> dict[str, tuple[str, ...]]:
        keys = ctype.keys | {BODY}
        out: dict[str, tuple[str, ...]] = {}
        for column, target in self._section("columns").items():
            targets = [] if target in (None, "") else target if isinstance(target, list) else [target]
            wrong = [str(t) for t in targets if str(t) not in keys or _unmappable(ctype, str(t))]
            if wrong:
                self.fail(("columns", str(column)), f"columns 中列「{column}」对应的「{'、'.join(wrong)}」不是{ctype.label}"
                          f"可以从表格导入的字段；可用：{'、'.join(k for k in [*keys] if not _unmappable(ctype, k))}"
                          "；不导入的列请写空值 \"\"。")
            out[str(column)] = tuple(str(t) for t in targets if str(t) not in wrong)
        return out

    def _values(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for key, table in self._section("values").items():
            if str(key) not in VALUE_FIELDS:
                self.fail(("values", str(key)), f"values 中的「{key}」不能设置对应关系；可用：{'、'.join(VALUE_FIELDS)}。")
                continue
            if table is None:  # written by `import init` when the data had no value of the field
                continue
            if not isinstance(table, dict):
                self.fail(("values", str(key)), f"values.{key} 应为“原名称: catalogue.yml 中的名称”的列表。")
                continue
            out[str(key)] = {str(old).strip(): "" if new is None else str(new).strip() for old, new in table.items()}
        if "" in out.get("disclosure", {}):
            self.fail(("values", "disclosure"), "values.disclosure 不能为空值设置对应：没有写明公开属性的信息一律作为"
                                                "「依申请公开」待审核导入，不会发布。")
        return out

    def _defaults(self, ctype: ContentType) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in self._section("defaults").items():
            if str(key) not in ctype.keys or _unmappable(ctype, str(key)):
                self.fail(("defaults", str(key)), f"defaults 中的「{key}」不是{ctype.label}的字段。")
            elif str(key) == "disclosure":
                self.fail(("defaults", "disclosure"), "defaults 中不能设置公开属性（disclosure）：没有写明公开属性的信息一律"
                                                      "作为「依申请公开」待审核导入，由审核人逐条确定后再发布。")
            elif value not in (None, ""):
                out[str(key)] = str(value).strip()
        return out

    def _dates(self) -> tuple[str, ...]:
        value = self.data.get("dates")
        if value is None:
            return DATES
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and "%" in v for v in value):
            self.fail(("dates",), "dates 应为日期格式的列表，如 [\"%Y-%m-%d %H:%M\", \"%Y年%m月%d日\", \"%Y/%m/%d\"]"
                                  "（%Y 年、%m 月、%d 日、%H 时、%M 分）。")
            return DATES
        return tuple(value)

    def _index_pattern(self) -> IndexPattern | None:
        pattern = self._section("index_number").get("pattern")
        if pattern in (None, ""):
            return None
        if not isinstance(pattern, str) or "{seq" not in pattern or "{year" not in pattern:
            self.fail(("index_number", "pattern"), f"index_number.pattern「{pattern}」应含有 {{year}} 和 {{seq}}，如 "
                                                   "\"{org}-GK-{year}-{seq:5}\"（写法同 catalogue.yml 的 index_number）。")
            return None
        return compile_index_pattern(pattern)

    def _text(self, key: str) -> str:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            self.fail((key,), f"{key} 应为一段文字。")
            return ""
        return (value or "").strip()

    def _flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.fail((key,), f"{key} 应为 true 或 false。")
            return False
        return value

    def _number(self, key: str) -> int:
        value = self.data.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail((key,), f"{key} 应为行号（正整数），不写表示第一个非空行。")
            return 0
        return value

    def _on_error(self) -> str:
        value = str(self.data.get("on_error") or SKIP)
        if value not in (SKIP, STOP):
            self.fail(("on_error",), f"on_error「{value}」应为 skip（跳过出错的行并报告）或 stop（有任何一行出错就不导入）。")
            return SKIP
        return value

    def _sheet(self) -> str | int:
        value = self.data.get("sheet", 1)
        if isinstance(value, bool) or not isinstance(value, (str, int)) or (isinstance(value, int) and value < 1):
            self.fail(("sheet",), "sheet 应为工作表的名称或序号（从 1 开始）。")
            return 0
        return value - 1 if isinstance(value, int) else value

    def _pages(self) -> PageRules:
        raw = self._section("pages")
        texts = {}
        for key in ("title", "meta", "body"):
            value = raw.get(key)
            if value is not None and not isinstance(value, str):
                self.fail(("pages", key), f"pages.{key} 应为 CSS 选择器，如 \"div#zoom\"。")
            texts[key] = str(value or "").strip()
        mirror = raw.get("address_from_path", False)
        if not isinstance(mirror, bool):
            self.fail(("pages", "address_from_path"), "pages.address_from_path 应为 true 或 false。")
            mirror = False
        return PageRules(texts["title"], texts["meta"], texts["body"], mirror)


_KEYS = frozenset({"type", "columns", "values", "defaults", "dates", "index_number", "attachments", "old_site",
                   "on_error", "clean", "sheet", "header_row", "encoding", "pages"})


def _unmappable(ctype: ContentType, key: str) -> bool:
    """Fields a cell cannot fill: lists of items with fields of their own, the annual report's tables."""
    return key != BODY and ctype.field(key).type in ("objects", "annual_report")


# --- import.yml as `gongkai import init` writes it ---------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """What `gongkai import init` found in a source, beside its columns."""
    values: MappingType[str, Iterable[str]]  # every value of the columns of VALUE_FIELDS
    index: str = ""  # a 索引号 that catalogue.yml's pattern does not match, when there is one
    attachments: str = ""  # the folder the attachments named were found in


def render(source: str, ctype: ContentType, schema: Schema, columns: dict[str, tuple[str, ...]],
           seen: Seen, pages: bool) -> str:
    """The text of a new import.yml: the guessed columns, every value seen in the mapped columns with
    its catalogue.yml name where there is one, and each setting explained in Chinese."""
    lines = [f"# gongkai import 的导入设置，由 gongkai import init 根据「{source}」生成。",
             "# 修改后先运行 gongkai import … --dry-run（试运行）查看报告，没有问题再正式导入。“#”开头的是说明。", "",
             f"# 导入为哪种内容类型：{'、'.join(f'{k}（{t.label}）' for k, t in schema.types.items())}",
             f"type: {ctype.key}", ""]
    lines += _columns_text(ctype, columns, pages)
    lines += _values_text(ctype, schema, seen.values)
    lines += _settings_text(ctype, columns, pages, seen, schema)
    return "\n".join(lines) + "\n"


def _columns_text(ctype: ContentType, columns: dict[str, tuple[str, ...]], pages: bool) -> list[str]:
    what = "页面元数据中的项目" if pages else "表格的列"
    lines = [f"# {what} → 字段。字段名见下方说明；写空值 \"\" 的{what[-1]}不导入；一{what[-1]}可对应多个字段，写成 [source, publisher]。",
             "#   body：正文（HTML 或纯文字）；attachments：附件；previous_urls：原网址（旧网址会永久转向新页面）",
             "#   " + "；".join(f"{f.key}：{f.label}" for f in ctype.fields if not _unmappable(ctype, f.key)),
             "columns:"]
    for column, keys in columns.items():
        target = keys[0] if len(keys) == 1 else f"[{', '.join(keys)}]" if keys else '""'
        note = "" if keys else "    # 未识别，不导入；需要时填写字段名"
        lines.append(f"  {_quoted(column)}: {target}{note}")
    return [*lines, ""]


def _values_text(ctype: ContentType, schema: Schema, seen: MappingType[str, Iterable[str]]) -> list[str]:
    lines = ["# 原网站的名称 → catalogue.yml 中的名称。右边为空的须填写，否则这些行会报错；左边是在数据中看到的全部取值。",
             "values:"]
    for key in VALUE_FIELDS:
        if key not in ctype.keys:
            continue
        choices = _choices(schema, ctype, key)
        lines.append(f"  {key}:    # {ctype.field(key).label}，可选：{'、'.join(choices)}")
        if key == "disclosure":
            lines.append("    # 空白或不明确的公开属性一律作为「依申请公开」待审核导入，不会发布。")
        for old in sorted(set(seen.get(key, ()))):
            new = old if old in choices else ""
            lines.append(f"    {_quoted(old)}: {_quoted(new) if new else chr(34) * 2}")
    return [*lines, ""]


def _choices(schema: Schema, ctype: ContentType, key: str) -> list[str]:
    kind = ctype.field(key).type
    if kind == "category":
        return [c.name for c in schema.categories.values() if c.is_leaf]
    if kind == "publisher":
        return list(schema.publishers)
    return list(schema.vocabularies.get(ctype.field(key).vocabulary or "", ()))


def _settings_text(ctype: ContentType, columns: dict[str, tuple[str, ...]], pages: bool, seen: Seen,
                   schema: Schema) -> list[str]:
    mapped = {key for keys in columns.values() for key in keys}
    missing = [f for f in ctype.fields if f.required and f.key not in mapped and f.key not in ("index_no", "disclosure")
               and not _unmappable(ctype, f.key)]
    lines = ["# 单元格为空时使用的默认值，如 validity: 有效。公开属性不能设默认值。", "defaults:" if missing else "defaults: {}"]
    lines += [f"  {f.key}: \"\"    # {f.label}：数据中没有这一项，请填写" for f in missing]
    lines += ["", "# 日期的写法，按顺序尝试（%Y 年、%m 月、%d 日、%H 时、%M 分）；表格中的日期单元格不需要设置。",
              f"dates: {json.dumps(list(DATES), ensure_ascii=False)}", "",
              "# 原网站的索引号格式与 catalogue.yml 不同时填写，如 \"{org}-GK-{year}-{seq:5}\"：导入时按 catalogue.yml 的格式",
              "# 和发布机构的代码改写（年份、流水号不变）。相同时留空。",
              *([f"# 注意：数据中的索引号（如 {seen.index}）不符合 catalogue.yml 的格式 {schema.index_pattern.template}，须填写。"]
                if seen.index else []),
              "index_number:", "  pattern: \"\"", "",
              "# 原网站的地址，如 http://gaj.example.gov.cn/：正文中指向原网站的相对链接改为完整网址（经转向到达新页面）。",
              "old_site: \"\"", "",
              "# 出错的行：skip 跳过并在报告中列出；stop 只要有一行出错就什么都不导入。",
              "on_error: skip", "",
              "# 清理复制粘贴带来的杂质（夹在文字中的拼音注音如 報(bào)告、全角空格、看不见的字符、空段落），并在报告中列出改动。",
              "clean: false", ""]
    if pages:
        lines += ["# 页面各部分的位置（CSS 选择器）；留空时自动识别。address_from_path：目录是原网站的镜像时设为 true，",
                  "# 页面在目录中的路径就是它的原网址。", "pages:", "  title: \"\"", "  meta: \"\"", "  body: \"\"",
                  "  address_from_path: false", ""]
    else:
        lines += ["# 附件文件所在的目录（相对于表格文件所在的目录）；附件列写文件名，多个用“；”分隔，可写成“名称|文件名”。",
                  f"attachments: {_quoted(seen.attachments) if seen.attachments else chr(34) * 2}", "",
                  "# 工作表（名称或从 1 开始的序号）、表头所在行（0 表示第一个非空行）、CSV 文件的编码（留空自动识别 UTF-8、GB18030）。",
                  "sheet: 1", "header_row: 0", "encoding: \"\"", ""]
    return lines


def _quoted(text: str) -> str:
    """A YAML scalar for `text`: plain when YAML reads it back as the same text, else double-quoted."""
    if re.fullmatch(r"[^\s\"'#:{}\[\],&*!|>%@`?-][^\"'#:{}\[\],]*", text) and not text.endswith(" "):
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
