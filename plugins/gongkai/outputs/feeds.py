"""Atom feeds (RFC 4287): the newest public items of the whole catalogue and of each category.

A feed mirrors a directory listing of the gated catalogue — `feeds/all.xml` the whole directory
(mulu/), `feeds/fenlei/<code>.xml` a category (mulu/fenlei/<code>/), children included — newest
first, at most `site.feed_size` entries. Every date is the content's own: an entry's `published`
and `updated` are its 发布日期 (midnight, China Standard Time), the feed's `updated` is its newest
entry's; an empty feed takes the newest date of the whole catalogue. Nothing comes from the clock,
so two builds of the same content give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.siteinfo import Publication
from gongkai.site.directory import Listing, feed_path, feed_title
from gongkai.site.model import EPOCH
from gongkai.site.pagemeta import SUMMARY

ATOM = "http://www.w3.org/2005/Atom"
TIMEZONE = "+08:00"  # the catalogue's dates are dates in China
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def render(listing: Listing, catalogue: Catalogue, site: Publication) -> bytes:
    """The feed of a listing that has one (see `path`)."""
    where = feed_path(listing)
    assert where is not None, listing.kind
    entries: list[Entry] = list(listing.entries[:site.info.feed_size])
    newest = catalogue.entries[0].date if catalogue.entries else EPOCH
    feed = ET.Element("feed", {"xmlns": ATOM, _LANG: "zh-CN"})  # the default namespace, declared as written
    _text(feed, "id", site.at(where))
    _text(feed, "title", feed_title(listing, site))
    _text(feed, "updated", _timestamp(entries[0].date if entries else newest))
    _link(feed, "self", site.at(where), "application/atom+xml")
    _link(feed, "alternate", site.url(listing.src_uri), "text/html")
    _text(ET.SubElement(feed, "author"), "name", site.author)
    for entry in entries:
        _entry(feed, entry, catalogue.schema.categories[entry.category].name, site)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, entry: Entry, category: str, site: Publication) -> None:
    element = ET.SubElement(feed, "entry")
    url = site.url(entry.page_uri)
    _text(element, "id", url)  # entry URLs derive from the permanent 索引号, so they never change
    _text(element, "title", entry.title)
    _link(element, "alternate", url, "text/html")
    _text(element, "published", _timestamp(entry.date))
    _text(element, "updated", _timestamp(entry.date))
    _text(ET.SubElement(element, "author"), "name", entry.publisher)
    ET.SubElement(element, "category", {"term": entry.category, "label": category})
    if entry.values.get(SUMMARY):
        _text(element, "summary", str(entry.values[SUMMARY]))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00{TIMEZONE}"
