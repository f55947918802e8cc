"""`gongkai new <type>`: a new content file with every field present and explained in Chinese,
and the next free 索引号 for the publisher and year.

Required text fields are left empty on purpose: `gongkai check` fails until an editor fills them,
so a placeholder can never be published by accident.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from gongkai.core.catalogue import PLACEHOLDER
from gongkai.core.schema import ContentType, Field, Schema, SchemaError, load_schema
from gongkai.mkdocs.project import read as read_project
from gongkai.types import reports

_TYPE_HINTS = {
    "text": "一段文字", "date": "日期，写成 YYYY-MM-DD", "enum": "从下列值中选一个", "list": "列表，每项一行，以“- ”开头",
    "reference": "另一条目的索引号", "attachments": "附件文件列表，路径相对于本文件", "attachment": "一个文件的路径，相对于本文件",
    "objects": "列表，每项一组字段，见下方示例", "integer": "整数", "url": "以 https:// 开头的网址",
    "index": "索引号（已自动生成）", "category": "最末一级主题分类的名称", "publisher": "发布机构全称",
    "annual_report": "统计表，每行按注释中的列依次填数，未发生的填 0；写法见 docs/editor-guide.md", "paths": "本网站内的网址路径列表，如 [art/2016/3/9/art_1_2.html]",
}


def next_index(schema: Schema, existing: Iterable[str], org: str, when: dt.date) -> str:
    """The first serial after the highest one this publisher has used in that year (and month, if the pattern has one)."""
    pattern = schema.index_pattern
    used = [int(parts["seq"]) for value in existing if (parts := pattern.match(value))
            and parts.get("org", org) == org and int(parts.get("year") or when.year) == when.year
            and int(parts.get("month") or when.month) == when.month]
    return pattern.example(org, when.year, when.month, max(used, default=0) + 1)


def render(schema: Schema, ctype: ContentType, publisher: str, index_no: str, when: dt.date) -> str:
    """The new file: every field explained, what the type implies filled in (the 索引号, the publisher,
    the date, a category named as the type, an annual report's year, edition and table skeleton)."""
    lines = ["---", f"# 新建{ctype.label}。“#”开头的行是说明，可以保留也可以删除；字段说明见 docs/editor-guide.md。"]
    for field in ctype.fields:
        lines += _field(schema, ctype, field, publisher, index_no, when)
    report = any(f.type == reports.FIELD_TYPE for f in ctype.fields)
    return "\n".join([*lines, "---", "", *(reports.BODY_SKELETON if report else [f"{PLACEHOLDER}正文】"]), ""])


def _field(schema: Schema, ctype: ContentType, field: Field, publisher: str, index_no: str, when: dt.date) -> list[str]:
    hint = "词语列表，如 [词语一, 词语二]，也可用顿号分隔" if field.words else _TYPE_HINTS[field.type]
    notes = [f"# {field.label}（{_need(field)}）：{hint}{('；' + field.hint) if field.hint else ''}"]
    if field.vocabulary:
        notes.append(f"#   可选：{'、'.join(schema.vocabularies[field.vocabulary])}")
    if field.type == "category":
        notes.append(f"#   可选：{'、'.join(c.name for c in schema.categories.values() if c.is_leaf)}")
    if field.type == reports.FIELD_TYPE:
        return [*notes, *reports.skeleton(reports.EDITIONS[0])]
    if field.type == "objects":
        return [*notes, *_items(schema, field)]
    if field.type == "attachments":
        notes += ["#   每个附件写两行，file 写文件路径（相对于本文件），title 写页面上显示的附件名称，如：",
                  "#   attachments:", "#     - file: fujian/申请表.pdf", "#       title: 保安服务公司设立许可申请表"]
    value = _value(schema, ctype, field, publisher, index_no, when)
    return [*notes, f"{field.key}: {value if field.type == 'integer' else _quote(value)}".rstrip()]


def _need(field: Field) -> str:
    if field.required_when:
        return "；".join(f"{k} 为 {'、'.join(v)} 时必填" for k, v in field.required_when.items())
    return "必填" if field.required else "选填"


def _value(schema: Schema, ctype: ContentType, field: Field, publisher: str, index_no: str, when: dt.date) -> str:
    """What the type implies for a field, else nothing (the editor fills it in; check fails until then)."""
    if field.default:  # 公开属性 never has one: it is always the editor's choice
        return field.default
    named = schema.category_named(ctype.label)
    implied = {"index_no": index_no, "publisher": publisher, "date": when.isoformat(),
               "category": named.name if named and named.is_leaf else ""}
    if any(f.type == reports.FIELD_TYPE for f in ctype.fields):  # an annual report: last year's, in this year
        implied |= {"year": str(when.year - 1), "title": f"{publisher}{when.year - 1}年政府信息公开工作年度报告"}
    return implied.get(field.key, "")


def _items(schema: Schema, field: Field) -> list[str]:
    """A list of items written out once, each key with its label; commented out when the list is optional."""
    lines = [f"{field.key}:"]
    for n, part in enumerate(field.fields):
        choices = f"：{'、'.join(schema.vocabularies[part.vocabulary])}" if part.vocabulary else ""
        lines.append(f"{'  - ' if n == 0 else '    '}{part.key}:".ljust(20) + f"# {part.label}（{_need(part)}）{choices}")
    return lines if field.required else [f"#{line}" if i else line for i, line in enumerate(lines)]


def _quote(value: str) -> str:
    return f'"{value}"' if value and re.search(r"[:#\[\]{}]|^\d+$", value) else value


def _target(docs_dir: Path, ctype: ContentType, path: Path) -> Path:
    """Where `--path` puts the file: relative to content/ (or given in full), inside the type's folder, a
    Markdown file. Raises SystemExit, in Chinese, when it is not."""
    target = (path if path.is_absolute() else docs_dir / path.relative_to(docs_dir.name) if path.parts[:1] == (docs_dir.name,)
              else docs_dir / path).resolve()
    folder = (docs_dir / ctype.folder).resolve()
    if not target.is_relative_to(folder) or target.suffix != ".md":
        raise SystemExit(f"--path 须是 {docs_dir.name}/{ctype.folder}/ 目录中以 .md 结尾的文件（{ctype.label}都放在这个目录中），"
                         f"如 {ctype.folder}/{dt.date.today().year}/新文件.md。")
    return target


def new(project: Path, type_key: str, publisher: str | None, when: dt.date, path: Path | None) -> Path:
    """Write a new content file; returns its path. Raises SystemExit with a Chinese message on bad input."""
    found = read_project(project)
    try:
        schema = load_schema(project / found.catalogue, found.catalogue)
    except SchemaError as e:
        raise SystemExit(str(e)) from None
    if type_key not in schema.types:
        raise SystemExit(f"没有内容类型「{type_key}」；可用：{'、'.join(f'{k}（{t.label}）' for k, t in schema.types.items())}")
    ctype = schema.types[type_key]
    publisher = publisher or next(iter(schema.publishers))
    if publisher not in schema.publishers:
        raise SystemExit(f"没有发布机构「{publisher}」；可用：{'、'.join(schema.publishers)}")
    docs_dir = found.docs_dir
    existing = re.findall(r"^index_no:\s*[\"']?([^\"'\s#]+)", "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in docs_dir.rglob("*.md")), re.MULTILINE)
    index_no = next_index(schema, existing, schema.publishers[publisher].code, when)
    target = _target(docs_dir, ctype, path) if path else docs_dir / ctype.folder / str(when.year) / f"{index_no.replace('/', '-')}.md"
    if target.exists():
        raise SystemExit(f"文件已存在：{target}，未覆盖。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(schema, ctype, publisher, index_no, when), encoding="utf-8")
    return target
