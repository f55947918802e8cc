"""Checking one content file's metadata against its content type, field by field.

Each checker turns the raw YAML value into the value the model uses, or returns a Chinese
message saying what was expected. Checks that span files (duplicate 索引号, references)
belong to the catalogue.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from gongkai.core import urlpath
from gongkai.core.personal import INVISIBLE, fold
from gongkai.core.problems import Level, Problem
from gongkai.core.schema import ContentType, Field, Schema
from gongkai.core.source import Source
from gongkai.core.yamlload import NodePath


@dataclass(frozen=True)
class Attachment:
    src_uri: str  # path inside content/, posix
    title: str

    @property
    def filename(self) -> str:
        return PurePosixPath(self.src_uri).name


@dataclass(frozen=True)
class At:
    """A message about a part of a field's value: `path` goes from the field's key to the part (list
    positions and keys), so that the problem stands at that part's line."""
    message: str
    path: NodePath = ()


class Invalid(Exception):
    """A field's value is unusable; each message says why, in Chinese, without the file name."""

    def __init__(self, *messages: str | At) -> None:
        super().__init__(*messages)
        self.messages = tuple(m if isinstance(m, At) else At(m) for m in messages)


@dataclass(frozen=True)
class Context:
    """What checkers need beyond the value: the schema, the file, and where content/ is."""

    schema: Schema
    source: Source
    src_uri: str
    docs_dir: Path


WRITTEN, PUBLISHED, WITHDRAWN = "written", "date", "withdrawn"  # 成文、发布、撤回日期, where a type has them
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LIST_SPLIT = re.compile(r"\s*[、，,；;]\s*")
_ITEM_SPLIT = re.compile(r"\s*[、，；]\s*")  # [甲，乙] is one YAML item: Chinese separators split it
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_LINK_IN_TEXT = re.compile(r"\[[^\[\]\n]+\]\([^()\n]+\)")  # Markdown's link, which a field's value never becomes


def _shown(value: Any) -> str:
    """A value as the editor would write it in YAML (a list as [a, b], not as Python shows it)."""
    if isinstance(value, (list, dict)):
        return str(yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6)).strip()
    return str(value)


def odd_characters(text: str, written_in_ascii: bool = True) -> str:
    """A note naming each character of `text` that looks like another one but is not: full-width or
    other forms of letters, digits and dashes where a value is written in ASCII (an 索引号, a date), or
    compatibility forms of Chinese characters anywhere; with its code point, since it prints alike."""
    odd = []
    for c in dict.fromkeys(text):
        plain = unicodedata.normalize("NFKC", fold(c))
        if c.isascii() or plain == c or (not written_in_ascii and plain.isascii() and not plain.isspace() and plain):
            continue
        odd.append(f"「{c}」（U+{ord(c):04X}，应为“{plain}”）" if plain.strip() else f"看不见的字符 U+{ord(c):04X}")
    return f"注意：其中有外观相似的其他字符：{'、'.join(odd)}，常见于全角输入或从网页、Word 复制；请删去这些字符后用键盘重新输入。" if odd else ""


def _text(value: Any, field: Field, ctx: Context) -> str:
    if isinstance(value, (dict, list)):
        raise Invalid(f"应为一段文字，现为「{_shown(value)}」：YAML 把方括号或花括号读成了列表。如果括号是文字的一部分，"
                      "请把整个值用英文双引号括起来。")
    if isinstance(value, bool):
        raise Invalid(f"应为一段文字，现为「{_shown(value)}」：YAML 把 yes、no、true、false 等读成了是非值，请用英文双引号括起来。")
    return str(value).strip()


def _date(value: Any, field: Field, ctx: Context) -> dt.date:
    m = _DATE.fullmatch(str(value).strip())
    try:
        if not m:
            raise ValueError
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise Invalid(f"的值「{_shown(value)}」不是有效日期，应按“年-月-日”写成 YYYY-MM-DD，如 2021-03-15。"
                      f"{odd_characters(str(value))}") from None


