"""What the entry template shows: the metadata table with catalogue.yml's labels, the status banner
naming the document in force, the attachments with their type and size, and the 有效性 label lists
show beside a title.

Links are given as content paths (src_uri); the plugin resolves them to URLs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import PurePosixPath

from markupsafe import Markup

from gongkai.core.catalogue import IN_FORCE, Catalogue, Entry
from gongkai.core.htmlsafety import vouched
from gongkai.core.validate import Attachment
from gongkai.site import typography
from gongkai.site.directory import ROOT, Kind, Listing
from gongkai.types import reports

SUCCESSOR_KEY = "superseded_by"


@dataclass(frozen=True)
class Cell:
    text: str
    src_uri: str | None = None
    note: str = ""  # shown after the text: an attachment's type and size, a document's 文号 and date


@dataclass(frozen=True)
class Status:
    """The 有效性 of a document not in force, as lists, feeds and search results label it:
    `<span class="gk-status gk-status--{modifier}">{label}</span>`."""

    label: str
    modifier: str


STATUS_MODIFIERS = {"有效": "youxiao", "失效": "shixiao", "废止": "feizhi", "已修改": "yixiugai"}
OTHER_STATUS = "qita"  # a value catalogue.yml's vocabulary adds


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Banner:
    text: str
    successor: Cell | None  # its note: the successor's 文号 and 发布日期, which tell it from a namesake


class BlockKind(str, Enum):
    """How a block shows its field; templates compare it with its value and use it in class names."""

    TEXT = "text"
    STEPS = "steps"  # an ordered list
    TABLE = "table"  # list items, a row each

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Block:
    """A field shown as its own section: a text, an ordered list, or a table of list items."""

    label: str
    kind: BlockKind
    text: str = ""
    items: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Cell, ...], ...] = ()


_FILES = ("attachments", "attachment", "annual_report")  # shown by their own partials
DOC_NO = "doc_no"  # 文号, where a content type has it
Sizes = Callable[[str], int]  # an attachment's size in bytes, by its path inside content/


def status(entry: Entry) -> Status | None:
    """The label of a document no longer (or no longer wholly) in force; None for one in force or a
    content type without 有效性."""
    if not entry.validity or entry.validity == IN_FORCE:  # in force (Entry.in_force), spelled out for the type checker
        return None
    return Status(entry.validity, STATUS_MODIFIERS.get(entry.validity, OTHER_STATUS))


def metadata_rows(entry: Entry, catalogue: Catalogue) -> list[Row]:
    rows = []
    report = reports.of(entry)
    for field in entry.ctype.fields:
        if field.key not in entry.values or field.type in _FILES or field.display:
            continue
        value = entry.values[field.key]
        if report and field.key == reports.EDITION_KEY:  # "2021" says nothing to the public
            rows.append(Row(field.label, (Cell(reports.EDITION_NAMES.get(str(value), str(value))),)))
            continue
        rows.append(Row(field.label, _cells(field.type, value, catalogue)))
    return rows


def attachments(entry: Entry, sizes: Sizes) -> list[Cell]:
    """Every file the entry lists, each with its type and size."""
    return [Cell(a.title, entry.attachment_uri(a), file_facts(a.filename, sizes(a.src_uri))) for a in entry.attachments]


def file_facts(filename: str, size: int) -> str:
    """A file's type and size as portals show them: "PDF，1.2 MB"."""
    kind = PurePosixPath(filename).suffix.lstrip(".").upper() or "文件"
    return f"{kind}，{file_size(size)}"


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def blocks(entry: Entry, sizes: Sizes) -> list[Block]:
    """Fields shown below the text, in catalogue.yml order."""
    out = []
    for field in entry.ctype.fields:
        value = entry.values.get(field.key)
        if value is None or field.display != "section":
            continue
        if field.type == "objects":
            columns = tuple(p.label for p in field.fields)
            rows = tuple(tuple(_item_cell(entry, p.type, item.get(p.key), sizes) for p in field.fields) for item in value)
            out.append(Block(field.label, BlockKind.TABLE, columns=columns, rows=rows))
        elif field.type == "list":
            out.append(Block(field.label, BlockKind.STEPS, items=tuple(typography.join(str(v)) for v in value)))
        else:
            out.append(Block(field.label, BlockKind.TEXT, text=typography.join(str(value))))
    return out


def _item_cell(entry: Entry, ftype: str, value: object, sizes: Sizes) -> Cell:
    if value is None:
        return Cell("—")
    if isinstance(value, Attachment):
        return Cell(value.title, entry.attachment_uri(value), file_facts(value.filename, sizes(value.src_uri)))
    if ftype == "url":
        return Cell(str(value), str(value))
    return Cell(typography.join(str(value)))


