"""The search index, written in Pagefind 1.5's file format by this module rather than by Pagefind.

The search page reads the files itself (gk-index.js), so all the build needs of Pagefind is its
format, and writing it here costs a fraction of running the indexer: at 10,000 entries Pagefind's
extended indexer took 42 CPU-seconds in two runs (one run with every word needed 3.2 GB, over the
2 GB the build may use), where the pages' parts (`page`, made on both cores) take about 6 and
`write` 11 seconds, in a build process of under 800 MB (docs/speed.md). `tests/test_search.py`
checks every word, location, word count, filter and fragment against Pagefind's own indexer
(pagefind_bin_extended 1.5.2) over the same records.

A bundle is gzip-compressed files, each after a signature: CBOR (RFC 8949) for the metadata file
(pages with their word counts, index chunks, filters, sorts, metadata fields), the index chunks and
the filter files; JSON for a page's fragment (its URL, metadata and filters). An index chunk holds
words in order, each with its pages: the page number after the previous one's, the word's
locations on it and its locations in the metadata (none here: the metadata is not searched).
Locations are positions grouped by weight: a negative number sets the weight of the positions after
it (-1 - weight, 24 being Pagefind's 1.0), and each position after the first is the difference from
the one before.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import sub
from pathlib import Path
from typing import Any

import zopfli.gzip

from gongkai.search.segment import base36

FORMAT = "1.5.2"  # the Pagefind version whose format this is, and which the tests compare with
LANGUAGE = "und"  # "undetermined": the words are made by segment.py, for every language alike
SIGNATURE = b"pagefind_dcd"
# Bytes of words' entries per index chunk, before compression (about 5 KB after). A query fetches a
# whole chunk for each word. Pagefind counts word locations instead (20,000 by default); at 10,000
# entries 5,000 saved 45 KB on a mean first query for 4 KB more chunk list (measured, docs/search.md),
# and 12,500 bytes hold about as many.
CHUNK_BYTES = 12_500
# Pagefind's weights, as it stores them: 24 is 1.0, a top heading 7.0, data-pagefind-weight="10" 10.0.
# Keywords weigh nearly as the title, a summary three times the text.
TEXT, SUMMARY, KEYWORDS, TITLE, EXACT = 24, 72, 144, 168, 240
Value = int | str | list["Value"]


class _Heads(dict[int, bytes]):
    """CBOR heads of one major type by argument (between `before` and `after`), made as first needed."""

    def __init__(self, major: int, before: bytes = b"", after: bytes = b"") -> None:
        super().__init__()
        self.major, self.before, self.after = major, before, after

    def __missing__(self, arg: int) -> bytes:
        self[arg] = head = self.before + _head(self.major, arg) + self.after
        return head


def _head(major: int, arg: int) -> bytes:
    """A CBOR item's head in its shortest form: the major type and the argument (a value or a length)."""
    if arg < 24:
        return bytes([major << 5 | arg])
    size = next(n for n in (1, 2, 4, 8) if arg < 1 << (8 * n))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + arg.to_bytes(size, "big")


_UINT, _NEGATIVE, _TEXT, _ARRAY = _Heads(0), _Heads(1), _Heads(3), _Heads(4)
_EMPTY = _ARRAY[0]
_WORD = _ARRAY[3]  # a word: [word, its pages, variants]
_PAGE = _Heads(0, before=_ARRAY[3])  # a page of a word: [page number after the previous, locations, metadata locations]
_ONCE = _Heads(0, before=_ARRAY[2] + _NEGATIVE[TEXT], after=_EMPTY)  # the locations of a word once in the text


@dataclass(frozen=True)
class Page:
    """A page's part of the index: each of its words with its locations on the page (the CBOR of the
    word's page entry after the page number), and its count of word positions."""
    words: dict[str, bytes]
    count: int

    def __reduce__(self) -> tuple[type[Packed], tuple[bytes, int]]:
        """Pickled (by a forked process, for the parent) as one string of bytes: the parent receives
        10,000 pages' hundreds of words each at once, between the converting and the rendering."""
        return Packed, (pickle.dumps(self.words, pickle.HIGHEST_PROTOCOL), self.count)


class Packed:
    """A Page as it travelled: its words are unpacked each time they are read (once, by `write`, while
    the pages render), and are not kept."""

    def __init__(self, data: bytes, count: int) -> None:
        self.data, self.count = data, count

    @property
    def words(self) -> dict[str, bytes]:
        words: dict[str, bytes] = pickle.loads(self.data)
        return words


