"""`gongkai check`: all content validated and passed through the disclosure gate without building the
site, by the same content pass as the build (core/content.py). `--format github` prints workflow
annotations (`::error file=…,line=…::…`) so that a pull request shows each problem at its line.
Freshness reminders (时效提醒) are shown as warnings on catalogue.yml; like every warning, they leave
the exit status alone. Every personal number printed is masked."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from gongkai.core import freshness, gate
from gongkai.core.content import load_content
from gongkai.core.personal import mask_all
from gongkai.core.problems import Problem, errors
from gongkai.core.schema import SchemaError, load_schema
from gongkai.mkdocs.project import read as read_project
from gongkai.mkdocs.project import sources as project_sources
from gongkai.mkdocs.setup import load_synonyms, synonyms_name

REMINDER = "freshness"  # the Problem code of a freshness reminder: a warning, shown as 提醒


def check(project: Path, today: str | None = None) -> tuple[list[Problem], str]:
    """All problems in the project's content, freshness reminders as warnings; the second value is a
    summary line. `today` (YYYY-MM-DD) is the date reminders are computed for: else GONGKAI_TODAY, else
    the plugin's `today` option, else the clock. Raises SystemExit when a given date is malformed."""
    found = read_project(project)
    catalogue = found.catalogue
    try:
        day = freshness.today(("--today", today), (f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                              ("mkdocs.yml 中 disclosure 插件的 today", found.today))
    except ValueError as e:
        raise SystemExit(str(e)) from None
    docs_dir = found.docs_dir
    try:
        schema = load_schema(project / catalogue, catalogue)
    except SchemaError as e:
        return [Problem(catalogue, p) for p in e.problems], "catalogue.yml 有误。"
    synonyms = load_synonyms(project, catalogue)
    sources, unread = project_sources(docs_dir)
    loaded = load_content(schema, sources, docs_dir)
    result = loaded.result
    summary = f"检查了 {len(sources)} 个文件：可发布 {len(result.published)} 条，未发布 {sum(result.withheld.values())} 条。"
    reminders = [Problem(catalogue, str(r), r.line, "warning", REMINDER) for r in freshness.check(result.published, day)]
    scanned = gate.scan_text(synonyms_name(catalogue), synonyms.text, schema.gate.allow_numbers)
    return [*synonyms.problems, *scanned, *unread, *loaded.problems, *reminders], summary


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command; message text is escaped as the runner expects."""
    message = mask_all(problem.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = f"file={problem.file}" + (f",line={problem.line}" if problem.line else "")
    return f"::{problem.level} {where}::{message}"


def _print(problems: Iterable[Problem], fmt: str) -> None:
    for problem in problems:
        kind = "错误" if problem.level == "error" else "提醒" if problem.code == REMINDER else "警告"
        print(github(problem) if fmt == "github" else mask_all(f"{kind}：{problem}"))


def run(project: Path, today: str | None, fmt: str) -> int:
    """The command: problems printed, a summary on standard error; 1 when there is an error."""
    problems, summary = check(project, today)
    _print(problems, fmt)
    found = errors(problems)
    reminders = sum(1 for p in problems if p.code == REMINDER)
    print(f"{summary}发现 {len(found)} 个错误、{len(problems) - len(found) - reminders} 个警告。", file=sys.stderr)
    if reminders:
        print(f"另有时效提醒 {reminders} 条（只是提醒，不影响检查结果和发布）。", file=sys.stderr)
    return 1 if found else 0
