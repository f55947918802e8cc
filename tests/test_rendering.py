"""The speed-ups change no byte: entry pages rendered by the plugin in forked processes, with the
navigation sidebars rendered once, equal MkDocs rendering every page itself."""

from __future__ import annotations

import gzip
import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import PROJECT, entry
from gongkai.core import source, workers
from gongkai.engine import fragments, frames, rendering


def build_example(site: Path) -> dict[Path, bytes]:
    build(load_config(str(PROJECT / "mkdocs.yml"), site_dir=str(site)))
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file()}


def test_forked_rendering_with_shared_sidebars_gives_the_bytes_mkdocs_gives(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    with monkeypatch.context() as m:  # MkDocs renders every page in full, every fragment of it too
        m.setattr(rendering, "can_take_over", lambda config, plugin: False)
        m.setattr(fragments, "sidebar_key", lambda *args: None)
        m.setattr(fragments, "frame_key", lambda *args: None)
        reference = build_example(tmp_path / "mkdocs")
    monkeypatch.setattr(workers, "SHARE_FROM", 1)
    fast = build_example(tmp_path / "fast")
    assert fast.keys() == reference.keys()
    assert [p for p in fast if fast[p] != reference[p]] == []
    entry = Path("xxgk/11990000MB1234567A-2021-00012/index.html")
    assert entry in fast and b"<loc>https://gk.example.gov.cn/xxgk/11990000MB1234567A-2021-00012/</loc>" in fast[Path("sitemap.xml")]


def test_jobs_run_in_as_many_processes_as_there_are_cores_and_keep_their_state_between_phases(monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.fail("this machine has one core: the parallel path cannot be tested here")
    monkeypatch.setattr(workers, "SHARE_FROM", 1)
    state: dict[int, int] = {}

    def first(i: int) -> int:
        state[i] = i * i  # stays in the child that owns job i
        return os.getpid()

    def second(i: int) -> tuple[int, int]:
        return state[i], os.getpid()

    team = workers.Team([first, second], 40)
    try:
        pids = team.run(0)
        results = team.run(1)
    finally:
        team.close()
    assert [square for square, _ in results] == [i * i for i in range(40)]
    assert [pid for _, pid in results] == pids  # the same child did both phases of a job
    assert len(set(pids) - {os.getpid()}) == os.cpu_count() and state == {}


def test_an_error_in_a_child_is_raised_in_the_parent(monkeypatch):
    monkeypatch.setattr(workers, "SHARE_FROM", 1)

    def job(i: int) -> int:
        if i == 5:
            raise ValueError("第 5 项出错")
        return i

    team = workers.Team([job], 8)
    with pytest.raises(ValueError, match="第 5 项出错"):
        team.run(0)
    assert team.children == []  # closed


def test_a_job_set_aside_runs_in_a_forked_process_and_its_error_reaches_the_parent():
    parent = os.getpid()
    job = workers.in_child(os.getpid)
    assert job() != parent
    assert workers.in_child(os.getpid, fork=False)() == parent
    with pytest.raises(ZeroDivisionError):
        workers.in_child(lambda: 1 // 0)()


def test_what_a_forked_job_logs_is_logged_once_by_the_parent(monkeypatch):
    """So `--strict` counts a warning a page raised while rendering in a child process."""
    monkeypatch.setattr(workers, "SHARE_FROM", 1)
    seen: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append(f"{record.levelname} {record.getMessage()}")

    def job(i: int) -> int:
        if i == 3:
            logging.getLogger("mkdocs.plugins.gongkai").warning("第 %d 页有警告", i)
        logging.getLogger("mkdocs.plugins.gongkai").info("不转发")
        return i

    logger, handler = logging.getLogger("mkdocs"), Collect()
    logger.addHandler(handler)
    team = workers.Team([job], 8)
    try:
        assert team.run(0) == list(range(8))
    finally:
        team.close()
        logger.removeHandler(handler)
    assert seen == ["WARNING 第 3 页有警告"]


def entries_with(number: int, text: str) -> dict[str, str]:
    """Eight entries, enough for two child processes to share; entry `number` has `text` as its body."""
    files = {f"content/xxgk/e{n}.md": entry(f"000014349/2021-{n:05d}") for n in range(1, 9)}
    files[f"content/xxgk/e{number}.md"] = files[f"content/xxgk/e{number}.md"].replace("正文第一段。", text)
    return files


def test_personal_data_found_by_a_child_fails_the_build_before_any_page_is_written(site, monkeypatch):
    """The gate holds on the parallel path: the pages are converted and checked in the forked
    processes (a number split by markup shows only in the rendered text), and the build stops with
    the editor's message before one page is written."""
    monkeypatch.setattr(workers, "SHARE_FROM", 1)
    build = site(entries_with(5, "号码 1101011990**0307**7774"))
    assert not build.ok
    assert "content/xxgk/e5.md：发现疑似居民身份证号码「110*************74」。" in build.errors
    assert "Traceback" not in build.errors
    assert list(build.site.rglob("*.html")) == [] and not list(build.site.rglob("*.gz"))


def test_an_error_raised_while_a_child_converts_a_page_reaches_the_editor(site, monkeypatch):
    monkeypatch.setattr(workers, "SHARE_FROM", 1)
    build = site(entries_with(3, "[x](http://[evil)"))
    assert not build.ok
    assert "  - content/xxgk/e3.md 第 11 行：链接地址「http://[evil」格式有误，无法解析，请改正。" in build.errors


def test_the_sitemap_and_its_gz_list_the_pages_rendered_outside_mkdocs(site):
    build = site({"content/xxgk/a.md": entry()}, options={"precompress": False})
    assert build.ok, build.errors
    url = "<loc>https://example.gov.cn/xxgk/000014349-2021-00001/</loc>"
    assert url in build.html("sitemap.xml")
    assert url in gzip.decompress((build.site / "sitemap.xml.gz").read_bytes()).decode("utf-8")
    assert not (build.site / "index.html.gz").exists()  # nothing else compressed


@pytest.mark.parametrize("value", ["关于&lt;印发&gt;的通知", 'a "quoted" \\ back', "tab\tand\nnewline", "yes", "0123",
                                   "null", "- [x]: {y}", "#not a comment", "\x85\u2028\u2029\x7f\x9f\ufffe", "𠀀𪚥 😀",
                                   "'single'", "trailing ", ""])
def test_generated_front_matter_reads_back_as_written(value):
    meta = {"title": value, "description": value + "。", "template": "entry.html"}
    text = source.markdown(meta, "正文")
    assert get_data(text) == ("正文", meta)
    assert yaml.safe_load(text.split("---\n")[1]) == meta


def test_pages_filled_into_their_frame_are_the_pages_rendered_in_full(site, monkeypatch):
    """Titles and descriptions are printed in several ways (as they are, through `striptags`,
    escaped), all of which the frames reproduce; each page's bytes equal its full rendering's."""
    titles = ["关于<印发>的通知", 'a "quoted" & <b>bold</b> 标题', "普通标题", "多个   空格\t的标题", "最后一个标题"]
    files = {f"content/xxgk/e{n}.md": entry(f"000014349/2021-{n:05d}", title=json.dumps(title, ensure_ascii=False))
             for n, title in enumerate(titles, start=1)}
    filled: list[str] = []
    fill = frames.Frame.fill

    def counted(frame: frames.Frame, template: Any, context: Any, page: Any, once: Any) -> str:
        filled.append(page.file.src_uri)
        return fill(frame, template, context, page, once)

    monkeypatch.setattr(frames.Frame, "fill", counted)
    framed = site(files)
    assert framed.ok, framed.errors
    monkeypatch.setattr(frames.Frames, "render", lambda self, template, context, page: template.render(context))
    full = site(files)
    pages = {p.relative_to(full.site): p.read_bytes() for p in sorted(full.site.rglob("*")) if p.is_file()}
    assert {p.relative_to(framed.site): p.read_bytes() for p in sorted(framed.site.rglob("*")) if p.is_file()} == pages
    assert len([uri for uri in filled if uri.startswith("xxgk/")]) >= len(titles) - 1
    assert "<title>关于&lt;印发&gt;的通知 - " in full.html("xxgk/000014349-2021-00001/index.html")
