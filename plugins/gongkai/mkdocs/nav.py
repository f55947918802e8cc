"""The directory placed in MkDocs' navigation: the plain tree of site/navigation.py as MkDocs' sections
and pages, where mkdocs.yml's nav lists mulu/index.md, else after the home page."""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

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
