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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.core import filetext, personal, redaction
from gongkai.core.catalogue import Catalogue, Cleared, Entry, Memo
from gongkai.core.problems import Problem
from gongkai.core.schema import GateConfig, Schema
from gongkai.core.source import read_source
from gongkai.core.validate import WITHDRAWN as WITHDRAWN_FIELD
from gongkai.core.validate import publishable, strings

FULL = "主动公开"
REDACTED = "删减后公开"
ON_REQUEST = "依申请公开"
WITHHELD = "不予公开"
PUBLIC = (FULL, REDACTED)  # any other 公开属性 value, present or future, is never published
WITHDRAWN, WITHDRAWN_KEY = "已撤回", WITHDRAWN_FIELD
PAGE_TEMPLATES = ("main.html", "home.html")  # what a page outside the catalogue may be shown by
LISTED_KEYS = ("title", "index_no", "category", "publisher", "date", "doc_no", "disclosure")  # 依申请公开 list


@dataclass(frozen=True)
class GateResult:
    published: Catalogue
    on_request: tuple[Entry, ...]  # listed by metadata only, when catalogue.yml asks for it
    withheld: dict[str, int]  # entries kept back, per 公开属性
    redactions: int  # spans cut
    problems: list[Problem]


def apply(catalogue: Catalogue, config: GateConfig, memo: Memo | None = None) -> GateResult:
    """What may be published; `memo` keeps each entry's outcome for the next call (the preview)."""
    published: list[Entry] = []
    problems: list[Problem] = []
    withheld: Counter[str] = Counter()
    redactions = 0
    kept = memo.cleared if memo else {}
    now: dict[int, tuple[Entry, Cleared]] = {}
    for entry in catalogue.entries:
        if entry.disclosure == WITHHELD and not config.keep_withheld_files:
            problems.append(_problem(entry, "disclosure", "公开属性为「不予公开」的文件不得放在 content/ 目录中，以免误发布。"
                                     "请将它移出本仓库；如确需保留，请在 catalogue.yml 中设置 gate.keep_withheld_files: true"
                                     "（文件仍不会发布）。"))
        if not clears(entry):  # a withdrawn entry is taken down: its address answers 410 Gone
            withheld[WITHDRAWN if entry.disclosure in PUBLIC else entry.disclosure] += 1
            continue
        outcome, found = (kept.get(id(entry)) or (entry, clearance(entry, config)))[1]
        now[id(entry)] = entry, (outcome, found)
        problems += found
        if outcome:
            published.append(outcome[0])
            redactions += outcome[1]
    if memo:
        memo.cleared = now
    on_request = [_listed(e, config.redaction_marker, problems) for e in catalogue.entries
                  if e.disclosure == ON_REQUEST and config.list_on_request]
    for entry in on_request:
        problems += _scan_values(entry, entry.values, config.allow_numbers)
    cleared = catalogue.subset(published)
    problems += _hidden_references(catalogue, cleared)
    return GateResult(cleared, tuple(on_request), dict(withheld), redactions, problems)


def _listed(entry: Entry, marker: str, problems: list[Problem]) -> Entry:
    """A 依申请公开 entry reduced to the metadata its list may show, redaction markup applied, no body."""
    values = {}
    for key in LISTED_KEYS:
        if key not in entry.values:
            continue
        value = entry.values[key]
        for text, _ in redaction.near_misses(value) if isinstance(value, str) else []:
            problems.append(_mistyped(entry, key, text, entry.key_lines.get(key)))
        try:
            values[key] = redaction.redact(value, marker)[0] if isinstance(value, str) else value
        except redaction.RedactionError as e:
            problems.append(Problem(entry.path, f"{_where(entry, key)}删减标记不完整：{e}", entry.key_lines.get(key)))
            values[key] = marker
    return dataclasses.replace(entry, values=values, body="")


def _mistyped(entry: Entry, key: str, text: str, line: int | None) -> Problem:
    return Problem(entry.path, f"{_where(entry, key)}中的「{text}」疑似删减标记，但写法不对，不会起作用。"
                               f"删减标记须写成 {redaction.OPEN}…{redaction.CLOSE}（英文半角方括号，中间没有空格）。", line)


def _hidden_references(catalogue: Catalogue, published: Catalogue) -> list[Problem]:
    """A published entry may only point at published entries: a link to a withheld one would reveal it."""
    problems = []
    for entry in published.entries:
        for key, target in entry.references.items():
            if catalogue.get(target) is not None and published.get(target) is None:
                problems.append(Problem(entry.path, f"字段{entry.ctype.field(key).name}引用的条目「{target}」不公开，"
                                        "公开的条目只能引用公开的条目。请改为引用公开的文件，或删去这一行。",
                                        entry.key_lines.get(key)))
    return problems


def clears(entry: Entry) -> bool:
    """Whether `apply` clears the entry for publication (scanning it): a public one, not withdrawn."""
    return entry.disclosure in PUBLIC and not entry.values.get(WITHDRAWN_KEY)


