"""Chinese text as a reader sees it: no space where a line of the source broke inside a sentence, and
none after a full-width punctuation mark.

Editors break long lines in Markdown and YAML; browsers show each break as a space, which Chinese
text never has between two characters ("编制本指南。 本指南每年…"), and a space typed after a
full-width mark is one too many ("**（一）主动公开。** 全年…"). Both are removed from the HTML
Markdown makes (not inside <pre>, and only across inline elements, so block boundaries keep their
line breaks) and from the texts of metadata fields. A space between Chinese and Latin text or
digits ("20 个工作日") and the ideographic space U+3000 are the editor's and stay.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

CJK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
CLOSING = "。，、；：！？）】」』”’》〉…"  # full-width marks that carry their own space
_INLINE = (r"(?:</?(?:a|abbr|b|bdi|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|small|span|strong|sub|sup|time|u|var)"
           r"(?:\s[^<>]*)?>)*")
_BROKEN = re.compile(rf"([{CJK}])({_INLINE})[ \t]*\n[ \t]*({_INLINE})(?=[{CJK}])")
_SPACED = re.compile(rf"([{CLOSING}])({_INLINE})[ \t]+({_INLINE})(?=[{CJK}])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)


def join(text: str) -> str:
    """A text or HTML without the spaces a reader should not see between Chinese characters."""
    return _SPACED.sub(r"\1\2\3", _BROKEN.sub(r"\1\2\3", text))


def join_html(html: str) -> str:
    """`join` outside <pre> elements."""
    parts = _PRE.split(html)
    return "".join(part if n % 2 else join(part) for n, part in enumerate(parts))


class _Joined(Postprocessor):
    def run(self, text: str) -> str:
        return join_html(text)


class Typography(Extension):
    """A Python-Markdown extension: the page's HTML joined (after raw HTML is put back)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.postprocessors.register(_Joined(md), "gk_typography", 5)

    def __eq__(self, other: Any) -> bool:  # one per configuration, whichever instance
        return isinstance(other, Typography)

    def __hash__(self) -> int:
        return hash(Typography)
