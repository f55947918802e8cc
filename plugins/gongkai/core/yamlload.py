"""YAML loading that suits editors' files: dates stay text, duplicate keys are errors, lines are kept.

PyYAML's safe loader turns `2021-03-15` into a `date` and crashes with a bare ValueError on
`2021-13-01`; validation must see the text the editor typed, so timestamps are not resolved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from gongkai.core.problems import Problem


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names the same key twice; YAML would silently keep the last one."""


class UnsupportedError(yaml.MarkedYAMLError):
    """YAML features editors never need and that only cause harm: aliases (billion laughs), complex keys."""


# libyaml's parser when PyYAML has it (ten times faster: 10,000 files in seconds), else the Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):
    pass


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _refuse_aliases(node: yaml.Node, seen: set[int], mark: Any) -> None:
    """An alias makes two places share one node: refuse it before anything walks the shared value."""
    if id(node) in seen:
        raise UnsupportedError(problem="aliases are not allowed", problem_mark=mark)
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _refuse_aliases(key, seen, key.start_mark)
            _refuse_aliases(value, seen, key.start_mark)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _refuse_aliases(item, seen, item.start_mark)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
            raise UnsupportedError(problem="a key must be plain text", problem_mark=key_node.start_mark)
        key = loader.construct_object(key_node)
        if key in seen:
            raise DuplicateKeyError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


NodePath = tuple[str | int, ...]  # keys and list positions from the root, e.g. ("categories", 0, "children", 1)


@dataclass(frozen=True)
class Document:
    """A parsed YAML mapping and the 1-based line of each top-level key within the YAML text;
    with `deep`, also the line of every node by its path."""

    data: Any
    key_lines: dict[str, int]
    node_lines: dict[NodePath, int] = field(default_factory=dict)


def load(text: str, deep: bool = False) -> Document:
    """Parse YAML text; raises yaml.YAMLError (a MarkedYAMLError carries the line)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _refuse_aliases(node, set(), node.start_mark)
        data = None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return Document(data, lines, node_lines(node, ()) if deep and node is not None else {})


def nearest_line(lines: Mapping[NodePath, int], path: NodePath) -> int | None:
    """The line of the node at `path`, or of the nearest node above it that has one."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path) if path else None


def node_lines(node: yaml.Node, path: NodePath) -> dict[NodePath, int]:
    """The line of every mapping value (at its key) and list item below `node`."""
    out: dict[NodePath, int] = {}
    children: list[tuple[str | int, yaml.Node, Any]] = []
    if isinstance(node, yaml.MappingNode):
        children = [(str(k.value), v, k.start_mark) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, v, v.start_mark) for i, v in enumerate(node.value)]
    for key, child, mark in children:
        out[(*path, key)] = mark.line + 1
        out.update(node_lines(child, (*path, key)))
    return out


# What editors' YAML mistakes look like to them: PyYAML's (and libyaml's) English, said in Chinese with
# the field and the fix. Each rule: the parser's words, and the message for the field `{f}` and the
# value `{v}` on the line.
_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"\[{][^:#]*?)\s*:(?:\s|$)")
_QUOTE_TIP = "请把整个值用英文双引号括起来，如 {k}: \"{v}\"。"


