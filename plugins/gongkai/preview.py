"""The preview (`mkdocs serve`): what a change of content changes, so only that is rendered.

A full build of 10,000 entries takes minutes. When every file changed since the last build is an
entry's Markdown file, edited or new, or a plain page edited, the plugin reloads the content (files
not edited are not parsed or checked again: catalogue.Memo) and renders only the pages the change
shows on: the edited pages and new entries, the entries they point at or that point at them (each
page shows the other's title), and the directory pages that are new or whose rows, counts or
facets changed. Anything else needs a full build, as MkDocs would do it: a file removed, an
attachment, catalogue.yml, mkdocs.yml, the theme or another watched path, or a change that removes
a page, changes the navigation (a page's title in it, too), an entry's attachments or its
annual-report tables (files published beside the page). Hidden files are not watched: MkDocs
publishes none of them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .catalogue import Catalogue, ContentFile
from .directory import Listing, ListingPage

Stamp = tuple[int, int]  # a file's modification time (ns) and size


def read(docs_dir: Path, src_uri: str, page: bool) -> tuple[ContentFile, Stamp]:
    """A content file and its stamp, taken first: a write after it shows as a change next time."""
    path = docs_dir / src_uri
    found = path.stat()
    return ContentFile(src_uri, path.read_bytes(), page), (found.st_mtime_ns, found.st_size)


def stamps(root: Path) -> dict[str, Stamp]:
    """Every file under `root` (or `root` itself, as "."), by posix path inside it, but hidden ones."""
    if not root.is_dir():
        return {".": _stamp(str(root))} if root.exists() else {}
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        inside = Path(folder).relative_to(root).as_posix()
        for name in names:
            if not name.startswith("."):
                found[name if inside == "." else f"{inside}/{name}"] = _stamp(os.path.join(folder, name))
    return found


def hidden(path: str) -> bool:
    """A file or folder whose name starts with a dot: MkDocs publishes none of them, and editors' tools
    come and go with such files (.DS_Store, vim's .swp), so the preview does not watch them."""
    return any(part.startswith(".") for part in path.split("/"))


def _stamp(path: str) -> Stamp:
    found = os.stat(path)
    return found.st_mtime_ns, found.st_size


@dataclass(frozen=True)
class Changes:
    edited: list[str]
    added: list[str]
    removed: list[str]


def changes(before: Mapping[str, Stamp], now: Mapping[str, Stamp]) -> Changes:
    """The files edited, added and removed since `before`, hidden ones aside."""
    before = {uri: stamp for uri, stamp in before.items() if not hidden(uri)}
    return Changes(sorted(uri for uri, stamp in now.items() if uri in before and before[uri] != stamp),
                   sorted(now.keys() - before.keys()), sorted(before.keys() - now.keys()))


def pages_to_render(old: Catalogue, new: Catalogue, old_listings: Sequence[Listing], new_listings: Sequence[Listing],
                    old_pages: Mapping[str, ListingPage], new_pages: Mapping[str, ListingPage]) -> set[str] | None:
    """The src_uri of every entry and directory page that is new or differs between the two
    catalogues; None when the edit needs a full build."""
    before = {e.page_uri: e for e in old.entries}
    if before.keys() - {e.page_uri for e in new.entries} or old_pages.keys() - new_pages.keys():
        return None  # a page to delete, and links to it to check on every page
    if [(x.kind, x.key, x.label) for x in old_listings] != [(x.kind, x.key, x.label) for x in new_listings]:
        return None  # the navigation shows these
    found = set()
    for entry in new.entries:
        was = before.get(entry.page_uri)
        if entry == was:
            continue
        if (entry.attachments, entry.report) != ((was.attachments, was.report) if was else ((), None)):
            return None
        found |= {x.page_uri for x in (entry, *new.neighbours(entry), *(old.neighbours(was) if was else ()))}
    return found | {uri for uri, page in new_pages.items() if uri not in old_pages or _listing_changed(old_pages[uri], page)}


def _listing_changed(old: ListingPage, new: ListingPage) -> bool:
    """Whether a directory page shows anything else: its rows, its listing's title, count or facets,
    its page count, or (on a content type's index) the charts made from every entry listed."""
    a, b = old.listing, new.listing
    if (a.title, len(a.entries), a.facets, old.pages) != (b.title, len(b.entries), b.facets, new.pages):
        return True
    return old.entries != new.entries or (a.kind == "type" and a.entries != b.entries)
