"""Links as editors write them: relative to the file they are writing, to another content file (`.md`),
an attachment, any file in content/, or an entry by its 索引号 (`索引号:11990000MB4567890D-2026-00013`).

An entry's page is published at an address its 索引号 gives it, and its attachments beside it, so a
link written from the editor's file is rewritten to what it points at as published. A link MkDocs
would understand as it is (an address of the built site) is left alone once it is found to exist.
Every link that leads nowhere, or to something withheld (a link would reveal it), is a problem at its
line, with the closest files that exist.

Links are found in Markdown's inline links and images, reference definitions, and the `href`/`src`
of raw HTML `<a>` and `<img>` tags; never in code.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from gongkai.core import relations, validate

INDEX_PREFIX = "索引号"  # the short form: [通知](索引号:XXXX) or (索引号：XXXX)
_SHORT = re.compile(rf"{INDEX_PREFIX}\s*[:：]\s*([^#?]+?)\s*(#.*)?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:\n {0,3}\1[`~]*[ \t]*(?=\n|\Z)|\Z)", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)  # never across paragraphs
# A link's text: any line breaks but a blank line, one level of brackets inside (an image in a link).
_TEXT = r"\[(?P<text>(?:[^\[\]\\\n]|\\.|\n(?![ \t]*\n)|\[[^\[\]\n]*\])*)\]"
# Its address: in <…>, or bare (spaces allowed, as Markdown reads them when no title follows), then a title.
_ADDRESS = r"(?:<(?P<angled>[^<>\n]*)>|(?P<bare>(?:[^\n()\\]|\\.|\([^\n()]*\))+?))"
_TITLE = r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?"""
_INLINE = re.compile(_TEXT + r"\(\s*" + _ADDRESS + _TITLE + r"\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))", re.MULTILINE)
_TAG = re.compile(r"<(?:a|img|video|audio|source|track|iframe)\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""\b(?:href|src|poster)\s*=\s*(?:"(?P<double>[^"]*)"|'(?P<single>[^']*)'|(?P<bare>[^\s"'=<>`]+))""",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    start: int  # where the address stands in the text
    end: int
    url: str
    html: bool = False  # in a raw HTML tag, which MkDocs leaves as written: it gets the address itself

    def line(self, text: str) -> int:
        """The 0-based line of the text the address is on."""
        return text.count("\n", 0, self.start)


def find(text: str) -> list[Link]:
    """Every link address in Markdown `text`, in order, outside code blocks and code spans."""
    masked = _masked(text)
    found = _markdown(text, masked, 0, len(masked)) + _definitions(text, masked)
    for tag in _TAG.finditer(masked):
        for m in _ATTR.finditer(masked, tag.start(), tag.end()):
            group = next(g for g in ("double", "single", "bare") if m.group(g) is not None)
            found.append(Link(m.start(group), m.end(group), text[m.start(group):m.end(group)], html=True))
    return sorted(found, key=lambda link: link.start)


def _markdown(text: str, masked: str, start: int, end: int) -> list[Link]:
    """Inline links and images between `start` and `end`, and those inside their text ([![图](a)](b))."""
    found = []
    for m in _INLINE.finditer(masked, start, end):
        group = "angled" if m.group("angled") is not None else "bare"
        address = text[m.start(group):m.end(group)]
        trimmed = address.rstrip()
        found.append(Link(m.start(group), m.start(group) + len(trimmed), trimmed))
        found += _markdown(text, masked, m.start("text"), m.end("text"))
    return found


def _definitions(text: str, masked: str) -> list[Link]:
    found = []
    for m in _DEFINITION.finditer(masked):
        group = "angled" if m.group("angled") is not None else "bare"
        found.append(Link(m.start(group), m.end(group), text[m.start(group):m.end(group)]))
    return found


def _masked(text: str) -> str:
    """`text` with code blocks and code spans blanked out (newlines kept, so offsets and lines hold)."""
    def blank(m: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))
    return _CODE_SPAN.sub(blank, _FENCE.sub(blank, text))


@dataclass(frozen=True)
class Addresses:
    """What links can reach, from one build's model and files; paths are src_uris inside content/ (the
    editors' files) or of the built site's files (MkDocs' src_uri and dest_uri)."""

    published: Mapping[str, str]  # editor's file -> the site file it is published as
    hidden: Mapping[str, str]  # editor's file that is not published -> why (a Chinese clause)
    by_index: Mapping[str, str]  # 索引号 -> the site file of the entry's page
    hidden_index: Mapping[str, str]  # 索引号 of an entry not published -> why
    dest: Mapping[str, str]  # every file the built site will hold: dest_uri -> its src_uri in the build
    urls: Mapping[str, str]  # every file of the build: src_uri -> its address in the site
    owned: frozenset[str] = frozenset()  # the catalogue's folders: a file there is published only as an attachment
    base: str = "/"  # the path the site is served under
    editable: frozenset[str] = frozenset()  # every editor's file (src_uri), for suggestions
    docs_name: str = "content"


@dataclass(frozen=True)
class Page:
    """The page whose links are resolved: the editor's file, the site file it becomes, its address."""

    source: str  # src_uri inside content/
    site_file: str  # the page's src_uri in the build
    url: str  # its address relative to the site's root, as MkDocs gives it ("" for the home page)


@dataclass(frozen=True)
class Broken:
    link: Link
    message: str  # Chinese, without the file name or line


@dataclass(frozen=True)
class Anchor:
    """A link to a place on a page of the site (this one, too), checked once every page is converted."""
    link: Link
    site_file: str  # the target page's src_uri in the build
    anchor: str


@dataclass(frozen=True)
class Rewritten:
    text: str
    broken: list[Broken]
    anchors: list[Anchor]


@dataclass(frozen=True)
class _Resolved:
    written: str | None = None  # what to write instead of the address (None: keep it)
    problem: str = ""
    site_file: str | None = None  # the file of the build it reaches, when known
    anchor: str = ""


def rewrite(text: str, page: Page, addresses: Addresses) -> Rewritten:
    """`text` with each link written from the editor's file changed to what MkDocs will find from the
    page's site file; every link that reaches nothing public; the anchors on pages linked to. A broken
    Markdown link is left as an anchor to the page itself, so that MkDocs does not complain of it too (the
    build stops on the problem); one in raw HTML is left as written, for the HTML's own check."""
    out: list[str] = []
    broken, anchors, last = [], [], 0
    for link in find(text):
        found = _resolve(link.url.strip(), page, addresses, link.html)
        written = ("#" if not link.html else None) if found.problem else found.written  # raw HTML stays for its own check
        if found.problem:
            broken.append(Broken(link, found.problem))
        elif found.anchor and found.site_file:
            anchors.append(Anchor(link, found.site_file, found.anchor))
        if written is not None and written != link.url:
            out += [text[last:link.start], written]
            last = link.end
    out.append(text[last:])
    return Rewritten("".join(out), broken, anchors)


def reach(url: str, page: Page, addresses: Addresses) -> tuple[str | None, str]:
    """The file of the build a link written on `page` reaches (None for other sites), or why it reaches
    nothing public."""
    found = _resolve(url.strip(), page, addresses, html=False)
    return found.site_file, found.problem


def _resolve(url: str, page: Page, addresses: Addresses, html: bool) -> _Resolved:
    short = _SHORT.fullmatch(url)
    if short:
        return _by_index(short.group(1).strip(), short.group(2) or "", page, addresses, html)
    if url.startswith("#") and len(url) > 1:
        return _Resolved(site_file=page.site_file, anchor=unquote(url[1:]))  # a place on this page
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return _Resolved()
    address, _, anchor = url.partition("#")
    address, query, _ = address.partition("?")
    tail = f"{'?' + query if query else ''}{'#' + anchor if anchor else ''}"
    path = unquote(address)
    if "\\" in path:
        return _Resolved(problem=f"链接「{url}」中用了反斜杠“\\”，请改用“/”分隔目录，如 ../2022/通知.md。")
    if path.startswith("/"):
        served = _served(path, addresses)
        return _Resolved(site_file=served, anchor=unquote(anchor)) if served else _Resolved(
            problem=f"链接「{url}」指向的网址在本网站中不存在。{_how()}")
    source = posixpath.normpath(posixpath.join(posixpath.dirname(page.source), path))
    if path.endswith("/") or source == ".":  # a folder: its index page, when it has one
        source = posixpath.normpath(f"{source}/index.md")
    if source in addresses.published:
        target = addresses.published[source]
        return _Resolved(_written(target, page, addresses, html) + tail, site_file=target, anchor=unquote(anchor))
    if source in addresses.hidden:
        return _Resolved(problem=f"链接「{url}」指向的 {addresses.docs_name}/{source} {addresses.hidden[source]}。"
                                 "公开页面不能链接到它（链接会暴露这份文件），请删除这个链接。")
    if source in addresses.editable and source.split("/", 1)[0] in addresses.owned:
        return _Resolved(problem=f"链接「{url}」指向的 {addresses.docs_name}/{source} 不会发布：这个目录中的文件只有被条目"
                                 "列为附件（attachments）才会发布。请把它列入本条目的 attachments，或删除这个链接。")
    reached = _reached(path, page, addresses)
    if reached:
        return _Resolved(site_file=reached, anchor=unquote(anchor))
    if source.startswith("../"):
        return _Resolved(problem=f"链接「{url}」指向 {addresses.docs_name}/ 目录之外的文件，它不会发布。请只链接 "
                                 f"{addresses.docs_name}/ 中的文件。")
    if source.endswith("/index.md"):
        folder = source.removesuffix("index.md")
        if any(p.startswith(folder) for p in addresses.editable):
            return _Resolved(problem=f"链接「{url}」指向的是文件夹 {addresses.docs_name}/{folder}，文件夹本身没有页面。"
                                     "请链接到其中的某个文件。")
        return _Resolved(problem=f"链接「{url}」指向的页面不存在（按本文件所在目录算，应是 {addresses.docs_name}/{folder}）。{_how()}")
    return _Resolved(problem=_missing(url, source, page, addresses))


def _by_index(index_no: str, tail: str, page: Page, addresses: Addresses, html: bool) -> _Resolved:
    if index_no in addresses.by_index:
        target = addresses.by_index[index_no]
        return _Resolved(_written(target, page, addresses, html) + tail, site_file=target, anchor=unquote(tail[1:]))
    if index_no in addresses.hidden_index:
        return _Resolved(problem=f"链接「{INDEX_PREFIX}:{index_no}」指向的条目{addresses.hidden_index[index_no]}。"
                                 "公开页面不能链接到它（链接会暴露这份文件），请删除这个链接。")
    close = relations.typos(index_no, addresses.by_index)
    hint = f"是否想写：{'、'.join(close)}？" if close else "请核对索引号。"
    return _Resolved(problem=f"链接「{INDEX_PREFIX}:{index_no}」中的索引号不存在：没有公开条目使用这个索引号。{hint}")


def _written(target: str, page: Page, addresses: Addresses, html: bool) -> str:
    """`target` (a file of the build) as a link from the page: for Markdown, its path from the page's
    site file (MkDocs makes the address); in raw HTML, which MkDocs leaves alone, its address from the
    page's. Spaces escaped."""
    if not html:
        return posixpath.relpath(target, posixpath.dirname(page.site_file) or ".").replace(" ", "%20")
    url, here = addresses.urls[target], _folder(page.url)
    return (posixpath.relpath(url or ".", here or ".") + ("/" if url.endswith("/") or not url else "")).replace(" ", "%20")


def _reached(path: str, page: Page, addresses: Addresses) -> str | None:
    """The build's file at `path` read as the built site reads it (relative to the page's address)."""
    return _at(posixpath.normpath(posixpath.join(_folder(page.url), path)), path.endswith("/"), addresses.dest)


def _folder(url: str) -> str:
    """The folder a page's relative links start from: the page's address with directory URLs."""
    return url if url.endswith("/") or not url else posixpath.dirname(url) + "/"


def _served(path: str, addresses: Addresses) -> str | None:
    if not path.startswith(addresses.base):
        return None
    return _at(path[len(addresses.base):] or ".", path.endswith("/"), addresses.dest)


def _at(target: str, folder: bool, dest: Mapping[str, str]) -> str | None:
    """The build's file published at `target` (a path in the site), or at its folder's index.html."""
    if target.startswith(".."):
        return None
    target = "" if target == "." else target
    index = posixpath.join(target, "index.html")
    return dest.get(index) if folder else dest.get(target) or dest.get(index)


def _missing(url: str, source: str, page: Page, addresses: Addresses) -> str:
    """Why `url` reaches nothing, with the editor's files whose names are closest (same kind of file)."""
    other = _other_kind(url)
    if other:
        return f"链接「{url}」不是本网站中的文件。{other}"
    here = posixpath.dirname(page.source) or "."
    close = _closest(source, addresses.editable)
    hint = f"是否想写：{'、'.join(f'「{posixpath.relpath(p, here)}」' for p in close)}？" if close else ""
    return (f"链接「{url}」指向的文件不存在（按本文件所在目录算，应在 {addresses.docs_name}/{source}）。{hint}{_how()}"
            f"{validate.odd_characters(url)}")


def _other_kind(url: str) -> str:
    """What a link that is no file may have meant: an e-mail address, a website."""
    if "@" in url and "/" not in url:
        return f"如果这是电子邮箱，请写成 mailto:{url}。"
    if re.match(r"(?:www\.|[a-z0-9-]+\.(?:gov|com|org|net|edu)\.cn\b)", url, re.IGNORECASE):
        return f"如果这是其他网站的网址，请在前面加上 https://，写成 https://{url}。"
    return ""


def _closest(source: str, files: frozenset[str]) -> list[str]:
    """Up to three files named like `source` (its name in another folder or case first), nearest folder first."""
    name = posixpath.basename(source).lower()
    stem, suffix = posixpath.splitext(name)
    kind = [p for p in sorted(files) if posixpath.splitext(p)[1].lower() == suffix]
    stems: dict[str, list[str]] = {}
    for p in kind:
        stems.setdefault(posixpath.splitext(posixpath.basename(p))[0].lower(), []).append(p)
    names = difflib.get_close_matches(stem, list(stems), n=3, cutoff=0.6)
    found = [p for n in names for p in stems[n] if p != source]
    folder = posixpath.dirname(source)
    return sorted(found, key=lambda p: (posixpath.basename(p).lower() != name, posixpath.dirname(p) != folder))[:3]


def _how() -> str:
    return (f"链接请写相对于本文件的路径，如 [通知](../2022/通知.md)、[表格](fujian/表格.pdf)，"
            f"或按索引号写作 [通知]({INDEX_PREFIX}:该文件的索引号)。")
