"""The site's navigation as plain data.

The directory's part of the navigation: the whole catalogue, the overviews by category, year and
publisher (each opening its group, which lists every child), the categories (parents as sections
holding their children), the years, the publishers, the 依申请公开 list, then the index of each
content type that has one and the power list. The glue turns it into MkDocs' sections and places it
(mkdocs/nav.py).

And the 当前位置 (breadcrumb) of the pages the plugin makes: a listing's place in the directory, an
entry's column (its category, or its content type's index); plain pages take theirs from MkDocs'
navigation in the glue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.core.catalogue import Entry
from gongkai.core.schema import Schema
from gongkai.site.directory import (
    BY_PUBLISHER,
    BY_YEAR,
    CATEGORIES,
    DIRECTORY_TITLE,
    PUBLISHERS,
    ROOT,
    YEARS,
    Kind,
    Listing,
    ListingPage,
)

TITLE = DIRECTORY_TITLE
HOME_TITLE = "首页"
HOME = "index.md"
ARTICLE = "正文"  # an entry's own place, after its column


@dataclass(frozen=True)
class Node:
    """An item of the navigation: a page (by its src_uri) or a section holding items."""

    title: str
    src_uri: str | None = None
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Crumb:
    """A step of the breadcrumb: a page (by its src_uri), or the page itself (None)."""

    label: str
    src_uri: str | None = None


def directory(listings: Sequence[Listing], schema: Schema) -> list[Node]:
    """The directory's section, then the content types' indexes and the power list."""
    by_kind: dict[Kind, dict[str, Listing]] = {}
    for listing in listings:
        by_kind.setdefault(listing.kind, {})[listing.key] = listing
    categories: list[Node] = []
    for code, category in schema.categories.items():
        if category.parent:
            continue
        top = _page(by_kind[Kind.CATEGORY][code])
        children = tuple(_page(by_kind[Kind.CATEGORY][c]) for c in category.children)
        categories.append(Node(category.name, children=(top, *children)) if children else top)
    sections = by_kind[Kind.SECTION]
    section = Node(TITLE, children=(
        _page(by_kind[Kind.ALL][""]),
        _group(sections[CATEGORIES], categories),
        _group(sections[YEARS], [_page(x) for x in by_kind.get(Kind.YEAR, {}).values()]),
        _group(sections[PUBLISHERS], [_page(x) for x in by_kind[Kind.PUBLISHER].values()]),
        *(_page(x) for x in by_kind.get(Kind.ON_REQUEST, {}).values()),
    ))
    indexes = [_page(x) for x in listings if x.kind is Kind.TYPE or (x.kind is Kind.POWER and not x.key)]
    return [section, *indexes]


def _page(listing: Listing) -> Node:
    return Node(listing.label, listing.src_uri)


def _group(overview: Listing, children: list[Node]) -> Node:
    """A section whose link opens its overview page (navigation.indexes: its first page, an index.md)."""
    return Node(overview.label, children=(_page(overview), *children))


def listing_crumbs(page: ListingPage, schema: Schema) -> tuple[Crumb, ...]:
    """首页 › the lists above the listing › the listing (› 第 N 页)."""
    listing = page.listing
    label = TITLE if listing.kind is Kind.ALL else listing.label
    if page.number == 1:
        return (Crumb(HOME_TITLE, HOME), *_above(listing, schema), Crumb(label))
    return (Crumb(HOME_TITLE, HOME), *_above(listing, schema), Crumb(label, listing.src_uri), Crumb(f"第 {page.number} 页"))


def _above(listing: Listing, schema: Schema) -> tuple[Crumb, ...]:
    directory = Crumb(TITLE, f"{ROOT}/index.md")
    kind = listing.kind
    if kind is Kind.CATEGORY:
        return (directory, *_categories(schema, listing.key)[:-1])
    if kind in (Kind.YEAR, Kind.PUBLISHER):
        folder, label = (YEARS, BY_YEAR) if kind is Kind.YEAR else (PUBLISHERS, BY_PUBLISHER)
        return directory, Crumb(label, f"{ROOT}/{folder}/index.md")
    if kind in (Kind.SECTION, Kind.ON_REQUEST):
        return (directory,)
    if kind is Kind.FACET:
        ctype = schema.types[listing.key.split("/")[0]]
        return (Crumb(ctype.label, f"{ctype.folder}/index.md"),)
    if kind is Kind.POWER and listing.key and schema.power_list:
        return (Crumb(schema.power_list.label, f"{schema.power_list.folder}/index.md"),)
    return ()


def _categories(schema: Schema, code: str) -> tuple[Crumb, ...]:
    return tuple(Crumb(c.name, f"{ROOT}/{CATEGORIES}/{c.code}/index.md") for c in schema.category_path(code))


def entry_crumbs(entry: Entry, schema: Schema, indexed: bool) -> tuple[Crumb, ...]:
    """首页 › the entry's column › 正文: its content type's index where it has one (`indexed`), else the
    directory and its category."""
    if indexed:
        column: tuple[Crumb, ...] = (Crumb(entry.ctype.label, f"{entry.ctype.folder}/index.md"),)
    else:
        column = (Crumb(TITLE, f"{ROOT}/index.md"), *_categories(schema, entry.category))
    return (Crumb(HOME_TITLE, HOME), *column, Crumb(ARTICLE))
