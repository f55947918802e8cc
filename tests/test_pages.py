"""What the public sees: entry pages with their metadata, the directory, navigation and URLs."""

from __future__ import annotations

import re

import pytest

from conftest import entry
from gongkai.core import workers

OLD = "000014349/2019-00003"
NEW = "000014349/2021-00012"


def pair() -> dict[str, str]:
    return {
        "content/xxgk/2021/new.md": entry(NEW, title="关于放宽户口迁移政策的通知", doc_no="测公通〔2021〕12号",
                                          keywords="[户籍, 户口迁移]"),
        "content/xxgk/2019/old.md": entry(OLD, title="关于户口迁移有关问题的通知", date="2019-02-01",
                                          validity="废止", superseded_by=NEW),
    }


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_entry_url_derives_from_index_number_and_survives_retitling(site):
    first = site(pair())
    assert (first.site / "xxgk/000014349-2021-00012/index.html").is_file()
    files = pair()
    files["content/xxgk/2021/new.md"] = files["content/xxgk/2021/new.md"].replace("关于放宽", "关于进一步放宽")
    files["content/xxgk/2021/renamed.md"] = files.pop("content/xxgk/2021/new.md")
    second = site(files)
    assert "关于进一步放宽户口迁移政策的通知" in second.html("xxgk/000014349-2021-00012/index.html")


def test_entry_page_shows_metadata_table_with_labels_from_the_catalogue(site):
    html = site(pair()).html("xxgk/000014349-2021-00012/index.html")
    table = text(html[html.index('<table class="gk-meta">'):html.index("</table>")])
    for row in ("标题 关于放宽户口迁移政策的通知", "索引号 000014349/2021-00012", "主题分类 法规文件 › 规范性文件",
                "发布机构 测试市公安局", "文号 测公通〔2021〕12号", "发布日期 2021-03-15", "公开属性 主动公开",
                "有效性 有效", "主题词 户籍、户口迁移"):
        assert row in table
    assert html.index('<table class="gk-meta">') < html.index("正文第一段。")
    assert 'href="../../mulu/fenlei/0202/"' in html
    assert "本文件替代或修改了以下文件" in html and 'href="../000014349-2019-00003/"' in html


def test_repealed_entry_shows_a_banner_linking_to_its_successor(site):
    html = site(pair()).html("xxgk/000014349-2019-00003/index.html")
    banner = text(html[html.index("gk-banner"):html.index('<table class="gk-meta">')])
    assert "本文件已废止。" in banner
    # the document in force by title, 文号 and date: a revision often keeps the title it replaces
    assert "现行文件： 关于放宽户口迁移政策的通知 （测公通〔2021〕12号，2021-03-15 发布）" in banner
    assert 'href="../000014349-2021-00012/">关于放宽户口迁移政策的通知</a>（测公通〔2021〕12号，2021-03-15 发布）</p>' in html


def test_directory_pages_for_catalogue_categories_years_and_publishers(site):
    build = site(pair())
    for page in ("mulu/index.html", "mulu/fenlei/02/index.html", "mulu/fenlei/0202/index.html",
                 "mulu/fenlei/0203/index.html", "mulu/fenlei/04/index.html", "mulu/nian/2021/index.html",
                 "mulu/nian/2019/index.html", "mulu/jigou/000014349/index.html", "mulu/jigou/000014350/index.html"):
        assert (build.site / page).is_file(), page
    whole = text(build.html("mulu/index.html"))
    assert "政府信息公开目录 共 2 条" in whole
    assert whole.index("关于放宽户口迁移政策的通知") < whole.index("关于户口迁移有关问题的通知 废止")
    assert "暂无信息。" in build.html("mulu/fenlei/04/index.html")
    # each way to browse has an overview listing every child with its count
    categories = text(build.html("mulu/fenlei/index.html"))
    assert "按主题分类 共 2 条政府信息 法规文件 （2 条） 规范性文件 （2 条） 其他文件 （0 条） 工作动态 （0 条）" in categories
    assert "按年份 共 2 条政府信息 2021 年 （1 条） 2019 年 （1 条）" in text(build.html("mulu/nian/index.html"))
    publishers = text(build.html("mulu/jigou/index.html"))
    assert "按发布机构 共 2 条政府信息 测试市公安局 （2 条） 测试市公安局交通警察支队 （0 条）" in publishers


