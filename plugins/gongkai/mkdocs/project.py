"""A project as the command line finds it: mkdocs.yml read by MkDocs for the content folder and the
plugin's options, and content/'s files as MkDocs would list them, read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.utils import is_markdown_file

from gongkai.core import files
from gongkai.core.files import ContentFile
from gongkai.core.problems import Problem


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    catalogue: str  # catalogue.yml's path, relative to the root
    today: str | None  # the plugin's `today` option
    site_name: str = ""
    site_url: str = ""  # where the site is published, for the addresses of its pages
    directory_urls: bool = True


def read(root: Path) -> Project:
    config = load_config(str(root / "mkdocs.yml"))
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else {}
    return Project(root, Path(config.docs_dir), str(options.get("catalogue", "catalogue.yml")), options.get("today"),
                   str(config.site_name or ""), str(config.site_url or ""), bool(config.use_directory_urls))


def sources(docs_dir: Path) -> tuple[list[ContentFile], list[Problem]]:
    """The files MkDocs would find (everything under docs_dir but dot-files and dot-folders), read, and a
    problem for each folder or file that cannot be read."""
    read_files, unread = files.read_files(docs_dir, [(rel, is_markdown_file(rel)) for rel in files.listed(docs_dir)])
    return [file for file, _ in read_files], [*files.unlisted_folders(docs_dir), *unread]
