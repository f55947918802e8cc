"""The files the plugin adds to MkDocs' build, from the model: a page for every entry at the address
its 索引号 gives it, with its attachments and its report's tables beside it; the power list's CSV;
every page of the directory's listings; the search page, the 网站地图 and 联系我们. The editors' own
files in the catalogue's folders never reach MkDocs: only these pages, made from what the gate
published."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from gongkai.core import linking, source
from gongkai.core.catalogue import Entry
from gongkai.core.content import CATALOGUE_CSV, CATALOGUE_JSON, owned_folders
from gongkai.mkdocs.reading import CONTACT_PAGE, SEARCH_PAGE, SITE_MAP_PAGE
from gongkai.outputs import csvfile
from gongkai.site import pagemeta, views
from gongkai.site.directory import ListingPage, feed_path
from gongkai.site.model import Model
from gongkai.types import reports

POWER_CSV = "qzqd.csv"  # the whole power list, in its folder
Make = Callable[[], File]


class GeneratedPages:
    """The files made for one model, in the order of a build (`made`, by src_uri)."""

    def __init__(self, config: MkDocsConfig, model: Model, search: bool) -> None:
        self.config, self.model, self.search = config, model, search
        self.made: list[str] = []

    def add_to(self, files: Files) -> None:
        for uri, make in self._to_make():
            files.append(make())
            self.made.append(uri)

    def uris(self) -> list[str]:
        """The src_uri of every file `add_to` adds."""
        return [uri for uri, _ in self._to_make()]

    def arrange(self, files: Files) -> tuple[Files, list[str]]:
        """The preview's files in the order of a full build, with those new since the last made (and
        their pages), and the new ones' src_uri."""
        made, kept = set(self.made), {f.src_uri: f for f in files}
        ordered, new = [f for f in files if f.src_uri not in made], []
        self.made = []
        for uri, make in self._to_make():
            if uri not in kept:
                kept[uri] = make()
                new.append(uri)
                if kept[uri].is_documentation_page():
                    Page(None, kept[uri], self.config)
            ordered.append(kept[uri])
            self.made.append(uri)
        return Files(ordered), new

    def markdown(self, src_uri: str) -> str:
        """A generated page's source: its metadata as front matter, then its body."""
        entry = self.model.entries.get(src_uri)
        return entry_markdown(entry) if entry else listing_markdown(self.model.listing_pages[src_uri])

    def power_csv(self) -> str | None:
        spec = self.model.schema.power_list
        return f"{spec.folder}/{POWER_CSV}" if spec and self.model.power_items else None

    def _to_make(self) -> Iterator[tuple[str, Make]]:
        """Every file the plugin adds to the build, in order, by src_uri, with how to make it."""
        config, model, docs_dir = self.config, self.model, Path(self.config.docs_dir)
        for entry in model.entries.values():
            yield entry.page_uri, partial(_page, config, entry.page_uri, entry_markdown, entry)
            for attachment in entry.attachments:
                uri = entry.attachment_uri(attachment)
                yield uri, partial(File.generated, config, uri, abs_src_path=str(docs_dir / attachment.src_uri))
            report = reports.of(entry)
            for table in reports.tables(report) if report else []:
                uri = views.csv_uri(entry, table)
                yield uri, partial(_data, config, uri, csvfile.report_table, report, table.key)
        power = self.power_csv()
        if power and model.schema.power_list:
            yield power, partial(_data, config, power, csvfile.power_list, model.schema.power_list, list(model.power_items))
        for page in model.listing_pages.values():
            yield page.src_uri, partial(_page, config, page.src_uri, listing_markdown, page)
        if self.search:
            yield SEARCH_PAGE, partial(_page, config, SEARCH_PAGE, source.markdown, {"title": "站内检索", "template": "search.html"}, "")
        for uri, title, template in ((SITE_MAP_PAGE, "网站地图", "sitemap.html"), (CONTACT_PAGE, "联系我们", "contact.html")):
            yield uri, partial(_page, config, uri, source.markdown, {"title": title, "template": template, "hide": ["toc"]}, "")


def entry_markdown(entry: Entry) -> str:
    """An entry's page: its own text beside its table of contents, when its text has headings (else the
    text takes the width); the navigation only in the phone's menu (the header's columns and the
    breadcrumb lead on)."""
    hide = ["navigation"] if _HEADING.search(entry.body) else ["navigation", "toc"]
    meta: dict[str, str | list[str]] = {"title": entry.title, "description": pagemeta.description(entry),
                                        "template": entry.ctype.template, "hide": hide}
    return source.markdown(meta, entry.body)


_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)", re.MULTILINE)  # a Markdown heading, as editors write them


def listing_markdown(page: ListingPage) -> str:
    """A listing's page: the list at full width beside its own tree of lists (the templates')."""
    return source.markdown({"title": page.title, "template": page.listing.kind.template, "hide": ["navigation", "toc"]}, "")


def href(files: Files, page: Page) -> Callable[[str], str]:
    """The templates' `href`: a content path (or an absolute URL) as a link relative to `page`."""
    def link(src_uri: str) -> str:
        if src_uri.startswith(("https://", "http://")):
            return src_uri
        target = files.get_file_from_path(src_uri)
        return target.url_relative_to(page.file) if target else "#"
    return link


def addresses(model: Model, files: Files, docs_dir: Path, base: str) -> linking.Addresses:
    """What editors' links can reach in this build (core/linking.py): every file MkDocs holds, the
    files the build writes beside them, and the editors' files by what each is published as."""
    entries = model.entries.values()
    published = {f.src_uri: f.src_uri for f in files}  # plain pages and files, the directory's pages too
    published |= {e.src_uri: e.page_uri for e in entries} | {a.src_uri: e.attachment_uri(a) for e in entries for a in e.attachments}
    written = [CATALOGUE_JSON, CATALOGUE_CSV, "sitemap.xml", *filter(None, map(feed_path, model.listings))]
    dest = {f.dest_uri: f.src_uri for f in files} | {path: path for path in written}
    return linking.Addresses(published, model.hidden, {e.index_no: e.page_uri for e in entries}, model.hidden_index,
                             dest, {f.src_uri: f.url for f in files}, frozenset(owned_folders(model.schema)), base,
                             frozenset(model.sources), docs_dir.name)


def from_content(f: File, docs_dir: Path) -> bool:
    """Files MkDocs found in content/, as opposed to theme files and generated pages."""
    return not f.generated_by and f.abs_src_path is not None and Path(f.abs_src_path).is_relative_to(docs_dir)


def _page(config: MkDocsConfig, src_uri: str, markdown: Callable[..., str], *args: Any) -> File:
    """A generated page, out of the navigation, its Markdown made only now (for the preview's new files)."""
    return File.generated(config, src_uri, content=markdown(*args), inclusion=InclusionLevel.NOT_IN_NAV)


def _data(config: MkDocsConfig, src_uri: str, data: Callable[..., str | bytes], *args: Any) -> File:
    return File.generated(config, src_uri, content=data(*args))
