"""What the entry template shows: the metadata table with catalogue.yml's labels, and the status banner.

Links are given as content paths (src_uri); the plugin resolves them to URLs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from markupsafe import Markup

from . import reports
from .catalogue import Catalogue, Entry
from .directory import ROOT, Listing
from .htmlsafety import vouched
from .validate import Attachment

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


@dataclass(frozen=True)
class Block:
    """A field shown as its own section: a text, an ordered list, or a table of list items."""

    label: str
    kind: str  # text | steps | table
    text: str = ""
    items: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()


_FILES = ("attachments", "attachment", "annual_report")  # shown by their own partials


def metadata_rows(entry: Entry, catalogue: Catalogue) -> list[Row]:
    rows = []
    for field in entry.ctype.fields:
        if field.key not in entry.values or field.type in _FILES or field.display:
            continue
        rows.append(Row(field.label, _cells(field.type, entry.values[field.key], catalogue)))
    return rows


def blocks(entry: Entry) -> list[Block]:
    """Fields shown below the text, in catalogue.yml order."""
    out = []
    for field in entry.ctype.fields:
        value = entry.values.get(field.key)
        if value is None or field.display != "section":
            continue
        if field.type == "objects":
            columns = tuple(p.label for p in field.fields)
            rows = tuple(tuple(_item_cell(entry, p.type, item.get(p.key)) for p in field.fields) for item in value)
            out.append(Block(field.label, "table", columns=columns, rows=rows))
        elif field.type == "list":
            out.append(Block(field.label, "steps", items=tuple(value)))
        else:
            out.append(Block(field.label, "text", text=str(value)))
    return out


def _item_cell(entry: Entry, ftype: str, value: object) -> Cell:
    if value is None:
        return Cell("—")
    if isinstance(value, Attachment):
        return Cell(value.title, entry.attachment_uri(value))
    if ftype == "url":
        return Cell(str(value), str(value))
    return Cell(str(value))


def related(entry: Entry, catalogue: Catalogue) -> list[tuple[str, list[Cell]]]:
    """Entries that point at this one through a field with a backlink heading, e.g. 相关解读."""
    out = []
    for ctype in catalogue.schema.types.values():
        for field in ctype.fields:
            if field.backlink:
                found = [Cell(e.title, e.page_uri) for e in catalogue.referrers(entry, field.key) if e.ctype is ctype]
                if found:
                    out.append((field.backlink, found))
    return out


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
    if ftype == "url":
        return (Cell(str(value), str(value)),)
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


def csv_uri(entry: Entry, table: reports.Table) -> str:
    return f"{entry.ctype.folder}/{entry.slug}/{table.csv_name}"


def split_before_section(html: Markup, number: str) -> tuple[Markup, Markup]:
    """The report's text before and after its section `number`, where tables A to C go."""
    match = re.search(rf"<h2[^>]*>\s*{number}[、．.]", html)
    return (html[:match.start()], html[match.start():]) if match else (html, Markup())


@dataclass(frozen=True)
class Chart:
    title: str
    svg: Markup  # drawn from escaped values
    columns: tuple[str, ...]
    rows: tuple[tuple[int, tuple[int, ...]], ...]


def report_charts(listing: Listing, catalogue: Catalogue) -> list[Chart]:
    """On the index of a content type holding annual reports: one year-over-year chart per publisher.
    Where a publisher has several reports for a year (a corrected reissue), the latest counts."""
    if listing.kind != "type":
        return []
    charts = []
    for n, publisher in enumerate(catalogue.schema.publishers, 1):
        latest: dict[int, reports.AnnualReport] = {}
        for e in sorted((e for e in listing.entries if e.report and e.publisher == publisher), key=lambda e: e.date):
            latest[int(e.values.get("year", e.date.year))] = e.report
        if not latest:
            continue
        points = sorted(latest.items())
        title = f"{publisher}历年收到政府信息公开申请数量及办理结果"
        rows = tuple((year, reports.outcomes(r)) for year, r in points)
        charts.append(Chart(title, vouched(reports.chart_svg(points, title, f"gk-chart-{n}")),
                            tuple(label for label, _ in reports.SERIES), rows))
    return charts