def explain(error: yaml.YAMLError, text: str, path: str, first_line: int = 1,
            names: Mapping[str, str] | None = None) -> Problem:
    """A YAML error in `text` (which starts at line `first_line` of the file at `path`) in Chinese,
    naming the field (as `names` calls it, by key) and the fix; never the parser's English."""
    if isinstance(error, UnsupportedError):
        return Problem(path, "使用了不支持的 YAML 写法（别名 *、锚点 &、合并键 << 或复合键）。请把每个字段直接写成“字段: 值”；"
                             "值以 * 或 & 开头时，请把整个值用英文双引号括起来。", _line(error, first_line))
    if isinstance(error, DuplicateKeyError):
        key = str(getattr(error, "problem", "")).removeprefix("duplicate key ").strip("'\"")
        line = _line(error, first_line)
        inside = line - first_line < len(text.split("\n")) and text.split("\n")[line - first_line].startswith(" ")
        more = "如果这是列表中新的一项，请在这一项的第一行前加上“- ”。" if inside else ""
        name = _name(key, names).rstrip()
        return Problem(path, f"{name}{' ' if name[-1:].isascii() else ''}写了两次，YAML 只会保留后一个。请删去多余的一行。{more}", line)
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, max(error.position, 0)) + first_line
        return Problem(path, f"文件中有看不见的控制字符（U+{error.character:04X}），常见于从网页或其他软件复制的文字；"
                             "请删去这一行的这个字符，或删去整行后用键盘重新输入。", line)
    lines = text.split("\n")
    problem, context = str(getattr(error, "problem", "") or ""), str(getattr(error, "context", "") or "")
    at = getattr(error, "problem_mark", None)
    row = at.line if at else 0
    context_mark = getattr(error, "context_mark", None)
    if ("flow" in context or "quoted scalar" in context) and context_mark:
        row = context_mark.line  # where the bracket or the quote was opened
    message, row = _message(problem, context, lines, row, names, context_mark.line if context_mark else row)
    return Problem(path, message, row + first_line)


def _message(problem: str, context: str, lines: list[str], row: int, names: Mapping[str, str] | None,
             context_row: int) -> tuple[str, int]:
    """What went wrong on line `row` (0-based) of `lines`, and the line to show."""
    line = lines[row] if row < len(lines) else ""
    if "\t" in line or (row and "\t" in lines[row - 1] and "tab" in problem):
        return "这一行用了 Tab 键（制表符）。YAML 只能用空格缩进和分隔，请把 Tab 换成空格。", row
    for near in (row, row - 1, context_row):
        said = _typed_like_yaml(lines[near]) if 0 <= near < len(lines) else ""
        if said:
            return said, near
    key, value = _key_value(lines, row)
    field, quote = _name(key, names), _QUOTE_TIP.format(k=key or "title", v=value.replace('"', "'") or "…")
    start = value[:1]
    if "cannot start any token" in problem or any(w in context for w in ("alias", "anchor", "tag")):
        return f"{field}的值以「{start}」开头，YAML 不允许值以 @ ` % * & ! 等符号开头。{quote}", row
    if "block scalar" in context or "block sequence entries" in problem:
        return f"{field}的值以「{start}」开头，YAML 会把它当成多行文字或列表的标记。{quote}", row
    if "quoted scalar" in context and "end of stream" in problem:
        curly = "结尾的「”」是中文引号，须改为英文引号；" if re.search(r"[”“’‘]\s*$", value) else ""
        return f"{field}的值开头的引号没有配对的结束引号：{curly}请在值的末尾补上同样的英文引号。", row
    if "escape" in problem:
        return f"{field}的值写在英文双引号中，其中的反斜杠“\\”会被当作转义符。请改用英文单引号括起来，或去掉反斜杠。", row
    if "flow sequence" in context or "flow mapping" in context:
        mark = "[" if "sequence" in context else "{"
        return (f"{field}的值以「{mark}」开头，YAML 把它当成了括号列表，但括号没有正确结束。如果括号是文字的一部分（如"
                f"「[2021]3号」），{quote}如果是列表，请检查是否漏了结束括号，各项之间用英文逗号分隔。"), row
    if "simple key" in context:  # a line with no “: ” where a key was expected
        return _no_colon(lines, context_row)
    if "mapping values are not allowed" in problem:
        return _colon(lines, row, field, value, quote)
    if "expected key" in problem and start in "\"'[{" and start:
        return f"{field}的值以「{start}」开头，但括号或引号之后还有文字。{quote}值中有英文单引号时，请用英文双引号括起。", row
    if "'-' indicator" in problem:
        return "列表中这一项的缩进没有对齐：同一列表每一项的“- ”须上下对齐，项内各行（如 file:、title:）也须对齐。", row
    if "expected key" in problem or "block end" in problem:
        return "这一行的缩进与同一层的其他行没有对齐：同一层的字段须左边对齐，缩进只用空格。", row
    return ("YAML 格式错误。请检查这一行及上一行：冒号后要留一个空格，缩进用空格而不是 Tab，含有冒号、井号或引号的值请用"
            "英文双引号括起来。"), row


