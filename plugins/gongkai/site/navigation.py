"""The directory's part of the site's navigation, as a plain tree: the whole catalogue, the categories
(parents as sections holding their children), the years, the publishers, the 依申请公开 list, then
the index of each content type that has one and the power list. The glue turns it into MkDocs'
sections and places it (mkdocs/nav.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.core.schema import Schema
from gongkai.site.directory import Kind, Listing

TITLE = "政府信息公开目录"


@dataclass(frozen=True)
class Node:
    """An item of the navigation: a page (by its src_uri) or a section holding items."""

    title: str
    src_uri: str | None = None
    children: tuple[Node, ...] = ()


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
    section = Node(TITLE, children=(
        _page(by_kind[Kind.ALL][""]),
        Node("按主题分类", children=tuple(categories)),
        Node("按年份", children=tuple(_page(x) for x in by_kind.get(Kind.YEAR, {}).values())),
        Node("按发布机构", children=tuple(_page(x) for x in by_kind[Kind.PUBLISHER].values())),
        *(_page(x) for x in by_kind.get(Kind.ON_REQUEST, {}).values()),
    ))
    indexes = [_page(x) for x in listings if x.kind is Kind.TYPE or (x.kind is Kind.POWER and not x.key)]
    return [section, *indexes]


def _page(listing: Listing) -> Node:
    return Node(listing.label, listing.src_uri)
