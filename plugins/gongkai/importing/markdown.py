"""An old body (HTML, or plain text) as the Markdown of a content file, with the files it links to.

markdownify does the conversion (tables stay tables, text is escaped so that nothing in it becomes
markup or raw HTML); before it, the body is made fit for the new site, where a strict build checks
every link and allows no image from another host:

- a link or image to a file in the source folder becomes an attachment of the entry, and the link
  points at it where the entry's attachments are published (`<slug>/<name>`, which resolves both
  from the editor's file and from the entry's page);
- a relative link to another page of the old site becomes an absolute address on the old site
  (which the new server redirects) when import.yml gives `old_site`, else plain text;
- an image from another host, a script, a 字体 大中小 / 分享 / 打印 bar are dropped;
- with cleaning, text nodes lose copy-paste noise and empty paragraphs go (cleaning.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString
from markdownify import MarkdownConverter

from gongkai.core.validate import publishable
from gongkai.importing import cleaning
from gongkai.importing.cleaning import Changes

_CONVERTER = MarkdownConverter(heading_style="ATX", escape_misc=True, table_infer_header=True, bullets="-",
                               keep_inline_images_in=["td", "th"], strip=["iframe", "object", "embed", "form"])
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")
_NOISE = re.compile(r"^[【\[]?\s*(字体|字号)[:：]?.{0,12}[大中小].{0,12}$|^(分享到?|打印(本页)?|关闭(窗口)?|【?\s*(打印|关闭)\s*】?)"
                    r"([:：\s|【】]*(分享到?|打印(本页)?|关闭(窗口)?|收藏|返回顶部))*[:：]?$")
_DROP = ("script", "style", "noscript", "template", "button", "input", "select", "textarea")
_HAS_DROPPED = re.compile(rf"<\s*(?:{'|'.join(_DROP)})\b", re.IGNORECASE)
_HAS_NOISE = re.compile(r"字体|字号|分享|打印|关闭")
_HAS_LINKS = re.compile(r"<\s*(?:a|img)\b", re.IGNORECASE)
_NAME_CHARS = re.compile(r"[^\w.（）()\-]+")


@dataclass(frozen=True)
class LinkedFile:
    source: Path  # the file in the source folder
    title: str
    name: str  # its file name beside the entry


@dataclass
class Body:
    markdown: str
    files: list[LinkedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was changed that the report should say
    changes: Changes = field(default_factory=Changes)


@dataclass(frozen=True)
class Where:
    """Where the body's links lead: the source folder, the entry's attachment folder, the old site."""
    folder: Path  # relative links and names are looked for here
    root: Path  # no file outside it is taken
    slug: str  # the entry's attachment folder, as the body links it
    page: str = ""  # the old address of the page itself (relative links resolve against it)
    old_site: str = ""


def is_html(text: str) -> bool:
    return bool(_TAG.search(text))


def convert(text: str, where: Where, clean: bool, html_body: bool | None = None, taken: set[Path] | None = None) -> Body:
    """The body as Markdown; `taken` holds files already attached (by another field), never twice."""
    body = Body("")
    source = text if (is_html(text) if html_body is None else html_body) else _paragraphs(text)
    soup = BeautifulSoup(source, "html.parser")
    # Each pass walks the whole tree: it runs only when the source shows it has something to do.
    if _HAS_DROPPED.search(source):
        for tag in soup.find_all(_DROP):
            tag.decompose()
    if _HAS_NOISE.search(source):
        _drop_noise(soup)
    if _HAS_LINKS.search(source):
        _links(soup, where, body, taken if taken is not None else set(), set())
    _text(soup, clean, body.changes)
    body.markdown = cleaning.tidy(_CONVERTER.convert_soup(soup)) if soup.get_text().strip() or soup.find("img") else ""
    return body


def _paragraphs(text: str) -> str:
    """Plain text as HTML paragraphs, one a line, so that the converter escapes it like any text."""
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.replace("\r\n", "\n").split("\n"))


def _drop_noise(soup: BeautifulSoup) -> None:
    """A page's tool bars (字体 大 中 小, 分享, 打印, 关闭) pasted into its body."""
    for tag in soup.find_all(["div", "p", "span", "td", "li"]):
        if not tag.decomposed and len(tag.get_text()) < 60 and _NOISE.match(tag.get_text().strip()):
            tag.decompose()


def _links(soup: BeautifulSoup, where: Where, body: Body, taken: set[Path], names: set[str]) -> None:
    for tag in soup.find_all("a"):
        _link(tag, where, body, taken, names)
    for tag in soup.find_all("img"):
        _image(tag, where, body, taken, names)