_LIST_MARK = re.compile(r"^\s*(?:([－—–])|-(?=[^\s\-]))")  # a list item's “- ” written otherwise
_FLOW_ITEM = re.compile(r"^\s*(?:-\s+)?\{")
_SPACE_AFTER_COLON = re.compile(r"^\s*(?:-\s+)?[A-Za-z_]\w*:([^\x00-\x7f])")
_TWO_KEYS = re.compile(r"^\s*(?:-\s+)?([A-Za-z_]\w*):\s.*?\s([A-Za-z_]\w*):\s")


def _typed_like_yaml(line: str) -> str:
    """What an editor typed that looks right but is not YAML, on `line`; "" when nothing is."""
    mark, space, keys = _LIST_MARK.match(line), _SPACE_AFTER_COLON.match(line), _TWO_KEYS.match(line)
    if mark:
        shown = f"「{mark.group(1)}」（U+{ord(mark.group(1)):04X}）" if mark.group(1) else "“-”后面没有空格"
        return f"这一行像是列表中的一项，但开头写成了{shown}：每一项须以英文半角减号“-”加一个空格开头，如“- 提交申请”。"
    if space and space.group(1).isspace():
        return (f"这一行冒号后面是全角空格或其他特殊空格（U+{ord(space.group(1)):04X}），YAML 认不出：请改为英文半角空格，"
                "写成“字段: 值”。")
    if _FLOW_ITEM.match(line):
        return ("这一项写在花括号 {…} 中，其中某个值含有“英文冒号+空格”、逗号或引号（或各项之间用了中文逗号），YAML 分不清各个字段。请把这一项改写成"
                "多行，每行一个“键: 值”（第一行以“- ”开头，其余各行与它对齐），或把含有冒号、逗号的值用英文双引号括起来。")
    if keys:
        return (f"这一行写了两个字段（{keys.group(1)} 和 {keys.group(2)}）：请把“{keys.group(2)}: …”另起一行，与"
                f"“{keys.group(1)}”左边对齐。")
    return ""


def _colon(lines: list[str], row: int, field: str, value: str, quote: str) -> tuple[str, int]:
    """“mapping values are not allowed”: a second “: ” in a value, a line indented too far, or a key
    without its colon on the line before."""
    if ": " in value or value.endswith(":"):
        return f"{field}的值中有“英文冒号+空格”，YAML 会把它当成另一个字段。{quote}也可以改用中文冒号“：”。", row
    above = lines[row - 1] if row else ""
    if row and above.strip() and ": " not in above and not above.lstrip().startswith(("-", "#")):
        return _no_colon(lines, row - 1)
    return "这一行的缩进比上一行多：同一层的字段须左边对齐；如果这是上一个字段的值，请写在冒号后面。", row


def _no_colon(lines: list[str], row: int) -> tuple[str, int]:
    line = lines[row].strip() if row < len(lines) else ""
    return f"这一行「{line[:24]}」缺少“英文冒号+空格”：字段应写成“字段: 值”，冒号后留一个空格。", row


def _key_value(lines: list[str], row: int) -> tuple[str, str]:
    """The key written on line `row` (or the nearest line above that has one) and its value as written."""
    for number in range(min(row, len(lines) - 1), -1, -1):
        match = _KEY.match(lines[number])
        if match:
            return match.group(1), lines[number][match.end():].strip() if number == row else ""
    return "", ""


def _name(key: str, names: Mapping[str, str] | None) -> str:
    if not key:
        return "这一行"
    return f"字段{names[key]}" if names and key in names else f"字段 {key} "


def _line(error: yaml.YAMLError, first_line: int) -> int:
    mark = getattr(error, "problem_mark", None)
    return (mark.line if mark else 0) + first_line
