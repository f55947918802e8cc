"""Reading and rewriting Pagefind 1.5's output beyond what its own code reads.

- `chunk_ranges`: the index chunks' word ranges and sizes, from the metadata file, for the
  search page's choice of query words (search.chunk_starts). A prefix's longer words can fill
  several chunks; the page's search (gk-index.js) loads every chunk of a word's range.
- `merge`: two Pagefind runs over the same pages, holding different words, into one bundle
  (search.write_index).
- `compact`: the bundle rewritten for a smaller first search: ranges that send each word to one
  chunk, short names, rounded word counts, and fragments without the text the search never shows;
  it returns each page's metadata (for sorting by date).

The metadata file is gzip-compressed CBOR (RFC 8949) after a 12-byte signature; the subset read
and written here (definite-length arrays, text strings, integers) is all Pagefind writes there.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import zopfli.gzip

from .segment import base36

SIGNATURE = b"pagefind_dcd"
Value = int | str | list["Value"]


def chunk_ranges(pagefind: Path) -> list[tuple[str, str, int]]:
    """The first and last word of each index chunk, in order, with the chunk file's bytes."""
    return [(first, last, (pagefind / "index" / f"{name}.pf_index").stat().st_size)
            for first, last, name in _chunks(_layout(_read(_meta_file(pagefind))))]


def merge(bundle: Path, upper: Path, split: str) -> None:
    """Join the index chunks of `upper`, a Pagefind run over the same pages holding only words from
    `split` on, to `bundle`, a run holding the words below `split` and everything else (the pages'
    metadata, filters and fragments). The bundle's chunks keep the words below `split`: one reaching
    past it ends just below it (the words it holds there come from the metadata, which no query word
    matches), and one starting past it is dropped. The metadata file is written anew, under a new name."""
    meta, other = _layout(_read(_meta_file(bundle))), _layout(_read(_meta_file(upper)))
    if len(meta[1]) != len(other[1]):
        raise ValueError(f"the two Pagefind runs indexed {len(meta[1])} and {len(other[1])} pages")
    below = _below(split)
    chunks: list[Value] = []
    for first, last, name in _chunks(meta):
        if first >= split:
            (bundle / "index" / f"{name}.pf_index").unlink()
        else:
            chunks.append([first, min(last, below), name])
    for first, last, name in _chunks(other):
        if first < split:
            raise ValueError(f"the run above {split!r} holds the word {first!r}")
        target = bundle / "index" / f"{name}.pf_index"
        if target.exists():
            raise ValueError(f"both Pagefind runs wrote {target.name}")
        shutil.copyfile(upper / "index" / target.name, target)
        chunks.append([first, last, name])
    meta[2] = chunks
    _write_meta(bundle, meta)


