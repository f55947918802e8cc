"""What a build prints: MkDocs' log in Chinese, every personal number masked, and a failure of the
machine (a permission, a full disk, a file gone) as one sentence naming the path.

Editors and ops read this output. MkDocs' own lines are English and its warnings quote what they
found (a link's decoded address can hold a whole ID number), so every line passes `Masked` and the
lines MkDocs is known to print are said in Chinese; others keep their text under a Chinese level.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from gongkai.core import oserror
from gongkai.core.personal import mask_all

PLUGIN_LOGGER = "mkdocs.plugins.gongkai"  # the plugin's modules log under it (mkdocs.plugins.get_plugin_logger)
TRACE = ".cache/gongkai/last-error.txt"  # beside mkdocs.yml: where a fault of the program leaves its traceback
LEVELS = {"DEBUG": "调试", "INFO": "信息", "WARNING": "警告", "ERROR": "错误", "CRITICAL": "错误"}
# MkDocs' own lines, as their Chinese (a format, or a function of the groups); None: not printed (the
# build wrapper says it better).
_MKDOCS: list[tuple[re.Pattern[str], str | Callable[..., str] | None]] = [
    (re.compile(r"Cleaning site directory"), None),
    (re.compile(r"Building documentation to directory: .*"), None),
    (re.compile(r"Documentation built in ([\d.]+) seconds"), "网站生成完毕，用时 {0} 秒。"),
    (re.compile(r"Aborted with a BuildError!"), None),
    (re.compile(r"Error building page '(.+?)':.*", re.DOTALL), "生成页面 {0} 时出错。"),
    (re.compile(r"Error reading page '(.+?)':.*", re.DOTALL), "读取页面 {0} 时出错。"),
    (re.compile(r"Aborted with \d+ warnings? in strict mode!"), None),
    (re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:(.*)",
                re.DOTALL), "以下页面没有列入 mkdocs.yml 的 nav，读者只能通过链接访问：{0}"),
    (re.compile(r"A reference to '(.+?)' is included in the 'nav' configuration, which is not found in the documentation "
                r"files\."), "mkdocs.yml 的 nav 中列出的「{0}」在 content/ 中不存在：请改正文件名，或删去这一项。"),
    (re.compile(r"Excluding '(.+?)' from the site because it conflicts with '(.+?)'\."),
     "content/{0} 与 content/{1} 会生成同一个网址，{0} 不会发布：请删去或改名其中一个。"),
    (re.compile(r"Doc file '(.+?)' contains a link '(.+?)', but the target.*", re.DOTALL),
     "content/{0} 中的链接「{1}」指向的页面或文件不存在，请改正。"),
    (re.compile(r"Doc file '(.+?)' contains an absolute link '(.+?)', it was left as is.*", re.DOTALL),
     "content/{0} 中的链接「{1}」以“/”开头，没有检查它是否存在；请改为相对于本文件的路径。"),
    (re.compile(r"Doc file '(.+?)' contains an unrecognized relative link '(.+?)', it was left as is.*", re.DOTALL),
     "content/{0} 中的链接「{1}」不是 content/ 中的文件，没有检查它是否存在；请写成相对于本文件的文件路径。"),
    (re.compile(r"Template skipped: '(.+?)' not found in (?:theme directories|docs_dir)\."), "没有找到模板 {0}，已跳过。"),
    (re.compile(r"Config value '(.+?)': (.*)", re.DOTALL), lambda name, detail: f"mkdocs.yml 中的设置 {name}：{_detail(detail)}"),
    # The preview (`gongkai serve`): MkDocs' server
    (re.compile(r"Building documentation\.\.\."), "正在生成预览……"),
    (re.compile(r"Serving on (\S+).*"), "预览地址：{0} （在浏览器中打开；按 Ctrl+C 结束预览）"),
    (re.compile(r"Watching paths for changes: .*", re.DOTALL), None),
    (re.compile(r"Browser connected: .*"), None),
    (re.compile(r"Detected file changes"), "发现文件改动，正在重新生成……"),
    (re.compile(r"Reloading browsers"), "已刷新预览页面。"),
    (re.compile(r"Shutting down\.\.\."), "预览已结束。"),
    (re.compile(r"An error happened during the rebuild.*", re.DOTALL), "重新生成时出错，请按上面的提示改正，保存后会自动重新生成。"),
]


class Masked(logging.Filter):
    """Every personal number in a line masked, whoever logged it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask_all(record.getMessage()), None
        return True


