"""One build of the site, as the plugin drives it through MkDocs' events: its setup, the model of what
it publishes, the files it adds to MkDocs, what reading its pages finds, MkDocs' files and navigation,
and the rendering engine. The preview (preview.py) renders again with the same objects."""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from gongkai.core.catalogue import Entry
from gongkai.core.content import Content
from gongkai.core.problems import Problem
from gongkai.core.siteinfo import Publication
from gongkai.engine import internals
from gongkai.engine.rendering import Engine
from gongkai.mkdocs import finish, nav
from gongkai.mkdocs.config import DisclosureConfig
from gongkai.mkdocs.jobs import Jobs
from gongkai.mkdocs.pages import GeneratedPages, addresses, from_content, href
from gongkai.mkdocs.reading import CONTACT_PAGE, SEARCH_PAGE, SITE_MAP_PAGE, Found, Reading
from gongkai.mkdocs.reporting import Checked
from gongkai.mkdocs.setup import Setup, base_path
from gongkai.site import contexts, home, navigation, pagemeta, views
from gongkai.site.model import Model
from gongkai.types import reports


class Build:
    def __init__(self, setup: Setup, config: MkDocsConfig, loaded: Content, options: DisclosureConfig,
                 serving: bool, checking: bool = False) -> None:
        """Report what loading the content found (stopping on errors), then hold what may be published.
        `serving`: under `mkdocs serve`; `checking`: for `gongkai check`, which stops once every page is
        checked (reporting.Checked)."""
        self.setup, self.config, self.options, self.serving, self.checking = setup, config, options, serving, checking
        self.search = options.search
        setup.reporter.start(loaded, setup.today, inspect=not checking)  # `gongkai check` has no use for it
        self.model = Model.of(setup.schema, loaded)
        self.made = GeneratedPages(config, self.model, self.search)
        self.reading = Reading(self.model, setup.docs_name, setup.own_host, self.search)
        self.engine = Engine()
        self.files = Files([])  # every file of the build, the generated pages' too (add_files)
        self.nav: Navigation | None = None
        self.site = Publication(setup.schema.site, config.site_name, config.site_url or "/", finish.urls(self))

    def retake(self, loaded: Content, said: Collection[str]) -> None:
        """The preview's load of content: reported (its reminders but those `said` already), then held in
        place of the last; the pages already read keep their search records."""
        self.setup.reporter.start(loaded, self.setup.today, said, inspect=False)
        self.model = self.made.model = self.reading.model = Model.of(self.setup.schema, loaded)
        self._addresses()

    def arrange(self) -> list[str]:
        """The preview's files in the order of a full build, with the new ones made; their src_uri."""
        self.files, new = self.made.arrange(self.files)
        self._addresses()
        return new

    def add_files(self, files: Files, deferred: bool) -> None:
        """The generated pages added to MkDocs' `files`; with `deferred`, the engine converts and renders
        them (only when no other plugin handles page events)."""
        editors = {key: f for f in files if from_content(f, Path(self.config.docs_dir)) for key in (f.src_uri, f.dest_uri)}
        for uri in self.made.uris():  # an editor's file where the build makes its own page: reported (_taken), left out
            if uri in editors:
                files.remove(editors[uri])
        self.made.add_to(files)
        self.files = Files(list(files))  # all of them, also once entry pages leave MkDocs' list (on_env)
        self.reading.late += finish.redirect_clashes(self.model, finish.built_paths(self.config, files, self.options.nginx_include)) + self._taken(editors)
        self.engine.deferred = set(self.model.entries) | set(self.model.listing_pages) if deferred else set()

    def _taken(self, editors: dict[str, File]) -> list[Problem]:
        """Editors' files where the build makes a page of its own (the directory, the search page)."""
        clashes = {editors[key].src_uri for uri in self.made.made for key in (uri, self._dest(uri)) if key in editors}
        return [Problem(f"{self.setup.docs_name}/{uri}", "网站会在这个位置自动生成页面（公开目录、检索等），这个文件不会发布。"
                                                        "请把它改名或移到其他目录。") for uri in sorted(clashes)]

    def _dest(self, src_uri: str) -> str:
        made = self.files.get_file_from_path(src_uri)
        return made.dest_uri if made else ""

    def place(self, nav_: Navigation) -> None:
        nav.place(nav_, navigation.directory(self.model.listings, self.model.schema), self.files)
        self.nav = nav_
        self.engine.place(nav_, nav.urls(nav_.items))
        self._addresses()

    def _addresses(self) -> None:
        """What editors' links can reach, once MkDocs' files are final (before any page is read)."""
        self.reading.addresses = addresses(self.model, self.files, Path(self.config.docs_dir), base_path(self.config))

    def pre_page(self, page: Page) -> Page | None:
        """Pages the engine converts later are not converted by MkDocs' own loop."""
        if page.file.src_uri not in self.engine.deferred:
            return None
        page.update_date = self.model.page_date(page.file.src_uri, page.meta).isoformat()
        return cast(Page, internals.Unread(page))

    def page_markdown(self, page: Page, markdown: str, files: Files) -> str:
        """The page's Markdown with editors' links rewritten (reading.py); its checks before that."""
        if page.file.src_uri in self.engine.deferred:
            return markdown
        page.update_date = self.model.page_date(page.file.src_uri, page.meta).isoformat()  # never the clock
        malformed = self.reading.malformed(page, markdown)
        if malformed:  # MkDocs itself would stop with a traceback while rendering this page
            self.setup.reporter(malformed)
        self.reading.markdown(page)
        return self.reading.links(page, markdown)

    def page_content(self, page: Page, html: str) -> str | None:
        return None if page.file.src_uri in self.engine.deferred else self.reading.content(page, html)

    def render_generated(self, env: Any, files: Files, jobs: Jobs) -> None:
        """Runs after MkDocs has read its pages, before anything is written: the generated pages are
        converted (every page is then checked), then rendered and written while the search index,
        feeds and exports are written in threads."""
        env.autoescape = True  # every template, the theme's too: values are text, escaped where printed (htmlsafety.py)
        env.globals.update(self.theme_globals())
        self.engine.start(env)
        pages = [f.page for f in files.documentation_pages() if f.src_uri in self.engine.deferred and f.page]
        self.render(pages, lambda: self._start_outputs(jobs))
        for page in pages:
            files.remove(page.file)

    def theme_globals(self) -> dict[str, Any]:
        """What every template may read: the site's settings and own pages, the newest items (the 404
        page's; the preview sets them again after an edit)."""
        return {"gk_search": self.search, "gk_footer": self.setup.schema.site.footer(), "gk_site": self.setup.schema.site,
                "gk_site_meta": pagemeta.tags(self.site, ""), "gk_status": views.status, "gk_pages": self._own_pages(),
                "gk_newest": self._newest()}

    def _own_pages(self) -> dict[str, str]:
        """The addresses (from the site's root) of the pages every footer links, and the search page's."""
        found = {name: self.files.get_file_from_path(uri) for name, uri in
                 (("site_map", SITE_MAP_PAGE), ("contact", CONTACT_PAGE), ("search", SEARCH_PAGE))}
        return {name: file.url for name, file in found.items() if file}

    def _newest(self) -> list[tuple[Entry, str]]:
        """The newest public items with their addresses from the site's root, for the 404 page (which
        links from the root, being served at any address)."""
        found = [(e, self.files.get_file_from_path(e.page_uri)) for e in home.newest(self.model.catalogue)]
        return [(e, file.url) for e, file in found if file]

    def render(self, pages: list[Page], between: Callable[[], None] = lambda: None) -> None:
        """`pages` converted and checked (what that found reported), `between` called, then rendered."""
        assert self.nav is not None
        self.engine.run(self.config, self.files, self.nav, list(self.files.documentation_pages()), pages,
                        _Found(self, between))

    def _start_outputs(self, jobs: Jobs) -> None:
        """Once every page's text is final, while the pages render: the search index, and the feeds and
        exports, which need only the catalogue."""
        if not self.serving:  # what was built so far lives until the build ends: collections need not walk it
            gc.freeze()
        site = Path(self.config.site_dir)
        jobs.start(finish.indexer(self, site) if self.search else None, lambda: finish.write_outputs(self, site))

    def finish(self, jobs: Jobs) -> None:
        """After every page is written (finish.py), the search index and the outputs done."""
        written = jobs.written(lambda: finish.write_outputs(self, Path(self.config.site_dir)))
        jobs.indexed()  # no other thread runs from here on
        finish.post_build(self, self.config, written)

    def page_context(self, page: Page, context: dict[str, Any]) -> None:
        """What the page's templates are handed, beyond the theme's own context."""
        model, uri = self.model, page.file.src_uri
        entry = model.entries.get(uri)
        report = reports.of(entry) if entry else None
        if report:  # before the sidebars' key is taken: the tables' headings are part of the contents
            nav.with_headings(page, [(t.caption, f"table-{t.key}") for t in reports.tables(report)], before="五")
        title = None if page.is_homepage else str(page.title or "")
        context.update(contexts.head(model, self.site, uri, page.canonical_url or "", title, page.is_homepage,
                                     lambda path: get_relative_url(path, page.url)))
        context.update(self.engine.frame_context(page))
        context["href"] = href(self.files, page)
        if entry:
            code = self.setup.qr.svg(page.canonical_url) if page.canonical_url else ""
            docs = Path(self.config.docs_dir)
            context.update(contexts.entry(model, entry, page.content or "", code, lambda src: (docs / src).stat().st_size))
        elif uri in model.listing_pages:
            context.update(contexts.listing(model, model.listing_pages[uri], self.made.power_csv()))
        elif uri in self.reading.portals:
            context.update(contexts.portal(model, self.reading.portals[uri]))
        elif uri in _OWN_CONTEXTS:
            context.update(_OWN_CONTEXTS[uri](model))
        if not page.is_homepage and "gk_crumbs" not in context:  # entries and listings have theirs
            context["gk_crumbs"] = nav.crumbs(page)


