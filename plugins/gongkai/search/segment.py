"""How Chinese text becomes search words, the same way when indexing and when querying.

Pagefind's extended build segments Chinese with a dictionary at index time, but the browser cuts
the query differently, so a page that contains a phrase is often not found (measured: 1 of 8,254
pages for 政府信息公开). Its browser code also splits any Han text in a query into single
characters. So here the words are made by a rule simple enough to run identically in Python
(index) and in the browser (query, overrides/assets/javascripts/gk-query.js), and written in
ASCII, which Pagefind leaves whole on both sides:

- each character is NFKC-normalised, lower-cased and folded from Traditional to Simplified on its
  own (full-width digits and letters become ASCII, 戶口遷移 becomes 户口迁移; per character, so that
  the browser can map words back to the original text), so either script finds both;
- every Han character yields one word: itself and the character after it in the same run
  (政府信息 → 政府 府信 信息 息), so a run of n characters gives n words, word i starting at
  character i; a word is `h` and each character's code point in four base-36 digits;
- every run of ASCII letters and digits is one word, written `a` and the run;
- everything else separates words.

A query is looked up by every word of its Han runs (户口迁移 → 户口 口迁 迁移), and a lone character
as a prefix (理 matches 理由, 理解 ...): a page containing a phrase holds every one of them at known
distances, so recall is complete by construction and a phrase is recognised from word positions
alone, and a page holding the words apart holds them too (docs/search.md).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from gongkai.core.chinese import simplified

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUNS = re.compile(f"[{HAN}]+|[0-9a-z]+")
_HAN_CHAR = re.compile(f"[{HAN}]")
_CODE_CHARS = re.compile(f"[{HAN}0-9a-z]")
EXACT_PREFIX = "gkexact"
HAN_WORD, ASCII_WORD = "h", "a"  # word prefixes keep the two kinds apart


def is_han(char: str) -> bool:
    return bool(_HAN_CHAR.fullmatch(char))


def normalise(text: str) -> str:
    return text.translate(_folding()).lower()


@cache
def _folding() -> dict[int, str]:
    """Every non-ASCII character (up to the Han supplementary planes) whose NFKC form, lower-cased and
    in Simplified characters, differs from itself."""
    fold = simplified()
    table = {}
    for point in range(0x80, 0x32000):
        char = chr(point)
        folded = "".join(fold.get(c, c) for c in unicodedata.normalize("NFKC", char).lower())
        if folded != char:
            table[point] = folded
    return table


def fold_table(chars: set[str]) -> dict[str, str]:
    """The Traditional characters that fold to one of `chars` (Simplified, as the index holds them), with
    their Simplified form: all the browser needs to fold a query the way `normalise` folds a page, since
    a character folding to one no page has finds nothing either way. After NFKC and lower-casing, as
    `normalise` applies them."""
    return {t: s for t, s in sorted(simplified().items()) if s in chars}


def words(text: str) -> list[str]:
    """The search words of `text`, in order (one per Han character, one per ASCII word)."""
    out: list[str] = []
    for match in _RUNS.finditer(normalise(text)):
        run = match.group()
        if run.isascii():
            out.append(ASCII_WORD + run)
        else:  # each character as its four digits, then a word per character: its own and the next one's
            coded = run.translate(_CODES)
            out += [HAN_WORD + coded[i:i + 8] for i in range(0, len(coded), 4)]
    return out


class _Codes(dict[int, str]):
    """str.translate's table from a Han character's code point to its four base-36 digits (enough for
    every code point up to 36⁴), filled in as characters are met."""

    def __missing__(self, point: int) -> str:
        self[point] = code = base36(point).rjust(4, "0")
        return code


_CODES = _Codes()


def base36(number: int) -> str:
    """`number` (≥ 0) in base-36 digits, 0-9 then a-z."""
    digits = ""
    while True:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
        if not number:
            return digits


def exact_word(code: str) -> str:
    """One ASCII word standing for a whole 索引号 or 文号, so typing the code finds exactly its entry:
    ASCII letters and digits kept, any other kept character as `x` and four hex digits (`y` and six
    beyond the BMP); punctuation and spaces dropped (示公通〔2021〕12号 = 示公通2021 12号)."""
    parts = []
    for char in _CODE_CHARS.findall(normalise(code)):
        point = ord(char)
        parts.append(char if char.isascii() else f"x{point:04x}" if point <= 0xFFFF else f"y{point:06x}")
    return EXACT_PREFIX + "".join(parts) if parts else ""
