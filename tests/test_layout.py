"""The public site as a government portal, read in Chromium as the public reads it, served by nginx: no
page kind scrolls sideways on a phone, the directory gives its titles room, every page below the home
page says where it is, the article tools work, the navigation means what it says, the 404 page and
the feeds are Chinese pages, documents not in force are labelled, text is never small."""

from __future__ import annotations

import re
from typing import Any

import feedparser
import yaml

from conftest import PROJECT
from test_accessibility import pages
from test_example_site import page_of, sources

SITE_NAME = yaml.safe_load((PROJECT / "mkdocs.yml").read_text(encoding="utf-8"))["site_name"]
ENTRY = "/xxgk/11990000MB1234567A-2021-00012/"  # replaced an older document; interpreted
REPEALED = next(m for m in sources() if m.get("validity") == "废止")


def kinds() -> dict[str, str]:
    """Every kind of page the public sees, by what it is: those axe checks, and the rest."""
    return {**pages(), "按年份": "/mulu/nian/", "办事指南首页": "/bszn/"}


# What sticks out past the right edge of the page (inner frames that scroll on their own aside).
WIDER = """() => { const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width && r.right > w + 0.5 && !e.closest(".gk-scroll, .md-sidebar, .md-tabs, .gk-sr-only")
      && getComputedStyle(e).position !== "fixed";
  }).slice(0, 3).map(e => e.tagName.toLowerCase() + "." + e.className + " → " + Math.round(e.getBoundingClientRect().right)); }"""


def test_no_kind_of_page_scrolls_sideways_on_a_phone_in_either_mode(served_example, browser):
    page = browser.page()
    wide: dict[tuple[str, int, bool], Any] = {}
    for elder in (False, True):
        page.set_viewport_size({"width": 414, "height": 800})
        page.goto(served_example.base + "/")
        page.evaluate(f"localStorage.setItem('gongkai.elder', '{'1' if elder else '0'}')")
        for kind, path in kinds().items():
            page.goto(served_example.base + path)
            for width in (414, 390, 360):
                page.set_viewport_size({"width": width, "height": 800})
                if page.evaluate("document.documentElement.scrollWidth") > width:
                    wide[(kind, width, elder)] = page.evaluate(WIDER)
            page.set_viewport_size({"width": 414, "height": 800})
    page.context.close()
    assert wide == {}


