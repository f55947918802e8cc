"""The dictionary of wrong and prohibited expressions (wording.yml beside catalogue.yml) and its scan
of every public text.

A serious wording error (严重表述错误: a wrong national name, a misspelled leader's name, a
prohibited expression) fails a government site outright in the national inspection; vendors'
robots look for them on the live site. The dictionary is the bureau's own, edited like content:
each entry is a wrong form matched exactly, the right form (or why it must not be used), a verdict,
and optionally longer phrases in which the form is right (中华民国时期).

The scan joins all texts once and looks each form up with `str.find`: a handful of passes over
the whole text at C speed, rather than a pattern tried at every character.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gongkai.core import yamlload
from gongkai.core.personal import mask_all
from gongkai.inspection.findings import Verdict
from gongkai.inspection.texts import Text

_KEYS = ("wrong", "right", "why", "verdict", "except")
_SEPARATOR = "\x00"  # between texts: no form spans two
_CONTEXT = 12  # characters shown on each side of a hit
_NUMERIC, _WIDEST = " ._/-+XxＸｘ", 40  # what a number is written with; how far the window widens for one


@dataclass(frozen=True)
class Term:
    wrong: str
    right: str  # the right form; "" when there is none to give
    why: str  # why the form is wrong or prohibited
    verdict: Verdict
    exceptions: tuple[str, ...] = ()  # longer phrases containing `wrong` that are right
    line: int | None = None  # in wording.yml

    @property
    def fix(self) -> str:
        """What to do, in Chinese."""
        parts = [f"应为「{self.right}」" if self.right else "", self.why]
        return "；".join(p for p in parts if p)

    def excepted(self, text: str, offset: int) -> bool:
        """Whether the hit at `offset` lies inside one of the phrases where the form is right."""
        for phrase in self.exceptions:
            inner = phrase.find(self.wrong)
            if inner >= 0 and text.startswith(phrase, offset - inner):
                return True
        return False


@dataclass(frozen=True)
class Dictionary:
    terms: tuple[Term, ...] = ()
    source: str = "wording.yml"  # as messages name it
    present: bool = False  # whether the file exists


@dataclass(frozen=True)
class Hit:
    term: Term
    text: Text
    offset: int

    @property
    def line(self) -> int | None:
        return self.text.line_at(self.offset)

    @property
    def context(self) -> str:
        """The words around the hit, on one line, personal numbers masked (the window never cuts a number:
        half a number would escape the mask)."""
        text = self.text.text
        start = _widened(text, max(0, self.offset - _CONTEXT), -1)
        end = _widened(text, min(len(text), self.offset + len(self.term.wrong) + _CONTEXT), 1)
        shown = text[start:end].replace("\n", " ").strip()
        return mask_all(("…" if start else "") + shown + ("…" if end < len(text) else ""))


def _widened(text: str, at: int, step: int) -> int:
    """`at` moved outwards (step -1: left, 1: right) past a run of digits and separators it falls inside."""
    def numeric(i: int) -> bool:
        return 0 <= i < len(text) and (text[i].isdigit() or text[i] in _NUMERIC)

    inside = numeric(at - 1) and numeric(at)
    for _ in range(_WIDEST if inside else 0):
        nxt = at - 1 if step < 0 else at
        if not numeric(nxt):
            break
        at += step
    return at


def load(path: Path, shown: str) -> tuple[Dictionary, list[str]]:
    """The dictionary at `path` (an absent file is an empty dictionary, `present` False), and every
    problem with it in Chinese, naming the entry and its line (the caller names the file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Dictionary(source=shown), []
    except UnicodeDecodeError:
        return Dictionary(source=shown), ["文件不是 UTF-8 编码，请以 UTF-8 编码另存。"]
    try:
        document = yamlload.load(text, deep=True)
    except yaml.YAMLError as e:  # in Chinese, with the line and the fix, as for any other YAML file
        explained = yamlload.explain(e, text, shown)
        return Dictionary(source=shown), [f"第 {explained.line} 行：{explained.message}" if explained.line else explained.message]
    if document.data is None:
        return Dictionary(source=shown, present=True), []
    if not isinstance(document.data, list):
        return Dictionary(source=shown), ["应为词条列表，每项以“- ”开头，如 - {wrong: 共合国, right: 共和国, verdict: 否决}。"]
    terms, problems = [], []
    for number, raw in enumerate(document.data, 1):
        line = document.node_lines.get((number - 1,))
        term, found = _term(raw, f"第 {number} 项" + (f"（第 {line} 行）" if line else ""), line)
        problems += found
        if term:
            terms.append(term)
    return Dictionary(tuple(terms), shown, True), problems


def _term(raw: Any, where: str, line: int | None) -> tuple[Term | None, list[str]]:
    if not isinstance(raw, dict):
        return None, [f"{where} 应写成 {{wrong: 错误写法, right: 正确写法, verdict: 否决}}。"]
    problems = []
    unknown = sorted(map(str, set(raw) - set(_KEYS)))
    if unknown:
        problems.append(f"{where} 有未知的键「{'、'.join(unknown)}」；可用：{'、'.join(_KEYS)}。")
    wrong, right, why = (str(raw.get(k) or "").strip() for k in ("wrong", "right", "why"))
    if not wrong or _SEPARATOR in wrong:
        problems.append(f"{where} 缺少 wrong（错误或禁用的写法）。")
    if not right and not why:
        problems.append(f"{where}（{wrong}）须写明 right（正确写法）或 why（不能使用的原因）。")
    if wrong and wrong == right:
        problems.append(f"{where}（{wrong}）的 right 与 wrong 相同。")
    verdicts = {v.value: v for v in Verdict}
    verdict = verdicts.get(str(raw.get("verdict", "")).strip())
    if verdict is None:
        problems.append(f"{where}（{wrong}）的 verdict「{raw.get('verdict', '')}」应为 否决、扣分 或 提醒。")
    exceptions = raw.get("except") or []
    exceptions = exceptions if isinstance(exceptions, list) else [exceptions]
    bad = [str(e) for e in exceptions if wrong not in str(e)]
    if bad:
        problems.append(f"{where}（{wrong}）的 except 中「{'、'.join(bad)}」不含「{wrong}」：except 应列出含有这个写法、本身却正确的词语。")
    if problems or verdict is None:
        return None, problems
    return Term(wrong, right, why, verdict, tuple(str(e) for e in exceptions), line), []


def scan(dictionary: Dictionary, texts: list[Text]) -> list[Hit]:
    """Every occurrence of every form in `texts`, but those inside their exceptions, in text order."""
    joined = _SEPARATOR.join(t.text for t in texts)
    starts, position = [], 0
    for t in texts:
        starts.append(position)
        position += len(t.text) + 1
    hits = []
    for term in dictionary.terms:
        at = joined.find(term.wrong)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            text, offset = texts[index], at - starts[index]
            if not term.excepted(text.text, offset):
                hits.append(Hit(term, text, offset))
            at = joined.find(term.wrong, at + len(term.wrong))
    order = {id(t): n for n, t in enumerate(texts)}
    return sorted(hits, key=lambda h: (order[id(h.text)], h.offset))
