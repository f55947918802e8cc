"""Entry pages rendered outside MkDocs' page loop, on every core.

MkDocs renders its pages one after another. Entry pages are most of a catalogue and independent of
each other, so the plugin renders them itself in forked processes (forked.py), exactly as MkDocs'
loop would: the same template context, the `on_page_context` and `on_post_page` events, the same
bytes to the same file. It then takes them out of MkDocs' list of pages, so they are not rendered
twice, and renders the sitemap again with them in it.

It does so only when no other plugin watches pages being rendered: such a plugin's state would stay
behind in the child processes. MkDocs then renders every page itself, as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

log = get_plugin_logger(__name__)
PAGE_EVENTS = ("page_context", "post_page")
SITEMAP = "sitemap.xml"


def can_take_over(config: MkDocsConfig, plugin: object) -> bool:
    """True when `plugin` is the only one handling the events of a page being rendered."""
    return all(getattr(method, "__self__", None) is plugin
               for event in PAGE_EVENTS for method in config.plugins.events[event])


def page_renderer(config: MkDocsConfig, nav: Navigation, env: jinja2.Environment,
                  pages: Sequence[File]) -> Callable[[Page], None]:
    """What MkDocs' loop does to one page (mkdocs.commands.build._build_page), `pages` being the
    documentation pages its templates see."""
    def render(page: Page) -> None:
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, pages, config, page)
            template = env.get_template(page.meta.get("template", "main.html"))
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            output = config.plugins.on_post_page(template.render(context), page=page, config=config)
            write_file(output.encode("utf-8", errors="xmlcharrefreplace"), str(page.file.abs_dest_path))
        except Exception as e:
            log.error(f"Error building page '{page.file.src_uri}': {e}")
            raise
        finally:
            page.active = False
            config._current_page = None
    return render


def write_sitemap(config: MkDocsConfig, nav: Navigation, env: jinja2.Environment, pages: Sequence[File]) -> None:
    """The theme's sitemap of `pages`, written where MkDocs writes it (the .gz comes with the rest)."""
    if SITEMAP not in config.theme.static_templates:
        return
    output = env.get_template(SITEMAP).render(get_context(nav, pages, config))
    write_file(output.encode("utf-8"), str(Path(config.site_dir) / SITEMAP))