def column_widths(page) -> list[dict[str, float]]:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => [...document.querySelectorAll("table.gk-list tbody tr")].map(row => ({
        title: row.querySelector(".gk-list__title").getBoundingClientRect().width,
        list: row.closest("table").getBoundingClientRect().width}))""")


def test_directory_titles_have_room_on_a_phone_and_most_of_the_width_on_a_desktop(served_example, browser):
    page = browser.page(viewport={"width": 390, "height": 844})
    for path in ("/mulu/", "/mulu/fenlei/06/", "/mulu/jigou/11990000MB3456789C/"):
        page.goto(served_example.base + path)
        rows = column_widths(page)
        assert rows and min(row["title"] for row in rows) >= 200, path
        # a card: the title first, 索引号 · 发布机构 · 日期 underneath
        first = page.locator("table.gk-list tbody tr").first
        title, facts = (first.locator(s).bounding_box() for s in (".gk-list__title", ".gk-list__index"))
        assert title and facts and facts["y"] >= title["y"] + title["height"] - 1
    page.set_viewport_size({"width": 1366, "height": 768})
    for path in ("/mulu/", "/mulu/nian/2025/", "/bszn/"):
        page.goto(served_example.base + path)
        rows = column_widths(page)
        assert rows and min(row["title"] / row["list"] for row in rows) >= 0.45, path
        tree = page.locator(".gk-tree").bounding_box()
        table = page.locator("table.gk-list").bounding_box()
        assert tree and table and tree["x"] + tree["width"] <= table["x"]  # the tree beside the list
    page.context.close()


# Visible text and its size, from the page's own text nodes: skip links and screen-reader text aside.
TEXT_SIZES = """() => { const small = []; const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let node; while ((node = walker.nextNode())) {
    const e = node.parentElement;
    if (!node.data.trim() || !e || e.closest(".gk-sr-only, .md-skip, svg, script, style, noscript, [hidden]")) continue;
    if (!e.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 14) small.push(e.tagName.toLowerCase() + "." + e.className + " " + size + "px: " + node.data.trim().slice(0, 12));
  } return small.slice(0, 5); }"""


def test_every_page_below_the_home_page_says_where_it_is_and_no_text_is_small(served_example, browser):
    """当前位置 from 首页 down to the page itself; text never under 14 px, body text 16 px."""
    page = browser.page(viewport={"width": 1366, "height": 768})
    small, lost = {}, {}
    for kind, path in kinds().items():
        page.goto(served_example.base + path)
        if kind == "检索":
            page.locator(".gk-results li").first.wait_for()
        found = page.evaluate(TEXT_SIZES)
        if found:
            small[kind] = found
        crumbs = page.locator("nav.gk-crumbs[aria-label='当前位置'] li")
        if kind in ("首页", "页面未找到"):
            assert crumbs.count() == 0, kind
        elif not (crumbs.first.inner_text() == "首页" and crumbs.last.locator("[aria-current='page']").count() == 1
                  and crumbs.first.locator("a").evaluate("a => new URL(a.href).pathname") == "/"):
            lost[kind] = crumbs.all_inner_texts()
    assert small == {} and lost == {}
    page.goto(served_example.base + ENTRY)
    assert page.locator(".gk-crumbs li").all_inner_texts() == ["首页", "政府信息公开目录", "公共服务", "户籍管理", "正文"]
    assert page.evaluate("getComputedStyle(document.querySelector('.gk-entry__body p')).fontSize") == "16px"
    title = page.evaluate("(s => [s.fontWeight, s.color])(getComputedStyle(document.querySelector('h1')))")
    assert title == ["700", "rgba(0, 0, 0, 0.87)"]  # page titles dark and bold, not Material's light grey
    page.goto(served_example.base + "/mulu/page/2/")
    assert page.locator(".gk-crumbs li").all_inner_texts() == ["首页", "政府信息公开目录", "第 2 页"]
    page.context.close()


def root_size(page) -> float:  # type: ignore[no-untyped-def]
    return float(page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)"))


def test_text_size_changes_the_root_size_and_is_remembered(served_example, browser):
    page = browser.page(viewport={"width": 1366, "height": 768})
    page.goto(served_example.base + ENTRY)
    middle = root_size(page)
    size = page.locator(".gk-sizes")
    assert size.get_attribute("aria-label") == "字号" and size.locator("[aria-pressed='true']").inner_text() == "中"
    size.get_by_role("button", name="大").click()
    assert root_size(page) > middle * 1.1 and size.locator("[aria-pressed='true']").inner_text() == "大"
    large = root_size(page)
    page.goto(served_example.base + "/mulu/")  # another page, even one without the tools
    assert root_size(page) == large
    page.goto(served_example.base + ENTRY)
    assert page.locator(".gk-sizes [aria-pressed='true']").inner_text() == "大"
    page.locator(".gk-sizes").get_by_role("button", name="小").click()
    assert root_size(page) < middle
    page.locator(".gk-sizes").get_by_role("button", name="中").click()
    page.reload()
    assert root_size(page) == middle
    page.context.close()


def test_print_prints_and_close_closes_a_window_opened_from_a_list(served_example, browser):
    page = browser.page()
    page.goto(served_example.base + ENTRY)
    assert page.locator("[data-gk-close]").is_hidden()  # not opened from a list in a window of its own
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.printed") == 1
    page.goto(served_example.base + "/mulu/")
    with page.context.expect_page() as opened:
        page.locator(".gk-list__title a").first.click(modifiers=["Control"])  # a new tab
    article = opened.value
    article.wait_for_load_state()
    assert article.locator("h1").inner_text() == page.locator(".gk-list__title a").first.inner_text()
    with article.expect_event("close"):
        article.get_by_role("button", name="关闭").click()
    assert article.is_closed() and not page.is_closed()
    page.context.close()


def test_the_navigation_names_the_site_once_and_its_sections_open_overviews(served_example, browser):
    page = browser.page(viewport={"width": 600, "height": 900})  # the menu, as phones show it
    page.goto(served_example.base + "/mulu/")
    menu = page.locator("nav.md-nav--primary").first
    assert menu.evaluate("(nav, name) => nav.textContent.split(name).length - 1", SITE_NAME) == 1
    assert menu.locator(".md-nav__link").first.inner_text().strip() in ("首页",)
    sections = page.evaluate("""() => {
        const label = link => { const copy = link.cloneNode(true);
          copy.querySelectorAll(".gk-sr-only").forEach(e => e.remove()); return copy.textContent.trim(); };
        return [...document.querySelectorAll(".md-nav--primary .md-nav__item--nested")]
          .map(item => [item.querySelector(":scope > .md-nav__container > a"), [...item.querySelectorAll(":scope > nav a.md-nav__link")]])
          .filter(([link]) => link && ["按主题分类", "按年份", "按发布机构"].includes(label(link)))
          .map(([link, children]) => [label(link), link.href, children.map(label)]); }""")
    assert [name for name, _, _ in sections] == ["按主题分类", "按年份", "按发布机构"]
    for name, href, children in sections:
        page.goto(href)
        assert page.locator("h1").inner_text() == name
        listed = set(page.locator(".gk-overview a").all_inner_texts())
        assert set(children) - {name} <= listed and len(listed) >= 3, name
    page.context.close()


def test_the_404_page_is_chinese_with_the_way_home_search_and_the_newest_items(served_example, browser):
    page = browser.page()
    response = page.goto(served_example.base + "/xxgk/no-such-entry/")
    assert response and response.status == 404
    assert page.evaluate("document.documentElement.lang") == "zh-CN" and page.title().startswith("页面未找到")
    assert page.locator("h1").inner_text() == "页面未找到"
    assert page.locator(".gk-newest li").count() == 10
    page.locator(".gk-notfound form input[name=q]").fill("户口迁移")
    page.locator(".gk-notfound form").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/jiansuo/?q=*")
    page.go_back()
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_url(served_example.base + "/")
    page.context.close()


def test_a_feed_is_a_chinese_page_in_the_browser_and_atom_to_a_reader(served_example, browser):
    page = browser.page()
    page.goto(served_example.base + "/feeds/all.xml")
    assert page.locator("xslt-warning-banner").count() == 0  # no stylesheet the browser is dropping
    text = page.evaluate("document.documentElement.innerText || document.documentElement.textContent")
    assert "的订阅源（Atom 格式）" in text and "发布日期：" in text
    hidden = page.evaluate("""() => { const id = document.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id")[0];
        return getComputedStyle(id).display; }""")
    assert hidden == "none"  # the Atom markup is for readers; the page shows its XHTML
    first = page.locator("a").nth(2)  # the home page, the list, then the first item
    feed = feedparser.parse((served_example.site / "feeds/all.xml").read_bytes())
    assert not feed.bozo and feed.entries[0].title == first.inner_text()
    assert first.get_attribute("href") == feed.entries[0].link  # the page at the site's own address (site_url)
    path = feed.entries[0].link.removeprefix(yaml.safe_load((PROJECT / "mkdocs.yml").read_text("utf-8"))["site_url"])
    assert (served_example.site / path / "index.html").is_file()
    page.context.close()


def test_documents_not_in_force_are_labelled_in_lists_feeds_and_on_their_page(served_example, browser):
    year = str(REPEALED["date"])[:4]
    page = browser.page()
    page.goto(f"{served_example.base}/mulu/nian/{year}/")
    row = page.locator("table.gk-list tr", has_text=str(REPEALED["title"]))
    assert row.locator(".gk-status.gk-status--feizhi").inner_text() == "废止"
    current = page.locator("table.gk-list tr", has_not=page.locator(".gk-status")).first
    assert current.count() == 1  # documents in force carry no label
    code = next(c["code"] for top in yaml.safe_load((PROJECT / "catalogue.yml").read_text("utf-8"))["categories"]
                for c in [top, *(top.get("children") or [])] if c["name"] == REPEALED["category"])
    feed = feedparser.parse((served_example.site / f"feeds/fenlei/{code}.xml").read_bytes())
    labelled = {e.id for e in feed.entries if '<span class="gk-status gk-status--feizhi">废止</span>' in e.content[0].value}
    repealed = {e.id for e in feed.entries if e.id.endswith("/" + page_of(REPEALED).removesuffix("index.html"))}
    assert labelled == repealed and len(repealed) == 1
    page.goto(f"{served_example.base}/{page_of(REPEALED).removesuffix('index.html')}")
    banner = page.locator(".gk-banner").first.inner_text()
    successor = next(m for m in sources() if m["index_no"] == REPEALED["superseded_by"])
    assert f"现行文件：{successor['title']}（" in banner and f"{successor['date']} 发布）" in banner
    if successor.get("doc_no"):
        assert str(successor["doc_no"]) in banner
    page.context.close()


def sizes(page, selectors: tuple[str, ...]) -> list[float]:  # type: ignore[no-untyped-def]
    return [float(page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{s}')).fontSize)")) for s in selectors]


def test_elder_mode_scales_the_utility_bar_metadata_table_and_banners(served_example, browser):
    parts = (".gk-topbar", ".gk-meta td", ".gk-banner p", ".gk-crumbs", ".gk-article-tools")
    page = browser.page(viewport={"width": 1366, "height": 768})
    page.goto(served_example.base + ENTRY)
    normal = sizes(page, parts)
    page.locator('[data-gk-switch="elder"]').click()
    elder = sizes(page, parts)
    assert all(big >= small * 1.2 for small, big in zip(normal, elder, strict=True)), (normal, elder)
    page.locator('[data-gk-switch="elder"]').click()
    page.context.close()


def test_chinese_sentences_have_no_stray_spaces_and_the_page_is_zh_cn(served_example, browser):
    page = browser.page()
    for path in ("/gongkai-zhinan/", "/" + next(page_of(m) for m in sources() if m["folder"] == "ndbg"
                                                 and str(m["date"]).startswith("2021")).removesuffix("index.html")):
        page.goto(served_example.base + path)
        assert page.evaluate("document.documentElement.lang") == "zh-CN"
        texts = page.locator(".md-content p, .md-content li").all_inner_texts()
        stray = [t for t in texts if re.search(r"[。，、；：！？）”][ \n]+[\u4e00-\u9fff]|[\u4e00-\u9fff][\n][\u4e00-\u9fff]", t)]
        assert stray == [], path
    page.goto(served_example.base + "/gongkai-zhinan/")
    assert "编制本指南。本指南每年根据工作变化更新。" in page.locator(".md-content").inner_text()  # two source lines
    page.context.close()


def test_pages_ask_for_nothing_that_is_not_there(served_example, browser):
    """Material took the feeds' links for language versions and asked for a sitemap beside each feed."""
    page = browser.page()
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    for path in ("/", "/mulu/fenlei/06/", ENTRY):  # the feeds' links: the whole catalogue's, a category's
        page.goto(served_example.base + path)
        page.wait_for_load_state("networkidle")
    assert missing == []
    page.context.close()


