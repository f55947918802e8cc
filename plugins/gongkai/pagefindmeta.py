"""Reading and rewriting Pagefind 1.5's output beyond what its own code reads.

- `chunk_ranges`: the index chunks' word ranges, from the metadata file. Pagefind's browser code
  loads, for a query word, only the chunk whose range holds it, then matches the word as a prefix
  of the words loaded; a prefix's longer words can fill several chunks (measured at 10,000
  entries: 9,517 of the 10,000 entries containing 理 found). The search page therefore loads every
  chunk of a word's range first, from these ranges (search.chunk_lookups).
- `page_dates`: each page's date, from its fragment, for sorting by date.
- `merge`: two Pagefind runs over the same pages, holding different words, into one bundle
  (search.write_index).

The metadata file is gzip-compressed CBOR (RFC 8949) after a 12-byte signature; the subset read
and written here (definite-length arrays, text strings, integers) is all Pagefind writes there.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
Value = int | str | list["Value"]


def chunk_ranges(pagefind: Path) -> list[tuple[str, str]]:
    """The first and last word of each index chunk, in order."""
    return [(first, last) for first, last, _ in _chunks(_layout(_read(_meta_file(pagefind))))]


def page_dates(pagefind: Path) -> dict[str, str]:
    """Pagefind's page ids (as search results give them) and the `date` metadata of the pages with one."""
    out = {}
    for path in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE)
        date = json.loads(data)["meta"].get("date")
        if date:
            out[path.stem] = date
    return out


def merge(bundle: Path, upper: Path, split: str) -> None:
    """Join the index chunks of `upper`, a Pagefind run over the same pages holding only words from
    `split` on, to `bundle`, a run holding the words below `split` and everything else (the pages'
    metadata, filters and fragments). The bundle's chunks keep the words below `split`: one reaching
    past it ends just below it (the words it holds there come from the metadata, which no query word
    matches), and one starting past it is dropped. The metadata file is written anew, under a new name."""
    old = _meta_file(bundle)
    meta, other = _layout(_read(old)), _layout(_read(_meta_file(upper)))
    if len(meta[1]) != len(other[1]):
        raise ValueError(f"the two Pagefind runs indexed {len(meta[1])} and {len(other[1])} pages")
    below = split[:-1] + chr(ord(split[-1]) - 1) + "~"  # above every word below `split`, below `split`
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
    data = gzip.compress(SIGNATURE + _encode([meta[0][0], *meta[1:]]), mtime=0)
    language = old.name.split(".")[1].split("_")[0]
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:11]}"
    (bundle / f"pagefind.{name}.pf_meta").write_bytes(data)
    old.unlink()
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
