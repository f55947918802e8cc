"""YAML loading that suits editors' files: dates stay text, duplicate keys are errors, lines are kept.

PyYAML's safe loader turns `2021-03-15` into a `date` and crashes with a bare ValueError on
`2021-13-01`; validation must see the text the editor typed, so timestamps are not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


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
    return Document(data, lines, _node_lines(node, ()) if deep and node is not None else {})


def _node_lines(node: yaml.Node, path: NodePath) -> dict[NodePath, int]:
    """The line of every mapping value (at its key) and list item below `node`."""
    out: dict[NodePath, int] = {}
    children: list[tuple[str | int, yaml.Node, Any]] = []
    if isinstance(node, yaml.MappingNode):
        children = [(str(k.value), v, k.start_mark) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        children = [(i, v, v.start_mark) for i, v in enumerate(node.value)]
    for key, child, mark in children:
        out[(*path, key)] = mark.line + 1
        out.update(_node_lines(child, (*path, key)))
    return out
