"""The editors' command line: `gongkai check` validates all content and runs the disclosure gate
without building the site; `gongkai new <type>` starts a content file (see scaffold.py); `gongkai diff OLD NEW` lists the public
URLs a change adds, changes or removes (see changes.py).

Reads mkdocs.yml only for docs_dir and the plugin's options, then runs the same content pass as
the build (content.load_content). `--format github` prints workflow annotations
(`::error file=…,line=…::…`) so that a pull request shows each problem at its line. Freshness
reminders (时效提醒) are shown as warnings on catalogue.yml; like every warning, they leave the
exit status alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.utils import is_markdown_file

from . import changes, console, freshness, scaffold
from .catalogue import ContentFile
from .content import load_content, read_files, unlisted_folders
from .personal import mask_all
from .problems import Problem, errors
from .schema import SchemaError, load_schema

REMINDER = "freshness"  # the Problem code of a freshness reminder: a warning, shown as 提醒


def _sources(docs_dir: Path) -> tuple[list[ContentFile], list[Problem]]:
    """The files MkDocs would find (everything under docs_dir but dot-files and dot-folders), read, and a
    problem for each folder or file that cannot be read."""
    listed = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        inside = Path(folder).relative_to(docs_dir).as_posix()
        listed += [(name if inside == "." else f"{inside}/{name}") for name in names if not name.startswith(".")]
    read, unread = read_files(docs_dir, [(rel, is_markdown_file(rel)) for rel in sorted(listed)])
    return [file for file, _ in read], [*unlisted_folders(docs_dir), *unread]


def check(project: Path, today: str | None = None) -> tuple[list[Problem], str]:
    """All problems in the project's content, freshness reminders as warnings; the second value is a
    summary line. `today` (YYYY-MM-DD) is the date reminders are computed for: else GONGKAI_TODAY, else
    the plugin's `today` option, else the clock. Raises SystemExit when a given date is malformed."""
    config = load_config(str(project / "mkdocs.yml"))
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else {}
    catalogue = str(options.get("catalogue", "catalogue.yml"))
    try:
        day = freshness.today(("--today", today), (f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                              ("mkdocs.yml 中 disclosure 插件的 today", options.get("today")))
    except ValueError as e:
        raise SystemExit(str(e)) from None
    docs_dir = Path(config.docs_dir)
    try:
        schema = load_schema(project / catalogue, catalogue)
    except SchemaError as e:
        return [Problem(catalogue, p) for p in e.problems], "catalogue.yml 有误。"
    sources, unread = _sources(docs_dir)
    loaded = load_content(schema, sources, docs_dir)
    result = loaded.result
    summary = f"检查了 {len(sources)} 个文件：可发布 {len(result.published)} 条，未发布 {sum(result.withheld.values())} 条。"
    reminders = [Problem(catalogue, str(r), r.line, "warning", REMINDER) for r in freshness.check(result.published, day)]
    return unread + loaded.problems + reminders, summary


def new(project: Path, type_key: str, publisher: str | None, when: dt.date, path: Path | None) -> Path:
    """Write a new content file; returns its path. Raises SystemExit with a Chinese message on bad input."""
    config = load_config(str(project / "mkdocs.yml"))
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else {}
    try:
        schema = load_schema(project / str(options.get("catalogue", "catalogue.yml")), "catalogue.yml")
    except SchemaError as e:
        raise SystemExit(str(e)) from None
    if type_key not in schema.types:
        raise SystemExit(f"没有内容类型「{type_key}」；可用：{'、'.join(f'{k}（{t.label}）' for k, t in schema.types.items())}")
    ctype = schema.types[type_key]
    publisher = publisher or next(iter(schema.publishers))
    if publisher not in schema.publishers:
        raise SystemExit(f"没有发布机构「{publisher}」；可用：{'、'.join(schema.publishers)}")
    docs_dir = Path(config.docs_dir)
    existing = re.findall(r"^index_no:\s*[\"']?([^\"'\s#]+)", "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in docs_dir.rglob("*.md")), re.MULTILINE)
    index_no = scaffold.next_index(schema, existing, schema.publishers[publisher].code, when)
    target = path or docs_dir / ctype.folder / str(when.year) / f"{index_no.replace('/', '-')}.md"
    if target.exists():
        raise SystemExit(f"文件已存在：{target}，未覆盖。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold.render(schema, ctype, publisher, index_no, when), encoding="utf-8")
    return target


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command; message text is escaped as the runner expects."""
    message = mask_all(problem.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = f"file={problem.file}" + (f",line={problem.line}" if problem.line else "")
    return f"::{problem.level} {where}::{message}"


def _print(problems: Iterable[Problem], fmt: str) -> None:
    for problem in problems:
        kind = "错误" if problem.level == "error" else "提醒" if problem.code == REMINDER else "警告"
        print(github(problem) if fmt == "github" else f"{kind}：{problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongkai", description="政府信息公开网站的内容检查工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="检查全部内容和公开审查，不生成网站")
    check_cmd.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml）")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text", help="输出格式")
    check_cmd.add_argument("--today", help=f"时效提醒按这一天计算（YYYY-MM-DD），默认今天；也可用环境变量 {freshness.ENV}")
    new_cmd = commands.add_parser("new", help="新建一个内容文件，自动填写下一个可用的索引号")
    new_cmd.add_argument("type", help="内容类型，如 entry（目录条目）、guide（办事指南）")
    new_cmd.add_argument("--publisher", help="发布机构全称，默认为 catalogue.yml 中的第一个")
    new_cmd.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(), help="发布日期，默认今天")
    new_cmd.add_argument("--path", type=Path, help="文件路径，默认 content/<目录>/<年份>/<索引号>.md")
    new_cmd.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml）")
    diff_cmd = commands.add_parser("diff", help="列出两次构建之间新增、修改、删除的公开网址")
    diff_cmd.add_argument("old", type=Path, help="修改前构建的 site 目录")
    diff_cmd.add_argument("new", type=Path, help="修改后构建的 site 目录")
    diff_cmd.add_argument("--base-url", default="/", help="网址前缀，如 https://gk.example.gov.cn/")
    args = parser.parse_args(argv)
    project = getattr(args, "project", Path.cwd()).resolve()
    return console.guarded(lambda: _run(args), lambda why: print(f"gongkai {args.command} 没有完成：{why}", file=sys.stderr),
                           project / console.TRACE)


def _run(args: argparse.Namespace) -> int:
    if args.command == "diff":
        print(changes.markdown(changes.compare(args.old, args.new), args.base_url), end="")
        return 0
    if args.command == "new":
        target = new(args.project.resolve(), args.type, args.publisher, args.date, args.path)
        print(f"已新建：{target}。请填写各字段后运行 gongkai check。")
        return 0
    problems, summary = check(args.project.resolve(), args.today)
    _print(problems, args.format)
    found = errors(problems)
    reminders = sum(1 for p in problems if p.code == REMINDER)
    print(f"{summary}发现 {len(found)} 个错误、{len(problems) - len(found) - reminders} 个警告。", file=sys.stderr)
    if reminders:
        print(f"另有时效提醒 {reminders} 条（只是提醒，不影响检查结果和发布）。", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
