"""The search index: one record per public page, written by Pagefind's extended indexer.

Records are built from the gated content only (the plugin hands over what it rendered), so the
index can hold nothing the disclosure gate withheld. Each record is a small HTML document whose
text is already cut into search words by segment.py; Pagefind is given a language it has no
stemmer or segmenter for, so it takes the words as they are and keeps the word positions that the
browser uses to rank phrase matches and to highlight the excerpt in the original text (kept as
metadata). Filters give the facets. "Newest first" uses an order of the pages written beside the
index (gk-dates.json) rather than a Pagefind sort key, which would add 22 KB at 10,000 pages to
the metadata every search loads; the order is fetched only when a reader sorts by date.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import pagefindmeta, segment
from .catalogue import Catalogue, Entry
from .powerlist import PowerItem
from .schema import PowerListSpec, Schema

OUTPUT = "pagefind"
# Pagefind also writes its own search UIs and its browser search code; the site has its own page,
# whose gk-index.js reads and searches the index, so these are left out of the site.
UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js",
          "pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")
CHUNKS = "gk-chunks.json"  # where the index chunks start, for the search page
DATES = "gk-dates.json"  # Pagefind's page ids, newest first, for sorting results by date
# Word positions per index chunk (Pagefind's default: 20,000). A query fetches a whole chunk for each
# word; at 10,000 entries a fourth of the default saves 45 KB on a mean first query for 4 KB more
# chunk list (measured, docs/search.md). Pagefind names the setting unstable; the version is pinned.
CHUNK_POSITIONS = 5000
PLACEHOLDER = "，"  # a word position Pagefind counts but does not index
UPPER_TITLE = '<span data-pagefind-meta="title">z</span>'
UPPER_END = "<div>z</div>"  # a word after all others, above every search word (see write_index)
LANGUAGE = "und"  # "undetermined": Pagefind then neither stems nor segments; the words are ready-made
SCRATCH = Path("/dev/shm")  # a tmpfs on Linux (see _scratch)
SPLIT_SAMPLE = 2500  # records whose characters choose the split word (see split_word)
PAGE_KIND = "指南与说明"  # the type shown for plain pages (公开指南, 依申请公开指南, ...)


@dataclass(frozen=True)
class Record:
    """What the search knows of one public page. `url` is relative to the site root. Its search words
    are made with it, so by the process that converts the page (forked.py), on every core."""
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
    words: Words = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", Words.of(self))

    def filters(self) -> dict[str, tuple[str, ...]]:
        return {"type": (self.kind,), "category": self.categories, "year": (self.date[:4],) if self.date else (),
                "publisher": (self.publisher,) if self.publisher else (),
                "validity": (self.validity,) if self.validity else ()}

    def meta(self) -> dict[str, str]:
        """The facts a result shows, given to Pagefind as metadata. The text its excerpt is cut from
        is not: it is added to the result's fragment after indexing (see write_index)."""
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


@dataclass(frozen=True)
class Words:
    """A record's search words, section by section, each a space-separated string."""
    title: str
    body: str
    said: str  # the 索引号, 文号 and publisher as words
    exact: str  # the exact-lookup words for the 索引号 and 文号

    @classmethod
    def of(cls, record: Record) -> Words:
        exact = (segment.exact_word(record.index_no), segment.exact_word(record.doc_no))
        return cls(" ".join(segment.words(record.title)), " ".join(segment.words(record.text)),
                   " ".join(segment.words(f"{record.index_no} {record.doc_no} {record.publisher}")),
                   " ".join(w for w in exact if w))

    def part(self, split: str, upper: bool) -> Words:
        """The words below `split` (or, if `upper`, the others) with the rest turned into a placeholder
        that Pagefind counts as a word position but does not index, so the kept words stay where they
        are. (A comparison written out in a list comprehension: 14 million words at 10,000 entries.)"""
        def only(words: str) -> str:
            if not words:
                return ""
            if upper:
                return " ".join([w if w >= split else PLACEHOLDER for w in words.split(" ")])
            return " ".join([w if w < split else PLACEHOLDER for w in words.split(" ")])
        return Words(only(self.title), only(self.body), only(self.said), only(self.exact))


def document(words: Words, hidden: str, end: str = "") -> str:
    """The HTML Pagefind indexes for a record: title words (weighted as a heading), body words, the
    metadata words, the exact-lookup words (weighted highest), then `hidden` (metadata and filters,
    which Pagefind takes from the page but not as its text) and `end`. Each part ends with a
    placeholder: Pagefind ends a block's last word with a full stop and then also indexes the
    letters and digits of that word as words of their own (h0jhh0kit. as jhh and kit)."""
    def block(text: str) -> str:
        return f"{text} {PLACEHOLDER}" if text else ""
    return (f'<html lang="{LANGUAGE}"><body><h1>{block(words.title)}</h1><div>{block(words.body)}</div>'
            f'<div>{block(words.said)}</div><div data-pagefind-weight="10">{block(words.exact)}</div>'
            f'<div data-pagefind-ignore>{hidden}</div>{end}</body></html>')


def metadata(record: Record) -> str:
    """The original title and facts as metadata, for the results; facets as filters."""
    out = "".join(f'<span data-pagefind-meta="{k}">{html.escape(v)}</span>' for k, v in record.meta().items())
    return out + "".join(f'<span data-pagefind-filter="{k}">{html.escape(v)}</span>'
                         for k, values in record.filters().items() for v in values)


