"""The catalogue model: every valid content file as an Entry, found by 索引号, with its relations.

`load_catalogue` reads and validates all files and reports every problem in one pass; checks
that span files (duplicate 索引号, references to missing entries) happen here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from gongkai.core import relations
from gongkai.core.files import ContentFile
from gongkai.core.problems import Problem
from gongkai.core.schema import ContentType, Schema
from gongkai.core.source import Source, read_source
from gongkai.core.validate import WITHDRAWN, Attachment, Context, validate

IN_FORCE = "有效"  # the 有效性 of a document in force


@dataclass(frozen=True)
class Entry:
    ctype: ContentType
    src_uri: str  # where the editor's file lies inside content/
    path: str  # the same, as shown to editors (content/…)
    values: dict[str, Any]
    body: str
    body_line: int = 1  # line of the file where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)
    body_lines: tuple[int, ...] = ()  # a redacted body's lines: each one's line in the body as written

    def line_in_file(self, line: int) -> int:
        """The file's line of the body's 0-based `line` (as published: redaction cuts lines)."""
        return self.body_line + (self.body_lines[line] if line < len(self.body_lines) else line)

    @property
    def index_no(self) -> str:
        return self.values["index_no"]

    @property
    def title(self) -> str:
        return self.values["title"]

    @property
    def date(self) -> dt.date:
        return self.values["date"]

    @property
    def category(self) -> str:
        """The category's code."""
        return self.values["category"]

    @property
    def publisher(self) -> str:
        return self.values["publisher"]

    @property
    def disclosure(self) -> str:
        return self.values["disclosure"]

    @property
    def validity(self) -> str | None:
        return self.values.get("validity")

    @property
    def in_force(self) -> bool:
        """Not 失效, 废止 or 已修改: an entry without 有效性 counts as in force."""
        return not self.validity or self.validity == IN_FORCE

    @cached_property
    def attachments(self) -> tuple[Attachment, ...]:
        """Every file the entry lists, in its attachments, single-file fields and list items."""
        found: list[Attachment] = []
        for f in self.ctype.fields:
            value = self.values.get(f.key)
            if value is None:
                continue
            if f.type == "attachments":
                found += value
            elif f.type == "attachment":
                found.append(value)
            elif f.type == "objects":
                found += [item[p.key] for item in value for p in f.fields if p.type == "attachment" and p.key in item]
        return tuple(dict.fromkeys(found))

    @cached_property
    def references(self) -> dict[str, str]:
        """Reference fields that are filled: key -> 索引号 of the target."""
        return {f.key: self.values[f.key] for f in self.ctype.fields if f.type == "reference" and f.key in self.values}

    @property
    def slug(self) -> str:
        """The URL segment, derived from the permanent 索引号 so that retitling never moves a page."""
        return self.index_no.replace("/", "-")

    @property
    def page_uri(self) -> str:
        return f"{self.ctype.folder}/{self.slug}.md"

    def url(self, directory_urls: bool) -> str:
        """The page's address inside the site, as MkDocs will write it."""
        return f"{self.ctype.folder}/{self.slug}/" if directory_urls else f"{self.ctype.folder}/{self.slug}.html"

    def attachment_uri(self, attachment: Attachment) -> str:
        """Where an attachment is published: beside its entry, under the entry's own folder."""
        return f"{self.ctype.folder}/{self.slug}/{attachment.filename}"


def _newest_first(entry: Entry) -> tuple[dt.date, str]:
    return entry.date, entry.index_no


class Catalogue:
    """Entries newest first, indexed by 索引号, with the reverse of every reference."""

    def __init__(self, schema: Schema, entries: Iterable[Entry]) -> None:
        self.schema = schema
        self.entries = sorted(entries, key=_newest_first, reverse=True)
        self.by_index = {e.index_no: e for e in self.entries}
        self._referrers: dict[str, list[tuple[str, Entry]]] = {}
        self._by_category: dict[str, list[Entry]] | None = None
        for e in self.entries:
            for key, target in e.references.items():
                self._referrers.setdefault(target, []).append((key, e))

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, index_no: str) -> Entry | None:
        return self.by_index.get(index_no)

    def referrers(self, entry: Entry, key: str) -> list[Entry]:
        """Entries whose field `key` points at `entry` (e.g. the ones it superseded)."""
        return [e for k, e in self._referrers.get(entry.index_no, []) if k == key]

    def neighbours(self, entry: Entry) -> list[Entry]:
        """The entries `entry` points at and those pointing at it: each one's page shows the other."""
        targets = [self.by_index[t] for t in entry.references.values() if t in self.by_index]
        return targets + [e for _, e in self._referrers.get(entry.index_no, [])]

    def in_category(self, code: str) -> list[Entry]:
        """Entries of a category, its sub-categories included, newest first."""
        if self._by_category is None:
            self._by_category = {}
            for e in self.entries:
                self._by_category.setdefault(e.category, []).append(e)
        found = [e for c in (code, *self.schema.categories[code].children) for e in self._by_category.get(c, [])]
        return sorted(found, key=_newest_first, reverse=True)  # 索引号 are unique: the catalogue's own order

    def subset(self, keep: Iterable[Entry]) -> Catalogue:
        return Catalogue(self.schema, keep)


