"""The MkDocs plugin: thin glue between MkDocs' build events and the catalogue core.

on_config loads catalogue.yml; on_files validates every content file, replaces the editors'
files with generated entry and directory pages (MkDocs never reads an editor's file itself);
on_nav places the directory in the navigation; on_page_context hands templates their data (the
entry pages' QR codes, the home page's portal); on_post_build checks links and writes the 繁體 table.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import deploy, directory, gate, home, htmlsafety, links, powerlist, qr, reports, traditional, views
from .catalogue import Catalogue, ContentFile, Entry
from .config import DisclosureConfig
from .content import is_owned, load_content
from .problems import Problem, errors, warnings
from .report import BuildReport
from .schema import Schema, SchemaError, load_schema

log = get_plugin_logger(__name__)
POWER_CSV = "qzqd.csv"
PREVIOUS_URLS = "previous_urls"  # entries' former addresses, redirected to the current one
POWER_PAGE_SIZE = 50


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
        self.late: list[Problem] = []  # found while pages are read and rendered; reported before writing
        self.own_host = ""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        path = Path(config.config_file_path).parent / self.config.catalogue
        self.report_path = path.parent / "build-report.json"
        self.own_host = urlsplit(config.site_url or "").netloc
        try:
            self.schema = load_schema(path, self.config.catalogue)
        except SchemaError as e:
            raise PluginError(str(e)) from None
        # mkdocs.yml's own text (site name, copyright, nav titles) appears on every page.
        config_file = Path(config.config_file_path)
        found = gate.scan_text(config_file.name, config_file.read_text(encoding="utf-8"), self.schema.gate.allow_numbers)
        if found:
            self._report(found)
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild the preview when catalogue.yml changes, not only content/."""
        server.watch(str(Path(config.config_file_path).parent / self.config.catalogue))
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.schema is None:
            return None
        docs_dir = Path(config.docs_dir)
        self.late = []
        self.portals = {}
        mine = [f for f in files if _from_content(f, docs_dir)]
        sources = [ContentFile(f.src_uri, Path(str(f.abs_src_path)).read_bytes(), f.is_documentation_page())
                   for f in mine]
        loaded = load_content(self.schema, sources, docs_dir)
        result = loaded.result
        self.report = BuildReport(len(result.published), result.withheld, len(result.on_request), result.redactions)
        self._report(loaded.problems)
        for f in mine:
            if is_owned(self.schema, f.src_uri):
                files.remove(f)
        self.catalogue, self.on_request, self.power_items = result.published, result.on_request, loaded.power_items
        self.withdrawn = [e for e in loaded.catalogue.entries if e.values.get(gate.WITHDRAWN_KEY)]
        self._add_entries(files, config, docs_dir)
        self._add_directory(files, config)
        self.files = files
        return files

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

    def _add_entries(self, files: Files, config: MkDocsConfig, docs_dir: Path) -> None:
        assert self.catalogue is not None
        self.entries = {}
        for entry in self.catalogue.entries:
            meta = {"title": html.escape(entry.title), "template": entry.ctype.template}
            files.append(_generated(config, entry.page_uri, _markdown(meta, entry.body)))
            self.entries[entry.page_uri] = entry
            for attachment in entry.attachments:
                files.append(File.generated(config, entry.attachment_uri(attachment),
                                            abs_src_path=str(docs_dir / attachment.src_uri)))
            if entry.report:
                for table in reports.tables(entry.report):
                    files.append(File.generated(config, views.csv_uri(entry, table),
                                                content=reports.to_csv(entry.report, table.key)))

    def _add_directory(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalogue is not None and self.schema is not None
        self.listings = directory.listings(self.catalogue) + directory.type_listings(self.catalogue)
        if self.schema.gate.list_on_request:
            self.listings.append(directory.on_request_listing(self.on_request))
        if self.schema.power_list and self.power_items:
            self.listings += powerlist.listings(self.schema, self.power_items)
            files.append(File.generated(config, f"{self.schema.power_list.folder}/{POWER_CSV}",
                                        content=powerlist.to_csv(self.schema, self.power_items)))
        self.listing_pages = {}
        for listing in self.listings:
            power = listing.kind == "power"
            for page in directory.pages(listing, POWER_PAGE_SIZE if power else self.schema.page_size):
                meta = {"title": html.escape(page.title), "template": directory.TEMPLATES[power]}
                files.append(_generated(config, page.src_uri, _markdown(meta, "")))
                self.listing_pages[page.src_uri] = page

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.schema is None:
            return None
        section = _directory_section(self.listings, self.schema, files)
        types = [_nav_page(files, x) for x in self.listings if x.kind == "type" or (x.kind == "power" and not x.key)]
        _place(nav, [section, *types], files.get_file_from_path(directory.ROOT + "/index.md"))
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        page.update_date = self._content_date(page).isoformat()  # sitemap lastmod and .gz times: never the clock
        broken = htmlsafety.malformed_urls(markdown)
        if broken:  # MkDocs itself would stop with a traceback while rendering this page
            self._report([Problem(self._path(page, config), f"链接地址「{url[:60]}」格式有误，无法解析，请改正。")
                          for url in broken])
        if self.schema and uri not in self.entries and uri not in self.listing_pages:
            reserved = {t.template for t in self.schema.types.values()} | set(directory.TEMPLATES)
            self.late += gate.check_page_meta(self._path(page, config), page.meta, reserved)
        if page.meta.get("template") == home.TEMPLATE:
            value = page.meta.get(home.PORTAL_KEY)
            tiles, problems = home.tiles(value, lambda path: files.get_file_from_path(path) is not None)
            self.portals[uri] = tiles
            self.late += [Problem(self._path(page, config), message) for message in problems]
        return None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.schema is None or page.file.src_uri in self.listing_pages:
            return None
        path = self._path(page, config)
        self.late += [Problem(path, f"正文中的 HTML 不安全：{found}。公开页面不得含有可执行代码、不得从其他网站加载内容，"
                                    "请删除或改写这段 HTML。") for found in htmlsafety.problems(html, self.own_host)]
        self.late += gate.scan_rendered(path, html, self.schema.gate.allow_numbers)
        return None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Runs after every page is read and rendered in memory, before anything is written."""
        if self.late:
            late, self.late = self.late, []
            self._report(late)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.schema is None:
            return
        site = Path(config.site_dir)
        broken = links.check_site(site, _base_path(config)) if self.config.check_links else []
        if broken:
            shown = "\n".join(f"  - {b}" for b in broken[:50])
            more = f"\n  ……另有 {len(broken) - 50} 处" if len(broken) > 50 else ""
            raise PluginError(f"链接检查发现 {len(broken)} 处失效链接，网站没有发布。请修改后重新提交：\n{shown}{more}")
        self._write_nginx_include(config, site)
        traditional.write(site)
        if self.config.precompress:
            deploy.precompress(site)

    def _write_nginx_include(self, config: MkDocsConfig, site: Path) -> None:
        base, urls = _base_path(config), config.use_directory_urls
        entries = self.catalogue.entries if self.catalogue else []
        redirects = {old.lstrip("/"): e.url(urls) for e in entries for old in e.values.get(PREVIOUS_URLS, ())}
        gone = [e.url(urls) for e in self.withdrawn if e.disclosure in gate.PUBLIC]  # never reveal withheld ones
        text = deploy.nginx_include(base, deploy.csp(deploy.script_hashes(site)), redirects, gone)
        (site / self.config.nginx_include).write_text(text, encoding="utf-8")

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

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        uri = page.file.src_uri
        if uri not in self.entries and uri not in self.listing_pages and uri not in self.portals:
            return None
        assert self.catalogue is not None and self.files is not None
        extra = cast(dict[str, Any], context)  # the theme templates read these keys
        extra["href"] = _href(self.files, page)
        if uri in self.entries:
            self._entry_context(extra, self.entries[uri], page)
        elif uri in self.listing_pages:
            self._listing_context(extra, self.listing_pages[uri])
        else:
            extra["portal"] = home.portal(self.portals[uri], self.catalogue, self.listings)
        return context

    def _entry_context(self, extra: dict[str, Any], entry: Entry, page: Page) -> None:
        assert self.catalogue is not None
        extra["entry"] = entry
        extra["rows"] = views.metadata_rows(entry, self.catalogue)
        extra["banner"] = views.banner(entry, self.catalogue)
        extra["predecessors"] = views.predecessors(entry, self.catalogue)
        extra["blocks"] = views.blocks(entry)
        extra["related"] = views.related(entry, self.catalogue)
        extra["qr"] = qr.svg(page.canonical_url) if page.canonical_url else ""
        if entry.report:
            extra["report_tables"] = [(t, views.csv_uri(entry, t)) for t in reports.tables(entry.report)]
            extra["content_parts"] = views.split_before_section(page.content or "", "五")

    def _listing_context(self, extra: dict[str, Any], listing_page: directory.ListingPage) -> None:
        assert self.catalogue is not None
        extra["listing_page"] = listing_page
        extra["charts"] = views.report_charts(listing_page.listing, self.catalogue)
        if self.schema and self.schema.power_list:
            extra["power_fields"] = self.schema.power_list.fields
            extra["power_csv"] = f"{self.schema.power_list.folder}/{POWER_CSV}"
        extra["application_guide"] = self.schema.gate.application_guide if self.schema else None


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


def _markdown(meta: dict[str, str], body: str) -> str:
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n{body}"


def _generated(config: MkDocsConfig, src_uri: str, content: str) -> File:
    return File.generated(config, src_uri, content=content, inclusion=InclusionLevel.NOT_IN_NAV)


def _nav_page(files: Files, listing: directory.Listing) -> Page:
    file = files.get_file_from_path(listing.src_uri)
    assert file is not None and file.page is not None
    file.page.title = html.escape(listing.label)
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


def _pages(items: list[Any]) -> list[Page]:
    out: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            out.append(item)
        out += _pages(getattr(item, "children", None) or [])
    return out
