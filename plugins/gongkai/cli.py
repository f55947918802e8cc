"""`gongkai check`: validate all content and run the disclosure gate without building the site.

Reads mkdocs.yml only for docs_dir and the plugin's catalogue path, then runs the same
content pass as the build (content.load_content). `--format github` prints workflow
annotations (`::error file=…,line=…::…`) so that a pull request shows each problem at its line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.utils import is_markdown_file

from .content import SourceFile, load_content
from .personal import mask_all
from .problems import Problem, errors
from .schema import SchemaError, load_schema


def _sources(docs_dir: Path) -> list[SourceFile]:
    """The files MkDocs would find: everything under docs_dir but dot-files and dot-folders."""
    out = []
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in rel.split("/")):
            out.append(SourceFile(rel, path.read_bytes(), is_markdown_file(rel)))
    return out


def check(project: Path) -> tuple[list[Problem], str]:
    """All problems in the project's content; the second value is a summary line."""
    config = load_config(str(project / "mkdocs.yml"))
    options = config.plugins["disclosure"].config if "disclosure" in config.plugins else {}
    catalogue = str(options.get("catalogue", "catalogue.yml"))
    docs_dir = Path(config.docs_dir)
    try:
        schema = load_schema(project / catalogue, catalogue)
    except SchemaError as e:
        return [Problem(catalogue, p) for p in e.problems], "catalogue.yml 有误"
    sources = _sources(docs_dir)
    loaded = load_content(schema, sources, docs_dir)
    result = loaded.result
    summary = f"检查了 {len(sources)} 个文件：可发布 {len(result.published)} 条，未发布 {sum(result.withheld.values())} 条。"
    return loaded.problems, summary


def github(problem: Problem) -> str:
    """A GitHub Actions workflow command; message text is escaped as the runner expects."""
    message = mask_all(problem.message).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    where = f"file={problem.file}" + (f",line={problem.line}" if problem.line else "")
    return f"::{problem.level} {where}::{message}"


def _print(problems: Iterable[Problem], fmt: str) -> None:
    for problem in problems:
        print(github(problem) if fmt == "github" else f"{'错误' if problem.level == 'error' else '警告'}：{problem}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongkai", description="政府信息公开网站的内容检查工具")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="检查全部内容和公开审查，不生成网站")
    check_cmd.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml）")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text", help="输出格式")
    args = parser.parse_args(argv)
    problems, summary = check(args.project.resolve())
    _print(problems, args.format)
    found = errors(problems)
    print(f"{summary}发现 {len(found)} 个错误、{len(problems) - len(found)} 个警告。", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
