"""The plugin also runs on ProperDocs, the maintained drop-in fork of MkDocs 1.6."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import build_site, entry

PROPERDOCS = Path(sys.executable).with_name("properdocs")


def properdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(PROPERDOCS), "build", "--strict", "--clean"], cwd=root, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_properdocs_builds_the_catalogue_and_reports_errors(tmp_path):
    root = tmp_path / "p"
    build_site(root, {"content/xxgk/a.md": entry(title="在 ProperDocs 上构建的通知")})
    ok = properdocs_build(root)
    assert ok.returncode == 0, ok.stderr
    assert "在 ProperDocs 上构建的通知" in (root / "site/xxgk/000014349-2021-00001/index.html").read_text("utf-8")
    assert (root / "site/mulu/fenlei/0202/index.html").is_file()

    (root / "content/xxgk/a.md").write_text(entry(date="2021-13-01"), encoding="utf-8")
    failed = properdocs_build(root)
    assert failed.returncode == 1
    assert "content/xxgk/a.md 第 6 行：字段「发布日期」（date）的值「2021-13-01」不是有效日期" in failed.stderr
    assert "Traceback" not in failed.stderr