def clearance(entry: Entry, config: GateConfig) -> Cleared:
    """A public entry as it may be published (None when its markup is broken), and what it showed."""
    problems: list[Problem] = []
    outcome = _clear(entry, config.redaction_marker, problems)
    if outcome:
        # Scan the original body with its spans blanked out, so that hits keep their line numbers.
        body = redaction.blank(entry.body) if entry.disclosure == REDACTED else entry.body
        problems += scan_entry(outcome[0], body, config.allow_numbers)
    return outcome, problems


def _clear(entry: Entry, marker: str, problems: list[Problem]) -> tuple[Entry, int] | None:
    """The entry as it may be published, with the number of spans cut; None when its markup is broken."""
    texts = {"body": entry.body, **{k: "\n".join(strings(v)) for k, v in entry.values.items() if strings(v)}}
    broken = [(k, text, line) for k, v in texts.items() for text, line in redaction.near_misses(v)]
    problems += [_mistyped(entry, key, text, _line(entry, key, line)) for key, text, line in broken]
    titles = [a.title for a in entry.attachments if redaction.has_markup(a.title)]
    if titles:
        problems.append(Problem(entry.path, "附件名称中不能使用删减标记；请直接把附件名称改为可以公开的文字。",
                                entry.key_lines.get("attachments")))
    if broken or titles:
        return None
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
    values, body, count, lines = dict(entry.values), entry.body, 0, entry.body_lines
    for key in marked:
        # Spans are cut string by string: a span may cross lines of the body, never two list items.
        pieces = [entry.body] if key == "body" else strings(values[key])
        try:
            count += sum(len(redaction.spans(piece)) for piece in pieces)
        except redaction.RedactionError as e:
            line = _line(entry, key, e.line) if key == "body" else entry.key_lines.get(key)
            problems.append(Problem(entry.path, f"{_where(entry, key)}删减标记不完整：{e}", line))
            return None
        if key == "body":
            body, lines = redaction.redact(body, marker)[0], redaction.kept_lines(body)
        else:
            values[key] = _map_strings(values[key], lambda s: redaction.redact(s, marker)[0])
    return dataclasses.replace(entry, values=values, body=body, body_lines=lines), count


def scan_entry(entry: Entry, body: str, allowed: Iterable[str]) -> list[Problem]:
    """Personal data in a cleared entry's metadata and in its body as published."""
    problems = [_hit_problem(entry.path, hit, entry.body_line + hit.line - 1)
                for hit in personal.scan(body, allowed)]
    return problems + _scan_values(entry, entry.values, allowed)


def scan_rendered(path: str, text: str, allowed: Iterable[str], entry: bool = False) -> list[Problem]:
    """Personal data that only appears once the page is rendered (`text`: `htmlsafety.page_text` of
    its HTML and its addresses): numbers split by markup or entities, or %-escaped in a link."""
    return [Problem(path, f"{_hit_problem(path, hit, None, entry).message}（这个号码在排版后的网页文字或链接地址中出现，原文可能被加粗、"
                          "链接、HTML 实体或百分号编码分隔开。）", code="personal-data")
            for hit in personal.scan(text, allowed)]


def scan_name(path: str, allowed: Iterable[str]) -> list[Problem]:
    """Personal data in a file's name: it becomes part of a public URL and of the sitemap."""
    return [Problem(path, f"文件名或目录名中{_hit_problem(path, hit, None, entry=False).message}", code="personal-data")
            for hit in personal.scan(path, allowed)]


def scan_text(path: str, text: str, allowed: Iterable[str]) -> list[Problem]:
    """Personal data in any other public text (pages, text attachments), where no redaction applies."""
    return [_hit_problem(path, hit, hit.line, entry=False) for hit in personal.scan(text, allowed)]


def scan_schema(schema: Schema) -> list[Problem]:
    """Personal data in catalogue.yml's texts: category and publisher names, labels and the footer are on
    every page."""
    allowed = schema.gate.allow_numbers
    return [_hit_problem(schema.source, hit, line, entry=False)
            for text, line in schema.texts for hit in personal.scan(text, allowed)]


def check_page(path: str, data: bytes, config: GateConfig) -> list[Problem]:
    """A page outside the catalogue (home, guides): the whole file, metadata included, is public text."""
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        return [Problem(path, "文件不是 UTF-8 编码，请在编辑器中选择“另存为”，编码选“UTF-8”后重新提交。")]
    problems = [Problem(path, f"删减标记只能用于公开属性为「删减后公开」的目录条目；这个页面不是目录条目，「{text_}」会原样发布。"
                              "请删除不能公开的内容。", line)
                for text_, line in [*redaction.near_misses(text), *_markup(text)]]
    if text.startswith("---"):
        # Front matter MkDocs cannot parse is published as text: it must parse, and say nothing non-public.
        source = read_source(data, path)
        if isinstance(source, Problem):
            problems += [] if source.code == "no-front-matter" else [source]  # a leading "---" may be a rule
        else:
            problems += check_page_meta(path, source.meta, source.key_lines)
    return problems + scan_name(path, config.allow_numbers) + scan_text(path, text, config.allow_numbers)


