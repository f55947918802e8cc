"""What one build publishes, arranged as the site's pages: the gated catalogue's entries by the page
each one gets, the directory's listings and their pages, the power list's items, and the entries
withdrawn since they were published. Plain data, made from a load of content (core/content.py); the
glue turns it into MkDocs files and the templates' contexts read it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gongkai.core import gate
from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.content import Content
from gongkai.core.schema import Schema
from gongkai.site import directory
from gongkai.site.directory import Listing, ListingPage
from gongkai.types import powerlist
from gongkai.types.powerlist import PowerItem

EPOCH = dt.date(2000, 1, 1)  # the date of pages when the catalogue is empty


@dataclass(frozen=True)
class Model:
    schema: Schema
    catalogue: Catalogue  # what may be published
    on_request: tuple[Entry, ...]  # 依申请公开 entries, listed by metadata only when catalogue.yml asks for it
    power_items: tuple[PowerItem, ...]
    withdrawn: tuple[Entry, ...]  # public once, taken down since: their addresses answer 410 Gone
    entries: dict[str, Entry]  # by the src_uri of the page each one gets
    listings: tuple[Listing, ...]
    listing_pages: dict[str, ListingPage]  # by src_uri
    hidden: dict[str, str]  # editors' files of entries not published, attachments too -> why, for links
    hidden_index: dict[str, str]  # the same by 索引号
    sources: tuple[str, ...]  # every file in content/ (src_uri)
    indexed: frozenset[str]  # the content types that have an index of their own (their entries' column), by key

    @classmethod
    def of(cls, schema: Schema, loaded: Content) -> Model:
        result = loaded.result
        published, items = result.published, tuple(powerlist.items(loaded))
        on_request = result.on_request if schema.gate.list_on_request else None
        listings = directory.listings(published, on_request) + directory.type_listings(published)
        if schema.power_list and items:
            listings += directory.power_listings(schema.power_list, list(items))
        pages = {page.src_uri: page for listing in listings for page in directory.pages(listing, schema.page_size)}
        withdrawn = tuple(e for e in loaded.catalogue.entries if e.values.get(gate.WITHDRAWN_KEY) and e.disclosure in gate.PUBLIC)
        indexed = frozenset(x.key for x in listings if x.kind is directory.Kind.TYPE)
        hidden = [(e, _why_hidden(e)) for e in loaded.catalogue.entries if published.get(e.index_no) is None]
        files = {a.src_uri: f"是未公开的「{e.title}」的附件，没有公开" for e, _ in hidden for a in e.attachments}
        return cls(schema, published, result.on_request, items, withdrawn, {e.page_uri: e for e in published.entries},
                   tuple(listings), pages, files | {e.src_uri: why for e, why in hidden},
                   {e.index_no: why for e, why in hidden}, loaded.sources, indexed)

    def generated(self, src_uri: str) -> bool:
        """Whether the page is one the model makes (an entry's or a listing's), not an editor's file."""
        return src_uri in self.entries or src_uri in self.listing_pages

    def page_date(self, src_uri: str, meta: Mapping[str, Any]) -> dt.date:
        """A page's date from content: the entry's, the newest listed, the page's own `date:`, else the
        newest entry's (for the sitemap's lastmod and the .gz files: never the clock)."""
        if src_uri in self.entries:
            return self.entries[src_uri].date
        listed = self.listing_pages[src_uri].listing.entries if src_uri in self.listing_pages else ()
        dates = [getattr(x, "date", None) for x in listed[:1]]
        try:
            own = dt.date.fromisoformat(str(meta.get("date", "")))
        except ValueError:
            own = None
        newest = self.catalogue.entries[0].date if self.catalogue.entries else EPOCH
        return next((d for d in [*dates, own] if isinstance(d, dt.date)), newest)

    def redirects(self, directory_urls: bool) -> dict[str, str]:
        """Each former address of a published entry (fields of type `paths`) and the entry's address now."""
        return {old: e.url(directory_urls) for e in self.catalogue.entries for f in e.ctype.fields if f.type == "paths"
                for old in e.values.get(f.key, ())}

    def gone(self, directory_urls: bool) -> list[str]:
        """The addresses of withdrawn entries (never of withheld ones, which were never public)."""
        return [e.url(directory_urls) for e in self.withdrawn]


def _why_hidden(entry: Entry) -> str:
    """Why an entry is not published, as a clause after its path or 索引号."""
    if entry.disclosure in gate.PUBLIC:
        return f"是已撤回的「{entry.title}」，不再公开"
    return f"是公开属性为「{entry.disclosure}」的「{entry.title}」，没有公开"
