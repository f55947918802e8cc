"""One import from start to end: the source read, import.yml applied, every record converted (on
every core when they are many: the HTML conversion is most of an import's time), the result planned
against content/, checked by the core in staging, and written unless it is a dry run.

Nothing raises to the command line: a source or an import.yml that cannot be used ends the run as
`Outcome.fatal`, a Chinese sentence; a record that fails is a row of the report.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from tqdm import tqdm

from gongkai.core import workers
from gongkai.core.files import ContentFile
from gongkai.core.problems import Problem
from gongkai.core.schema import ContentType, Schema
from gongkai.importing import mapping as mappings
from gongkai.importing import pages, table, writing
from gongkai.importing.entries import Draft, Setting, convert
from gongkai.importing.mapping import Mapping, MappingError, label
from gongkai.importing.records import Record, SourceError
from gongkai.importing.writing import Planned, Status

TABLE, PAGES = "table", "pages"
T = TypeVar("T")


@dataclass(frozen=True)
class Request:
    kind: str  # TABLE or PAGES
    source: Path
    shown: str  # the source as messages name it
    project: Path
    docs_dir: Path
    schema: Schema
    files: list[ContentFile]  # content/ as it is
    mapping: Path | None  # import.yml, when there is one
    dry_run: bool = False
    clean: bool = False  # besides import.yml's `clean`
    overwrite: bool = False  # replace imported files an editor has changed since
    type_key: str = "entry"  # without import.yml
    progress: bool = False  # show progress bars on standard error


@dataclass
class Outcome:
    request: Request
    described: str = ""  # what was read: a sheet, an encoding
    mapping: Mapping | None = None
    records: int = 0
    drafts: list[Draft] = field(default_factory=list)
    planned: list[Planned] = field(default_factory=list)
    others: list[Problem] = field(default_factory=list)  # content/'s own problems, there before the import
    notes: list[str] = field(default_factory=list)  # about the source as a whole
    fatal: str = ""  # why nothing could be imported
    stopped: bool = False  # on_error: stop, and a row failed
    written: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[tuple[Draft, list[str]]]:
        """Every record that is not imported for a fault (不予公开 is not one), with what is wrong."""
        out = [(d, list(d.errors)) for d in self.drafts if d.errors and not d.withheld]
        for item in self.planned:
            if item.problems:
                said = [_problem_text(item, p) for p in item.problems]
                out.append((item.draft, [*said[:-1], f"{said[-1]}（请在原数据或 import.yml 中改正后重新导入。）"]))
            elif item.status is Status.CLASH:
                out.append((item.draft, [f"索引号「{item.draft.index_no}」已被现有条目 {self.request.docs_dir.name}/{item.target} "
                                         "使用（不是导入的文件），这一行未导入。请核对索引号。"]))
        return sorted(out, key=lambda pair: pair[0].order)

    @property
    def imported(self) -> list[Planned]:
        """What the import brings (or, dry, would bring) into content/, or has already brought."""
        return [p for p in self.planned if not p.problems and p.status in (Status.NEW, Status.UPDATED, Status.SAME)]


def _problem_text(item: Planned, problem: Problem) -> str:
    """A core problem told of the row: which field or which line of the body, never the file's line."""
    where = ""
    lines = item.text.split("\n")
    end = lines.index("---", 1) + 1 if "---" in lines[1:] else 0
    if problem.line and problem.line > end:
        where = f"正文第 {problem.line - end - 1} 行：" if problem.line - end > 1 else "正文："
    attachment = "" if problem.file.endswith(item.target) else f"附件 {problem.file.rsplit('/', 1)[-1]}："
    return f"{attachment}{where}{problem.message}"


def run(request: Request) -> Outcome:
    outcome = Outcome(request)
    started = time.perf_counter()
    try:
        _run(request, outcome)
    except (SourceError, MappingError) as e:
        outcome.fatal = str(e)
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run(request: Request, outcome: Outcome) -> None:
    given = mappings.load(request.mapping, request.mapping.name, request.schema) if request.mapping else None
    outcome.mapping = given
    records, headers = _read(request, given, outcome)
    ctype = _ctype(request, given)
    mapping = given or Mapping(type=ctype.key, columns=mappings.guess(headers, ctype))
    outcome.mapping = mapping
    columns = _columns(mapping, headers, request, given is not None)
    _covered(ctype, columns, mapping)
    setting = Setting(request.schema, ctype, mapping, columns, request.clean or mapping.clean, request.kind == TABLE)
    outcome.records = len(records)
    outcome.drafts = _convert_all(records, setting, request.progress)
    existing = writing.present(request.schema, request.files, request.docs_dir)
    outcome.planned = writing.plan(outcome.drafts, existing, request.overwrite)
    if request.progress:
        tqdm.write("正在按构建的规则检查（校验、公开审查、个人信息检查）……", file=sys.stderr)
    outcome.others = writing.check(outcome.planned, request.schema, request.files, request.docs_dir, request.project)
    outcome.stopped = mapping.on_error == mappings.STOP and bool(outcome.failed)
    if not request.dry_run and not outcome.stopped:
        outcome.written = writing.write(outcome.planned, request.docs_dir, _bar(request.progress, "写入", "条"))


def _read(request: Request, mapping: Mapping | None, outcome: Outcome) -> tuple[list[Record], list[str]]:
    if request.kind == TABLE:
        found = table.read_table(request.source, request.shown, mapping.sheet if mapping else 0,
                                 mapping.header_row if mapping else 0, mapping.encoding if mapping else "")
        outcome.described = f"{found.described}，表头在第 {found.header_row} 行"
        return found.records, found.headers
    rules = mapping.pages if mapping else mappings.PageRules()
    labels = [name for name, keys in (mapping.columns if mapping else {}).items()
              if keys and not {mappings.BODY, "attachments", "previous_urls"} & set(keys)]
    records, notes = pages.read_pages(request.source, request.shown, rules, labels)
    outcome.notes += notes
    outcome.described = f"{len(records)} 个文章页面"
    return records, list(dict.fromkeys(key for record in records for key in record.cells))


