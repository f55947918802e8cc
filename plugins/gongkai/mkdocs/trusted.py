"""What mkdocs.yml may ask of a build. mkdocs.yml is edited like content, so it is untrusted: MkDocs
itself would run Python it names (YAML's python tags, `hooks`, plugins), read any file of the
machine into a page (pymdownx.snippets, pymdownx.b64) and load scripts, styles and images from other
hosts (extra_javascript, extra_css, theme.logo and favicon, Google Fonts, emoji from a CDN). The
site must run nothing it did not write and work on an isolated network, so these are refused at
their line, in Chinese: the tags and hooks before MkDocs reads the file (project.load), the settings as the
build starts (setup.Setup.of), so a plain `mkdocs build` is held to them too."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from gongkai.core import yamlload
from gongkai.core.problems import Problem

CONFIG = "mkdocs.yml"

# Tags MkDocs defines that only read a value: an environment variable, a folder's path.
_SAFE_TAGS = ("!ENV", "!relative")
_YAML_TAG = "tag:yaml.org,2002:"
_PYTHON_TAG = _YAML_TAG + "python/"
PLUGINS = frozenset({"disclosure", "search", "material/search"})
EXTENSIONS = frozenset({
    *(f"{prefix}{name}" for prefix in ("", "markdown.extensions.") for name in (
        "abbr", "admonition", "attr_list", "def_list", "extra", "fenced_code", "footnotes", "legacy_attrs",
        "legacy_em", "md_in_html", "meta", "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks")),
    *(f"pymdownx.{name}" for name in (
        "arithmatex", "betterem", "blocks.admonition", "blocks.definition", "blocks.details", "blocks.html",
        "blocks.tab", "caret", "critic", "details", "escapeall", "highlight", "inlinehilite", "keys",
        "magiclink", "mark", "pathconverter", "progressbar", "saneheaders", "smartsymbols", "striphtml",
        "superfences", "tabbed", "tasklist", "tilde")),
})
_WHY_TAG = "会让 MkDocs 在读取设置时运行程序"
HOOKS = "hooks 会在生成网站时运行其中的 Python 文件，本项目不允许使用。请删去 hooks。"
_OWN_FILES = "须是网站自己的文件的路径（放在 overrides/ 或 content/ 中，如 assets/images/logo.png），不能是其他网站的地址或以 / 开头：" \
             "网站要能在隔离的网络中使用，也只运行自己的脚本。"


class _Composer(yaml.SafeLoader):
    """YAML's syntax and tags as written, nothing constructed."""


def compose(text: str) -> yaml.Node | None:
    """mkdocs.yml's nodes, with their tags and lines, whatever the tags stand for: nothing is run or
    built. Raises yaml.YAMLError on a syntax error."""
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def before_loading(text: str) -> list[Problem]:
    """What MkDocs would run as it reads mkdocs.yml, at its line: YAML tags that call Python
    (!!python/name, !!python/object/apply …) or that it does not define, and `hooks` (Python files it
    imports). Text that is not YAML is left to MkDocs' own message."""
    try:
        node = compose(text)
    except yaml.YAMLError:
        return []
    found = [Problem(CONFIG, f"「{_shown(tag)}」{_WHY_TAG if tag.startswith(_PYTHON_TAG) else '不是 MkDocs 认识的写法'}，"
                             "mkdocs.yml 中不允许使用。请删去它，直接写设置的值。", line)
             for tag, line in _tags(node) if not tag.startswith(_YAML_TAG) or tag.startswith(_PYTHON_TAG)
             if tag not in _SAFE_TAGS]
    if isinstance(node, yaml.MappingNode):
        found += [Problem(CONFIG, HOOKS, key.start_mark.line + 1) for key, value in node.value
                  if key.value == "hooks" and not (value.tag.endswith(":null") or value.value == [])]
    return found


def _tags(node: yaml.Node | None) -> Iterator[tuple[str, int]]:
    if node is None:
        return
    yield node.tag, node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _tags(key)
            yield from _tags(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _tags(item)


def _shown(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def settings(config: MkDocsConfig) -> list[Problem]:
    """Every setting of mkdocs.yml that would run, read or load what the site did not write."""
    lines = _lines(config.config_file_path)
    found = _code(config) + _places(config)
    return [Problem(CONFIG, message, yamlload.nearest_line(lines, path)) for message, path in found]


Found = list[tuple[str, tuple[str | int, ...]]]  # a message and the setting's path in mkdocs.yml


def _code(config: MkDocsConfig) -> Found:
    """Settings that would run or read code: hooks, plugins, Markdown extensions and their options."""
    found: Found = [(HOOKS, ("hooks",))] if config.hooks else []
    found += [(f"插件「{name}」不在本项目允许的插件中（{'、'.join(sorted(PLUGINS))}）：插件会在生成网站时运行程序，"
               "也可能把未经公开审查的内容写入网站。请删去它。", ("plugins",)) for name in config.plugins if name not in PLUGINS]
    found += [(f"Markdown 扩展「{name}」不在本项目允许的扩展中：它可能读取服务器上的文件或加载其他网站的内容。"
               "请删去它；可用的扩展见 docs/security.md。", ("markdown_extensions",))
              for name in config.markdown_extensions if isinstance(name, str) and name not in EXTENSIONS]
    return found + [(f"Markdown 扩展「{name}」的设置中有程序（函数或对象），本项目不允许。请只写文字、数字和开关。",
                     ("markdown_extensions",)) for name, options in (config.mdx_configs or {}).items() if _has_code(options)]


def _places(config: MkDocsConfig) -> Found:
    """Settings that would take files from elsewhere: other hosts' scripts, styles and images, Google
    Fonts, content outside the project."""
    found: Found = [(f"{where}「{value}」{_OWN_FILES}", path) for where, value, path in _addresses(config) if _elsewhere(value)]
    root = Path(config.config_file_path or ".").resolve().parent
    if not Path(config.docs_dir).resolve().is_relative_to(root):
        found.append((f"docs_dir「{config.docs_dir}」在项目目录之外：网站只发布项目中经过审核的内容。请把内容放在项目中，"
                      "如 docs_dir: content。", ("docs_dir",)))
    if config.theme.get("font") not in (False, None):
        found.append(("theme.font 须设为 false：设置字体会让每个页面从 Google 加载字体，隔离网络中无法打开。", ("theme", "font")))
    return found


def _addresses(config: MkDocsConfig) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
    for key in ("logo", "favicon"):
        if config.theme.get(key):
            yield f"theme.{key}", str(config.theme[key]), ("theme", key)
    for key in ("extra_css", "extra_javascript"):
        for i, item in enumerate(config[key] or []):
            yield key, str(getattr(item, "path", item)), (key, i)


def _elsewhere(value: str) -> bool:
    """An address of another host, a scheme (javascript:, data:) or a path from the server's root."""
    return value.startswith(("/", "\\")) or ":" in value.split("/", 1)[0]


def _has_code(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_code(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_has_code(v) for v in value)
    return not isinstance(value, (str, int, float, bool, type(None)))


def _lines(path: str | None) -> dict[tuple[str | int, ...], int]:
    """The line of each setting of mkdocs.yml, for the messages."""
    if not path:
        return {}
    try:
        node = compose(Path(path).read_text(encoding="utf-8", errors="replace"))
    except yaml.YAMLError:
        return {}
    return yamlload.node_lines(node, ()) if node is not None else {}
