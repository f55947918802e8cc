"""The command line: `gongkai check`, `inspect`, `new`, `diff`, `import`, `build` and `serve` (cli/check.py, cli/inspect.py,
cli/scaffold.py, cli/changes.py, cli/importer.py, mkdocs/command.py). No command ends in a traceback: a failure of the machine or of
the program is one Chinese sentence (mkdocs/console.py)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from gongkai.cli import arguments, changes, check, importer, inspect, scaffold
from gongkai.core import freshness
from gongkai.mkdocs import command, console
from gongkai.mkdocs.project import ProjectError
from gongkai.types import powerlist, reports  # noqa: F401 (importing them registers their checks with the core)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    project = getattr(args, "project", Path.cwd()).resolve()
    if args.command == "build":
        return command.main(project, args.site_dir, args.strict)
    return console.guarded(lambda: _run(args, project), lambda why: print(f"gongkai {args.command} 没有完成：{why}", file=sys.stderr),
                           project / console.TRACE)


def _run(args: argparse.Namespace, project: Path) -> int:
    try:
        return _command(args, project)
    except ProjectError as e:
        print("\n".join(f"错误：{p}" for p in e.problems), file=sys.stderr)
        return 1


def _command(args: argparse.Namespace, project: Path) -> int:
    if args.command == "diff":
        print(changes.markdown(changes.compare(args.old, args.new), args.base_url), end="")
        return 0
    if args.command == "import":
        return importer.run(args, project)
    if args.command == "serve":
        return command.serve(project, args.dev_addr)
    if args.command == "new":
        target = scaffold.new(project, args.type, args.publisher, args.date, args.path)
        print(f"已新建：{target}。请填写各字段后运行 gongkai check。")
        return 0
    if args.command == "inspect":
        return inspect.run(project, args.today, args.format)
    return check.run(project, args.today, args.format, args.reminders)


def _parser() -> argparse.ArgumentParser:
    parser = arguments.Parser(prog="gongkai", description="政府信息公开网站：内容检查、自查、新建、比较、迁移和构建")
    commands = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令")
    check_cmd = commands.add_parser("check", help="检查全部内容和公开审查（与 make site 的检查完全相同），不生成网站")
    check_cmd.add_argument("--format", choices=("text", "github"), default="text", help="输出格式")
    check_cmd.add_argument("--reminders", action="store_true", help="列出全部时效提醒（栏目更新不及时等）")
    check_cmd.add_argument("--today", help=f"时效提醒按这一天计算（YYYY-MM-DD），默认今天；也可用环境变量 {freshness.ENV}")
    inspect_cmd = commands.add_parser("inspect", help="按政府网站检查指标自查，写出 inspection/report.html 和 report.json；"
                                                      "有单项否决问题时退出码为 1")
    inspect_cmd.add_argument("--format", choices=("text", "github"), default="text", help="输出格式")
    inspect_cmd.add_argument("--today", help=f"按这一天检查（YYYY-MM-DD），默认今天；也可用环境变量 {freshness.ENV}")
    new_cmd = commands.add_parser("new", help="新建一个内容文件，自动填写下一个可用的索引号")
    new_cmd.add_argument("type", help="内容类型，如 entry（目录条目）、guide（办事指南）")
    new_cmd.add_argument("--publisher", help="发布机构全称，默认为 catalogue.yml 中的第一个")
    new_cmd.add_argument("--date", type=arguments.date, default=dt.date.today(), help="发布日期（YYYY-MM-DD），默认今天")
    new_cmd.add_argument("--path", type=Path, help="文件路径（相对于 content/），默认 <目录>/<年份>/<索引号>.md")
    build_cmd = commands.add_parser("build", help="构建网站：先生成到临时目录，成功后再替换 site/")
    build_cmd.add_argument("--site-dir", type=Path, default=None, help="网站目录，默认为项目目录下的 site/")
    build_cmd.add_argument("--strict", action="store_true", help="严格模式：有警告也不发布")
    serve_cmd = commands.add_parser("serve", help="本地预览：生成网站并在浏览器中查看，保存文件后自动刷新")
    serve_cmd.add_argument("--dev-addr", default=None, help="预览地址，默认 127.0.0.1:8000")
    for sub in (check_cmd, inspect_cmd, new_cmd, build_cmd, serve_cmd):
        sub.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml）")
    importer.add_commands(commands)
    diff_cmd = commands.add_parser("diff", help="列出两次构建之间新增、修改、删除的公开网址")
    diff_cmd.add_argument("old", type=Path, help="修改前构建的 site 目录")
    diff_cmd.add_argument("new", type=Path, help="修改后构建的 site 目录")
    diff_cmd.add_argument("--base-url", default="/", help="网址前缀，如 https://gk.example.gov.cn/")
    return parser


if __name__ == "__main__":
    sys.exit(main())
