"""The links written in content: internal ones resolved as the build resolves them, external ones
listed for ops to verify.

Broken links cost points in the inspection. The build resolves every link as editors write it
(core/linking.py: relative to the editor's file, to an entry by its 索引号, to an attachment) and stops
on one that reaches nothing; `gongkai inspect` reads no build, so it resolves them with the same code
against the addresses the build would give (entry pages, directory pages, plain pages, attachments,
feeds, exports), made here from the site's model without MkDocs. The theme's own files are not among
them: a link into the theme is left to the build. A link to something withheld is reported without
saying what it is. External addresses cannot be checked from here (the build machine reaches no other
site): they are listed, each with where it is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from gongkai.core import linking
from gongkai.core.content import CATALOGUE_CSV, CATALOGUE_JSON, owned_folders
from gongkai.inspection.subject import Subject
from gongkai.inspection.texts import Text
from gongkai.site import directory, views
from gongkai.types import reports

SEARCH_PAGE = "jiansuo/index.md"  # the build's search page (mkdocs/reading.py)
WITHHELD = "没有公开"  # why a link reaches nothing public, without saying what it points at
_BARE = re.compile(r"https?://[^\s<>()\[\]\"'，。；、）（《》“”]+", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    target: str  # as written
    text: Text
    offset: int

    @property
    def line(self) -> int | None:
        return self.text.line_at(self.offset)

    @property
    def external(self) -> bool:
        return self.target.lower().startswith(("http://", "https://"))  # never parsed: it may be malformed


@dataclass(frozen=True)
class Broken:
    link: Link
    why: str  # Chinese, from core/linking.py


def links(texts: list[Text]) -> list[Link]:
    """Every link of Markdown texts (as the build finds them: never in code) and every bare web address
    in any text, in text order; each place once."""
    found: list[Link] = []
    for text in texts:
        here = {link.start: Link(link.url, text, link.start) for link in _markdown(text)}
        if "://" in text.text:
            for m in _BARE.finditer(text.text):
                here.setdefault(m.start(), Link(m.group(0), text, m.start()))
        found += [here[offset] for offset in sorted(here)]
    return found


def _markdown(text: Text) -> list[linking.Link]:
    t = text.text
    worth = text.markdown and ("](" in t or "]:" in t or "<a" in t or "<img" in t)
    return linking.find(t) if worth else []


def broken(subject: Subject, found: list[Link]) -> list[Broken]:
    """The internal links that reach nothing public, resolved page by page as the build does."""
    by_text: dict[int, list[Link]] = {}
    for link in found:
        if link.text.markdown and not link.external:
            by_text.setdefault(id(link.text), []).append(link)
    addresses = _addresses(subject) if by_text else None  # every page's address: made only when needed
    out = []
    for links_of_text in by_text.values():
        text = links_of_text[0].text
        page = linking.Page(text.source, text.page, _url(subject, text.page))
        at = {link.offset: link for link in links_of_text}
        out += [Broken(at[b.link.start], b.message) for b in linking.rewrite(text.text, page, addresses).broken
                if b.link.start in at] if addresses else []
    return out


def _url(subject: Subject, src_uri: str) -> str:
    """A page's address relative to the site's root, as MkDocs gives it ("" for the home page)."""
    return subject.address.path(src_uri)


def _base(subject: Subject) -> str:
    path = urlsplit(subject.address.site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _addresses(subject: Subject) -> linking.Addresses:
    """What links can reach, as mkdocs/pages.py tells the build, from the model: every page and file the
    site will hold by the address it is written at, and the editors' files by what each becomes."""
    model, published = subject.model, subject.published.entries
    owned = frozenset(owned_folders(subject.schema))
    public = [f.src_uri for f in subject.loaded.files if f.src_uri.split("/", 1)[0] not in owned]
    pages = [*public, *model.entries, *model.listing_pages, SEARCH_PAGE]
    attachments = {a.src_uri: e.attachment_uri(a) for e in published for a in e.attachments}
    written = [CATALOGUE_JSON, CATALOGUE_CSV, "sitemap.xml", "404.html", *attachments.values(),
               *filter(None, map(directory.feed_path, model.listings)), *_tables(subject)]
    dest = {_dest(subject, uri): uri for uri in pages} | {path: path for path in written}
    files = {uri: uri for uri in pages} | {e.src_uri: e.page_uri for e in published} | attachments
    urls = {uri: _url(subject, uri) if uri.endswith(".md") else uri for uri in [*pages, *written]}
    return linking.Addresses(published=files, hidden=dict.fromkeys(model.hidden, WITHHELD),
                             by_index={e.index_no: e.page_uri for e in published},
                             hidden_index=dict.fromkeys(model.hidden_index, WITHHELD), dest=dest, urls=urls, owned=owned,
                             base=_base(subject), editable=frozenset(model.sources), docs_name=subject.docs_name)


def _dest(subject: Subject, src_uri: str) -> str:
    """Where MkDocs writes a file: Markdown pages as their address's index.html (or .html), others as they are."""
    if not src_uri.endswith(".md"):
        return src_uri
    url = _url(subject, src_uri)
    return f"{url}index.html" if url.endswith("/") or not url else url


def _tables(subject: Subject) -> list[str]:
    """The annual reports' tables as CSV files, published beside their report (site/views.py)."""
    return [views.csv_uri(e, table) for e in subject.published.entries if (r := reports.of(e)) for table in reports.tables(r)]
