"""`gongkai import`: an existing portal's catalogue brought across (importing/ does the work).

- `gongkai import init SOURCE` writes import.yml from the columns (or a folder's page labels) it sees;
- `gongkai import table FILE` imports a spreadsheet or CSV export;
- `gongkai import pages DIR` imports a folder of saved article pages.

The report is printed and written to a file (import-report.md beside mkdocs.yml by default); the
exit status is 1 when anything could not be imported, so that a script notices.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gongkai.core.personal import mask_all
from gongkai.core.schema import Schema, SchemaError, load_schema
from gongkai.importing import migrate, report
from gongkai.importing.mapping import MappingError
from gongkai.importing.records import SourceError
from gongkai.mkdocs.project import read as read_project
from gongkai.mkdocs.project import sources as project_sources

MAPPING, REPORT = "import.yml", "import-report.md"


def add_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("import", help="从原网站迁移：导入目录表格或保存的网页")
    actions = parser.add_subparsers(dest="action", required=True)
    init = actions.add_parser("init", help="根据表格的列或网页的元数据生成 import.yml（导入设置）")
    init.add_argument("source", type=Path, help="表格文件（.xlsx .xls .ods .csv）或保存网页的目录")
    init.add_argument("--output", type=Path, help=f"写入的文件，默认为项目目录下的 {MAPPING}")
    init.add_argument("--force", action="store_true", help="覆盖已有的文件")
    table = actions.add_parser("table", help="导入目录表格（.xlsx .xls .ods .csv）")
    table.add_argument("source", type=Path, help="表格文件")
    pages = actions.add_parser("pages", help="导入保存的文章网页所在的目录")
    pages.add_argument("source", type=Path, help="保存网页的目录")
    for sub in (table, pages):
        sub.add_argument("--mapping", type=Path, help=f"导入设置，默认为项目目录下的 {MAPPING}（没有时按列名自动对应）")
        sub.add_argument("--dry-run", action="store_true", help="试运行：只检查并写出报告，不改动 content/")
        sub.add_argument("--clean", action="store_true", help="清理复制粘贴带来的拼音注音、全角空格、空段落等")
        sub.add_argument("--overwrite", action="store_true", help="覆盖导入后被手工修改过的文件")
        sub.add_argument("--report", type=Path, help=f"报告文件，默认为项目目录下的 {REPORT}")
    for sub in (init, table, pages):
        sub.add_argument("--type", default="entry", help="内容类型（没有 import.yml 时），默认 entry（目录条目）")
        sub.add_argument("--project", type=Path, default=Path.cwd(), help="项目目录（含 mkdocs.yml）")


def run(args: argparse.Namespace, project: Path) -> int:
    found = read_project(project)
    try:
        schema = load_schema(project / found.catalogue, found.catalogue)
    except SchemaError as e:
        raise SystemExit(str(e)) from None
    if args.action == "init":
        return _init(args, project, schema)
    mapping = args.mapping or (project / MAPPING if (project / MAPPING).is_file() else None)
    if mapping is not None and not mapping.is_file():
        raise SystemExit(f"找不到导入设置 {mapping}；可运行 gongkai import init {args.source} 生成。")
    files, _ = project_sources(found.docs_dir)
    request = migrate.Request(args.action, args.source, str(args.source), project, found.docs_dir, schema, files,
                              mapping, args.dry_run, args.clean, args.overwrite, args.type, sys.stderr.isatty())
    outcome = migrate.run(request)
    text = report.render(outcome)
    print(text)
    target = args.report or project / REPORT
    target.write_text(text + "\n", encoding="utf-8")
    failed = len(outcome.failed)
    done = f"{'试运行' if args.dry_run else '导入'}完成：可导入 {len(outcome.imported)} 条，出错 {failed} 条" + (
        "（未写入）" if args.dry_run or outcome.stopped else "")
    said = f"没有导入任何内容：{outcome.fatal.split(chr(10), 1)[0].rstrip('：:。')}" if outcome.fatal else done
    print(mask_all(f"{said}。报告已写入 {target}。"), file=sys.stderr)
    return 1 if outcome.fatal or failed else 0


def _init(args: argparse.Namespace, project: Path, schema: Schema) -> int:
    target = args.output or project / MAPPING
    if target.exists() and not args.force:
        raise SystemExit(f"{target} 已存在，未覆盖；需要重新生成时加 --force。")
    kind = migrate.PAGES if args.source.is_dir() else migrate.TABLE
    try:
        text = migrate.init(kind, args.source, str(args.source), schema, args.type)
    except (SourceError, MappingError) as e:
        raise SystemExit(mask_all(str(e))) from None
    target.write_text(text, encoding="utf-8")
    print(f"已生成 {target}。请检查列的对应关系，填写 values 中右边为空的名称，然后运行 gongkai import "
          f"{kind} {args.source} --dry-run 试运行。")
    return 0
