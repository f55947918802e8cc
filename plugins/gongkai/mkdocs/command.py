"""`gongkai build`: build the site into a fresh folder and swap it in only on success; `gongkai check`:
the same build, stopped once every page is checked.

- A failed build (bad content, a broken template, a full disk) leaves the previous site/ exactly as it
  was, so ops never deploy half a site.
- The swap is one atomic step: renameat2's RENAME_EXCHANGE trades the new folder and site/ (Linux
  3.15 and later). Where the filesystem cannot exchange, site/ is renamed away first; a build that
  then finds site/ missing beside the renamed copy puts it back before anything else.
- One build at a time: a second one waits for the first (a lock file beside site/, filelock's, which
  the system releases when its holder dies).
- MkDocs runs in this process, its log printed in Chinese with personal numbers masked (console.py),
  and every failure ends in one Chinese line, never a traceback.
- `check` runs the very same build into a temporary folder and stops it before anything is written
  (reporting.Checked): what it reports is what the build would stop on, by the same code.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.exceptions import Abort, ConfigurationError

from gongkai.core import freshness
from gongkai.core.personal import mask_all
from gongkai.core.problems import Problem
from gongkai.mkdocs import console
from gongkai.mkdocs import project as project_config
from gongkai.mkdocs.plugin import DisclosurePlugin
from gongkai.mkdocs.reporting import Checked, Refused

_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def exchange(a: Path, b: Path) -> bool:
    """Trade the names of `a` and `b` in one step; False where the system or filesystem cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


class Release:
    """site/ and the folders beside it that a build uses: the new site being built and, for the moment
    of a swap that cannot exchange, the previous one."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.staging = site.with_name(f".{site.name}-new")
        self.previous = site.with_name(f".{site.name}-old")
        self.lock = FileLock(site.with_name(f".{site.name}.lock"))

    def recover(self) -> None:
        """Undo what a build stopped half-way left: a site renamed away goes back, leftovers go."""
        if not self.site.exists() and self.previous.is_dir():
            self.previous.rename(self.site)
            _say(f"上一次构建在替换网站时中断：已恢复 {self.site.name}/ 为中断前的完整网站。")
        for leftover in (self.staging, self.previous):
            shutil.rmtree(leftover, ignore_errors=True)

    def swap(self) -> None:
        """The new site in, the previous one out; site/ is complete at every moment (see the module)."""
        if not self.site.exists():
            self.staging.rename(self.site)
            return
        if not exchange(self.staging, self.site):
            self.site.rename(self.previous)
            self.staging.rename(self.site)
            shutil.rmtree(self.previous)
            return
        shutil.rmtree(self.staging)


def refused_target(project: Path, site: Path, docs_dir: Path) -> str | None:
    """Why the build must not replace `site` (a build swaps the whole folder), in Chinese; None when it may."""
    if site.exists() and not site.is_dir():
        return f"「{site}」是一个文件，不是网站目录"
    if project.is_relative_to(site):
        return f"网站目录「{site}」是项目目录或它的上级目录，替换它会删除 content/、mkdocs.yml 等全部文件"
    if site.is_relative_to(docs_dir):
        return f"网站目录「{site}」在内容目录 {docs_dir.name}/ 之中"
    if site.is_dir() and any(site.iterdir()) and not (site / "index.html").is_file():
        return f"「{site}」中已有其他文件，却不是以前生成的网站（没有 index.html），替换它会把这些文件删掉"
    return None


def build(project: Path, site: Path, strict: bool) -> int:
    try:
        with console.installed(logging.getLogger("mkdocs"), logging.NullHandler()):  # the build says it
            docs_dir = Path(project_config.load(project).docs_dir).resolve()
    except project_config.ProjectError:
        docs_dir = project / "content"
    refused = refused_target(project.resolve(), site, docs_dir)
    if refused:
        _say(f"构建没有开始：{refused}。请用 --site-dir 指定一个新的或专门存放网站的目录（默认是项目中的 site/）。")
        return 1
    release = Release(site)
    try:
        release.lock.acquire(timeout=0)
    except Timeout:
        _say(f"另一次构建正在进行（{release.lock.lock_file}），等它结束后再开始……")
        release.lock.acquire()
    try:
        release.recover()
        if not _mkdocs(project, release.staging, strict):
            shutil.rmtree(release.staging, ignore_errors=True)
            kept = f"{site.name}/ 保持上一次成功构建的内容，未作任何改动。" if site.exists() else f"没有生成 {site.name}/。"
            _say(f"构建失败，{kept}")
            return 1
        release.swap()
    except BaseException:
        shutil.rmtree(release.staging, ignore_errors=True)
        raise
    finally:
        release.lock.release()
    _say(f"构建成功：{site}")
    return 0


def _mkdocs(project: Path, site_dir: Path, strict: bool) -> bool:
    """`mkdocs build --strict` into `site_dir`; False, once the reason is printed, when it fails."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with console.installed(logging.getLogger("mkdocs")):
        try:
            config = project_config.load(project, site_dir=str(site_dir), strict=strict)
        except project_config.ProjectError as e:
            _say("\n".join(f"错误：{p}" for p in e.problems))
            return False
        try:
            mkdocs_build(config)
        except Abort as e:
            if "strict mode" in str(e):
                _say("严格模式下，上面的警告都须改正后才能发布。")
            return False
    return True


