"""A project as the command line finds it: mkdocs.yml read by MkDocs (what is wrong with it said in
Chinese, at its line) for the content folder and the plugin's options, and content/'s files as MkDocs
would list them, read."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.utils import is_markdown_file

from gongkai.core import files, yamlload
from gongkai.core.files import ContentFile
from gongkai.core.personal import mask_all
from gongkai.core.problems import Problem
from gongkai.mkdocs import console, trusted

CONFIG = "mkdocs.yml"


class ProjectError(Exception):
    """mkdocs.yml cannot be used: every reason, in Chinese."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def load(root: Path, **options: Any) -> MkDocsConfig:
    """mkdocs.yml loaded by MkDocs with `options` (site_dir, strict…); what it warned of is logged again,
    in Chinese. Raises ProjectError."""
    path = root / CONFIG
    if not path.is_file():
        raise ProjectError([Problem("", f"找不到 {path}：请在网站项目的目录中运行，或用 --project 指定含有 mkdocs.yml 的项目目录。")])
    refused = trusted.before_loading(path.read_bytes().decode("utf-8", errors="replace"))
    if refused:  # MkDocs would run them as it reads the file
        raise ProjectError(refused)
    heard = console.Collector()
    mkdocs_log = logging.getLogger("mkdocs")
    with console.installed(mkdocs_log, heard):
        try:
            config = load_config(str(path), **options)
        except (ConfigurationError, Abort) as e:
            raise ProjectError(_explain(str(e), path, heard.found)) from None
    for message in heard.found:
        mkdocs_log.warning(message)
    return config


def _explain(error: str, path: Path, heard: list[str]) -> list[Problem]:
    """Why MkDocs could not use mkdocs.yml: its YAML at the line, else what it warned of, in Chinese."""
    if "parsing the configuration file" in error:
        text = path.read_bytes().decode("utf-8", errors="replace")
        try:
            trusted.compose(text)  # only the syntax is wanted
        except yaml.YAMLError as e:
            return [yamlload.explain(e, text, CONFIG)]
        if "decode" in error or "codec" in error:
            return [Problem(CONFIG, "文件不是 UTF-8 编码：请在编辑器中“另存为”，编码选“UTF-8”。")]
    if heard:
        return [Problem(CONFIG, message.removeprefix(f"{CONFIG} 中的")) for message in heard]
    return [Problem(CONFIG, f"MkDocs 无法使用这个文件：{mask_all(console.chinese(error))}")]


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
    config = load(root)
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else {}
    return Project(root, Path(config.docs_dir), str(options.get("catalogue", "catalogue.yml")), options.get("today"),
                   str(config.site_name or ""), str(config.site_url or ""), bool(config.use_directory_urls))


def sources(docs_dir: Path) -> tuple[list[ContentFile], list[Problem]]:
    """The files MkDocs would find (everything under docs_dir but dot-files and dot-folders), read, and a
    problem for each folder or file that cannot be read."""
    read_files, unread = files.read_files(docs_dir, [(rel, is_markdown_file(rel)) for rel in files.listed(docs_dir)])
    return [file for file, _ in read_files], [*files.unlisted_folders(docs_dir), *unread]
