"""What the drafts change in content/, checked by the core before anything is written, then written.

Each imported file carries a stamp (a front-matter comment with a hash of the rest of the file), so
a later import can tell its own untouched files, which it may update when the source changed, from
files an editor has changed since, which it leaves alone, and from editors' own files that happen to
use the same 索引号, which are collisions. A second import of the same source writes nothing.

The check is the core's content pass (`load_content`, as `gongkai check` and the build run it) over
a staging copy of content/ beside the project (hard links of the files as they are, the drafts and
their attachments written in): what it finds in a draft's files keeps that draft out, warnings too,
since a strict build stops on them. A draft left out can leave another without its reference, so the
check runs again on what remains, until nothing more is found.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from gongkai.core.content import load_content
from gongkai.core.files import ContentFile, listed
from gongkai.core.problems import Problem
from gongkai.core.schema import Schema
from gongkai.core.source import Source, read_source
from gongkai.importing.entries import Draft

STAMP = "# gongkai import "
_STAMP = re.compile(rf"^{STAMP}([0-9a-f]{{16}})\b.*\n", re.MULTILINE)
STAGING = ".cache/gongkai/import-staging"  # beside mkdocs.yml (so hard links reach content/), like the build's cache
ROUNDS = 4  # checks at most: each one can only leave drafts out


class Status(Enum):
    NEW = "新增"
    UPDATED = "更新"
    SAME = "不变"
    EDITED = "已被手工修改，未覆盖"
    CLASH = "与现有条目的索引号重复"


@dataclass
class Planned:
    draft: Draft
    status: Status
    target: str = ""  # the file inside content/
    text: str = ""  # as written, stamp included
    obsolete: list[str] = field(default_factory=list)  # attachments of its previous import no longer listed
    problems: list[Problem] = field(default_factory=list)  # what the core found in its files

    @property
    def folder(self) -> str:
        return posixpath.dirname(self.target)

    def attachments(self) -> dict[str, Path]:
        """Each attachment's path inside content/ → its source file."""
        return {f"{self.folder}/{rel}": source for rel, source in self.draft.files.items()}

    @property
    def writes(self) -> bool:
        return self.status in (Status.NEW, Status.UPDATED) and not self.problems


@dataclass(frozen=True)
class Present:
    """An entry file already in content/."""
    src_uri: str
    text: str
    stamped: bool  # written by an import
    untouched: bool  # and unchanged since
    listed: tuple[str, ...]  # its attachments, as paths inside content/
    previous: tuple[str, ...]  # its former addresses


def stamped(text: str) -> str:
    """The file with the stamp as the first line of its front matter."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"---\n{STAMP}{digest}：由 gongkai import 从原网站导入。手工修改后，再次导入不会覆盖本文件。\n{text[4:]}"


def _untouched(text: str) -> bool | None:
    """None when the file bears no stamp; else whether it is as the import wrote it."""
    match = _STAMP.search(text)
    if match is None:
        return None
    rest = text[:match.start()] + text[match.end():]
    return hashlib.sha256(rest.encode("utf-8")).hexdigest()[:16] == match.group(1)


def present(schema: Schema, files: Iterable[ContentFile], docs_dir: Path) -> dict[str, Present]:
    """The entry files in content/'s type folders, by 索引号 (those that can be read)."""
    folders = {t.folder for t in schema.types.values()}
    out: dict[str, Present] = {}
    for f in files:
        if not f.page or f.src_uri.split("/", 1)[0] not in folders:
            continue
        source = read_source(f.data, f"{docs_dir.name}/{f.src_uri}")
        if not isinstance(source, Source) or not str(source.meta.get("index_no", "")).strip():
            continue
        text = f.data.decode("utf-8-sig", errors="replace")
        state = _untouched(text)
        out.setdefault(str(source.meta["index_no"]).strip(), Present(
            f.src_uri, text, state is not None, bool(state), _listed(source, f.src_uri),
            _strings(source.meta.get("previous_urls"))))
    return out


def _listed(source: Source, src_uri: str) -> tuple[str, ...]:
    items = source.meta.get("attachments")
    names = [i.get("file") if isinstance(i, dict) else i for i in (items if isinstance(items, list) else [])]
    folder = posixpath.dirname(src_uri)
    return tuple(posixpath.normpath(f"{folder}/{n}") for n in names if isinstance(n, str))


