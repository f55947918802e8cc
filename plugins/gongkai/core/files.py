"""The files of content/ as a build reads them: every file but hidden ones, its bytes and its stamp
(modification time and size, which the preview compares to see what an edit changed), and a problem
for each folder or file that cannot be read, which MkDocs would pass by without a word."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gongkai.core import oserror
from gongkai.core.problems import Problem


@dataclass(frozen=True)
class ContentFile:
    src_uri: str  # posix path inside content/
    data: bytes
    page: bool = True  # a Markdown page that MkDocs would render


Stamp = tuple[int, int]  # a file's modification time (ns) and size


def read(docs_dir: Path, src_uri: str, page: bool) -> tuple[ContentFile, Stamp]:
    """A content file and its stamp, taken first: a write after it shows as a change next time."""
    path = docs_dir / src_uri
    found = path.stat()
    return ContentFile(src_uri, path.read_bytes(), page), (found.st_mtime_ns, found.st_size)


def stamps(root: Path) -> dict[str, Stamp]:
    """Every file under `root` (or `root` itself, as "."), by posix path inside it, but hidden ones."""
    if not root.is_dir():
        return {".": _stamp(str(root))} if root.exists() else {}
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        inside = Path(folder).relative_to(root).as_posix()
        for name in names:
            if not name.startswith("."):
                found[name if inside == "." else f"{inside}/{name}"] = _stamp(os.path.join(folder, name))
    return found


def hidden(path: str) -> bool:
    """A file or folder whose name starts with a dot: MkDocs publishes none of them, and editors' tools
    come and go with such files (.DS_Store, vim's .swp), so the preview does not watch them."""
    return any(part.startswith(".") for part in path.split("/"))


def _stamp(path: str) -> Stamp:
    found = os.stat(path)
    return found.st_mtime_ns, found.st_size



def listed(docs_dir: Path) -> list[str]:
    """Every file under `docs_dir` as MkDocs finds them, by posix path inside it, but hidden ones."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        inside = Path(folder).relative_to(docs_dir).as_posix()
        found += [name if inside == "." else f"{inside}/{name}" for name in names if not name.startswith(".")]
    return sorted(found)


def unlisted_folders(docs_dir: Path) -> list[Problem]:
    """A problem for each folder under `docs_dir` that cannot be listed (hidden ones aside): MkDocs would
    pass it by without a word, and the entries in it would vanish from the site."""
    found: list[OSError] = []
    for _, dirs, _ in os.walk(docs_dir, onerror=found.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return [Problem(_folder(docs_dir, e.filename), f"无法读取这个目录（{oserror.why(e)}），其中的文件不会发布。"
                                                    "请检查目录的权限：运行构建的用户须能读取它。") for e in found]


def read_files(docs_dir: Path, files: Iterable[tuple[str, bool]]) -> tuple[list[tuple[ContentFile, Stamp]], list[Problem]]:
    """The `files` (src_uri, whether a page) read, with their stamps, and a problem for each one that
    cannot be read."""
    found, problems = [], []
    for uri, page in files:
        try:
            found.append(read(docs_dir, uri, page))
        except OSError as e:
            if (docs_dir / uri).is_symlink():
                problems.append(Problem(f"{docs_dir.name}/{uri}", "这是一个符号链接（快捷方式），它指向的文件不存在；content/ 中不能"
                                                                   "使用符号链接。请放入文件本身，或删除这个链接。"))
                continue
            problems.append(Problem(f"{docs_dir.name}/{uri}", f"无法读取这个文件（{oserror.why(e)}）。请检查文件的权限，"
                                                               "或确认它没有在构建时被移动或删除。"))
    return found, problems


def _folder(docs_dir: Path, path: object) -> str:
    rel = Path(str(path)).relative_to(docs_dir).as_posix() if path else ""
    return f"{docs_dir.name}/{rel}" if rel and rel != "." else docs_dir.name


