"""Atom feeds (RFC 4287): the newest public items of the whole catalogue and of each category.

A feed mirrors a directory listing of the gated catalogue — `feeds/all.xml` the whole directory
(mulu/), `feeds/fenlei/<code>.xml` a category (mulu/fenlei/<code>/), children included — newest
first, at most `site.feed_size` entries. Every date is the content's own: an entry's `published`
and `updated` are its 发布日期 (midnight, China Standard Time), the feed's `updated` is its newest
entry's; an empty feed takes the newest date of the whole catalogue. Nothing comes from the clock,
so two builds of the same content give the same bytes.

Opened in a browser, a feed reads as a Chinese page: a CSS stylesheet (not XSLT, which browsers are
removing and Chromium already flags with a banner) shows the feed's title, an XHTML subtitle that
says what the page is, and each entry's XHTML content: its title as a link, its date, publisher,
文号 and 有效性 label, and its 内容概述. Feed readers read the same XHTML as the entry's content;
the 有效性 is also a category of its own scheme.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import xml.etree.ElementTree as ET

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.siteinfo import Publication
from gongkai.site import views
from gongkai.site.directory import Listing, feed_path, feed_title
from gongkai.site.model import EPOCH
from gongkai.site.pagemeta import SUMMARY

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
TIMEZONE = "+08:00"  # the catalogue's dates are dates in China
STYLESHEET = "assets/stylesheets/gk-feed.css"  # in the site; the theme's own (overrides/)
VALIDITY_SCHEME = "catalogue.json#validity"  # the 有效性 categories: the export's field of that name
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
    _about(feed, listing, site)
    _text(feed, "updated", _timestamp(entries[0].date if entries else newest))
    _link(feed, "self", site.at(where), "application/atom+xml")
    _link(feed, "alternate", site.url(listing.src_uri), "text/html")
    _text(ET.SubElement(feed, "author"), "name", site.author)
    for entry in entries:
        _entry(feed, entry, catalogue, site)
    ET.indent(feed)
    stylesheet = posixpath.relpath(STYLESHEET, posixpath.dirname(where))
    return (b"<?xml version='1.0' encoding='utf-8'?>\n"
            + f'<?xml-stylesheet type="text/css" href="{stylesheet}"?>\n'.encode()
            + ET.tostring(feed, encoding="utf-8") + b"\n")


def _about(feed: ET.Element, listing: Listing, site: Publication) -> None:
    """What the page is, for a reader who opened it in a browser."""
    div = _xhtml(feed, "subtitle")
    p = ET.SubElement(div, "p")
    p.text = "这是「"
    home = ET.SubElement(p, "a", {"href": site.base_url})
    home.text = site.name
    home.tail = f"」的订阅源（Atom 格式），列出最新公开的 {site.info.feed_size} 条以内信息。把本页网址复制到订阅工具中，有新信息时即可收到；点击标题可阅读全文。"
    back = ET.SubElement(ET.SubElement(div, "p"), "a", {"href": site.url(listing.src_uri)})
    back.text = f"返回{listing.title}"


def _entry(feed: ET.Element, entry: Entry, catalogue: Catalogue, site: Publication) -> None:
    element = ET.SubElement(feed, "entry")
    url = site.url(entry.page_uri)
    _text(element, "id", url)  # entry URLs derive from the permanent 索引号, so they never change
    _text(element, "title", entry.title)
    _link(element, "alternate", url, "text/html")
    _text(element, "published", _timestamp(entry.date))
    _text(element, "updated", _timestamp(entry.date))
    _text(ET.SubElement(element, "author"), "name", entry.publisher)
    ET.SubElement(element, "category", {"term": entry.category, "label": catalogue.schema.categories[entry.category].name})
    if entry.validity:
        ET.SubElement(element, "category", {"scheme": site.at(VALIDITY_SCHEME), "term": entry.validity,
                                            "label": entry.validity})
    if entry.values.get(SUMMARY):
        _text(element, "summary", str(entry.values[SUMMARY]))
    _content(element, entry, url)


def _content(element: ET.Element, entry: Entry, url: str) -> None:
    """The entry as the browser shows it, and feed readers too: title, facts, 有效性 label, 内容概述."""
    div = _xhtml(element, "content")
    title = ET.SubElement(div, "p", {"class": "gk-feed-title"})
    ET.SubElement(title, "a", {"href": url}).text = entry.title
    status = views.status(entry)
    if status:
        label = ET.SubElement(title, "span", {"class": f"gk-status gk-status--{status.modifier}"})
        label.text = status.label
        label.tail = ""
        title[0].tail = " "
    number = entry.values.get(views.DOC_NO)
    facts = [f"发布日期：{entry.date.isoformat()}", f"发布机构：{entry.publisher}", *([f"文号：{number}"] if number else [])]
    ET.SubElement(div, "p", {"class": "gk-feed-facts"}).text = " · ".join(facts)
    if entry.values.get(SUMMARY):
        ET.SubElement(div, "p").text = str(entry.values[SUMMARY])


def _xhtml(parent: ET.Element, tag: str) -> ET.Element:
    """An Atom text construct of type xhtml, holding one XHTML div."""
    holder = ET.SubElement(parent, tag, {"type": "xhtml"})
    return ET.SubElement(holder, "div", {"xmlns": XHTML})


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = text


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": kind, "href": href})


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00{TIMEZONE}"
