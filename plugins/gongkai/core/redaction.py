"""Redaction markup for 删减后公开: `[[删减]]…[[/删减]]` around what may not be disclosed.

The markup works wherever text goes — paragraphs, list items, table cells, headings, link text,
metadata values — because spans are cut from the Markdown source before it is rendered, and a
span may cross lines and paragraphs. What is cut never reaches MkDocs.
"""

from __future__ import annotations

import re

from gongkai.core.personal import INVISIBLE

OPEN = "[[删减]]"
CLOSE = "[[/删减]]"
TAG = re.compile(r"\[\[(/?)删减\]\]")


class RedactionError(ValueError):
    """Unbalanced markup; `line` is 1-based within the text."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of every redacted span, markup included."""
    found: list[tuple[int, int]] = []
    start: int | None = None
    for m in TAG.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if m.group(1) and start is None:
            raise RedactionError(f"有结束标记 {CLOSE}，但前面没有对应的开始标记 {OPEN}。", line)
        if not m.group(1) and start is not None:
            raise RedactionError(f"删减标记 {OPEN} 还没有用 {CLOSE} 结束，又出现了新的 {OPEN}；删减标记不能嵌套。", line)
        if start is not None:
            found.append((start, m.end()))
            start = None
        else:
            start = m.start()
    if start is not None:
        raise RedactionError(f"删减标记 {OPEN} 没有结束，请在要删减的内容之后加上 {CLOSE}。",
                             text.count("\n", 0, start) + 1)
    return found


def redact(text: str, marker: str) -> tuple[str, int]:
    """The text with each span replaced by `marker`, and how many spans there were."""
    cuts = spans(text)
    out, pos = [], 0
    for start, end in cuts:
        out += [text[pos:start], marker]
        pos = end
    out.append(text[pos:])
    return "".join(out), len(cuts)


def kept_lines(text: str) -> tuple[int, ...]:
    """For each line of `redact(text)`, the 0-based line of `text` it begins on: a span that crosses lines
    is cut to one marker, so what follows it moves up."""
    lines, pos, line = [0], 0, 0
    for start, end in [*spans(text), (len(text), len(text))]:
        for char in text[pos:start]:
            line += char == "\n"
            if char == "\n":
                lines.append(line)
        line += text.count("\n", start, end)
        pos = end
    return tuple(lines)


def blank(text: str) -> str:
    """The text with each span blanked out but its line breaks kept, so line numbers still hold."""
    chars = list(text)
    for start, end in spans(text):
        chars[start:end] = [c if c == "\n" else " " for c in chars[start:end]]
    return "".join(chars)


def has_markup(text: str) -> bool:
    return bool(TAG.search(text))


_INVISIBLE = rf"[\s{INVISIBLE}\\]*"
_OPENERS = r"[\[［【〔（(｛{<＜《〈「『]"
# 删减 (or 刪減) right after any bracket and before a closing one, a space or the end, and [[删除]]: what an
# editor may type for the markup, and not words such as “（删减后公开）”.
_CLOSER = r"[\]］】〕）)｝}>＞》〉」』]"
_CLOSERS = rf"(?:{_CLOSER}|[\s\\])*"
_NEAR_MISS = re.compile(rf"(?:{_OPENERS}{_INVISIBLE}{_OPENERS}?{_INVISIBLE}/?{_INVISIBLE}[删刪]{_INVISIBLE}[减減]"
                        rf"|[\[［]{_INVISIBLE}[\[［]{_INVISIBLE}/?{_INVISIBLE}[删刪]{_INVISIBLE}[除])"
                        rf"(?=[\s{INVISIBLE}\\]|{_CLOSER}|$){_CLOSERS}")


def near_misses(text: str) -> list[tuple[str, int]]:
    """Mistyped markup (full-width brackets, spaces, 删除…) that would otherwise be published as is."""
    return [(m.group().strip(), text.count("\n", 0, m.start()) + 1) for m in _NEAR_MISS.finditer(text)
            if not TAG.match(text, m.start())]
