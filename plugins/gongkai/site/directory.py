"""The disclosure directory (政府信息公开目录): listing pages for the whole catalogue, each category,
each year and each publisher, newest first and paginated; an overview page for each way of browsing
it (every category, every year, every publisher, with their counts); and beside each list the tree
of the lists it belongs with, as portals show it.

Pages are described here as plain data; the plugin turns each into a generated MkDocs page.
Every page holds at most `page_size` rows and a pagination window of fixed width, so a
directory page weighs the same whatever the size of the catalogue.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.content import FEEDS
from gongkai.core.schema import PowerListSpec
from gongkai.core.siteinfo import Publication
from gongkai.types.powerlist import PowerItem

ROOT = "mulu"
DIRECTORY_TITLE = "政府信息公开目录"
CATEGORIES, YEARS, PUBLISHERS = "fenlei", "nian", "jigou"  # folders of the directory, inside ROOT
BY_CATEGORY, BY_YEAR, BY_PUBLISHER = "按主题分类", "按年份", "按发布机构"
PAGINATION_WINDOW = 2  # page links shown on each side of the current page
POWER_PAGE_SIZE = 50  # rows of a power list's page (the catalogue's: catalogue.yml → site.page_size)


class Kind(str, Enum):
    """What a listing lists; templates compare it with its value."""

    ALL = "all"  # the whole catalogue
    CATEGORY = "category"
    YEAR = "year"
    PUBLISHER = "publisher"
    TYPE = "type"  # the index of a content type with `settings.index` or `settings.browse`
    FACET = "facet"  # a value of a content type's browse field
    ON_REQUEST = "on_request"  # 依申请公开 entries, metadata only
    POWER = "power"  # the power list, or one of its views
    SECTION = "section"  # an overview of one way to browse the directory: every category, year or publisher

    def __str__(self) -> str:
        return self.value

    @property
    def template(self) -> str:
        return {Kind.POWER: "power.html", Kind.SECTION: "overview.html"}.get(self, "directory.html")


@dataclass(frozen=True)
class Link:
    label: str
    src_uri: str
    count: int
    children: tuple[Link, ...] = ()  # a category's sub-categories


@dataclass(frozen=True)
class Facet:
    heading: str
    links: tuple[Link, ...]
    src_uri: str = ""  # the overview page of the whole group, where there is one


@dataclass(frozen=True)
class Tree:
    """What a list shows beside it: the lists it belongs with (the whole directory, a content type's
    index, the power list) by each way of browsing them. Made of the listings' labels and addresses
    only, which a preview's edit never changes without a full build (preview.pages_to_render)."""

    title: str
    links: tuple[Link, ...]  # the whole list first
    groups: tuple[Facet, ...]


@dataclass(frozen=True)
class Listing:
    """One browsable list of entries: the whole catalogue, a category, a year, a publisher…"""

    kind: Kind
    key: str
    label: str  # short name for facets and navigation
    title: str
    base: str  # folder of its pages, inside content/
    entries: tuple[Any, ...]  # catalogue entries; for the power list, its items
    facets: tuple[Facet, ...] = ()
    tree: Tree | None = None

    @property
    def src_uri(self) -> str:
        return f"{self.base}/index.md"

    def page_uri(self, number: int) -> str:
        return self.src_uri if number == 1 else f"{self.base}/page/{number}/index.md"


@dataclass(frozen=True)
class ListingPage:
    listing: Listing
    number: int
    pages: int
    entries: tuple[Any, ...]

    @property
    def src_uri(self) -> str:
        return self.listing.page_uri(self.number)

    @property
    def title(self) -> str:
        suffix = f"（第 {self.number} 页）" if self.number > 1 else ""
        return f"{self.listing.title}{suffix}"

    @property
    def window(self) -> list[int]:
        """Page numbers to link: first, last, and a fixed window around the current page."""
        near = range(max(1, self.number - PAGINATION_WINDOW), min(self.pages, self.number + PAGINATION_WINDOW) + 1)
        return sorted({1, self.pages, *near})

    def uri_of(self, number: int) -> str:
        return self.listing.page_uri(number)


