"""What is inspected: the gated catalogue and the rest of content/, the date, and where each page is
published, gathered once by the command or the build.

Only what the site publishes is read: the gate's catalogue (redacted text already cut), the plain
pages and the power list's files (every one of them public: the gate checked them as such).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote, urljoin

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.content import Content, is_owned
from gongkai.core.files import ContentFile
from gongkai.core.schema import Schema
from gongkai.site.directory import Kind
from gongkai.site.model import Model
from gongkai.types import reports


@dataclass(frozen=True)
class Address:
    """Where the site is published: mkdocs.yml's site_url and use_directory_urls."""

    site_url: str = ""
    directory_urls: bool = True

    def path(self, src_uri: str) -> str:
        """A Markdown page's address relative to the site's root, as MkDocs makes it ("" for the home page
        with directory URLs), not quoted."""
        stem = src_uri.removesuffix(".md")
        folder, _, name = stem.rpartition("/")
        if name == "index":
            path = f"{folder}/" if folder else ""
            return path if self.directory_urls else f"{path}index.html"
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def page(self, src_uri: str) -> str:
        """The address of a Markdown page; absolute when site_url is set."""
        return urljoin(self.site_url or "/", quote(self.path(src_uri)))


@dataclass(frozen=True)
class Subject:
    schema: Schema
    loaded: Content
    docs_name: str  # the content folder's name, as messages show paths (content)
    today: dt.date
    address: Address
    site_name: str = ""

    @property
    def published(self) -> Catalogue:
        return self.loaded.result.published

    @cached_property
    def model(self) -> Model:
        """The site's pages as the build arranges them: entries' and listings' addresses."""
        return Model.of(self.schema, self.loaded)

    @cached_property
    def plain_pages(self) -> tuple[ContentFile, ...]:
        """content/'s Markdown pages outside the catalogue's folders: the guides and the home page."""
        return tuple(f for f in self.loaded.files if f.page and not is_owned(self.schema, f.src_uri))

    def column(self, code: str) -> list[Entry]:
        """The published entries of a category and its sub-categories, newest first (asked for often)."""
        if code not in self._columns:
            self._columns[code] = self.published.in_category(code)
        return self._columns[code]

    @cached_property
    def _columns(self) -> dict[str, list[Entry]]:
        return {}

    @cached_property
    def annual_reports(self) -> dict[int, Entry]:
        """The published annual reports by their year (the newest published one of a year)."""
        found: dict[int, Entry] = {}
        for e in reversed(self.published.entries):
            if reports.of(e) is not None:
                found[int(e.values.get("year", 0))] = e
        return found

    def shown(self, src_uri: str) -> str:
        """A content path as editors see it: content/…"""
        return f"{self.docs_name}/{src_uri}"

    def url(self, entry: Entry) -> str:
        return self.address.page(entry.page_uri)

    def page_url(self, src_uri: str) -> str:
        """The address of a page of the site by its src_uri; "" for none."""
        return self.address.page(src_uri) if src_uri else ""

    def category_url(self, code: str) -> str:
        """The address of a category's directory page."""
        return self.address.page(self._category_pages.get(code, ""))

    @cached_property
    def _category_pages(self) -> dict[str, str]:
        return {x.key: x.src_uri for x in self.model.listings if x.kind is Kind.CATEGORY}
