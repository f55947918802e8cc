"""A record as a content file (`Draft`): the front matter the mapping gives, the body as Markdown,
the attachments beside it, the old address as a former address.

Nothing here decides whether the values are valid: that is the core's, when the file is checked in
staging (writing.py). What this module decides is what the core cannot know: which column is which
field, what old names mean, how an old date or 索引号 is written, and the rule that only a clear
公开属性 publishes (a blank or unclear one, or 删减后公开 whose spans no one has marked yet, is
imported as a 依申请公开 draft for review; a 不予公开 item is not imported at all).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.schema import ContentType, Field, Schema
from gongkai.importing import cleaning, markdown
from gongkai.importing.addresses import former
from gongkai.importing.cleaning import Changes
from gongkai.importing.mapping import BODY, Mapping
from gongkai.importing.records import Link, Record

FULL, ON_REQUEST, REDACTED, WITHHELD = "主动公开", "依申请公开", "删减后公开", "不予公开"
_SPLIT_LIST = re.compile(r"[、，,；;\s]+")
_SPLIT_ITEMS = re.compile(r"[；;\n]+")
_SPLIT_URLS = re.compile(r"[\s；，、]+|[;,]+(?=\s*(?:https?://|/))")  # a ; or , inside an address (;jsessionid=) stays
_SAFE_NAME = re.compile(r"[A-Za-z0-9._~-]{1,150}")
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9.+~\\][^:#\n\r\t\"',\[\]{}\\]*")
_YAML_WORDS = frozenset("true false yes no on off null y n".split())
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
_CN_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")


@dataclass
class Draft:
    """What one record becomes: a content file and its attachments, or why it cannot."""
    origin: str
    order: int
    type_key: str
    index_no: str = ""
    src_uri: str = ""  # where it goes inside content/
    text: str = ""  # the file, without the import's stamp
    files: dict[str, Path] = field(default_factory=dict)  # attachment path relative to the file → the source file
    previous: tuple[str, ...] = ()  # former addresses, as written into previous_urls
    year: int = 0
    category: str = ""
    on_request: str = ""  # why it was made a 依申请公开 draft; empty when the source said
    old_index: str = ""  # the source's 索引号, when import.yml's pattern rewrote it
    notes: list[str] = field(default_factory=list)
    unredirected: list[str] = field(default_factory=list)  # old addresses that cannot be redirected, and why
    changes: Changes = field(default_factory=Changes)
    errors: list[str] = field(default_factory=list)  # why no file could be made
    withheld: bool = False  # 不予公开: deliberately left out


@dataclass(frozen=True)
class Setting:
    """What converting every record of one import needs."""
    schema: Schema
    ctype: ContentType
    mapping: Mapping
    columns: dict[str, tuple[str, ...]]  # the source's own column or label names → field keys
    clean: bool
    table: bool  # a table (attachments named in a folder) rather than saved pages


def convert(record: Record, setting: Setting) -> Draft:
    """The record as a content file; a Draft with `errors` when it cannot be one."""
    draft = Draft(record.origin, record.order, setting.ctype.key)
    raw = _raw(record, setting)
    meta = _metadata(raw, setting, draft)
    slug = _place(draft, meta, setting.ctype, record.order)
    where = _where(record, setting, slug)
    taken: set[Path] = set()
    body = markdown.convert(str(raw.get(BODY) or ""), where, setting.clean, True if record.html else None, taken)
    draft.notes += body.notes
    draft.changes.merge(body.changes)
    files = _attachments(raw.get("attachments"), record.links, where, body, taken, draft)
    if files and "attachments" in setting.ctype.keys:
        meta["attachments"] = [{"file": f"{slug}/{f.name}", "title": f.title} for f in files]
    draft.files = {f"{slug}/{f.name}": f.source for f in files}
    _previous(raw.get("previous_urls"), draft, meta, "previous_urls" in setting.ctype.keys)
    if not draft.errors:
        draft.text = render(setting.ctype, meta, body.markdown, draft.on_request)
    return draft


def _metadata(raw: dict[str, Any], setting: Setting, draft: Draft) -> dict[str, Any]:
    """The front matter's values but files and former addresses, in the content type's order."""
    meta: dict[str, Any] = {}
    for f in setting.ctype.fields:
        value = raw.get(f.key)
        if f.type in ("attachments", "paths") or f.key in ("index_no", "disclosure") or _empty(value):
            continue
        meta[f.key] = _value(f, value, setting, draft)
    _disclosure(raw.get("disclosure"), setting.mapping, draft, meta)
    when = meta.get("date") if isinstance(meta.get("date"), dt.date) else None
    _index(raw.get("index_no"), setting, draft, meta, when)
    draft.year = when.year if when else 0
    draft.category = str(meta.get("category", ""))
    return meta


def _place(draft: Draft, meta: dict[str, Any], ctype: ContentType, order: int) -> str:
    """Where the file goes, as `gongkai new` would put it (content/<folder>/<year>/<索引号 with / as ->.md);
    returns the name its attachments' folder takes. A 索引号 unfit for a file name (the core will say why)
    gets a stand-in name, never a path outside the folder."""
    slug = draft.index_no.replace("/", "-")
    slug = slug if _SAFE_NAME.fullmatch(slug) and slug not in (".", "..") else f"hang-{order:06d}"
    draft.src_uri = f"{ctype.folder}/{draft.year or 'undated'}/{slug}.md"
    return slug


def _raw(record: Record, setting: Setting) -> dict[str, Any]:
    """Each field's value: the first mapped column with something in it, else import.yml's default."""
    raw: dict[str, Any] = {}
    for column, value in record.cells.items():
        for key in setting.columns.get(column, ()):
            if _empty(raw.get(key)) and not _empty(value):
                raw[key] = value
    for key, value in setting.mapping.defaults.items():
        if _empty(raw.get(key)):
            raw[key] = value
    return raw


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _value(f: Field, value: Any, setting: Setting, draft: Draft) -> Any:
    if f.type == "date":
        return parse_date(value, setting.mapping.dates) or _bad_date(f, value, draft)
    text = _text(value, setting, draft)
    if f.key in setting.mapping.values or f.type in ("category", "publisher", "enum"):
        return _mapped(f, text, setting.mapping, draft)
    if f.type == "list":
        return [part for part in _SPLIT_LIST.split(text) if part]
    if f.type == "integer" and text.isdigit():
        return int(text)
    return text


def _text(value: Any, setting: Setting, draft: Draft) -> str:
    text = value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    text = re.sub(r"[\s\u3000]*\n[\s\u3000]*", " ", text.strip())
    if setting.clean:
        return cleaning.clean(text, draft.changes).strip()
    cleaning.pinyin(text, draft.changes)
    return text


def _mapped(f: Field, text: str, mapping: Mapping, draft: Draft) -> str:
    table = mapping.values.get(f.key, {})
    if text in table:
        if not table[text]:
            draft.errors.append(f"{f.label}「{text}」在 import.yml 的 values.{f.key} 中还没有填写对应的名称；请在冒号后填写 "
                                "catalogue.yml 中的名称。")
        return table[text] or text
    return text


def _bad_date(f: Field, value: Any, draft: Draft) -> str:
    draft.errors.append(f"{f.label}「{value}」不是可以识别的日期。可以识别的写法见 import.yml 的 dates（如 "
                        "%Y-%m-%d 即 2016-03-09，%Y年%m月%d日 即 2016年3月9日）；请添加原表格的写法，或改正这个单元格。")
    return str(value)


def parse_date(value: Any, formats: tuple[str, ...]) -> dt.date | None:
    """A date from a spreadsheet's date cell or from text in one of `formats` (full-width digits and
    二〇一六年三月九日 read too); None when it is none of these."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = _CN_DATE.sub(lambda m: f"{''.join(_CN_DIGITS[c] for c in m[1])}年{_cn_number(m[2])}月{_cn_number(m[3])}日", text)
    for pattern in formats:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _cn_number(text: str) -> int:
    """一 … 三十一, as written in dates."""
    if "十" not in text:
        return int(_CN_DIGITS[text])
    tens, _, ones = text.partition("十")
    return int(_CN_DIGITS[tens] if tens else 1) * 10 + (int(_CN_DIGITS[ones]) if ones else 0)


