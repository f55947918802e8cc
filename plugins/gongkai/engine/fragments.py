"""Template fragments rendered once and reused on pages outside the navigation: the theme's sidebars,
styles, scripts and footer.

Material prints the whole navigation into every page. On a page that is not itself in the
navigation (an entry, a later page of a listing) nothing in it is marked as current, so the
sidebars depend only on where the page sits (links are relative to its folder's parent), on its own
table of contents and on its `hide:` setting. Pages that agree on these get the same bytes, which
`main.html` takes from here instead of rendering them again: at 2,500 entries the navigation was
most of the template time. Such pages show only the navigation's top level
(`partials/gk-sidebars.html`). The theme's styles, scripts, their configuration and the footer
depend on even less (the page's place and `hide:`): at 10,000 entries they took 12 of the 48
CPU-seconds of the templates.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable, Iterable
from typing import Any, Protocol


class Heading(Protocol):
    title: str
    id: str
    level: int
    children: Any


class Fragments:
    """Rendered fragments by key, for one build."""

    def __init__(self) -> None:
        self.saved: dict[str, str] = {}
        self.given: list[str] = []  # since `taken`

    def __call__(self, key: str | None, caller: Callable[[], str]) -> str:
        """Jinja's `{% call gk_once(key) %}…{% endcall %}`: the block's output, rendered the first time
        (every time without a key)."""
        if key is None:
            return caller()
        if key not in self.saved:
            self.saved[key] = caller()
        self.given.append(self.saved[key])
        return self.saved[key]

    def taken(self) -> list[str]:
        """The fragments given since the last call, in order: those of the page just rendered."""
        given, self.given = self.given, []
        return given


def folders(urls: Iterable[str]) -> frozenset[str]:
    """Every folder that holds a navigation page, at any depth ("" is the site's root)."""
    out = {""}
    for url in urls:
        folder = url if url.endswith("/") else posixpath.dirname(url)
        while folder:
            folder = folder.rstrip("/")
            out.add(folder)
            folder = posixpath.dirname(folder)
    return frozenset(out)


def place(url: str, nav_folders: frozenset[str]) -> str | None:
    """Where a page outside the navigation sits, as far as its relative links tell; None if no other
    page links alike. Links are relative to the folder a page's URL names: `xxgk/a/` links to every
    navigation page as its sibling `xxgk/b/` does, unless a navigation page lies inside one of those
    folders; `xxgk/a.html` links as every other page in `xxgk/` does."""
    if url.endswith("/") or not url:
        folder = url.rstrip("/")
        return None if folder in nav_folders else posixpath.join(posixpath.dirname(folder), "*/")
    return posixpath.join(posixpath.dirname(url), "*.html")


def sidebar_key(url: str, toc: Iterable[Heading], hide: object, nav_folders: frozenset[str]) -> str | None:
    """The key of a page's sidebars, for a page outside the navigation; None if they must be rendered."""
    at = place(url, nav_folders)
    return None if at is None else json.dumps([at, _headings(toc), hide], ensure_ascii=False)


def frame_key(url: str, hide: object, nav_folders: frozenset[str]) -> str | None:
    """The key of the theme's parts that only the place of a page outside the navigation and its `hide:`
    setting decide (styles, scripts, the scripts' configuration, the footer: links relative to the
    page, no previous or next page); None if they must be rendered."""
    at = place(url, nav_folders)
    return None if at is None else json.dumps([at, hide], ensure_ascii=False)


def _headings(toc: Iterable[Heading]) -> list[Any]:
    return [[h.title, h.id, h.level, _headings(h.children)] for h in toc]
