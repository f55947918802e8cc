"""The directory placed in MkDocs' navigation: the plain tree of site/navigation.py as MkDocs' sections
and pages, where mkdocs.yml's nav lists mulu/index.md, else after the home page. The home page is
首页 there (the site's name heads the menu already), and a plain page's breadcrumb is its place in it."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from gongkai.site import navigation
from gongkai.site.directory import ROOT
from gongkai.site.navigation import Node


def place(nav: Navigation, nodes: list[Node], files: Files) -> None:
    added = [_item(node, files) for node in nodes]
    root = files.get_file_from_path(ROOT + "/index.md")
    items = nav.items
    at = next((i for i, item in enumerate(items) if root and getattr(item, "file", None) is root), None)
    if at is not None:
        items[at:at + 1] = added
    else:
        items[1:1] = added
    for item in added:
        _adopt(item, None)
    nav.pages = _pages(nav.items)
    for page in nav.pages:
        if page.is_homepage:
            page.title = navigation.HOME_TITLE


def crumbs(page: Page) -> tuple[navigation.Crumb, ...]:
    """首页 › the sections holding the page (linked to their index page, where they have one) › the page."""
    trail = [navigation.Crumb(navigation.HOME_TITLE, navigation.HOME)]
    for section in reversed(list(page.ancestors)):
        first = next(iter(getattr(section, "children", None) or []), None)
        index = first if isinstance(first, Page) and first.is_index and first is not page else None
        trail.append(navigation.Crumb(str(section.title), index.file.src_uri if index else None))
    return (*trail, navigation.Crumb(str(page.title or "")))


def urls(items: list[Any]) -> list[str]:
    """The URL of every page, section index and link in the navigation."""
    out: list[str] = []
    for item in items:
        if getattr(item, "url", None) is not None:
            out.append(item.url)
        out += urls(getattr(item, "children", None) or [])
    return out


def _item(node: Node, files: Files) -> Page | Section:
    if node.src_uri is None:
        return Section(node.title, [_item(child, files) for child in node.children])
    file = files.get_file_from_path(node.src_uri)
    assert file is not None and file.page is not None, node.src_uri
    file.page.title = node.title  # the short name, where the page's own title is longer
    return file.page


def _adopt(item: Any, parent: Section | None) -> None:
    item.parent = parent
    for child in getattr(item, "children", None) or []:
        _adopt(child, item)


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        out += _pages(getattr(item, "children", None) or [])
    return out


def with_headings(page: Page, headings: list[tuple[str, str]], before: str) -> None:
    """The page's table of contents with `headings` (title, id) that its template prints, as level-2
    items placed before the first one whose title starts with `before` (else last)."""
    items = list(page.toc)
    if any(item.id == ident for item in items for _, ident in headings):
        return
    at = next((i for i, item in enumerate(items) if item.title.startswith(before)), len(items))
    items[at:at] = [AnchorLink(title, ident, 2) for title, ident in headings]
    page.toc = TableOfContents(items)
