"""The disclosure gate (保密审查): what may be published, and in what form.

The gate stands between the catalogue model and every output. It returns a new catalogue that
holds only publishable entries — 主动公开 in full, 删减后公开 with its redacted spans already cut
from the body and the metadata — so nothing downstream (pages, directory counts, attachments,
search, feeds, sitemap, exports) can see what was withheld. It then scans everything it lets
through for personal data.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from . import personal, redaction
from .catalogue import Catalogue, Entry
from .problems import Problem
from .schema import GateConfig
from .source import read_source

FULL = "主动公开"
REDACTED = "删减后公开"
ON_REQUEST = "依申请公开"
WITHHELD = "不予公开"
PUBLIC = (FULL, REDACTED)  # any other 公开属性 value, present or future, is never published


@dataclass(frozen=True)
class GateResult:
    published: Catalogue
    on_request: tuple[Entry, ...]  # listed by metadata only, when catalogue.yml asks for it
    withheld: dict[str, int]  # entries kept back, per 公开属性
    redactions: int  # spans cut
    problems: list[Problem]


def apply(catalogue: Catalogue, config: GateConfig) -> GateResult:
    published: list[Entry] = []
    problems: list[Problem] = []
    withheld: Counter[str] = Counter()
    redactions = 0
    for entry in catalogue.entries:
        if entry.disclosure == WITHHELD and not config.keep_withheld_files:
            problems.append(_problem(entry, "disclosure", "公开属性为「不予公开」的文件不得放在 content/ 目录中，以免误发布。"
                                     "请将它移出本仓库；如确需保留，请在 catalogue.yml 中设置 gate.keep_withheld_files: true"
                                     "（文件仍不会发布）。"))
        if entry.disclosure not in PUBLIC:
            withheld[entry.disclosure] += 1
            continue
        cleared = _clear(entry, config.redaction_marker, problems)
        if cleared:
            published.append(cleared[0])
            redactions += cleared[1]
            # Scan the original body with its spans blanked out, so that hits keep their line numbers.
            body = redaction.blank(entry.body) if entry.disclosure == REDACTED else entry.body
            problems += scan_entry(cleared[0], body, config.allow_numbers)
    on_request = tuple(e for e in catalogue.entries if e.disclosure == ON_REQUEST) if config.list_on_request else ()
    for entry in on_request:
        problems += _scan_values(entry, listed_metadata(entry), config.allow_numbers)
    return GateResult(catalogue.subset(published), on_request, dict(withheld), redactions, problems)


def listed_metadata(entry: Entry) -> dict[str, Any]:
    """The only fields of a 依申请公开 entry that its list may show."""
    return {k: entry.values[k] for k in ("title", "index_no", "publisher", "date", "doc_no") if k in entry.values}


def _clear(entry: Entry, marker: str, problems: list[Problem]) -> tuple[Entry, int] | None:
    """The entry as it may be published, with the number of spans cut; None when its markup is broken."""
    texts = {"body": entry.body, **{k: v for k, v in entry.values.items() if isinstance(v, str)},
             **{k: "\n".join(v) for k, v in entry.values.items() if _is_text_list(v)}}
    marked = [k for k, v in texts.items() if redaction.has_markup(v)]
    if entry.disclosure == FULL:
        for key in marked:
            problems.append(Problem(entry.path, f"{_where(entry, key)}含有删减标记 {redaction.OPEN}，但公开属性是「主动公开」。"
                                     "需要删减的信息，公开属性应设为「删减后公开」；否则请去掉删减标记。", _line(entry, key)))
        return None if marked else (entry, 0)
    if not marked:
        problems.append(_problem(entry, "disclosure", f"公开属性为「删减后公开」，但正文和元数据中都没有删减标记。请用 "
                                 f"{redaction.OPEN}…{redaction.CLOSE} 标出不予公开的内容；如无需删减，请改为「主动公开」。"))
        return None
    values, body, count = dict(entry.values), entry.body, 0
    for key in marked:
        try:
            text, n = redaction.redact(texts[key], marker)
        except redaction.RedactionError as e:
            problems.append(Problem(entry.path, f"{_where(entry, key)}删减标记不完整：{e}", _line(entry, key, e.line)))
            return None
        count += n
        if key == "body":
            body = text
        elif isinstance(values[key], str):
            values[key] = text
        else:
            values[key] = tuple(text.split("\n"))
    return dataclasses.replace(entry, values=values, body=body), count


def scan_entry(entry: Entry, body: str, allowed: Iterable[str]) -> list[Problem]:
    """Personal data in a cleared entry's metadata and in its body as published."""
    problems = [_hit_problem(entry.path, hit, entry.body_line + hit.line - 1)
                for hit in personal.scan(body, allowed)]
    return problems + _scan_values(entry, entry.values, allowed)


