"""What a page's head says about it: the government meta tags and, on entry pages, schema.org JSON-LD.

Government sites carry SiteName, SiteDomain and SiteIDCode on every page, ColumnName and
ColumnType on column and article pages, and ArticleTitle, PubDate, ContentSource, Keywords,
Description on articles, with the page's Url (国办发〔2017〕47号 practice). Everything comes from
the gated catalogue and catalogue.yml; PubDate is the entry's own 发布日期 (dates have no time
of day in the catalogue, and none is invented).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.htmlsafety import vouched
from gongkai.core.schema import COLUMN_TYPES, Schema
from gongkai.core.siteinfo import Publication
from gongkai.core.validate import WRITTEN
from gongkai.site.directory import Kind, Listing

# Fields with a meaning beyond their label, where a content type has them (the keys of the example
# catalogue.yml); a content type without them simply gives less.
SUMMARY, KEYWORDS, SOURCE, VALIDITY = "summary", "keywords", "source", "validity"
IDENTIFIERS = ("index_no", "doc_no", "item_code")  # 索引号, 文号, 事项编码
SERVICE = "办事服务"  # a content type of this ColumnType is a GovernmentService
ITEM_TYPE, AUDIENCE, PLACE, PHONE, ONLINE = "item_type", "audience", "place", "phone", "online"  # of a service guide
_SCRIPT_UNSAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))

Tags = list[tuple[str, str]]


@dataclass(frozen=True)
class Column:
    name: str
    type: str


def tags(site: Publication, url: str, column: Column | None = None, entry: Entry | None = None) -> Tags:
    """The meta tags in the usual order; empty values are left out."""
    found = [("SiteName", site.name), ("SiteDomain", site.domain), ("SiteIDCode", site.info.id_code)]
    if column:
        found += [("ColumnName", column.name), ("ColumnType", column.type)]
    if entry:
        found += [("ArticleTitle", entry.title), ("PubDate", entry.date.isoformat()), ("ContentSource", source(entry)),
                  ("Keywords", ",".join(map(str, _list(entry.values.get(KEYWORDS))))), ("Description", description(entry))]
    return [(name, value) for name, value in [*found, ("Url", url)] if value]


def source(entry: Entry) -> str:
    """ContentSource: the entry's 信息来源 where it has one, else its publisher."""
    return str(entry.values.get(SOURCE) or entry.publisher)


def description(entry: Entry) -> str:
    return str(entry.values.get(SUMMARY) or entry.title)


def column(schema: Schema, entry: Entry | None, listing: Listing | None, title: str | None) -> Column | None:
    """The column a page belongs to. An entry sits in its category's, and its content type says what
    kind of column that is; a listing is a column; so is any other page (a guide to the catalogue, the
    application guide) but the home page, whose `title` is None."""
    if entry:
        return Column(schema.categories[entry.category].name, entry.ctype.column_type)
    if listing:
        ctype = schema.types.get(listing.key.split("/")[0]) if listing.kind in (Kind.TYPE, Kind.FACET) else None
        name = listing.label if listing.kind in (Kind.CATEGORY, Kind.TYPE) else listing.title
        return Column(name, ctype.column_type if ctype else COLUMN_TYPES[0])
    return Column(title, COLUMN_TYPES[0]) if title is not None else None


def json_ld(entry: Entry, catalogue: Catalogue, url: str) -> Markup:
    """schema.org data for an entry page, safe to place inside <script type="application/ld+json">."""
    data = _service(entry) if entry.ctype.column_type == SERVICE else _document(entry, catalogue)
    return vouched(script_json(_filled({"@context": "https://schema.org", **data, "url": url})))


def script_json(data: Any) -> str:
    """JSON that cannot end its <script> element or open another: <, > and & are written as escapes."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE:  # str.replace: translate looks up every character
        text = text.replace(char, escaped)
    return text


def _identifiers(entry: Entry) -> list[dict[str, str]]:
    return [{"@type": "PropertyValue", "propertyID": entry.ctype.field(key).label, "value": str(entry.values[key])}
            for key in IDENTIFIERS if key in entry.ctype.keys and entry.values.get(key)]


def _organisation(name: str) -> dict[str, str]:
    return {"@type": "GovernmentOrganization", "name": name}


def _filled(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value] if value else []


def _document(entry: Entry, catalogue: Catalogue) -> dict[str, Any]:
    values = entry.values
    written = values.get(WRITTEN)
    return _filled({
        "@type": "DigitalDocument", "name": entry.title, "identifier": _identifiers(entry), "inLanguage": "zh-CN",
        "datePublished": entry.date.isoformat(), "dateCreated": written.isoformat() if written else None,
        "publisher": _organisation(entry.publisher), "sourceOrganization": values.get(SOURCE),
        "genre": catalogue.schema.categories[entry.category].name, "creativeWorkStatus": values.get(VALIDITY),
        "keywords": _list(values.get(KEYWORDS)), "description": values.get(SUMMARY),
    })


def _service(entry: Entry) -> dict[str, Any]:
    values = entry.values
    phone, place = values.get(PHONE), values.get(PLACE)
    channel = _filled({
        "serviceUrl": values.get(ONLINE),
        "servicePhone": {"@type": "ContactPoint", "telephone": phone} if phone else None,
        "serviceLocation": {"@type": "Place", "name": place} if place else None,
    })
    return _filled({
        "@type": "GovernmentService", "name": entry.title, "identifier": _identifiers(entry),
        "serviceType": values.get(ITEM_TYPE), "provider": _organisation(entry.publisher),
        "audience": [{"@type": "Audience", "audienceType": a} for a in _list(values.get(AUDIENCE))],
        "availableChannel": {"@type": "ServiceChannel", **channel} if channel else None,
        "description": values.get(SUMMARY),
    })