def test_a_listing_labels_each_value_for_the_phones_cards(site):
    """On a phone each row is a card (gongkai.css) whose values a screen reader hears with their label."""
    listing = site(pair()).html("mulu/index.html")
    row = listing[listing.index("<tbody>"):listing.index("</tr>", listing.index("<tbody>"))]
    assert re.findall(r'<span class="gk-list__label">([^<]+)</span>', row) == ["索引号：", "发布机构：", "发布日期："]
    assert '<th scope="col">标题</th><th scope="col">索引号</th><th scope="col">发布机构</th><th scope="col">发布日期</th>' in listing


def test_directory_is_paginated_newest_first_with_a_fixed_window(site):
    files = {f"content/xxgk/e{n}.md": entry(f"000014349/2021-{n:05d}", title=f"第{n}号通知",
                                            date=f"2021-{1 + n // 28:02d}-{1 + n % 28:02d}")
             for n in range(1, 41)}
    build = site(files)
    first = build.html("mulu/index.html")
    assert "共 40 条，第 1 / 8 页" in text(first)
    assert text(first).index("第40号通知") < text(first).index("第36号通知")
    assert "第35号通知" not in first
    assert "第35号通知" in build.html("mulu/page/2/index.html")
    fifth = build.html("mulu/page/5/index.html")
    links = re.findall(r'aria-label="第 (\d+) 页"', fifth)
    assert links == ["1", "3", "4", "6", "7", "8"]
    assert 'aria-current="page">5<' in fifth
    assert 'href="../4/" rel="prev"' in fifth and 'href="../6/" rel="next"' in fifth


def test_entries_are_out_of_navigation_and_directory_is_in_it(site):
    html = site(pair()).html("index.html")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    assert "政府信息公开目录" in nav and "按主题分类" in nav and "规范性文件" in nav and "按年份" in nav
    assert "测试市公安局交通警察支队" in nav
    assert "关于放宽户口迁移政策的通知" not in html


def test_an_entry_page_shows_the_navigation_s_top_level_with_sections_as_links(site):
    build = site(pair())
    page = build.html("xxgk/000014349-2021-00012/index.html")
    nav = page[page.index('<nav class="md-nav md-nav--primary"'):page.index('md-sidebar--secondary')]
    assert re.search(r'<a href="../../mulu/" class="md-nav__link">\s*<span class="md-ellipsis">\s*政府信息公开目录', nav)
    assert "按年份" not in nav and "测试市公安局交通警察支队" not in nav and 'type="checkbox"' not in nav
    home = build.html("index.html")  # in the navigation: the whole tree, its sections opened in place
    assert "按年份" in home and 'id="__nav_2"' in home


def test_attachments_are_published_beside_their_entry(site):
    files = pair()
    files["content/xxgk/2021/new.md"] = entry(NEW, attachments="[{file: 附件/表格.csv, title: 申请表}]")
    files["content/xxgk/2021/附件/表格.csv"] = "名称,数量\n申请表,1\n"
    build = site(files)
    assert (build.site / "xxgk/000014349-2021-00012/表格.csv").read_text(encoding="utf-8") == "名称,数量\n申请表,1\n"
    assert not (build.site / "xxgk/2021").exists()
    assert '<a href="%E8%A1%A8%E6%A0%BC.csv" download>申请表</a>' in build.html("xxgk/000014349-2021-00012/index.html")


