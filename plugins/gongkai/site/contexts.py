"""What each page's templates are handed, beyond the theme's own context: the head's meta tags, feed
links and JSON-LD (partials/gk-head.html) on every page; an entry's metadata table, status banner,
sections, related entries, QR code and report tables; a listing page's rows, charts and links; the
search page's facets; the home page's portal. Plain values; links are given as content paths,
which the glue's `href` resolves for the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.core.catalogue import Entry
from gongkai.core.htmlsafety import vouched
from gongkai.core.siteinfo import Publication
from gongkai.search import records
from gongkai.site import directory, home, pagemeta, views
from gongkai.site.directory import ListingPage
from gongkai.site.model import Model
from gongkai.types import reports

Context = dict[str, Any]


def head(model: Model, site: Publication, src_uri: str, url: str, title: str | None, home_page: bool,
         relative: Callable[[str], str]) -> Context:
    """What partials/gk-head.html prints: meta tags, links to feeds, JSON-LD on entry pages. `title` is
    None on the home page; `relative` makes a path in the site relative to the page."""
    entry, listed = model.entries.get(src_uri), model.listing_pages.get(src_uri)
    listing = listed.listing if listed else None
    return {
        "gk_meta": pagemeta.tags(site, url, pagemeta.column(model.schema, entry, listing, title), entry),
        "gk_json_ld": pagemeta.json_ld(entry, model.catalogue, url) if entry else "",
        "gk_feeds": [(directory.feed_title(x, site), relative(str(directory.feed_path(x))))
                     for x in directory.linked_feeds(model.listings, listing, home_page)],
    }


def entry(model: Model, item: Entry, content: str, qr: str) -> Context:
    """An entry's page: `content` is its checked HTML, `qr` the SVG of its address."""
    catalogue = model.catalogue
    out = {"entry": item, "rows": views.metadata_rows(item, catalogue), "banner": views.banner(item, catalogue),
           "predecessors": views.predecessors(item, catalogue), "blocks": views.blocks(item),
           "related": views.related(item, catalogue), "qr": vouched(qr) if qr else ""}
    report = reports.of(item)
    if report:
        out["report_tables"] = [(t, views.csv_uri(item, t)) for t in reports.tables(report)]
        out["content_parts"] = views.split_before_section(vouched(content), "五")
    return out


def listing(model: Model, page: ListingPage, power_csv: str | None) -> Context:
    spec = model.schema.power_list
    out: Context = {"listing_page": page, "charts": views.report_charts(page.listing, model.catalogue),
                    "application_guide": model.schema.gate.application_guide}
    if spec:
        out.update(power_fields=spec.fields, power_csv=power_csv)
    return out


def search_page(model: Model) -> Context:
    power = [model.schema.power_list.label] if model.schema.power_list and model.power_items else []
    return {"facets": records.facets(model.schema, model.catalogue, [*power, records.PAGE_KIND])}


def portal(model: Model, tiles: tuple[home.Tile, ...]) -> Context:
    return {"portal": home.portal(tiles, model.catalogue, list(model.listings))}

