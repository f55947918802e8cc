"""An old address as a former address of the new page (`previous_urls`), which the generated nginx
include answers with a 301.

Only a path can be redirected by a static server: the scheme and host are dropped (the old domain
must point at the new server), and an address whose page was chosen by its query string
(show.jsp?id=5) cannot be told apart from its neighbours, so it is reported, never guessed at.
The path is written %-encoded, within the grammar of server paths (`core.urlpath`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from gongkai.core import urlpath

_SESSION = re.compile(r";jsessionid=[^/]*", re.IGNORECASE)  # a Java server's session, never part of a page's address
_HOME = ("", "index.html", "index.htm", "index.shtml", "index.jsp", "index.php", "index.aspx", "default.aspx")


@dataclass(frozen=True)
class Address:
    original: str
    path: str = ""  # the path to redirect, %-encoded, without a leading slash; empty when it cannot be
    why: str = ""  # why it cannot be redirected, in Chinese

    @property
    def redirected(self) -> bool:
        return bool(self.path)


def former(url: str) -> Address:
    """The path of an old address for a 301, or why there is none."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return Address(text, why="不是网页地址（应以 http:// 或 https:// 开头，或是以 / 开头的路径）")
    if parts.query:
        return Address(text, why=f"带有查询参数「?{parts.query[:40]}」：静态网站服务器只按路径转向，无法区分同一路径下"
                                 "不同参数的页面，这个旧网址不会转向（信息照常导入）")
    try:
        path = quote(unquote(_SESSION.sub("", parts.path), errors="strict"), safe="/")
    except UnicodeDecodeError:
        return Address(text, why="路径中的百分号编码不是 UTF-8 文字（可能是 GBK 编码的网址），无法转向")
    path = path.lstrip("/")
    if path.lower() in _HOME:
        return Address(text, why="是原网站的首页，不为单条信息转向")
    reason = urlpath.problem(path)
    if reason:
        return Address(text, why=reason)
    return Address(text, path)