def _enum(value: Any, field: Field, ctx: Context) -> str:
    allowed = ctx.schema.vocabularies[field.vocabulary or ""]
    if str(value).strip() not in allowed:
        raise Invalid(f"的值「{_shown(value)}」不在可选范围内；可选值：{'、'.join(allowed)}。{odd_characters(str(value), False)}")
    return str(value).strip()


def _list(value: Any, field: Field, ctx: Context) -> tuple[str, ...]:
    """A list; in a list of words (`words`, or one with a vocabulary) an item may hold several, written
    with Chinese separators (“甲，乙”); a list of sentences (steps) keeps each item as written."""
    if isinstance(value, str) and not field.words:
        raise Invalid(f"应为列表，每项一行，以英文半角减号加一个空格（“- ”）开头，如“- 提交申请”；现为「{value}」。")
    if isinstance(value, str):
        value = [v for v in _LIST_SPLIT.split(value.strip()) if v]
    if not isinstance(value, list):
        how = "每行“- 词语”，或用顿号分隔" if field.words else "每项一行，以“- ”开头"
        raise Invalid(f"应为文字列表（{how}），现为「{_shown(value)}」。")
    nested = [At(_nested(i, v), (i,)) for i, v in enumerate(value) if isinstance(v, (list, dict))]
    if nested:
        raise Invalid(*nested)
    split = _ITEM_SPLIT.split if field.words else lambda text: [text]
    items = tuple(part for v in value if v is not None for part in split(str(v).strip()) if part)
    allowed = ctx.schema.vocabularies.get(field.vocabulary or "")
    wrong = [v for v in items if allowed and v not in allowed]
    if wrong:
        raise Invalid(f"中的「{'、'.join(wrong)}」不在可选范围内；可选值：{'、'.join(allowed or ())}。")
    return items


def _nested(index: int, item: list[Any] | dict[Any, Any]) -> str:
    """Why a list item that YAML read as a mapping or a list is not text."""
    if isinstance(item, dict) and len(item) == 1:
        key, value = next(iter(item.items()))
        return (f"第 {index + 1} 项「{key}: {value}」中有“英文冒号+空格”，YAML 把它当成了“键: 值”。请把这一项用英文双引号括起来，"
                "或改用中文冒号“：”。")
    return f"第 {index + 1} 项应为一段文字，现为「{_shown(item)}」。"


def _paths(value: Any, field: Field, ctx: Context) -> tuple[str, ...]:
    """Addresses within the site (an entry's former ones), in the grammar of server configuration."""
    items = value if isinstance(value, list) else [value]
    if any(isinstance(v, (list, dict)) or v is None for v in items):
        raise Invalid(f"应为网址路径的列表（每行“- 路径”），现为「{_shown(value)}」。")
    paths = tuple(str(v).strip() for v in items)
    messages = [At(f"中的「{path}」{reason}。{odd_characters(path)}", (i,) if isinstance(value, list) else ())
                for i, path in enumerate(paths) if (reason := urlpath.problem(path))]
    if messages:
        raise Invalid(*messages)
    return tuple(path.lstrip("/") for path in paths)


def _reference(value: Any, field: Field, ctx: Context) -> str:
    if isinstance(value, (dict, list)):
        raise Invalid(f"应为另一条目的索引号，现为「{_shown(value)}」。")
    return str(value).strip()


def _index(value: Any, field: Field, ctx: Context) -> str:
    text = _reference(value, field, ctx)
    publisher = ctx.schema.publishers.get(str(ctx.source.meta.get("publisher", "")).strip())
    org = publisher.code if publisher else next(iter(ctx.schema.publishers.values())).code
    parts = ctx.schema.index_pattern.match(text)
    if parts is None:
        upper = "字母须大写，" if ctx.schema.index_pattern.match(text.upper()) else ""
        raise Invalid(f"的值「{text}」不符合索引号格式 {ctx.schema.index_pattern.template}"
                      f"（{upper}例如 {ctx.schema.index_pattern.example(org)}）。{odd_characters(text)}")
    if publisher and parts.get("org") and parts["org"] != publisher.code:
        raise Invalid(f"的值「{text}」中的机构代码「{parts['org']}」与发布机构「{publisher.name}」的代码"
                      f"「{publisher.code}」不一致。")
    return text


