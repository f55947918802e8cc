"""The preview (`make serve`): a save of entries or plain pages is shown by rendering only the pages
it changes, with the bytes a full build gives them; anything else gets a full build."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import serving
from gongkai.core import files
from gongkai.mkdocs import preview
from gongkai.mkdocs.plugin import DisclosurePlugin
from leak import leaks

POLICY = "content/xxgk/2021/huji-qianyi.md"  # superseded by content/xxgk/2021/old.md, interpreted in zcjd/
POLICY_PAGE = "xxgk/11990000MB1234567A-2021-00012/index.html"
NEWEST = "content/xxgk/2026/gaoxiao-banjian.md"  # its date is the date of pages without their own
GUIDE = "content/gongkai-zhinan.md"
ANCHOR_LINK = "xxgk/11990000MB1234567A-2021-00012.md#一放宽落户条件"  # the policy's heading 一、放宽落户条件
UNRELATED = "content/xxgk/2022/yusuan-2022.md"  # nothing points at it
UNRELATED_PAGE = "xxgk/11990000MB1234567A-2022-00006/index.html"


def serve_build(project: Path, site: Path) -> DisclosurePlugin:
    """The first build of `mkdocs serve`: the plugin instance then lives on for the whole session."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    plugin = config.plugins["disclosure"]
    assert isinstance(plugin, DisclosurePlugin)
    return plugin


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


FULL_BUILD_ONLY = ("pagefind/gk-query.json.gz", "assets/javascripts/gongkai-s2t.json", ".nginx-site.conf")  # made for publishing


def files_of(site: Path) -> dict[Path, bytes]:
    """Every file of a built site but those the preview leaves to the full build."""
    return {p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and not p.relative_to(site).as_posix().startswith(FULL_BUILD_ONLY)}


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, DisclosurePlugin]:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = serving.copy_example(tmp_path / "project")
    (project / "content/xxgk/.gitkeep").write_text("")  # hidden files are not watched, nor published
    path = project / GUIDE
    path.write_text(path.read_text(encoding="utf-8") + f"\n[放宽落户条件]({ANCHOR_LINK})\n", encoding="utf-8")
    plugin = serve_build(project, tmp_path / "preview")
    return project, plugin


def test_an_edit_renders_only_the_pages_it_changes_with_the_bytes_of_a_full_build(served, tmp_path, caplog):
    project, plugin = served
    content = project / "content"
    edit(project / POLICY, "title: ", "title: 修订后的")  # shown on the pages that supersede and interpret it
    edit(content / "xxgk/2021/daolu-jiaotong-anquanfa.md", "category: 法律法规", "category: 规范性文件")  # counts move
    edit(content / "xxgk/2021/gongkai-yaodian-2021.md", "\n---\n", "\n---\n\n新增的一段说明文字。\n")
    edit(project / NEWEST, "date: 2026-10-16", "date: 2026-10-20")  # the sitemap dates of plain pages follow
    edit(project / GUIDE, "本指南每年根据工作变化更新。", "本指南每年根据工作变化更新，最近一次更新见下文。")  # a plain page
    untouched = (tmp_path / "preview" / UNRELATED_PAGE).stat().st_mtime_ns
    caplog.set_level("INFO")
    assert plugin.refresh()
    said = [r.getMessage() for r in caplog.records]
    assert not any("「时效提醒」" in line for line in said)  # the first build said them; the preview says what is new
    shown = next(line for line in said if "预览：" in line)
    assert re.fullmatch(r"gongkai: 预览：5 个文件有改动，重新生成 \d+ 个页面，用时 \d+\.\d 秒；站内检索随后更新，繁體字表在完整构建时更新。", shown)
    assert (tmp_path / "preview" / UNRELATED_PAGE).stat().st_mtime_ns == untouched  # not rendered again
    plugin.jobs.wait()  # the feeds and exports follow the pages
    preview_files = files_of(tmp_path / "preview")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "full")))
    full_files = files_of(tmp_path / "full")
    assert preview_files.keys() == full_files.keys()
    assert [str(p) for p in preview_files if preview_files[p] != full_files[p]] == []
    assert "修订后的" in preview_files[Path(POLICY_PAGE)].decode()
    assert "修订后的" in preview_files[Path("mulu/nian/2021/index.html")].decode()
    assert "最近一次更新见下文" in preview_files[Path("gongkai-zhinan/index.html")].decode()


