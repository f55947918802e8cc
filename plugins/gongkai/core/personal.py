"""The personal-data scanner: 居民身份证号码, mainland mobile numbers and bank card numbers.

A hit names the file, the line and a masked value; the full number never reaches a log or a
report. Numbers meant to be public (a service hotline) are allowed in catalogue.yml.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# Numbers may touch letters (ID110…, Tel138…) and be grouped by runs of up to three spaces, hyphens,
# dots, slashes or underscores (other dashes, middle dots and no-break spaces are folded to these).
_SEP = "[ ._/-]"
_GAP = f"{_SEP}{{0,3}}"
# 6-8-4, 6-4-4-4, 4-4-4-4-2 or unbroken: a gap may fall at any even place from the fourth on; the
# date and the check digit are verified in code.
_ID = re.compile(rf"(?<![0-9])[1-9]\d{{3}}(?:{_GAP}\d\d){{6}}{_GAP}\d[0-9Xx](?![0-9])")
_MOBILE = re.compile(rf"(?<![\d+])(?:(?:\+|00)?86{_GAP})?1[3-9]\d(?:{_GAP}\d{{4}}{_GAP}\d{{4}}|\d{_GAP}\d{{3}}{_GAP}\d{{4}})(?!\d)")
# Cards are written unbroken, in groups of four with one kind of gap, or as a bank's six-digit prefix
# and the rest (a passbook's 6-13).
_CARD = re.compile(rf"(?<!\d)(?:[1-9]\d{{15,18}}|[1-9]\d{{3}}({_SEP}{{1,3}})\d{{4}}(?:\1\d{{4}}){{2}}(?:\1?\d{{1,3}})?"
                   rf"|[1-9]\d{{5}}{_SEP}{{1,3}}\d{{10,13}})(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_LONG_RUN = re.compile(rf"\d(?:{_GAP}\d){{10}}")  # the shortest number scanned for: an 11-digit mobile
# %-escapes of digits and separators, as in an address (%31%33%38…), read as what they stand for.
_ESCAPED = re.compile(r"%(3[0-9]|2[0dDeEfF]|5[fF])")
# Characters a copy from a web page or Word brings along unseen: zero-width, direction marks, soft hyphen.
INVISIBLE = "".join(map(chr, [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF, 0x00AD]))
_SEPARATORS = {**dict.fromkeys([0xFF0D, *range(0x2010, 0x2016), 0x2212, 0xFE63], ord("-")), 0xFF0F: ord("/"),
               0xFF3F: ord("_"), **dict.fromkeys([0xFF0E, 0x00B7, 0x30FB, 0x2027, 0x2022, 0x2219, 0xFF65], ord(".")),
               **dict.fromkeys([0x3000, 0x00A0, 0x2007, 0x202F], ord(" ")), 0xFF38: ord("X"), 0xFF58: ord("x")}


@cache
def _folding() -> dict[int, int | None]:
    """Every other form of a digit (full-width, mathematical, other scripts' digits, circled…) as its
    ASCII digit, separators as ASCII ones, invisible characters dropped: NFKC's view of a number."""
    table: dict[int, int | None] = {}
    for point in range(0x80, 0x20000):
        value = unicodedata.digit(chr(point), None)
        if value is not None:
            table[point] = ord("0") + value
    return {**table, **_SEPARATORS, **dict.fromkeys(map(ord, INVISIBLE))}


def fold(text: str) -> str:
    """`text` with every way of writing a digit or a separator read as ASCII (see `_folding`)."""
    if "%" in text:
        text = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text if text.isascii() else text.translate(_folding())


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


@dataclass(frozen=True)
class Hit:
    kind: str  # 居民身份证号码 | 手机号码 | 银行卡号
    masked: str
    line: int  # 1-based, within the scanned text


def id_check_digit_ok(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == number[17].upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def mask(value: str) -> str:
    """Keep the first three and the last two characters; star out the rest."""
    digits = re.sub(_SEP, "", value)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value.removeprefix("+"))


def scan(text: str, allowed: Iterable[str] = ()) -> list[Hit]:
    """Every personal number in `text`, in order; `allowed` numbers (digits compared) are skipped.

    Full-width digits (１３８…) count as digits and invisible characters are ignored.
    """
    text = fold(text)
    if not _LONG_RUN.search(text):
        return []  # nothing of eleven digits or more: most text, cheaply
    allow = {_digits(a) for a in allowed}
    hits: list[tuple[int, Hit]] = []
    taken: list[range] = []

    def add(m: re.Match[str], kind: str) -> None:
        span = range(m.start(), m.end())
        if _digits(m.group()) in allow or any(span.start < t.stop and t.start < span.stop for t in taken):
            return
        taken.append(span)
        hits.append((m.start(), Hit(kind, mask(m.group()), text.count("\n", 0, m.start()) + 1)))

    for m in _ID.finditer(text):
        if _is_id(re.sub(_SEP, "", m.group())):
            add(m, "居民身份证号码")
    for m in _MOBILE.finditer(text):
        add(m, "手机号码")
    for m in _CARD.finditer(text):
        digits = _digits(m.group())
        if luhn_ok(digits) and not all(_YEAR.fullmatch(g) for g in re.split(_SEP, m.group())):
            add(m, "银行卡号")
    return [h for _, h in sorted(hits, key=lambda x: x[0])]


def _is_id(number: str) -> bool:
    """An 18-character number that is a 居民身份证号码: a date of birth where it belongs, a valid check digit."""
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return 1800 <= born.year < 2100 and id_check_digit_ok(number)


def mask_all(text: str) -> str:
    """The text with every personal number masked, the rest as it was written (a full-width dash stays
    one): for messages that quote what an editor typed."""
    folded, starts, ends = _folded_at(text)
    spans: list[tuple[int, int]] = []
    for start, end in sorted((m.start(), m.end()) for rx in (_ID, _MOBILE, _CARD) for m in rx.finditer(folded)):
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    out, last = [], 0
    for start, end in spans:
        out += [text[last:starts[start]], mask(folded[start:end])]
        last = ends[end - 1]
    return "".join(out) + text[last:]


def _folded_at(text: str) -> tuple[str, list[int], list[int]]:
    """`fold(text)`, and where in `text` each of its characters starts and ends (an escape is three)."""
    if text.isascii() and "%" not in text:
        return text, list(range(len(text))), list(range(1, len(text) + 1))
    table, chars, starts, ends = _folding(), [], [], []
    i = 0
    while i < len(text):
        escape = _ESCAPED.match(text, i) if text[i] == "%" else None
        char, step = (chr(int(escape.group(1), 16)), 3) if escape else (text[i], 1)
        point = table.get(ord(char), ord(char))
        if point is not None:
            chars.append(chr(point))
            starts.append(i)
            ends.append(i + step)
        i += step
    return "".join(chars), starts, ends
