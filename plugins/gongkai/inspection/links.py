"""The links written in content: internal ones checked against what the site will hold, external
ones listed for ops to verify.

Broken links cost points in the inspection. The build checks every link of the built HTML
(outputs/links.py) and stops on a broken one; this reads the Markdown before any build, so a
reviewer sees them in `gongkai inspect`, with the file and line. Targets the build makes (entry
pages, directory pages, feeds, exports, attachments published beside their entry) count as
present. External addresses cannot be checked from here (the build machine reaches no other
site): they are listed, each with where it is written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import unquote

from gongkai.core.content import CATALOGUE_CSV, CATALOGUE_JSON, FEEDS, owned_folders
from gongkai.inspection.subject import Subject
from gongkai.inspection.texts import Text

SEARCH_PAGE = "jiansuo/index.md"  # the build's search page (mkdocs/reading.py)
_GENERATED = (CATALOGUE_JSON, CATALOGUE_CSV, "sitemap.xml", "404.html")
_INLINE = re.compile(r"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^\n]*?[\"')])?\s*\)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_BARE = re.compile(r"https?://[^\s<>()\[\]\"'，。；、）（《》“”]+", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


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


def links(texts: list[Text]) -> list[Link]:
    """Every link in Markdown texts (inline, reference definitions, HTML attributes) and every bare web
    address in any text, in text order; each place once."""
    found: list[Link] = []
    for text in texts:
        here: dict[int, Link] = {}
        for pattern in _patterns(text):
            for match in pattern.finditer(text.text):
                group = 1 if pattern.groups else 0
                here.setdefault(match.start(group), Link(match.group(group), text, match.start(group)))
        found += [here[offset] for offset in sorted(here)]
    return found


def _patterns(text: Text) -> list[re.Pattern[str]]:
    """The patterns worth running on a text: each needs characters a quick look finds (most texts have none)."""
    t = text.text
    markdown = text.markdown and ("](" in t or "]:" in t)
    return [p for p, wanted in ((_INLINE, markdown), (_DEFINITION, markdown), (_ATTRIBUTE, text.markdown and "=" in t),
                                (_BARE, "://" in t)) if wanted]


class Targets:
    """What a link inside the site may point at once the build has run."""

    def __init__(self, subject: Subject) -> None:
        self.subject = subject

    @cached_property
    def present(self) -> frozenset[str]:
        s, model = self.subject, self.subject.model
        others = {f.src_uri for f in s.loaded.files if f.src_uri.split("/", 1)[0] not in self._owned}
        attachments = {e.attachment_uri(a) for e in s.published.entries for a in e.attachments}
        return frozenset(others | set(model.entries) | set(model.listing_pages) | attachments | {SEARCH_PAGE,
                                                                                              *_GENERATED})

    @cached_property
    def _owned(self) -> set[str]:
        return owned_folders(self.subject.schema)

    @cached_property
    def _entry_folders(self) -> frozenset[str]:
        """Each entry's own folder, where its attachments and tables' CSV files are published."""
        return frozenset(posixpath.splitext(e.page_uri)[0] + "/" for e in self.subject.published.entries)

    def missing(self, link: Link) -> str | None:
        """Why an internal link's target will not exist, or None when it will (or is not internal)."""
        target = link.target
        if not link.text.markdown or _SCHEME.match(target) or target.startswith(("#", "//")):
            return None
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        if not path:
            return None
        joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(link.text.page), path)
        resolved = posixpath.normpath(joined) if joined else ""
        if resolved.startswith("../") or resolved == "..":
            return "指向网站之外（content/ 目录以外）"
        return None if self._exists(resolved, path.endswith("/")) else "指向的页面或文件不存在"

    def _exists(self, path: str, folder: bool) -> bool:
        base = "" if path == "." else path
        candidates = [f"{base}/index.md".lstrip("/")] if folder or not posixpath.splitext(base)[1] else []
        candidates += [base, f"{base}.md"]
        if any(c in self.present for c in candidates):
            return True
        return base.startswith(f"{FEEDS}/") or any(base.startswith(f) for f in self._folders_of(base))

    def _folders_of(self, path: str) -> Iterator[str]:
        head = path.split("/")
        for n in range(1, len(head)):
            folder = "/".join(head[:n]) + "/"
            if folder in self._entry_folders:
                yield folder
