"""What reading the build's pages finds, page by page (by MkDocs' loop or the engine's processes):

- problems reported before any page is written (`late`): a plain page's metadata and template, its
  portal links, HTML that could run code, personal numbers only the rendered text shows;
- each page's search record, from its text as a reader sees it;
- the home page's portal links;

and each page made safe for the templates: its own title and table of contents as plain text, its
checked content vouched for (htmlsafety.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from mkdocs.structure.pages import Page

from gongkai.core import gate, htmlsafety, linking
from gongkai.core.problems import Problem
from gongkai.search import records
from gongkai.site import home
from gongkai.site.model import Model

SEARCH_PAGE = "jiansuo/index.md"  # 检索
SITE_MAP_PAGE = "wzdt/index.md"  # 网站地图
CONTACT_PAGE = "lxwm/index.md"  # 联系我们
THEIRS = {SEARCH_PAGE, SITE_MAP_PAGE, CONTACT_PAGE}  # pages the plugin writes from catalogue.yml, not an editor's
UNINDEXED = {"index.md", "404.md", *THEIRS}  # pages that only link to, or repeat, what every page shows
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


@dataclass
class Found:
    """What converting one page found, to travel back from the process that converted it."""
    problems: list[Problem] = field(default_factory=list)
    record: records.Record | None = None
    ids: frozenset[str] = frozenset()  # the anchors its content offers
    anchors: list[tuple[Problem, str, str]] = field(default_factory=list)  # links to anchors elsewhere: if missing, target, anchor


class Reading:
    def __init__(self, model: Model, docs_name: str, own_host: str, search: bool) -> None:
        self.model, self.docs_name, self.own_host, self.search = model, docs_name, own_host, search
        self.late: list[Problem] = []  # reported before anything is written
        self.records: dict[str, records.Record] = {}  # what the search indexes, by page src_uri
        self.portals: dict[str, tuple[home.Tile, ...]] = {}  # pages using home.html: their portal links
        self.addresses: linking.Addresses | None = None  # what links can reach (set once MkDocs' files are known)
        self.ids: dict[str, frozenset[str]] = {}  # each page's anchors, by src_uri
        self.anchors: list[tuple[Problem, str, str]] = []  # links to anchors on other pages, checked at `anchor_problems`

    def path(self, src_uri: str) -> str:
        """The file an editor would open for the page."""
        entry = self.model.entries.get(src_uri)
        return entry.path if entry else f"{self.docs_name}/{src_uri}"

    def malformed(self, page: Page, markdown: str) -> list[Problem]:
        """Link addresses MkDocs itself would stop on, with a traceback, while rendering the page."""
        return [Problem(self.path(page.file.src_uri), f"链接地址「{url[:60]}」格式有误，无法解析，请改正。", self._line_of(page, url))
                for url in htmlsafety.malformed_urls(markdown)]

    def links(self, page: Page, markdown: str) -> str:
        """A page's Markdown with links written as editors write them rewritten to what they reach as
        published (core/linking.py); each broken one a problem at its line in the editor's file."""
        uri = page.file.src_uri
        if self.addresses is None or uri in self.model.listing_pages or uri in THEIRS:
            return markdown
        entry = self.model.entries.get(uri)
        source, path = (entry.src_uri, entry.path) if entry else (uri, self.path(uri))
        text, line_in_file = self._source(page)
        found = linking.rewrite(markdown, linking.Page(source, uri, page.url), self.addresses)
        skipped = text[:len(text) - len(markdown)].count("\n") if text.endswith(markdown) else 0  # MkDocs drops blank lines

        def line(link: linking.Link) -> int:
            return line_in_file(skipped + link.line(markdown))
        self.late += list(dict.fromkeys(Problem(path, b.message, line(b.link)) for b in found.broken))  # [![图](a)](a): once
        self.anchors += [(Problem(path, f"链接「{a.link.url}」中的锚点「#{a.anchor}」在目标页面上不存在。", line(a.link)),
                          a.site_file, a.anchor) for a in found.anchors]
        return found.text

    def _source(self, page: Page) -> tuple[str, Callable[[int], int]]:
        """The text an editor wrote for the page as published (an entry's body, redacted; a plain page's
        file), and the file's line of each of its 0-based lines."""
        entry = self.model.entries.get(page.file.src_uri)
        return (entry.body, entry.line_in_file) if entry else (page.file.content_string, lambda line: line + 1)

    def _line_of(self, page: Page, markup: str) -> int | None:
        """The line of the editor's file where `markup` (as the rendered page holds it) was written."""
        text, line_in_file = self._source(page)
        at = text.lower().find(markup.lower()) if markup else -1
        return line_in_file(text.count("\n", 0, at)) if at >= 0 else None

    def anchor_problems(self) -> list[Problem]:
        """Links to an anchor that the page they reach does not offer (once every page is converted)."""
        anchors, self.anchors = self.anchors, []
        return [dataclasses.replace(problem, message=problem.message + _offered(self.ids[target]))
                for problem, target, anchor in anchors if target in self.ids and anchor not in self.ids[target]]

    def markdown(self, page: Page) -> None:
        """A page's metadata, as MkDocs parsed it: a plain page's checks, the home page's portal links
        (written as links are, core/linking.py)."""
        uri = page.file.src_uri
        path = self.path(uri)
        if not self.model.generated(uri) and uri not in THEIRS:
            self.late += gate.check_page_meta(path, page.meta)
        if page.meta.get("template") == home.TEMPLATE and self.addresses:
            here, addresses = linking.Page(uri, uri, page.url), self.addresses
            tiles, problems = home.tiles(page.meta.get(home.PORTAL_KEY), lambda link: linking.reach(link, here, addresses))
            self.portals[uri] = tiles
            self.late += [Problem(path, message, self._line_of(page, clue)) for message, clue in problems]

    def content(self, page: Page, html: str) -> Markup | None:
        """A page's HTML checked (its problems kept for `late`), its text scanned and recorded for search,
        its titles made plain text; the HTML vouched for (should anything be unsafe, the build stops
        before writing)."""
        uri = page.file.src_uri
        _plain_titles(page, own=not self.model.generated(uri))
        if uri in self.model.listing_pages:
            return None
        self.ids[uri] = frozenset(_ID.findall(html))
        path = self.path(uri)
        self.late += [Problem(path, f"正文中的 HTML 不安全：{found}。公开页面不得含有可执行代码、不得从其他网站加载内容，"
                                    "请删除或改写这段 HTML。", self._line_of(page, markup))
                      for found, markup in htmlsafety.problems(html, self.own_host)]
        self.late += [Problem(path, _unrendered(label, shown), self._line_of(page, f"{label}]"))
                      for label, shown in htmlsafety.unrendered_links(html)]
        text = htmlsafety.page_text(html)  # what a reader sees: scanned, and indexed for search
        self.late += gate.scan_rendered(path, f"{text}\n{htmlsafety.addresses(html)}", self.model.schema.gate.allow_numbers,
                                        uri in self.model.entries)
        if self.search:
            self._record(page, text)
        return htmlsafety.vouched(html)

    def _record(self, page: Page, text: str) -> None:
        """What the search indexes of a rendered page: entries with their metadata, plain pages as text."""
        uri = page.file.src_uri
        if uri in self.model.entries:
            self.records[uri] = records.entry_record(self.model.entries[uri], self.model.schema, page.url, text)
        elif uri not in UNINDEXED:
            self.records[uri] = records.page_record(page.url, str(page.title or ""), text)

    def mark(self) -> tuple[int, int]:
        """How much was found so far: what `found` leaves in place."""
        return len(self.late), len(self.anchors)

    def found(self, src_uri: str, mark: tuple[int, int]) -> Found:
        """What converting the page found since `mark` (in the process that converted it), taken out to
        travel back."""
        late, anchors = mark
        found = Found(self.late[late:], self.records.pop(src_uri, None), self.ids.pop(src_uri, frozenset()),
                      self.anchors[anchors:])
        del self.late[late:], self.anchors[anchors:]
        return found

    def receive(self, src_uri: str, found: Found) -> None:
        """What converting a page found, back from the process that converted it."""
        self.late += found.problems
        self.anchors += found.anchors
        self.ids[src_uri] = found.ids
        if found.record:
            self.records[src_uri] = found.record

    def take_late(self) -> list[Problem]:
        late, self.late = self.late, []
        return late