@dataclass(frozen=True)
class Read:
    """One content file read: its entry (None when it has errors), what was wrong, and the 索引号 it
    claims even then (so that entries citing it are told where the error is, not that it is missing)."""
    entry: Entry | None
    problems: list[Problem]
    claimed: str = ""
Cleared = tuple[tuple[Entry, int] | None, list[Problem]]


@dataclass
class Memo:
    """What each file gave the last time content was loaded with the same schema and docs_dir: a
    file whose bytes are unchanged is not parsed, validated or scanned again (the preview reloads
    everything on each save). Only the last load's files are kept."""
    read: dict[tuple[str, bytes], Read] = field(default_factory=dict)  # by (src_uri, bytes)
    cleared: dict[int, tuple[Entry, Cleared]] = field(default_factory=dict)  # the gate's, by id of the entry read


def load_catalogue(schema: Schema, files: Iterable[ContentFile], docs_dir: Path, memo: Memo | None = None,
                   today: dt.date | None = None) -> tuple[Catalogue, list[Problem]]:
    """Read and validate every content file; entries with errors are left out of the catalogue. With
    `today`, an entry published after it is an error."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    kept = memo.read if memo else {}
    now: dict[tuple[str, bytes], Read] = {}
    broken: dict[str, str] = {}  # 索引号 claimed by a file with errors -> its path
    for file in files:
        ctype = schema.type_for_folder(file.src_uri.split("/", 1)[0])
        if ctype is None:
            continue
        key = (file.src_uri, file.data)
        read = now[key] = kept.get(key) or read_entry(schema, ctype, file, docs_dir)
        problems += read.problems
        if read.entry:
            entries.append(read.entry)
        elif read.claimed:
            broken.setdefault(read.claimed, f"{docs_dir.name}/{file.src_uri}")
    if memo:
        memo.read = now
    problems += _duplicates(entries)
    catalogue = Catalogue(schema, _unique(entries))
    problems += relations.check(catalogue, broken) + _late(catalogue)
    if today:
        problems += _future(catalogue, today)
    return catalogue, problems


def read_entry(schema: Schema, ctype: ContentType, file: ContentFile, docs_dir: Path) -> Read:
    """One content file of `ctype` parsed and validated: its entry (None when it has errors), and what was wrong."""
    source = read_source(file.data, f"{docs_dir.name}/{file.src_uri}", {f.key: f.name for f in ctype.fields})
    if isinstance(source, Problem):
        return Read(None, [source])
    entry, problems = _entry(schema, ctype, source, file.src_uri, docs_dir)
    return Read(entry, problems, "" if entry else str(source.meta.get("index_no") or "").strip())


def _entry(schema: Schema, ctype: ContentType, source: Source, src_uri: str,
           docs_dir: Path) -> tuple[Entry | None, list[Problem]]:
    values, problems = validate(Context(schema, source, src_uri, docs_dir), ctype)
    if any(p.level == "error" for p in problems):
        return None, problems
    entry = Entry(ctype, src_uri, source.path, values, source.body, source.body_line, source.key_lines)
    found = [problem for check in [*_CHECKS, _empty, _unfilled] for problem in check(entry)]
    problems = [*problems, *found]
    if any(p.level == "error" for p in found):
        return None, problems
    names = [a.filename for a in entry.attachments]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        line = source.key_lines.get("attachments")
        return None, [*problems, Problem(source.path, f"附件文件名重复（{'、'.join(twice)}）：同一条目的附件发布在同一目录下，"
                                                      "文件名须各不相同，请重命名其中一个。", line)]
    return entry, problems


EntryCheck = Callable[[Entry], list[Problem]]
_CHECKS: list[EntryCheck] = []  # registered by content types (gongkai.types) for their entries


def register(check: EntryCheck) -> None:
    """A check of whole entries (their fields together), run on every entry read."""
    _CHECKS.append(check)


_METADATA = frozenset({"text", "date", "enum", "list", "reference", "index", "category", "publisher", "integer", "url",
                       "paths"})  # field types that describe a document; any other (files, tables, items) holds content
# What a body may hold that a reader cannot read: comments, tags, entities, headings' marks, rules, spaces.
_NOTHING = re.compile(r"<!--.*?-->|<[^>]*>|&[a-z]+;|&#\w+;|^\s*(?:#+|[-*_]{3,})\s*$|^\s*#+\s|\s+", re.DOTALL | re.MULTILINE)


def _empty(entry: Entry) -> list[Problem]:
    """An entry with nothing to read but a heading: no body, no attachment, no other content."""
    lines = [line for line in entry.body.split("\n") if not line.lstrip().startswith("#")]  # headings alone say nothing
    if _NOTHING.sub("", "\n".join(lines)) or any(f.type not in _METADATA and f.key in entry.values for f in entry.ctype.fields):
        return []
    return [Problem(entry.path, "这个条目没有正文，也没有附件，公开后页面上只有标题和元数据。请在第二个“---”之后写正文，"
                                "或在 attachments 中列出文件。", entry.body_line, "warning")]


PLACEHOLDER = "【待填写："  # what `gongkai new` leaves in a body for the editor to replace


def _unfilled(entry: Entry) -> list[Problem]:
    """Each prompt of `gongkai new` still in the body: it would be published as it is."""
    return [Problem(entry.path, f"正文中还有提示文字「{line.strip()[:30]}」，请把它换成实际内容后再提交。", entry.body_line + n)
            for n, line in enumerate(entry.body.split("\n")) if PLACEHOLDER in line]


def _duplicates(entries: list[Entry]) -> list[Problem]:
    seen: dict[str, Entry] = {}
    problems = []
    for e in sorted(entries, key=lambda e: e.src_uri):
        first = seen.setdefault(e.index_no, e)
        if first is not e:
            problems.append(Problem(e.path, f"索引号「{e.index_no}」重复：{first.path} 与 {e.path} 使用了同一个索引号。"
                                            "索引号是条目的永久编号，必须唯一，请为后加入的条目分配新的索引号。",
                                    e.key_lines.get("index_no")))
    return problems


def _unique(entries: list[Entry]) -> list[Entry]:
    return list({e.index_no: e for e in sorted(entries, key=lambda e: e.src_uri, reverse=True)}.values())


def working_days(start: dt.date, end: dt.date, schema: Schema) -> int:
    """Working days after `start` up to and including `end`, by catalogue.yml's calendar."""
    days = [start + dt.timedelta(n) for n in range(1, (end - start).days + 1)]
    return sum(1 for d in days if (d.weekday() < 5 and d not in schema.holidays) or d in schema.workdays)