def _link(tag: Tag, where: Where, body: Body, taken: set[Path], names: set[str]) -> None:
    href = str(tag.get("href") or "").strip()
    text = tag.get_text().strip()
    if not href or href.startswith(("#", "javascript:", "JavaScript:")):
        tag.unwrap()
        return
    if href.startswith(("mailto:", "tel:")):
        return
    found = local_file(href, where)
    if found is not None:
        tag["href"] = f"{where.slug}/{quote(attach(found, text, body, taken, names))}"
        tag.attrs = {"href": tag["href"]}
        return
    absolute = _on_old_site(href, where)
    if absolute:
        tag.attrs = {"href": absolute}
        return
    body.notes.append(f"正文中的链接「{text or href}」（{href[:80]}）指向原网站的页面，已改为文字；可在 import.yml 中填写 old_site 保留链接")
    tag.unwrap()


def _image(tag: Tag, where: Where, body: Body, taken: set[Path], names: set[str]) -> None:
    src = str(tag.get("src") or "").strip()
    alt = str(tag.get("alt") or tag.get("title") or "").strip()
    found = local_file(src, where) if src and not src.startswith("data:") else None
    if found is None:
        body.notes.append(f"正文中的图片「{alt or src[:60]}」不在保存的文件中（或来自其他网站），已去掉"
                          + ("，保留了说明文字" if alt else ""))
        tag.replace_with(alt)
        return
    name = attach(found, alt or found.stem, body, taken, names)
    tag.attrs = {"src": f"{where.slug}/{quote(name)}", "alt": alt}


def attach(found: Path, title: str, body: Body, taken: set[Path], names: set[str]) -> str:
    """The name `found` gets beside the entry; it becomes an attachment once."""
    for existing in body.files:
        if existing.source == found:
            return existing.name
    name = file_name(found.name, names)
    names.add(name)
    taken.add(found)
    body.files.append(LinkedFile(found, title.strip() or found.stem, name))
    return name


def file_name(name: str, taken: set[str]) -> str:
    """A name fit for a published file (letters, digits, Chinese, - . _ and brackets), unique among `taken`."""
    stem, dot, suffix = name.rpartition(".")
    stem = _NAME_CHARS.sub("-", stem if dot else name).strip("-.") or "fujian"
    suffix = f".{suffix.lower()}" if dot else ""
    candidate, number = f"{stem}{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate


def local_file(target: str, where: Where) -> Path | None:
    """The publishable file a link or a name refers to in the source folder, or None: never a file
    outside the source's root, whatever the link says (.. or a symbolic link)."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        return None
    if parts.scheme or parts.netloc:
        if not where.old_site or urlsplit(where.old_site).netloc.lower() != parts.netloc.lower():
            return None
        candidates = [where.root / path.lstrip("/")]
    elif path.startswith("/"):
        candidates = [where.root / path.lstrip("/")]
    else:
        candidates = [where.folder / path]
    candidates.append(where.folder / Path(path).name)
    root = where.root.resolve()
    for candidate in candidates:
        try:
            real = candidate.resolve()
            if real.is_file() and real.is_relative_to(root) and publishable(real.name):
                return real
        except (OSError, ValueError):
            continue
    return None


def _on_old_site(href: str, where: Where) -> str:
    """An absolute address for a link to the old site, or "" when there is none to give."""
    parts = urlsplit(href)
    if parts.scheme in ("http", "https"):
        return href
    base = where.page if urlsplit(where.page).scheme in ("http", "https") else where.old_site
    return urljoin(base, href) if base else ""


def _text(soup: BeautifulSoup, clean: bool, changes: Changes) -> None:
    """Every text node cleaned (or its pinyin counted), and empty paragraphs dropped when cleaning;
    preformatted text is left as it is."""
    if not clean:
        cleaning.pinyin(soup.get_text(), changes)
        return
    kept = {id(s) for pre in soup.find_all("pre") for s in pre.find_all(string=True)}
    for node in list(soup.find_all(string=True)):
        if isinstance(node, NavigableString) and id(node) not in kept:
            cleaned = cleaning.clean(str(node), changes)
            if cleaned != str(node):
                node.replace_with(cleaned)
    empty = [p for p in soup.find_all(["p", "div"]) if cleaning.blank(p.get_text()) and not p.find(["img", "table"])]
    changes.add(cleaning.EMPTY, len(empty))
    for tag in empty:
        if not tag.decomposed:
            tag.decompose()
