"""What the post-build steps need of each page, taken from its HTML as it is written, so that no page
is read back from disk: its links and anchors (the link check), anything in it that could run code
(htmlsafety.executable: the site's policy allows none) and its runs of Han characters (the 繁體 table).

A forked process renders many pages and ships its findings back after each (`ship`): the links of
the pages it wrote with what could run code on them, and only the texts it had not shipped before,
since every page repeats the navigation's. The parts of the theme that pages outside the navigation share
(fragments.py: the sidebars, styles, scripts, footer), most of an entry's page, are scanned once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.core import htmlsafety
from gongkai.outputs import links, traditional


@dataclass(frozen=True)
class _Found:
    """What one piece of a page holds."""
    links: links.Links
    executable: list[str]
    han: set[str]

    @classmethod
    def of(cls, text: str) -> _Found:
        return cls(links.parse(text), htmlsafety.executable(text), traditional.runs(text))


@dataclass
class Scan:
    pages: dict[str, links.Links] = field(default_factory=dict)  # by path in the site
    executable: dict[str, list[str]] = field(default_factory=dict)  # what could run code, by page
    han: set[str] = field(default_factory=set)
    _new_han: set[str] = field(default_factory=set)
    _shared: dict[str, _Found] = field(default_factory=dict)  # by the fragment's text

    def add(self, rel: str, text: str, shared: Sequence[str] = ()) -> None:
        """Scan the page written at `rel`; `shared` are fragments of it in their order, whole elements
        that other pages repeat (each scanned the first time only)."""
        found, at = [], 0
        for fragment in shared:
            start = text.find(fragment, at) if _whole_elements(fragment) else -1
            if start >= 0:
                found += [_Found.of(text[at:start]), self._fragment(fragment)]
                at = start + len(fragment)
        found.append(_Found.of(text[at:]))
        self.pages[rel] = links.joined([f.links for f in found])
        executable = [what for f in found for what in f.executable]
        if executable:
            self.executable[rel] = list(dict.fromkeys(executable))
        for f in found:
            self._new_han |= f.han - self.han
            self.han |= f.han

    def _fragment(self, text: str) -> _Found:
        if text not in self._shared:
            self._shared[text] = _Found.of(text)
        return self._shared[text]

    def ship(self) -> Scan:
        """What was found since the last `ship`, to send to the parent process."""
        out = Scan(self.pages, self.executable, self._new_han)
        self.pages, self.executable, self._new_han = {}, {}, set()
        return out

    def merge(self, other: Scan) -> None:
        self.pages.update(other.pages)
        self.executable.update(other.executable)
        self.han |= other.han

    @property
    def done(self) -> frozenset[str]:
        return frozenset(self.pages)


def _whole_elements(fragment: str) -> bool:
    """Whether `fragment` starts and ends outside any tag and Han run, so that scanning it on its own
    finds what scanning it in place would."""
    inner = fragment.strip()
    return inner[:1] == "<" and inner[-1:] == ">"
