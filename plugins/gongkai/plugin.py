"""The MkDocs plugin: thin glue between MkDocs' build events and the catalogue core.

on_config loads catalogue.yml; on_files validates every content file, replaces the editors'
files with generated entry and directory pages (MkDocs never reads an editor's file itself);
on_nav places the directory in the navigation; on_page_context hands templates their data (head
meta tags, feed links, JSON-LD, the entry pages' QR codes, the home page's portal, the search
facets); on_env converts and renders the generated pages (rendering.py); on_post_build writes the
feeds and exports, checks links, then writes the search index and the 繁體 table. Under `mkdocs
serve`, on_serve puts `_refresh` before MkDocs' rebuild: a save of entries or plain pages
re-renders only the pages it changes (preview.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from . import (
    console,
    deploy,
    directory,
    exports,
    feeds,
    forked,
    fragments,
    frames,
    freshness,
    gate,
    home,
    htmlsafety,
    links,
    pagemeta,
    pagescan,
    powerlist,
    preview,
    qr,
    rendering,
    reports,
    search,
    source,
    traditional,
    urlpath,
    views,
)
from .catalogue import Catalogue, ContentFile, Entry, Memo
from .config import DisclosureConfig
from .content import Content, is_owned, load_content, read_files, unlisted_folders
from .problems import Problem, errors, warnings
from .report import BuildReport
from .schema import Schema, SchemaError, load_schema
from .sitefiles import SiteFiles
from .siteinfo import Publication

log = get_plugin_logger(__name__)
POWER_CSV = "qzqd.csv"
POWER_PAGE_SIZE = 50
CONVERT, RENDER = 0, 1  # the phases of the forked processes
QR_CACHE = ".cache/gongkai/qr.json"  # beside mkdocs.yml; see qr.py
SEARCH_PAGE = "jiansuo/index.md"  # 检索
UNINDEXED = {"index.md", "404.md", SEARCH_PAGE}  # the home page only links to what is indexed anyway


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.schema: Schema | None = None
        self.catalogue: Catalogue | None = None
        self.entries: dict[str, Entry] = {}  # by generated page src_uri
        self.listing_pages: dict[str, directory.ListingPage] = {}
        self.listings: list[directory.Listing] = []
        self.portals: dict[str, tuple[home.Tile, ...]] = {}  # pages using home.html: their portal links
        self.files: Files | None = None
        self.on_request: tuple[Entry, ...] = ()
        self.power_items: list[powerlist.PowerItem] = []
        self.withdrawn: list[Entry] = []
        self.report = BuildReport()
        self.report_path = Path("build-report.json")
        self.qr: qr.Cache | None = None
        self.late: list[Problem] = []  # found while pages are read and rendered; reported before writing
        self.own_host = ""
        self.records: dict[str, search.Record] = {}  # what the search indexes, by page src_uri
        self.indexing: Future[tuple[int, float]] | None = None  # the search index being written
        self.writing: Future[frozenset[str]] | None = None  # the feeds and exports being written
        self.today = dt.date.today()  # for freshness reminders only; see on_config
        self.site: Publication | None = None
        self.nav: Navigation | None = None
        self.env: Any = None  # the theme's Jinja environment, from on_env
        self.pages: list[File] = []  # every documentation page, entries included
        self.in_nav: set[int] = set()  # ids of the pages in the navigation
        self.nav_folders: frozenset[str] = frozenset()
        self.scan = pagescan.Scan()  # of every page as it is written
        self.once = fragments.Fragments()  # what templates render once, for this build (on_env)
        self.frames = frames.Frames(self.once)  # pages' frames, for this build (on_env)
        self.deferred: set[str] = set()  # pages converted and rendered by rendering.py, not MkDocs' loops
        self.serving = False  # under `mkdocs serve`, where an edit may be shown without a full build
        self.built: MkDocsConfig | None = None  # the configuration of the last build, once it succeeded (serve)
        self.sources: dict[str, tuple[ContentFile, preview.Stamp]] = {}  # content/ as last read, by src_uri
        self.outside: list[dict[str, preview.Stamp]] = []  # the other files the build read
        self.memo: Memo | None = None  # what each file gave, kept for the preview
        self.urls: dict[str, str] = {}  # where each file of the build is published, as asked (_url)
        self.made: list[str] = []  # the files the plugin added to the build, in order
        self.following: threading.Thread | None = None  # the preview's feeds and exports being written

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        console.mask_handlers(logging.getLogger("mkdocs"))  # `mkdocs serve`'s own printer, too
        self._wait_for_outputs()
        gc.unfreeze()  # the last build's objects, frozen for the preview (on_post_build), may go now
        if not self.config.enabled:
            return None
        path = Path(config.config_file_path).parent / self.config.catalogue
        self.report_path = path.parent / "build-report.json"
        self.qr = qr.Cache(path.parent / QR_CACHE)
        self.own_host = urlsplit(config.site_url or "").netloc
        try:
            self.schema = load_schema(path, self.config.catalogue)
            self.today = freshness.today((f"环境变量 {freshness.ENV}", os.environ.get(freshness.ENV)),
                                         ("mkdocs.yml 中 disclosure 插件的 today", self.config.today))
        except (SchemaError, ValueError) as e:
            raise PluginError(str(e)) from None
        # mkdocs.yml's own text (site name, copyright, nav titles) appears on every page.
        config_file = Path(config.config_file_path)
        found = gate.scan_text(config_file.name, config_file.read_text(encoding="utf-8"), self.schema.gate.allow_numbers)
        if found:
            self._report(found)
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this event makes MkDocs keep one plugin instance for a whole `mkdocs serve`, so that
        an edit can be shown from the state of the build before it (`_refresh`)."""
        self.serving = command == "serve"

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
        """Rebuild the preview when catalogue.yml changes, not only content/; after a save of entries or
        plain pages alone, render only the pages it changes."""
        server.watch(str(Path(config.config_file_path).parent / self.config.catalogue))

        def rebuild() -> None:
            if not self._refresh():
                builder()
        server.builder = rebuild
        return server

    def _refresh(self) -> bool:
        """When catalogue entries were edited or added, or plain pages edited, and nothing else changed,
        load the content again (files not edited are not parsed again) and render the pages that change
        (preview.py); False when the change needs a full build. The search index keeps the last full
        build's text."""
        self._wait_for_outputs()
        config, self.built = self.built, None  # should this fail, the next edit gets a full build
        if config is None or self.schema is None or self.catalogue is None or self.files is None:
            return False
        start, docs_dir = time.perf_counter(), Path(config.docs_dir)
        found = preview.changes({uri: stamp for uri, (_, stamp) in self.sources.items()}, preview.stamps(docs_dir))
        changed = found.edited + found.added
        plain = [uri for uri in found.edited if self._is_plain_page(uri)]
        if found.removed or _outside(config, self.config.catalogue) != self.outside or not all(
                self._is_entry_file(uri) for uri in changed if uri not in plain) or not rendering.can_take_over(config, self):
            return False
        if not changed:  # a save that changed nothing, or a second event for one already shown
            self.built = config
            return True
        for uri in changed:
            self.sources[uri] = preview.read(docs_dir, uri, True)
        old, old_listings, old_pages = self.catalogue, self.listings, self.listing_pages
        try:
            self._take(load_content(self.schema, [c for c, _ in self.sources.values()], docs_dir, self.memo),
                       said=self.report.reminders)  # the preview's console says only what is new
        except PluginError:
            self.built = config  # the errors stopped it before anything was taken: the next save goes on from here
            raise
        uris = preview.pages_to_render(old, self.catalogue, old_listings, self.listings, old_pages, self.listing_pages)
        if uris is None:
            return False
        new = self._arrange(config) if (self.entries.keys() | self.listing_pages.keys()) - set(self.made) else []
        for uri in uris.difference(new):
            file = self.files.get_file_from_path(uri)
            assert file is not None
            file.content_string = (_entry_markdown(self.entries[uri]) if uri in self.entries
                                   else _listing_markdown(self.listing_pages[uri]))
        uris |= {*plain, *self.portals, *([SEARCH_PAGE] if self.config.search else [])}
        pages = [f.page for f in self.pages if f.src_uri in uris and f.page]
        titles = [(page, page.title) for page in pages if id(page) in self.in_nav]
        redacted = any(e.disclosure == gate.REDACTED and old.get(e.index_no) != e for e in self.catalogue.entries)
        self._render_now(config, pages, search_now=redacted)
        if any(page.title != title for page, title in titles):
            return False  # the navigation on every page shows it
        log.info(f"预览：{len(changed)} 个文件有改动，重新生成 {len(pages)} 个页面，用时 {time.perf_counter() - start:.1f} 秒"
                 "；站内检索随后更新，繁體字表在完整构建时更新。")
        self.built = config
        return True

    def _is_entry_file(self, uri: str) -> bool:
        return bool(self.schema and is_owned(self.schema, uri) and self.schema.type_for_folder(uri.split("/")[0])
                    and uri.endswith(".md"))

    def _is_plain_page(self, uri: str) -> bool:
        """A page of content/ that MkDocs renders as written (a guide, the home page)."""
        file = self.files.get_file_from_path(uri) if self.files else None
        return bool(file and file.page and uri.endswith(".md") and not self._is_entry_file(uri))

    def _render_now(self, config: MkDocsConfig, pages: list[Page], search_now: bool = False) -> None:
        """Convert, check and render `pages` and check their links; the search index (at once when an edit
        redacted something: the preview never finds what the build would not publish), the sitemap, feeds
        and exports (seconds of work at 10,000 entries, and no page an editor previews) follow in the
        background."""
        assert self.files is not None and self.nav is not None
        self.deferred, self.late = set(), []
        self._convert_and_render(config, self.files, pages)
        site = Path(config.site_dir)
        for file in self.pages:  # the newest entry's date is the date of pages without their own
            if file.page:
                file.page.update_date = self._content_date(file.page).isoformat()
        if self.config.check_links:
            written = {str(page.file.dest_uri) for page in pages}
            self._check_links(links.check_site(SiteFiles(site), _base_path(config), self.scan.pages, written))
        if self.qr:
            self.qr.save()
        if search_now:
            self._write_search_index(site)
        self.following = threading.Thread(target=self._write_outputs_or_say, args=(config, not search_now),
                                          name="gongkai-outputs")
        self.following.start()

    def _write_outputs_or_say(self, config: MkDocsConfig, search: bool) -> None:
        assert self.nav is not None
        try:
            rendering.write_sitemap(config, self.nav, self.env, self.pages)
            self._write_outputs(Path(config.site_dir))
            if search:
                self._write_search_index(Path(config.site_dir))
        except Exception as e:  # in the background, where nothing else would report it
            log.error(f"预览：网站地图、订阅源、目录数据（catalogue.json、catalogue.csv）或站内检索索引没有写出：{e}")

    def _write_search_index(self, site: Path) -> None:
        if self.config.search and self.schema:
            search.write_index(site, self._search_records())

    def _wait_for_outputs(self) -> None:
        """Before anything else is built, the outputs the last preview left to write are written."""
        if self.following:
            self.following.join()
            self.following = None

    def on_shutdown(self) -> None:
        """`mkdocs serve` deletes its site folder next: the preview's outputs are written first."""
        self._wait_for_outputs()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.schema is None:
            return None
        docs_dir = Path(config.docs_dir)
        self.late = []
        self.portals = {}
        self.built = None
        mine = [f for f in files if _from_content(f, docs_dir) and not f.inclusion.is_excluded()]  # not .* files
        self.outside = _outside(config, self.config.catalogue)
        read, unread = read_files(docs_dir, [(f.src_uri, f.is_documentation_page()) for f in mine])
        self.sources = {file.src_uri: (file, stamp) for file, stamp in read}
        self.memo = Memo() if self.serving else None  # only the preview loads content again
        loaded = load_content(self.schema, [c for c, _ in self.sources.values()], docs_dir, self.memo)
        self._take(dataclasses.replace(loaded, problems=[*unlisted_folders(docs_dir), *unread, *loaded.problems]))
        for f in mine:
            if is_owned(self.schema, f.src_uri):
                files.remove(f)
        self.made = []
        for uri, make in self._to_make(config, docs_dir):
            files.append(make())
            self.made.append(uri)
        self.records = {}
        self.files = Files(list(files))  # all of them, also once entry pages leave MkDocs' list (on_env)
        self.late += _redirect_clashes(self.catalogue.entries if self.catalogue else [], files)
        ours = self.entries.keys() | self.listing_pages.keys()
        self.deferred = set(ours) if rendering.can_take_over(config, self) else set()
        self.site = Publication(self.schema.site, config.site_name, config.site_url or "/", self._url)
        self.urls = {}
        return files

    def _take(self, loaded: Content, said: Collection[str] = ()) -> None:
        """Report what loading the content found (stopping on errors; reminders not `said` already), then
        hold what may be published: the catalogue, its entries by page and its directory's listings and
        pages."""
        assert self.schema is not None
        result = loaded.result
        self.report = BuildReport(len(result.published), result.withheld, len(result.on_request), result.redactions)
        self.report.reminders = [str(r) for r in freshness.check(result.published, self.today)]
        for reminder in self.report.reminders:
            if reminder not in said:
                log.info(reminder)  # never a warning: --strict must still publish, which is how a column is refreshed
        self._report(loaded.problems)
        self.catalogue, self.on_request, self.power_items = result.published, result.on_request, loaded.power_items
        self.withdrawn = [e for e in loaded.catalogue.entries if e.values.get(gate.WITHDRAWN_KEY)]
        self.entries = {e.page_uri: e for e in self.catalogue.entries}
        self.listings = directory.listings(self.catalogue) + directory.type_listings(self.catalogue)
        if self.schema.gate.list_on_request:
            self.listings.append(directory.on_request_listing(self.on_request))
        if self.schema.power_list and self.power_items:
            self.listings += powerlist.listings(self.schema, self.power_items)
        self.listing_pages = {page.src_uri: page for listing in self.listings
                              for page in directory.pages(listing, self._page_size(listing))}

    def _page_size(self, listing: directory.Listing) -> int:
        assert self.schema is not None
        return POWER_PAGE_SIZE if listing.kind == "power" else self.schema.page_size

    def _url(self, src_uri: str) -> str:
        """Where a file of the build is published, absolute when site_url is set."""
        assert self.files is not None and self.site is not None
        if src_uri not in self.urls:
            file = self.files.get_file_from_path(src_uri)
            assert file is not None, src_uri
            self.urls[src_uri] = self.site.at(file.url)
        return self.urls[src_uri]

    def _report(self, problems: list[Problem]) -> None:
        """Log warnings, write the build report, and stop the build on any error."""
        self.report.add(problems)
        for problem in warnings(problems):
            log.warning(str(problem))
        log.info(self.report.summary())
        self.report.write(self.report_path)
        found = errors(problems)
        if found:
            lines = "\n".join(f"  - {p}" for p in found)
            raise PluginError(f"内容检查发现 {len(found)} 个错误，网站没有生成。请逐条修改后重新提交：\n{lines}")

    def _to_make(self, config: MkDocsConfig, docs_dir: Path) -> Iterator[tuple[str, Callable[[], File]]]:
        """Every file the plugin adds to the build, in order, by src_uri, with how to make it: entry pages
        with their attachments and report tables, the power list's CSV, the directory, the search page."""
        for entry in self.entries.values():
            yield entry.page_uri, partial(_page, config, entry.page_uri, _entry_markdown, entry)
            for attachment in entry.attachments:
                uri = entry.attachment_uri(attachment)
                yield uri, partial(File.generated, config, uri, abs_src_path=str(docs_dir / attachment.src_uri))
            for table in reports.tables(entry.report) if entry.report else []:
                uri = views.csv_uri(entry, table)
                yield uri, partial(_data, config, uri, reports.to_csv, entry.report, table.key)
        if self.schema and self.schema.power_list and self.power_items:
            uri = f"{self.schema.power_list.folder}/{POWER_CSV}"
            yield uri, partial(_data, config, uri, powerlist.to_csv, self.schema, self.power_items)
        for page in self.listing_pages.values():
            yield page.src_uri, partial(_page, config, page.src_uri, _listing_markdown, page)
        if self.config.search:
            yield SEARCH_PAGE, partial(_page, config, SEARCH_PAGE, source.markdown, {"title": "站内检索", "template": "search.html"}, "")

    def _arrange(self, config: MkDocsConfig) -> list[str]:
        """The preview's files in the order of a full build, with those new since the last made (and
        their pages); returns the new ones' src_uri."""
        assert self.files is not None
        made, kept = set(self.made), {f.src_uri: f for f in self.files}
        ordered, new = [f for f in self.files if f.src_uri not in made], []
        self.made = []
        for uri, make in self._to_make(config, Path(config.docs_dir)):
            if uri not in kept:
                kept[uri] = make()
                new.append(uri)
                if kept[uri].is_documentation_page():
                    Page(None, kept[uri], config)
            ordered.append(kept[uri])
            self.made.append(uri)
        self.files = Files(ordered)
        self.pages = list(self.files.documentation_pages())
        return new

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.schema is None:
            return None
        section = _directory_section(self.listings, self.schema, files)
        types = [_nav_page(files, x) for x in self.listings if x.kind == "type" or (x.kind == "power" and not x.key)]
        _place(nav, [section, *types], files.get_file_from_path(directory.ROOT + "/index.md"))
        self.nav = nav
        self.in_nav = {id(page) for page in nav.pages}
        self.nav_folders = fragments.folders(_urls(nav.items))
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Pages rendering.py converts later are not converted by MkDocs' own loop."""
        if page.file.src_uri not in self.deferred:
            return None
        page.update_date = self._content_date(page).isoformat()
        return cast(Page, rendering.Unread(page))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if uri in self.deferred:
            return None
        page.update_date = self._content_date(page).isoformat()  # sitemap lastmod and .gz times: never the clock
        broken = htmlsafety.malformed_urls(markdown)
        if broken:  # MkDocs itself would stop with a traceback while rendering this page
            self._report([Problem(self._path(page, config), f"链接地址「{url[:60]}」格式有误，无法解析，请改正。")
                          for url in broken])
        if self.schema and uri not in self.entries and uri not in self.listing_pages and uri != SEARCH_PAGE:
            self.late += gate.check_page_meta(self._path(page, config), page.meta)
        if page.meta.get("template") == home.TEMPLATE:
            value = page.meta.get(home.PORTAL_KEY)
            tiles, problems = home.tiles(value, lambda path: files.get_file_from_path(path) is not None)
            self.portals[uri] = tiles
            self.late += [Problem(self._path(page, config), message) for message in problems]
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if self.schema is None or uri in self.deferred:
            return None
        _plain_titles(page, own=uri not in self.entries and uri not in self.listing_pages)
        if uri in self.listing_pages:
            return None
        path = self._path(page, config)
        self.late += [Problem(path, f"正文中的 HTML 不安全：{found}。公开页面不得含有可执行代码、不得从其他网站加载内容，"
                                    "请删除或改写这段 HTML。") for found in htmlsafety.problems(html, self.own_host)]
        text = htmlsafety.page_text(html)  # what a reader sees: scanned, and indexed for search
        self.late += gate.scan_rendered(path, f"{text}\n{htmlsafety.addresses(html)}", self.schema.gate.allow_numbers)
        if self.config.search:
            self._add_record(page, text)
        return htmlsafety.vouched(html)  # checked: should anything be unsafe, the build stops before writing

    def _add_record(self, page: Page, text: str) -> None:
        """What the search indexes of a rendered page: entries with their metadata, plain pages as text."""
        uri = page.file.src_uri
        if uri in self.entries:
            assert self.schema is not None
            self.records[uri] = search.entry_record(self.entries[uri], self.schema, page.url, text)
        elif uri not in UNINDEXED:
            self.records[uri] = search.page_record(page.url, str(page.title or ""), text)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Runs after MkDocs has read its pages, before anything is written: the generated pages are
        converted (rendering.py), every page is checked, then the pages are rendered and written."""
        env.autoescape = True  # every template, the theme's too: values are text, escaped where printed (htmlsafety.py)
        env.globals["gk_search"] = self.config.search  # the search box in every page's header
        if self.schema and self.site:  # for every template, the 404 page's included
            env.globals["gk_footer"] = self.schema.site.footer()
            env.globals["gk_site_meta"] = pagemeta.tags(self.site, "")
        self.once = env.globals["gk_once"] = fragments.Fragments()  # fresh for each build
        self.frames = frames.Frames(self.once)
        self.env = env
        self.scan = pagescan.Scan()
        self.pages = list(files.documentation_pages())
        pages = [f.page for f in self.pages if f.src_uri in self.deferred and f.page]
        self._convert_and_render(config, files, pages, lambda: self._start_background(config))
        for page in pages:
            files.remove(page.file)
        return None

    def _convert_and_render(self, config: MkDocsConfig, files: Files, pages: list[Page],
                            between: Callable[[], None] = lambda: None) -> None:
        """Convert `pages` (on every core when there are many), report what that found, call `between`,
        then render and write them."""
        team = forked.Team(self._phases(pages, config, self.env, files), len(pages))  # before any thread starts
        try:
            for problems, uri, record in team.run(CONVERT):
                self.late += problems
                if record:
                    self.records[uri] = record
            if self.late:
                late, self.late = self.late, []
                self._report(late)
            between()
            for url, code, scan in team.run(RENDER):
                self.scan.merge(scan)
                if self.qr and url:
                    self.qr.keep(url, code)
        finally:
            team.close()

    def _start_background(self, config: MkDocsConfig) -> None:
        """Once every page's text is final, while the pages render: the search index, and the feeds and
        exports, which need only the catalogue."""
        if not self.serving:  # what was built so far lives until the build ends: collections need not walk it
            gc.freeze()
        self._start_search_index(config)
        if self.catalogue is not None:
            self.writing = forked.meanwhile(lambda: self._write_outputs(Path(config.site_dir)))

    def _outputs_written(self, site: Path) -> frozenset[str]:
        """The paths in the site of the feeds and exports, once written (now, if they were not started)."""
        writing, self.writing = self.writing, None
        return writing.result() if writing else self._write_outputs(site)

    def _start_search_index(self, config: MkDocsConfig) -> None:
        if self.config.search and self.schema:
            self.indexing = search.start_index(Path(config.site_dir), self._search_records())

    def _phases(self, pages: list[Page], config: MkDocsConfig, env: Any,
                files: Files) -> tuple[forked.Phase, forked.Phase]:
        """The jobs of the forked processes: convert page i (what it found travels back), then render
        it (its QR code and its scan travel back)."""
        convert = rendering.page_converter(config, files)
        render = rendering.page_renderer(config, self.nav, env, self.pages, self.frames.render) if self.nav else None
        known = set(self.qr.codes) if self.qr else set()

        def converted(index: int) -> tuple[list[Problem], str, search.Record | None]:
            page, before = pages[index], len(self.late)
            self.deferred = set()  # here the page is read for real
            convert(page)
            found = self.late[before:]
            del self.late[before:]
            return found, page.file.src_uri, self.records.pop(page.file.src_uri, None)

        def rendered(index: int) -> tuple[str | None, str | None, pagescan.Scan]:
            page = pages[index]
            assert render is not None
            render(page)
            url = page.canonical_url if page.file.src_uri in self.entries else None  # QR codes travel back
            return url, self.qr.codes.get(url) if self.qr and url and url not in known else None, self.scan.ship()

        return converted, rendered

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.schema is None:
            return
        site = Path(config.site_dir)
        outputs = self._outputs_written(site)
        if self.nav and self.env:
            rendering.write_sitemap(config, self.nav, self.env, self.pages)
        self._finish_search_index()  # no other thread runs from here on
        listed = SiteFiles.of(site)
        broken = forked.aside(lambda: links.check_site(listed, _base_path(config), self.scan.pages),
                              fork=not self.serving and len(self.scan.pages) >= 2 * forked.SHARE_FROM
                              ) if self.config.check_links else list
        self._check_executable(listed)
        self._write_nginx_include(config, listed)
        table = traditional.write(listed, self.scan.han, self.scan.done)
        if self.qr:
            self.qr.save()
        self._check_links(broken())
        if self.config.precompress:
            deploy.precompress(listed.adding(table), self.scan.done | outputs)
        self.built = config if self.serving else None
        if self.serving:  # what the build made lives on: the preview's garbage collections need not walk it
            gc.freeze()

    def _check_links(self, broken: list[links.Broken]) -> None:
        if broken:
            shown = "\n".join(f"  - {b}" for b in broken[:50])
            more = f"\n  ……另有 {len(broken) - 50} 处" if len(broken) > 50 else ""
            raise PluginError(f"链接检查发现 {len(broken)} 处失效链接，网站没有发布。请修改后重新提交：\n{shown}{more}")

    def _finish_search_index(self) -> None:
        """Wait for the search index started in on_env."""
        if self.indexing is None:
            return
        future, self.indexing = self.indexing, None
        count, seconds = future.result()
        log.info(f"站内检索索引：{count} 个页面，用时 {seconds:.1f} 秒")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still waits for what it started in the background, so nothing outlives it."""
        for future in (self.indexing, self.writing):
            if future is not None:
                future.exception()
        self.indexing = self.writing = None

    def _search_records(self) -> list[search.Record]:
        return sorted([*self.records.values(), *self._power_records()], key=lambda r: r.url)

    def _power_records(self) -> list[search.Record]:
        """Each power-list item, pointing at the page of the full list that shows it."""
        spec = self.schema.power_list if self.schema else None
        if spec is None or self.files is None:
            return []
        out = []
        for page in self.listing_pages.values():
            file = self.files.get_file_from_path(page.src_uri)
            if page.listing.kind == "power" and not page.listing.key and file:
                out += [search.power_record(spec, item, file.url) for item in page.entries]
        return out

    def _write_outputs(self, site: Path) -> frozenset[str]:
        """Feeds, catalogue.json and catalogue.csv, from the gated catalogue only, gzipped as written;
        returns their paths in the site."""
        assert self.catalogue is not None and self.site is not None
        written = exports.outputs(self.catalogue, self.listings, self.site)
        for rel, data in written.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if self.config.precompress:
                deploy.gzip_beside(target, data)
        return frozenset(written)

    def _write_nginx_include(self, config: MkDocsConfig, site: SiteFiles) -> None:
        urls = config.use_directory_urls
        gone = [e.url(urls) for e in self.withdrawn if e.disclosure in gate.PUBLIC]  # never reveal withheld ones
        try:
            text = deploy.nginx_include(_base_path(config), self._redirects(urls), gone)
        except urlpath.PathError as e:  # site_url's path or the 索引号 pattern: validation checked the rest
            raise PluginError(f"无法生成服务器配置 {self.config.nginx_include}：地址{e}。请检查 mkdocs.yml 的 site_url "
                              "和 catalogue.yml 的 index_number.pattern。") from None
        (site.root / self.config.nginx_include).write_text(text, encoding="utf-8")

    def _redirects(self, directory_urls: bool) -> dict[str, str]:
        """Each former address of a published entry (fields of type `paths`) and the entry's address now."""
        entries = self.catalogue.entries if self.catalogue else []
        return {old: e.url(directory_urls) for e in entries for f in e.ctype.fields if f.type == "paths"
                for old in e.values.get(f.key, ())}

    def _check_executable(self, site: SiteFiles) -> None:
        """No page may hold code: the site's policy runs scripts from its own files only, so anything else
        on a page came from a value that slipped past the templates' escaping, or from a theme setting."""
        found = dict(self.scan.executable)
        for rel in site.ending((".html",), self.scan.done):  # the theme's own pages (404)
            what = htmlsafety.executable((site.root / rel).read_text(encoding="utf-8"))
            if what:
                found[rel] = what
        if found:
            shown = "\n".join(f"  - {rel}：{'；'.join(what)}" for rel, what in sorted(found.items())[:20])
            raise PluginError(f"{len(found)} 个页面含有可执行的代码，网站没有发布。网站只运行自己脚本文件中的代码；页面中的这些内容"
                              f"通常来自 mkdocs.yml 或 overrides/ 中的设置或模板，请检查并删除：\n{shown}")

    def _content_date(self, page: Page) -> dt.date:
        """A page's date from content: the entry's, the newest listed, a page's own `date:`, else the newest entry's."""
        uri = page.file.src_uri
        if uri in self.entries:
            return self.entries[uri].date
        listed = self.listing_pages[uri].listing.entries if uri in self.listing_pages else ()
        dates = [getattr(x, "date", None) for x in listed[:1]]
        try:
            own = dt.date.fromisoformat(str(page.meta.get("date", "")))
        except ValueError:
            own = None
        newest = self.catalogue.entries[0].date if self.catalogue and self.catalogue.entries else dt.date(2000, 1, 1)
        return next((d for d in [*dates, own] if isinstance(d, dt.date)), newest)

    def _path(self, page: Page, config: MkDocsConfig) -> str:
        """The file an editor would open for this page."""
        entry = self.entries.get(page.file.src_uri)
        return entry.path if entry else f"{Path(config.docs_dir).name}/{page.file.src_uri}"

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Each page as it is written (by MkDocs or rendering.py): scanned for the post-build steps,
        and gzipped, so no page is read back."""
        if self.schema is None:
            return None
        self.scan.add(page.file.dest_uri, output, self.once.taken())
        if self.config.precompress:
            deploy.gzip_beside(Path(page.file.abs_dest_path or ""), output.encode("utf-8", errors="xmlcharrefreplace"))
        return None

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if self.catalogue is None or self.files is None:
            return None
        extra = cast(dict[str, Any], context)  # the theme templates read these keys
        extra.update(self._head(page))
        if id(page) not in self.in_nav:
            extra["gk_outside_nav"] = True
            extra["gk_nav_key"] = fragments.sidebar_key(page.url, page.toc, page.meta.get("hide"), self.nav_folders)
            extra["gk_frame_key"] = fragments.frame_key(page.url, page.meta.get("hide"), self.nav_folders)
        uri = page.file.src_uri
        if uri == SEARCH_PAGE and self.schema:
            power = [self.schema.power_list.label] if self.schema.power_list and self.power_items else []
            extra["facets"] = search.facets(self.schema, self.catalogue, [*power, search.PAGE_KIND])
            return context
        if uri not in self.entries and uri not in self.listing_pages and uri not in self.portals:
            return context
        extra["href"] = _href(self.files, page)
        if uri in self.entries:
            self._entry_context(extra, self.entries[uri], page)
        elif uri in self.listing_pages:
            self._listing_context(extra, self.listing_pages[uri])
        else:
            extra["portal"] = home.portal(self.portals[uri], self.catalogue, self.listings)
        return context

    def _head(self, page: Page) -> dict[str, Any]:
        """What partials/gk-head.html prints: meta tags, links to feeds, JSON-LD on entry pages."""
        assert self.schema is not None and self.catalogue is not None and self.site is not None
        uri, url = page.file.src_uri, page.canonical_url or ""
        entry, listed = self.entries.get(uri), self.listing_pages.get(uri)
        listing = listed.listing if listed else None
        title = None if page.is_homepage else str(page.title or "")
        return {
            "gk_meta": pagemeta.tags(self.site, url, pagemeta.column(self.schema, entry, listing, title), entry),
            "gk_json_ld": pagemeta.json_ld(entry, self.catalogue, url) if entry else "",
            "gk_feeds": [(feeds.title(x, self.site), get_relative_url(str(feeds.path(x)), page.url))
                         for x in feeds.linked(self.listings, listing, page.is_homepage)],
        }

    def _entry_context(self, extra: dict[str, Any], entry: Entry, page: Page) -> None:
        assert self.catalogue is not None
        extra["entry"] = entry
        extra["rows"] = views.metadata_rows(entry, self.catalogue)
        extra["banner"] = views.banner(entry, self.catalogue)
        extra["predecessors"] = views.predecessors(entry, self.catalogue)
        extra["blocks"] = views.blocks(entry)
        extra["related"] = views.related(entry, self.catalogue)
        extra["qr"] = htmlsafety.vouched(self.qr.svg(page.canonical_url)) if self.qr and page.canonical_url else ""
        if entry.report:
            extra["report_tables"] = [(t, views.csv_uri(entry, t)) for t in reports.tables(entry.report)]
            extra["content_parts"] = views.split_before_section(htmlsafety.vouched(page.content or ""), "五")

    def _listing_context(self, extra: dict[str, Any], listing_page: directory.ListingPage) -> None:
        assert self.catalogue is not None
        extra["listing_page"] = listing_page
        extra["charts"] = views.report_charts(listing_page.listing, self.catalogue)
        if self.schema and self.schema.power_list:
            extra["power_fields"] = self.schema.power_list.fields
            extra["power_csv"] = f"{self.schema.power_list.folder}/{POWER_CSV}"
        extra["application_guide"] = self.schema.gate.application_guide if self.schema else None


def _redirect_clashes(entries: Iterable[Entry], files: Files) -> list[Problem]:
    """Former addresses that another entry claims too, or that are the address of a page or file of the
    site: nginx's exact location would take the request, and the page could no longer be reached."""
    taken = {path for f in files for path in (f.dest_uri, f.url)}
    claimed: dict[str, Entry] = {}
    problems = []
    for entry in entries:
        for field in (f for f in entry.ctype.fields if f.type == "paths"):
            for old in entry.values.get(field.key, ()):
                path = unquote(old)
                first = claimed.setdefault(path, entry)
                if path in taken or path.rstrip("/") + "/index.html" in taken:
                    why = "是本网站现有页面或文件的网址，转向会使它无法访问"
                elif first is not entry:
                    why = f"也是 {first.path} 的曾用网址，一个网址只能转向一个页面"
                else:
                    continue
                problems.append(Problem(entry.path, f"字段{field.name}中的「{old}」{why}。请删去这一项。",
                                        entry.key_lines.get(field.key)))
    return problems