def _category(value: Any, field: Field, ctx: Context) -> str:
    name = str(value).strip()
    category = ctx.schema.category_named(name)
    leaves = [c.name for c in ctx.schema.categories.values() if c.is_leaf]
    if category is None:
        raise Invalid(f"的值「{name}」不是 catalogue.yml 中的主题分类；可选：{'、'.join(leaves)}。{odd_characters(name, False)}")
    if not category.is_leaf:
        children = [ctx.schema.categories[c].name for c in category.children]
        raise Invalid(f"的值「{name}」是一级分类，请选择它下面的二级分类：{'、'.join(children)}。")
    return category.code


def _publisher(value: Any, field: Field, ctx: Context) -> str:
    name = str(value).strip()
    if name not in ctx.schema.publishers:
        raise Invalid(f"的值「{name}」不是 catalogue.yml 中登记的发布机构；可选：{'、'.join(ctx.schema.publishers)}。"
                      f"{odd_characters(name, False)}")
    return name


# The only kinds of file published as attachments or static files: documents, tables, images, audio,
# video, archives. Anything a browser could run (HTML, XML, SVG, scripts) or MkDocs would render is not.
PUBLISHABLE_SUFFIXES = frozenset("""
.pdf .ofd .doc .docx .xls .xlsx .ppt .pptx .wps .et .dps .odt .ods .odp .rtf .txt .csv
.jpg .jpeg .png .gif .webp .bmp .tif .tiff .ico .mp3 .m4a .wav .ogg .mp4 .webm .mov .zip .rar .7z
""".split())


def is_link(docs_dir: Path, src_uri: str) -> bool:
    """Whether the path, or any folder on it inside content/, is a symbolic link."""
    return bool(linked(docs_dir, [src_uri]))


def linked(docs_dir: Path, src_uris: Iterable[str]) -> set[str]:
    """The paths among `src_uris` that are symbolic links or lie in a linked folder (each folder looked at once)."""
    folders: dict[str, bool] = {"": False}
    root = str(docs_dir)

    def folder_linked(rel: str) -> bool:
        if rel not in folders:
            parent = rel.rpartition("/")[0]
            folders[rel] = folder_linked(parent) or os.path.islink(os.path.join(root, rel))
        return folders[rel]

    return {uri for uri in src_uris if folder_linked(uri.rpartition("/")[0]) or os.path.islink(os.path.join(root, uri))}


def publishable(path: str) -> bool:
    return PurePosixPath(path).suffix.lower() in PUBLISHABLE_SUFFIXES and not path.endswith((".", " "))


def _attachments(value: Any, field: Field, ctx: Context) -> tuple[Attachment, ...]:
    if not isinstance(value, list):
        return (_attachment(value, ctx, "附件"),)
    found, messages = [], []
    for i, item in enumerate(value):
        try:
            found.append(_attachment(item, ctx, f"附件{i + 1}" if len(value) > 1 else "附件"))
        except Invalid as e:
            messages += [At(m.message, (i, *m.path)) for m in e.messages]
    if messages:
        raise Invalid(*messages)
    return tuple(found)


