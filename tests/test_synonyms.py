"""synonyms.yml: the editors' synonyms for site search, beside catalogue.yml. Each mistake is reported in
Chinese with its line, by the build (which stops) and by `gongkai check`; the groups reach the search
page folded as search words are (what a query with one word finds is in tests/test_search.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, build_site, entry
from gongkai.search import synonyms


def load(tmp_path: Path, text: str) -> synonyms.Synonyms:
    path = tmp_path / "synonyms.yml"
    path.write_text(text, encoding="utf-8")
    return synonyms.load(path, "synonyms.yml")


def test_groups_are_read_as_search_words_see_them(tmp_path: Path) -> None:
    found = load(tmp_path, "# 注释\n- 身份证 = 居民身份证\n- 換證＝换领 = ＡＢ１２\n")
    assert found.groups == (("身份证", "居民身份证"), ("换证", "换领", "ab12")) and not found.problems
    assert synonyms.load(tmp_path / "none.yml", "none.yml") == synonyms.Synonyms(())  # the file is optional
    assert load(tmp_path, "# 暂无\n").groups == ()


@pytest.mark.parametrize(("text", "line", "message"), [
    ("身份证: 居民身份证\n", 1, "文件内容应为列表：每组同义词写成一行，以“- ”开头、用“=”连接，如 “- 换证 = 换领”。"),
    ("- 换证 = 换领\n- [身份证, 居民身份证]\n", 2,
     "每组同义词应写成一行文字，用“=”连接，如 “- 换证 = 换领”；现为「['身份证', '居民身份证']」。"),
    ("- 换证\n", 1, "“换证”只有一个词。请用“=”连接意思相同的两个或多个词，如 “- 换证 = 换领”。"),
    ("- 换证 = = 换领\n", 1, "“换证 = = 换领”中“=”的两边都应有词语。"),
    ("- 换证 = 换领、补领\n", 1, "“换领、补领”应为连续的汉字，或连续的字母、数字，不能含空格、标点，也不能汉字与字母数字混写。"),
    ("- 证 = 证件\n", 1, "“证”只有一个字。同义词至少要两个字：单字会把检索词拆得太碎。"),
    ("- 换证 = 換證\n", 1, "“换证”在这一组中写了两次（简体和繁体写法算作同一个词）。"),
    ("- 换证 = 换领\n\n- 换發 = 換證\n", 3, "“换证”已在第 1 行的同义词组中。一个词只能属于一组，请把这两组合并成一行。"),
    ("- 换证 = 换领\n- [未闭合\n", 3, "YAML 格式错误（did not find expected ',' or ']'）。"),
])
def test_each_mistake_is_named_at_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    found = load(tmp_path, text)
    assert [(p.file, p.line, p.message) for p in found.problems] == [("synonyms.yml", line, message)]


def test_a_malformed_file_stops_the_build_and_fails_the_check(tmp_path: Path) -> None:
    files = {"content/xxgk/a.md": entry(), "synonyms.yml": "- 换证 = 换领\n- 证 = 证件\n"}
    build = build_site(tmp_path / "p", files)
    assert not build.ok
    assert "synonyms.yml 第 2 行：“证”只有一个字。同义词至少要两个字：单字会把检索词拆得太碎。" in build.errors
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "check", "--project", str(tmp_path / "p")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "错误：synonyms.yml 第 2 行：“证”只有一个字。同义词至少要两个字：单字会把检索词拆得太碎。" in result.stdout.splitlines()


def test_the_file_is_public_text_scanned_for_personal_data(tmp_path: Path) -> None:
    build = build_site(tmp_path / "p", {"content/xxgk/a.md": entry(), "synonyms.yml": "- 13812345678 = 联系电话\n"})
    assert not build.ok
    assert "synonyms.yml 第 1 行：发现疑似手机号码「138******78」" in build.errors


def test_the_groups_reach_the_search_page_folded(tmp_path: Path) -> None:
    build = build_site(tmp_path / "p", {"content/xxgk/a.md": entry(), "synonyms.yml": "- 換證 = 换领\n"})
    assert build.ok, build.errors
    query = json.loads((build.site / "pagefind/gk-query.json").read_text(encoding="utf-8"))
    assert query["synonyms"] == [["换证", "换领"]]


def test_the_example_s_file_is_valid() -> None:
    found = synonyms.load(PROJECT / "synonyms.yml", "synonyms.yml")
    assert not found.problems and len(found.groups) >= 20
