"""The command line as editors and ops meet it: clear errors, no traceback, site/ swapped only on success."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PDF, build_site, entry
from gongkai.mkdocs import command as gongkai_build


def run_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(root)],
                          capture_output=True, text=True)


def test_bad_content_fails_the_cli_build_with_chinese_message_and_no_traceback(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(date="2021-13-01")})
    result = run_build(root)
    assert result.returncode == 1
    assert ("content/xxgk/a.md 第 6 行：字段「发布日期」（date）的值「2021-13-01」不是有效日期" in result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert "构建失败，没有生成 site/。" in result.stderr  # there was none before


def test_failed_build_leaves_previous_site_untouched(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(title="第一版通知")})
    assert run_build(root).returncode == 0
    page = root / "site/xxgk/000014349-2021-00001/index.html"
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert "第一版通知" in page.read_text(encoding="utf-8")

    (root / "content/xxgk/a.md").write_text(entry(title="第二版通知", category="无此分类"), encoding="utf-8")
    assert run_build(root).returncode == 1
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not (root / ".site-new").exists()

    (root / "content/xxgk/a.md").write_text(entry(title="第二版通知"), encoding="utf-8")
    assert run_build(root).returncode == 0
    assert "第二版通知" in page.read_text(encoding="utf-8")
    assert not (root / ".site-old").exists()


def test_two_builds_are_byte_identical_and_dates_come_from_content(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002", date="2019-05-06")})
    builds = []
    for n, today in enumerate(("2021-04-01", "2030-01-01")):  # reminders differ; the site must not
        site = tmp_path / f"site{n}"
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(root), "--site-dir", str(site)],
                       check=True, capture_output=True, env={**env, "GONGKAI_TODAY": today})
        builds.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
        time.sleep(1.1)  # a build clock would now differ, in the .gz header above all
    assert builds[0].keys() == builds[1].keys() and Path("pagefind/gk-query.json") in builds[0]
    assert any(p.parts[:2] == ("pagefind", "filter") for p in builds[0])  # the search index's files are alike too
    assert (root / ".cache/gongkai/qr.json").is_file()  # the second build took its QR codes from here
    assert [p for p in builds[0] if builds[0][p] != builds[1][p]] == []
    outputs = {"sitemap.xml", "feeds/all.xml", "feeds/fenlei/0202.xml", "catalogue.json", "catalogue.csv"}
    assert {Path(p) for p in outputs} <= builds[0].keys()
    assert b"application/ld+json" in builds[0][Path("xxgk/000014349-2021-00001/index.html")]
    today = dt.date.today().isoformat()
    for output in outputs:
        assert today not in builds[0][Path(output)].decode("utf-8-sig"), output
    sitemap = builds[0][Path("sitemap.xml")].decode()
    assert "<lastmod>2021-03-15</lastmod>" in sitemap and "<lastmod>2019-05-06</lastmod>" in sitemap


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_the_swap_exchanges_the_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/new").write_text("new")
    (tmp_path / "b").mkdir()
    (tmp_path / "b/old").write_text("old")
    assert gongkai_build.exchange(tmp_path / "a", tmp_path / "b")  # this machine's filesystem can
    assert os.listdir(tmp_path / "b") == ["new"] and os.listdir(tmp_path / "a") == ["old"]


def test_a_swap_cut_between_its_two_renames_keeps_a_complete_site(tmp_path, monkeypatch):
    """Where the filesystem cannot exchange, site/ is renamed away first: a crash just then leaves no site/,
    and the next build, even a failing one, puts the complete site back before anything else."""
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(title="第一版通知")})
    assert run_build(root).returncode == 0
    before = site_files(root / "site")
    release = gongkai_build.Release(root / "site")
    shutil.copytree(root / "site", release.staging)
    monkeypatch.setattr(gongkai_build, "exchange", lambda a, b: False)
    renames = []
    real = Path.rename

    def crash_on_second(path: Path, target: Path) -> Path:
        renames.append(path)
        if len(renames) == 2:
            raise KeyboardInterrupt  # the process dies here
        return real(path, target)

    monkeypatch.setattr(Path, "rename", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        release.swap()
    monkeypatch.undo()
    assert not (root / "site").exists() and site_files(release.previous) == before
    (root / "content/xxgk/a.md").write_text(entry(title="第二版通知", category="无此分类"), encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "上一次构建在替换网站时中断：已恢复 site/ 为中断前的完整网站。" in result.stderr
    assert "构建失败，site/ 保持上一次成功构建的内容，未作任何改动。" in result.stderr
    assert site_files(root / "site") == before
    assert not release.previous.exists() and not release.staging.exists()


def test_builds_started_together_give_one_complete_site_and_no_traceback(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry("000014349/2021-00002")})
    command = [sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(root)]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    outputs = [process.communicate(timeout=300) for process in running]
    assert [process.returncode for process in running] == [0, 0, 0], outputs
    said = "".join(out + err for out, err in outputs)
    assert "Traceback" not in said and "Error" not in said
    assert "另一次构建正在进行" in said
    alone = tmp_path / "alone"
    assert subprocess.run([*command, "--site-dir", str(alone)], capture_output=True).returncode == 0
    assert site_files(root / "site") == site_files(alone)
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def without_root_s_override(command: list[str]) -> list[str]:
    """`command` run as root but without the capability to read what its permissions refuse."""
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]


@pytest.mark.parametrize(("unreadable", "shown"), [
    ("content/xxgk/a.md", "content/xxgk/a.md：无法读取这个文件（没有读写权限）。"),
    ("content/xxgk/2021", "content/xxgk/2021：无法读取这个目录（没有读写权限），其中的文件不会发布。"),
    ("content/xxgk/fujian/a.pdf", "content/xxgk/fujian/a.pdf：无法读取这个文件（没有读写权限）。"),
])
def test_an_unreadable_file_or_folder_is_an_error_naming_it_in_build_and_check(tmp_path, unreadable, shown):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(attachments="[fujian/a.pdf]"), "content/xxgk/fujian/a.pdf": PDF,
                      "content/xxgk/2021/b.md": entry("000014349/2021-00002")})
    (root / unreadable).chmod(0)
    try:
        for command in ([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(root)],
                        [sys.executable, "-m", "gongkai.cli", "check", "--project", str(root)]):
            result = subprocess.run(without_root_s_override(command), capture_output=True, text=True)
            assert result.returncode == 1, result.stderr
            assert shown in result.stdout + result.stderr, result.stdout + result.stderr
            assert "Traceback" not in result.stdout + result.stderr
    finally:
        (root / unreadable).chmod(0o755)


@pytest.fixture
def small_disk(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 3 MB tmpfs: room for a project, not for its site."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_full_disk_ends_in_a_chinese_message_and_leaves_site_as_it_was(tmp_path, small_disk):
    source, root = tmp_path / "p", small_disk / "p"
    build_site(source, {"content/xxgk/a.md": entry()})
    for part in ("content", "mkdocs.yml", "catalogue.yml"):
        (shutil.copytree if (source / part).is_dir() else shutil.copy)(source / part, root / part)
    (root / "site").mkdir()
    (root / "site/index.html").write_text("上一次的网站", encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 1
    assert "构建失败：" in result.stderr and "磁盘空间不足。请清理磁盘空间后重新构建。" in result.stderr, result.stderr[-2000:]
    assert "site/ 保持上一次成功构建的内容，未作任何改动。" in result.stderr
    assert "Traceback" not in result.stderr
    assert site_files(root / "site") == {"index.html": "上一次的网站".encode()}
    assert not (root / ".site-new").exists()


def test_a_site_dir_that_holds_the_project_s_own_files_is_never_replaced(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry()})
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "site" not in p.parts}
    for target in ("content", "overrides", ".", "mkdocs.yml", "..", "content/site"):
        result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(root),
                                 "--site-dir", str(root / target)], capture_output=True, text=True)
        assert result.returncode == 1, target
        assert result.stderr.startswith("构建没有开始：") and "请用 --site-dir 指定一个新的或专门存放网站的目录" in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and "site" not in p.parts} == before