def _attachment(item: Any, ctx: Context, untitled: str) -> Attachment:
    """A file listed by an entry; `untitled`: the name shown when no title is written (never the file's
    name, which readers cannot read: 2026-yusuan.pdf)."""
    if isinstance(item, dict):
        path, title = item.get("file"), item.get("title")
    else:
        path, title = item, None
    if not isinstance(path, str) or not path.strip() or (title is not None and not isinstance(title, (str, int))):
        raise Invalid(f"的每一项应为文件路径，或写成“file: 路径”和“title: 名称”两行，现为「{_shown(item)}」。")
    path = path.strip()
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path) or "\\" in path:
        raise Invalid(f"中的「{path}」是绝对路径；请写相对于本文件的路径，并用“/”分隔，如 附件/表格.pdf。")
    src_uri = PurePosixPath(ctx.src_uri).parent.joinpath(path).as_posix()
    parts: list[str] = []
    for part in src_uri.split("/"):
        if part == "..":
            if not parts:
                raise Invalid(f"中的「{path}」指向 content/ 目录之外；附件须放在 content/ 目录内。")
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    src_uri = "/".join(parts)
    folder = ctx.src_uri.split("/", 1)[0]
    if not src_uri.startswith(f"{folder}/"):
        raise Invalid(f"中的「{path}」不在 {ctx.docs_dir.name}/{folder}/ 目录内；附件须和条目放在同一目录下，"
                      "这样只有公开的条目才会带出它的附件。")
    if not publishable(src_uri):
        raise Invalid(f"中的「{path}」不是可以发布的文件类型；附件须为 PDF、OFD、Word、WPS、Excel、CSV、TXT、图片、"
                      "音视频或压缩包（网页、脚本、SVG、XML 等可能含有可执行代码）。")
    abs_path = ctx.docs_dir / src_uri
    try:
        exists = abs_path.is_file()
    except OSError:
        raise Invalid(f"中的文件名「{path}」过长或含有无效字符，请改用简短的文件名。") from None
    if not exists:
        raise Invalid(f"中的文件「{path}」不存在（应在 {ctx.docs_dir.name}/{src_uri}）；请检查文件名和路径。")
    if is_link(ctx.docs_dir, src_uri):
        raise Invalid(f"中的「{path}」是符号链接（快捷方式）或位于链接目录中；附件须是 content/ 目录内的普通文件。")
    return Attachment(src_uri, str(title).strip() if title else untitled)


def _integer(value: Any, field: Field, ctx: Context) -> int:
    if isinstance(value, str) and value.strip().isdigit():
        raise Invalid(f"的值「{value}」是加了引号的文字，应为整数：请去掉引号。")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Invalid(f"的值「{_shown(value)}」应为不小于 0 的整数（阿拉伯数字，不加单位）。")
    return value


def _url(value: Any, field: Field, ctx: Context) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"https?://[^\s/\"'<>]+[^\s\"'<>]*", text):
        raise Invalid(f"的值「{_shown(value)}」应为以 http:// 或 https:// 开头的完整网址。{odd_characters(text)}")
    return text


def _single_attachment(value: Any, field: Field, ctx: Context) -> Attachment:
    if isinstance(value, list):
        raise Invalid("只能填写一个文件。")
    return _attachment(value, ctx, field.label)


def _objects(value: Any, field: Field, ctx: Context) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list):
        keys = "、".join(f.key for f in field.fields)
        raise Invalid(f"应为列表，每项以“- ”开头，写出 {keys} 等字段，现为「{_shown(value)}」。")
    found, messages = [], []
    for number, item in enumerate(value, 1):
        values, said = check_item(number, item, field.fields, ctx)
        found.append(values)
        messages += said
    if messages:
        raise Invalid(*messages)
    return tuple(found)


def check_item(number: int, item: Any, fields: tuple[Field, ...], ctx: Context) -> tuple[dict[str, Any], list[At]]:
    """One item of a list (a material, a power-list entry): its values, and every problem, worded
    from “第 N 项” and placed at the item, or at its key."""
    here: NodePath = (number - 1,)
    if not isinstance(item, dict):
        keys = "、".join(f.key for f in fields)
        return {}, [At(f"第 {number} 项应写成“键: 值”的几行（{keys}），现为「{_shown(item)}」。", here)]
    values, messages = {}, []
    for part in fields:
        raw = item.get(part.key)
        if _blank(raw):
            if part.required:
                messages.append(At(f"第 {number} 项缺少「{part.label}」（{part.key}）。", here))
            continue
        try:
            values[part.key] = CHECKERS[part.type](raw, part, ctx)
        except Invalid as e:
            messages += [At(f"第 {number} 项的「{part.label}」（{part.key}）{m.message}", (*here, part.key, *m.path))
                         for m in e.messages]
    unknown = [str(k) for k in item if k not in {f.key for f in fields}]
    if unknown:
        messages.append(At(f"第 {number} 项有未知的键「{'、'.join(unknown)}」；可用：{'、'.join(f.key for f in fields)}。",
                           (*here, unknown[0])))
    return values, messages


