"""The power and responsibility list (权责清单): many items per YAML file, checked field by field,
listed in one paginated table with views by type and by 责任主体, and exported as CSV.

Each file under content/<folder>/ holds `items:`, a list of mappings with the keys catalogue.yml
declares under `power_list.fields` (the seven of the national practice: 责任主体, 事项名称, 类型,
设定依据, 追责依据, 监督方式, 救济途径).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import csvfile, yamlload
from .catalogue import ContentFile
from .directory import Facet, Link, Listing
from .problems import Problem
from .schema import Schema
from .source import Source, yaml_problem
from .validate import Context, check_item


@dataclass(frozen=True)
class PowerItem:
    number: int  # 序号, in file order across files sorted by name
    values: dict[str, Any]


def load(schema: Schema, files: Iterable[ContentFile], docs_dir: Path) -> tuple[list[PowerItem], list[Problem]]:
    """Every item of every list file, numbered; problems name the file, the item and the field."""
    items: list[PowerItem] = []
    problems: list[Problem] = []
    spec = schema.power_list
    if spec is None:
        return items, problems
    for file in sorted(files, key=lambda f: f.src_uri):
        path = f"{docs_dir.name}/{file.src_uri}"
        document = _read(file, path, problems)
        if document is None:
            continue
        source = Source(path, {}, {}, "", 1)
        ctx = Context(schema, source, file.src_uri, docs_dir)
        for n, item in enumerate(document.data["items"], 1):
            values, messages = check_item(n, item, spec.fields, ctx)
            problems += [Problem(path, m, document.node_lines.get(("items", n - 1))) for m in messages]
            if not messages:
                items.append(PowerItem(len(items) + 1, values))
    return items, problems


def _read(file: ContentFile, path: str, problems: list[Problem]) -> yamlload.Document | None:
    """The file's YAML with every item's line, if it reads as a list of items."""
    try:
        document = yamlload.load(file.data.decode("utf-8-sig"), deep=True)
    except UnicodeDecodeError:
        problems.append(Problem(path, "文件不是 UTF-8 编码，请以 UTF-8 编码另存。"))
        return None
    except yaml.YAMLError as e:
        problems.append(yaml_problem(e, path))
        return None
    except RecursionError:
        problems.append(Problem(path, "嵌套层次过深，请检查方括号、花括号是否成对。"))
        return None
    if not isinstance(document.data, dict) or not isinstance(document.data.get("items"), list):
        problems.append(Problem(path, "文件应以“items:”开头，其下每个事项以“- ”开头列出。"))
        return None
    return document


def listings(schema: Schema, items: list[PowerItem]) -> list[Listing]:
    """The whole list, then one listing per type and per 责任主体 that has items."""
    spec = schema.power_list
    assert spec is not None
    out = []
    for key, heading in ((spec.type_key, "按类型"), (spec.subject_key, "按责任主体")):
        values = list(dict.fromkeys(str(i.values.get(key, "")) for i in items if i.values.get(key)))
        slugs = _slugs(values)
        out.append((heading, [Listing("power", f"{key}/{v}", v, f"{spec.label}：{v}", f"{spec.folder}/{key}/{slugs[v]}",
                                      tuple(i for i in items if i.values.get(key) == v)) for v in values]))
    facets = tuple(Facet(heading, tuple(Link(x.label, x.src_uri, len(x.entries)) for x in group)) for heading, group in out)
    whole = Listing("power", "", spec.label, spec.label, spec.folder, tuple(items), facets)
    return [whole, *(x for _, group in out for x in group)]


def _slugs(values: list[str]) -> dict[str, str]:
    """URL segments for free-text values (a 责任主体 is typed by editors): letters, digits and CJK only,
    numbered where that leaves nothing or twice the same."""
    out: dict[str, str] = {}
    for n, value in enumerate(values, 1):
        slug = re.sub(r"[^\w-]", "", value).strip("_-") or f"x{n}"
        out[value] = slug if slug not in out.values() else f"{slug}-{n}"
    return out


def to_csv(schema: Schema, items: list[PowerItem]) -> bytes:
    spec = schema.power_list
    assert spec is not None
    rows = [[item.number, *(item.values.get(f.key, "") for f in spec.fields)] for item in items]
    return csvfile.to_bytes(["序号", *(f.label for f in spec.fields)], rows)
