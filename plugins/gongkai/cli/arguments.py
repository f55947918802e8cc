"""The command line's own words in Chinese: argparse's usage, help and errors (a mistyped command or
option is an editor's mistake like any other)."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import Any, NoReturn

_ERRORS = [
    (re.compile(r"argument (\S+): invalid choice: '(.*?)' \(choose from (.*)\)"), "{0} 中没有「{1}」这一项；可用：{2}。"),
    (re.compile(r"unrecognized arguments: (.*)"), "不认识的参数：{0}。运行时加上 -h 可查看可用的参数。"),
    (re.compile(r"the following arguments are required: (.*)"), "缺少参数：{0}。运行时加上 -h 可查看用法。"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面要写一个值。"),
    (re.compile(r"argument (\S+): (.*)"), "参数 {0}：{1}"),
]


def _said(message: str) -> str:
    for pattern, said in _ERRORS:
        match = pattern.fullmatch(message)
        if match:
            return said.format(*(g.replace("'", "") for g in match.groups()))
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that speaks Chinese, its subcommands' parsers too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **{**kwargs, "add_help": False, "formatter_class": _Formatter})
        self._positionals.title, self._optionals.title = "参数", "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段说明")

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}：{_said(message)}", file=sys.stderr)
        sys.exit(2)


def date(text: str) -> dt.date:
    """An option's date, YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"「{text}」不是 YYYY-MM-DD 格式的日期，请写成如 2026-01-05。") from None
