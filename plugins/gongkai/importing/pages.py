"""A folder of saved article pages of a portal, each read as a Record: the labels and values of its
metadata block (索引号 / 发布日期 / 来源 / 内容概述 / 文号 …), its title, its body's HTML, the files it
lists as attachments and its own old address.

Portals lay these out differently (a provincial platform's `<table class="xxgk">`, a city CMS's
`<div class="info">` line, a `<ul>` of `<li>`s), so the block is found by what it says rather than by
its markup: the smallest element whose text holds two known labels followed by a colon, read as
“label：value” pairs; labels may be spaced out (名　　称：). import.yml's `pages` can name any part
with a CSS selector instead. The government meta tags (ArticleTitle, PubDate, ContentSource,
Keywords, Description) fill what the block lacks. Parsing is Beautiful Soup's, with the stdlib's
HTML parser; the encoding is the page's declared one (GB2312 and GBK read as GB18030, their superset).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup, Comment, Tag
from bs4.dammit import EncodingDetector

from gongkai.core import oserror
from gongkai.importing.mapping import BODY, GUESSES, PageRules, label
from gongkai.importing.markdown import Where, local_file
from gongkai.importing.records import Link, Record, SourceError

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TITLE, TEXT, ADDRESS = "标题", "正文", "原网址"  # the cells a page always gives, beside its labels
_BODIES = ("#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".article-content", ".article_content", ".pages_content",
           ".content_text", "#content", ".content", ".zw", ".view", "article", "#main-content")
_META_TAGS = {"PubDate": "发布日期", "ContentSource": "来源", "Keywords": "关键词", "Description": "内容概述"}
_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_ANY_LABEL = re.compile(r"(?:^|(?<=[\s\u3000]))([\u4e00-\u9fff]{2,6})[\s\u3000]*[:：]")
_BLOCK_MAX = 2000  # characters: a metadata block is never longer; a page's text usually is
_NOT_META = (BODY, "attachments")  # labels that head the text or the list of files, never the metadata block
_GB = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "euc-cn", "hz-gb-2312"}


def read_pages(folder: Path, shown: str, rules: PageRules, labels: Iterable[str] = ()) -> tuple[list[Record], list[str]]:
    """Every article page under `folder` as a Record, and a note for each file that is not one."""
    if not folder.is_dir():
        raise SourceError(f"{shown} 不是目录：gongkai import pages 导入一个保存了网页的目录。")
    known = _labels([*labels, *(name for key, names in GUESSES.items() if key not in _NOT_META for name in names)])
    records, notes = [], []
    for order, path in enumerate(_files(folder, shown)):
        rel = path.relative_to(folder).as_posix()
        try:
            record = read_page(path, rel, folder, rules, known, order)
        except OSError as e:
            notes.append(f"{shown}/{rel}：无法读取（{oserror.why(e)}），已跳过。")
            continue
        if record is None:
            notes.append(f"{shown}/{rel}：没有找到元数据（索引号、发布日期等），不是文章页面，已跳过。")
        else:
            records.append(record)
    if not records:
        raise SourceError(f"{shown} 中没有找到文章页面（.html、.htm 文件，含有索引号、发布日期等元数据）。")
    return records, notes


def _files(folder: Path, shown: str) -> list[Path]:
    """The pages under `folder`, but those in a browser's resource folder (页面_files) and hidden ones."""
    try:
        found = sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    except OSError as e:
        raise SourceError(f"无法读取目录 {shown}：{oserror.why(e)}。") from None
    return [p for p in found if not any(part.endswith(("_files", ".files")) or part.startswith(".")
                                        for part in p.relative_to(folder).parts[:-1]) and not p.name.startswith(".")]


def read_page(path: Path, rel: str, root: Path, rules: PageRules, known: re.Pattern[str], order: int) -> Record | None:
    """One saved page as a Record, or None when it has no metadata block (a list page, an index)."""
    soup = BeautifulSoup(decode(path.read_bytes()), "html.parser")
    address = _address(soup, rel, rules)
    for tag in soup.find_all(["script", "style", "noscript"]):
        tag.decompose()
    meta_tags = {name: str(found.get("content") or "").strip() for name in ("ArticleTitle", *_META_TAGS)
                 if isinstance(found := soup.find("meta", attrs={"name": name}), Tag)}
    block: Tag | None = soup.select_one(rules.meta) if rules.meta else _meta_block(soup, known)
    cells = _pairs(block.get_text(" "), known) if block else {}
    if not cells:
        return None
    title = _title(soup, rules, cells, meta_tags)
    for name, said in _META_TAGS.items():
        if meta_tags.get(name) and not any(label(k) == said for k in cells):
            cells[said] = meta_tags[name]
    if block is not None:
        block.decompose()
    body = _body(soup, rules, title)
    where = Where(path.parent, root, "", address)
    links = _attachment_links(soup, body, where)
    cells.update({TITLE: title, TEXT: body.decode_contents() if body else "", ADDRESS: address})
    return Record(rel, order, cells, path.parent, root, address, tuple(links), html=True)