def listings(catalogue: Catalogue, on_request: tuple[Entry, ...] | None = None) -> list[Listing]:
    """Every listing of the directory, the whole catalogue first, then its overviews (by category, year
    and publisher), each category, year and publisher, and (when given) the 依申请公开 list."""
    categories = [_category(catalogue, code) for code in catalogue.schema.categories]
    by_year: dict[int, list[Entry]] = {}
    by_publisher: dict[str, list[Entry]] = {}
    for e in catalogue.entries:  # newest first, as each listing is
        by_year.setdefault(e.date.year, []).append(e)
        by_publisher.setdefault(e.publisher, []).append(e)
    years = [_year(y, by_year[y]) for y in sorted(by_year, reverse=True)]
    publishers = [_publisher(catalogue, name, by_publisher.get(name, [])) for name in catalogue.schema.publishers]
    groups = (
        Facet(BY_CATEGORY, _category_tree(catalogue, {c.key: c for c in categories}), f"{ROOT}/{CATEGORIES}/index.md"),
        Facet(BY_YEAR, tuple(_link(y) for y in years), f"{ROOT}/{YEARS}/index.md"),
        Facet(BY_PUBLISHER, tuple(_link(p) for p in publishers), f"{ROOT}/{PUBLISHERS}/index.md"),
    )
    everything = tuple(catalogue.entries)
    whole = Listing(Kind.ALL, "", "全部信息", DIRECTORY_TITLE, ROOT, everything)
    request = [on_request_listing(on_request)] if on_request is not None else []
    sections = [Listing(Kind.SECTION, folder, group.heading, group.heading, f"{ROOT}/{folder}", everything, (group,))
                for folder, group in zip((CATEGORIES, YEARS, PUBLISHERS), groups, strict=True)]
    tree = Tree(DIRECTORY_TITLE, (_link(whole), *(_link(x) for x in request)), groups)
    return [dataclasses.replace(x, tree=tree) for x in (whole, *sections, *categories, *years, *publishers, *request)]


def _link(listing: Listing) -> Link:
    return Link(listing.label, listing.src_uri, len(listing.entries))


def _category_tree(catalogue: Catalogue, listed: dict[str, Listing]) -> tuple[Link, ...]:
    """The top-level categories, each with its sub-categories, in catalogue.yml order."""
    schema = catalogue.schema
    return tuple(dataclasses.replace(_link(listed[code]), children=tuple(_link(listed[c]) for c in category.children))
                 for code, category in schema.categories.items() if not category.parent)


def type_listings(catalogue: Catalogue) -> list[Listing]:
    """For content types with `settings.index` or `settings.browse`: an index of the type, and a listing
    per value of each browse field (办事指南 by topic and by audience, for instance)."""
    out: list[Listing] = []
    for ctype in catalogue.schema.types.values():
        browse = ctype.settings.get("browse") or []
        if not browse and not ctype.settings.get("index"):
            continue
        entries = tuple(e for e in catalogue.entries if e.ctype is ctype)
        if not entries:
            continue  # an empty column counts against a government site: publish none
        facets, children = [], []
        for key in browse:
            field = ctype.field(key)
            values = catalogue.schema.vocabularies[field.vocabulary or ""]
            listed = [Listing(Kind.FACET, f"{ctype.key}/{key}/{v}", v, f"{ctype.label}：{v}", f"{ctype.folder}/{key}/{v}",
                              tuple(e for e in entries if _has(e.values.get(key), v))) for v in values]
            listed = [x for x in listed if x.entries]  # an empty column counts against a government site
            facets.append(Facet(f"按{field.label}", tuple(_link(x) for x in listed)))
            children += listed
        index = Listing(Kind.TYPE, ctype.key, ctype.label, ctype.label, ctype.folder, entries, tuple(facets))
        tree = Tree(ctype.label, (Link(f"全部{ctype.label}", index.src_uri, len(entries)),), index.facets)
        out += [dataclasses.replace(x, tree=tree) for x in (index, *children)]
    return out


def _has(value: object, wanted: str) -> bool:
    return value == wanted or (isinstance(value, tuple) and wanted in value)


def on_request_listing(entries: tuple[Entry, ...]) -> Listing:
    """依申请公开 entries, listed by metadata only: their pages do not exist."""
    return Listing(Kind.ON_REQUEST, "", "依申请公开信息", "依申请公开的政府信息目录", f"{ROOT}/yishenqing", entries)