def scan_text(path: str, text: str, allowed: Iterable[str], first_line: int = 1) -> list[Problem]:
    """Personal data in any other public text (pages, text attachments)."""
    return [_hit_problem(path, hit, first_line + hit.line - 1) for hit in personal.scan(text, allowed)]


def check_page(path: str, data: bytes, config: GateConfig) -> list[Problem]:
    """A page outside the catalogue (home, guides): it must be public and free of personal data."""
    source = read_source(data, path)
    if isinstance(source, Problem):
        if source.code != "no-front-matter":
            return [source]
        return scan_text(path, data.decode("utf-8-sig"), config.allow_numbers)
    disclosure = source.meta.get("disclosure", FULL)
    if disclosure != FULL:
        return [Problem(path, f"这个页面的公开属性是「{disclosure}」，但它不在目录条目的目录中，无法按公开属性处理。"
                              "非主动公开的信息只能作为目录条目提交；如这个页面可以公开，请删去 disclosure 这一行。",
                        source.key_lines.get("disclosure"))]
    return scan_text(path, source.body, config.allow_numbers, source.body_line)


def scan_attachment(path: str, data: bytes, config: GateConfig) -> list[Problem]:
    """Text attachments (CSV, TXT, HTML…) are scanned like pages; binary ones cannot be read here."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return []
    return scan_text(path, text, config.allow_numbers)


def _scan_values(entry: Entry, values: dict[str, Any], allowed: Iterable[str]) -> list[Problem]:
    problems = []
    for key, value in values.items():
        text = value if isinstance(value, str) else "\n".join(value) if _is_text_list(value) else None
        if text:
            problems += [_hit_problem(entry.path, hit, entry.key_lines.get(key)) for hit in personal.scan(text, allowed)]
    return problems


def _hit_problem(path: str, hit: personal.Hit, line: int | None) -> Problem:
    return Problem(path, f"发现疑似{hit.kind}「{hit.masked}」。公开内容不得含有公民个人信息：请删除，或用 "
                         f"{redaction.OPEN}…{redaction.CLOSE} 删减并把公开属性设为「删减后公开」。如这是应当公开的号码"
                         "（如服务电话），请把它加入 catalogue.yml 的 gate.allow_numbers。", line, code="personal-data")


def _problem(entry: Entry, key: str, message: str) -> Problem:
    return Problem(entry.path, message, entry.key_lines.get(key))


def _line(entry: Entry, key: str, within: int | None = None) -> int | None:
    """The file line of a field, or of a line within the body (by default, its first markup)."""
    if key != "body":
        return entry.key_lines.get(key)
    if within is None:
        within = entry.body.count("\n", 0, entry.body.find(redaction.OPEN) if redaction.OPEN in entry.body
                                   else entry.body.find(redaction.CLOSE)) + 1
    return entry.body_line + within - 1


def _where(entry: Entry, key: str) -> str:
    if key == "body":
        return "正文"
    return f"字段{entry.ctype.field(key).name}"


def _is_text_list(value: Any) -> bool:
    return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
