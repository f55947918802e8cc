"""Work a build does in threads while its pages render: the search index, which needs every page's
text, and the feeds and exports, which need only the catalogue; under `mkdocs serve`, the outputs a
preview leaves to write after the pages it showed. Threads start after the engine's processes are
forked (core/workers.py), and every build waits for what the last one started before it begins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future

from mkdocs.plugins import get_plugin_logger

from gongkai.core import workers

log = get_plugin_logger(__name__)


class Jobs:
    def __init__(self) -> None:
        self.indexing: Future[tuple[int, float]] | None = None  # the search index: pages, seconds
        self.writing: Future[frozenset[str]] | None = None  # the feeds and exports: their paths in the site
        self.following: threading.Thread | None = None  # a preview's outputs

    def start(self, index: Callable[[], tuple[int, float]] | None, write: Callable[[], frozenset[str]]) -> None:
        self.indexing = workers.in_thread(index) if index else None
        self.writing = workers.in_thread(write)

    def written(self, write: Callable[[], frozenset[str]]) -> frozenset[str]:
        """The paths in the site of the feeds and exports, once written (now, if they were not started)."""
        writing, self.writing = self.writing, None
        return writing.result() if writing else write()

    def indexed(self) -> None:
        """Wait for the search index, and say so."""
        if self.indexing is None:
            return
        indexing, self.indexing = self.indexing, None
        count, seconds = indexing.result()
        log.info(f"站内检索索引：{count} 个页面，用时 {seconds:.1f} 秒")

    def follow(self, job: Callable[[], None], failed: str) -> None:
        """A preview's outputs, written after the pages it showed; a failure is logged as `failed`."""
        def run() -> None:
            try:
                job()
            except Exception as e:  # in the background, where nothing else would report it
                log.error(f"{failed}：{e}")
        self.following = threading.Thread(target=run, name="gongkai-outputs")
        self.following.start()

    def wait(self) -> None:
        """Before anything else is built, what the last preview left to write is written."""
        if self.following:
            self.following.join()
            self.following = None

    def abandon(self) -> None:
        """A failed build still waits for what it started, so nothing outlives it."""
        for future in (self.indexing, self.writing):
            if future is not None:
                future.exception()
        self.indexing = self.writing = None