def test_the_search_pages_box_shows_where_the_focus_is(served_example, browser):
    page = browser.page()
    page.goto(served_example.base + "/jiansuo/")
    page.focus("#gk-q")
    style = page.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])(getComputedStyle(document.activeElement))")
    assert style[0] != "none" and style[1] >= 2
    page.context.close()


def test_the_power_list_shows_each_item_in_place_without_scripts(served_example, browser):
    page = browser.page(java_script_enabled=False, viewport={"width": 1366, "height": 768})
    page.goto(served_example.base + "/qzqd/")
    assert page.evaluate("document.documentElement.scrollHeight") < 6000  # 16,600 px for 50 rows in eight columns
    first = page.locator("table.gk-power tbody tr").first
    basis = first.locator("dd").first
    assert basis.is_hidden()
    first.locator("summary").click()
    assert basis.is_visible() and first.locator("dt").first.inner_text() == "设定依据"
    page.context.close()


def test_header_footer_and_the_pages_people_expect(served_example, browser):
    page = browser.page(viewport={"width": 1366, "height": 768})
    page.goto(served_example.base + ENTRY)
    brand = page.locator("header a.gk-brand")
    assert brand.inner_text().strip() == SITE_NAME and brand.evaluate("a => new URL(a.href).pathname") == "/"
    assert brand.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    footer = page.locator("footer")
    assert footer.get_by_role("img", name="党政机关网站标识").evaluate("img => img.complete && img.naturalWidth > 0")
    assert footer.locator(".gk-footer__icon").evaluate("img => img.complete && img.naturalWidth > 0")
    footer.get_by_role("link", name="联系我们").click()
    page.wait_for_url("**/lxwm/")
    site = yaml.safe_load((PROJECT / "catalogue.yml").read_text(encoding="utf-8"))["site"]
    contact = page.locator(".gk-contact").inner_text()
    assert all(str(site[key]) in contact for key in ("sponsor", "address", "phone", "email", "postcode"))
    page.locator("footer").get_by_role("link", name="网站地图").click()
    page.wait_for_url("**/wzdt/")
    mapped = set(page.locator(".gk-sitemap a").all_inner_texts())
    assert {"首页", "政府信息公开指南", "按主题分类", "户籍管理", "2026 年", "办事指南", "户籍", "权责清单", "联系我们"} <= mapped
    page.context.close()


