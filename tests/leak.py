"""Finding marker strings anywhere under a built site: in file names and in every byte,
gzip-compressed files (search chunks, precompressed pages) decompressed first."""

from __future__ import annotations

import contextlib
import gzip
import zlib
from pathlib import Path


def _payloads(data: bytes) -> list[bytes]:
    out = [data]
    if data[:2] == b"\x1f\x8b":
        out += _payloads(gzip.decompress(data))
    elif data[:1] == b"\x78":
        with contextlib.suppress(zlib.error):
            out += _payloads(zlib.decompress(data))
    return out


def leaks(site: Path, markers: list[str]) -> dict[str, list[str]]:
    """Marker -> the files under `site` that contain it (in their path or content)."""
    found: dict[str, list[str]] = {}
    encoded = {m: (m.encode("utf-8"), m.encode("unicode_escape")) for m in markers}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        blobs = _payloads(path.read_bytes()) if path.is_file() else []
        for marker, forms in encoded.items():
            if marker in rel or any(f in blob for blob in blobs for f in forms):
                found.setdefault(marker, []).append(rel)
    return found
