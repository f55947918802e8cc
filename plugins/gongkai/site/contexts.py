"""What each page's templates are handed, beyond the theme's own context: the head's meta tags, feed
links and JSON-LD (partials/gk-head.html) on every page; an entry's metadata table, status banner,
sections, related entries, attachments, QR code, report tables and breadcrumb; a listing page's
rows, charts, links and breadcrumb; the search page's facets; the home page's portal; the 网站地图
and 联系我们 pages. Plain values; links are given as content paths, which the glue's `href` resolves
for the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongkai.core import gate
from gongkai.core.catalogue import Entry
from gongkai.core.htmlsafety import vouched
from gongkai.core.siteinfo import Publication
from gongkai.search import records
from gongkai.site import directory, home, navigation, pagemeta, views
from gongkai.site.directory import Kind, ListingPage
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


def entry(model: Model, item: Entry, content: str, qr: str, sizes: views.Sizes) -> Context:
    """An entry's page: `content` is its checked HTML, `qr` the SVG of its address; `sizes` gives its
    attachments' sizes."""
    catalogue = model.catalogue
    indexed = item.ctype.key in model.indexed
    out = {"entry": item, "rows": views.metadata_rows(item, catalogue), "banner": views.banner(item, catalogue),
           "predecessors": views.predecessors(item, catalogue), "blocks": views.blocks(item, sizes),
           "related": views.related(item, catalogue), "attachments": views.attachments(item, sizes),
           "qr": vouched(qr) if qr else "", "gk_crumbs": navigation.entry_crumbs(item, model.schema, indexed),
           "redaction_marker": model.schema.gate.redaction_marker if item.disclosure == gate.REDACTED else ""}
    report = reports.of(item)
    if report:
        out["report_tables"] = [(t, views.csv_uri(item, t)) for t in reports.tables(report)]
        out["content_parts"] = views.split_before_section(vouched(content), "五")
    return out


def listing(model: Model, page: ListingPage, power_csv: str | None) -> Context:
    spec = model.schema.power_list
    out: Context = {"listing_page": page, "charts": views.report_charts(page.listing, model.catalogue),
                    "application_guide": model.schema.gate.application_guide,
                    "gk_crumbs": navigation.listing_crumbs(page, model.schema)}
    if spec:
        grouped = [f for key in (spec.type_key, spec.subject_key) for f in spec.fields if f.key == key]
        summary = (*[f for f in spec.fields if f not in grouped][:1], *grouped)  # 事项名称, 类型, 责任主体
        out.update(power_fields=spec.fields, power_csv=power_csv, power_summary=summary,
                   power_details=tuple(f for f in spec.fields if f not in summary))
    return out


def search_page(model: Model) -> Context:
    power = [model.schema.power_list.label] if model.schema.power_list and model.power_items else []
    return {"facets": records.facets(model.schema, model.catalogue, [*power, records.PAGE_KIND])}


def portal(model: Model, tiles: tuple[home.Tile, ...]) -> Context:
    return {"portal": home.portal(tiles, model.catalogue, list(model.listings))}


def site_map(model: Model) -> Context:
    """The 网站地图 page: beside the navigation (the template walks it), the ways to browse each list
    that the navigation does not hold (a content type's topics, the power list's views), by the
    src_uri of the list's first page."""
    return {"gk_more": {x.src_uri: x.facets for x in model.listings
                        if x.kind is Kind.TYPE or (x.kind is Kind.POWER and not x.key)}}


def contact(model: Model) -> Context:
    """The 联系我们 page, from catalogue.yml's `site:`."""
    return {"gk_contact": model.schema.site.contact()}
