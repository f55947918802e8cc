"""Pages outside the navigation filled into their frame: the theme's page around what is the page's
own, rendered once per kind of page.

Of an entry's page, Material's base.html and its partials are most of the template time, and
entries that sit in the same folder get the same bytes from them but for four values: the page's
title (in <title> and in the header), its description and its canonical address. What is the
entry's own comes from three blocks: `extrahead` (the meta tags and JSON-LD), `site_nav` (the
sidebars, from fragments.py, which depend on the table of contents) and `content`. The rest depends
on the page's template, its place and `hide:` (fragments.frame_key), its first heading (the theme's
"skip to content" link) and its other metadata: together, the frame's key.

The first page of a key is rendered in full, as always. It is rendered once more with markers in
place of the four values and the three blocks, which cuts that output into the frame: text, the
places of the values (each as printed there: escaped, or through `striptags` and escaped) and of the
blocks. The frame is kept only if filling it with this page's values and blocks gives its full
rendering byte for byte; then the next pages of the key render only their blocks into it. The
templates that pages with a frame use assign nothing outside their blocks that differs from page to
page (the frame keeps what the first page's assigned).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.structure.pages import Page

from gongkai.engine import internals
from gongkai.engine.fragments import Fragments

MARK = "\ue000"  # a private-use character, which no page prints
BLOCKS = ("extrahead", "site_nav", "content")  # the page's own, rendered for each page
VALUES: dict[str, Callable[[Page], Any]] = {
    "meta_title": lambda page: page.meta.get("title"),
    "title": lambda page: page.title,
    "description": lambda page: page.meta.get("description"),
    "canonical": lambda page: page.canonical_url,
}
PRINTED: dict[str, Callable[[Any], str]] = {  # how a template may print a value (autoescape is on)
    "escape": lambda value: str(escape(value)),
    "striptags": lambda value: str(escape(Markup(str(value)).striptags())),
}
Value = tuple[str, str]  # (value, how printed), or ("block", name)
Text = tuple[str, tuple[str, ...]]  # text and what of it the page scan takes as fragments, in order
Block = internals.Block


def _marker(name: str) -> str:
    """A value's stand-in: each way of printing it gives a different text."""
    return f"{MARK}{name}<i>{MARK}</i>&amp;{MARK}"


@dataclass(frozen=True)
class Frame:
    pieces: tuple[Text | Value, ...]
    blocks: dict[str, list[Block]]  # each block's chain, child first
    assigned: dict[str, Any]  # what the templates assigned outside their blocks

    def fill(self, template: jinja2.Template, context: Mapping[str, Any], page: Page, once: Fragments) -> str:
        """The page's HTML; the fragments it took are given to `once`, in their order."""
        ctx = internals.context(template, dict(context), self.assigned)
        blocks = internals.blocks(ctx)
        blocks.clear()
        blocks.update({name: list(chain) for name, chain in self.blocks.items()})
        out: list[str] = []
        given: list[str] = []
        for first, second in self.pieces:
            if isinstance(second, tuple):
                out.append(first)
                given += second
            elif first == "block":
                before = len(once.given)
                out.append("".join(blocks[second][0](ctx)))
                given += once.given[before:]
                del once.given[before:]
            else:
                out.append(PRINTED[second](VALUES[first](page)))
        once.given += given
        return "".join(out)


class Frames:
    """The frames of one build, by key."""

    def __init__(self, once: Fragments) -> None:
        self.once = once
        self.saved: dict[str, Frame | None] = {}  # None: this key's pages are rendered in full

    def render(self, template: jinja2.Template, context: Mapping[str, Any], page: Page) -> str:
        """The page's HTML, as `template.render(context)` gives it."""
        key = _key(template, context, page)
        if key is None:
            return template.render(context)
        if key not in self.saved:
            html = template.render(context)
            given = self.once.taken()
            self.saved[key] = self._cut(template, context, page, html)
            self.once.given = given
            return html
        frame = self.saved[key]
        return template.render(context) if frame is None else frame.fill(template, context, page, self.once)

    def _cut(self, template: jinja2.Template, context: Mapping[str, Any], page: Page, html: str) -> Frame | None:
        """The frame of `page`, whose full rendering is `html`; None when filling it would not give that."""
        ctx = internals.context(template, {**context, "page": _marked(page)})
        chains = internals.blocks(ctx)
        for name in BLOCKS:
            chains.setdefault(name, []).insert(0, _stand_in(name))
        marked = internals.render_root(template, ctx)
        pieces = _pieces(marked, self.once.taken())
        if pieces is None:
            return None
        blocks = {name: chain[1:] if name in BLOCKS else chain for name, chain in chains.items()}
        frame = Frame(pieces, blocks, internals.assigned(ctx))
        filled = frame.fill(template, context, page, self.once)
        self.once.taken()
        return frame if filled == html else None


def _key(template: jinja2.Template, context: Mapping[str, Any], page: Page) -> str | None:
    """What decides a page's frame but its four values and its blocks; None for a page that has none
    (one in the navigation, or whose place other pages do not share)."""
    if context.get("gk_frame_key") is None:
        return None
    skip = next(iter(page.toc), None)  # the theme's "skip to content" link goes to the first heading
    meta = sorted((k, v) for k, v in page.meta.items() if k not in ("title", "description"))
    present = [bool(value(page)) for value in VALUES.values()]  # what the templates test
    return repr([template.name, context["gk_frame_key"], skip and skip.url, meta, present])


def _stand_in(name: str) -> Block:
    def block(ctx: jinja2.runtime.Context) -> Iterator[str]:
        yield f"{MARK}block {name}{MARK}"
    return block


def _marked(page: Page) -> Page:
    """A copy of the page whose four values, those it has, are their stand-ins."""
    has = {name: bool(value(page)) for name, value in VALUES.items()}
    marked = copy.copy(page)
    marked.meta = {**page.meta, **{key: _marker(name) for key, name in (("title", "meta_title"),
                                                                        ("description", "description")) if has[name]}}
    if has["title"]:
        marked.title = _marker("title")  # over MkDocs' computed title, on the copy only
    if has["canonical"]:
        marked.canonical_url = _marker("canonical")
    return marked


def _pieces(marked: str, fragments: list[str]) -> tuple[Text | Value, ...] | None:
    """The marked rendering cut at its markers, each text with the `fragments` it holds (they come in
    order); None if a marker is printed in a way not known here."""
    tokens: dict[str, Value] = {f"{MARK}block {name}{MARK}": ("block", name) for name in BLOCKS}
    for value in VALUES:
        for how, printed in PRINTED.items():
            tokens[printed(_marker(value))] = (value, how)
    pattern = "|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True))
    parts = re.split(f"({pattern})", marked)
    if any(MARK in text for text in parts[::2]):
        return None
    pieces: list[Text | Value] = []
    waiting = list(fragments)
    for i, part in enumerate(parts):
        if i % 2:
            pieces.append(tokens[part])
        elif part:
            held, at = [], 0
            while waiting and (start := part.find(waiting[0], at)) >= 0:
                at = start + len(waiting[0])
                held.append(waiting.pop(0))
            core = _core(part)
            pieces.append((part, (core,) if core else tuple(held)))
    return tuple(pieces)


def _core(text: str) -> str:
    """The whole elements of a piece of the frame, from its first tag to its last: every page of the
    frame has them, so the page scan (pagescan.py) takes them as a fragment, scanned once. A piece
    starts and ends at a value or a block, none of them inside a script or a comment."""
    start, end = text.find("<"), text.rfind(">") + 1
    return text[start:end] if 0 <= start < end else ""