def main(project: Path, site_dir: Path | None, strict: bool) -> int:
    """`gongkai build`: the project built into `site_dir` (site/ by default); the exit status."""
    site = (site_dir or project / "site").resolve()
    kept = f"{site.name}/ 保持上一次成功构建的内容，未作任何改动。"
    try:
        return console.guarded(lambda: build(project, site, strict), lambda why: _say(f"构建失败：{why}{kept}"),
                               project / console.TRACE)
    except KeyboardInterrupt:
        _say(f"构建已中断。{kept}")
        return 130


REMINDER = "freshness"  # the Problem code of a freshness reminder: never an error or a warning


@dataclass(frozen=True)
class Verdict:
    """What `gongkai check` found: every problem the build would report, in its order, the freshness
    reminders, and how many files and entries it looked at."""
    problems: list[Problem]
    reminders: list[Problem]
    files: int = 0
    published: int = 0
    withheld: int = 0


def check(project: Path, today: str | None = None) -> Verdict:
    """The project built as `gongkai build --strict` builds it, into a temporary folder, stopped once
    every page is checked. `today` (YYYY-MM-DD) replaces the date reminders are computed for; raises
    ValueError, in Chinese, when it is malformed."""
    if today:
        freshness.today(("--today", today))
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    collector = console.Collector()
    with (console.installed(logging.getLogger("mkdocs"), collector), _today(today),
          tempfile.TemporaryDirectory(prefix="gongkai-check-") as site_dir):
        try:
            config = project_config.load(project, site_dir=site_dir, strict=True)
        except project_config.ProjectError as e:
            return Verdict(e.problems, [])
        plugin = config.plugins.get("disclosure")
        if not isinstance(plugin, DisclosurePlugin):
            return Verdict([Problem("mkdocs.yml", "mkdocs.yml 的 plugins 中没有 disclosure 插件，无法检查内容。")], [])
        plugin.checking = True  # MkDocs keeps one plugin instance for a process's builds: only for this one
        collector.found.clear()  # what loading mkdocs.yml said does not stop a build
        try:
            with suppress(Checked, Abort):  # the build stopped: all it found is with the plugin and the collector
                mkdocs_build(config)
        finally:
            plugin.checking = False
    return _verdict(plugin, collector, plugin.config.catalogue)


def _verdict(plugin: DisclosurePlugin, collector: console.Collector, catalogue: str) -> Verdict:
    reporter = plugin.reporter
    problems = list(reporter.problems) if reporter else []
    said = {mask_all(p.message) for p in problems} | {mask_all(str(plugin.failure))}
    for message in dict.fromkeys(collector.found):  # MkDocs' and the theme's: strict mode counts them too
        if message not in said:
            problems.append(Problem("", message))  # the message names the file, as the build prints it
    if plugin.failure and not isinstance(plugin.failure, (Refused, Checked)) and not collector.found:
        problems.append(Problem("", mask_all(str(plugin.failure))))
    reminders = [Problem(catalogue, str(r), r.line, "warning", REMINDER) for r in reporter.reminders] if reporter else []
    report = reporter.report if reporter else None
    return Verdict(problems, reminders, len(plugin.session.sources), report.published if report else 0,
                   sum(report.withheld.values()) if report else 0)


@contextmanager
def _today(today: str | None) -> Iterator[None]:
    """The date reminders are computed for, as the build reads it (freshness.ENV), for the moment."""
    before = os.environ.get(freshness.ENV)
    if today:
        os.environ[freshness.ENV] = today
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(freshness.ENV, None)
        else:
            os.environ[freshness.ENV] = before


def serve(project: Path, address: str | None) -> int:
    """`gongkai serve`: the preview (`mkdocs serve`), its log in Chinese; the exit status."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    options: dict[str, Any] = {"dev_addr": address} if address else {}
    with console.installed(logging.getLogger("mkdocs")):
        try:
            project_config.load(project)
            mkdocs_serve(str(project / "mkdocs.yml"), livereload=True, **options)
        except project_config.ProjectError as e:
            _say("\n".join(f"错误：{p}" for p in e.problems) + "\n预览没有启动：请按上面的提示改正后重新运行 make serve。")
            return 1
        except (ConfigurationError, Abort):
            _say("预览没有启动：请按上面的提示改正后重新运行 make serve。")
            return 1
        except KeyboardInterrupt:
            _say("预览已结束。")
    return 0
