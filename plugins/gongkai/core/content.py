"""Everything in content/ read, validated and passed through the disclosure gate in one pass.

This is what the plugin builds from, and it needs no MkDocs: a command that only checks content
runs the same function. Files in the catalogue's folders (content types, and the kinds of content
types register, such as the power list) are "owned": they never reach MkDocs as they are; every other file is checked as public.

The work done file by file (parsing, validating, the gate's scans: two thirds of a load) is done
on every core when there are many files (workers.py), into the memo that the preview keeps between
loads: reading the catalogue and applying the gate then find each file's outcome there.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongkai.core import gate, siteinfo, validate, workers
from gongkai.core.catalogue import Catalogue, Cleared, Memo, Read, load_catalogue, read_entry
from gongkai.core.files import ContentFile
from gongkai.core.problems import Problem
from gongkai.core.schema import ContentType, Schema

# Where the build writes files of its own in the site: content there would be overwritten.
CATALOGUE_JSON, CATALOGUE_CSV, FEEDS = "catalogue.json", "catalogue.csv", "feeds"


@dataclass(frozen=True)
class Kind:
    """Content a type reads itself, from a folder of its own (the power list's YAML files): `load` gives
    what it made of the folder's files, and every problem with them."""
    name: str
    folder: Callable[[Schema], str | None]  # the folder, when catalogue.yml declares this kind
    load: Callable[[Schema, list[ContentFile], Path], tuple[Any, list[Problem]]]


KINDS: dict[str, Kind] = {}  # by name, registered by gongkai.types


def register(kind: Kind) -> None:
    KINDS[kind.name] = kind


@dataclass(frozen=True)
class Content:
    catalogue: Catalogue  # everything valid, before the gate
    result: gate.GateResult  # what may be published
    kinds: dict[str, Any]  # what each registered kind loaded, by name
    problems: list[Problem]
    sources: tuple[str, ...] = ()  # every file loaded (src_uri)
    files: tuple[ContentFile, ...] = ()  # every file read (what the inspection reads beside the catalogue)


def _kind_folders(schema: Schema) -> dict[str, Kind]:
    return {folder: kind for kind in KINDS.values() if (folder := kind.folder(schema))}


def owned_folders(schema: Schema) -> set[str]:
    return {t.folder for t in schema.types.values()} | _kind_folders(schema).keys()


def is_owned(schema: Schema, src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in owned_folders(schema)


def load_content(schema: Schema, files: list[ContentFile], docs_dir: Path, memo: Memo | None = None,
                 today: dt.date | None = None) -> Content:
    """`memo` (same schema and docs_dir each time) spares unchanged files their parsing and checks; with
    `today`, entries published after it are errors."""
    folders = owned_folders(schema)
    links = validate.linked(docs_dir, [f.src_uri for f in files])
    # Symbolic links would publish what they point at, past every folder rule.
    problems = [Problem(_shown(docs_dir, f), "content/ 中不能使用符号链接（快捷方式）：这个文件本身或它所在的目录是链接。"
                                             "请放入文件本身，或删除这个链接。") for f in files if f.src_uri in links]
    owned = [f for f in files if f.src_uri.split("/", 1)[0] in folders]
    others = [f for f in files if f.src_uri.split("/", 1)[0] not in folders]
    memo = memo if memo is not None else Memo()
    _on_every_core(schema, [f for f in owned if f.page], docs_dir, memo)
    catalogue, found = load_catalogue(schema, [f for f in owned if f.page], docs_dir, memo, today)
    problems += found
    result = gate.apply(catalogue, schema.gate, memo)
    problems += result.problems
    kinds: dict[str, Any] = {}
    in_kinds: list[ContentFile] = []
    for folder, kind in _kind_folders(schema).items():
        mine = [f for f in owned if f.src_uri.startswith(f"{folder}/")]
        kinds[kind.name], found = kind.load(schema, mine, docs_dir)
        problems += found
        in_kinds += mine
    problems += _misnamed(files, docs_dir)
    if not any(p.level == "error" for p in problems):  # an entry with errors lists no files: no false alarms
        problems += _stray([f for f in owned if not f.page and f not in in_kinds], catalogue, docs_dir)
    for f in others:
        check = gate.check_page if f.page else gate.check_static
        problems += check(_shown(docs_dir, f), f.data, schema.gate)
    problems += _generated_names(others, docs_dir) + _missing_images(schema, others, docs_dir) + gate.scan_schema(schema)
    guide = schema.gate.application_guide
    if schema.gate.list_on_request and guide and guide not in {f.src_uri for f in others if f.page}:
        problems.append(Problem("catalogue.yml", f"gate.application_guide 指向的页面「{guide}」在 {docs_dir.name}/ 中不存在"
                                                 "（依申请公开目录要链接到它）；请写 content/ 下的 Markdown 文件路径，如 yishenqing.md。"))
    data = {f.src_uri: f.data for f in owned}
    uris = sorted({a.src_uri for e in result.published.entries for a in e.attachments} & data.keys())
    problems += [p for uri in uris for p in gate.check_static(f"{docs_dir.name}/{uri}", data[uri], schema.gate)]
    return Content(catalogue, result, kinds, problems, tuple(f.src_uri for f in files), tuple(files))


def _on_every_core(schema: Schema, files: list[ContentFile], docs_dir: Path, memo: Memo) -> None:
    """Each entry file `memo` lacks read and cleared in forked processes, into `memo`, when they are many."""
    todo = [(f, ctype) for f in files if (f.src_uri, f.data) not in memo.read
            and (ctype := schema.type_for_folder(f.src_uri.split("/", 1)[0]))]
    if len(todo) < 2 * workers.SHARE_FROM:
        return

    def outcome(index: int) -> bytes:
        file, ctype = todo[index]
        read = read_entry(schema, ctype, file, docs_dir)
        entry = read.entry
        return _dumps((read, gate.clearance(entry, schema.gate) if entry and gate.clears(entry) else None))

    team = workers.Team([outcome], len(todo))
    try:
        found = team.run(0)
    finally:
        team.close()
    for (file, _), data in zip(todo, found, strict=True):
        read, cleared = _loads(data, schema)
        memo.read[(file.src_uri, file.data)] = read
        if read.entry and cleared:
            memo.cleared[id(read.entry)] = read.entry, cleared


class _Pickler(pickle.Pickler):
    """Entries travel back without their content type, which the parent's schema holds: entries of a
    type are told apart by identity."""

    def persistent_id(self, obj: Any) -> str | None:
        return obj.key if isinstance(obj, ContentType) else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, schema: Schema) -> None:
        super().__init__(io.BytesIO(data))
        self.schema = schema

    def persistent_load(self, pid: Any) -> ContentType:
        return self.schema.types[pid]


def _dumps(outcome: tuple[Read, Cleared | None]) -> bytes:
    out = io.BytesIO()
    _Pickler(out, pickle.HIGHEST_PROTOCOL).dump(outcome)
    return out.getvalue()


def _loads(data: bytes, schema: Schema) -> tuple[Read, Cleared | None]:
    loaded: tuple[Read, Cleared | None] = _Unpickler(data, schema).load()
    return loaded


def _shown(docs_dir: Path, f: ContentFile) -> str:
    return f"{docs_dir.name}/{f.src_uri}"


def _missing_images(schema: Schema, others: list[ContentFile], docs_dir: Path) -> list[Problem]:
    """The bureau's own footer images (catalogue.yml → site) must be files content/ publishes."""
    published = {f.src_uri for f in others}
    return [Problem(schema.source, f"site.{key}（{siteinfo.TEXT_KEYS[key][0]}）「{path}」在 {docs_dir.name}/ 中没有这个文件。"
                                   f"请把图片放到 {docs_dir.name}/{path}，或改正路径；不填这一项时显示本项目自带的示意图。",
                    schema.site.lines.get(key))
            for key, path in schema.site.images() if path not in published]


def _generated_names(files: list[ContentFile], docs_dir: Path) -> list[Problem]:
    """Files where the build writes its own: they would be overwritten without a word."""
    return [Problem(_shown(docs_dir, f), f"网站会在这个位置自动生成{CATALOGUE_JSON}、{CATALOGUE_CSV}（公开目录数据）"
                                         f"或 {FEEDS}/ 目录中的订阅源，这个文件会被覆盖。请把它改名或移到其他目录。")
            for f in files if f.src_uri in (CATALOGUE_JSON, CATALOGUE_CSV) or f.src_uri.startswith(f"{FEEDS}/")]


_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")  # what MkDocs reads as pages, in lower case only


def _misnamed(files: list[ContentFile], docs_dir: Path) -> list[Problem]:
    """Markdown files whose extension is not in lower case: MkDocs would publish them as they are, front
    matter and all, instead of as pages."""
    problems = []
    for f in files:
        stem, dot, suffix = f.src_uri.rpartition(".")
        if dot and f".{suffix.lower()}" in _MARKDOWN and not f.page:
            problems.append(Problem(_shown(docs_dir, f), f"文件扩展名「.{suffix}」须写成小写「.{suffix.lower()}」，否则它不会作为网页发布，"
                                                         f"而会原样发布为文件。请把文件改名为 {stem.rpartition('/')[2]}.{suffix.lower()}。"))
    return problems


def _stray(files: list[ContentFile], catalogue: Catalogue, docs_dir: Path) -> list[Problem]:
    """Files in a catalogue folder that no entry lists: never published, and the editor is told."""
    listed = {a.src_uri for e in catalogue.entries for a in e.attachments}
    return [Problem(_shown(docs_dir, f), "这个文件没有被任何条目列为附件（attachments），不会发布。"
                    "如需发布，请在相应条目的 attachments 中列出它；否则请删除。", level="warning")
            if not gate.temporary(f.src_uri) else gate.temporary_file(_shown(docs_dir, f))
            for f in files if f.src_uri not in listed]