def _disclosure(value: Any, mapping: Mapping, draft: Draft, meta: dict[str, Any]) -> None:
    """Only a clear 公开属性 publishes; anything else becomes a 依申请公开 draft for review."""
    said = "" if _empty(value) else re.sub(r"\s+", "", str(value))
    found = mapping.values.get("disclosure", {}).get(said) or said
    if found == WITHHELD:
        draft.withheld = True
        draft.errors.append("公开属性为「不予公开」，不导入（不予公开的信息不放入网站内容）。")
    elif found == REDACTED:
        draft.on_request = "原公开属性为「删减后公开」，须由审核人用删减标记标出不予公开的内容后再改为「删减后公开」"
    elif found not in (FULL, ON_REQUEST):
        draft.on_request = (f"公开属性「{said}」不明确（可在 import.yml 的 values.disclosure 中写明它对应的公开属性）"
                            if said else "原数据没有公开属性")
    meta["disclosure"] = ON_REQUEST if draft.on_request else found


def _index(value: Any, setting: Setting, draft: Draft, meta: dict[str, Any], when: dt.date | None) -> None:
    text = "" if _empty(value) else re.sub(r"\s+", "", str(value))
    if not text:
        draft.errors.append("缺少索引号：索引号是信息的永久编号，新网址由它生成。请在原表格中补上，或在 import.yml 的 columns 中"
                            "把索引号所在的列对应到 index_no。")
        return
    pattern = setting.mapping.index_pattern
    publisher = setting.schema.publishers.get(str(meta.get("publisher", "")))
    if pattern is not None and publisher is not None:
        parts = pattern.match(text)
        if parts is None:
            draft.errors.append(f"索引号「{text}」不符合 import.yml 中 index_number.pattern 的格式 {pattern.template}。")
        else:
            month = int(parts.get("month") or (when.month if when else 1))
            draft.old_index, text = text, setting.schema.index_pattern.example(
                publisher.code, int(parts["year"]), month, int(parts["seq"]))
    draft.index_no = text
    meta["index_no"] = text


