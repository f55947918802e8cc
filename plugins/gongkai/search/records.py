"""The search index: one record per public page, in Pagefind's format (searchindex.py).

Records are built from the gated content only (the plugin hands over what it rendered), so the
index can hold nothing the disclosure gate withheld. A record's text is cut into search words by
segment.py, with the word positions that the browser uses to rank phrase matches and to highlight
the excerpt in the original text (kept as metadata). Filters give the facets.

Pages are numbered newest first (undated pages last), so the page number is the date order: "按发布
日期" and the ranking's tie-break need no date per page. Beside the index, gk-query.json holds what
the search page needs before it looks anything up (docs/search-format.md): the Traditional characters that fold to the index's, the synonyms, and the pages of each
content type, the guides, the pages of each 有效性 other than in force and the items of list pages,
which the ranking weighs.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gongkai.core.catalogue import IN_FORCE, Catalogue, Entry
from gongkai.core.schema import Field, PowerListSpec, Schema
from gongkai.search import index as searchindex
from gongkai.search import segment
from gongkai.search.index import EXACT, KEYWORDS, SUMMARY, TEXT, TITLE
from gongkai.types.powerlist import PowerItem

OUTPUT = "pagefind"
QUERY = "gk-query.json"  # what the search page reads before it looks a query up
PAGE_KIND = "指南与说明"  # the type shown for plain pages (公开指南, 依申请公开指南, ...)
SERVICE_COLUMN, GUIDE_TITLE = "办事服务", "指南"
KEYWORDS_KEY, SUMMARY_KEY = "keywords", "summary"  # fields indexed as their own sections
# Fields the record holds elsewhere, or that say the same on every page (公开属性, 有效性).
_NOT_TEXT = {"title", KEYWORDS_KEY, SUMMARY_KEY, "disclosure", "validity"}
_TEXT_TYPES = {"text", "list", "enum", "objects"}


@dataclass(frozen=True)
class Record:
    """What the search knows of one public page. `url` is relative to the site root; `column` is its
    type's ColumnType (办事服务 for service guides). Its part of the index is made with it, so by the
    process that converts the page (core/workers.py), on every core."""
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
    keywords: tuple[str, ...] = ()
    summary: str = ""
    column: str = ""
    indexed: searchindex.Page | searchindex.Packed = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indexed", searchindex.page(self.sections()))

    def sections(self) -> tuple[tuple[list[str], int], ...]:
        """The search words, weighted: the title's (as a heading), the keywords', the summary's, the
        text's, the 索引号, 文号 and publisher's, then the exact-lookup words for the 索引号 and 文号
        (weighted highest)."""
        exact = [w for w in (segment.exact_word(self.index_no), segment.exact_word(self.doc_no)) if w]
        return ((segment.words(self.title), TITLE), (segment.words("，".join(self.keywords)), KEYWORDS),
                (segment.words(self.summary), SUMMARY), (segment.words(self.text), TEXT),
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
                  "index_no": self.index_no, "doc_no": self.doc_no, "publisher": self.publisher,
                  "validity": self.validity}
        return {k: v for k, v in values.items() if v}

    @property
    def in_force(self) -> bool:
        return not self.validity or self.validity == IN_FORCE

    @property
    def guide(self) -> bool:
        """A page telling how to get something done, which a query asking how prefers: of a type whose
        ColumnType is 办事服务 (the service guides), or titled as a guide (居住证申领办事指南, 依申请公开指南)."""
        return self.column == SERVICE_COLUMN or self.title.endswith(GUIDE_TITLE)


def entry_record(entry: Entry, schema: Schema, url: str, text: str) -> Record:
    """A catalogue entry (of any content type) as rendered: `text` is its public body text, followed by
    the fields its page shows (a guide's 申请材料, 办理流程, 常见问题 ...)."""
    code = entry.values.get("category")
    path = schema.category_path(code) if code in schema.categories else []
    keywords = entry.values.get(KEYWORDS_KEY) or ()
    shown = "\n".join(_field_texts(entry.ctype.fields, entry.values))
    return Record(url, entry.title, f"{text}\n{shown}".strip() if shown else text, entry.ctype.label,
                  entry.date.isoformat(), entry.index_no, str(entry.values.get("doc_no") or ""),
                  str(entry.values.get("publisher") or ""), tuple(c.name for c in path), entry.validity or "",
                  tuple(map(str, keywords)), str(entry.values.get(SUMMARY_KEY) or ""), entry.ctype.column_type)


def _field_texts(fields: Sequence[Field], values: dict[str, Any]) -> Iterable[str]:
    """The text of each field a page shows (not `display: none`), as the page shows it: under its label
    (a section's heading, the metadata table's row name), so that an excerpt from it reads as on the
    page (事项编码：…); items of a list of objects by their texts."""
    for f in fields:
        value = values.get(f.key)
        if value is None or f.key in _NOT_TEXT or f.type not in _TEXT_TYPES or f.display == "none":
            continue
        if f.type == "objects":
            value = [" ".join(str(item[p.key]) for p in f.fields if p.type in _TEXT_TYPES and item.get(p.key))
                     for item in value]
        texts = [str(v) for v in value] if isinstance(value, list) else [str(value)]
        yield f"{f.label}：" + "；".join(texts)


def page_record(url: str, title: str, text: str) -> Record:
    return Record(url, title, text, PAGE_KIND)


def power_record(spec: PowerListSpec, item: PowerItem, url: str) -> Record:
    """A power-list item, found on the list page that shows it."""
    text = "；".join(f"{f.label}：{item.values[f.key]}" for f in spec.fields if item.values.get(f.key))
    return Record(url, str(item.values.get("name", "")), text, spec.label)


def write_index(site: Path, records: Iterable[Record], synonyms: Sequence[Sequence[str]] = ()) -> int:
    """Index `records` into site/pagefind/ (replacing any previous index), newest first, with
    gk-query.json (`synonyms`: groups of words a query treats alike); returns the page count."""
    out, pages = site / OUTPUT, newest_first(records)
    shutil.rmtree(out, ignore_errors=True)
    searchindex.write(out, [record.document() for record in pages])
    query = {"fold": segment.fold_table(_characters(pages)),
             "synonyms": [[segment.normalise(w) for w in group] for group in synonyms],
             "kinds": pages_by_kind(pages), "guides": deltas(n for n, r in enumerate(pages) if r.guide),
             "validity": not_in_force(pages), "listed": listed(pages)}
    (out / QUERY).write_text(json.dumps(query, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(pages)


def newest_first(records: Iterable[Record]) -> list[Record]:
    """Dated pages newest first, then the undated; the same date, and the undated, by URL (stable for
    a list's items), so every build numbers alike."""
    by_url = sorted(records, key=lambda r: r.url)
    return sorted(by_url, key=lambda r: (not r.date, tuple(-int(part) for part in r.date.split("-")) if r.date else ()))


def _characters(records: Sequence[Record]) -> set[str]:
    """Every character the index holds words of, folded as the index folds them."""
    raw: set[str] = set()
    for r in records:
        raw.update(r.title, r.text, r.summary, *r.keywords)
    return set(segment.normalise("".join(raw)))


def deltas(numbers: Iterable[int]) -> list[int]:
    """Increasing page numbers as the first and the differences (short in JSON, and compressible)."""
    out, before = [], 0
    for number in numbers:
        out.append(number - before)
        before = number
    return out


def pages_by_kind(records: Sequence[Record]) -> list[list[Any]]:
    """Each content type shown (its label), its ColumnType and its pages (`deltas`): the most common
    type's pages are not listed (null): they are all the others."""
    pages: dict[str, list[int]] = {}
    columns: dict[str, str] = {}
    for number, record in enumerate(records):
        pages.setdefault(record.kind, []).append(number)
        columns.setdefault(record.kind, record.column)
    common = Counter({kind: len(numbers) for kind, numbers in pages.items()}).most_common(1)
    return [[kind, columns[kind], None if (kind, len(numbers)) in common else deltas(numbers)]
            for kind, numbers in pages.items()]


def not_in_force(records: Sequence[Record]) -> list[list[Any]]:
    """Each 有效性 other than in force (失效, 废止, 已修改) and its pages (`deltas`)."""
    pages: dict[str, list[int]] = {}
    for number, record in enumerate(records):
        if not record.in_force:
            pages.setdefault(record.validity, []).append(number)
    return [[validity, deltas(numbers)] for validity, numbers in sorted(pages.items())]


def listed(records: Sequence[Record]) -> list[int]:
    """The pages (`deltas`) whose address other pages share: items of a list page (the power list's)."""
    urls = Counter(record.url for record in records)
    return deltas(number for number, record in enumerate(records) if urls[record.url] > 1)


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