def test_attachments_give_their_type_and_size(served_example):
    meta = next(m for m in sources() if m.get("attachments") and m["folder"] == "xxgk")
    html = (served_example.site / page_of(meta)).read_text(encoding="utf-8")
    attachment = meta["attachments"][0]
    name = attachment["file"].rsplit("/", 1)[-1]
    size = next((PROJECT / "content/xxgk").rglob(name)).stat().st_size
    kind = attachment["file"].rsplit(".", 1)[1].upper()
    shown = f"{round(size / 1024)} KB" if size >= 1024 else f"{size} B"
    assert re.search(rf">{re.escape(attachment['title'])}</a> <span class=\"gk-file\">（{kind}，{shown}）</span>", html)


def test_annual_reports_list_every_section_name_their_format_and_chart_legibly(served_example, browser):
    meta = next(m for m in sources() if m["folder"] == "ndbg" and str(m.get("edition")) == "2021")
    html = (served_example.site / page_of(meta)).read_text(encoding="utf-8")
    contents = html[html.index('class="md-nav md-nav--secondary"'):]
    headings = re.findall(r'<span class="md-ellipsis">\s*([一二三四五六])、', contents)
    assert headings == list("一二三四五六")  # tables 二 to 四 are the template's, not the text's
    assert re.search(r"<th scope=\"row\">报告格式</th>\s*<td>2021 年版（国办公开办函〔2021〕30号）</td>", html)
    page = browser.page(viewport={"width": 390, "height": 844})
    page.goto(served_example.base + "/ndbg/")
    label = page.evaluate("""() => { const svg = document.querySelector("svg.gk-chart");
        return 14 * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }""")
    assert label >= 12  # the labels' size on the screen (6 px when the chart shrank to the phone)
    assert page.evaluate("document.documentElement.scrollWidth") == 390  # its frame scrolls, not the page
    page.context.close()


