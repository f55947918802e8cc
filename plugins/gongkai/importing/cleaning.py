"""Copy-paste noise in old content, and its cleaning (import.yml `clean: true` or `--clean`).

Text pasted from a web page or a converted document brings along pinyin after each character
(報(bào)告, from a page with ruby annotations flattened), full-width and no-break spaces used as
indentation, characters that cannot be seen (zero-width spaces, direction marks) and empty
paragraphs. Cleaning is never silent: every kind of change is counted with an example, and the
report lists them per row. Without cleaning, pinyin is still found and reported, since it is never
meant to be published.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from gongkai.core.personal import INVISIBLE

PINYIN, SPACES, UNSEEN, EMPTY = "拼音注音", "全角空格和不换行空格", "看不见的字符", "空段落"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# A syllable with a tone mark in brackets right after a Chinese character: 報(bào), 據（jù）.
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])[(（]\s*([a-zü]*[{_TONED}][a-zü{_TONED}]*)\s*[)）]")
_WIDE_SPACE = "\u3000\u00a0\u2002\u2003\u2009"
_EDGE_SPACES = re.compile(rf"^[ \t{_WIDE_SPACE}]+|[ \t{_WIDE_SPACE}]+$", re.MULTILINE)
_INNER_SPACES = re.compile(rf"[{_WIDE_SPACE}]+")
_UNSEEN = re.compile(f"[{INVISIBLE}]")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass
class Changes:
    """What cleaning changed (or, not cleaning, found) in one item: counts by kind, a few examples."""
    counts: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, count: int, example: str = "") -> None:
        if count:
            self.counts[kind] += count
            if example and len(self.examples.setdefault(kind, [])) < 3:
                self.examples[kind].append(example)

    def merge(self, other: Changes) -> None:
        self.counts.update(other.counts)
        for kind, examples in other.examples.items():
            self.examples.setdefault(kind, examples)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def said(self) -> str:
        """The changes in one Chinese phrase: 拼音注音 12 处（如 報(bào)）、空段落 2 处."""
        return "、".join(f"{kind} {count} 处" + (f"（如 {'、'.join(self.examples[kind])}）" if self.examples.get(kind) else "")
                        for kind, count in sorted(self.counts.items()))


def pinyin(text: str, changes: Changes) -> None:
    """Count the pinyin annotations in `text`, for a report that does not clean."""
    found = list(_PINYIN.finditer(text))
    changes.add(PINYIN, len(found), _around(text, found[0]) if found else "")


def clean(text: str, changes: Changes) -> str:
    """`text` without pinyin annotations, invisible characters, and with spaces at the edges of its
    lines dropped and wide spaces inside them made one plain space; each change counted."""
    found = list(_PINYIN.finditer(text))
    changes.add(PINYIN, len(found), _around(text, found[0]) if found else "")
    text = _PINYIN.sub("", text)
    unseen = len(_UNSEEN.findall(text))
    changes.add(UNSEEN, unseen, "")
    text = _UNSEEN.sub("", text)
    edges = sum(1 for m in _EDGE_SPACES.finditer(text) if m.group().strip(" \t"))
    text = _EDGE_SPACES.sub(lambda m: "" if m.group().strip(" \t") else m.group(), text)
    changes.add(SPACES, edges + len(_INNER_SPACES.findall(text)), "")
    return _INNER_SPACES.sub(" ", text)


def blank(text: str) -> bool:
    """Whether a paragraph holds nothing but spaces of any width and invisible characters."""
    return not _UNSEEN.sub("", text).strip(f" \t\r\n{_WIDE_SPACE}")


def tidy(markdown: str) -> str:
    """Markdown with at most one blank line between blocks and one newline at the end (always done:
    it changes no text)."""
    return _BLANK_LINES.sub("\n\n", markdown).strip("\n") + "\n"


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 1):match.end()]
