"""QR codes of entry pages: inline SVG made at build time, so a printed page leads back to its online
version without any third-party service."""

from __future__ import annotations

import html

import segno

LABEL = "本页网址的二维码："


def svg(url: str) -> str:
    """The QR code of `url` as inline SVG (white quiet zone, scales with CSS), labelled with the URL."""
    label = LABEL + url
    code = segno.make(url, error="m", micro=False)
    inline = code.svg_inline(scale=1, border=4, omitsize=True, dark="#000", light="#fff", title=label,
                             svgclass="gk-qr__code", lineclass=None)
    return str(inline).replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)
