"""What the search page needs from Pagefind's output: the index chunks' word ranges from its
metadata file (`pagefind/pagefind.*.pf_meta`), and each page's date from its fragment.

Pagefind's browser code loads, for a query word, the index chunks whose range of words holds it,
and matches the word as a prefix of the words loaded. A prefix's longer words (a query's lone Han
character, whose page words are that character and the next) can fill several chunks, and only
the first is loaded (measured at 10,000 entries: 9,517 of the 10,000 entries containing 理 found).
Since Pagefind matches against every chunk already loaded, the search page loads all the chunks
of a word's range first; for that it needs the chunks' ranges, which only this file holds. It is gzip-compressed CBOR (RFC 8949) after a 12-byte signature; the subset read
here (definite-length arrays, text strings, integers) is all Pagefind writes.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
Value = int | str | list["Value"]


def chunk_ranges(pagefind: Path) -> list[tuple[str, str]]:
    """The first and last word of each index chunk, in order."""
    metas = sorted(pagefind.glob("pagefind.*.pf_meta"))
    if len(metas) != 1:
        raise ValueError(f"expected one Pagefind metadata file in {pagefind}, found {len(metas)}")
    data = gzip.decompress(metas[0].read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{metas[0]} is not Pagefind metadata")
    meta, _ = _decode(data, len(SIGNATURE))
    assert isinstance(meta, list) and isinstance(meta[2], list), "unexpected Pagefind metadata layout"
    return [(str(chunk[0]), str(chunk[1])) for chunk in meta[2] if isinstance(chunk, list)]


def page_dates(pagefind: Path) -> dict[str, str]:
    """Pagefind's page ids (as search results give them) and the `date` metadata of the pages with one."""
    out = {}
    for path in (pagefind / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE)
        date = json.loads(data)["meta"].get("date")
        if date:
            out[path.stem] = date
    return out


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
