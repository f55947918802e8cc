"""The command line as editors and ops meet it: clear errors, no traceback, site/ swapped only on success."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import build_site, entry


def run_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gongkai.build", "--strict", "--project", str(root)],
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
        subprocess.run([sys.executable, "-m", "gongkai.build", "--strict", "--project", str(root), "--site-dir", str(site)],
                       check=True, capture_output=True, env={**env, "GONGKAI_TODAY": today})
        builds.append({p.relative_to(site): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
        time.sleep(1.1)  # a build clock would now differ, in the .gz header above all
    assert builds[0].keys() == builds[1].keys() and Path("pagefind/gk-chunks.json") in builds[0]
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
