"""What the engine relies on that MkDocs, Material and Jinja do not publish (engine/internals.py), each
checked against the installed versions by its behaviour: an upgrade that changes one fails here, by
name, instead of changing pages silently."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

from conftest import entry
from gongkai.engine import internals
from gongkai.engine.rendering import Engine

HOOKS = '''
seen = []

class StandIn:
    markdown = content = ""
    def __init__(self, page):
        self.file, self.meta, self.calls = page.file, page.meta, []
    def read_source(self, config):
        self.calls.append("read_source")
    def render(self, config, files):
        self.calls.append("render")

def on_pre_page(page, config, files):
    seen.append(("pre_page", config._current_page is page))
    return StandIn(page) if page.file.src_uri == "stand-in.md" else None

def on_page_markdown(markdown, page, config, files):
    seen.append(("markdown", type(page).__name__, config._current_page is not None))

def on_env(env, config, files):
    files.remove(files.get_file_from_path("stand-in.md"))  # as the engine takes its pages out of MkDocs' list

def on_page_context(context, page, config, nav):
    seen.append(("context", config._current_page is page))
'''


def mkdocs_site(tmp_path: Path) -> list[tuple[object, ...]]:
    """A plain MkDocs build with hooks that record what MkDocs' loops do."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# 首页\n", encoding="utf-8")
    (tmp_path / "docs/stand-in.md").write_text("# 另一页\n", encoding="utf-8")
    (tmp_path / "hooks.py").write_text(textwrap.dedent(HOOKS), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nplugins: []\nhooks: [hooks.py]\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    return list(config.hooks["hooks.py"].seen)


def test_mkdocs_marks_the_page_it_builds_as_the_config_s_current_page(tmp_path):
    """(1) The engine sets `config._current_page` around the pages it handles, as MkDocs' loops do."""
    seen = mkdocs_site(tmp_path)
    assert ("pre_page", True) in seen and ("context", True) in seen
    assert all(flag for event, *rest in seen for flag in rest[-1:] if isinstance(flag, bool))


def test_mkdocs_loop_reads_the_object_on_pre_page_returns(tmp_path):
    """(2) `Unread` works because MkDocs' loop goes on with what `on_pre_page` returned."""
    seen = mkdocs_site(tmp_path)
    assert ("markdown", "StandIn", True) in seen
    assert internals.Unread.markdown == internals.Unread.content == ""


def test_jinja_contexts_expose_blocks_root_code_and_assignments():
    """(3) Frames render a template's root code once, keep its blocks and top-level assignments, and
    later render only the blocks of another page in a context holding those."""
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "base.html": "<b>{% block a %}base{% endblock %}</b>{% block c %}{% endblock %}",
        "child.html": '{% extends "base.html" %}{% set x = "assigned" %}{% block a %}{{ x }} {{ y }} {{ super() }}{% endblock %}',
    }), autoescape=True)
    template = env.get_template("child.html")
    ctx = internals.context(template, {"y": "first"})
    chains = internals.blocks(ctx)
    assert list(chains) == ["a"] and len(chains["a"]) == 1  # the child's own, before rendering
    assert internals.render_root(template, ctx) == "<b>assigned first base</b>"
    assert {name: len(chain) for name, chain in chains.items()} == {"a": 2, "c": 1}  # the child's block first
    assigned = internals.assigned(ctx)
    assert assigned == {"x": "assigned"}
    later = internals.context(template, {"y": "second"}, assigned)
    internals.blocks(later).update({name: list(chain) for name, chain in chains.items()})
    assert "".join(internals.blocks(later)["a"][0](later)) == "assigned second base"


def sidebars(html: str) -> str:
    """A page's sidebars (Material's block site_nav), whitespace collapsed."""
    match = re.search(r'(<div class="md-sidebar md-sidebar--primary".*?)(?:<span id="gk-main"|<div class="md-content")',
                      html, re.DOTALL)
    assert match, "no sidebars"
    return " ".join(match.group(1).split())


def test_the_sidebars_of_a_page_outside_the_navigation_are_material_s_pruned_ones(site, monkeypatch):
    """partials/gk-sidebars.html copies Material's site_nav with navigation.prune: the sidebars it renders
    (once for every page of a place) equal what Material renders itself for each page with that feature."""
    files = {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002"),
             "content/guide.md": "# 指南\n\n## 第一节\n\n文字。\n\n## 第二节\n\n文字。\n"}
    ours = site(files)
    assert ours.ok, ours.errors
    monkeypatch.setattr(Engine, "frame_context", lambda self, page: {})  # Material's own block, every page
    yml = ours.root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("features: [navigation.indexes]",
                                                           "features: [navigation.indexes, navigation.prune]"), encoding="utf-8")
    build(load_config(str(yml), site_dir=str(ours.root / "pruned")))
    for page in ("xxgk/000014349-2021-00001/index.html", "xxgk/000014349-2021-00002/index.html"):
        material = (ours.root / "pruned" / page).read_text(encoding="utf-8")
        assert sidebars(ours.html(page)) == sidebars(material), page


MARKDOWN = [
    "# 标题 &amp; <b>粗</b>\n\n正文[链接](b.md#第二节)。\n\n## 第二节 {#second}\n\n<a id=\"raw\"></a>文字\n",
    "没有标题，只有正文。\n\n| 表 | 格 |\n|---|---|\n| 1 | 2 |\n\n!!! note \"提示\"\n    内容\n",
    "## 一、第一\n\n### （一）小节\n\n[上级](../index.md) [外部](https://example.gov.cn/) [锚点](#一第一)\n",
]


def test_one_converter_gives_what_page_render_gives(tmp_path):
    """(4) The engine's converter, reused page after page, sets on each page what `Page.render` sets."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins: []\nmarkdown_extensions: [tables, attr_list, admonition, {toc: {permalink: false}}]\n",
        encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    config = config.plugins.on_config(config)  # as a build starts: MkDocs' generated files name their plugin
    files = Files([File.generated(config, "b.md", content="# B\n\n## 第二节\n"), File.generated(config, "index.md", content="# 首页\n")])
    render = internals.markdown_renderer(config, files)

    def page(n: int, text: str) -> Page:
        made = Page(None, File.generated(config, f"p{n}.md", content=text), config)
        made.read_source(config)
        return made

    for n, text in enumerate(MARKDOWN * 2):  # twice: the reused converter forgets the page before
        ours, theirs = page(n, text), page(n, text)
        render(ours)
        theirs.render(config, files)
        assert ours.content == theirs.content and ours.title == theirs.title
        assert [(t.title, t.id, t.level, len(t.children)) for t in ours.toc] == [(t.title, t.id, t.level, len(t.children)) for t in theirs.toc]
        assert ours.present_anchor_ids == theirs.present_anchor_ids
        assert ({f.src_uri: links for f, links in ours.links_to_anchors.items()}
                == {f.src_uri: links for f, links in theirs.links_to_anchors.items()})
