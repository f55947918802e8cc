"""Raw HTML in Markdown must not run code: no scripts, no event handlers, no javascript: URLs,
no frames or embedded objects from other hosts, no base or meta tags that redirect the page.

It inspects each page's rendered HTML (raw HTML in Markdown passes into it unchanged), so every
way of writing a link — inline, reference, autolink, raw tag — is covered.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcdoc"}
_CODE_SCHEMES = re.compile(r"^(javascript|vbscript|data:text/html)", re.IGNORECASE)
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet"}
_FORBIDDEN = {"script": "<script> 脚本", "base": "<base> 元素", "meta": "<meta> 元素"}


class _Checker(HTMLParser):
    def __init__(self, own_host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN:
            self.found.append(f"不允许使用 {_FORBIDDEN[tag]}")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag}> 的 {name} 属性会执行脚本，不允许使用")
            elif name in _URL_ATTRS and value is not None:
                self._url(tag, name, value)

    handle_startendtag = handle_starttag

    def _url(self, tag: str, name: str, value: str) -> None:
        cleaned = re.sub(r"[\x00-\x20]", "", value)
        if _CODE_SCHEMES.match(cleaned) or name == "srcdoc":
            self.found.append(f"<{tag}> 的 {name} 属性含有可执行的地址「{value[:40]}」")
        elif tag in _EMBEDS:
            host = urlsplit(cleaned).netloc
            if host and host != self.own_host:
                self.found.append(f"<{tag}> 嵌入了其他网站（{host}）的内容")


def problems(html: str, own_host: str = "") -> list[str]:
    """What in `html` could run code or pull in another site, in Chinese; empty when safe."""
    checker = _Checker(own_host)
    checker.feed(html)
    checker.close()
    return list(dict.fromkeys(checker.found))
