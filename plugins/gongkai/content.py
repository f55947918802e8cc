"""Everything in content/ read, validated and passed through the disclosure gate in one pass.

This is what the plugin builds from, and it needs no MkDocs: a command that only checks content
runs the same function. Files in the catalogue's folders (content types, the power list) are
"owned": they never reach MkDocs as they are; every other file is checked as public.

The work done file by file (parsing, validating, the gate's scans: two thirds of a load) is done
on every core when there are many files (forked.py), into the memo that the preview keeps between
loads: reading the catalogue and applying the gate then find each file's outcome there.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import console, exports, feeds, forked, gate, powerlist, preview, validate
from .catalogue import Catalogue, Cleared, ContentFile, Memo, Read, load_catalogue, read_entry
from .preview import Stamp
from .problems import Problem
from .schema import ContentType, Schema


@dataclass(frozen=True)
class Content:
    catalogue: Catalogue  # everything valid, before the gate
    result: gate.GateResult  # what may be published
    power_items: list[powerlist.PowerItem]
    problems: list[Problem]


def owned_folders(schema: Schema) -> set[str]:
    power = {schema.power_list.folder} if schema.power_list else set()
    return {t.folder for t in schema.types.values()} | power


def is_owned(schema: Schema, src_uri: str) -> bool:
    return src_uri.split("/", 1)[0] in owned_folders(schema)


def load_content(schema: Schema, files: list[ContentFile], docs_dir: Path, memo: Memo | None = None) -> Content:
    """`memo` (same schema and docs_dir each time) spares unchanged files their parsing and checks."""
    folders = owned_folders(schema)
    links = validate.linked(docs_dir, [f.src_uri for f in files])
    # Symbolic links would publish what they point at, past every folder rule.
    problems = [Problem(_shown(docs_dir, f), "content/ 中不能使用符号链接（快捷方式）：这个文件本身或它所在的目录是链接。"
                                             "请放入文件本身，或删除这个链接。") for f in files if f.src_uri in links]
    owned = [f for f in files if f.src_uri.split("/", 1)[0] in folders]
    others = [f for f in files if f.src_uri.split("/", 1)[0] not in folders]
    memo = memo if memo is not None else Memo()
    _on_every_core(schema, [f for f in owned if f.page], docs_dir, memo)
    catalogue, found = load_catalogue(schema, [f for f in owned if f.page], docs_dir, memo)
    problems += found
    result = gate.apply(catalogue, schema.gate, memo)
    problems += result.problems
    in_power = [f for f in owned if schema.power_list and f.src_uri.startswith(f"{schema.power_list.folder}/")]
    lists = [f for f in in_power if f.src_uri.endswith((".yml", ".yaml"))]
    problems += [Problem(_shown(docs_dir, f), "权责清单目录中只能放 .yml 文件（每个文件以 items: 列出事项）；"
                                              "请把这个文件移到别处或删除。") for f in in_power if f not in lists]
    items, found = powerlist.load(schema, lists, docs_dir)
    problems += found
    problems += [p for f in lists for p in gate.check_page(_shown(docs_dir, f), f.data, schema.gate)]
    if not any(p.level == "error" for p in problems):  # an entry with errors lists no files: no false alarms
        problems += _stray([f for f in owned if not f.page and f not in in_power], catalogue, docs_dir)
    for f in others:
        check = gate.check_page if f.page else gate.check_static
        problems += check(_shown(docs_dir, f), f.data, schema.gate)
    problems += _generated_names(others, docs_dir) + gate.scan_schema(schema)
    guide = schema.gate.application_guide
    if schema.gate.list_on_request and guide and guide not in {f.src_uri for f in others if f.page}:
        problems.append(Problem("catalogue.yml", f"gate.application_guide 指向的页面「{guide}」在 {docs_dir.name}/ 中不存在"
                                                 "（依申请公开目录要链接到它）；请写 content/ 下的 Markdown 文件路径，如 yishenqing.md。"))
    data = {f.src_uri: f.data for f in owned}
    uris = sorted({a.src_uri for e in result.published.entries for a in e.attachments} & data.keys())
    problems += [p for uri in uris for p in gate.check_static(f"{docs_dir.name}/{uri}", data[uri], schema.gate)]
    return Content(catalogue, result, items, problems)


def unlisted_folders(docs_dir: Path) -> list[Problem]:
    """A problem for each folder under `docs_dir` that cannot be listed (hidden ones aside): MkDocs would
    pass it by without a word, and the entries in it would vanish from the site."""
    found: list[OSError] = []
    for _, dirs, _ in os.walk(docs_dir, onerror=found.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return [Problem(_folder(docs_dir, e.filename), f"无法读取这个目录（{console.why(e)}），其中的文件不会发布。"
                                                    "请检查目录的权限：运行构建的用户须能读取它。") for e in found]


def read_files(docs_dir: Path, listed: Iterable[tuple[str, bool]]) -> tuple[list[tuple[ContentFile, Stamp]], list[Problem]]:
    """The files `listed` (src_uri, whether a page) read, with their stamps, and a problem for each one that
    cannot be read."""
    read, problems = [], []
    for uri, page in listed:
        try:
            read.append(preview.read(docs_dir, uri, page))
        except OSError as e:
            problems.append(Problem(f"{docs_dir.name}/{uri}", f"无法读取这个文件（{console.why(e)}）。请检查文件的权限，"
                                                               "或确认它没有在构建时被移动或删除。"))
    return read, problems


def _folder(docs_dir: Path, path: object) -> str:
    rel = Path(str(path)).relative_to(docs_dir).as_posix() if path else ""
    return f"{docs_dir.name}/{rel}" if rel and rel != "." else docs_dir.name


def _on_every_core(schema: Schema, files: list[ContentFile], docs_dir: Path, memo: Memo) -> None:
    """Each entry file `memo` lacks read and cleared in forked processes, into `memo`, when they are many."""
    todo = [(f, ctype) for f in files if (f.src_uri, f.data) not in memo.read
            and (ctype := schema.type_for_folder(f.src_uri.split("/", 1)[0]))]
    if len(todo) < 2 * forked.SHARE_FROM:
        return

    def outcome(index: int) -> bytes:
        file, ctype = todo[index]
        read = read_entry(schema, ctype, file, docs_dir)
        entry = read[0]
        return _dumps((read, gate.clearance(entry, schema.gate) if entry and gate.clears(entry) else None))

    team = forked.Team([outcome], len(todo))
    try:
        found = team.run(0)
    finally:
        team.close()
    for (file, _), data in zip(todo, found, strict=True):
        read, cleared = _loads(data, schema)
        memo.read[(file.src_uri, file.data)] = read
        if read[0] and cleared:
            memo.cleared[id(read[0])] = read[0], cleared


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


def _generated_names(files: list[ContentFile], docs_dir: Path) -> list[Problem]:
    """Files where the build writes its own: they would be overwritten without a word."""
    return [Problem(_shown(docs_dir, f), f"网站会在这个位置自动生成{exports.JSON_NAME}、{exports.CSV_NAME}（公开目录数据）"
                                         f"或 {feeds.FOLDER}/ 目录中的订阅源，这个文件会被覆盖。请把它改名或移到其他目录。")
            for f in files if f.src_uri in (exports.JSON_NAME, exports.CSV_NAME) or f.src_uri.startswith(f"{feeds.FOLDER}/")]


def _stray(files: list[ContentFile], catalogue: Catalogue, docs_dir: Path) -> list[Problem]:
    """Files in a catalogue folder that no entry lists: never published, and the editor is told."""
    listed = {a.src_uri for e in catalogue.entries for a in e.attachments}
    return [Problem(_shown(docs_dir, f), "这个文件没有被任何条目列为附件（attachments），不会发布。"
                    "如需发布，请在相应条目的 attachments 中列出它；否则请删除。", level="warning")
            for f in files if f.src_uri not in listed]
