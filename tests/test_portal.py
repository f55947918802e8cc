"""The public portal: the home page's links and newest items, entry pages' QR codes, the print stylesheet."""

from __future__ import annotations

import re
from html import unescape

import segno
import yaml

from conftest import entry
from test_example_site import SCHEMA, page_of, sources

PUBLIC = ("主动公开", "删减后公开")
HOME_MD = """---
template: home.html
portal:
  - {title: 公开目录, link: mulu/index.md, note: 全部信息}
  - {title: 法定主动公开内容, link: "#zhudong-gongkai"}
---

# 首页
"""


def newest_first(metas: list[dict]) -> list[dict]:
    public = [m for m in metas if m["disclosure"] in PUBLIC and not m.get("withdrawn")]
    return sorted(public, key=lambda m: (str(m["date"]), str(m["index_no"])), reverse=True)


def section(html: str, css_class: str) -> str:
    start = html.index(f'<section class="{css_class}"')
    return html[start:html.index("</section>", start)]


def listed(html: str) -> list[tuple[str, str]]:
    """(link, date) of every item with a date, in page order."""
    return re.findall(r'<a href="([^"]+)">[^<]*</a>\s*(?:<span[^>]*>[^<]*)?<time datetime="([^"]+)"', html)


def test_home_lists_the_ten_newest_public_items_with_their_own_dates(served_example):
    home = (served_example.site / "index.html").read_text(encoding="utf-8")
    expected = [(page_of(m).removesuffix("index.html"), str(m["date"])) for m in newest_first(sources())[:10]]
    assert listed(section(home, "gk-newest")) == expected
    withheld = [m for m in sources() if m["disclosure"] not in PUBLIC]
    assert withheld and not any(str(m["title"]) in home for m in withheld)


def test_home_shows_every_top_level_category_with_its_newest_item(served_example):
    home = (served_example.site / "index.html").read_text(encoding="utf-8")
    columns = section(home, "gk-columns")
    for top in SCHEMA["categories"]:
        names = {top["name"], *(c["name"] for c in top.get("children") or [])}
        items = [m for m in newest_first(sources()) if m["category"] in names]
        item = re.search(rf'href="mulu/fenlei/{top["code"]}/">{top["name"]}</a> <span class="gk-count">（(\d+) 条）'
                         r'.*?(?:最新：(.*?)</p>|暂无信息)', columns, re.DOTALL)
        assert item and int(item[1]) == len(items), top["name"]
        assert listed(item[2] or "") == [(page_of(m).removesuffix("index.html"), str(m["date"])) for m in items[:1]]


def test_home_links_every_part_of_the_disclosure_portal(served_example):
    home = (served_example.site / "index.html").read_text(encoding="utf-8")
    portal = home[home.index('<nav class="gk-portal"'):home.index("</nav>", home.index('<nav class="gk-portal"'))]
    links = dict(re.findall(r'<a href="([^"]*)">\s*<strong>([^<]+)</strong>', portal))
    assert links == {"gongkai-zhinan/": "政府信息公开指南", "gongkai-zhidu/": "政府信息公开制度", "mulu/": "政府信息公开目录",
                     "#zhudong-gongkai": "法定主动公开内容", "bszn/": "办事指南", "zcjd/": "政策解读",
                     "ndbg/": "政府信息公开年度报告", "yishenqing/": "依申请公开", "qzqd/": "权责清单"}
    rules = (served_example.site / "gongkai-zhidu/index.html").read_text(encoding="utf-8")
    for heading in ("主动公开", "依申请公开", "保密审查", "监督考核"):
        assert re.search(rf"<h2[^>]*>[一二三四五六]、{heading}</h2>", rules), heading


def test_home_of_a_small_site_shows_only_public_items(site):
    build = site({
        "content/index.md": HOME_MD,
        "content/xxgk/a.md": entry("000014349/2021-00001", title="较早的通知", date="2021-01-05"),
        "content/xxgk/b.md": entry("000014349/2021-00002", title="较新的通知", date="2021-06-01", category="其他文件"),
        "content/xxgk/c.md": entry("000014349/2021-00003", title="依申请公开的内部文件", date="2021-09-01",
                                   disclosure="依申请公开"),
    })
    assert build.ok, build.errors
    home = build.html("index.html")
    assert listed(section(home, "gk-newest")) == [("xxgk/000014349-2021-00002/", "2021-06-01"),
                                                  ("xxgk/000014349-2021-00001/", "2021-01-05")]
    assert "依申请公开的内部文件" not in home
    assert 'href="#zhudong-gongkai"' in home and 'id="zhudong-gongkai"' in home
    assert "暂无信息。" in section(home, "gk-columns").split("工作动态")[1]  # a category without items says so


