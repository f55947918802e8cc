"""The editors' synonyms for site search: `synonyms.yml` beside catalogue.yml, a list of groups, each a
line of words joined by `=` (`- 身份证 = 居民身份证`). A query holding one word of a group finds the
pages holding any of them (gk-query.js); the groups travel to the browser in gk-query.json, each word
as search words see it (segment.normalise: folded, so a group written in either script serves both).

The file is optional. Each problem names its line, in Chinese, as the editors' other files do; a word
belongs to one group only (two groups with a word in common are one group, written as one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from gongkai.core import yamlload
from gongkai.core.problems import Problem
from gongkai.search import segment

FILE = "synonyms.yml"
_SEPARATOR = re.compile("[=＝]")
_WORD = re.compile(f"[{segment.HAN}]+|[0-9a-z]+")  # a word is one run, as a query's words are
EXAMPLE = "“- 换证 = 换领”"


@dataclass(frozen=True)
class Synonyms:
    groups: tuple[tuple[str, ...], ...]  # each group's words, normalised as search words see them
    problems: tuple[Problem, ...] = ()
    text: str = ""  # the file as written (public: the groups are published), for the personal-data scan


def path_beside(catalogue: Path) -> Path:
    """Where a project keeps its synonyms: in the catalogue's folder."""
    return catalogue.parent / FILE


def load(path: Path, display: str) -> Synonyms:
    """The groups of `path` (none when there is no such file), or the problems that make it unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Synonyms(())
    except UnicodeDecodeError:
        return _failed(display, "文件不是 UTF-8 编码，请以 UTF-8 编码另存。")
    except OSError as e:
        return _failed(display, f"无法读取文件（{e.strerror}）。")
    try:
        document = yamlload.load(text, deep=True)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return _failed(display, f"YAML 格式错误（{getattr(e, 'problem', e)}）。", mark.line + 1 if mark else None)
    except RecursionError:
        return _failed(display, "嵌套层次过深，请检查括号是否成对。")
    if document.data is None:
        return Synonyms((), text=text)
    if not isinstance(document.data, list):
        return _failed(display, f"文件内容应为列表：每组同义词写成一行，以“- ”开头、用“=”连接，如 {EXAMPLE}。", 1)
    return _read(document.data, document.node_lines, display, text)


def _failed(display: str, message: str, line: int | None = None) -> Synonyms:
    return Synonyms((), (Problem(display, message, line),))


def _read(items: list[object], lines: dict[yamlload.NodePath, int], display: str, text: str) -> Synonyms:
    groups: list[tuple[str, ...]] = []
    problems: list[Problem] = []
    first_seen: dict[str, int | None] = {}  # a word → the line of its group
    for number, item in enumerate(items):
        line = lines.get((number,))
        words, message = _group(item)
        clash = next((w for w in words if w in first_seen), None)
        if clash and not message:
            message = (f"“{clash}”已在第 {first_seen[clash]} 行的同义词组中。一个词只能属于一组，"
                       "请把这两组合并成一行。")
        if message:
            problems.append(Problem(display, message, line))
            continue
        first_seen.update(dict.fromkeys(words, line))
        groups.append(tuple(words))
    return Synonyms(tuple(groups), tuple(problems), text)


def _group(item: object) -> tuple[list[str], str]:
    """A line's words, normalised, or why the line is unusable."""
    if not isinstance(item, str):
        return [], f"每组同义词应写成一行文字，用“=”连接，如 {EXAMPLE}；现为「{item}」。"
    written = [w.strip() for w in _SEPARATOR.split(item)]
    if len(written) < 2:
        return [], f"“{item}”只有一个词。请用“=”连接意思相同的两个或多个词，如 {EXAMPLE}。"
    if "" in written:
        return [], f"“{item}”中“=”的两边都应有词语。"
    words = [segment.normalise(w) for w in written]
    for shown, word in zip(written, words, strict=True):
        if not _WORD.fullmatch(word):
            return [], (f"“{shown}”应为连续的汉字，或连续的字母、数字，不能含空格、标点，"
                        "也不能汉字与字母数字混写。")
        if len(word) < 2:
            return [], f"“{shown}”只有一个字。同义词至少要两个字：单字会把检索词拆得太碎。"
    repeated = next((shown for shown, word in zip(written, words, strict=True) if words.count(word) > 1), None)
    if repeated:
        return [], f"“{repeated}”在这一组中写了两次（简体和繁体写法算作同一个词）。"
    return words, ""
