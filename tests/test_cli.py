"""`gongkai check`: the whole content pass without a build, for editors and pull-request checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import build_site, entry


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongkai.cli", "check", "--project", str(root), *args],
                          capture_output=True, text=True)


def project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "p"
    build_site(root, files)  # writes the project; the build itself is not what is tested here
    return root


def test_check_passes_clean_content_without_building(tmp_path):
    root = project(tmp_path, {"content/xxgk/a.md": entry()})
    (root / "site").rename(root / "built")
    result = check(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "可发布 1 条，未发布 0 条。发现 0 个错误、0 个警告。" in result.stderr
    assert not (root / "site").exists()


def test_check_reports_every_problem_and_fails(tmp_path):
    root = project(tmp_path, {"content/xxgk/a.md": entry(date="2021-13-01", colour="红"),
                              "content/xxgk/b.md": entry("000014349/2021-00002").replace("正文第一段。", "手机 13812345678")})
    result = check(root)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert ("错误：content/xxgk/a.md 第 6 行：字段「发布日期」（date）的值「2021-13-01」不是有效日期，应按“年-月-日”写成 "
            "YYYY-MM-DD，如 2021-03-15。") in lines
    assert any(line.startswith("警告：content/xxgk/a.md 第 9 行：未知字段「colour」") for line in lines)
    assert "错误：content/xxgk/b.md 第 11 行：发现疑似手机号码「138******78」。" in "\n".join(lines)
    assert "13812345678" not in result.stdout + result.stderr


def test_github_format_annotates_the_offending_line(tmp_path):
    root = project(tmp_path, {"content/xxgk/a.md": entry(category="无此分类")})
    result = check(root, "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith(
        "::error file=content/xxgk/a.md,line=4::字段「主题分类」（category）的值「无此分类」不是 catalogue.yml 中的主题分类；")


def test_github_format_cannot_be_forged_or_leak_by_a_file_name(tmp_path):
    named = "zhang-110101199003074573\n::error file=fake.md,line=1::PWNED.txt"
    root = project(tmp_path, {"content/xxgk/a.md": entry(), f"content/files/{named}": "x"})
    result = check(root, "--format", "github")
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert result.returncode == 1 and commands, result.stdout + result.stderr
    assert len(commands) == 1 and "%0A%3A%3Aerror file=fake.md%2Cline=1%3A%3APWNED.txt::" in commands[0]
    assert not any(line.startswith("::error file=fake.md") for line in result.stderr.splitlines())  # the log too
    assert "110101199003074573" not in result.stdout + result.stderr


def test_new_writes_every_field_with_the_next_index_number(tmp_path):
    root = project(tmp_path, {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00007")})
    made = subprocess.run([sys.executable, "-m", "gongkai.cli", "new", "entry", "--project", str(root),
                           "--publisher", "测试市公安局", "--date", "2021-06-01"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    path = root / "content/xxgk/2021/000014349-2021-00008.md"
    text = path.read_text(encoding="utf-8")
    assert "index_no: 000014349/2021-00008\n" in text and "publisher: 测试市公安局\n" in text
    assert "# 公开属性（必填）：从下列值中选一个\n#   可选：主动公开、依申请公开、删减后公开、不予公开\ndisclosure:\n" in text
    assert "# 替代文件（validity 为 废止、已修改 时必填）" in text
    result = check(root)
    assert result.returncode == 1
    assert "错误：content/xxgk/2021/000014349-2021-00008.md 第 4 行：必填字段「标题」（title）没有填写。" in result.stdout
    for field in ("「主题分类」（category）", "「公开属性」（disclosure）", "「有效性」（validity）"):
        assert f"必填字段{field}没有填写" in result.stdout
    filled = text.replace("title:\n", "title: 新通知\n").replace("category:\n", "category: 规范性文件\n").replace(
        "disclosure:\n", "disclosure: 主动公开\n").replace("validity:\n", "validity: 有效\n")
    path.write_text(filled, encoding="utf-8")
    unwritten = check(root)  # the body is still the prompt: it would be published as it is
    assert unwritten.returncode == 1
    assert unwritten.stdout == (f"错误：content/xxgk/2021/000014349-2021-00008.md 第 {filled.count(chr(10))} 行：正文中还有提示文字"
                                "「【待填写：正文】」，请把它换成实际内容后再提交。\n")
    path.write_text(filled.replace("【待填写：正文】", "通知正文。"), encoding="utf-8")
    assert check(root).returncode == 0


def test_new_refuses_an_unknown_type(tmp_path):
    root = project(tmp_path, {"content/xxgk/a.md": entry()})
    made = subprocess.run([sys.executable, "-m", "gongkai.cli", "new", "notice", "--project", str(root)],
                          capture_output=True, text=True)
    assert made.returncode == 1 and "没有内容类型「notice」；可用：entry（目录条目）" in made.stderr


def test_diff_lists_the_public_urls_a_change_adds_changes_and_removes(tmp_path):
    old = build_site(tmp_path / "old", {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002")})
    new = build_site(tmp_path / "new", {"content/xxgk/a.md": entry().replace("正文第一段。", "改过的正文。"),
                                        "content/xxgk/c.md": entry("000014349/2021-00003")})
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "diff", str(old.site), str(new.site),
                             "--base-url", "https://example.gov.cn/"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("本次提交：新增 1 个、修改 ")
    assert "### 新增\n\n- https://example.gov.cn/xxgk/000014349-2021-00003/" in out
    assert "- https://example.gov.cn/xxgk/000014349-2021-00001/" in out.split("### 修改")[1].split("###")[0]
    assert "### 删除\n\n- https://example.gov.cn/xxgk/000014349-2021-00002/" in out
    assert "- https://example.gov.cn/mulu/" in out.split("### 修改")[1]  # the listing now shows other entries