def test_unreferenced_file_in_the_catalogue_folder_is_not_published(site):
    files = pair() | {"content/xxgk/2021/草稿.docx": b"draft"}
    build = site(files, strict=False)
    assert build.ok
    assert ("gongkai: content/xxgk/2021/草稿.docx：这个文件没有被任何条目列为附件（attachments），不会发布。"
            "如需发布，请在相应条目的 attachments 中列出它；否则请删除。") in build.log
    assert not list(build.site.rglob("草稿.docx"))


def test_directory_works_without_directory_urls(site):
    build = site(pair(), mkdocs_extra="use_directory_urls: false\n")
    assert build.ok, build.errors
    assert 'href="../xxgk/000014349-2021-00012.html"' in build.html("mulu/index.html")
    assert 'href="fenlei/0202/index.html"' in build.html("mulu/index.html")
    assert (build.site / "xxgk/000014349-2019-00003.html").is_file()


@pytest.mark.parametrize("forking", [False, True])
def test_broken_internal_links_and_anchors_fail_the_build(site, monkeypatch, forking):
    """At the line of the editor's file, before anything is written; also when entries are converted in
    forked processes, as they are on large sites (the anchors they offer travel back)."""
    if forking:
        monkeypatch.setattr(workers, "SHARE_FROM", 1)
    body = ('见<a href="missing.pdf">附件</a>和<a href="../000014349-2019-00003/#nowhere">旧文件</a>，'
            '以及<a href="../000014349-2019-00003/">旧文件</a>和[旧文件](../2019/old.md)。')
    files = pair()
    files["content/xxgk/2021/new.md"] = files["content/xxgk/2021/new.md"].replace("正文第一段。", body)
    build = site(files)
    assert not build.ok
    assert "内容检查发现 2 个错误，网站没有生成。" in build.errors
    line = files["content/xxgk/2021/new.md"].split("\n").index(next(x for x in files["content/xxgk/2021/new.md"].split("\n")
                                                                    if "missing.pdf" in x)) + 1
    assert (f"  - content/xxgk/2021/new.md 第 {line} 行：链接「missing.pdf」指向的文件不存在（按本文件所在目录算，应在 "
            "content/xxgk/2021/missing.pdf）。") in build.errors
    assert (f"  - content/xxgk/2021/new.md 第 {line} 行：链接「../000014349-2019-00003/#nowhere」中的锚点「#nowhere」"
            "在目标页面上不存在") in build.errors


def test_site_under_a_subpath(site):
    build = site(pair() | {"content/xxgk/2021/new.md": entry(NEW, previous_urls="[old/a/]")},
                 mkdocs_extra="site_url: https://example.gov.cn/gongkai/\n")
    assert build.ok, build.errors
    html = build.html("mulu/index.html")
    assert 'href="../xxgk/000014349-2021-00012/"' in html  # relative links work under any prefix
    assert "<loc>https://example.gov.cn/gongkai/xxgk/000014349-2021-00012/</loc>" in build.html("sitemap.xml")
    include = (build.site / ".nginx-site.conf").read_text(encoding="utf-8")
    assert 'location = "/gongkai/old/a/" { return 301 /gongkai/xxgk/000014349-2021-00012/; }' in include


def test_chinese_lines_broken_in_the_source_read_as_one_sentence(site):
    body = ("第一句写到这里。\n第二句接着写，**加粗。** 然后继续，\n[链接](https://example.gov.cn/)\n之后。\n"
            "English words\nstay apart, 共 20 个\n工作日。\n\n```\n代码\n保持\n```\n")
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", body)})
    assert build.ok, build.errors
    html = build.html("xxgk/000014349-2021-00001/index.html")
    assert ("<p>第一句写到这里。第二句接着写，<strong>加粗。</strong>然后继续，"
            '<a href="https://example.gov.cn/">链接</a>之后。\nEnglish words\nstay apart, 共 20 个工作日。</p>') in html
    assert "<code>代码\n保持\n</code>" in html  # preformatted text as written
