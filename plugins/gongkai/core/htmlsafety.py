"""Raw HTML in Markdown must not run code, pull in other sites, or hide text in the page source.

This module is also the one place where HTML is vouched for (`vouched`): the theme's templates are
rendered with Jinja's autoescape on, so every value from content/, catalogue.yml and mkdocs.yml is
escaped exactly once where it is printed, and only HTML checked here or made by the project itself
(an SVG it drew, JSON escaped for a script element) is printed as it is. Titles are plain text
(`text`) before any template sees them.

It inspects each page's rendered HTML (raw HTML in Markdown passes into it unchanged), so every
way of writing a link — inline, reference, autolink, raw tag — is covered. It works by
allow-list: only ordinary content elements are accepted, which also rules out the elements that
browsers parse differently from Python's HTMLParser (textarea, title, noscript, style, svg,
math, template…), where markup hidden in one parser's attribute is live in the other's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

from markupsafe import Markup

ALLOWED_TAGS = frozenset("""
a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure
h1 h2 h3 h4 h5 h6 hr i iframe img ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody
td tfoot th thead time tr u ul var wbr audio video source track
""".split())
_URL_ATTRS = frozenset({"href", "src", "cite", "poster", "data", "action", "formaction", "background", "longdesc"})
_LOADING_ATTRS = frozenset({"src", "poster", "data", "background"})  # fetched by the browser as the page loads
_SAFE_SCHEMES = frozenset({"", "http", "https", "mailto", "tel"})
_STYLE_LOADS = re.compile(r"url\s*\(|@import|expression\s*\(|\\", re.IGNORECASE)
_UNFINISHED = re.compile(r"<(?:[A-Za-z/!?]|$)")


class _Checker(HTMLParser):
    def __init__(self, own_host: str) -> None:
        # Entities arrive separately, so any "<" left in text data is a tag the parser could not finish.
        super().__init__(convert_charrefs=False)
        self.own_host = own_host
        self.found: list[tuple[str, str]] = []  # (what, the markup it is in, as written)
        self.in_iframe = False

    def _say(self, what: str, markup: str | None = None) -> None:
        self.found.append((what, markup if markup is not None else self.get_starttag_text() or ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside_iframe(f"<{tag}>")
        if tag not in ALLOWED_TAGS:
            self._say(f"不允许使用 <{tag}> 元素")
            return
        for name, value in attrs:
            if name.startswith("on") or name in ("srcdoc", "ping"):
                self._say(f"<{tag}> 的 {name} 属性会执行代码或向其他网站发送请求，不允许使用")
            elif name == "style" and value and _STYLE_LOADS.search(value):
                self._say(f"<{tag}> 的 style 属性中不能用 url()、@import 或 expression() 加载内容")
            elif name == "srcset" and value:
                for candidate in value.split(","):
                    self._url(tag, "src", candidate.strip().split(" ")[0])
            elif name in _URL_ATTRS and value is not None:
                self._url(tag, name, value)
        self.in_iframe = tag == "iframe"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_iframe = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "iframe":
            self.in_iframe = False
        else:
            self._inside_iframe(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self._inside_iframe("文字")
        unfinished = _UNFINISHED.search(data)
        if unfinished:
            self._say("有不完整或无法识别的 HTML 标签（以“<”开头却没有正确结束），浏览器可能把它当作代码执行",
                      data[unfinished.start():unfinished.start() + 12])

    def unknown_decl(self, data: str) -> None:
        self._say("不允许使用 <![CDATA[ … ]]> 等声明", "<![")

    def handle_comment(self, data: str) -> None:
        self._say("含有 HTML 注释 <!-- … -->，注释虽不显示，但任何人都能在网页源代码中看到，请删除", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._say(f"不允许使用 <!{decl[:20]}> 声明", f"<!{decl[:10]}")

    def handle_pi(self, data: str) -> None:
        self._say("不允许使用 <? … > 处理指令", "<?")

    def _inside_iframe(self, what: str) -> None:
        if self.in_iframe:
            self._say(f"<iframe> 内不能有内容（发现 {what}）", "<iframe")
            self.in_iframe = False

    def _url(self, tag: str, name: str, value: str) -> None:
        # Browsers drop control characters and whitespace inside URLs and read "\" as "/".
        cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).replace("\\", "/")
        try:
            parts = urlsplit(cleaned)
        except ValueError:
            self._say(f"<{tag}> 的 {name} 属性中的地址「{value[:40]}」格式有误", value)
            return
        if parts.scheme.lower() in ("http", "https") and not parts.netloc:
            self._say(f"<{tag}> 的 {name} 属性中的地址「{value[:40]}」写法不规范，应写成 https://主机名/… 或站内地址", value)
        elif parts.scheme.lower() not in _SAFE_SCHEMES:
            self._say(f"<{tag}> 的 {name} 属性使用了不允许的地址「{value[:40]}」（只允许 http、https、mailto、tel 和站内地址）",
                      value)
        elif parts.netloc and parts.netloc.lower() != self.own_host.lower() and (name in _LOADING_ATTRS):
            self._say(f"<{tag}> 引用了其他网站（{parts.netloc}）的内容；网站不得从其他网站加载内容", value)


_MD_URLS = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?\s*$|<([a-z][a-z0-9+.-]*:[^>\s]*)>",
                      re.MULTILINE | re.IGNORECASE)


def malformed_urls(markdown: str) -> list[str]:
    """Link addresses in Markdown that cannot be parsed at all (MkDocs would crash on them)."""
    bad = []
    for m in _MD_URLS.finditer(markdown):
        url = next(g for g in m.groups() if g is not None)
        try:
            urlsplit(url)
        except ValueError:
            bad.append(url)
    return bad


def problems(html: str, own_host: str = "") -> list[tuple[str, str]]:
    """What in `html` could run code, load another site or hide text, in Chinese, each with the markup
    it is in as written (to find it in the editor's file); empty when safe."""
    checker = _Checker(own_host)
    checker.feed(html)
    checker.close()
    return list(dict.fromkeys(checker.found))


_INLINE = frozenset("a abbr b bdi bdo cite code del dfn em i ins kbd mark q s samp small span strong sub sup time u "
                    "var wbr".split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INLINE:
            self.parts.append("\n")
        self.parts += [f"\n{value}\n" for name, value in attrs if name in ("title", "alt", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data.replace("\n", " "))  # a soft line break reads as a space


def page_text(html: str) -> str:
    """The text a reader sees: entities decoded, inline markup joined (so 1101<b>0307</b>… reads as one
    number), block boundaries kept apart."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


_CODE = re.compile(r"<(pre|code)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# Link syntax a reader sees as text: Markdown inside an HTML block, full-width brackets, a space between.
_SHOWN_LINK = re.compile(r"[\[［]([^\[\]［］\n]{1,100})[\]］][ \t]*[（(]([^()（）\n]{1,300})[)）]")


def unrendered_links(html: str) -> list[tuple[str, str]]:
    """Each link an editor wrote that the page shows as text instead (its text, and all of it as
    shown), outside code."""
    return [(m.group(1), m.group(0)) for m in _SHOWN_LINK.finditer(page_text(_CODE.sub("", html)))]


_SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
_DATA_TYPE = re.compile(r"""\btype\s*=\s*["']?application/(?:ld\+)?json\b""", re.IGNORECASE)
_HAS_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# A start tag that could hold an event handler or a script address (entities could spell one), a <base>,
# a meta refresh; the first look of `executable`, which parses only these tags.
_RISKY_TAG = re.compile(r"""<(?i:base)\b[^>]*>|<(?i:meta)\b[^>]*(?i:http-equiv)[^>]*>"""
                        r"""|<[a-zA-Z][^>]*?(?:[\s/"'][oO][nN][a-zA-Z]|[sS][cC][rR][iI][pP][tT]|&#|&[a-zA-Z]+;)[^>]*>""")


def executable(page: str) -> list[str]:
    """What in a built page could run code or send the reader to another page, none of which the theme
    writes: inline scripts (data blocks aside), event handlers, script URLs, <base>, a meta refresh.
    Fast enough for every page of a build: only start tags that could hold one are parsed."""
    found = ["内联脚本（<script> 元素中的代码）" for m in _SCRIPT_TAG.finditer(page)
             if not _HAS_SRC.search(m.group(1)) and not _DATA_TYPE.search(m.group(1))]
    found += [what for tag in _RISKY_TAG.findall(page) for what in _risky(tag)]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)  # the theme's tags recur on every page
def _risky(tag: str) -> tuple[str, ...]:
    parser = _Executable()
    parser.feed(tag)
    parser.close()
    return tuple(parser.found)


class _Executable(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "base":
            self.found.append("<base> 元素（会改变页面上所有链接的去向）")
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            self.found.append("<meta http-equiv=\"refresh\">（会把读者自动带到其他页面）")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"<{tag}> 的事件属性 {name}（会执行代码）")
            elif name in _URL_ATTRS | {"xlink:href"} and re.sub(r"[\x00-\x20\x7f]", "", value).lower().startswith(
                    ("javascript:", "vbscript:")):
                self.found.append(f"<{tag}> 的 {name} 中的脚本地址（会执行代码）")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


_ADDRESS = re.compile(r"""\b(?:href|src|srcset|poster|cite|data|action|formaction|background|longdesc)\s*=\s*"""
                      r"""(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def addresses(html: str) -> str:
    """Every address in a fragment of HTML, a line each: a reader follows them, and `page_text` leaves
    them out."""
    return "\n".join("".join(groups) for groups in _ADDRESS.findall(html))


def text(fragment: object) -> str:
    """What a reader sees of a fragment of HTML (a title from front matter or a first heading), on one
    line: tags dropped, entities decoded, whitespace collapsed."""
    return " ".join(page_text(str(fragment)).split())


def vouched(html: str) -> Markup:
    """HTML that templates print as it is: a page's content once `problems` found nothing in it, or
    markup the project made itself from escaped values (an SVG, JSON for a script element)."""
    return Markup(html)