def test_no_public_page_speaks_of_catalogue_entries(served_example):
    """目录条目 is the editors' word; the public reads 政府信息 and 公开文件."""
    pages_with_it = [p for p in served_example.site.rglob("*.html") if "目录条目" in p.read_text(encoding="utf-8")]
    assert pages_with_it == []
    home = (served_example.site / "index.html").read_text(encoding="utf-8")
    assert "公开文件 · <time" in home


def test_review_fixes_on_phones_and_desktops(served_example, browser):
    """What a reader found on the merged site: the chart opened at its oldest years on a phone, no tab
    marked on an entry, an empty contents column, no word on why a text was cut, a column's feed link
    to the whole site, the facets drawn as notes."""
    base = served_example.base
    phone = browser.page(viewport={"width": 390, "height": 844})
    phone.goto(base + "/ndbg/")
    newest = phone.evaluate("""() => { const frame = document.querySelector(".gk-chart-frame").getBoundingClientRect();
        const years = [...document.querySelectorAll("svg.gk-chart text[text-anchor='middle']")];
        const last = years[years.length - 1].getBoundingClientRect();
        return last.left >= frame.left && last.right <= frame.right; }""")
    assert newest  # the newest year in view without scrolling
    report = next(m for m in sources() if m["folder"] == "ndbg" and str(m.get("edition")) == "2021")
    phone.goto(base + "/" + page_of(report).removesuffix("index.html"))
    assert phone.locator("table.gk-report").first.evaluate("t => t.getBoundingClientRect().width") >= 640  # its frame scrolls
    phone.goto(base + ENTRY)
    assert phone.locator(".gk-qr").is_hidden()  # a phone is where the code leads
    phone.goto(base + "/mulu/fenlei/02/")
    phone.get_by_role("link", name="其他分类").click()  # the tree comes after the list on a phone
    assert phone.locator("#gk-tree-title").evaluate("h => h.getBoundingClientRect().top") < 100
    phone.context.close()
    touch = browser.page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    touch.goto(base + "/feeds/all.xml")  # laid out 980 px wide (no viewport tag in a feed): its text scaled to read
    assert touch.evaluate("[innerWidth, getComputedStyle(document.documentElement).fontSize]") == [980, "40px"]
    touch.context.close()
    page = browser.page(viewport={"width": 1366, "height": 768})
    page.goto(base + ENTRY)
    tab = page.locator(".md-tabs__item--active a")
    assert tab.count() == 1 and tab.get_attribute("aria-current") == "location"
    crumbs = page.locator(".gk-crumbs a").evaluate_all("links => links.map(a => a.href)")
    assert tab.evaluate("a => a.href") in crumbs[1:]
    assert page.locator(".md-sidebar--secondary").is_visible()  # its text has headings: 本文导航 beside it
    assert page.locator(".md-sidebar--secondary .md-nav__title").inner_text().strip() == "本文导航"
    page.goto(base + "/bszn/11990000MB3456789C-2024-00506/")  # a guide whose text has no heading
    assert page.locator(".md-sidebar--secondary").is_hidden()  # the text takes the width
    page.goto(base + "/xxgk/11990000MB4567890D-2024-00900/")  # 删减后公开
    assert "依据《中华人民共和国政府信息公开条例》第三十七条" in page.locator(".gk-banner").inner_text()
    page.goto(base + "/zcjd/")  # a list without a feed of its own
    assert "订阅全站更新" in page.locator(".gk-count").inner_text()
    page.goto(base + "/jiansuo/?q=户口")
    icon = page.locator(".gk-facet-group > summary").first.evaluate("s => getComputedStyle(s, '::before').display")
    assert icon == "none"
    page.context.close()
