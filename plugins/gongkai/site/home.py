"""The home page as a disclosure portal: the editors' portal links, the newest items, the newest item of
every top-level category.

The inspection rules (国办发〔2017〕47号) want the home page to show the newest dated items and no
empty or stale column, so the dates shown are the content's own and the lists come from the gated
catalogue: nothing withheld can appear here. Plain data; the plugin hands it to `home.html`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.site.directory import Kind, Listing

TEMPLATE = "home.html"
PORTAL_KEY = "portal"  # the home page's front-matter list of portal links
NEWEST_COUNT = 10


@dataclass(frozen=True)
class Tile:
    """One portal link: a page of the site (a content path, optionally with #anchor; only the anchor for a
    section of the home page itself) and a short note."""

    title: str
    src_uri: str
    anchor: str = ""
    note: str = ""


@dataclass(frozen=True)
class Portal:
    tiles: tuple[Tile, ...]
    newest: tuple[Entry, ...]
    columns: tuple[Listing, ...]  # top-level categories, schema order; entries newest first


def portal(tiles: tuple[Tile, ...], catalogue: Catalogue, listings: list[Listing]) -> Portal:
    return Portal(tiles, newest(catalogue), columns(catalogue, listings))


def newest(catalogue: Catalogue, count: int = NEWEST_COUNT) -> tuple[Entry, ...]:
    """The newest public items of every content type, by their own dates (the catalogue is newest first)."""
    return tuple(catalogue.entries[:count])


def columns(catalogue: Catalogue, listings: list[Listing]) -> tuple[Listing, ...]:
    """The directory's listings of the top-level categories (法定主动公开内容), in catalogue.yml order."""
    categories = catalogue.schema.categories
    return tuple(x for x in listings if x.kind is Kind.CATEGORY and not categories[x.key].parent)


Reach = Callable[[str], tuple[str | None, str]]  # a link as written -> the page it reaches (src_uri), or why none


def tiles(value: Any, reach: Reach) -> tuple[tuple[Tile, ...], list[tuple[str, str]]]:
    """The front matter's `portal:` list as tiles, and every problem in it, worded for editors, each with
    what it is about as written (to find its line)."""
    if not isinstance(value, list) or not value:
        return (), [(f"首页的「{PORTAL_KEY}」应是一个列表，每项写明 title（名称）和 link（页面文件，如 gongkai-zhinan.md）。",
                     f"{PORTAL_KEY}:")]
    found: list[Tile] = []
    problems: list[tuple[str, str]] = []
    for n, item in enumerate(value, 1):
        tile, problem = _tile(item, reach)
        if tile:
            found.append(tile)
        if problem:
            clue = str(item.get("link") or item.get("title") or "") if isinstance(item, dict) else str(item)
            problems.append((f"首页「{PORTAL_KEY}」第 {n} 项：{problem}", clue))
    return tuple(found), problems


def _tile(item: Any, reach: Reach) -> tuple[Tile | None, str]:
    if not isinstance(item, dict) or not isinstance(item.get("title"), str) or not isinstance(item.get("link"), str):
        return None, "须写成 {title: 名称, link: 页面文件, note: 说明}，title 和 link 必填。"
    unknown = sorted(set(item) - {"title", "link", "note"})
    if unknown:
        return None, f"不认识的键「{'、'.join(map(str, unknown))}」，只能使用 title、link、note。"
    link = item["link"].strip()
    if link.startswith("#"):  # a section of the home page itself
        return Tile(item["title"].strip(), "", link[1:], str(item.get("note") or "").strip()), ""
    target, why = reach(link)
    if target is None:
        return None, why or (f"link「{link}」指向的页面不存在。请填写 content/ 中的文件（如 gongkai-zhinan.md、"
                             "xxgk/2026/某通知.md）、生成的页面（如 mulu/index.md）或 索引号:该文件的索引号。")
    return Tile(item["title"].strip(), target, link.partition("#")[2], str(item.get("note") or "").strip()), ""
