"""What a build writes and checks beside its pages, from the model and the scan of the pages written:
feeds and exports, the search index, the sitemap, the nginx include, the 繁體 table, precompressed
files; no page may hold code, no link may be broken, no former address may take a page's place."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from gongkai.core import htmlsafety, urlpath, workers
from gongkai.core.catalogue import Entry
from gongkai.core.content import CATALOGUE_CSV, CATALOGUE_JSON, FEEDS
from gongkai.core.problems import Problem
from gongkai.mkdocs import reporting
from gongkai.mkdocs.setup import base_path
from gongkai.outputs import deploy, exports, links, traditional
from gongkai.outputs.sitefiles import SiteFiles
from gongkai.search import records
from gongkai.site.directory import Kind
from gongkai.site.model import Model

if TYPE_CHECKING:
    from gongkai.mkdocs.build import Build


def post_build(build: Build, config: MkDocsConfig, jobs_written: frozenset[str]) -> None:
    """After every page is written: the sitemap, the checks, the include, the 繁體 table, the .gz files."""
    options, scan, site = build.options, build.engine.scan, Path(config.site_dir)
    if build.nav:
        build.engine.write_sitemap(config, build.nav, list(build.files.documentation_pages()))
    listed = SiteFiles.of(site)
    broken = workers.in_child(lambda: links.check_site(listed, base_path(config), scan.pages),
                              fork=not build.serving and len(scan.pages) >= 2 * workers.SHARE_FROM
                              ) if options.check_links else list
    reporting.stop_on_executable(executable(scan.executable, listed, scan.done))
    write_nginx_include(build, config, listed)
    table = traditional.write(listed, scan.han, scan.done)
    build.setup.qr.save()
    reporting.stop_on_broken_links(broken())
    if options.precompress:
        deploy.precompress(listed.adding(table), scan.done | jobs_written)


def executable(scanned: dict[str, list[str]], site: SiteFiles, done: frozenset[str]) -> dict[str, list[str]]:
    """Every page holding code, by path in the site: those scanned as written, and the theme's own pages
    (404) read here."""
    found = dict(scanned)
    for rel in site.ending((".html",), done):
        what = htmlsafety.executable((site.root / rel).read_text(encoding="utf-8"))
        if what:
            found[rel] = what
    return found


def write_nginx_include(build: Build, config: MkDocsConfig, site: SiteFiles) -> None:
    urls = config.use_directory_urls
    try:
        text = deploy.nginx_include(base_path(config), build.model.redirects(urls), build.model.gone(urls))
    except urlpath.PathError as e:  # site_url's path or the 索引号 pattern: validation checked the rest
        raise PluginError(f"无法生成服务器配置 {build.options.nginx_include}：地址{e}。请检查 mkdocs.yml 的 site_url "
                          "和 catalogue.yml 的 index_number.pattern。") from None
    (site.root / build.options.nginx_include).write_text(text, encoding="utf-8")


def write_outputs(build: Build, site: Path) -> frozenset[str]:
    """Feeds, catalogue.json and catalogue.csv, from the gated catalogue only, gzipped as written;
    returns their paths in the site."""
    written = exports.outputs(build.model.catalogue, build.model.listings, build.site)
    for rel, data in written.items():
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if build.options.precompress:
            deploy.gzip_beside(target, data)
    return frozenset(written)


def indexer(build: Build, site: Path) -> Callable[[], tuple[int, float]]:
    """Writing the search index of every record read so far, timed."""
    found = search_records(build)

    def index() -> tuple[int, float]:
        start = time.perf_counter()
        return records.write_index(site, found, build.setup.synonyms), time.perf_counter() - start
    return index


def write_search_index(build: Build, site: Path) -> None:
    """The search index of every record read so far, written now."""
    records.write_index(site, search_records(build), build.setup.synonyms)


def search_records(build: Build) -> list[records.Record]:
    """Every page's search record, the power list's items' too, by URL."""
    return sorted([*build.reading.records.values(), *_power_records(build)], key=lambda r: r.url)


def _power_records(build: Build) -> list[records.Record]:
    """Each power-list item, pointing at the page of the full list that shows it."""
    spec = build.model.schema.power_list
    if spec is None:
        return []
    out = []
    for page in build.model.listing_pages.values():
        file = build.files.get_file_from_path(page.src_uri)
        if page.listing.kind is Kind.POWER and not page.listing.key and file:
            out += [records.power_record(spec, item, file.url) for item in page.entries]
    return out


def urls(build: Build) -> Callable[[str], str]:
    """Where a file of the build is published, absolute when site_url is set (looked up once each)."""
    found: dict[str, str] = {}

    def url(src_uri: str) -> str:
        if src_uri not in found:
            file = build.files.get_file_from_path(src_uri)
            assert file is not None, src_uri
            found[src_uri] = build.site.at(file.url)
        return found[src_uri]
    return url


def built_paths(config: MkDocsConfig, files: Files, include: str) -> Callable[[str], bool]:
    """Whether a path of the site is one the build writes: the pages and files MkDocs knows, the theme's
    own pages (404.html, sitemap.xml), the exports, the feeds, the search index, the 繁體 table, the
    nginx include, and the .gz copy of any of them."""
    taken = {path for f in files for path in (f.dest_uri, f.url)}
    taken |= {*config.theme.static_templates, CATALOGUE_JSON, CATALOGUE_CSV, traditional.ASSET, include}
    folders = (f"{FEEDS}/", f"{records.OUTPUT}/")

    def built(path: str) -> bool:
        path = path.removesuffix(".gz")
        return path in taken or path.rstrip("/") + "/index.html" in taken or path.startswith(folders)
    return built


def redirect_clashes(model: Model, built: Callable[[str], bool]) -> list[Problem]:
    """Former addresses that another entry claims too, or that are the address of a page or file the
    build writes: nginx's exact location would take the request (even the 404 page's), and the page
    could no longer be reached."""
    claimed: dict[str, Entry] = {}
    problems = []
    for entry in model.catalogue.entries:
        for field in (f for f in entry.ctype.fields if f.type == "paths"):
            for old in entry.values.get(field.key, ()):
                path = unquote(old)
                first = claimed.setdefault(path, entry)
                if built(path):
                    why = "是本网站现有页面或文件的网址，转向会使它无法访问"
                elif first is not entry:
                    why = f"也是 {first.path} 的曾用网址，一个网址只能转向一个页面"
                else:
                    continue
                problems.append(Problem(entry.path, f"字段{field.name}中的「{old}」{why}。请删去这一项。",
                                        entry.key_lines.get(field.key)))
    return problems
