"""What the entry template shows: the metadata table with catalogue.yml's labels, and the status banner.

Links are given as content paths (src_uri); the plugin resolves them to URLs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalogue import Catalogue, Entry
from .directory import ROOT

SUCCESSOR_KEY = "superseded_by"
IN_FORCE = "有效"


@dataclass(frozen=True)
class Cell:
    text: str
    src_uri: str | None = None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Banner:
    text: str
    successor: Cell | None


def metadata_rows(entry: Entry, catalogue: Catalogue) -> list[Row]:
    rows = []
    for field in entry.ctype.fields:
        if field.key not in entry.values or field.type == "attachments":
            continue
        rows.append(Row(field.label, _cells(field.type, entry.values[field.key], catalogue)))
    return rows


def _cells(ftype: str, value: object, catalogue: Catalogue) -> tuple[Cell, ...]:
    schema = catalogue.schema
    if ftype == "category":
        return tuple(Cell(c.name, f"{ROOT}/fenlei/{c.code}/index.md") for c in schema.category_path(str(value)))
    if ftype == "publisher":
        return (Cell(str(value), f"{ROOT}/jigou/{schema.publishers[str(value)].code}/index.md"),)
    if ftype == "reference":
        target = catalogue.get(str(value))
        return (Cell(target.title, target.page_uri),) if target else (Cell(str(value)),)
    if ftype == "list":
        return (Cell("、".join(value)),)  # type: ignore[arg-type]
    if isinstance(value, dt.date):
        return (Cell(value.isoformat()),)
    return (Cell(str(value)),)


def banner(entry: Entry, catalogue: Catalogue) -> Banner | None:
    """A notice for entries no longer in force, linking to the document that replaced them."""
    if not entry.validity or entry.validity == IN_FORCE:
        return None
    target = catalogue.get(entry.values.get(SUCCESSOR_KEY, ""))
    successor = Cell(target.title, target.page_uri) if target else None
    state = entry.validity if entry.validity.startswith("已") else f"已{entry.validity}"
    return Banner(f"本文件{state}。", successor)


def predecessors(entry: Entry, catalogue: Catalogue) -> list[Cell]:
    """Documents this entry replaced or amended."""
    return [Cell(e.title, e.page_uri) for e in catalogue.referrers(entry, SUCCESSOR_KEY)]
