"""The built site's files, listed once for the steps after the build: the link check, the CSP
hashes, the 繁體 table and precompression each walked the site on their own (about a second each
at 10,000 entries, some 40,000 files)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteFiles:
    """The files and folders under `root` (paths inside it, "/"-separated): listed by `of`, else
    looked up on disk one by one."""
    root: Path
    files: frozenset[str] | None = None
    folders: frozenset[str] | None = None

    @classmethod
    def of(cls, root: Path) -> SiteFiles:
        files: set[str] = set()
        folders = {""}
        for folder, dirs, names in os.walk(root):
            inside = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if inside == "." else inside + "/"
            folders.update(prefix + d for d in dirs)
            files.update(prefix + n for n in names)
        return cls(root, frozenset(files), frozenset(folders))

    @property
    def listed(self) -> frozenset[str]:
        assert self.files is not None, "SiteFiles.of lists the files"
        return self.files

    def adding(self, rel: str) -> SiteFiles:
        """The listing with a file written since."""
        return SiteFiles(self.root, self.listed | {rel}, self.folders)

    def ending(self, suffixes: tuple[str, ...], done: frozenset[str] = frozenset()) -> list[str]:
        """The listed files whose names end with one of `suffixes`, but those in `done`, sorted."""
        return sorted(rel for rel in self.listed if rel.endswith(suffixes) and rel not in done)

    def has_file(self, rel: str) -> bool:
        return (self.root / rel).is_file() if self.files is None else rel in self.files

    def has_folder(self, rel: str) -> bool:
        return (self.root / rel).is_dir() if self.folders is None else rel in self.folders