def _ctype(request: Request, mapping: Mapping | None) -> ContentType:
    key = mapping.type if mapping else request.type_key
    if key not in request.schema.types:
        raise MappingError(f"没有内容类型「{key}」；可用：{'、'.join(f'{k}（{t.label}）' for k, t in request.schema.types.items())}。")
    return request.schema.types[key]


def _columns(mapping: Mapping, headers: list[str], request: Request, given: bool) -> dict[str, tuple[str, ...]]:
    """The source's own names → field keys, import.yml's names matched however they are spaced."""
    by_label = {label(name): keys for name, keys in mapping.columns.items()}
    if given and request.kind == TABLE:
        present = {label(h) for h in headers}
        missing = [name for name, keys in mapping.columns.items() if keys and label(name) not in present]
        if missing:
            raise SourceError(f"{mapping.source} 的 columns 中的列「{'、'.join(missing)}」在 {request.shown} 中没有。"
                              f"表格的列有：{'、'.join(headers)}。请改正 columns 中的列名，或删去这些行。")
    return {h: by_label.get(label(h), ()) for h in headers}


def _covered(ctype: ContentType, columns: dict[str, tuple[str, ...]], mapping: Mapping) -> None:
    """Every required field has a column or a default; else no row could be imported."""
    mapped = {key for keys in columns.values() for key in keys} | mapping.defaults.keys()
    missing = [f for f in ctype.fields if f.required and f.key not in mapped and f.key != "disclosure"
               and f.type not in ("objects", "annual_report")]
    if missing:
        names = "、".join(f"「{f.label}」（{f.key}）" for f in missing)
        raise SourceError(f"没有对应{names}的列：这些是{ctype.label}的必填字段。请在 import.yml 的 columns 中把相应的列"
                          "对应到这些字段，或在 defaults 中给出默认值（可先运行 gongkai import init 生成 import.yml）。"
                          f"源数据中的列有：{'、'.join(columns) or '（无）'}。")


def _convert_all(records: list[Record], setting: Setting, progress: bool) -> list[Draft]:
    """Every record converted, on every core when they are many, with a progress bar."""
    bar = tqdm(total=len(records), desc="转换", unit="行", disable=not progress, leave=False)
    if len(records) < 2 * workers.SHARE_FROM:
        drafts = []
        for record in records:
            drafts.append(convert(record, setting))
            bar.update()
        bar.close()
        return drafts
    done = multiprocessing.get_context("fork").Value("i", 0)

    def job(index: int) -> Draft:
        draft = convert(records[index], setting)
        with done.get_lock():
            done.value += 1
        return draft

    team = workers.Team([job], len(records))
    finished = threading.Event()
    watcher = threading.Thread(target=_follow, args=(bar, done, finished), daemon=True)
    watcher.start()
    try:
        results: list[Draft] = team.run(0)
    finally:
        team.close()
        finished.set()
        watcher.join()
        bar.close()
    return results


def _follow(bar: Any, done: Any, finished: threading.Event) -> None:
    while not finished.wait(0.2):
        bar.update(done.value - bar.n)
    bar.update(done.value - bar.n)
    bar.refresh()  # the last count shown, however soon it came


def _bar(progress: bool, what: str, unit: str) -> Callable[[Iterable[T]], Iterable[T]]:
    def wrap(items: Iterable[T]) -> Iterable[T]:
        return tqdm(items, desc=what, unit=unit, disable=not progress, leave=False)
    return wrap


def init(kind: str, source: Path, shown: str, schema: Schema, type_key: str) -> str:
    """The text of a new import.yml for `source`; raises SourceError or MappingError."""
    if type_key not in schema.types:
        raise MappingError(f"没有内容类型「{type_key}」；可用：{'、'.join(f'{k}（{t.label}）' for k, t in schema.types.items())}。")
    ctype = schema.types[type_key]
    if kind == TABLE:
        found = table.read_table(source, shown)
        records, headers = found.records, found.headers
    else:
        records, _ = pages.read_pages(source, shown, mappings.PageRules())
        headers = list(dict.fromkeys(key for record in records for key in record.cells))
    columns = mappings.guess(headers, ctype)
    seen: dict[str, list[str]] = {}
    for key in mappings.VALUE_FIELDS:
        seen[key] = sorted(_values(records, columns, key))[:500]
    index = next((v for v in sorted(_values(records, columns, "index_no")) if not schema.index_pattern.match(v)), "")
    folder = _attachment_folder(records, columns, source.parent) if kind == TABLE else ""
    return mappings.render(shown, ctype, schema, columns, mappings.Seen(seen, index, folder), kind == PAGES)


def _values(records: list[Record], columns: dict[str, tuple[str, ...]], key: str) -> set[str]:
    names = [h for h, keys in columns.items() if key in keys]
    return {str(r.cells.get(n, "")).strip() for r in records for n in names} - {""}


ATTACHMENT_FOLDERS = ("", "附件", "attachments", "files", "fujian")  # where exports usually put the files


def _attachment_folder(records: list[Record], columns: dict[str, tuple[str, ...]], folder: Path) -> str:
    """The folder beside the table that holds the first attachment named, if any does."""
    named = sorted(_values(records, columns, "attachments"))
    first = re.split(r"[；;\n]", named[0])[0].rpartition("|")[2].strip() if named else ""
    return next((name for name in ATTACHMENT_FOLDERS if first and (folder / name / first).is_file()), "")