def compact(bundle: Path, more: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """Rewrite `bundle` so that a first search fetches less (measured at 10,000 entries, see
    docs/search.md):

    - Each chunk's range reaches up to the next chunk's first word, as the search page takes it
      (a word between two of Pagefind's shortened ranges is in neither chunk's range otherwise).
    - Pages and chunks get short names: a tag of their content and a number. The metadata file every
      search loads lists them all; Pagefind's are seven random hex digits, which do not compress.
    - Each page's word count, which ranking weighs against the mean, keeps its four leading bits
      (within 1/32): exact counts do not compress either.
    - The fragments lose their `content`: the search words, which Pagefind keeps for its own
      excerpts. They gain the metadata in `more` (by the indexed file's URL) that Pagefind was not
      given: the original text the results' excerpts are cut from.
    - The metadata file is compressed with Zopfli: still gzip, and 26% smaller than at gzip's best
      level (2 s more).

    Returns each page's metadata by its id (as search results give it)."""
    meta = _layout(_read(_meta_file(bundle)))
    # The pages and chunks, named by Pagefind after their content. (Its filter files are named alike,
    # but their content is written in an order that differs from run to run.)
    tag = hashlib.sha256(_encode([meta[1], meta[2]])).hexdigest()[:6]
    chunks = [chunk for chunk in meta[2] if isinstance(chunk, list)]
    for number, chunk in enumerate(chunks):
        if number + 1 < len(chunks):
            chunk[1] = _below(str(chunks[number + 1][0]))
        chunk[2] = _rename(bundle / "index" / f"{chunk[2]}.pf_index", f"{tag}{base36(number)}")
    metas: dict[str, dict[str, str]] = {}
    for number, page in enumerate(meta[1]):
        if not (isinstance(page, list) and isinstance(page[1], int)):
            raise ValueError("unexpected Pagefind page entry")
        source = bundle / "fragment" / f"{page[0]}.pf_fragment"
        fragment = json.loads(gzip.decompress(source.read_bytes()).removeprefix(SIGNATURE))
        fragment["content"] = ""
        fragment["meta"] = dict(sorted({**fragment["meta"], **more.get(fragment["url"], {})}.items()))
        name = page[0] = f"{tag}{base36(number)}"
        page[1] = _rounded(page[1])
        text = json.dumps(fragment, ensure_ascii=False, separators=(",", ":"))
        source.with_stem(name).write_bytes(gzip.compress(SIGNATURE + text.encode("utf-8"), 9, mtime=0))
        source.unlink()
        metas[name] = fragment["meta"]
    _write_meta(bundle, meta, zopfli.gzip.compress)
    return metas


def _rename(path: Path, name: str) -> str:
    path.rename(path.with_stem(name))
    return name


def _rounded(count: int, bits: int = 4) -> int:
    """`count` to its leading `bits` bits, the rest halfway."""
    shift = max(count.bit_length() - bits, 0)
    return (count >> shift << shift) + (1 << shift >> 1)


def _below(word: str) -> str:
    """A string below `word` and above every word of ASCII letters and digits below `word`."""
    return word[:-1] + chr(ord(word[-1]) - 1) + "~"


def _write_meta(bundle: Path, meta: list[list[Value]],
                pack: Callable[[bytes], bytes] = lambda data: gzip.compress(data, mtime=0)) -> None:
    """`meta` as the bundle's metadata file, under a name of its own, which pagefind-entry.json gives."""
    old = _meta_file(bundle)
    data = pack(SIGNATURE + _encode([meta[0][0], *meta[1:]]))
    language = old.name.split(".")[1].split("_")[0]
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:11]}"
    old.unlink()
    (bundle / f"pagefind.{name}.pf_meta").write_bytes(data)
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry["languages"][language]["hash"] = name
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _decode(data: bytes, at: int) -> tuple[Value, int]:
    """The CBOR item starting at `at`, and where the next one starts."""
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
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unsupported CBOR major type {major}")


def _layout(meta: Value) -> list[list[Value]]:
    """Pagefind's metadata, each part a list: [version], pages, index chunks, filters, sorts, metadata fields."""
    if not (isinstance(meta, list) and len(meta) >= 3 and all(isinstance(part, list) for part in meta[1:])):
        raise ValueError("unexpected Pagefind metadata layout")
    return [part if isinstance(part, list) else [part] for part in meta]


def _chunks(meta: list[list[Value]]) -> list[tuple[str, str, str]]:
    return [(str(chunk[0]), str(chunk[1]), str(chunk[2])) for chunk in meta[2] if isinstance(chunk, list)]


def _meta_file(pagefind: Path) -> Path:
    metas = sorted(pagefind.glob("pagefind.*.pf_meta"))
    if len(metas) != 1:
        raise ValueError(f"expected one Pagefind metadata file in {pagefind}, found {len(metas)}")
    return metas[0]


def _read(path: Path) -> Value:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path} is not Pagefind metadata")
    return _decode(data, len(SIGNATURE))[0]


def _encode(value: Value) -> bytes:
    """`value` as CBOR, in the shortest form, as Pagefind writes it."""
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    return _head(0, value) if value >= 0 else _head(1, -1 - value)


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    size = next(n for n in (1, 2, 4, 8) if arg < 1 << (8 * n))
    return bytes([major << 5 | (24 + size.bit_length() - 1)]) + arg.to_bytes(size, "big")