def decode(data: bytes) -> str:
    """A saved page's text: its declared encoding (GBK and GB2312 as GB18030), else UTF-8, GB18030, or
    what charset-normalizer finds."""
    declared = (EncodingDetector.find_declared_encoding(data, is_html=True) or "").lower()
    tried = ["gb18030" if declared in _GB else declared, "utf-8-sig", "gb18030"]
    for encoding in filter(None, tried):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def _labels(names: Iterable[str]) -> re.Pattern[str]:
    """Any of the labels, spaced out or not, followed by a colon: 索引号： or 名　　称:."""
    spaced = sorted({r"[\s\u3000]*".join(map(re.escape, label(n))) for n in names if label(n)}, key=len, reverse=True)
    return re.compile(rf"(?<![\w])({'|'.join(spaced)})[\s\u3000]*[:：]")


def _meta_block(soup: BeautifulSoup, known: re.Pattern[str]) -> Tag | None:
    """The smallest element whose text holds two known labels or more, widened to its parent while the
    parent holds more of them (a block of several lines: 索引号… on one, 内容概述… on the next)."""
    best: Tag | None = None
    for tag in soup.find_all(["table", "div", "ul", "ol", "dl", "p", "section", "tbody"]):
        text = tag.get_text(" ")
        if len(text) > _BLOCK_MAX or _count(known, text) < 2:
            continue
        if best is None or len(text) < len(best.get_text(" ")):
            best = tag
    while best is not None and isinstance(best.parent, Tag) and best.parent.name not in ("body", "html", "[document]"):
        wider = best.parent.get_text(" ")
        if len(wider) > _BLOCK_MAX or _count(known, wider) <= _count(known, best.get_text(" ")):
            break
        best = best.parent
    return best


def _count(known: re.Pattern[str], text: str) -> int:
    return len({label(m.group(1)) for m in known.finditer(text)})


def _pairs(text: str, known: re.Pattern[str]) -> dict[str, str]:
    """“label：value” pairs of a metadata block's text, each value running to the next label: a known
    one, or any short word and a colon after a space (浏览次数：), whose pair is kept too."""
    found = sorted({m.start(1): m for rx in (_ANY_LABEL, known) for m in rx.finditer(text)}.values(), key=lambda m: m.start())
    found = [m for i, m in enumerate(found) if i == 0 or m.start() >= found[i - 1].end()]
    out: dict[str, str] = {}
    for match, following in zip(found, [*found[1:], None], strict=True):
        value = text[match.end():following.start() if following else len(text)]
        out.setdefault(label(match.group(1)), re.sub(r"[\s\u3000]+", " ", value).strip(" 　|｜【】[]"))
    return out


def _title(soup: BeautifulSoup, rules: PageRules, cells: dict[str, str], meta_tags: dict[str, str]) -> str:
    chosen = soup.select_one(rules.title) if rules.title else None
    if chosen is not None and chosen.get_text().strip():
        return chosen.get_text(" ").strip()
    if meta_tags.get("ArticleTitle"):
        return meta_tags["ArticleTitle"]
    for name in ("h1", "h2"):
        heading = soup.find(name)
        if heading is not None and heading.get_text().strip():
            return re.sub(r"\s+", " ", heading.get_text(" ")).strip()
    named = next((cells[k] for k in cells if k in ("标题", "名称", "文件名称")), "")
    if named:
        return named
    page_title = soup.title.get_text() if soup.title else ""
    return re.split(r"\s*[_|｜-]\s*", page_title.strip())[0] if page_title.strip() else ""


def _body(soup: BeautifulSoup, rules: PageRules, title: str) -> Tag | None:
    """The element holding the text: import.yml's selector, a portal's usual container, else the
    element with the most paragraph text of its own."""
    for selector in ([rules.body] if rules.body else _BODIES):
        found = soup.select_one(selector)
        if found is not None and found.get_text().strip():
            body = found
            break
    else:
        scored = [(sum(len(p.get_text()) for p in tag.find_all("p", recursive=False)), i, tag)
                  for i, tag in enumerate(soup.find_all(["div", "td", "section", "article"]))]
        scored = [s for s in scored if s[0]]
        if not scored:
            return None
        body = max(scored, key=lambda s: (s[0], -s[1]))[2]
    for heading in body.find_all(["h1", "h2"]):
        if title and heading.get_text(" ").strip() == title:
            heading.decompose()
    return body


def _attachment_links(soup: BeautifulSoup, body: Tag | None, where: Where) -> list[Link]:
    """Links outside the body to files saved with the page: the page's list of attachments."""
    inside = set(map(id, body.find_all("a"))) if body else set()
    out = []
    for tag in soup.find_all("a"):
        href = str(tag.get("href") or "")
        if id(tag) not in inside and href and local_file(href, where) is not None:
            out.append(Link(tag.get_text(" ").strip(), href))
    return out


def _address(soup: BeautifulSoup, rel: str, rules: PageRules) -> str:
    """The page's old address, as it says it: canonical link, the Url meta tag, og:url, the browser's
    “saved from url” mark; else its path in the folder when the folder mirrors the old site."""
    for tag, attribute, value, key in (("link", "rel", "canonical", "href"), ("meta", "name", "Url", "content"),
                                       ("meta", "name", "url", "content"), ("meta", "property", "og:url", "content")):
        found = soup.find(tag, attrs={attribute: value})
        if isinstance(found, Tag) and str(found.get(key) or "").strip():
            return str(found.get(key)).strip()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = _SAVED_FROM.search(str(comment))
        if match:
            return match.group(1)
    return rel if rules.address_from_path else ""