def pages(listing: Listing, page_size: int) -> list[ListingPage]:
    """The listing's pages, `page_size` rows each (a power list's, POWER_PAGE_SIZE)."""
    if listing.kind is Kind.SECTION:  # its groups, not its entries
        return [ListingPage(listing, 1, 1, ())]
    page_size = POWER_PAGE_SIZE if listing.kind is Kind.POWER else page_size
    count = max(1, -(-len(listing.entries) // page_size))
    return [ListingPage(listing, n, count, listing.entries[(n - 1) * page_size:n * page_size])
            for n in range(1, count + 1)]


def _category(catalogue: Catalogue, code: str) -> Listing:
    category = catalogue.schema.categories[code]
    children = tuple(Link(catalogue.schema.categories[c].name, f"{ROOT}/{CATEGORIES}/{c}/index.md",
                          len(catalogue.in_category(c))) for c in category.children)
    facets = (Facet("下设分类", children),) if children else ()
    return Listing(Kind.CATEGORY, code, category.name, f"主题分类：{category.name}", f"{ROOT}/{CATEGORIES}/{code}",
                   tuple(catalogue.in_category(code)), facets)


def _year(year: int, entries: list[Entry]) -> Listing:
    return Listing(Kind.YEAR, str(year), f"{year} 年", f"{year} 年发布的信息", f"{ROOT}/{YEARS}/{year}", tuple(entries))


def _publisher(catalogue: Catalogue, name: str, entries: list[Entry]) -> Listing:
    code = catalogue.schema.publishers[name].code
    return Listing(Kind.PUBLISHER, name, name, f"发布机构：{name}", f"{ROOT}/{PUBLISHERS}/{code}", tuple(entries))


def power_listings(spec: PowerListSpec, items: list[PowerItem]) -> list[Listing]:
    """The power list: the whole list, then one listing per type and per 责任主体 that has items."""
    out = []
    for key, heading in ((spec.type_key, "按类型"), (spec.subject_key, "按责任主体")):
        values = list(dict.fromkeys(str(i.values.get(key, "")) for i in items if i.values.get(key)))
        slugs = _slugs(values)
        out.append((heading, [Listing(Kind.POWER, f"{key}/{v}", v, f"{spec.label}：{v}", f"{spec.folder}/{key}/{slugs[v]}",
                                      tuple(i for i in items if i.values.get(key) == v)) for v in values]))
    facets = tuple(Facet(heading, tuple(_link(x) for x in group)) for heading, group in out)
    whole = Listing(Kind.POWER, "", spec.label, spec.label, spec.folder, tuple(items), facets)
    tree = Tree(spec.label, (Link("全部事项", whole.src_uri, len(items)),), facets)
    return [dataclasses.replace(x, tree=tree) for x in (whole, *(x for _, group in out for x in group))]


def _slugs(values: list[str]) -> dict[str, str]:
    """URL segments for free-text values (a 责任主体 is typed by editors): letters, digits and CJK only,
    numbered where that leaves nothing or twice the same."""
    out: dict[str, str] = {}
    for n, value in enumerate(values, 1):
        slug = re.sub(r"[^\w-]", "", value).strip("_-") or f"x{n}"
        out[value] = slug if slug not in out.values() else f"{slug}-{n}"
    return out


# The listings' Atom feeds (outputs/feeds.py writes them).

def feed_path(listing: Listing) -> str | None:
    """Where a listing's feed is written inside site/; None for listings that have no feed."""
    if listing.kind is Kind.ALL:
        return f"{FEEDS}/all.xml"
    if listing.kind is Kind.CATEGORY:
        return f"{FEEDS}/fenlei/{listing.key}.xml"
    return None


def linked_feeds(listings: Iterable[Listing], listing: Listing | None, home: bool) -> list[Listing]:
    """The feeds a page links in its head: on the home page and every directory page, the whole
    catalogue's; on a category's pages, that category's first."""
    if listing is None and not home:
        return []
    own = [listing] if listing and listing.kind is not Kind.ALL and feed_path(listing) else []
    return own + [x for x in listings if x.kind is Kind.ALL]


def feed_title(listing: Listing, site: Publication) -> str:
    return f"{'最新公开信息' if listing.kind is Kind.ALL else listing.title} - {site.name}"