def _late(catalogue: Catalogue) -> list[Problem]:
    """References with a deadline: an interpretation published too long after its policy."""
    problems = []
    for e in catalogue.entries:
        for key, target_no in e.references.items():
            field, target = e.ctype.field(key), catalogue.get(target_no)
            if field.max_delay_days is None or target is None:
                continue
            if e.date < target.date:
                problems.append(Problem(e.path, f"发布日期（{e.date}）早于所引用的「{target.title}」的发布日期（{target.date}），"
                                                "请核对日期。", e.key_lines.get("date"), level="warning"))
                continue
            late = working_days(target.date, e.date, catalogue.schema)
            if late > field.max_delay_days:
                problems.append(Problem(e.path, f"发布日期（{e.date}）比所引用的「{target.title}」的发布日期（{target.date}）晚 "
                                                f"{late} 个工作日，超过了规定的 {field.max_delay_days} 个工作日"
                                                f"（catalogue.yml 中{field.name}的 max_delay_days）。请与其同步发布。"
                                                + _uncharted(target.date, e.date, catalogue.schema),
                                        e.key_lines.get("date"), level="warning"))
    return problems


FUTURE_GRACE = dt.timedelta(days=1)  # a build's clock may be a day behind Beijing (UTC+8) in the morning


def _future(catalogue: Catalogue, today: dt.date) -> list[Problem]:
    """Entries published after today (they would top the home page and the feeds before their day), or
    withdrawn after today (they would be taken down at once, not on their day)."""
    problems = [Problem(e.path, f"发布日期（{e.date}）晚于今天（{today}）：网站不能提前发布信息，否则它会提前出现在首页和订阅中。"
                                "请核对日期；如需到期发布，请在发布当天再提交。", e.key_lines.get("date"))
                for e in catalogue.entries if e.date > today + FUTURE_GRACE]
    return problems + [Problem(e.path, f"撤回日期（{withdrawn}）晚于今天（{today}）：填写撤回日期后条目会立即撤下，而不是到那一天。"
                                       "请到撤回当天再填写。", e.key_lines.get(WITHDRAWN))
                       for e in catalogue.entries if (withdrawn := e.values.get(WITHDRAWN)) and withdrawn > today + FUTURE_GRACE]


def _uncharted(start: dt.date, end: dt.date, schema: Schema) -> str:
    """A note on the years between `start` and `end` that catalogue.yml's calendar has no holidays for."""
    missing = [str(year) for year in range(start.year, end.year + 1) if year not in schema.calendar_years]
    if not missing:
        return ""
    return (f"（注意：catalogue.yml 的工作日历 calendar.holidays 中没有 {'、'.join(missing)} 年的节假日，"
            "这些年的法定节假日被算作了工作日；请按国务院办公厅当年的节假日安排补充。）")