def _unrendered(label: str, shown: str) -> str:
    """Why a link is shown as text, and the fix."""
    if re.search(r"[［］（）]|[\]］][ \t]", shown):
        why = "链接须全部用英文半角的方括号和圆括号，“]”和“(”之间不能有空格"
    else:
        why = "它写在 HTML 标签（如 <details>、<div>）之中，Markdown 的写法在那里不起作用；请改用 <a href=\"…\">…</a>，或把它移到 HTML 标签之外"
    return f"正文中的链接「[{label}]」在页面上显示为文字，没有成为链接：{why}。"


def _offered(ids: frozenset[str]) -> str:
    """The anchors a page's headings offer, as a reader can pick one; how they are made."""
    headings = sorted(i for i in ids if not i.startswith(("gk-", "__")))[:12]
    listed = f"目标页面上的锚点有：{'、'.join('#' + i for i in headings)}。" if headings else "目标页面上没有可链接的标题。"
    return f"{listed}锚点是标题去掉标点后的文字，如“三、施行时间”的锚点是 #三施行时间；也可以去掉 # 及其后的部分。"


def _plain_titles(page: Page, own: bool) -> None:
    """A page's title (when it is the page's `own`, not the catalogue's) and its table of contents as
    plain text: templates escape them. A title in front matter is text, as an entry's is; a first
    heading is HTML, of which the reader sees the text. It is kept as the page's metadata, which
    MkDocs reads its title from (a page read again, under `mkdocs serve`, gets its new one)."""
    if own and "title" in page.meta:
        page.meta["title"] = " ".join(str(page.meta["title"]).split())
    elif own and not page.is_homepage:
        page.meta["title"] = htmlsafety.text(page.title or "")

    def plain(links: Iterable[Any]) -> None:
        for link in links:
            link.title = htmlsafety.text(link.title)
            plain(link.children)
    plain(page.toc)
