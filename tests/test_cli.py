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