_CLOCK = re.compile(r"^\[\d\d:\d\d:\d\d\] ")


def chinese(message: str) -> str:
    """A line of the log as said to editors: MkDocs' known lines in Chinese ("" for those not shown)."""
    message = _CLOCK.sub("", message.removeprefix("gongkai: "))  # the plugin's logger names itself; the server, the time
    for pattern, said in _MKDOCS:
        match = pattern.fullmatch(message)
        if match:
            groups = [" ".join(g.replace("- ", "").split()) for g in match.groups()]
            return "" if said is None else said(*groups) if callable(said) else said.format(*groups)
    return message


_DETAILS = [  # what MkDocs says is wrong with a setting
    (re.compile(r"Unrecognised configuration name: (\S+)"), "不认识这个设置名，请检查拼写，或删去这一行。"),
    (re.compile(r"Required configuration not provided\."), "必须填写。"),
    (re.compile(r"Expected type: .* but received: .*"), "值的类型不对（如应为文字却写成了列表），请参照示例填写。"),
    (re.compile(r"The URL isn't valid, it should include the http:// \(scheme\)"), "网址须以 http:// 或 https:// 开头。"),
    (re.compile(r"Failed to load extension '(.+?)'.*", re.DOTALL), "无法加载 Markdown 扩展「{0}」，请检查名称。"),
    (re.compile(r"The \"(.+?)\" plugin is not installed"), "没有安装插件「{0}」，请检查名称。"),
    (re.compile(r"Unrecognised theme name: '(.+?)'.*", re.DOTALL), "没有名为「{0}」的主题。"),
]


def _detail(detail: str) -> str:
    for pattern, said in _DETAILS:
        match = pattern.fullmatch(detail.strip())
        if match:
            return said.format(*match.groups())
    return f"有问题，请改正（MkDocs 的说明：{detail}）。"


class _Chinese(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = chinese(record.getMessage())
        return f"{LEVELS.get(record.levelname, record.levelname)}：{message}" if message else ""


class Collector(logging.Handler):
    """Keeps the warnings and errors logged by others than the plugin (MkDocs', the theme's), masked and
    in Chinese, instead of printing them: `gongkai check` reports them with its own."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.addFilter(Masked())
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = chinese(record.getMessage())
        if message and not record.name.startswith(PLUGIN_LOGGER):
            self.found.append(message)


class _Printer(logging.StreamHandler):  # type: ignore[type-arg]
    def emit(self, record: logging.LogRecord) -> None:
        if self.format(record):
            super().emit(record)


@contextmanager
def installed(logger: logging.Logger, handler: logging.Handler | None = None) -> Iterator[None]:
    """For the moment, `logger`'s lines (and its children's) printed in Chinese, masked, on standard
    error, or handed to `handler` instead; as it was afterwards."""
    if handler is None:
        handler = _Printer(sys.stderr)
        handler.setFormatter(_Chinese())
        handler.addFilter(Masked())
    before = logger.handlers, logger.level, logger.propagate
    logger.handlers, logger.propagate = [handler], False
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.handlers, logger.propagate = before[0], before[2]
        logger.setLevel(before[1])


def mask_handlers(logger: logging.Logger) -> None:
    """Mask every line `logger`'s handlers print (the `mkdocs` command's, under `mkdocs serve`)."""
    for handler in logger.handlers:
        if not any(isinstance(f, Masked) for f in handler.filters):
            handler.addFilter(Masked())


def guarded(job: Callable[[], int], failed: Callable[[str], None], trace: Path) -> int:
    """`job`'s exit status; a failure of the machine is told to `failed` in Chinese instead of a
    traceback, and so is a fault of the program itself, whose traceback is written to `trace`."""
    try:
        return job()
    except OSError as e:
        failed(oserror.explain(e))
    except MemoryError:
        failed("内存不足，构建无法完成。请关闭其他程序或换用内存更大的机器后重新构建。")
    except Exception as e:
        saved = _save_trace(trace)
        failed(f"构建程序内部出错（{type(e).__name__}），这不是内容的问题。请把{saved}交给网站的开发人员。")
    return 1


def _save_trace(path: Path) -> str:
    """The current exception's traceback, masked, written to `path`; how to name it to the reader."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(mask_all(traceback.format_exc()), encoding="utf-8")
    except OSError:
        return "这条信息"
    return f"文件 {path} "
