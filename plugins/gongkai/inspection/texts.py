"""Every public text of the site with the file and line it comes from: what the wording scan and the
link lists read.

Public text is what the gate lets through: the published entries' metadata (attachment titles
included) and bodies, the plain pages (front matter included: the home page's portal notes are
shown), the power list's files, and the names catalogue.yml gives the site. A 删减后公开 entry's
body is read as published, its spans already cut, so lines after a cut that spanned lines may be
a little off.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.core.catalogue import Entry
from gongkai.core.validate import Attachment, strings
from gongkai.inspection.subject import Subject

# Values that are not text an editor wrote: dates, numbers, references, names and words catalogue.yml
# gives (its categories, publishers and vocabularies are scanned there, once).
_SKIPPED_TYPES = ("date", "integer", "index", "reference", "paths", "category", "publisher", "annual_report", "enum")


@dataclass(frozen=True, slots=True)
class Text:
    file: str  # as editors see it: content/…, catalogue.yml
    line: int | None  # where the text starts
    text: str
    page: str = ""  # the src_uri of the page showing it (its address is made only for a finding); "" for none
    markdown: bool = False  # a body or a page, whose links the build resolves
    source: str = ""  # for Markdown: the editor's file (src_uri), which links are written relative to

    def line_at(self, offset: int) -> int | None:
        """The line of a character of the text."""
        return None if self.line is None else self.line + self.text.count("\n", 0, offset)


def collect(subject: Subject) -> list[Text]:
    """Every public text, entries first (newest first), then pages, the power list and catalogue.yml."""
    found = [text for entry in subject.published.entries for text in _entry(subject, entry)]
    found += [Text(subject.shown(f.src_uri), 1, _decoded(f.data), f.src_uri, True, f.src_uri) for f in subject.plain_pages]
    found += list(_power_list(subject))
    found += [Text(subject.schema.source, line, text) for text, line in subject.schema.texts]
    return found


def _entry(subject: Subject, entry: Entry) -> Iterator[Text]:
    page = entry.page_uri
    for field in entry.ctype.fields:
        value = entry.values.get(field.key)
        if value is None or field.type in _SKIPPED_TYPES or (field.type == "list" and field.vocabulary):
            continue
        line = entry.key_lines.get(field.key)
        for text in strings(value) + _attachment_titles(value):
            yield Text(entry.path, line, text, page)
    yield Text(entry.path, entry.body_line, entry.body, page, True, entry.src_uri)


def _attachment_titles(value: object) -> list[str]:
    if isinstance(value, Attachment):
        return [value.title]
    if isinstance(value, (tuple, list)):
        return [t for v in value for t in _attachment_titles(v)]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _attachment_titles(v)]
    return []


def _power_list(subject: Subject) -> Iterator[Text]:
    spec = subject.schema.power_list
    if spec is None:
        return
    for f in subject.loaded.files:
        if f.src_uri.startswith(f"{spec.folder}/") and f.src_uri.endswith((".yml", ".yaml")):
            yield Text(subject.shown(f.src_uri), 1, _decoded(f.data), f"{spec.folder}/index.md")


def _decoded(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
