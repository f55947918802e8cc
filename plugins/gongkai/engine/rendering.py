"""Generated pages converted and rendered outside MkDocs' page loops, on every core.

MkDocs converts its pages from Markdown one after another, then renders them one after another.
Entry and listing pages are most of a catalogue and independent of each other, so the engine does
both itself in forked processes (core/workers.py), exactly as MkDocs' loops would: the same events
(`on_page_markdown` … `on_post_page`), `Page.render`'s steps, the same template context, the same
bytes to the same file. MkDocs' own loop converts a stand-in for each of them (internals.Unread,
which the plugin's `on_pre_page` returns), and they leave its list of pages before it renders, so
nothing is done twice; the sitemap is rendered again with them in it.

It does so only when no other plugin handles these events: such a plugin's state would stay behind
in the child processes. MkDocs then converts and renders every page itself, as usual.

Each page is scanned as it is written (pagescan.py: its links, anything that could run code, its Han
runs) and gzipped then, so no page is read back; the theme's page-independent parts are rendered
once (fragments.py) and pages outside the navigation filled into their frame (frames.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from gongkai.core import workers
from gongkai.engine import fragments, internals
from gongkai.engine.frames import Frames
from gongkai.engine.pagescan import Scan
from gongkai.outputs import deploy

log = get_plugin_logger(__name__)
PAGE_EVENTS = ("page_read_source", "pre_page", "page_markdown", "page_content", "page_context", "post_page")
SITEMAP = "sitemap.xml"
ERROR_PAGE = "404.html"
CONVERT, RENDER = 0, 1  # the phases of the forked processes
Draw = Callable[[jinja2.Template, Mapping[str, Any], Page], str]  # a page's HTML from its template and context


class Work(Protocol):
    """What the plugin does with each page the engine converts and renders: `converted` and `rendered` run
    in the process that handled the page, their results travel back to `take` and `keep`."""

    def converted(self, page: Page, convert: Callable[[], None]) -> Any: ...
    def take(self, found: Any) -> None: ...
    def checked(self) -> None: ...
    def rendered(self, page: Page) -> Any: ...
    def keep(self, found: Any) -> None: ...


def can_take_over(config: MkDocsConfig, plugin: object) -> bool:
    """True when `plugin` is the only one handling the events of a page being rendered."""
    return all(getattr(method, "__self__", None) is plugin
               for event in PAGE_EVENTS for method in config.plugins.events[event])


class Engine:
    """One build's rendering: the theme's fragments and frames, the scan of every page written, the
    navigation's pages and folders (pages outside it share their sidebars), and the generated pages
    the engine converts and renders itself (`deferred`, by src_uri)."""

    def __init__(self) -> None:
        self.deferred: set[str] = set()
        self.once = fragments.Fragments()
        self.frames = Frames(self.once)
        self.scan = Scan()
        self.env: jinja2.Environment | None = None
        self.in_nav: set[int] = set()  # ids of the pages in the navigation
        self.nav_folders: frozenset[str] = frozenset()

    def place(self, nav: Navigation, urls: list[str]) -> None:
        """The navigation as placed, with the URL of every item in it."""
        self.in_nav = {id(page) for page in nav.pages}
        self.nav_folders = fragments.folders(urls)

    def start(self, env: jinja2.Environment) -> None:
        """A new theme environment, for the pages of this build: fresh fragments, frames and scan."""
        self.env = env
        self.once = env.globals["gk_once"] = fragments.Fragments()
        self.frames = Frames(self.once)
        self.scan = Scan()

    def frame_context(self, page: Page) -> dict[str, Any]:
        """What a page outside the navigation tells its templates: where its shared parts are kept."""
        if id(page) in self.in_nav:
            return {}
        hide = page.meta.get("hide")
        return {"gk_outside_nav": True, "gk_nav_key": fragments.sidebar_key(page.url, page.toc, hide, self.nav_folders),
                "gk_frame_key": fragments.frame_key(page.url, hide, self.nav_folders)}

    def written(self, page: Page, output: str, gzip: bool) -> None:
        """A page as it is written: scanned, with the fragments it took, and gzipped."""
        self.scan.add(page.file.dest_uri, output, self.once.taken())
        if gzip:
            deploy.gzip_beside(Path(page.file.abs_dest_path or ""), output.encode("utf-8", errors="xmlcharrefreplace"))

    def run(self, config: MkDocsConfig, files: Files, nav: Navigation, pages: Sequence[File], todo: list[Page],
            work: Work) -> None:
        """Convert `todo` (on every core when there are many), call `work.checked`, then render and write
        them; what `work` makes of each page travels back from the process that did it. `pages` are the
        documentation pages the templates see."""
        convert = page_converter(config, files)
        render = page_renderer(config, nav, self._environment(), pages, self.frames.render)

        def convert_one(index: int) -> Any:
            self.deferred = set()  # here the page is read for real
            return work.converted(todo[index], lambda: convert(todo[index]))

        def render_one(index: int) -> tuple[Any, Scan]:
            render(todo[index])
            return work.rendered(todo[index]), self.scan.ship()

        team = workers.Team((convert_one, render_one), len(todo))  # before any thread starts
        try:
            for found in team.run(CONVERT):
                work.take(found)
            work.checked()
            for found, scan in team.run(RENDER):
                self.scan.merge(scan)
                work.keep(found)
        finally:
            team.close()

    def write_sitemap(self, config: MkDocsConfig, nav: Navigation, pages: Sequence[File]) -> None:
        """The theme's sitemap of `pages`, written over MkDocs' own, with its .gz as MkDocs does."""
        if SITEMAP not in config.theme.static_templates:
            return
        data = self._environment().get_template(SITEMAP).render(get_context(nav, pages, config)).encode("utf-8")
        path = Path(config.site_dir) / SITEMAP
        write_file(data, str(path))
        deploy.gzip_beside(path, data, minimum=0)

    def write_error_page(self, config: MkDocsConfig, nav: Navigation, files: Files, gzip: bool) -> None:
        """The theme's 404 page rendered again as MkDocs renders it (mkdocs.commands.build._build_template:
        links from the site's root, the template events), with its .gz as precompression writes it: the
        preview's edits change the newest items it lists."""
        name = ERROR_PAGE
        if name not in config.theme.static_templates:
            return
        template = config.plugins.on_pre_template(self._environment().get_template(name), template_name=name, config=config)
        context = get_context(nav, files, config, base_url=urlsplit(config.site_url or "/").path)
        context = config.plugins.on_template_context(context, template_name=name, config=config)
        output = config.plugins.on_post_template(template.render(context), template_name=name, config=config)
        path = Path(config.site_dir) / name
        write_file(output.encode("utf-8"), str(path))
        if gzip:
            deploy.gzip_beside(path, output.encode("utf-8"))

    def _environment(self) -> jinja2.Environment:
        assert self.env is not None, "Engine.start comes first"
        return self.env


def page_converter(config: MkDocsConfig, files: Files) -> Callable[[Page], None]:
    """What MkDocs' first loop does to one page (mkdocs.commands.build._populate_page), `Page.render`
    with one converter for all pages (internals.markdown_renderer)."""
    render = internals.markdown_renderer(config, files)

    def convert(page: Page) -> None:
        with internals.current_page(config, page):
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
    return convert


def page_renderer(config: MkDocsConfig, nav: Navigation, env: jinja2.Environment, pages: Sequence[File],
                  draw: Draw = lambda template, context, page: template.render(context)) -> Callable[[Page], None]:
    """What MkDocs' loop does to one page (mkdocs.commands.build._build_page), `pages` being the
    documentation pages its templates see; `draw` renders the template (frames.py)."""
    def render(page: Page) -> None:
        page.active = True
        with internals.current_page(config, page):
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
    return render


def _failed(what: str, page: Page, error: Exception) -> str:
    """MkDocs' message for a page that failed (a BuildError is printed on its own afterwards)."""
    return f"{what} '{page.file.src_uri}':" + ("" if isinstance(error, BuildError) else f" {error}")
