"""A problem found in the content, worded for editors: the file, the line, what is wrong, the fix."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning"]


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # a line break in a file's name would start a new line of the log


@dataclass(frozen=True)
class Problem:
    file: str  # path shown to editors, relative to the project (content/…)
    message: str  # Chinese, names the field, the bad value and what is allowed
    line: int | None = None  # 1-based line in the file
    level: Level = "error"
    code: str = ""  # machine-readable kind, e.g. "personal-data"

    def __str__(self) -> str:
        """The message as logged and reported (where personal numbers are masked: mkdocs/console.py,
        outputs/report.py, the command line)."""
        if not self.file:  # what MkDocs said of the whole site, its own words naming where
            return self.message
        file = self.file.encode("unicode_escape").decode("ascii") if _CONTROL.search(self.file) else self.file
        where = f"{file} 第 {self.line} 行" if self.line else file
        return f"{where}：{self.message}"


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.level == "warning"]
