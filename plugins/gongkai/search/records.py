"""The search index: one record per public page, in Pagefind's format (searchindex.py).

Records are built from the gated content only (the plugin hands over what it rendered), so the
index can hold nothing the disclosure gate withheld. A record's text is cut into search words by
segment.py, with the word positions that the browser uses to rank phrase matches and to highlight
the excerpt in the original text (kept as metadata). Filters give the facets. "Newest first" uses
an order of the pages written beside the index (gk-dates.json) rather than a Pagefind sort key,
which would add 22 KB at 10,000 pages to the metadata every search loads; the order is fetched only
when a reader sorts by date.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gongkai.core.catalogue import Catalogue, Entry
from gongkai.core.schema import PowerListSpec, Schema
from gongkai.search import index as searchindex
from gongkai.search import segment
from gongkai.search.index import EXACT, TEXT, TITLE
from gongkai.types.powerlist import PowerItem

OUTPUT = "pagefind"
CHUNKS = "gk-chunks.json"  # where the index chunks start, for the search page
DATES = "gk-dates.json"  # page ids, newest first, for sorting results by date
PAGE_KIND = "指南与说明"  # the type shown for plain pages (公开指南, 依申请公开指南, ...)


@dataclass(frozen=True)
class Record:
    """What the search knows of one public page. `url` is relative to the site root. Its part of the
    index is made with it, so by the process that converts the page (core/workers.py), on every core."""
    url: str
    title: str
    text: str
    kind: str
    date: str = ""
    index_no: str = ""
    doc_no: str = ""
    publisher: str = ""
    categories: tuple[str, ...] = ()  # the category and its parents
    validity: str = ""
    indexed: searchindex.Page | searchindex.Packed = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indexed", searchindex.page(self.sections()))

    def sections(self) -> tuple[tuple[list[str], int], ...]:
        """The search words, weighted: the title's (as a heading), the text's, the 索引号, 文号 and
        publisher's, then the exact-lookup words for the 索引号 and 文号 (weighted highest)."""
        exact = [w for w in (segment.exact_word(self.index_no), segment.exact_word(self.doc_no)) if w]
        return ((segment.words(self.title), TITLE), (segment.words(self.text), TEXT),
                (segment.words(f"{self.index_no} {self.doc_no} {self.publisher}"), TEXT), (exact, EXACT))

    def document(self) -> searchindex.Document:
        """The record as the index holds it; its text is only metadata there, for the results' excerpts."""
        return searchindex.Document(self.indexed, {**self.meta(), "text": self.text} if self.text else self.meta(),
                                    self.filters())

    def filters(self) -> dict[str, tuple[str, ...]]:
        return {"type": (self.kind,), "category": self.categories, "year": (self.date[:4],) if self.date else (),
                "publisher": (self.publisher,) if self.publisher else (),
                "validity": (self.validity,) if self.validity else ()}

    def meta(self) -> dict[str, str]:
        """The facts a result shows."""
        values = {"title": self.title, "url": self.url, "kind": self.kind, "date": self.date,
                  "index_no": self.index_no, "doc_no": self.doc_no, "publisher": self.publisher}
        return {k: v for k, v in values.items() if v}


def entry_record(entry: Entry, schema: Schema, url: str, text: str) -> Record:
    """A catalogue entry (of any content type) as rendered: `text` is its public body text."""
    code = entry.values.get("category")
    path = schema.category_path(code) if code in schema.categories else []
    return Record(url, entry.title, text, entry.ctype.label, entry.date.isoformat(), entry.index_no,
                  str(entry.values.get("doc_no") or ""), str(entry.values.get("publisher") or ""),
                  tuple(c.name for c in path), entry.validity or "")


def page_record(url: str, title: str, text: str) -> Record:
    return Record(url, title, text, PAGE_KIND)


def power_record(spec: PowerListSpec, item: PowerItem, url: str) -> Record:
    """A power-list item, found on the list page that shows it."""
    text = "；".join(f"{f.label}：{item.values[f.key]}" for f in spec.fields if item.values.get(f.key))
    return Record(url, str(item.values.get("name", "")), text, spec.label)


def write_index(site: Path, records: Iterable[Record]) -> int:
    """Index `records` into site/pagefind/ (replacing any previous index); returns the page count."""
    out, pages = site / OUTPUT, list(records)
    shutil.rmtree(out, ignore_errors=True)
    bundle = searchindex.write(out, [record.document() for record in pages])
    (out / CHUNKS).write_text(json.dumps(chunk_starts(bundle.chunks)), encoding="utf-8")
    dates = {page: record.date for page, record in zip(bundle.pages, pages, strict=True) if record.date}
    (out / DATES).write_text(json.dumps(newest_first(dates)), encoding="utf-8")
    return len(pages)


def newest_first(dates: dict[str, str]) -> list[str]:
    """Page ids of dated pages, newest first (the same date: by id, so every build orders alike)."""
    return [page for page, _ in sorted(dates.items(), key=lambda item: (_descending(item[1]), item[0]))]


def _descending(date: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in date.split("-"))


def chunk_starts(chunks: list[searchindex.Chunk]) -> list[tuple[str, int]]:
    """Each index chunk's first word and size in kilobytes (rounded up), for the search page to
    choose the query words that cost least to load. Chunk i holds the words from its first word up
    to the next chunk's."""
    return [(chunk.first, -(-chunk.size // 1024)) for chunk in chunks]


@dataclass(frozen=True)
class Facet:
    """One group of checkboxes on the search page: a Pagefind filter and its values, in display order
    (`depth` indents subcategories)."""
    key: str
    label: str
    options: tuple[tuple[str, int], ...]


def facets(schema: Schema, catalogue: Catalogue, other_kinds: Iterable[str]) -> list[Facet]:
    types, codes, years, publishers, validities = set(), set(), set(), set(), set()  # of the entries, in one pass
    for e in catalogue.entries:
        types.add(e.ctype.key)
        codes.add(e.values.get("category"))
        years.add(e.date.year)
        publishers.add(e.values.get("publisher"))
        validities.add(e.validity)
    kinds = [t.label for t in schema.types.values() if t.key in types] + list(other_kinds)
    used = {c for code in codes if code in schema.categories for c in schema.category_path(code)}
    categories = [(c.name, 1 if c.parent else 0) for c in schema.categories.values() if c in used]
    return [f for f in (
        Facet("type", "类型", tuple((k, 0) for k in kinds)),
        Facet("category", "主题分类", tuple(categories)),
        Facet("year", "年份", tuple((str(y), 0) for y in sorted(years, reverse=True))),
        Facet("publisher", "发布机构", tuple((p, 0) for p in schema.publishers if p in publishers)),
        Facet("validity", "有效性", tuple((v, 0) for v in schema.vocabularies.get("validity", ()) if v in validities)),
    ) if f.options]