def _plain_titles(page: Page, own: bool) -> None:
    """A page's title (when it is the page's `own`, not the catalogue's) and its table of contents as
    plain text: templates escape them. A title in front matter is text, as an entry's is; a first
    heading is HTML, of which the reader sees the text. It is kept as the page's metadata, which
    MkDocs reads its title from (a page read again, under `mkdocs serve`, gets its new one)."""
    if own and "title" in page.meta:
        page.meta["title"] = " ".join(str(page.meta["title"]).split())
    elif own and not page.is_homepage:
        page.meta["title"] = htmlsafety.text(page.title or "")

    def plain(links: Iterable[Any]) -> None:
        for link in links:
            link.title = htmlsafety.text(link.title)
            plain(link.children)
    plain(page.toc)


def _href(files: Files, page: Page) -> Callable[[str], str]:
    """The templates' `href`: a content path (or an absolute URL) as a link relative to `page`."""
    def href(src_uri: str) -> str:
        if src_uri.startswith(("https://", "http://")):
            return src_uri
        target = files.get_file_from_path(src_uri)
        return target.url_relative_to(page.file) if target else "#"
    return href


def _base_path(config: MkDocsConfig) -> str:
    """The path the site is served under, from site_url: "/" or "/prefix/"."""
    path = urlsplit(config.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _from_content(f: File, docs_dir: Path) -> bool:
    """Files MkDocs found in content/, as opposed to theme files and generated pages."""
    return not f.generated_by and f.abs_src_path is not None and Path(f.abs_src_path).is_relative_to(docs_dir)


def _entry_markdown(entry: Entry) -> str:
    meta = {"title": entry.title, "description": pagemeta.description(entry), "template": entry.ctype.template}
    return source.markdown(meta, entry.body)


def _listing_markdown(page: directory.ListingPage) -> str:
    return source.markdown({"title": page.title, "template": directory.TEMPLATES[page.listing.kind == "power"]}, "")


def _outside(config: MkDocsConfig, catalogue: str) -> list[dict[str, preview.Stamp]]:
    """What a build reads besides content/: mkdocs.yml, catalogue.yml, the theme (overrides first) and
    the paths mkdocs.yml or `mkdocs serve -w` watch."""
    here = Path(config.config_file_path)
    paths = [here, here.parent / catalogue, *map(Path, config.theme.dirs), *map(Path, config.watch)]
    return [preview.stamps(p) for p in paths]


def _page(config: MkDocsConfig, src_uri: str, markdown: Callable[..., str], *args: Any) -> File:
    """A generated page, out of the navigation, its Markdown made only now (for the preview's new files)."""
    return _generated(config, src_uri, markdown(*args))


def _data(config: MkDocsConfig, src_uri: str, data: Callable[..., str | bytes], *args: Any) -> File:
    return File.generated(config, src_uri, content=data(*args))


def _generated(config: MkDocsConfig, src_uri: str, content: str) -> File:
    return File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)


