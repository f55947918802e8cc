"""Generated pages converted and rendered outside MkDocs' page loops, on every core.

MkDocs converts its pages from Markdown one after another, then renders them one after another.
Entry and listing pages are most of a catalogue and independent of each other, so the plugin does
both itself in forked processes (forked.py), exactly as MkDocs' loops would: the same events
(`on_page_markdown` … `on_post_page`), the same template context, the same bytes to the same file.
MkDocs' own loop converts a stand-in for each of them (`Unread`, which the plugin's `on_pre_page`
returns), and they leave its list of pages before it renders, so nothing is done twice; the sitemap
is rendered again with them in it.

It does so only when no other plugin handles these events: such a plugin's state would stay behind
in the child processes. MkDocs then converts and renders every page itself, as usual.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import markdown
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import write_file

from . import deploy

log = get_plugin_logger(__name__)
PAGE_EVENTS = ("page_read_source", "pre_page", "page_markdown", "page_content", "page_context", "post_page")
SITEMAP = "sitemap.xml"


def can_take_over(config: MkDocsConfig, plugin: object) -> bool:
    """True when `plugin` is the only one handling the events of a page being rendered."""
    return all(getattr(method, "__self__", None) is plugin
               for event in PAGE_EVENTS for method in config.plugins.events[event])


class Unread:
    """What MkDocs' own loop reads and converts in place of a page converted here later: nothing. The
    page events still run, with this as the page. Reading such a page as empty instead still made a
    Markdown converter for it: 0.34 ms a page, 3.4 s at 10,000 entries on one core."""
    markdown = content = ""

    def __init__(self, page: Page) -> None:
        self.file, self.meta = page.file, page.meta

    def read_source(self, config: MkDocsConfig) -> None:
        pass

    def render(self, config: MkDocsConfig, files: Files) -> None:
        pass


def page_converter(config: MkDocsConfig, files: Files) -> Callable[[Page], None]:
    """What MkDocs' first loop does to one page (mkdocs.commands.build._populate_page)."""
    render = markdown_renderer(config, files)

    def convert(page: Page) -> None:
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
            render(page)
            assert page.content is not None
            page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
        except Exception as e:
            log.error(_failed("Error reading page", page, e))
            raise
        finally:
            config._current_page = None
    return convert


Draw = Callable[[jinja2.Template, Mapping[str, Any], Page], str]  # a page's HTML from its template and context


def markdown_renderer(config: MkDocsConfig, files: Files) -> Callable[[Page], None]:
    """`Page.render` (MkDocs 1.6's, which ProperDocs shares) with one Markdown converter for all pages,
    reset between them as Python-Markdown documents, instead of a new one for each: making one took
    0.4 ms, 4 CPU-seconds at 10,000 entries. The page's own processors are registered anew for each
    page, from the module of its class, as `Page.render` does."""
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


def page_renderer(config: MkDocsConfig, nav: Navigation, env: jinja2.Environment, pages: Sequence[File],
                  draw: Draw = lambda template, context, page: template.render(context)) -> Callable[[Page], None]:
    """What MkDocs' loop does to one page (mkdocs.commands.build._build_page), `pages` being the
    documentation pages its templates see; `draw` renders the template (frames.py)."""
    def render(page: Page) -> None:
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, pages, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = config.plugins.on_post_page(draw(template, context, page), page=page, config=config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), str(page.file.abs_dest_path))
        except Exception as e:
            log.error(_failed("Error building page", page, e))
            raise
        finally:
            page.active = False
            config._current_page = None
    return render


def _failed(what: str, page: Page, error: Exception) -> str:
    """MkDocs' message for a page that failed (a BuildError is printed on its own afterwards)."""
    return f"{what} '{page.file.src_uri}':" + ("" if isinstance(error, BuildError) else f" {error}")


def write_sitemap(config: MkDocsConfig, nav: Navigation, env: jinja2.Environment, pages: Sequence[File]) -> None:
    """The theme's sitemap of `pages`, written over MkDocs' own, with its .gz as MkDocs does."""
    if SITEMAP not in config.theme.static_templates:
        return
    data = env.get_template(SITEMAP).render(get_context(nav, pages, config)).encode("utf-8")
    path = Path(config.site_dir) / SITEMAP
    write_file(data, str(path))
    deploy.gzip_beside(path, data, minimum=0)
