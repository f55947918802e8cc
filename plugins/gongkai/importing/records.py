"""What a source gives an import: one `Record` per item, whatever it was read from (a table row, a
saved page), so that mapping, conversion and checking are the same for both."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class SourceError(Exception):
    """A source that cannot be read at all (a damaged file, an unknown encoding, a missing column);
    the message is Chinese and names the file."""


@dataclass(frozen=True)
class Link:
    """A file the item refers to: an attachment listed by name, or a link or image in its page."""
    title: str
    target: str  # as written in the source: a name, a relative path or an address


@dataclass(frozen=True)
class Record:
    """One item of a source as read, before any mapping."""
    origin: str  # how messages name it: 第 12 行, or the page's path inside the folder
    order: int  # its place in the source, for a stable report
    cells: dict[str, Any]  # column or label → the value as read (text, number, date)
    folder: Path  # where names of attachments and relative links are looked for
    root: Path  # no file outside it is ever copied
    address: str = ""  # the old address the page itself gives (canonical link, meta Url, "saved from")
    links: tuple[Link, ...] = ()  # attachments a page lists outside its text
    html: bool = False  # the body is known to be HTML (a saved page), not told apart by its look
    notes: tuple[str, ...] = field(default_factory=tuple)  # what reading it found worth saying
