"""The MkDocs plugin `disclosure`: MkDocs' build events handed to the objects that do the work.

on_config takes the setup (catalogue.yml's schema, the date, mkdocs.yml scanned: setup.py); on_files
loads content through the gate into this build's model and adds the generated pages (build.py: the
editors' own files in the catalogue's folders never reach MkDocs); on_nav places the directory; the
page events check each page as it is read (reading.py) and hand templates their context; on_env
gives the generated pages to the engine, which converts and renders them on every core while the
search index, feeds and exports are written in threads (jobs.py); on_post_build writes and checks
what goes beside the pages (finish.py). Under `mkdocs serve`, a save of entries or plain pages
re-renders only the pages it changes (preview.py).
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from pymdownx.slugs import slugify

import gongkai.types  # noqa: F401 (the content types register their checks with the core)
from gongkai.core.content import is_owned
from gongkai.engine import rendering
from gongkai.mkdocs import console
from gongkai.mkdocs.build import Build
from gongkai.mkdocs.config import DisclosureConfig
from gongkai.mkdocs.jobs import Jobs
from gongkai.mkdocs.preview import Session
from gongkai.mkdocs.reporting import Reporter
from gongkai.mkdocs.setup import REPORT, Setup, synonyms_name

log = get_plugin_logger(__name__)


class DisclosurePlugin(BasePlugin[DisclosureConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.setup: Setup | None = None  # from mkdocs.yml and catalogue.yml (on_config)
        self.build: Build | None = None  # this build's model, pages and engine (on_files)
        self.jobs = Jobs()  # what the build does in threads
        self.session = Session()  # the preview of `mkdocs serve`, across its builds
        self.reporter: Reporter | None = None  # every problem the build reported, in order (on_config)
        self.checking = False  # `gongkai check`: stop once every page is checked, before anything is written
        self.failure: Exception | None = None  # what stopped the last build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Having this event makes MkDocs keep one plugin instance for a whole `mkdocs serve`."""
        self.session.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        console.mask_handlers(logging.getLogger("mkdocs"))  # `mkdocs serve`'s own printer, too
        self.jobs.wait()
        gc.unfreeze()  # the last build's objects, frozen for the preview (on_post_build), may go now
        self.build, self.setup, self.failure = None, None, None
        if self.reporter:
            self.reporter.close()
        if self.config.enabled:
            self.reporter = Reporter(Path(config.config_file_path).parent / REPORT)
            self.reporter.listen()
            self.setup = Setup.of(config, self.config, self.reporter)  # checks mkdocs.yml's settings first
        if "toc" in config.markdown_extensions:  # headings' anchors keep their Chinese: 三、施行时间 is #三施行时间
            config.mdx_configs.setdefault("toc", {}).setdefault("slugify", slugify(case="lower"))
        return config

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
        """Rebuild the preview when catalogue.yml or synonyms.yml changes, not only content/; after a save
        of entries or plain pages alone, render only the pages it changes."""
        root = Path(config.config_file_path).parent
        server.watch(str(root / self.config.catalogue))
        if (root / synonyms_name(self.config.catalogue)).exists():  # livereload cannot watch a missing file
            server.watch(str(root / synonyms_name(self.config.catalogue)))

        def rebuild() -> None:
            """A failed rebuild is told in Chinese, never as a traceback; the preview goes on."""
            try:
                if not self.refresh():
                    builder()
            except Abort:
                log.error("预览没有更新：请按上面的提示改正，保存后会自动重新生成。")  # MkDocs logged why
            except PluginError as e:
                log.error(f"{e}\n预览没有更新：请按上面的提示改正，保存后会自动重新生成。")
        server.builder = rebuild
        return server

    def refresh(self) -> bool:
        """Show an edit by rendering only the pages it changes; False when it needs a full build."""
        self.jobs.wait()
        return self.session.refresh(self.build, self.jobs, self, self.config.catalogue)

    def on_shutdown(self) -> None:
        """`mkdocs serve` deletes its site folder next: the preview's outputs are written first."""
        self.jobs.wait()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.setup is None:
            return None
        mine, loaded = self.session.load(self.setup.schema, config, self.config.catalogue, files, self.setup.today)
        self.build = Build(self.setup, config, loaded, self.config, self.session.serving, self.checking)
        for f in mine:
            if is_owned(self.setup.schema, f.src_uri):
                files.remove(f)
        self.build.add_files(files, deferred=rendering.can_take_over(config, self))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.build:
            self.build.place(nav)
        return nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page | None:
        return self.build.pre_page(page) if self.build else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.build.page_markdown(page, markdown, files) if self.build else None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        return self.build.page_content(page, html) if self.build else None

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.build:
            self.build.render_generated(env, files, self.jobs)
        return None

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        if self.build:
            self.build.page_context(page, cast(dict[str, Any], context))  # the theme templates read these keys
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Each page as it is written (by MkDocs or the engine): scanned and gzipped, so none is read back."""
        if self.build:
            self.build.engine.written(page, output, self.config.precompress)
        return None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.reporter:
            self.reporter.close()
        if self.build is None:
            return
        self.build.finish(self.jobs)
        self.session.built = config if self.session.serving else None
        if self.session.serving:  # what the build made lives on: the preview's garbage collections need not walk it
            gc.freeze()

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build still waits for what it started in the background, so nothing outlives it."""
        self.failure = error
        if self.reporter:
            self.reporter.close()
        self.jobs.abandon()