def _where(record: Record, setting: Setting, slug: str) -> markdown.Where:
    """Where the record's files are looked for: a table's attachments folder (import.yml's `attachments`,
    which may lie beside the table, and is then the only folder files are taken from), a page's folder."""
    folder = record.folder / setting.mapping.attachments if setting.table and setting.mapping.attachments else record.folder
    page = record.address if re.match(r"(?i)https?://", record.address) else ""
    return markdown.Where(folder, folder if setting.table else record.root, slug, page, setting.mapping.old_site)


def _attachments(value: Any, links: tuple[Link, ...], where: markdown.Where, body: markdown.Body,
                 taken: set[Path], draft: Draft) -> list[markdown.LinkedFile]:
    """The files named in the attachments column and listed by the page, then those the body links to."""
    named = [_link(item) for item in _SPLIT_ITEMS.split(str(value or "")) if item.strip()]
    files = body.files
    names = {f.name for f in files}
    for link in [*named, *links]:
        found = markdown.local_file(link.target, where)
        if found is None:
            draft.errors.append(f"附件「{link.target}」找不到：{where.folder} 中没有这个文件（或它不是可以发布的文件类型）。"
                                "请把附件放进这个目录，或在 import.yml 的 attachments 中写明附件所在的目录。")
        elif found not in taken:
            markdown.attach(found, link.title or found.stem, body, taken, names)
    return files


def _link(item: str) -> Link:
    """An attachments cell's item: 文件名, or 名称|文件名."""
    title, bar, name = item.strip().rpartition("|")
    return Link(title.strip() if bar else "", name.strip())


def _previous(value: Any, draft: Draft, meta: dict[str, Any], kept: bool) -> None:
    paths = []
    for url in _SPLIT_URLS.split(str(value or "").strip()):
        if not url:
            continue
        address = former(url)
        if address.redirected:
            paths.append(address.path)
        else:
            draft.unredirected.append(f"原网址「{url[:100]}」{address.why}。")
    draft.previous = tuple(dict.fromkeys(paths))
    if draft.previous and kept:
        meta["previous_urls"] = list(draft.previous)


def render(ctype: ContentType, meta: dict[str, Any], body: str, on_request: str) -> str:
    """The content file: front matter in the content type's order, as an editor would write it, then the body."""
    lines = ["---"]
    for f in ctype.fields:
        if f.key not in meta:
            continue
        if f.key == "disclosure" and on_request:
            lines.append(f"# 待审核：{on_request}。已按「依申请公开」导入，不会发布；审核后请填写正确的公开属性。")
        lines += _yaml(f.key, meta[f.key])
    return "\n".join([*lines, "---", "", body]).rstrip("\n") + "\n"


def _yaml(key: str, value: Any) -> list[str]:
    if isinstance(value, dt.date):
        return [f"{key}: {value.isoformat()}"]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [f"{key}:", *(line for item in value for line in _item(item))]
    if isinstance(value, list):
        return [f"{key}: [{', '.join(scalar(v) for v in value)}]"]
    return [f"{key}: {scalar(value)}"]


def _item(item: dict[str, Any]) -> list[str]:
    first, *rest = item.items()
    return [f"  - {first[0]}: {scalar(first[1])}", *(f"    {k}: {scalar(v)}" for k, v in rest)]


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as the same text: plain where that is safe, else JSON's double quotes."""
    text = str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return text
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and text.lower() not in _YAML_WORDS:
        return text
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m[0]):04x}", json.dumps(text, ensure_ascii=False))
