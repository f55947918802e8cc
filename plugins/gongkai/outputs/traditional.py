"""The 繁體 switch: a Simplified→Traditional table for the browser, made at build time from OpenCC's
`s2t` dictionaries and cut down to what the built site's text needs.

OpenCC converts by forward maximum matching: at each position the longest phrase of STPhrases (and
the phrases generated from regional ones) that starts there, else the character from STCharacters;
the first candidate wins (后台→後臺, 皇后→皇后, 后→後). `gongkai.js` runs the same algorithm over
the page's text nodes. The table holds every character of the site whose conversion differs and
the phrases whose conversion differs from character by character; phrases that convert like their
characters are added back only where leaving them out would change how a text is segmented, so the
browser's result is OpenCC's for every text of the site (checked here while the table is made).
Texts are cut into runs of Han characters; the few dozen dictionary phrases that hold another
character (foreign names with ·, SQL注入) are left out, and those convert character by character.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from gongkai.core.chinese import entries
from gongkai.outputs.sitefiles import SiteFiles

ASSET = "assets/javascripts/gongkai-s2t.json"
PHRASES = ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases")  # s2t.json's phrase group, in order
CHARACTERS = "STCharacters"
TEXTS = (".html", ".js")  # what the browser shows comes from these
HAN = re.compile("[\u3007\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]+")  # 〇, CJK unified ideographs
# Every other character, spelt as ranges: splitting on it finds the same runs four times faster than
# finding HAN (Python's regex engine tries a match at each position that is not Han, a page's most).
NOT_HAN = re.compile("[\x00-\u3006\u3008-\u33ff\u4dc0-\u4dff\ua000-\U0001ffff\U00031350-\U0010ffff]+")


@dataclass(frozen=True)
class Table:
    chars: dict[str, str]
    phrases: dict[str, str]

    @cached_property
    def lengths(self) -> dict[str, tuple[int, ...]]:
        """For each first character, the lengths of the phrases starting with it, longest first."""
        found: dict[str, set[int]] = {}
        for key in self.phrases:
            found.setdefault(key[0], set()).add(len(key))
        return {c: tuple(sorted(n, reverse=True)) for c, n in found.items()}

    def segments(self, text: str) -> Iterator[str]:
        """`text` cut as OpenCC cuts it: the longest phrase at each position, else one character."""
        i, end = 0, len(text)
        while i < end:
            size = next((n for n in self.lengths.get(text[i], ()) if text[i:i + n] in self.phrases), 1)
            yield text[i:i + size]
            i += size

    def convert(self, text: str) -> str:
        return "".join(self.phrases.get(s) or self.chars.get(s, s) for s in self.segments(text))

    def charwise(self, text: str) -> str:
        return "".join(self.chars.get(c, c) for c in text)

    def to_json(self) -> str:
        data = {"chars": dict(sorted(self.chars.items())), "phrases": dict(sorted(self.phrases.items()))}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=1)
def dictionary() -> Table:
    """OpenCC's whole s2t table, less the phrases holding a non-Han character: no phrase left spans a cut."""
    phrases: dict[str, str] = {}
    for name in PHRASES:
        for key, value in entries(name):
            if HAN.fullmatch(key):
                phrases.setdefault(key, value)
    return Table(dict(entries(CHARACTERS)), phrases)


def runs(text: str) -> set[str]:
    """The runs of Han characters in `text` (HTML will do: tags cut runs as they cut text nodes)."""
    return set(NOT_HAN.split(text)) - {""}


def table(pieces: Iterable[str]) -> Table:
    """The smallest table that converts every piece exactly as OpenCC's whole table does.

    A piece is cut the same way by a smaller table as long as each phrase OpenCC cuts it into is in
    that table (at each position OpenCC's phrase is the longest any of its phrases can be, and the
    smaller table holds no others), so only pieces cut into a phrase left out are checked."""
    full = dictionary()
    cuts = {piece: list(full.segments(piece)) for piece in set(pieces)}
    chars = {c: full.chars[c] for c in sorted(set().union(*cuts)) if full.chars.get(c, c) != c}
    used = {s: full.phrases[s] for segments in cuts.values() for s in segments if len(s) > 1}
    charwise = Table(chars, {}).charwise
    small = Table(chars, {k: v for k, v in used.items() if v != charwise(k)})
    doubtful = {p: "".join(full.phrases.get(s) or full.chars.get(s, s) for s in segments)
                for p, segments in cuts.items() if any(len(s) > 1 and s not in small.phrases for s in segments)}
    wrong = [p for p, expected in doubtful.items() if small.convert(p) != expected]
    while wrong:  # each round adds a phrase a wrong piece needs, so it ends
        needed = {s: full.phrases[s] for p in wrong for s in cuts[p] if len(s) > 1}
        small = Table(chars, {**small.phrases, **needed})
        wrong = [p for p, expected in doubtful.items() if small.convert(p) != expected]
    return small


def write(site: SiteFiles, pieces: Iterable[str] = (), done: frozenset[str] = frozenset()) -> str:
    """The table for every page of the built site and the texts its scripts add (gongkai.js names the
    navigation's toggles), as the static asset `gongkai.js` loads; returns its path in the site.
    `pieces` are the runs of the files in `done` (paths in the site), taken as they were written; the
    site's other HTML and script files are read here."""
    found = {piece for rel in site.ending(TEXTS, done) for piece in runs((site.root / rel).read_text(encoding="utf-8"))}
    path = site.root / ASSET
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(table(found.union(pieces)).to_json(), encoding="utf-8")
    return ASSET