def test_a_redaction_leaves_the_preview_s_search_before_the_preview_is_shown(served, tmp_path, monkeypatch):
    """The editor who redacts a passage and searches for it finds nothing: the index is written anew at once,
    not with the outputs that follow in the background (held back here)."""
    project, plugin = served
    marker = "智慧公安建设和基层所队装备项目"
    assert leaks(tmp_path / "preview" / "pagefind", [marker])
    monkeypatch.setattr(plugin.jobs, "follow", lambda job, failed: None)
    edit(project / UNRELATED, "disclosure: 主动公开", "disclosure: 删减后公开")
    edit(project / UNRELATED, marker, f"[[删减]]{marker}[[/删减]]")
    assert plugin.refresh()
    plugin.jobs.wait()
    assert not leaks(tmp_path / "preview", [marker])


def new_entry(number: int, day: int) -> str:
    return (f"---\ntitle: 示例市公安局关于第{number}批便民措施的公告\nindex_no: 11990000MB1234567A/2026-0090{number}\n"
            f"category: 户籍管理\npublisher: 示例市公安局\ndate: 2026-11-{day:02d}\ndisclosure: 主动公开\nvalidity: 有效\n"
            f"---\n\n第{number}批便民措施自发布之日起施行。\n")


def test_new_entries_are_shown_with_the_directory_pages_they_shift_as_a_full_build_shows_them(served, tmp_path):
    """The newest entries move every row of the directory down one place, onto a new last page."""
    project, plugin = served
    for number, day in ((1, 2), (2, 3)):
        (project / f"content/xxgk/2026/bianmin-{number}.md").write_text(new_entry(number, day), encoding="utf-8")
    assert plugin.refresh()
    plugin.jobs.wait()
    preview_files = files_of(tmp_path / "preview")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "full")))
    full_files = files_of(tmp_path / "full")
    assert preview_files.keys() == full_files.keys()
    assert [str(p) for p in preview_files if preview_files[p] != full_files[p]] == []
    assert "第2批便民措施" in preview_files[Path("mulu/index.html")].decode()
    assert Path("mulu/page/6/index.html") in preview_files  # 101 entries, 20 a page
    assert Path("xxgk/11990000MB1234567A-2026-00901/index.html") in preview_files


def test_an_edit_with_an_error_stops_the_preview_with_the_editor_s_message_and_writes_nothing(served, tmp_path):
    project, plugin = served
    page = tmp_path / "preview" / POLICY_PAGE
    before = page.read_bytes()
    edit(project / POLICY, "date: 2021-", "date: 2021年")
    with pytest.raises(PluginError, match=r"content/xxgk/2021/huji-qianyi\.md.*发布日期"):
        plugin.refresh()
    assert page.read_bytes() == before
    edit(project / POLICY, "date: 2021年", "date: 2021-")
    edit(project / POLICY, "title: ", "title: 改正后的")
    assert plugin.refresh()  # the preview goes on from where it was
    assert "改正后的" in page.read_text(encoding="utf-8")


def test_the_preview_checks_links_into_the_pages_it_renders(served, tmp_path):
    project, plugin = served
    edit(project / POLICY, "## 一、放宽落户条件", "一、放宽落户条件")  # the guide's link to its anchor breaks
    with pytest.raises(PluginError, match=re.escape("gongkai-zhinan/index.html 中的链接「../xxgk/11990000MB1234567A-2021-00012/"
                                                    "#一放宽落户条件」中的锚点「#一放宽落户条件」在目标页面上不存在")):
        plugin.refresh()


class FakeServer:
    """What on_serve gets from `mkdocs serve`: the server, whose builder it wraps."""

    def __init__(self, builder: Callable[[], None]) -> None:
        self.builder = builder
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


@pytest.mark.parametrize("change", ["nothing", "removed entry", "new attachment", "catalogue.yml", "synonyms.yml",
                                    "theme", "plain page title", "withheld"])
def test_other_changes_get_a_full_build(served, change):
    project, plugin = served
    full_builds: list[str] = []
    server = FakeServer(lambda: full_builds.append("built"))
    config = load_config(str(project / "mkdocs.yml"))
    plugin.on_serve(server, config=config, builder=server.builder)
    if change == "removed entry":
        (project / UNRELATED).unlink()
    elif change == "new attachment":
        (project / "content/xxgk/2022/fujian/new.csv").write_text("a,b\n", encoding="utf-8")
    elif change == "catalogue.yml":
        edit(project / "catalogue.yml", "page_size: 20", "page_size: 25")
    elif change == "synonyms.yml":  # the search's synonyms, beside catalogue.yml: watched as it is
        assert str(project / "synonyms.yml") in server.watched
        edit(project / "synonyms.yml", "- 养狗 = 养犬", "- 养狗 = 养犬 = 犬只")
    elif change == "theme":
        path = project / "overrides/main.html"
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "nothing":  # a second event for a save already shown, or a hidden file
        (project / "content/xxgk/.gitkeep").write_text("x")
    elif change == "plain page title":  # shown in the navigation on every page (mkdocs.yml's nav gives it no title)
        edit(project / "content/yishenqing.md", "# 依申请公开指南", "# 依申请公开指南（2026年版）")
    else:
        edit(project / UNRELATED, "disclosure: 主动公开", "disclosure: 依申请公开")  # its page goes away
    server.builder()
    assert full_builds == ([] if change == "nothing" else ["built"])


