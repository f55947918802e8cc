"""The example site (示例市公安局) builds strictly, and the public can reach every entry without JavaScript."""

from __future__ import annotations

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
