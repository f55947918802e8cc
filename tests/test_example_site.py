"""The example site (示例市公安局) builds strictly, and the public can reach every entry without JavaScript."""

from __future__ import annotations

import html as html_text
import json
import re
import subprocess
import sys
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
import yaml

from conftest import PROJECT


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(PROJECT),
                             "--site-dir", str(site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return site


SCHEMA = yaml.safe_load((PROJECT / "catalogue.yml").read_text(encoding="utf-8"))
FOLDERS = [t["folder"] for t in SCHEMA["types"].values()]


def sources() -> list[dict]:
    """Every catalogue file's metadata, with the folder it lies in."""
    out = []
    for folder in FOLDERS:
        for path in sorted((PROJECT / "content" / folder).rglob("*.md")):
            meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            out.append({**meta, "folder": folder})
    return out


def page_of(meta: dict) -> str:
    return f"{meta['folder']}/{str(meta['index_no']).replace('/', '-')}/index.html"


def links(site: Path, page: str) -> set[str]:
    html = (site / page).read_text(encoding="utf-8")
    out = set()
    for href in re.findall(r'<a [^>]*href="([^"#]+)', html):
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        target = urlsplit(urljoin("/" + page, unquote(href))).path.lstrip("/")
        out.add(target + "index.html" if target.endswith("/") or not target else target)
    return out


def test_example_content_is_rich_enough():
    metas = sources()
    leaves = {c["name"] for top in SCHEMA["categories"] for c in (top.get("children") or [top])}
    assert len(metas) >= 60
    assert {m["category"] for m in metas} == leaves
    assert len({m["publisher"] for m in metas}) >= 3
    counts = {f: sum(1 for m in metas if m["folder"] == f) for f in FOLDERS}
    assert counts["bszn"] >= 12 and counts["zcjd"] >= 6 and counts["ndbg"] >= 3, counts
    assert {m["disclosure"] for m in metas} >= {"主动公开", "删减后公开", "依申请公开"}


def test_directory_pages_for_every_category_year_and_publisher(example):
    schema = SCHEMA
    codes = [c["code"] for top in schema["categories"] for c in [top, *(top.get("children") or [])]]
    years = {str(m["date"])[:4] for m in sources() if m["disclosure"] != "依申请公开"}
    expected = ([f"mulu/fenlei/{c}/index.html" for c in codes] + [f"mulu/nian/{y}/index.html" for y in years]
                + [f"mulu/jigou/{p['code']}/index.html" for p in schema["publishers"]])
    missing = [p for p in expected if not (example / p).is_file()]
    assert missing == []


def test_every_public_entry_is_within_three_clicks_of_the_home_page(example):
    depth = {"index.html": 0}
    queue = deque(["index.html"])
    while queue:
        page = queue.popleft()
        if depth[page] == 3:
            continue
        for target in links(example, page):
            if target not in depth and target.endswith(".html") and (example / target).is_file():
                depth[target] = depth[page] + 1
                queue.append(target)
    public = [m for m in sources() if m["disclosure"] in ("主动公开", "删减后公开")]
    unreachable = [page_of(m) for m in public if page_of(m) not in depth]
    assert unreachable == []
    withheld = [m for m in sources() if m["disclosure"] not in ("主动公开", "删减后公开")]
    assert withheld and not any((example / page_of(m)).exists() for m in withheld)


def test_pages_load_nothing_from_other_hosts(example):
    for page in ("index.html", "mulu/index.html", page_of(sources()[0])):
        html = (example / page).read_text(encoding="utf-8")
        loads = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="((?:https?:)?//[^/"]+)', html)
        assert [url for url in loads if url != "https://gk.example.gov.cn"] == [], page
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_every_content_type_is_shown_and_linked_from_the_home_page(example):
    home = (example / "index.html").read_text(encoding="utf-8")
    for link in ('href="gongkai-zhinan/"', 'href="yishenqing/"', 'href="bszn/"', 'href="zcjd/"', 'href="ndbg/"',
                 'href="qzqd/"', 'href="mulu/"'):
        assert link in home, link
    assert "按主题" in (example / "bszn/index.html").read_text(encoding="utf-8")
    assert "<svg" in (example / "ndbg/index.html").read_text(encoding="utf-8")
    assert "下载全部事项（CSV）" in (example / "qzqd/index.html").read_text(encoding="utf-8")
    assert (example / "qzqd/qzqd.csv").stat().st_size > 1000
    guide = (example / "yishenqing/index.html").read_text(encoding="utf-8")
    assert 'href="../files/zhengfu-xinxi-gongkai-shenqingbiao.docx"' in guide
    assert (example / "files/zhengfu-xinxi-gongkai-shenqingbiao.docx").read_bytes().startswith(b"PK")
    reports = [m for m in sources() if m["folder"] == "ndbg"]
    assert all((example / page_of(m)).with_name("table-b.csv").is_file() for m in reports)
    policies_with_interpretations = [p for p in example.glob("xxgk/*/index.html") if "相关解读" in p.read_text("utf-8")]
    assert len(policies_with_interpretations) >= 3


