"""What the post-build steps need of each page, taken from its HTML as it is written, so that no page
is read back from disk: its links and anchors (the link check), its inline scripts (the CSP hashes)
and its runs of Han characters (the 繁體 table).

A forked process renders many pages and ships its findings back after each (`ship`): the links of
the pages it wrote, and only the scripts and texts it had not shipped before, since every page
repeats the navigation's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import deploy, links, traditional


@dataclass
class Scan:
    pages: dict[str, links.Links] = field(default_factory=dict)  # by path in the site
    scripts: set[str] = field(default_factory=set)
    han: set[str] = field(default_factory=set)
    _new_scripts: set[str] = field(default_factory=set)
    _new_han: set[str] = field(default_factory=set)

    def add(self, rel: str, text: str) -> None:
        """Scan the page written at `rel`."""
        self.pages[rel] = links.parse(text)
        for found, new, seen in ((deploy.inline_scripts(text), self._new_scripts, self.scripts),
                                 (traditional.runs(text), self._new_han, self.han)):
            new |= found - seen
            seen |= found

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