def _nav_page(files: Files, listing: directory.Listing) -> Page:
    file = files.get_file_from_path(listing.src_uri)
    assert file is not None and file.page is not None
    file.page.title = listing.label
    return file.page


def _directory_section(listings: list[directory.Listing], schema: Schema, files: Files) -> Section:
    def page(listing: directory.Listing) -> Page:
        return _nav_page(files, listing)
    by_kind: dict[str, dict[str, directory.Listing]] = {}
    for listing in listings:
        by_kind.setdefault(listing.kind, {})[listing.key] = listing
    categories: list[Any] = []
    for code, category in schema.categories.items():
        if category.parent:
            continue
        top = page(by_kind["category"][code])
        children = [page(by_kind["category"][c]) for c in category.children]
        categories.append(Section(category.name, [top, *children]) if children else top)
    return Section("政府信息公开目录", [
        page(by_kind["all"][""]),
        Section("按主题分类", categories),
        Section("按年份", [page(x) for x in by_kind.get("year", {}).values()]),
        Section("按发布机构", [page(x) for x in by_kind["publisher"].values()]),
        *[page(x) for x in by_kind.get("on_request", {}).values()],
    ])


def _place(nav: Navigation, added: list[Any], root: File | None) -> None:
    """Put the directory (and the content types' indexes) where mkdocs.yml's nav lists mulu/index.md,
    else after the home page."""
    items = nav.items
    at = next((i for i, item in enumerate(items) if root and getattr(item, "file", None) is root), None)
    if at is not None:
        items[at:at + 1] = added
    else:
        items[1:1] = added
    for item in added:
        _adopt(item, None)
    nav.pages = [p for p in _pages(nav.items)]


def _adopt(item: Any, parent: Section | None) -> None:
    item.parent = parent
    for child in getattr(item, "children", None) or []:
        _adopt(child, item)


def _urls(items: list[Any]) -> list[str]:
    """The URL of every page, section index and link in the navigation."""
    out: list[str] = []
    for item in items:
        if getattr(item, "url", None) is not None:
            out.append(item.url)
        out += _urls(getattr(item, "children", None) or [])
    return out


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        out += _pages(getattr(item, "children", None) or [])
    return out
