"""A link checker over the built site: every internal link, image, stylesheet, script and attachment
must point at a file that exists, and every #anchor at an id on its page.

Broken links cost points in government-website inspections; this runs after each build, on the
HTML as published (templates included), so nothing that MkDocs' Markdown link check misses slips by.
"""

from __future__ import annotations

import html
import multiprocessing
import os
import posixpath
import re
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gongkai.outputs.sitefiles import SiteFiles

PARALLEL_FROM = 500  # pages
_LINK_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "track": "src",
               "audio": "src", "video": "src", "iframe": "src"}


@dataclass(frozen=True)
class Broken:
    page: str  # the page holding the link, inside the site
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page} 中的链接「{self.url}」{self.reason}"


# The built pages are machine-written HTML, so two patterns do what html.parser did, several times
# faster: script and style bodies and comments are dropped, then only the start tags that link or
# may name an anchor have their attributes read.
_OPAQUE = re.compile(r"<(?:(script\b[^>]*>).*?</script\s*>|style\b[^>]*>.*?</style\s*>|!--.*?-->)",
                     re.DOTALL | re.IGNORECASE)  # "<" first: the engine skips to it, seven times faster
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>")
_ATTR = re.compile(r"""([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


@dataclass
class Links:
    """What one page links to, and the anchors it offers."""
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    elsewhere: bool = False  # a link to an anchor on another page (see check_site's `only`)


def _read(path: Path) -> Links:
    return parse(path.read_text(encoding="utf-8", errors="replace"))


def parse(html_text: str) -> Links:
    page = Links()
    text = _OPAQUE.sub(lambda m: "<" + m.group(1) if m.group(1) else "", html_text)
    for name, attrs in _START.findall(text):
        ids, url = _tag(name, attrs)
        if ids:
            page.ids.update(ids)
        if url:
            page.links.append(url)
    page.elsewhere = any(_anchor_elsewhere(url) for url in page.links)
    return page


def joined(parts: list[Links]) -> Links:
    """The links and anchors of a page scanned in parts, in their order."""
    if len(parts) == 1:
        return parts[0]
    return Links([url for part in parts for url in part.links], set().union(*(part.ids for part in parts)),
                 any(part.elsewhere for part in parts))


@lru_cache(maxsize=8192)  # most tags (the navigation's, the footer's) recur on every page of a folder
def _tag(name: str, attrs: str) -> tuple[tuple[str, ...], str | None]:
    """The anchors a start tag names and the URL it links to."""
    tag = name.lower()
    if tag not in _LINK_ATTRS and "id=" not in attrs and "name=" not in attrs:
        return (), None
    values = {m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
              for m in _ATTR.finditer(attrs)}
    ids = tuple(values[name] for name in (("id", "name") if tag in ("a", "input") else ("id",)) if values.get(name))
    url = values.get(_LINK_ATTRS.get(tag, ""))
    return ids, url if url and not (tag == "link" and values.get("rel") == "canonical") else None


def check_site(site: SiteFiles, base: str = "/", parsed: dict[str, Links] | None = None,
               only: Collection[str] | None = None) -> list[Broken]:
    """Every broken internal link and anchor in the HTML pages of `site` (listed, unless `only` is
    given), served at path `base`
    (absolute links, as on the 404 page, start with it). Pages in `parsed` (by path in the site) were
    parsed as they were written; the others are read here. With `only`, just the links of those pages
    (and of the pages linking to an anchor on another page, which may be one of them) are checked,
    against the files on disk and the anchors of the pages in `parsed`."""
    parsed = parsed or {}
    if only is None:
        rels = site.ending((".html",))
        unread = [rel for rel in rels if rel not in parsed]
        read = dict(zip(unread, _parse_all([site.root / rel for rel in unread]), strict=True))
        pages = {rel: parsed[rel] if rel in parsed else read[rel] for rel in rels}
    else:
        pages = parsed
        only = {*only, *(rel for rel, page in pages.items() if page.elsewhere)}
    broken: list[Broken] = []
    checked: dict[tuple[str, str], str | None] = {}
    for rel in pages if only is None else sorted(only):
        for url in dict.fromkeys(pages[rel].links):
            key = (_context(rel, url), url)
            if key not in checked:
                checked[key] = _check(site, rel, url, pages, base)
            problem = checked[key]
            if problem:
                broken.append(Broken(rel, url, problem))
    return broken


def _context(rel: str, url: str) -> str:
    """What of the page at `rel` the check of `url` depends on. Most links recur (the navigation's, the
    footer's), and an entry's page, in a folder of its own, reaches them with one `../` per folder: a
    million checks at 10,000 entries, of a few thousand different links."""
    if not url or url.startswith("#"):
        return rel
    if url.startswith("/") or ":" in url.split("/", 1)[0]:
        return ""  # absolute, or external (a scheme)
    ups, depth = 0, rel.count("/")
    while url.startswith("../", 3 * ups):
        ups += 1
    return f"../{ups - depth}" if ups >= depth else posixpath.dirname(rel)


def _anchor_elsewhere(url: str) -> bool:
    """A link to an anchor on another page of the site (or, rarely, a false alarm: checked anyway)."""
    return "#" in url and not url.startswith("#") and "://" not in url


def _parse_all(paths: list[Path]) -> list[Links]:
    """Every page parsed, on all cores when there are enough pages to pay for starting processes."""
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [_read(p) for p in paths]
    with ProcessPoolExecutor(mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(_read, paths, chunksize=64))


def _check(tree: SiteFiles, rel: str, url: str, pages: dict[str, Links], base: str) -> str | None:
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
        if path.endswith("/") or tree.has_folder(target):
            target = posixpath.join(target, "index.html")
        if not tree.has_file(target):
            return "指向的页面或文件不存在"
    else:
        target = rel
    fragment = unquote(parts.fragment)
    if fragment and target in pages and fragment not in pages[target].ids:
        return f"中的锚点「#{fragment}」在目标页面上不存在"
    return None
