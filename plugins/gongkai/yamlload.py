"""YAML loading that suits editors' files: dates stay text, duplicate keys are errors, lines are kept.

PyYAML's safe loader turns `2021-03-15` into a `date` and crashes with a bare ValueError on
`2021-13-01`; validation must see the text the editor typed, so timestamps are not resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class DuplicateKeyError(yaml.MarkedYAMLError):
    """A mapping names the same key twice; YAML would silently keep the last one."""


class UnsupportedError(yaml.MarkedYAMLError):
    """YAML features editors never need and that only cause harm: aliases (billion laughs), complex keys."""


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise UnsupportedError(problem=f"alias *{event.anchor} is not allowed", problem_mark=event.start_mark)
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


@dataclass(frozen=True)
class Document:
    """A parsed YAML mapping and the 1-based line of each top-level key within the YAML text."""

    data: Any
    key_lines: dict[str, int]


def load(text: str) -> Document:
    """Parse YAML text; raises yaml.YAMLError (a MarkedYAMLError carries the line)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return Document(data, lines)
