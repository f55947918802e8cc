"""The power and responsibility list (权责清单): many items per YAML file, checked field by field; the
site lists them (site/directory.py) and exports them as a table (outputs/csvfile.py).

Each file under content/<folder>/ holds `items:`, a list of mappings with the keys catalogue.yml
declares under `power_list.fields` (the seven of the national practice: 责任主体, 事项名称, 类型,
设定依据, 追责依据, 监督方式, 救济途径).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gongkai.core import content, gate, yamlload
from gongkai.core.content import Content
from gongkai.core.files import ContentFile
from gongkai.core.problems import Problem
from gongkai.core.schema import PowerListSpec, Schema
from gongkai.core.source import Source
from gongkai.core.validate import Context, check_item

NAME = "power_list"  # its kind of content (core.content.Kind)


@dataclass(frozen=True)
class PowerItem:
    number: int  # 序号, in file order across files sorted by name
    values: dict[str, Any]


def load(schema: Schema, files: list[ContentFile], docs_dir: Path) -> tuple[list[PowerItem], list[Problem]]:
    """Every item of every list file of the folder, numbered; problems name the file, the item and the
    field. The files are public text, scanned as such."""
    found: list[PowerItem] = []
    spec = schema.power_list
    if spec is None:
        return found, []
    lists = [f for f in files if f.src_uri.endswith((".yml", ".yaml"))]
    problems = [Problem(f"{docs_dir.name}/{f.src_uri}", "权责清单目录中只能放 .yml 文件（每个文件以 items: 列出事项）；"
                                                        "请把这个文件移到别处或删除。") for f in files if f not in lists]
    for file in sorted(lists, key=lambda f: f.src_uri):
        path = f"{docs_dir.name}/{file.src_uri}"
        document = _read(file, path, problems)
        if document is None:
            continue
        source = Source(path, {}, {}, "", 1)
        ctx = Context(schema, source, file.src_uri, docs_dir)
        for n, item in enumerate(document.data["items"], 1):
            values, messages = check_item(n, item, spec.fields, ctx)
            problems += [Problem(path, m.message, yamlload.nearest_line(document.node_lines, ("items", *m.path))) for m in messages]
            if not messages:
                found.append(PowerItem(len(found) + 1, values))
    problems += [p for f in lists for p in gate.check_page(f"{docs_dir.name}/{f.src_uri}", f.data, schema.gate)]
    return found, problems


def _read(file: ContentFile, path: str, problems: list[Problem]) -> yamlload.Document | None:
    """The file's YAML with every item's line, if it reads as a list of items."""
    text = ""
    try:
        text = file.data.decode("utf-8-sig")
        document = yamlload.load(text, deep=True)
    except UnicodeDecodeError:
        problems.append(Problem(path, "文件不是 UTF-8 编码，请以 UTF-8 编码另存。"))
        return None
    except yaml.YAMLError as e:
        problems.append(yamlload.explain(e, text, path))
        return None
    except RecursionError:
        problems.append(Problem(path, "嵌套层次过深，请检查方括号、花括号是否成对。"))
        return None
    if not isinstance(document.data, dict) or not isinstance(document.data.get("items"), list):
        problems.append(Problem(path, "文件应以“items:”开头，其下每个事项以“- ”开头列出。"))
        return None
    return document


def table(spec: PowerListSpec, items: list[PowerItem]) -> tuple[list[str], list[list[Any]]]:
    """The list as a table: its header and a row per item, numbered."""
    rows = [[item.number, *(item.values.get(f.key, "") for f in spec.fields)] for item in items]
    return ["序号", *(f.label for f in spec.fields)], rows


def items(content: Content) -> list[PowerItem]:
    """The items a load of content found (none when catalogue.yml declares no power list)."""
    found: list[PowerItem] = content.kinds.get(NAME) or []
    return found


content.register(content.Kind(NAME, lambda schema: schema.power_list.folder if schema.power_list else None, load))