Checker = Callable[[Any, Field, Context], Any]
CHECKERS: dict[str, Checker] = {
    "text": _text, "date": _date, "enum": _enum, "list": _list, "reference": _reference,
    "attachments": _attachments, "index": _index, "category": _category, "publisher": _publisher,
    "integer": _integer, "url": _url, "attachment": _single_attachment, "objects": _objects,
    "paths": _paths,
}


def register(field_type: str, checker: Checker) -> None:
    """The checker of a field type that a content type brings (gongkai.types: the annual report's tables)."""
    CHECKERS[field_type] = checker


def _blank(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (list, dict)) and not value)


Said = tuple[str, str, Level, NodePath]  # a problem with a field: its key, the message, the level, the part


def validate(ctx: Context, ctype: ContentType) -> tuple[dict[str, Any], list[Problem]]:
    """Check every field; returns the converted values and all problems found."""
    source, values, problems = ctx.source, {}, []
    for field in ctype.fields:
        raw = source.meta.get(field.key)
        if _blank(raw):
            if _required(field, source.meta):
                problems.append(Problem(source.path, _missing(field, source.meta, ctype, field.key in source.meta),
                                        _missing_line(field, source)))
            continue
        try:
            values[field.key] = _value(raw, field, ctx)
        except Invalid as e:
            problems += [Problem(source.path, f"字段{field.name}{m.message}", source.line((field.key, *m.path))) for m in e.messages]
    said = _contradictions(ctype, values) + _dates(values) + _shown_links(ctype, values) + _untitled(ctype, source, values)
    said += _unknown(ctype, source)
    return values, problems + [Problem(source.path, message, source.line((key, *at)), level) for key, message, level, at in said]


def _value(raw: Any, field: Field, ctx: Context) -> Any:
    unseen = sorted({f"U+{ord(c):04X}" for text in strings(raw) for c in _INVISIBLE.findall(text)})
    if unseen:
        raise Invalid(f"的值中有看不见的字符（{'、'.join(unseen)}），常见于从网页或 Word 复制的文字；请删去这个值，再用键盘重新输入。")
    return CHECKERS[field.type](raw, field, ctx)


def _contradictions(ctype: ContentType, values: dict[str, Any]) -> list[Said]:
    """A field filled although another's value refuses it (superseded_by on a document in force)."""
    said: list[Said] = []
    for field in (f for f in ctype.fields if f.key in values):
        refused = [(other, values[other]) for other, v in field.refused_when.items() if str(values.get(other)) in v]
        if refused:
            other, value = refused[0]
            name = ctype.field(other).name
            said.append((field.key, f"字段{field.name}与{name}「{value}」相互矛盾：{name}为「{value}」的文件不应填写{field.name}。"
                                     f"请核对{name}，或删去{field.name}这一行。", "error", ()))
    return said


def _dates(values: dict[str, Any]) -> list[Said]:
    """成文 before 发布, 撤回 after it."""
    written, published, withdrawn = values.get(WRITTEN), values.get(PUBLISHED), values.get(WITHDRAWN)
    said: list[Said] = []
    if isinstance(written, dt.date) and isinstance(published, dt.date) and written > published:
        said.append((WRITTEN, f"成文日期（{written}）晚于发布日期（{published}）：文件须先成文、后发布，请核对这两个日期。", "error", ()))
    if isinstance(withdrawn, dt.date) and isinstance(published, dt.date) and withdrawn < published:
        said.append((WITHDRAWN, f"撤回日期（{withdrawn}）早于发布日期（{published}）：只有发布过的文件才能撤回，请核对这两个日期。",
                     "error", ()))
    return said