def check_page_meta(path: str, meta: Mapping[str, Any], lines: Mapping[str, int] | None = None) -> list[Problem]:
    """A page outside the catalogue cannot be withheld (公开属性 works only for catalogue entries), and it
    is shown by a page template (the theme's others make the catalogue's pages, a redirect, a feed…).

    The plugin also runs it on the metadata as MkDocs itself parsed it, so no front-matter variant
    slips past."""
    lines = lines or {}
    problems = []
    disclosure = str(meta.get("disclosure", FULL)).strip()
    if disclosure != FULL:
        problems.append(Problem(path, f"这个页面的公开属性是「{disclosure}」，但它不在目录条目的目录中，无法按公开属性处理。"
                                      "非主动公开的信息只能作为目录条目提交；如这个页面可以公开，请删去 disclosure 这一行。",
                                lines.get("disclosure")))
    if "index_no" in meta:
        problems.append(Problem(path, "这个页面写有索引号（index_no），是一条目录条目，但它不在目录条目的文件夹中，会被当作普通页面发布："
                                      "没有文件信息表，也不会列入目录。请把它移到其内容类型的文件夹，如政府信息公开目录条目放在 "
                                      "content/xxgk/ 下，办事指南放在 content/bszn/ 下（见编辑指南）。", lines.get("index_no")))
    template = meta.get("template")
    if template is not None and template not in PAGE_TEMPLATES:
        problems.append(Problem(path, f"模板（template）「{template}」不能用于普通页面；普通页面可用 {'、'.join(PAGE_TEMPLATES)}"
                                      "（首页用 home.html）。不写 template 这一行即使用默认的 main.html。", lines.get("template")))
    return problems


_JUNK = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})  # files Windows leaves in folders


def temporary(path: str) -> bool:
    """A file Windows or Office leaves beside an editor's files: a thumbnail cache, a document's lock."""
    name = path.rsplit("/", 1)[-1]
    return name.lower() in _JUNK or name.startswith("~$")


def temporary_file(path: str) -> Problem:
    return Problem(path, "这是 Windows 或 Office 自动生成的临时文件（缩略图缓存、打开文档时的锁定文件），不是网站内容。"
                         "请删除它；提交前可以先关闭 Word、Excel 等程序。")


def check_static(path: str, data: bytes, config: GateConfig) -> list[Problem]:
    """Any other file that will be copied into site/ (images, CSVs, attachments), its text read as a
    reader would find it (filetext.py)."""
    if temporary(path):
        return [temporary_file(path)]
    if not publishable(path):
        return [Problem(path, "这种类型的文件不能放在 content/ 中：只能发布 PDF、OFD、Word、WPS、Excel、CSV、TXT、图片、"
                              "音视频和压缩包；Markdown 文件的扩展名须为小写 .md（网页、脚本、SVG、XML 等可能含有可执行代码，"
                              "网站样式和图标请放在 overrides/ 中）。请删除或转换这个文件。")]
    found = filetext.of(path, data)
    unread = [Problem(path, f"{found.unread}，因此无法检查其中是否有公民个人信息。请换用可以读取文字的文件（如未加密的 PDF），"
                            "或由审核人逐页确认后再发布。", level="warning")] if found.unread else []
    hits = scan_text(path, found.text, config.allow_numbers)
    return unread + scan_name(path, config.allow_numbers) + [p if found.lines else dataclasses.replace(p, line=None)
                                                             for p in hits]


def _markup(text: str) -> list[tuple[str, int]]:
    return [(m.group(), text.count("\n", 0, m.start()) + 1) for m in redaction.TAG.finditer(text)]


def _scan_values(entry: Entry, values: dict[str, Any], allowed: Iterable[str]) -> list[Problem]:
    problems = []
    for key, value in values.items():
        text = "\n".join(strings(value, with_files=True))
        if text:
            problems += [_hit_problem(entry.path, hit, entry.key_lines.get(key)) for hit in personal.scan(text, allowed)]
    return problems


def _hit_problem(path: str, hit: personal.Hit, line: int | None, entry: bool = True) -> Problem:
    """A hit, with the fixes open to the file's editor: only a catalogue entry can be redacted."""
    redact = f"，或用 {redaction.OPEN}…{redaction.CLOSE} 删减并把公开属性设为「删减后公开」" if entry else ""
    return Problem(path, f"发现疑似{hit.kind}「{hit.masked}」。公开内容不得含有公民个人信息：请删除{redact}。如这是应当公开的号码"
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


def _map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, (tuple, list)):
        return tuple(_map_strings(v, fn) for v in value)
    if isinstance(value, dict):
        return {k: _map_strings(v, fn) for k, v in value.items()}
    return value
