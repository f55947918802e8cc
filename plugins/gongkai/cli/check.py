"""`gongkai check`: everything `gongkai build --strict` (`make site`) would stop on, found by the same
build stopped before it writes anything (mkdocs/command.py), so the two always agree. Like the build,
it fails on warnings too. `--format github` prints workflow annotations (`::error file=…,line=…::…`)
so that a pull request shows each problem at its line. Freshness reminders (时效提醒) never fail it:
one line says how many there are, `--reminders` lists them. Every personal number printed is masked."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from gongkai.core import workflow
from gongkai.core.personal import mask_all
from gongkai.core.problems import Problem, errors
from gongkai.mkdocs import command


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command, masked and escaped (core/workflow.py)."""
    level = "notice" if problem.code == command.REMINDER else problem.level
    return workflow.command(level, problem.message, problem.file, problem.line)


def _print(problems: Iterable[Problem], fmt: str) -> None:
    for problem in problems:
        kind = "错误" if problem.level == "error" else "提醒" if problem.code == command.REMINDER else "警告"
        print(github(problem) if fmt == "github" else mask_all(f"{kind}：{problem}"))


def run(project: Path, today: str | None, fmt: str, reminders: bool = False) -> int:
    """The command: problems printed, a summary on standard error; 1 when the build would fail."""
    try:
        verdict = command.check(project, today)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 2
    _print(verdict.problems + (verdict.reminders if reminders else []), fmt)
    found = errors(verdict.problems)
    warned = len(verdict.problems) - len(found)
    print(f"检查了 {verdict.files} 个文件：可发布 {verdict.published} 条，未发布 {verdict.withheld} 条。"
          f"发现 {len(found)} 个错误、{warned} 个警告。", file=sys.stderr)
    if warned and not found:
        print("网站以严格模式生成（make site），警告也须改正后才能发布。", file=sys.stderr)
    if verdict.reminders and not reminders:
        print(f"另有时效提醒 {len(verdict.reminders)} 条（只是提醒，不影响检查结果和发布），"
              "运行 gongkai check --reminders 可列出全文。", file=sys.stderr)
    return 1 if verdict.problems else 0
