"""`make bench-import [ROWS=10000]`: the time `gongkai import table` takes for a large catalogue export.

Writes ROWS deterministic rows (the same ROWS always give the same bytes: Chinese titles, HTML bodies
of five paragraphs, a table in every fourth, dates in three formats) into an XLSX file, copies the
example project into a temporary folder, runs the command as a user would (a process of its own,
start-up included) and prints one JSON line: rows, seconds, rows per second, files written; then runs it
again, which must change nothing, and adds that run's seconds and files changed.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["索引号", "标题", "发布机构", "主题分类", "文号", "发布日期", "有效性", "公开属性", "主题词", "内容概述", "正文", "原网址"]
PUBLISHERS = [("示例市公安局", "11990000MB1234567A"), ("示例市公安局交通警察支队", "11990000MB2345678B"),
              ("示例市公安局出入境管理支队", "11990000MB3456789C"), ("示例市公安局治安管理支队", "11990000MB4567890D")]
CATEGORIES = ["工作要闻", "通知公告", "户籍管理", "交通管理", "出入境管理", "便民服务", "行政许可", "行政处罚", "规范性文件",
              "部门预决算"]
SUBJECTS = ["户口迁移", "居民身份证办理", "机动车登记", "出入境证件", "治安管理", "消防安全检查", "反诈骗宣传", "交通安全"]
SENTENCES = ["为进一步规范{s}工作，提高服务群众水平，结合本市实际，制定本通知。",
             "各级公安机关要严格落实{s}有关规定，做到依法、公开、便民。",
             "群众办理{s}业务，可通过政务服务网上办理，也可到就近的派出所窗口办理。",
             "全年共受理群众咨询531件，答复519件，按时办结率达到百分之百。"]


def row(n: int, rng: random.Random) -> list[object]:
    publisher, code = PUBLISHERS[n % len(PUBLISHERS)]
    year = 2016 + n % 8
    month, day = 1 + rng.randrange(12), 1 + rng.randrange(28)
    subject = rng.choice(SUBJECTS)
    date = [f"{year}-{month:02d}-{day:02d} 11:09", f"{year}年{month}月{day}日", f"{year}/{month}/{day}"][n % 3]
    body = "".join(f"<p>\u3000\u3000{''.join(rng.choice(SENTENCES).format(s=subject) for _ in range(3))}</p>" for _ in range(5))
    if n % 4 == 0:
        body += f"<table><tr><td>项目</td><td>数量</td></tr><tr><td>{subject}</td><td>{n}</td></tr></table>"
    return [f"{code}/{year}-{60000 + n:05d}", f"示例市公安局关于{subject}的通知（第{n}号）", publisher, CATEGORIES[n % len(CATEGORIES)],
            f"示公通〔{year}〕{n + 1}号", date, "有效", "主动公开", f"{subject}、通知", f"关于{subject}的通知。", body,
            f"http://gaj.example.gov.cn/art/{year}/{month}/{day}/art_1229_{n}.html"]


def write_rows(path: Path, count: int) -> None:
    rng = random.Random(count)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("目录")
    sheet.append(HEADERS)
    for n in range(count):
        sheet.append(row(n, rng))
    book.save(path)


def main(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "project"
        project.mkdir()
        for part in ("content", "overrides", "catalogue.yml", "mkdocs.yml"):
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy)(ROOT / part, project / part)
        source = Path(folder) / "export.xlsx"
        write_rows(source, count)
        before = _files(project / "content")
        seconds, written = _timed(source, project), _files(project / "content")
        again, after = _timed(source, project), _files(project / "content")
    print(json.dumps({"rows": count, "seconds": round(seconds, 2), "rows_per_second": round(count / seconds),
                      "written_files": len(written.keys() - before.keys()), "second_run_seconds": round(again, 2),
                      "second_run_changed_files": sum(1 for k in after if after[k] != written.get(k))}))


def _timed(source: Path, project: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "import", "table", str(source), "--project", str(project)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stderr[-2000:] or result.stdout[-2000:])
    return time.perf_counter() - started


def _files(folder: Path) -> dict[str, int]:
    """Every file under `folder` by path, with its modification time."""
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)