def test_feeds_exports_and_footer(example):
    public = [m for m in sources() if m["disclosure"] in ("主动公开", "删减后公开")]
    feed = feedparser.parse((example / "feeds/all.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == min(50, len(public))
    newest = max(str(m["date"]) for m in public)
    assert feed.feed.updated == f"{newest}T00:00:00+08:00"
    codes = [c["code"] for top in SCHEMA["categories"] for c in [top, *(top.get("children") or [])]]
    assert all((example / f"feeds/fenlei/{c}.xml").is_file() for c in codes)
    data = json.loads((example / "catalogue.json").read_text(encoding="utf-8"))
    assert data["count"] == len(public) and {e["index_no"] for e in data["entries"]} == {m["index_no"] for m in public}
    csv_rows = (example / "catalogue.csv").read_bytes().count(b"\r\n")
    assert csv_rows >= len(public) + 1  # header, and a row per entry (multi-line texts add more)
    home = (example / "index.html").read_text(encoding="utf-8")
    assert "主办单位：示例市公安局" in home and "网站标识码：1199000001" in home
    assert '<meta name="SiteIDCode" content="1199000001">' in home


def test_every_guide_shows_exactly_the_steps_its_file_lists(example):
    guides = [meta for meta in sources() if meta.get("steps")]
    assert len(guides) >= 10
    for meta in guides:
        html = (example / page_of(meta)).read_text(encoding="utf-8")
        section = html[html.index('class="gk-block gk-block--steps"'):]
        shown = [html_text.unescape(li) for li in re.findall(r"<li>(.*?)</li>", section[:section.index("</ol>")])]
        assert shown == [str(step) for step in meta["steps"]], meta["title"]  # a comma in a step never splits it


def test_the_on_request_list_shows_what_the_editor_guide_promises(example):
    html = (example / "mulu/yishenqing/index.html").read_text(encoding="utf-8")
    head = re.findall(r'<th scope="col">(.*?)</th>', html)
    assert head == ["标题", "索引号", "文号", "发布机构", "发布日期"]
    assert "标题、索引号、文号、发布机构和发布日期" in (PROJECT / "docs/editor-guide.md").read_text(encoding="utf-8")
    listed = [meta for meta in sources() if meta.get("disclosure") == "依申请公开"]
    assert listed and all(meta["title"] in html and meta.get("doc_no", "—") in html for meta in listed)


def test_links_written_as_editors_write_them_reach_the_published_pages(example):
    """Relative .md paths between entries, guides, interpretations and plain pages, an entry's own
    attachment, and the 索引号 short form: each becomes the address the target is published at."""
    cases = {  # page as published: (link text, where it leads, relative to the page)
        "xxgk/11990000MB4567890D-2022-00011/index.html": [("旅馆业违法行为处罚的有关规定", "../11990000MB4567890D-2020-00009/"),
                                                          ("旅馆业特种行业许可证核发办事指南", "../../bszn/11990000MB4567890D-2024-00508/")],
        "xxgk/11990000MB4567890D-2023-00006/index.html": [("保安服务公司设立许可申请表", "baoan-shenqingbiao.pdf")],
        "bszn/11990000MB1234567A-2025-00502/index.html": [("《示例市公安局关于进一步放宽户口迁移政策的通知》",
                                                           "../../xxgk/11990000MB1234567A-2021-00012/")],
        "zcjd/11990000MB1234567A-2021-00013/index.html": [("户口迁入登记办事指南", "../../bszn/11990000MB1234567A-2025-00502/")],
        "gongkai-zhinan/index.html": [("主要职责", "../xxgk/11990000MB1234567A-2024-00013/"),
                                      ("2025年政府信息公开工作年度报告", "../ndbg/11990000MB1234567A-2026-00003/")],
    }
    for page, links in cases.items():
        html = (example / page).read_text(encoding="utf-8")
        for text, href in links:
            assert f'<a href="{href}">{text}</a>' in html, (page, text)
            target = urlsplit(urljoin("/" + page, href)).path.lstrip("/")
            assert (example / (target + "index.html" if target.endswith("/") else target)).is_file(), target
    written = [path for path in (PROJECT / "content").rglob("*.md")
               if re.search(r"\]\((?!https?:)[^)]*(?:\.md|\.pdf|\.csv|索引号[:：])", path.read_text(encoding="utf-8"))]
    assert len(written) >= 6
