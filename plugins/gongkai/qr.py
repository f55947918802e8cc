"""QR codes of entry pages: inline SVG made at build time, so a printed page leads back to its online
version without any third-party service.

Every code uses the same data mask. Any of the eight masks makes a valid code that every reader
decodes; scoring all eight to pick the one with the fewest look-alike patterns, as encoders do by
default, took segno 6.4 ms a code (64 s for 10,000 entries) against 1.9 ms with a fixed mask, and
the score matters little for a short URL shown large on a screen or printed. A page's address never
changes (it comes from the 索引号), so codes are also kept in a cache file beside mkdocs.yml and
made again only for new addresses.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import segno

LABEL = "本页网址的二维码："
MASK = 0  # see above
VERSION = f"segno {segno.__version__}, mask {MASK}, {LABEL}"  # codes cached under another version are made again


def svg(url: str) -> str:
    """The QR code of `url` as inline SVG (white quiet zone, scales with CSS), labelled with the URL."""
    label = LABEL + url
    code = segno.make(url, error="m", micro=False, mask=MASK)
    inline = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", title=label,
                             svgclass="gk-qr__code", lineclass=None)
    return str(inline).replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


class Cache:
    """QR codes by address, read from and written back to a JSON file (output is the same either way)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.codes: dict[str, str] = {}
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        if isinstance(saved, dict) and saved.get("version") == VERSION:
            self.codes = saved["codes"]
        self.used: set[str] = set()
        self.made = 0

    def svg(self, url: str) -> str:
        self.used.add(url)
        if url not in self.codes:
            self.codes[url] = svg(url)
            self.made += 1
        return self.codes[url]

    def keep(self, url: str, code: str | None) -> None:
        """Record that `url` was used, with its code if it was made elsewhere (in a forked process)."""
        self.used.add(url)
        if code is not None and url not in self.codes:
            self.codes[url] = code
            self.made += 1

    def save(self) -> None:
        """Keep the codes this build used, so the file does not grow with removed pages."""
        if not self.made and self.used == self.codes.keys():
            return
        kept = {url: self.codes[url] for url in sorted(self.used)}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"version": VERSION, "codes": kept}, ensure_ascii=False), encoding="utf-8")
