"""A link checker over the built site: every internal link, image, stylesheet, script and attachment
must point at a file that exists, and every #anchor at an id on its page.

Broken links cost points in government-website inspections; this runs after each build, on the
HTML as published (templates included), so nothing that MkDocs' Markdown link check misses slips by.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "track": "src",
               "audio": "src", "video": "src", "iframe": "src"}


@dataclass(frozen=True)
class Broken:
    page: str  # the page holding the link, inside the site
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page} 中的链接「{self.url}」{self.reason}"


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag in ("a", "input") else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        url = values.get(_LINK_ATTRS.get(tag, ""))
        if url and not (tag == "link" and values.get("rel") == "canonical"):
            self.links.append(url)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    page.close()
    return page


def check_site(site: Path, base: str = "/") -> list[Broken]:
    """Every broken internal link and anchor in the HTML pages under `site`, served at path `base`
    (absolute links, as on the 404 page, start with it)."""
    pages = {p.relative_to(site).as_posix(): _parse(p) for p in sorted(site.rglob("*.html"))}
    broken = []
    for rel, page in pages.items():
        for url in dict.fromkeys(page.links):
            problem = _check(site, rel, url, pages, base)
            if problem:
                broken.append(Broken(rel, url, problem))
    return broken


def _check(site: Path, rel: str, url: str, pages: dict[str, _Page], base: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None  # external: optional, and not from an isolated build machine
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base):
            return "指向网站之外"
        path = "/" + path[len(base):]
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path)).lstrip("/")
        target = "" if target == "." else target
        if target.startswith(".."):
            return "指向网站之外"
        if path.endswith("/") or (site / target).is_dir():
            target = posixpath.join(target, "index.html")
        if not (site / target).is_file():
            return "指向的页面或文件不存在"
    else:
        target = rel
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"中的锚点「#{fragment}」在目标页面上不存在"
    return None
