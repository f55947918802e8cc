"""What the post-build steps need of each page, taken from its HTML as it is written, so that no page
is read back from disk: its links and anchors (the link check), its inline scripts (the CSP hashes)
and its runs of Han characters (the 繁體 table).

A forked process renders many pages and ships its findings back after each (`ship`): the links of
the pages it wrote, and only the scripts and texts it had not shipped before, since every page
repeats the navigation's. The navigation's sidebars, which pages outside the navigation share
(fragments.py) and which are two thirds of an entry's page, are scanned once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import deploy, links, traditional


@dataclass(frozen=True)
class _Found:
    """What one piece of a page holds."""
    links: links.Links
    scripts: set[str]
    han: set[str]

    @classmethod
    def of(cls, text: str) -> _Found:
        return cls(links.parse(text), deploy.inline_scripts(text), traditional.runs(text))


@dataclass
class Scan:
    pages: dict[str, links.Links] = field(default_factory=dict)  # by path in the site
    scripts: set[str] = field(default_factory=set)
    han: set[str] = field(default_factory=set)
    _new_scripts: set[str] = field(default_factory=set)
    _new_han: set[str] = field(default_factory=set)
    _shared: dict[str, _Found] = field(default_factory=dict)  # by the fragment's text

    def add(self, rel: str, text: str, shared: str = "") -> None:
        """Scan the page written at `rel`; `shared` is a fragment of it, whole elements that other pages
        repeat (scanned the first time only)."""
        at = text.find(shared) if _whole_elements(shared) else -1
        pieces = [text] if at < 0 else [text[:at], shared, text[at + len(shared):]]
        found = [self._fragment(p) if p is shared else _Found.of(p) for p in pieces]
        self.pages[rel] = links.joined([f.links for f in found])
        for f in found:
            for items, new, seen in ((f.scripts, self._new_scripts, self.scripts), (f.han, self._new_han, self.han)):
                new |= items - seen
                seen |= items

    def _fragment(self, text: str) -> _Found:
        if text not in self._shared:
            self._shared[text] = _Found.of(text)
        return self._shared[text]

    def ship(self) -> Scan:
        """What was found since the last `ship`, to send to the parent process."""
        out = Scan(self.pages, self._new_scripts, self._new_han)
        self.pages, self._new_scripts, self._new_han = {}, set(), set()
        return out

    def merge(self, other: Scan) -> None:
        self.pages.update(other.pages)
        self.scripts |= other.scripts
        self.han |= other.han

    @property
    def done(self) -> frozenset[str]:
        return frozenset(self.pages)


def _whole_elements(fragment: str) -> bool:
    """Whether `fragment` starts and ends outside any tag and Han run, so that scanning it on its own
    finds what scanning it in place would."""
    inner = fragment.strip()
    return inner[:1] == "<" and inner[-1:] == ">"
