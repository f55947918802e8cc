"""`gongkai import`: an old portal's catalogue export and saved pages brought into a copy of the example
project, as a migrating engineer would: a dry run that touches nothing, a real run, a second run that
changes nothing, `gongkai check`, a strict build, and nginx answering the old addresses with 301."""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import importdata
import serving
from gongkai.cli.main import main
from gongkai.core.schema import load_schema
from gongkai.importing import addresses, cleaning, markdown, migrate
from gongkai.importing.entries import parse_date
from gongkai.importing.mapping import DATES
from gongkai.mkdocs.project import sources
from test_boundary import _head

XLSX, CSV, PAGES = "目录.xlsx", "目录.csv", "pages"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def gongkai(*args: str | Path) -> Run:
    """The command run in this process, its output kept; a SystemExit's message is standard error's."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
            err.write(str(e.code) if not isinstance(e.code, int) else "")
    return Run(code, out.getvalue(), err.getvalue())


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder` with a hash of its bytes and its modification time."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@dataclass(frozen=True)
class Migrated:
    project: Path
    source: Path
    before: dict[str, tuple[str, int]]
    dry: Run
    dry_file: str
    after_dry: dict[str, tuple[str, int]]
    real: Run
    after_real: dict[str, tuple[str, int]]
    again: Run
    after_again: dict[str, tuple[str, int]]
    csv: Run
    after_csv: dict[str, tuple[str, int]]
    pages: Run
    pages_again: Run
    pages_changed: bool
    check: Run


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Migrated:
    root = tmp_path_factory.mktemp("import")
    project = serving.copy_example(root / "project")
    source = root / "export"
    source.mkdir()
    data = importdata.rows()
    importdata.existing_clash(data)
    importdata.write_xlsx(source / XLSX, data)
    importdata.write_csv(source / CSV, data)
    importdata.write_attachments(source / "附件", data)
    importdata.write_pages(source / PAGES)
    (project / "import.yml").write_text(importdata.TABLE_MAPPING, encoding="utf-8")
    (project / "pages.yml").write_text(importdata.PAGES_MAPPING, encoding="utf-8")
    content = project / "content"
    table = ("import", "table", source / XLSX, "--project", project)
    before = snapshot(content)
    dry = gongkai(*table, "--dry-run")
    dry_file = (project / "import-report.md").read_text(encoding="utf-8")
    after_dry = snapshot(content)
    real = gongkai(*table)
    after_real = snapshot(content)
    again = gongkai(*table)
    after_again = snapshot(content)
    csv = gongkai("import", "table", source / CSV, "--project", project, "--report", root / "csv-report.md")
    after_csv = snapshot(content)
    pages_args = ("import", "pages", source / PAGES, "--mapping", project / "pages.yml", "--project", project,
                  "--report", root / "pages-report.md")
    pages = gongkai(*pages_args)
    after_pages = snapshot(content)
    pages_again = gongkai(*pages_args)
    pages_changed = snapshot(content) != after_pages
    check = gongkai("check", "--project", project, "--today", "2026-12-31")
    return Migrated(project, source, before, dry, dry_file, after_dry, real, after_real, again, after_again, csv, after_csv,
                    pages, pages_again, pages_changed, check)


def test_a_dry_run_reports_every_problem_by_row_and_touches_nothing(migrated: Migrated) -> None:
    assert migrated.after_dry == migrated.before
    report = migrated.dry.out
    assert migrated.dry.code == 1  # some rows cannot be imported
    assert report.startswith("# 导入报告（试运行，未写入任何文件）")
    assert "工作表「信息公开目录」，表头在第 1 行" in report
    assert "- 读取 214 行：可导入 205 条（新增 205、更新 0、不变 0）；出错未导入 8 条。" in report
    problems = [
        "第 9 行（索引号 11990000MB4567890D/2019-10007）：发布日期「2016-13-45」不是可以识别的日期",
        "第 27 行（索引号 11990000MB2345678B/2017-10025）：缺少必填字段「标题」（title）",
        "第 45 行（索引号 11990000MB4567890D/2019-10043）：字段「主题分类」（category）的值「不存在的栏目」"
        "不是 catalogue.yml 中的主题分类",
        "第 63 行（索引号 11990000MB2345678B/2017-10061）：正文第 1 行：发现疑似居民身份证号码「110*************",
        "第 81 行（索引号 11990000MB4567890D/2019-10079）：附件「不存在的附件.pdf」找不到",
        "第 99 行（索引号 11990000MB1234567A/2016-10096）：索引号「11990000MB1234567A/2016-10096」与第 98 行相同",
        "第 117 行（索引号 ABC-123）：索引号「ABC-123」不符合 import.yml 中 index_number.pattern 的格式 {org}-GK-{year}-{seq:5}",
    ]
    for problem in problems:
        assert problem in report, problem
    assert importdata.personal_number() not in report and importdata.personal_number()[6:14] not in report
    assert ("## 与现有条目的索引号重复（未导入）（1）\n\n- 第 152 行（索引号 11990000MB1234567A/2021-00012）：索引号"
            "「11990000MB1234567A/2021-00012」已被现有条目 content/xxgk/2021/huji-qianyi.md 使用") in report
    assert "## 不予公开，不导入（1）\n\n- 第 132 行" in report
    assert "第 133 行（索引号 11990000MB4567890D/2019-10131）：原公开属性为「删减后公开」" in report
    assert "原网址「http://gaj.example.gov.cn/jsp/show.jsp?id=57」带有查询参数「?id=57」" in report
    assert "- 第 4 行（索引号 11990000MB3456789C/2018-10002）：拼音注音 5 处（如 報(bào)）" in report
    assert "| 工作要闻 | " in report and "| 2019 | " in report and "| 公开文件 | 205 |" in report
    assert migrated.dry_file.strip() == report.strip()


def test_the_real_run_writes_entries_where_gongkai_new_would_with_attachments_and_old_addresses(migrated: Migrated) -> None:
    assert migrated.real.code == 1 and "- 写入了" in migrated.real.out
    added = set(migrated.after_real) - set(migrated.before)
    entries = sorted(p for p in added if p.endswith(".md"))
    assert len(entries) == 205 and not set(migrated.before) - set(migrated.after_real)
    first = (migrated.project / "content/xxgk/2016/11990000MB1234567A-2016-10000.md").read_text(encoding="utf-8")
    assert first.startswith("---\n# gongkai import ")
    assert "\ntitle: 示例市公安局关于户口迁移的通知（2016年第1期）\nindex_no: \"11990000MB1234567A/2016-10000\"\n" in first
    assert "\ncategory: 工作要闻\npublisher: 示例市公安局\ndoc_no: 示公通〔2016〕1号\ndate: 2016-01-01\n" in first
    assert ("attachments:\n  - file: \"11990000MB1234567A-2016-10000/xuzhi-000.pdf\"\n    title: 户口迁移办理须知\n"
            "previous_urls: [art/2016/1/1/art_1229_0.html]\n") in first
    assert (migrated.project / "content/xxgk/2016/11990000MB1234567A-2016-10000/xuzhi-000.pdf").is_file()
    table = (migrated.project / "content/xxgk/2017/11990000MB2345678B-2017-10001.md").read_text(encoding="utf-8")
    assert "| 项目 | 数量 |\n| --- | --- |\n| 受理咨询 | 531 |" in table
    encoded = (migrated.project / "content/xxgk/2017/11990000MB2345678B-2017-10013.md").read_text(encoding="utf-8")
    assert "previous_urls: [\"%E6%96%B0%E9%97%BB/2017/2/art_1229_13.html\"]" in encoded
    session = (migrated.project / "content/xxgk/2019/11990000MB4567890D-2019-10019.md").read_text(encoding="utf-8")
    assert re.search(r"previous_urls: \[art/2019/\d+/\d+/art_1229_19\.html, b/19\.html\]\n", session), session  # ;jsessionid= dropped
    unclear = (migrated.project / "content/xxgk/2016/11990000MB1234567A-2016-10008.md").read_text(encoding="utf-8")
    assert "# 待审核：原数据没有公开属性。已按「依申请公开」导入，不会发布；审核后请填写正确的公开属性。\ndisclosure: 依申请公开\n" in unclear


def test_a_second_import_and_the_same_catalogue_as_gb18030_csv_change_nothing(migrated: Migrated) -> None:
    assert migrated.after_again == migrated.after_real
    assert "可导入 205 条（新增 0、更新 0、不变 205）" in migrated.again.out
    assert migrated.after_csv == migrated.after_real
    assert "（编码 GB18030，表头在第 1 行）" in migrated.csv.out
    assert "可导入 205 条（新增 0、更新 0、不变 205）；出错未导入 8 条。" in migrated.csv.out


def test_saved_pages_of_two_portal_layouts_are_imported_and_cleaned(migrated: Migrated) -> None:
    report = migrated.pages.out
    assert "- 读取 25 个页面：可导入 24 条（新增 24、更新 0、不变 0）；出错未导入 1 条。" in report
    assert "- shi/t2018_broken.html（索引号 11990000MB4567890D/2018-20040）：缺少必填字段「发布日期」（date）" in report
    assert "index.html：没有找到元数据（索引号、发布日期等），不是文章页面，已跳过。" in report
    assert "拼音注音 1 处（如 為(wèi)）、空段落 1 处" in report
    assert not migrated.pages_changed and "可导入 24 条（新增 0、更新 0、不变 24）" in migrated.pages_again.out
    platform = (migrated.project / "content/xxgk/2018/11990000MB1234567A-2018-20000.md").read_text(encoding="utf-8")
    assert "\ncategory: 工作要闻\npublisher: 示例市公安局\nwritten: 2018-01-03\ndate: 2018-01-03\ndisclosure: 主动公开\n" in platform
    assert "| 单位 | 参与警力 |\n| --- | --- |\n| 各分局 | 120 |" in platform
    assert "title: 交通安全宣传月活动安排表" in platform and "字体" not in platform and "var _hmt" not in platform
    assert "[中国政府网](http://www.gov.cn/)" in platform
    city = (migrated.project / "content/xxgk/2019/11990000MB4567890D-2019-20001.md").read_text(encoding="utf-8")
    assert "\npublisher: 示例市公安局治安管理支队\n" in city and "\nsummary: 出入境证件办理提速的有关情况。\n" in city
    assert "為做好出入境证件办理提速" in city and "(wèi)" not in city and "\u3000" not in city
    assert "![活动现场](11990000MB4567890D-2019-20001/xianchang.png)" in city
    assert (migrated.project / "content/xxgk/2019/11990000MB4567890D-2019-20001/xianchang.png").is_file()


def test_the_imported_project_checks_builds_strictly_and_nginx_redirects_the_old_addresses(migrated: Migrated,
                                                                                       tmp_path: Path) -> None:
    assert migrated.check.code == 0, migrated.check.text[-3000:]
    assert "发现 0 个错误、0 个警告" in migrated.check.err
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(migrated.project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    site = migrated.project / "site"
    assert (site / "xxgk/11990000MB1234567A-2016-10000/xuzhi-000.pdf").is_file()
    assert not (site / "xxgk/11990000MB1234567A-2016-10008").exists()  # a draft for review
    target = serving.deploy(migrated.project, tmp_path / "srv")
    with serving.nginx(tmp_path, target) as (base, conf):
        checked = subprocess.run([serving.ensure("nginx"), "-t", "-c", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        for old, new in [("art/2016/1/1/art_1229_0.html", "xxgk/11990000MB1234567A-2016-10000/"),
                         ("%E6%96%B0%E9%97%BB/2017/2/art_1229_13.html", "xxgk/11990000MB2345678B-2017-10013/"),
                         ("art/2018/1/3/art_2001_0.html", "xxgk/11990000MB1234567A-2018-20000/"),
                         ("art/2019/2/4/art_2001_1.html", "xxgk/11990000MB4567890D-2019-20001/")]:
            status, headers = _head(f"{base}/{old}")
            assert status == 301 and headers["Location"].endswith(f"/{new}"), (old, status)
            assert _head(f"{base}/{new}")[0] == 200
        assert _head(f"{base}/art/2016/9/9/art_1229_8.html")[0] == 404  # the draft's old address: not yet


# --- import.yml --------------------------------------------------------------------------------------


def test_init_writes_import_yml_from_the_columns_and_values_it_sees(tmp_path: Path) -> None:
    project = serving.copy_example(tmp_path / "project")
    data = importdata.rows(40)
    importdata.write_xlsx(tmp_path / XLSX, data)
    importdata.write_attachments(tmp_path / "附件", data)
    made = gongkai("import", "init", tmp_path / XLSX, "--project", project)
    assert made.code == 0 and f"已生成 {project / 'import.yml'}" in made.out
    text = (project / "import.yml").read_text(encoding="utf-8")
    assert "# gongkai import 的导入设置，由 gongkai import init 根据" in text
    assert "columns:\n  索引号: index_no\n  标题: title\n  发布机构: publisher\n  主题分类: category\n" in text
    assert '    警务动态: ""\n' in text and "    通知公告: 通知公告\n" in text and '    示例市公安局交警支队: ""\n' in text
    assert "# 空白或不明确的公开属性一律作为「依申请公开」待审核导入，不会发布。" in text
    assert gongkai("import", "init", tmp_path / XLSX, "--project", project).code == 1  # never overwritten
    dry = gongkai("import", "table", tmp_path / XLSX, "--project", project, "--dry-run")
    assert "主题分类「警务动态」在 import.yml 的 values.category 中还没有填写对应的名称" in dry.out
    assert "# 注意：数据中的索引号（如 719776475-GK-2016-10000）不符合 catalogue.yml 的格式 {org}/{year}-{seq:5}，须填写。" in text
    assert "\nattachments: 附件\n" in text


def test_without_import_yml_columns_are_matched_by_their_names(tmp_path: Path) -> None:
    project = serving.copy_example(tmp_path / "project")
    rows = [["索引号", "标题", "发布机构", "主题分类", "发布日期", "有效性", "公开属性", "正文"],
            ["11990000MB1234567A/2016-00001", "春运交通安全提示", "示例市公安局", "工作要闻", "2016/1/20", "有效", "主动公开", "正文。"]]
    importdata.write_ods(tmp_path / "目录.ods", rows)
    run = gongkai("import", "table", tmp_path / "目录.ods", "--project", project)
    assert run.code == 0, run.out
    assert "没有 import.yml，按列名自动对应" in run.out and "新增 1" in run.out
    assert (project / "content/xxgk/2016/11990000MB1234567A-2016-00001.md").is_file()
    cells = "".join(f"<tr>{''.join(f'<td>{v}</td>' for v in row)}</tr>" for row in rows).replace("00001", "00002")
    (tmp_path / "导出.xls").write_text(f"<html><body><table>{cells}</table></body></html>", encoding="utf-8")
    html = gongkai("import", "table", tmp_path / "导出.xls", "--project", project)  # a CMS's HTML saved as .xls
    assert html.code == 0 and "网页表格（.xls 名称的 HTML 文件）" in html.out and "新增 1" in html.out


@pytest.mark.parametrize(("name", "data", "mapping", "said"), [
    ("目录.xlsx", b"truncated", None, "无法作为表格读取：文件不完整、已损坏"),
    ("目录.xlsx", b"PK\x03\x04\x14\x00\x00\x00garbage", None, "无法作为表格读取：文件不完整、已损坏"),
    ("目录.xlsx", b"bomb", None, "解压后有 301 MB，超过了导入的上限 300 MB"),
    ("目录.csv", "索引号,标题\n１,二\n".encode("gb18030"), "encoding: utf-8\n", "第 1 行有不是 utf-8 编码的字节"),
    ("目录.csv", "索引号,发布日期,正文\nA,2016-03-09,x\n".encode("gb18030"), None, "没有对应「标题」（title）、「主题分类」（category）"),
    ("目录.csv", "索引号,标题\nA,B\n".encode(), "columns:\n  文号: doc_no\n", "columns 中的列「文号」在"),
    ("目录.csv", b"", None, "是空文件"),
    ("目录.csv", "索引号,标题\n".encode(), "on_error: maybe\ndates: 1\n", "on_error「maybe」应为 skip"),
    ("目录.csv", "索引号,标题\n".encode(), "columns: [\n", "格式错误"),
    ("目录.csv", "索引号,标题\n".encode(), "type: news\n", "type「news」不是 catalogue.yml 中的内容类型"),
    ("目录.csv", "索引号,标题\n".encode(), "defaults:\n  disclosure: 主动公开\n", "defaults 中不能设置公开属性"),
])
def test_a_malformed_source_or_import_yml_is_one_chinese_message(tmp_path: Path, name: str, data: bytes,
                                                                 mapping: str | None, said: str) -> None:
    project = serving.copy_example(tmp_path / "project")
    (tmp_path / name).write_bytes(data)
    if mapping is not None:
        (project / "import.yml").write_text(mapping, encoding="utf-8")
    if name.endswith(".xlsx"):
        made = {b"truncated": _truncated_xlsx, b"bomb": _bomb_xlsx}
        (tmp_path / name).write_bytes(made[data](tmp_path) if data in made else data)
    before = snapshot(project / "content")
    run = gongkai("import", "table", tmp_path / name, "--project", project)
    assert run.code == 1
    assert said in run.text and "Traceback" not in run.text
    assert "没有导入任何内容：" in run.err and "导入完成" not in run.err
    assert snapshot(project / "content") == before


def _bomb_xlsx(folder: Path) -> bytes:
    """A workbook of some 300 KB whose sheet unpacks to 301 MB of spaces."""
    importdata.write_xlsx(folder / "whole.xlsx", importdata.rows(1))
    out = io.BytesIO()
    with zipfile.ZipFile(folder / "whole.xlsx") as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            bomb.writestr(member, source.read(member))
        with bomb.open("xl/worksheets/padding.xml", "w", force_zip64=True) as padding:
            for _ in range(301):
                padding.write(b" " * 1024 * 1024)
    return out.getvalue()


def _truncated_xlsx(folder: Path) -> bytes:
    importdata.write_xlsx(folder / "whole.xlsx", importdata.rows(5))
    whole = (folder / "whole.xlsx").read_bytes()
    return whole[: len(whole) // 2]


def test_a_folder_without_article_pages_or_a_missing_source_is_one_chinese_message(tmp_path: Path) -> None:
    project = serving.copy_example(tmp_path / "project")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty/a.html").write_bytes(b"\xff\xfe<html>\x00broken")
    run = gongkai("import", "pages", tmp_path / "empty", "--project", project)
    assert run.code == 1 and "中没有找到文章页面" in run.out and "Traceback" not in run.text
    missing = gongkai("import", "table", tmp_path / "nothing.xlsx", "--project", project)
    assert missing.code == 1 and "无法读取" in missing.out and "文件或目录不存在" in missing.out


def test_a_long_import_shows_its_progress(tmp_path: Path) -> None:
    project = serving.copy_example(tmp_path / "project")
    rows = [["索引号", "标题", "发布机构", "主题分类", "发布日期", "有效性", "公开属性", "正文"]]
    rows += [[f"11990000MB1234567A/2016-{n:05d}", f"通知{n}", "示例市公安局", "工作要闻", "2016-03-09", "有效", "主动公开",
              "<p>正文。</p>"] for n in range(1, 451)]
    importdata.write_ods(tmp_path / "目录.ods", rows)
    files, _ = sources(project / "content")
    schema = load_schema(project / "catalogue.yml", "catalogue.yml")
    request = migrate.Request(migrate.TABLE, tmp_path / "目录.ods", "目录.ods", project, project / "content", schema, files,
                              None, dry_run=True, progress=True)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        outcome = migrate.run(request)
    assert len(outcome.imported) == 450 and not outcome.failed  # converted in forked processes (450 ≥ 400)
    assert "转换: 100%" in err.getvalue() and "450/450" in err.getvalue()
    assert "正在按构建的规则检查" in err.getvalue()


# --- re-imports ---------------------------------------------------------------------------------------


def _small(tmp_path: Path, mapping: str = importdata.TABLE_MAPPING) -> tuple[Path, Path, list[dict[str, object]]]:
    project = serving.copy_example(tmp_path / "project")
    data = importdata.rows(12)
    importdata.write_xlsx(tmp_path / XLSX, data)
    importdata.write_attachments(tmp_path / "附件", data)
    (project / "import.yml").write_text(mapping, encoding="utf-8")
    return project, tmp_path / XLSX, data


def test_a_changed_source_updates_its_entries_but_never_an_editors_change(tmp_path: Path) -> None:
    project, source, data = _small(tmp_path)
    assert gongkai("import", "table", source, "--project", project).code == 1  # row 9's date
    edited = project / "content/xxgk/2017/11990000MB2345678B-2017-10001.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("受理咨询", "受理群众咨询"), encoding="utf-8")
    data[0]["标题"] = "示例市公安局关于户口迁移的通知（修订）"
    data[1]["标题"] = "改过的标题"
    importdata.write_xlsx(source, data)
    run = gongkai("import", "table", source, "--project", project)
    assert "新增 0、更新 1、不变 9" in run.out
    assert "## 已被手工修改，未覆盖（需要覆盖时加 --overwrite）（1）\n\n- 第 3 行" in run.out
    updated = project / "content/xxgk/2016/11990000MB1234567A-2016-10000.md"
    assert "title: 示例市公安局关于户口迁移的通知（修订）" in updated.read_text(encoding="utf-8")
    assert "受理群众咨询" in edited.read_text(encoding="utf-8")
    forced = gongkai("import", "table", source, "--project", project, "--overwrite")
    assert "更新 1" in forced.out and "title: 改过的标题" in edited.read_text(encoding="utf-8")


def test_on_error_stop_imports_nothing_when_a_row_fails(tmp_path: Path) -> None:
    project, source, _ = _small(tmp_path, importdata.TABLE_MAPPING.replace("on_error: skip", "on_error: stop"))
    before = snapshot(project / "content")
    run = gongkai("import", "table", source, "--project", project)
    assert run.code == 1 and "import.yml 设置了 on_error: stop，有 1 条出错，因此没有导入任何信息。" in run.out
    assert snapshot(project / "content") == before


# --- the parts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "path", "why"), [
    ("http://gaj.example.gov.cn/art/2016/3/9/art_1229_5.html", "art/2016/3/9/art_1229_5.html", ""),
    ("/新闻/2016/art_1.html#top", "%E6%96%B0%E9%97%BB/2016/art_1.html", ""),
    ("/新闻/2016/art 1.html", "", "百分号编码解出了不允许的字符 U+0020"),
    ("http://gaj.example.gov.cn/show.jsp?id=5", "", "带有查询参数「?id=5」"),
    ("http://gaj.example.gov.cn/", "", "是原网站的首页"),
    ("http://gaj.example.gov.cn/a;jsessionid=1/b.html", "a/b.html", ""),  # a Java server's session, dropped
    ("http://gaj.example.gov.cn/a;b.html", "", "百分号编码解出了不允许的字符 U+003B"),
    ("ftp://gaj.example.gov.cn/a.pdf", "", "不是网页地址"),
])
def test_an_old_address_becomes_a_path_in_the_grammar_of_server_paths(url: str, path: str, why: str) -> None:
    found = addresses.former(url)
    assert found.path == path and why in found.why


@pytest.mark.parametrize(("text", "day"), [
    ("2016-03-09 11:09", "2016-03-09"), ("2016年3月9日", "2016-03-09"), ("2016/3/9", "2016-03-09"),
    ("２０１６－０３－０９", "2016-03-09"), ("二〇一六年三月十九日", "2016-03-19"), ("2016.12.31", "2016-12-31"),
])
def test_dates_are_read_in_the_formats_of_old_portals(text: str, day: str) -> None:
    found = parse_date(text, DATES)
    assert found is not None and found.isoformat() == day


def test_cleaning_removes_pinyin_wide_spaces_and_invisible_characters_and_counts_them() -> None:
    changes = cleaning.Changes()
    assert cleaning.clean("\u3000\u3000本報(bào)告根據（jù）\u200b條例。\u3000", changes) == "本報告根據條例。"
    assert changes.counts == {cleaning.PINYIN: 2, cleaning.SPACES: 2, cleaning.UNSEEN: 1}
    assert "報(bào)" in changes.said()


def test_no_file_outside_the_source_folder_is_ever_taken(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside/secret.pdf").write_bytes(b"%PDF-1.4 secret")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ok.pdf").write_bytes(b"%PDF-1.4 ok")
    (pages / "link.pdf").symlink_to(tmp_path / "outside/secret.pdf")
    (pages / "page.html").write_bytes(b"<p>x</p>")
    where = markdown.Where(pages, pages, "slug")
    assert markdown.local_file("ok.pdf", where) == (pages / "ok.pdf").resolve()
    for target in ("../outside/secret.pdf", "/outside/secret.pdf", "link.pdf", "page.html", str(tmp_path / "outside/secret.pdf")):
        assert markdown.local_file(target, where) is None, target
    body = markdown.convert('<p><a href="../outside/secret.pdf">密件</a><img src="http://other.example/x.png" alt="外站图"></p>',
                            where, clean=False)
    assert body.files == [] and body.markdown == "密件外站图\n"
