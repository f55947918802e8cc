"""The preview (`mkdocs serve`): what a change of content changes, so only that is rendered.

A full build of 10,000 entries takes minutes. When every file changed since the last build is an
entry's Markdown file, edited or new, or a plain page edited, the plugin reloads the content (files
not edited are not parsed or checked again: catalogue.Memo) and renders only the pages the change
shows on: the edited pages and new entries, the entries they point at or that point at them (each
page shows the other's title), and the directory pages that are new or whose rows, counts or
facets changed. Anything else needs a full build, as MkDocs would do it: a file removed, an
attachment, catalogue.yml, mkdocs.yml, the theme or another watched path, or a change that removes
a page, changes the navigation (a page's title in it, too), an entry's attachments or its
annual-report tables (files published beside the page). Hidden files are not watched: MkDocs
publishes none of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from gongkai.core import files as content_files
from gongkai.core import gate
from gongkai.core.catalogue import Memo
from gongkai.core.content import Content, is_owned, load_content
from gongkai.core.files import ContentFile, Stamp, hidden
from gongkai.core.schema import Schema
from gongkai.engine import rendering
from gongkai.mkdocs import finish, reporting
from gongkai.mkdocs.jobs import Jobs
from gongkai.mkdocs.pages import from_content
from gongkai.mkdocs.reading import SEARCH_PAGE
from gongkai.mkdocs.setup import base_path, synonyms_name
from gongkai.outputs import links
from gongkai.outputs.sitefiles import SiteFiles
from gongkai.site.directory import Kind, ListingPage
from gongkai.site.model import Model
from gongkai.types import reports

if TYPE_CHECKING:
    from gongkai.mkdocs.build import Build

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class Changes:
    edited: list[str]
    added: list[str]
    removed: list[str]


def changes(before: Mapping[str, Stamp], now: Mapping[str, Stamp]) -> Changes:
    """The files edited, added and removed since `before`, hidden ones aside."""
    before = {uri: stamp for uri, stamp in before.items() if not hidden(uri)}
    return Changes(sorted(uri for uri, stamp in now.items() if uri in before and before[uri] != stamp),
                   sorted(now.keys() - before.keys()), sorted(before.keys() - now.keys()))


def pages_to_render(old_model: Model, new_model: Model) -> set[str] | None:
    """The src_uri of every entry and directory page that is new or differs between the two models;
    None when the edit needs a full build."""
    old, new = old_model.catalogue, new_model.catalogue
    old_listings, new_listings = old_model.listings, new_model.listings
    old_pages, new_pages = old_model.listing_pages, new_model.listing_pages
    before = {e.page_uri: e for e in old.entries}
    if before.keys() - {e.page_uri for e in new.entries} or old_pages.keys() - new_pages.keys():
        return None  # a page to delete, and links to it to check on every page
    if [(x.kind, x.key, x.label) for x in old_listings] != [(x.kind, x.key, x.label) for x in new_listings]:
        return None  # the navigation shows these
    found = set()
    for entry in new.entries:
        was = before.get(entry.page_uri)
        if entry == was:
            continue
        if (entry.attachments, reports.of(entry)) != ((was.attachments, reports.of(was)) if was else ((), None)):
            return None
        found |= {x.page_uri for x in (entry, *new.neighbours(entry), *(old.neighbours(was) if was else ()))}
    return found | {uri for uri, page in new_pages.items() if uri not in old_pages or _listing_changed(old_pages[uri], page)}


def _listing_changed(old: ListingPage, new: ListingPage) -> bool:
    """Whether a directory page shows anything else: its rows, its listing's title, count or facets,
    its page count, or (on a content type's index) the charts made from every entry listed."""
    a, b = old.listing, new.listing
    if (a.title, len(a.entries), a.facets, old.pages) != (b.title, len(b.entries), b.facets, new.pages):
        return True
    return old.entries != new.entries or (a.kind is Kind.TYPE and a.entries != b.entries)


class Session:
    """The preview of `mkdocs serve`: one plugin instance lives for the whole session (MkDocs keeps it
    because the plugin handles `on_startup`), and so does what the last build read."""

    def __init__(self) -> None:
        self.serving = False
        self.built: MkDocsConfig | None = None  # the configuration of the last build, once it succeeded
        self.sources: dict[str, tuple[ContentFile, Stamp]] = {}  # content/ as last read, by src_uri
        self.outside: list[dict[str, Stamp]] = []  # the other files the build read
        self.memo: Memo | None = None  # what each file gave, kept for the preview only
        self.today = dt.date.today()  # the build's (setup.py), for the checks of dates

    def load(self, schema: Schema, config: MkDocsConfig, catalogue: str, files: Files,
             today: dt.date) -> tuple[list[File], Content]:
        """content/'s files among MkDocs' `files` (not hidden ones), read, and what loading them gives,
        with a problem for each folder or file that cannot be read."""
        docs_dir = Path(config.docs_dir)
        self.built = None
        mine = [f for f in files if from_content(f, docs_dir) and not f.inclusion.is_excluded()]
        self.outside = outside(config, catalogue)
        read, unread = content_files.read_files(docs_dir, [(f.src_uri, f.is_documentation_page()) for f in mine])
        self.sources = {file.src_uri: (file, stamp) for file, stamp in read}
        self.memo = Memo() if self.serving else None  # only the preview loads content again
        self.today = today
        loaded = load_content(schema, [c for c, _ in self.sources.values()], docs_dir, self.memo, today)
        return mine, dataclasses.replace(loaded, problems=[*content_files.unlisted_folders(docs_dir), *unread, *loaded.problems])

    def refresh(self, build: Build | None, jobs: Jobs, plugin: object, catalogue: str) -> bool:
        """When catalogue entries were edited or added, or plain pages edited, and nothing else changed,
        load the content again (files not edited are not parsed again) and render the pages that change;
        False when the change needs a full build."""
        config, self.built = self.built, None  # should this fail, the next edit gets a full build
        if config is None or build is None:
            return False
        start, docs_dir, schema = time.perf_counter(), Path(config.docs_dir), build.setup.schema
        found = changes({uri: stamp for uri, (_, stamp) in self.sources.items()}, content_files.stamps(docs_dir))
        changed = found.edited + found.added
        plain = [uri for uri in found.edited if _plain_page(build, uri)]
        if found.removed or outside(config, catalogue) != self.outside or not all(
                _entry_file(schema, uri) for uri in changed if uri not in plain) or not rendering.can_take_over(config, plugin):
            return False
        if not changed:  # a save that changed nothing, or a second event for one already shown
            self.built = config
            return True
        for uri in changed:
            self.sources[uri] = content_files.read(docs_dir, uri, True)
        old = build.model
        try:  # the preview's console says only what is new
            build.retake(load_content(schema, [c for c, _ in self.sources.values()], docs_dir, self.memo, self.today),
                         build.setup.reporter.report.reminders)
        except PluginError:
            self.built = config  # the errors stopped it before anything was taken: the next save goes on from here
            raise
        shown = self._show(build, jobs, old, plain)
        if shown is None:
            return False
        log.info(f"预览：{len(changed)} 个文件有改动，重新生成 {shown} 个页面，用时 {time.perf_counter() - start:.1f} 秒"
                 "；站内检索随后更新，繁體字表在完整构建时更新。")
        self.built = config
        return True

    def _show(self, build: Build, jobs: Jobs, old: Model, plain: list[str]) -> int | None:
        """The pages the edit changes rendered; their count, or None when it needs a full build after all."""
        model = build.model
        uris = pages_to_render(old, model)
        if uris is None:
            return None
        new = build.arrange() if (model.entries.keys() | model.listing_pages.keys()) - set(build.made.made) else []
        for uri in uris.difference(new):
            file = build.files.get_file_from_path(uri)
            assert file is not None
            file.content_string = build.made.markdown(uri)
        uris |= {*plain, *build.reading.portals, *([SEARCH_PAGE] if build.search else [])}
        pages = [f.page for f in build.files.documentation_pages() if f.src_uri in uris and f.page]
        titles = [(page, page.title) for page in pages if id(page) in build.engine.in_nav]
        redacted = any(e.disclosure == gate.REDACTED and old.catalogue.get(e.index_no) != e for e in model.catalogue.entries)
        render_now(build, jobs, pages, search_now=redacted)
        return None if any(page.title != title for page, title in titles) else len(pages)  # the navigation shows them


def render_now(build: Build, jobs: Jobs, pages: list[Page], search_now: bool) -> None:
    """Convert, check and render `pages` and check their links; the search index (at once when an edit
    redacted something: the preview never finds what the build would not publish), the sitemap, feeds
    and exports (seconds of work at 10,000 entries, and no page an editor previews) follow in the
    background."""
    config = build.config
    build.engine.deferred, build.reading.late = set(), []
    if build.engine.env:  # the newest items, which the 404 page lists
        build.engine.env.globals.update(build.theme_globals())
    build.render(pages)
    if build.nav:
        build.engine.write_error_page(config, build.nav, build.files, build.options.precompress)
    site = Path(config.site_dir)
    for file in build.files.documentation_pages():  # the newest entry's date is the date of pages without their own
        if file.page:
            file.page.update_date = build.model.page_date(file.src_uri, file.page.meta).isoformat()
    if build.options.check_links:
        written = {str(page.file.dest_uri) for page in pages}
        reporting.stop_on_broken_links(links.check_site(SiteFiles(site), base_path(config), build.engine.scan.pages, written))
    build.setup.qr.save()
    if search_now:
        finish.write_search_index(build, site)

    def outputs() -> None:
        if build.nav:
            build.engine.write_sitemap(config, build.nav, list(build.files.documentation_pages()))
        finish.write_outputs(build, site)
        if build.search and not search_now:
            finish.write_search_index(build, site)
    jobs.follow(outputs, "预览：网站地图、订阅源、目录数据（catalogue.json、catalogue.csv）或站内检索索引没有写出")


def outside(config: MkDocsConfig, catalogue: str) -> list[dict[str, Stamp]]:
    """What a build reads besides content/: mkdocs.yml, catalogue.yml and synonyms.yml, the theme
    (overrides first) and the paths mkdocs.yml or `mkdocs serve -w` watch."""
    here = Path(config.config_file_path)
    paths = [here, here.parent / catalogue, here.parent / synonyms_name(catalogue), *map(Path, config.theme.dirs),
             *map(Path, config.watch)]
    return [content_files.stamps(p) for p in paths]


def _entry_file(schema: Schema, uri: str) -> bool:
    return bool(is_owned(schema, uri) and schema.type_for_folder(uri.split("/")[0]) and uri.endswith(".md"))


def _plain_page(build: Build, uri: str) -> bool:
    """A page of content/ that MkDocs renders as written (a guide, the home page)."""
    file = build.files.get_file_from_path(uri)
    return bool(file and file.page and uri.endswith(".md") and not _entry_file(build.setup.schema, uri))