def page(sections: Sequence[tuple[Sequence[str], int]]) -> Page:
    """The index of a page made of `sections`, each its words and their weight (TEXT, TITLE, EXACT).
    Each section is followed by a position holding no word, as Pagefind counts the placeholder that
    search.py ends each block of its documents with, so a phrase never spans two sections."""
    found: dict[int, dict[str, list[int]]] = {}
    at = 0
    for words, weight in sections:
        if not words:
            continue
        positions = found.setdefault(weight, {})
        for position, word in enumerate(words, at):
            got = positions.get(word)
            if got is None:
                positions[word] = [position]
            else:
                got.append(position)
        at = position + 2  # past the last word and the section's end
    out = {word: _ONCE[places[0]] if len(places) == 1 else _locations(TEXT, places) + _EMPTY
           for word, places in found.pop(TEXT, {}).items()}
    for weight in sorted(found):  # as Pagefind: the usual weight first, then the others in order
        for word, places in found[weight].items():
            data, before = _locations(weight, places), out.get(word)
            out[word] = _joined(before, data) if before else data + _EMPTY
    return Page(out, at)


def _locations(weight: int, places: list[int]) -> bytes:
    """The array of a word's locations at `weight`: the weight, the first position, the differences."""
    get = _UINT.__getitem__
    return b"".join((_ARRAY[len(places) + 1], _NEGATIVE[weight], get(places[0]), *map(get, map(sub, places[1:], places))))


def _joined(before: bytes, more: bytes) -> bytes:
    """Locations with more locations (of another weight) after them, the metadata's after both."""
    n, m = _count(before), _count(more)
    return _ARRAY[n + m] + before[len(_ARRAY[n]):-len(_EMPTY)] + more[len(_ARRAY[m]):] + _EMPTY


def _count(data: bytes) -> int:
    """The number of items of the CBOR array `data` starts with."""
    head = data[0] & 31
    return head if head < 24 else int.from_bytes(data[1:1 + (1 << (head - 24))], "big")


@dataclass(frozen=True)
class Document:
    """What the index holds of one page: its words, and the fragment a result shows (its `meta`)."""
    page: Page | Packed
    meta: dict[str, str]
    filters: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Chunk:
    first: str  # its words are from `first` (the first chunk's first word, else a prefix of it) …
    last: str  # … to `last` (just below the next chunk's first)
    name: str
    size: int  # bytes of the file


@dataclass(frozen=True)
class Bundle:
    chunks: list[Chunk]
    pages: list[str]  # the pages' ids (as search results give them), in the order of the documents