def related(entry: Entry, catalogue: Catalogue) -> list[tuple[str, list[Cell]]]:
    """Entries that point at this one through a field with a backlink heading, e.g. 相关解读."""
    out = []
    for ctype in catalogue.schema.types.values():
        for field in ctype.fields:
            if field.backlink:
                found = [Cell(e.title, e.page_uri, e.date.isoformat()) for e in catalogue.referrers(entry, field.key)
                         if e.ctype is ctype]
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
    return (Cell(typography.join(str(value))),)


def banner(entry: Entry, catalogue: Catalogue) -> Banner | None:
    """A notice for entries no longer in force, linking to the document that replaced them and naming
    it by title, 文号 and date: a revision often keeps its predecessor's title."""
    if not entry.validity or entry.validity == IN_FORCE:  # in force (Entry.in_force), spelled out for the type checker
        return None
    target = catalogue.get(entry.values.get(SUCCESSOR_KEY, ""))
    successor = Cell(target.title, target.page_uri, identified(target)) if target else None
    state = entry.validity if entry.validity.startswith("已") else f"已{entry.validity}"
    return Banner(f"本文件{state}。", successor)


def identified(entry: Entry) -> str:
    """What tells a document from another of the same title: its 文号 and its date."""
    number = entry.values.get(DOC_NO)
    return "，".join([*([str(number)] if number else []), f"{entry.date.isoformat()} 发布"])


def predecessors(entry: Entry, catalogue: Catalogue) -> list[Cell]:
    """Documents this entry replaced or amended."""
    return [Cell(e.title, e.page_uri, identified(e)) for e in catalogue.referrers(entry, SUCCESSOR_KEY)]


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
    if listing.kind is not Kind.TYPE:
        return []
    charts = []
    for n, publisher in enumerate(catalogue.schema.publishers, 1):
        latest: dict[int, reports.AnnualReport] = {}
        for e in sorted((e for e in listing.entries if e.publisher == publisher), key=lambda e: e.date):
            if report := reports.of(e):
                latest[int(e.values.get("year", e.date.year))] = report
        if not latest:
            continue
        points = sorted(latest.items())
        title = f"{publisher}历年收到政府信息公开申请数量及办理结果"
        rows = tuple((year, reports.outcomes(r)) for year, r in points)
        charts.append(Chart(title, vouched(chart_svg(points, title, f"gk-chart-{n}")),
                            tuple(label for label, _ in SERIES), rows))
    return charts


# The chart: SVG drawn at build time, no JavaScript.

SERIES = (("收到申请", "#3f51b5"), ("予以公开", "#2e7d32"), ("部分公开", "#8a5300"), ("不予公开", "#c62828"),
          ("其他结果", "#5d4037"))


def chart_svg(points: list[tuple[int, reports.AnnualReport]], title: str, ident: str) -> str:
    """Grouped bars per year; the page gives the same numbers as a table (the text alternative)."""
    data = [(year, reports.outcomes(r)) for year, r in sorted(points, key=lambda p: p[0])]
    width, height, left, bottom, top = 640.0, 300.0, 48.0, 40.0, 40.0
    top_value = max([v for _, vs in data for v in vs] + [1])
    scale = (height - bottom - top) / top_value
    width = max(width, left + 10 + len(data) * (len(SERIES) * 4 + 12))  # at least 4 units a bar
    group = (width - left - 10) / max(len(data), 1)
    bar = min(18.0, (group - 12) / len(SERIES))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="{ident}-title {ident}-desc" class="gk-chart">',
             f'<title id="{ident}-title">{html.escape(title)}</title>',
             f'<desc id="{ident}-desc">柱状图，各年份的数据见下表。</desc>',
             f'<line x1="{left}" y1="{height - bottom}" x2="{width - 5}" y2="{height - bottom}" stroke="#333"/>']
    for i, (label, color) in enumerate(SERIES):
        x = left + i * 115
        parts.append(f'<rect x="{x}" y="8" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 16}" y="20" font-size="14" fill="#222">{label}</text>')
    for g, (year, values) in enumerate(data):
        x0 = left + g * group + 6
        for i, value in enumerate(values):
            h = value * scale
            x = x0 + i * bar
            parts.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{bar - 2:.1f}" height="{h:.1f}" '
                         f'fill="{SERIES[i][1]}"><title>{year} 年{SERIES[i][0]}：{value}</title></rect>')
        parts.append(f'<text x="{x0 + bar * len(SERIES) / 2:.1f}" y="{height - bottom + 18}" font-size="14" '
                     f'text-anchor="middle" fill="#222">{year}</text>')
    parts.append(f'<text x="{left - 6}" y="{top + 4}" font-size="13" text-anchor="end" fill="#222">{top_value}</text>'
                 f'<text x="{left - 6}" y="{height - bottom}" font-size="13" text-anchor="end" fill="#222">0</text>')
    parts.append("</svg>")
    return "".join(parts)
