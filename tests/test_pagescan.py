"""A page's scan as written: the parts other pages repeat are scanned once, with the same findings."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import PROJECT
from gongkai.engine import pagescan
from gongkai.outputs import links

HEAD = '<html><head><script>var a=1</script><link rel="stylesheet" href="../../a.css"></head><body><p>页首</p>'
SIDEBAR = ('\n  <nav id="nav"><a href="../../mulu/">政府信息公开目录</a><a href="../../nope/#x">按年份</a>'
           '<input id="__nav_2"><!-- 注释 --><script>var b=2</script></nav>\n')


def page(n: int) -> str:
    return f'{HEAD}{SIDEBAR}<article id="e{n}"><h1>第{n}号通知</h1><a href="#e{n}">本页</a><a href="../{n}/">下一条</a></article>'


def test_a_shared_sidebar_is_found_as_in_place_and_scanned_once(monkeypatch):
    whole, parts = pagescan.Scan(), pagescan.Scan()
    for n in range(3):
        whole.add(f"xxgk/{n}/index.html", page(n))
    calls = []
    parse = links.parse
    monkeypatch.setattr(links, "parse", lambda text: calls.append(text) or parse(text))
    for n in range(3):
        parts.add(f"xxgk/{n}/index.html", page(n), [SIDEBAR])
    assert parts.pages == whole.pages
    assert parts.pages["xxgk/1/index.html"].links == ["../../a.css", "../../mulu/", "../../nope/#x", "#e1", "../1/"]
    assert parts.pages["xxgk/1/index.html"].elsewhere
    assert (parts.executable, parts.han) == (whole.executable, whole.han)
    assert "按年份" in parts.han and parts.executable["xxgk/1/index.html"] == ["内联脚本（<script> 元素中的代码）"]
    assert sum(SIDEBAR in text for text in calls) == 1


def test_a_fragment_that_is_not_whole_elements_is_scanned_in_place():
    scan, text = pagescan.Scan(), "<p>政府信息公开</p>"
    scan.add("a.html", text, ["信息"])
    assert scan.han == {"政府信息公开"}
    scan.add("b.html", "<p>没有</p>", ["<p>不在页面中</p>"])
    assert scan.han == {"政府信息公开", "没有"}


def test_the_example_sites_pages_scan_as_their_files(tmp_path: Path) -> None:
    """Scanned as written, with the theme's shared parts scanned once, every page of the example site
    gives what a scan of its file gives."""
    config = load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    scan, whole = config.plugins["disclosure"].build.engine.scan, pagescan.Scan()
    for rel in scan.pages:
        whole.add(rel, (tmp_path / "site" / rel).read_text(encoding="utf-8"))
    assert len(scan.pages) > 50 and scan.pages == whole.pages
    assert (scan.executable, scan.han) == (whole.executable, whole.han) == ({}, whole.han)
    assert len(config.plugins["disclosure"].build.engine.once.saved) > 5  # sidebars, styles, scripts, … of several places