def write(out: Path, documents: Sequence[Document]) -> Bundle:
    """The bundle of `documents` (numbered in this order) into `out`, a folder that is empty or missing."""
    chunks = list(_chunks(documents))
    filters = {name: _pack(_filter(name, values)) for name, values in sorted(_by_filter(documents).items())}
    fragments = [_pack(_fragment(d).encode("utf-8")) for d in documents]
    tag = _tag([data for data, _ in chunks], [*filters.values(), *fragments])
    for folder in ("index", "filter", "fragment"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    listed = []
    for number, (data, (first, last)) in enumerate(chunks):
        name = f"{tag}{base36(number)}"
        (out / "index" / f"{name}.pf_index").write_bytes(data)
        listed.append(Chunk(first, last, name, len(data)))
    for name, data in filters.items():
        (out / "filter" / f"{tag}{name}.pf_filter").write_bytes(data)
    ids = [f"{tag}{base36(number)}" for number in range(len(documents))]
    for page_id, data in zip(ids, fragments, strict=True):
        (out / "fragment" / f"{page_id}.pf_fragment").write_bytes(data)
    meta: list[Value] = [FORMAT, [[page_id, rounded(d.page.count)] for page_id, d in zip(ids, documents, strict=True)],
                         [[c.first, c.last, c.name] for c in listed], [[name, f"{tag}{name}"] for name in filters], [],
                         sorted({key for d in documents for key in d.meta})]
    _write_meta(out, meta, len(documents))
    return Bundle(listed, ids)


def _tag(*parts: list[bytes]) -> str:
    """Six hex digits of a hash of the whole index: names made with it change whenever the index does,
    so a fragment or chunk cached from one build is never taken for another's, and two builds of the
    same content are byte-identical."""
    digest = hashlib.sha256()
    for part in parts:
        for data in part:
            digest.update(data)
    return digest.hexdigest()[:6]


def _chunks(documents: Sequence[Document]) -> Iterator[tuple[bytes, tuple[str, str]]]:
    """The index chunks, packed, each with its range of words (Chunk.first and .last): every word in
    order, a chunk ending once its words' entries reach CHUNK_BYTES."""
    pages: dict[str, list[Any]] = {}  # word → page number, its locations, page number, …
    for number, document in enumerate(documents):
        for word, data in document.page.words.items():
            got = pages.get(word)
            if got is None:
                pages[word] = [number, data]
            else:
                got += (number, data)
    words = sorted(pages)
    first, entries, size = words[0] if words else "", [], 0
    for i, word in enumerate(words):
        entries.append(entry := _word(word, pages.pop(word)))
        size += len(entry)
        if size >= CHUNK_BYTES or i + 1 == len(words):
            after = _prefix(word, words[i + 1]) if i + 1 < len(words) else ""
            yield _pack(_ARRAY[1] + _ARRAY[len(entries)] + b"".join(entries), 6), (first, _below(after) if after else word)
            first, entries, size = after, [], 0


def _word(word: str, pages: list[Any]) -> bytes:
    """A word's entry in an index chunk: [word, its pages, no variants]."""
    raw, numbers = word.encode("utf-8"), pages[::2]
    heads = map(_PAGE.__getitem__, map(sub, numbers, [0, *numbers[:-1]]))
    return b"".join((_WORD, _TEXT[len(raw)], raw, _ARRAY[len(numbers)], *chain.from_iterable(zip(heads, pages[1::2], strict=True)),
                     _EMPTY))


def _prefix(before: str, word: str) -> str:
    """The shortest start of `word` above `before`, as Pagefind names where a chunk starts."""
    common = next((i for i, (a, b) in enumerate(zip(before, word, strict=False)) if a != b), min(len(before), len(word)))
    return word[:common + 1]


def _below(word: str) -> str:
    """A string below `word` and above every word of ASCII letters and digits below `word`."""
    return word[:-1] + chr(ord(word[-1]) - 1) + "~"


def _by_filter(documents: Sequence[Document]) -> dict[str, dict[str, list[int]]]:
    found: dict[str, dict[str, list[int]]] = {}
    for number, document in enumerate(documents):
        for name, values in document.filters.items():
            for value in values:
                found.setdefault(name, {}).setdefault(value, []).append(number)
    return found


def _filter(name: str, values: dict[str, list[int]]) -> bytes:
    """A filter's file: [its name, [[value, its page numbers]]]."""
    return encode([name, [[value, list(pages)] for value, pages in sorted(values.items())]])


def _fragment(document: Document) -> str:
    """A page's fragment, as Pagefind writes it less the text it would search (`content`): the page's
    own text, which the results' excerpts are cut from, is in its metadata."""
    fragment = {"url": document.meta.get("url", ""), "content": "", "word_count": rounded(document.page.count),
                "filters": {k: list(v) for k, v in sorted(document.filters.items()) if v},
                "meta": dict(sorted(document.meta.items())), "anchors": []}
    return json.dumps(fragment, ensure_ascii=False, separators=(",", ":"))


def rounded(count: int, bits: int = 4) -> int:
    """`count` to its leading `bits` bits, the rest halfway: a page's word count, which ranking weighs
    against the mean, compresses when rounded (within 1/32)."""
    shift = max(count.bit_length() - bits, 0)
    return (count >> shift << shift) + (1 << shift >> 1)


def _pack(data: bytes, level: int = 9) -> bytes:
    return gzip.compress(SIGNATURE + data, level, mtime=0)


def _write_meta(out: Path, meta: list[Value], pages: int) -> None:
    """The metadata file, compressed with Zopfli (still gzip, and 26 % smaller than gzip's best: every
    search loads it), under a name of its own, which pagefind-entry.json gives."""
    data = zopfli.gzip.compress(SIGNATURE + encode(meta))
    name = f"{LANGUAGE}_{hashlib.sha256(data).hexdigest()[:11]}"
    (out / f"pagefind.{name}.pf_meta").write_bytes(data)
    entry = {"version": FORMAT, "languages": {LANGUAGE: {"hash": name, "wasm": None, "page_count": pages}},
             "include_characters": []}
    (out / "pagefind-entry.json").write_text(json.dumps(entry, separators=(",", ":")), encoding="utf-8")


def encode(value: Value) -> bytes:
    """`value` as CBOR, in the shortest form, as Pagefind writes it."""
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _TEXT[len(raw)] + raw
    if isinstance(value, list):
        return _ARRAY[len(value)] + b"".join(encode(item) for item in value)
    return _UINT[value] if value >= 0 else _NEGATIVE[-1 - value]


def decode(data: bytes, at: int = 0) -> tuple[Value, int]:
    """The CBOR item starting at `at` (in the subset Pagefind writes), and where the next one starts."""
    major, info = data[at] >> 5, data[at] & 0x1F
    at += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg, at = int.from_bytes(data[at:at + size], "big"), at + size
    else:
        raise ValueError(f"unsupported CBOR item (major type {major}, additional information {info})")
    if major == 0:
        return arg, at
    if major == 1:
        return -1 - arg, at
    if major == 3:
        return data[at:at + arg].decode("utf-8"), at + arg
    if major == 4:
        items: list[Value] = []
        for _ in range(arg):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR major type {major}")


def read(path: Path) -> Value:
    """A file of a bundle, decoded (a CBOR one; fragments are JSON)."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not Pagefind's")
    return decode(data, len(SIGNATURE))[0]