def test_portal_links_are_checked_and_each_problem_named(site):
    bad = HOME_MD.replace("link: mulu/index.md, note: 全部信息", "link: mulu/no-such-page.md").replace(
        '  - {title: 法定主动公开内容, link: "#zhudong-gongkai"}', "  - {title: 目录, link: mulu/index.md, url: x}\n  - 年报")
    build = site({"content/index.md": bad, "content/xxgk/a.md": entry()})
    assert not build.ok
    assert ("content/index.md 第 4 行：首页「portal」第 1 项：链接「mulu/no-such-page.md」指向的文件不存在（按本文件所在目录算，"
            "应在 content/mulu/no-such-page.md）。") in build.errors
    assert "content/index.md 第 5 行：首页「portal」第 2 项：不认识的键「url」，只能使用 title、link、note。" in build.errors
    assert "content/index.md 第 6 行：首页「portal」第 3 项：须写成 {title: 名称, link: 页面文件, note: 说明}" in build.errors


def test_portal_links_are_written_as_links_are(site):
    home = HOME_MD.replace("link: mulu/index.md, note: 全部信息", "link: xxgk/a.md, note: 一份通知").replace(
        '  - {title: 法定主动公开内容, link: "#zhudong-gongkai"}',
        "  - {title: 另一份, link: \"索引号:000014349/2021-00002\"}\n  - {title: 内部, link: xxgk/c.md}")
    files = {"content/index.md": home, "content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002"),
             "content/xxgk/c.md": entry("000014349/2021-00003", title="内部", disclosure="依申请公开")}
    build = site(files)
    assert not build.ok
    assert ("content/index.md 第 6 行：首页「portal」第 3 项：链接「xxgk/c.md」指向的 content/xxgk/c.md 是公开属性为「依申请公开」的"
            "「内部」，没有公开。") in build.errors
    build = site({**files, "content/index.md": home.replace("  - {title: 内部, link: xxgk/c.md}\n", "")})
    assert build.ok, build.errors
    html = build.html("index.html")
    assert 'href="xxgk/000014349-2021-00001/"' in html and 'href="xxgk/000014349-2021-00002/"' in html
    empty = site({"content/index.md": "---\ntemplate: home.html\n---\n\n# 首页\n", "content/xxgk/a.md": entry()})
    assert not empty.ok and "首页的「portal」应是一个列表" in empty.errors


def qr_matrix(svg: str) -> list[list[bool]]:
    """The dark modules of a segno SVG path (M x y, then h runs and m moves), as a matrix."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg)[1])  # type: ignore[index]
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg)[1]  # type: ignore[index]
    for command, args in re.findall(r"([Mmh])([-\d. ]+)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            for dx in range(int(numbers[0])):
                grid[int(y)][int(x) + dx] = True
            x += numbers[0]
    return grid


def test_entry_pages_carry_a_labelled_qr_code_of_their_own_address(served_example):
    site_url = yaml.safe_load((served_example.project / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    for folder in ("xxgk", "bszn", "zcjd", "ndbg"):
        meta = next(m for m in sources() if m["folder"] == folder and m["disclosure"] in PUBLIC)
        html = (served_example.site / page_of(meta)).read_text(encoding="utf-8")
        url = site_url + page_of(meta).removesuffix("index.html")
        svg = re.search(r'<aside class="gk-qr".*?(<svg .*?</svg>)', html, re.DOTALL)[1]  # type: ignore[index]
        assert f'role="img" aria-label="本页网址的二维码：{url}"' in svg and f"<title>本页网址的二维码：{url}</title>" in svg
        expected = segno.make(url, error="m", micro=False, mask=0)  # the fixed mask qr.py uses
        assert qr_matrix(unescape(svg)) == [[bool(v) for v in row] for row in expected.matrix_iter(border=4)], folder
    assert "gk-qr" not in (served_example.site / "mulu/index.html").read_text(encoding="utf-8")


def test_print_keeps_the_text_metadata_and_qr_code_and_prints_link_addresses(served_example, browser):
    page = browser.page()
    address = f"{served_example.base}/xxgk/11990000MB1234567A-2021-00012/"
    page.goto(address)
    page.emulate_media(media="print")
    shown = """s => Array.from(document.querySelectorAll(s)).map(e => e.checkVisibility())"""
    for hidden in (".gk-topbar", ".gk-searchbox", ".gk-tools", ".md-header", ".md-sidebar--primary", ".md-sidebar--secondary",
                   ".md-footer", ".gk-skip"):
        assert page.evaluate(shown, hidden) == [False], hidden
    assert page.evaluate(shown, ".gk-meta") == [True] and page.evaluate(shown, ".gk-qr svg") == [True]
    after = page.evaluate("""() => Array.from(document.querySelectorAll(".md-content a")).map(a =>
        [a.getAttribute("href"), getComputedStyle(a, "::after").content])""")
    printed = dict(after)
    assert printed["../../mulu/fenlei/0601/"] == "none"  # the metadata table's own links stay short
    interpretation = next(content for href, content in after if href.startswith("../../zcjd/"))
    assert re.fullmatch(rf'"（{re.escape(served_example.base)}/zcjd/[^"]+/）"', interpretation)
    page.emulate_media(media="screen")
    assert page.evaluate(shown, ".md-header") == [True]
    page.context.close()