_OWN_CONTEXTS: dict[str, Callable[[Model], dict[str, Any]]] = {
    SEARCH_PAGE: contexts.search_page, SITE_MAP_PAGE: contexts.site_map, CONTACT_PAGE: contexts.contact}


class _Found:
    """What the engine's processes send back of each generated page: what converting it found (problems,
    its search record), and the QR code of its address when one was made."""

    def __init__(self, build: Build, between: Callable[[], None]) -> None:
        self.build, self.between = build, between
        self.known = set(build.setup.qr.codes)

    def converted(self, page: Page, convert: Callable[[], None]) -> tuple[str, Found]:
        reading = self.build.reading
        mark = reading.mark()  # what was found before the process forked stays with the parent
        convert()
        return page.file.src_uri, reading.found(page.file.src_uri, mark)

    def take(self, found: tuple[str, Found]) -> None:
        self.build.reading.receive(*found)

    def checked(self) -> None:
        late = self.build.reading.take_late() + self.build.reading.anchor_problems()
        if late:
            self.build.setup.reporter(late)
        if self.build.config.strict:
            self.build.setup.reporter.strict()
        if self.build.checking:
            raise Checked()
        self.between()

    def rendered(self, page: Page) -> tuple[str | None, str | None]:
        url = page.canonical_url if page.file.src_uri in self.build.model.entries else None
        return url, self.build.setup.qr.codes.get(url) if url and url not in self.known else None

    def keep(self, found: tuple[str | None, str | None]) -> None:
        url, code = found
        if url:
            self.build.setup.qr.keep(url, code)
