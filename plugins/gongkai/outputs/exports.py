"""Files written into site/ after the build: the Atom feeds, and the whole public catalogue's metadata
as `catalogue.json` and `catalogue.csv` for re-use (open data, archives, inspection tools).

Everything is built from the gated catalogue, the same one the pages come from, so no output can
hold what the disclosure gate kept back. Labels come from catalogue.yml. Values are the entries'
own, in catalogue order (newest first), so the bytes only change when the content does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from gongkai.core import gate
from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.content import CATALOGUE_CSV, CATALOGUE_JSON
from gongkai.core.schema import Field, Schema
from gongkai.core.siteinfo import Publication
from gongkai.core.validate import Attachment
from gongkai.outputs import csvfile, feeds
from gongkai.site import directory
from gongkai.site.directory import Listing

_SKIPPED = ("annual_report",)  # report tables have their own CSV files beside the report
_NOT_IN_CSV = ("objects", "attachments", "attachment")  # lists of items and files do not fit in a cell


def outputs(catalogue: Catalogue, listings: Iterable[Listing], site: Publication) -> dict[str, bytes]:
    """Every file to write, by its path inside site/."""
    out = {name: feeds.render(x, catalogue, site) for x in listings if (name := directory.feed_path(x))}
    out[CATALOGUE_JSON] = to_json(catalogue, site)
    out[CATALOGUE_CSV] = to_csv(catalogue, site)
    return out


def exported_fields(schema: Schema) -> dict[str, list[Field]]:
    """The fields each content type exports: everything a page shows but report tables (a published
    entry never has a withdrawal date)."""
    return {key: [f for f in t.fields if f.display != "none" and f.type not in _SKIPPED and f.key != gate.WITHDRAWN_KEY]
            for key, t in schema.types.items()}


def to_json(catalogue: Catalogue, site: Publication) -> bytes:
    """The catalogue's labels, then its entries, one a line (diffs of two builds show the entries that changed)."""
    fields = exported_fields(catalogue.schema)
    head = {
        "site": site.name,
        "url": site.base_url,
        "updated": catalogue.entries[0].date.isoformat() if catalogue.entries else None,
        "count": len(catalogue),
        "types": {key: {"label": t.label, "fields": {f.key: f.label for f in fields[key]}}
                  for key, t in catalogue.schema.types.items()},
    }
    line = json.JSONEncoder(ensure_ascii=False).encode  # one line: the C encoder, unlike indent's
    entries = ",\n".join(line({"type": e.ctype.key, "url": site.url(e.page_uri), **_values(e, fields[e.ctype.key], catalogue, site)})
                         for e in catalogue.entries)
    opened = json.dumps(head, ensure_ascii=False, indent=1).removesuffix("\n}")
    return f'{opened},\n "entries": [\n{entries}\n ]\n}}\n'.encode()


def to_csv(catalogue: Catalogue, site: Publication) -> bytes:
    """One row per entry of every type; a column per field key, headed by its labels (标题/事项名称)."""
    columns: dict[str, list[str]] = {}
    for type_fields in exported_fields(catalogue.schema).values():
        for f in type_fields:
            if f.type not in _NOT_IN_CSV and f.label not in columns.setdefault(f.key, []):
                columns[f.key].append(f.label)
    header = ["类型", *("/".join(labels) for labels in columns.values()), "网址"]
    cells = {key: [t.field(k) if k in t.keys else None for k in columns] for key, t in catalogue.schema.types.items()}
    rows = [[e.ctype.label, *(_cell(_plain(e, f, catalogue, site)) if f else "" for f in cells[e.ctype.key]),
             site.url(e.page_uri)]
            for e in catalogue.entries]
    return csvfile.to_bytes(header, rows)


def _values(entry: Entry, fields: list[Field], catalogue: Catalogue, site: Publication) -> dict[str, Any]:
    return {f.key: _plain(entry, f, catalogue, site) for f in fields if entry.values.get(f.key) not in (None, "", ())}


def _plain(entry: Entry, field: Field, catalogue: Catalogue, site: Publication) -> Any:
    """A value as JSON holds it: names for categories, ISO dates, files as title and URL."""
    value = entry.values.get(field.key)
    if field.type == "category" and value:
        return catalogue.schema.categories[value].name
    if field.type == "objects" and value:
        return [{p.key: _item(entry, item.get(p.key), site) for p in field.fields if item.get(p.key) is not None}
                for item in value]
    return _item(entry, value, site)


def _item(entry: Entry, value: Any, site: Publication) -> Any:
    if isinstance(value, Attachment):
        return {"title": value.title, "url": site.url(entry.attachment_uri(value))}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_item(entry, v, site) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(map(str, value))
    return str(value)