def _shown_links(ctype: ContentType, values: dict[str, Any]) -> list[Said]:
    """Markdown links in fields' text, which pages show as written."""
    said: list[Said] = []
    for field in (f for f in ctype.fields if f.key in values and f.type in ("text", "list", "objects")):
        shown = [m.group(0) for text in strings(values[field.key]) for m in _LINK_IN_TEXT.finditer(text)]
        if shown:
            said.append((field.key, f"字段{field.name}中的「{shown[0][:40]}」不会成为链接：字段的值在页面上按原样显示为文字。"
                                     "请只写文字，把链接写在正文中。", "warning", ()))
    return said


def _untitled(ctype: ContentType, source: Source, values: dict[str, Any]) -> list[Said]:
    """Attachments written without a title: readers would see only “附件”."""
    said: list[Said] = []
    for field in (f for f in ctype.fields if f.type == "attachments" and f.key in values):
        raw = source.meta[field.key]
        for i, item in enumerate(raw if isinstance(raw, list) else [raw]):
            if not (isinstance(item, dict) and item.get("title")):
                shown = item.get("file") if isinstance(item, dict) else item
                said.append((field.key, f"字段{field.name}中的「{shown}」没有填写名称，页面上只能显示为“{values[field.key][i].title}”。"
                                         f"请写成两行：- file: {shown} 和 title: 附件名称（与 file 对齐）。", "warning",
                             (i,) if isinstance(raw, list) else ()))
    return said


def _unknown(ctype: ContentType, source: Source) -> list[Said]:
    return [(str(key), f"未知字段「{key}」：{ctype.label}没有这个字段，它将被忽略。{_meant(str(key), ctype)}可用字段："
                       f"{'、'.join(f.key for f in ctype.fields)}。{odd_characters(str(key))}", "warning", ())
            for key in source.meta if key not in ctype.keys]


def _meant(key: str, ctype: ContentType) -> str:
    """The field an unknown key was probably meant as: its Chinese label, or its key in other case or with
    look-alike characters."""
    plain = unicodedata.normalize("NFKC", key).strip().lower()
    field = next((f for f in ctype.fields if key.strip() in (f.label, f.name) or plain == f.key), None)
    return f"是不是想写 {field.key}（{field.label}）？字段名须用英文写法。" if field else "请检查拼写；"


def strings(value: Any, with_files: bool = False) -> list[str]:
    """Every piece of text in a metadata value, nested lists and list items included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Attachment):
        return [value.title, value.src_uri] if with_files else []
    if isinstance(value, (tuple, list)):
        return [s for v in value for s in strings(v, with_files)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v, with_files)]
    return []


def _required(field: Field, meta: dict[str, Any]) -> bool:
    return field.required or any(str(meta.get(k, "")).strip() in v for k, v in field.required_when.items())


def _missing_line(field: Field, source: Source) -> int:
    """Where a missing field is reported: at the field that makes it required, else at the end of the
    metadata, where it would be added; a field written without a value, at its own line."""
    if field.key in source.key_lines:
        return source.key_lines[field.key]
    lines = [source.key_lines[k] for k in field.required_when if k in source.key_lines]
    return min(lines) if lines else max(1, source.body_line - 1)


def _missing(field: Field, meta: dict[str, Any], ctype: ContentType, written: bool) -> str:
    reasons = [f"{ctype.field(k).name if k in ctype.keys else k}为「{meta[k]}」" for k, v in field.required_when.items()
               if str(meta.get(k, "")).strip() in v]
    why = f"（因为{'、'.join(reasons)}）" if reasons and not field.required else ""
    hint = f"，{field.hint}" if field.hint else ""
    if written:
        return f"必填字段{field.name}没有填写{why}。请在“{field.key}:”后面填写{hint}。"
    return f"缺少必填字段{field.name}{why}。请添加一行“{field.key}: …”{hint}。"
