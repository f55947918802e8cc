"""The build's verdict on its content: problems logged (warnings, which `--strict` counts), the build
report written beside mkdocs.yml (never into site/) on success and failure alike, and the build
stopped on any error with every error listed, in Chinese."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from gongkai.core import freshness
from gongkai.core.content import Content
from gongkai.core.problems import Problem, errors, warnings
from gongkai.inspection import writers
from gongkai.inspection.findings import Inspection
from gongkai.mkdocs import console
from gongkai.outputs.report import BuildReport

log = get_plugin_logger(__name__)


Inspect = Callable[[Content, dt.date], Inspection]


class Checked(Exception):
    """`gongkai check` stops the build here: every page converted and checked, nothing written."""


class Refused(PluginError):
    """The build stopped on errors in what editors wrote (content/, catalogue.yml, mkdocs.yml)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"内容检查发现 {len(problems)} 个错误，网站没有生成。请逐条修改后重新提交：\n{lines}")


class Reporter:
    """Every problem a build reports passes here, in order (`problems`): `gongkai check` reads them."""

    def __init__(self, path: Path) -> None:
        self.path = path  # build-report.json
        self.report = BuildReport()
        self.problems: list[Problem] = []
        self.reminders: list[freshness.Reminder] = []
        self.inspect: Inspect | None = None  # the self-inspection (gongkai inspect) of a load of content (setup.py)
        self.heard = console.Collector()  # MkDocs' own warnings and errors during this build

    def listen(self) -> None:
        """Hear what MkDocs and the theme warn of, until `close`."""
        logging.getLogger("mkdocs").addHandler(self.heard)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.heard)

    def strict(self) -> None:
        """In strict mode, stop on what MkDocs warned of so far, as on any error (every page is converted
        by now): the build would end refused anyway, after rendering every page for nothing."""
        said = {p.message for p in self.problems}
        heard = [Problem("", message) for message in dict.fromkeys(self.heard.found) if message not in said]  # errors, in strict mode
        if heard:
            self(heard)

    def start(self, loaded: Content, today: dt.date, said: Collection[str] = (), inspect: bool = True) -> None:
        """A new report for a load of content, with one line on its freshness reminders (when there are
        any that were not `said` already: the preview says what is new), the self-inspection run (not with
        `inspect` False: the preview keeps the last one), then its problems reported."""
        result, kept = loaded.result, self.report.inspection
        self.report = BuildReport(len(result.published), result.withheld, len(result.on_request), result.redactions)
        self.reminders = freshness.check(result.published, today)
        self.report.reminders = [str(r) for r in self.reminders]
        if set(self.report.reminders) - set(said):  # never a warning: --strict must still publish, which is how a column is refreshed
            log.info(f"时效提醒 {len(self.reminders)} 条（栏目更新不及时等，不影响发布），全文见 {self.path.name} 或运行"
                     " gongkai check --reminders。")
        self.report.inspection = self._inspected(loaded, today) if inspect else kept
        self(loaded.problems, summary=True)

    def _inspected(self, loaded: Content, today: dt.date) -> dict[str, object] | None:
        """The inspection's findings, summed up in the log; never a warning, like a reminder. Content with
        errors stops the build anyway, and would be inspected with files missing: it is not inspected."""
        if self.inspect is None or errors(loaded.problems):
            return None
        found = self.inspect(loaded, today)
        log.info(f"{writers.summary(found)}详见 build-report.json 的 inspection，或运行 gongkai inspect 生成报告页。")
        return writers.data(found)

    def __call__(self, problems: list[Problem], summary: bool = False) -> None:
        """Log warnings (and the report's summary, when there are any or with `summary`), write the
        build report, and stop the build on any error."""
        self.problems += problems
        self.report.add(problems)
        for problem in warnings(problems):
            log.warning(str(problem))
        if problems or summary:
            log.info(self.report.summary())
        self.report.write(self.path)
        found = errors(problems)
        if found:
            raise Refused(found)


def stop_on_broken_links(broken: Sequence[object]) -> None:
    """Stop the build when the link check found broken links, listing the first fifty."""
    if broken:
        shown = "\n".join(f"  - {b}" for b in broken[:50])
        more = f"\n  ……另有 {len(broken) - 50} 处" if len(broken) > 50 else ""
        raise PluginError(f"链接检查发现 {len(broken)} 处失效链接，网站没有发布。请修改后重新提交：\n{shown}{more}")


def stop_on_executable(found: dict[str, list[str]]) -> None:
    """Stop the build when a page holds code: the site's policy runs scripts from its own files only, so
    anything else on a page came from a value that slipped past the templates' escaping, or from a
    theme setting."""
    if found:
        shown = "\n".join(f"  - {rel}：{'；'.join(what)}" for rel, what in sorted(found.items())[:20])
        raise PluginError(f"{len(found)} 个页面含有可执行的代码，网站没有发布。网站只运行自己脚本文件中的代码；页面中的这些内容"
                          f"通常来自 mkdocs.yml 或 overrides/ 中的设置或模板，请检查并删除：\n{shown}")