def _strings(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(str(v).strip().lstrip("/") for v in items)


def plan(drafts: list[Draft], existing: dict[str, Present], overwrite: bool) -> list[Planned]:
    """What each draft would do to content/; drafts that cannot be made (errors) are not planned."""
    planned: list[Planned] = []
    seen: dict[str, Draft] = {}
    addresses = {path: p.src_uri for p in existing.values() for path in p.previous}
    for draft in drafts:
        if draft.errors:
            continue
        first = seen.setdefault(draft.index_no, draft)
        if first is not draft:
            draft.errors.append(f"索引号「{draft.index_no}」与{first.origin}相同：索引号是信息的永久编号，不能重复。")
            continue
        there = existing.get(draft.index_no)
        clash = next((f"原网址「{p}」已是 content/{addresses[p]} 的曾用网址" for p in draft.previous
                      if p in addresses and (there is None or addresses[p] != there.src_uri)), "")
        if clash:
            draft.errors.append(f"{clash}：一个旧网址只能转向一个页面。")
            continue
        planned.append(_planned(draft, there, overwrite))
    _shared_addresses(planned)
    return [p for p in planned if not p.draft.errors]


def _planned(draft: Draft, there: Present | None, overwrite: bool) -> Planned:
    if there is None:
        return Planned(draft, Status.NEW, draft.src_uri, stamped(draft.text))
    if not there.stamped:
        return Planned(draft, Status.CLASH, there.src_uri)
    item = Planned(draft, Status.UPDATED, there.src_uri, stamped(draft.text))
    if item.text == there.text:
        item.status = Status.SAME
    elif not there.untouched and not overwrite:
        item.status = Status.EDITED
    item.obsolete = sorted(set(there.listed) - set(item.attachments()))
    return item


def _shared_addresses(planned: list[Planned]) -> None:
    """An old address may redirect to one page only: a later row naming it again is an error."""
    owner: dict[str, Planned] = {}
    for item in planned:
        for path in item.draft.previous:
            first = owner.setdefault(path, item)
            if first is not item and not item.draft.errors:
                item.draft.errors.append(f"原网址「{path}」与{first.draft.origin}相同：一个旧网址只能转向一个页面。")


def check(planned: list[Planned], schema: Schema, files: list[ContentFile], docs_dir: Path,
          project: Path) -> list[Problem]:
    """Each draft's problems as the core finds them, into `planned`; returns the problems of content
    that is not the import's (already there before it)."""
    (project / STAGING).mkdir(parents=True, exist_ok=True)
    run = Path(tempfile.mkdtemp(prefix="run-", dir=project / STAGING))  # two imports at once keep apart
    staging = run / docs_dir.name
    others: list[Problem] = []
    try:
        for _ in range(ROUNDS):
            writing = [item for item in planned if item.writes]
            _stage(planned, files, docs_dir, staging)
            content = load_content(schema, _staged_files(planned, files), staging)
            others = _assign(planned, content.problems, docs_dir.name)
            if not any(item.problems for item in writing):
                break
        return others
    finally:
        shutil.rmtree(run, ignore_errors=True)


def _stage(planned: list[Planned], files: list[ContentFile], docs_dir: Path, staging: Path) -> None:
    """content/ as it would be: hard links of its files (copies where links cannot be made), the
    drafts that are still in and their attachments written over them."""
    shutil.rmtree(staging, ignore_errors=True)
    for rel in listed(docs_dir):
        _link(docs_dir / rel, staging / rel)
    for item in planned:
        for rel in item.obsolete if item.writes else ():
            (staging / rel).unlink(missing_ok=True)
        if not item.writes:
            continue
        _replace(staging / item.target, item.text.encode("utf-8"))
        for rel, source in item.attachments().items():
            _replace(staging / rel, source.read_bytes())


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _replace(path: Path, data: bytes) -> None:
    """Write without touching a hard-linked original: the link is removed first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    path.write_bytes(data)


def _staged_files(planned: list[Planned], files: list[ContentFile]) -> list[ContentFile]:
    """content/'s files as the check reads them: the drafts' in place of those they replace."""
    written = {item.target: item for item in planned if item.writes}
    replaced = {rel for item in written.values() for rel in [*item.obsolete, *item.attachments()]}
    out = [f for f in files if f.src_uri not in written and f.src_uri not in replaced]
    for item in written.values():
        out.append(ContentFile(item.target, item.text.encode("utf-8")))
        out += [ContentFile(rel, source.read_bytes(), page=False) for rel, source in item.attachments().items()]
    return out


def _assign(planned: list[Planned], problems: list[Problem], docs: str) -> list[Problem]:
    """Each problem to the draft whose file or attachment it names; the rest are the content's own."""
    owners: dict[str, Planned] = {}
    for item in planned:
        if item.status in (Status.NEW, Status.UPDATED, Status.SAME):
            owners[f"{docs}/{item.target}"] = item
            owners.update({f"{docs}/{rel}": item for rel in item.attachments()})
    others = []
    for problem in problems:
        owner = owners.get(problem.file)
        if owner is None:
            others.append(problem)
        elif problem not in owner.problems:
            owner.problems.append(problem)
    return others


def write(planned: list[Planned], docs_dir: Path, progress: Callable[[Iterable[Planned]], Iterable[Planned]]) -> int:
    """The drafts that passed, written into content/ (attachments first, files replaced whole); their
    previous import's attachments that are no longer listed removed. Returns the files written."""
    count = 0
    for item in progress([p for p in planned if p.writes]):
        for rel, source in item.attachments().items():
            count += _write_if_changed(docs_dir / rel, source.read_bytes())
        count += _write_if_changed(docs_dir / item.target, item.text.encode("utf-8"))
        for rel in item.obsolete:
            (docs_dir / rel).unlink(missing_ok=True)
    return count


def _write_if_changed(path: Path, data: bytes) -> int:
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.gongkai-import")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return 1