def test_stamps_see_edited_added_and_removed_files_but_hidden_ones(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/one.md").write_text("一")
    (tmp_path / "a/gone.md").write_text("去")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden/x.md").write_text("x")
    (tmp_path / ".swp").write_text("x")
    before = files.stamps(tmp_path)
    assert set(before) == {"a/one.md", "a/gone.md"}
    time.sleep(0.01)
    (tmp_path / "a/one.md").write_text("一二")
    (tmp_path / "a/gone.md").unlink()
    (tmp_path / "two.md").write_text("二")
    (tmp_path / ".swp").write_text("y")
    assert preview.changes({**before, ".DS_Store": (1, 1)}, files.stamps(tmp_path)) == preview.Changes(
        edited=["a/one.md"], added=["two.md"], removed=["a/gone.md"])
    assert files.stamps(tmp_path / "two.md") == {".": files.stamps(tmp_path)["two.md"]}
    assert files.stamps(tmp_path / "missing") == {}


def test_the_real_mkdocs_serve_shows_an_edited_entry_without_a_full_build(tmp_path):
    project = serving.copy_example(tmp_path / "project")
    port = serving.free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    url = f"http://127.0.0.1:{port}/{POLICY_PAGE.removesuffix('index.html')}"
    try:
        serving.wait_for(url, "户口", 300)
        edit(project / POLICY, "title: ", "title: 预览中修改的")
        serving.wait_for(url, "预览中修改的", 60)
        serving.wait_for(f"http://127.0.0.1:{port}/mulu/nian/2021/", "预览中修改的", 10)
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1]
    assert "预览：1 个文件有改动" in log
    assert log.count("Building documentation...") == 1  # the first build only



def test_make_serve_speaks_chinese_and_goes_on_after_a_mistake(tmp_path):
    """`gongkai serve` (make serve): its lines in Chinese, a mistake told without a traceback, the
    preview refreshed once it is corrected."""
    import queue
    import threading
    import urllib.request

    from conftest import build_site, entry

    project = tmp_path / "p"
    build_site(project, {"content/xxgk/a.md": entry()})
    port = serving.free_port()
    server = subprocess.Popen([sys.executable, "-m", "gongkai.cli", "serve", "--project", str(project),
                               "--dev-addr", f"127.0.0.1:{port}"], stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line.rstrip("\n")) for line in server.stderr or []], daemon=True).start()
    said: list[str] = []

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                said.append(lines.get(timeout=1))
            except queue.Empty:
                continue
            if text in said[-1]:
                return
        raise AssertionError(f"{text} not said: {said}")

    try:
        wait_for("预览地址：http://127.0.0.1:")
        page = f"http://127.0.0.1:{port}/xxgk/000014349-2021-00001/"
        assert "测试市公安局关于测试事项的通知" in urllib.request.urlopen(page, timeout=30).read().decode("utf-8")
        path = project / "content/xxgk/a.md"
        good = path.read_text(encoding="utf-8")
        path.write_text(good.replace("date: 2021-03-15", "date: 2021-13-15"), encoding="utf-8")
        wait_for("预览没有更新：请按上面的提示改正，保存后会自动重新生成。")
        path.write_text(good.replace("正文第一段。", "正文改过了。"), encoding="utf-8")
        deadline = time.monotonic() + 120
        while "正文改过了" not in urllib.request.urlopen(page, timeout=30).read().decode("utf-8"):
            assert time.monotonic() < deadline, said
            time.sleep(1)
        while not lines.empty():
            said.append(lines.get())
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr:
            server.stderr.close()
    assert any("content/xxgk/a.md 第 6 行：字段「发布日期」（date）的值「2021-13-15」不是有效日期" in line for line in said)
    for line in said:
        assert re.search(r"[\u4e00-\u9fff]", line) and "Traceback" not in line, line