def split_word(records: list[Record]) -> str:
    """The search word that splits the index into two parts of about the same number of words: the
    Han words from the median character of the records' text on (segment.py: a word a character),
    counted in an even sample of the records."""
    counts: Counter[str] = Counter()
    for record in records[::max(1, len(records) // SPLIT_SAMPLE)]:  # the split only balances the two runs
        counts.update(record.title)
        counts.update(record.text)
    han = sorted((segment.words(c)[0], n) for c, n in counts.items() if segment.is_han(c))
    half, total = sum(n for _, n in han) / 2, 0
    for word, n in han:
        total += n
        if total >= half:
            return word
    return segment.HAN_WORD


def write_index(site: Path, records: Iterable[Record]) -> int:
    """Index `records` into site/pagefind/ (replacing any previous index); returns the page count.

    Pagefind holds every word of every page in memory until it writes the index (3.2 GB at 10,000
    entries), so it runs twice over the same files: first with the words below the split word and
    every page's metadata, then with the words from the split word on, each run's other words
    replaced by a placeholder. The second run's index chunks join the first run's bundle
    (pagefindmeta.merge), which then holds every word once, at its own position. The original text
    the results' excerpts are cut from goes into the fragments afterwards (pagefindmeta.compact):
    given to Pagefind as metadata, it would also index it, as words no query can match (330 MB of
    its memory and 5 s at 10,000 entries)."""
    out, pages = site / OUTPUT, list(records)
    shutil.rmtree(out, ignore_errors=True)
    split = split_word(pages)
    words = [record.words for record in pages]
    with tempfile.TemporaryDirectory(prefix="gongkai-search-", dir=_scratch()) as work:
        folder, bundle, upper = Path(work) / "records", Path(work) / "bundle", Path(work) / "upper"
        folder.mkdir()
        names = [folder / f"r{n:06d}.html" for n in range(1, len(pages) + 1)]  # power-list items share URLs
        for name, record, these in zip(names, pages, words, strict=True):
            name.write_text(document(these.part(split, upper=False), metadata(record)), encoding="utf-8")
        _index(folder, bundle)
        # The same files again, so that Pagefind numbers the pages alike. A title of its own keeps it
        # from taking the heading's words as the title; the last word gives every page a word.
        for name, these in zip(names, words, strict=True):
            name.write_text(document(these.part(split, upper=True), UPPER_TITLE, UPPER_END), encoding="utf-8")
        _index(folder, upper)
        pagefindmeta.merge(bundle, upper, split)
        texts = {f"/{name.name}": {"text": record.text} for name, record in zip(names, pages, strict=True) if record.text}
        metas = pagefindmeta.compact(bundle, texts)
        (bundle / CHUNKS).write_text(json.dumps(chunk_starts(pagefindmeta.chunk_ranges(bundle))), encoding="utf-8")
        dates = {page: meta["date"] for page, meta in metas.items() if meta.get("date")}
        (bundle / DATES).write_text(json.dumps(newest_first(dates)), encoding="utf-8")
        shutil.copytree(bundle, out, ignore=shutil.ignore_patterns(*UNUSED))
    return len(pages)


def _scratch() -> str | None:
    """Where the index is made: tens of thousands of files are written and deleted (the records, two
    Pagefind bundles), so in memory when the system has a tmpfs for it. On a disk mounted with online
    discard (this machine's ext4), deleting them took 0.4 ms a file: 18 s at 10,000 entries."""
    return str(SCRATCH) if SCRATCH.is_dir() and os.access(SCRATCH, os.W_OK) else None


def newest_first(dates: dict[str, str]) -> list[str]:
    """Page ids of dated pages, newest first (the same date: by id, so every build orders alike)."""
    return [page for page, _ in sorted(dates.items(), key=lambda item: (_descending(item[1]), item[0]))]


def _descending(date: str) -> tuple[int, ...]:
    return tuple(-int(part) for part in date.split("-"))


def chunk_starts(ranges: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    """Each index chunk's first word and size in kilobytes (rounded up), for the search page to
    choose the query words that cost least to load. Chunk i holds the words from its first word up
    to the next chunk's (pagefindmeta.compact). Chunks of words starting with a non-ASCII character
    are left out: no query word (ASCII, see segment.py) can match them."""
    out: list[tuple[str, int]] = []
    for i, (first, last, size) in enumerate(ranges):
        if not first[:1].isascii():
            break
        if not (first.isalnum() and first <= last and (i == 0 or ranges[i - 1][1] < first)):
            raise ValueError(f"Pagefind's index chunks are not as expected at {first!r}: another Pagefind version?")
        out.append((first, -(-size // 1024)))
    return out


def _index(records: Path, out: Path) -> None:
    """Pagefind's extended indexer over the folder of records, run through its Python package's
    command line (`python -m pagefind`), which exits once every file is written. Its Python API
    stops the indexer as soon as it answers the request to write, and on a busy machine that left
    files cut short (measured: 64 of the 68 KB of its WebAssembly module written, 44 of 45 KB of
    pagefind.js, in 15 builds of a small index with both cores busy)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(records), "--output-path", str(out),
               "--force-language", LANGUAGE]
    done = subprocess.run(command, capture_output=True, text=True,
                          env=os.environ | {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_POSITIONS)})
    if done.returncode:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {(done.stdout + done.stderr)[-2000:]}")


def start_index(site: Path, records: list[Record]) -> Future[tuple[int, float]]:
    """`write_index` in the background, with its seconds: Pagefind's own process does most of the work,
    on the other core, while the build goes on rendering pages."""
    def timed() -> tuple[int, float]:
        start = time.perf_counter()
        return write_index(site, records), time.perf_counter() - start
    thread = ThreadPoolExecutor(1, thread_name_prefix="gongkai-search")
    future = thread.submit(timed)
    thread.shutdown(wait=False)
    return future


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
