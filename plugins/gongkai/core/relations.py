"""Checks of the references between entries (superseded_by, an interpretation's policy): each target
exists, is of the right type and is not the entry itself; no chain of references comes back to where
it started. A target whose own file has errors is named as such, not as missing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gongkai.core.problems import Problem
from gongkai.core.validate import odd_characters

if TYPE_CHECKING:
    from gongkai.core.catalogue import Catalogue, Entry


def check(catalogue: Catalogue, broken: dict[str, str]) -> list[Problem]:
    """Every problem with the catalogue's references; `broken`: the 索引号 of files with errors, and their path."""
    return [*_targets(catalogue, broken), *_cycles(catalogue)]


def _targets(catalogue: Catalogue, broken: dict[str, str]) -> list[Problem]:
    problems = []
    for e in catalogue.entries:
        for key, target in e.references.items():
            field, line = e.ctype.field(key), e.key_lines.get(key)
            found = catalogue.get(target)
            if target == e.index_no:
                problems.append(Problem(e.path, f"字段{field.name}引用了条目自身的索引号「{target}」，请填写另一条目的索引号。", line))
            elif found is None and target in broken:
                problems.append(Problem(e.path, f"字段{field.name}引用的「{target}」是 {broken[target]} 的索引号，那个文件本身有错误"
                                                "（见它的错误信息），改正后这里会自动通过。", line, "warning"))
            elif found is None:
                close = typos(target, catalogue.by_index)
                hint = f"是否想写：{'、'.join(close)}？" if close else "请核对索引号，或先添加被引用的条目。"
                problems.append(Problem(e.path, f"字段{field.name}引用的索引号「{target}」不存在：content/ 中没有这个索引号的条目。"
                                                f"{hint}{odd_characters(target)}", line))
            elif field.targets and found.ctype.key not in field.targets:
                wanted = "、".join(catalogue.schema.types[t].label for t in field.targets if t in catalogue.schema.types)
                problems.append(Problem(e.path, f"字段{field.name}引用的「{found.title}」是{found.ctype.label}，这里应引用{wanted}。", line))
            elif field.later and found.date < e.date:
                problems.append(Problem(e.path, f"字段{field.name}引用的「{found.title}」发布于 {found.date}，早于本文件（{e.date}）："
                                                "替代本文件的应是更新的文件。请核对索引号。", line))
    return problems


def typos(written: str, known: Iterable[str]) -> list[str]:
    """The known 索引号 that `written` is one slip away from: a character wrong, missing or extra, or two
    neighbours swapped. Numbers that merely look alike are not suggested."""
    def slips(a: str, b: str) -> bool:
        if len(a) == len(b):
            wrong = [i for i in range(len(a)) if a[i] != b[i]]
            return len(wrong) == 1 or (len(wrong) == 2 and wrong[1] == wrong[0] + 1 and a[wrong[0]] == b[wrong[1]]
                                       and a[wrong[1]] == b[wrong[0]])
        short, long = sorted((a, b), key=len)
        return len(long) == len(short) + 1 and any(long[:i] + long[i + 1:] == short for i in range(len(long)))
    return sorted(k for k in known if slips(written, k))[:3]


def _cycles(catalogue: Catalogue) -> list[Problem]:
    """A chain of the same reference field that comes back to its start (A 被 B 替代, B 被 A 替代): each
    would name the other as the document in force. Told once, at the first entry of the loop."""
    problems, seen = [], set()
    for start in sorted(catalogue.entries, key=lambda e: e.path):
        for key in start.references:
            chain = _chain(catalogue, start, key)
            if chain is None or frozenset(e.index_no for e in chain) in seen:
                continue
            seen.add(frozenset(e.index_no for e in chain))
            field = start.ctype.field(key)
            steps = " → ".join(f"「{e.title}」（{e.path}）" for e in [*chain, chain[0]])
            problems.append(Problem(start.path, f"字段{field.name}形成了循环：{steps}。这样每份文件都把另一份当作现行文件，读者无从判断"
                                                "哪一份有效。请只在被替代的旧文件中填写新文件的索引号，新文件不填。",
                                    start.key_lines.get(key)))
    return problems


def _chain(catalogue: Catalogue, start: Entry, key: str) -> list[Entry] | None:
    """The entries `key` leads through from `start` when it comes back to `start`, else None."""
    chain, here = [start], start
    while True:
        target = catalogue.get(here.references.get(key, ""))
        if target is None or target is here:
            return None
        if target is start:
            return chain
        if target in chain:
            return None  # a loop further on: told at its own first entry
        chain.append(target)
        here = target
