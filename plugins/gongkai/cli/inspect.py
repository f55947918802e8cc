"""`gongkai inspect`: the national website inspection run on the catalogue before anything is published
(gongkai/inspection/), without a build, like `gongkai check`.

It writes `inspection/report.html` (for the 政务公开办) and `inspection/report.json` beside mkdocs.yml,
prints a summary, and with `--format github` one annotation per finding. The exit status says
whether the site would fail outright: 1 when a veto (单项否决) is found, 0 otherwise, whatever the
score; 2 when the inspection cannot run (catalogue.yml or wording.yml unusable). Content with
errors does not stop it: those files are left out, as the build would refuse them, and the
summary says so.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from gongkai.core import freshness
from gongkai.core.content import load_content
from gongkai.core.personal import mask_all
from gongkai.core.problems import errors
from gongkai.core.schema import Schema, SchemaError, load_schema
from gongkai.inspection import inspector, wording, writers
from gongkai.inspection.findings import Inspection
from gongkai.inspection.subject import Address, Subject
from gongkai.mkdocs.project import Project
from gongkai.mkdocs.project import read as read_project
from gongkai.mkdocs.project import sources as project_sources

FOLDER = "inspection"  # beside mkdocs.yml: report.html, report.json
VETOED, UNUSABLE = 1, 2


def run(project: Path, today: str | None, fmt: str) -> int:
    """The command: the report written, what it found printed (or annotated); the exit status above."""
    found = read_project(project)
    try:
        day = freshness.today(("--today", today), (f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                              ("mkdocs.yml 中 disclosure 插件的 today", found.today))
        schema = load_schema(project / found.catalogue, found.catalogue)
    except ValueError as e:
        return _unusable([str(e)])
    except SchemaError as e:
        return _unusable([str(p) for p in e.problems])
    dictionary, problems = wording.load((project / found.catalogue).parent / schema.inspection.wording,
                                        schema.inspection.wording)
    if problems:
        return _unusable([f"{schema.inspection.wording}：{p}" for p in problems])
    subject = _subject(found, schema, day)
    result = inspector.inspect(subject, dictionary)
    page, _ = writers.write(result, project / FOLDER)
    _print(result, fmt)
    print(f"报告：{page.relative_to(project)}（同目录下的 report.json 为同样内容的数据）。", file=sys.stderr)
    return VETOED if result.vetoes else 0


def _subject(found: Project, schema: Schema, day: dt.date) -> Subject:
    """What the site would publish, read as the build reads it; files with errors are left out."""
    sources, unread = project_sources(found.docs_dir)
    loaded = load_content(schema, sources, found.docs_dir)
    left_out = len(errors(unread + loaded.problems))
    if left_out:
        print(f"注意：内容检查发现 {left_out} 个错误，有错误的文件没有计入自查（构建也会拒绝它们）。请先运行 gongkai check 修改。",
              file=sys.stderr)
    return Subject(schema, loaded, found.docs_dir.name, day, Address(found.site_url, found.directory_urls),
                   found.site_name)


def _print(result: Inspection, fmt: str) -> None:
    """The findings as text lines, or as annotations with the summary on standard error."""
    if fmt == "github":
        for line in writers.workflow_commands(result):
            print(line)  # masked as it is made
        print(mask_all(writers.summary(result)), file=sys.stderr)
        return
    for line in writers.lines(result):
        print(mask_all(line))


def _unusable(problems: list[str]) -> int:
    for problem in problems:
        print(mask_all(f"错误：{problem}"), file=sys.stderr)
    print("自查没有进行：请先改正以上错误。", file=sys.stderr)
    return UNUSABLE
