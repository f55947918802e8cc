"""Every use the project makes of what MkDocs and Jinja do not publish, in one place.

Each has no public equivalent; each is named here with what it relies on, and tests/test_internals.py
checks that reliance against the installed MkDocs (or ProperDocs) and Jinja, so an upgrade that
changes one fails there, by name, instead of changing pages silently.

1. MkDocs' build sets `config._current_page` while it reads and renders a page (mkdocs.yml's
   `!relative` tag resolves against it); the engine does the same around the pages it handles.
2. The page MkDocs' loop reads: an `on_pre_page` handler may return another object, on which the
   loop calls `read_source`, the page events and `render`; the engine returns `Unread`, so that the
   loop does no work for pages it converts later itself.
3. Jinja's template context: a template's blocks are `Context.blocks` (a chain per name, the child's
   first), its top-level code `Template.root_render_func`, its assignments outside blocks
   `Context.vars`; frames.py renders a page's own blocks into a frame cut from another page.
4. `Page.render`'s steps with one Markdown converter for all pages, reset between them as
   Python-Markdown documents, instead of a new one for each (0.12–0.15 ms a page, 1.3–1.5
   CPU-seconds at 10,000 entries, measured): the page's own processors (MkDocs' private
   `_…Processor` classes and their `_register`) are registered anew for each page, from the module
   of its class, as `Page.render` does, and what it sets on the page is set the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

Block = Any  # a compiled block: a function from a Jinja context to its output's pieces


@contextmanager
def current_page(config: MkDocsConfig, page: Page) -> Iterator[None]:
    """(1) `page` as the page being built, as MkDocs' own loops mark it."""
    config._current_page = page
    try:
        yield
    finally:
        config._current_page = None


class Unread:
    """(2) What MkDocs' own loop reads and converts in place of a page converted here later: nothing.
    The page events still run, with this as the page. Reading such a page as empty instead still made
    a Markdown converter for it: 0.34 ms a page, 3.4 s at 10,000 entries on one core."""
    markdown = content = ""

    def __init__(self, page: Page) -> None:
        self.file, self.meta = page.file, page.meta

    def read_source(self, config: MkDocsConfig) -> None:
        pass

    def render(self, config: MkDocsConfig, files: Files) -> None:
        pass


def context(template: jinja2.Template, values: dict[str, Any], assigned: dict[str, Any] | None = None) -> Any:
    """(3) A context to render `template` in, with the top-level assignments of an earlier rendering."""
    ctx = template.new_context(values)
    if assigned:
        ctx.vars.update(assigned)
    return ctx


def blocks(ctx: Any) -> dict[str, list[Block]]:
    """(3) The context's blocks by name, each a chain with the overriding template's first."""
    found: dict[str, list[Block]] = ctx.blocks
    return found


def render_root(template: jinja2.Template, ctx: Any) -> str:
    """(3) The whole template rendered in `ctx`, whose blocks may have been replaced."""
    return "".join(template.root_render_func(ctx))


def assigned(ctx: Any) -> dict[str, Any]:
    """(3) What the template assigned outside its blocks while rendering in `ctx`."""
    return dict(ctx.vars)


def markdown_renderer(config: MkDocsConfig, files: Files) -> Callable[[Page], None]:
    """(4) `Page.render` for many pages with one Markdown converter."""
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})

    def render(page: Page) -> None:
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        own = sys.modules[type(page).__module__]
        md.reset()
        raw_html = own._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = own._ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = own._RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = own._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        page.links_to_anchors = relative.links_to_anchors
    return render
