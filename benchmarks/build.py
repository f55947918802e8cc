"""Build speed at scale: `python benchmarks/build.py [N]` (`make bench N=...`, 10,000 by default).

Writes N synthetic entries with their guides, interpretations and reports (corpus.py) and builds
them: with the project, all features on (`python -m gongkai.build --strict`, as `make site`), and
with bare mkdocs-material (the same Markdown, entries out of the navigation, Material's default
plugins, no project plugin). Bare Material is set up for Chinese as its documentation says, with
jieba installed so that its search index segments Chinese text (as the issue measured it); it is
also built without jieba, for reference. Then the project's `mkdocs serve` starts, the newest
entry is retitled and the time is taken until the served entry page and the directory page show
the new title. Last, `gongkai inspect` reads the same project (no build) and writes its report.
The last line printed is JSON: entries, build_s, bare_material_s, ratio, peak_rss_mb (largest
process of the project build, the search indexer included), rebuild_s, largest_page_kb, site_mb,
bare_material_nojieba_s, inspect_s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
import corpus  # noqa: E402
import serving  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BARE = """\
site_name: 示例市公安局政府信息公开
site_url: https://gk.example.gov.cn/
docs_dir: content
theme:
  name: material
  language: zh
  font: false
not_in_nav: |
  /xxgk/**
nav:
  - index.md
"""

NO_JIEBA = "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; cli()"  # import fails


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak RSS in MB of the largest process `command` started (itself included).
    The disk is flushed first, so that no build pays for writing out what came before it (the corpus
    just written, or the build before)."""
    os.sync()
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL);"
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", probe, *command], cwd=cwd, env=ENV, capture_output=True,
                            text=True)
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    return time.perf_counter() - start, int(result.stdout.split()[-1]) // 1024


def inspect_seconds(project: Path) -> float:
    """Wall seconds of `gongkai inspect` on the project, as a reviewer runs it (exit status 1 is a veto
    found, which synthetic content may well have: only a failure to inspect stops the benchmark)."""
    os.sync()
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "inspect", "--project", str(project)], cwd=project,
                            env=ENV, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit(result.stderr[-3000:])
    return time.perf_counter() - start


def bare_copy(project: Path, bare: Path) -> None:
    """The same content for bare Material: the Markdown files, no catalogue, no plugin."""
    subprocess.run(["cp", "-r", str(project / "content"), str(bare / "content")], check=True)
    (bare / "mkdocs.yml").write_text(BARE, encoding="utf-8")


def newest_entry(project: Path) -> Path:
    files = sorted((project / "content/xxgk").rglob("*.md"))
    return max(files, key=lambda p: (p.read_text(encoding="utf-8").split("date: '")[1][:10], p.name))


def rebuild_seconds(project: Path) -> float:
    """Start `mkdocs serve`, retitle the newest entry, time until entry and directory pages show it."""
    port = serving.free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        serving.wait_for(f"{base}/mulu/", "政府信息公开目录", timeout=1800)
        path = newest_entry(project)
        text = path.read_text(encoding="utf-8")
        title = text.split("title: ")[1].split("\n")[0]
        meta = text.split("index_no: ")[1].split("\n")[0]
        page = f"{base}/xxgk/{meta.replace('/', '-')}/"
        start = time.perf_counter()
        path.write_text(text.replace(title, "已修改标题" + title, 1), encoding="utf-8")
        serving.wait_for(page, "已修改标题", timeout=1800)
        serving.wait_for(f"{base}/mulu/", "已修改标题", timeout=60)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(count: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        project, bare = Path(work) / "project", Path(work) / "bare"
        corpus.write(count, project)
        bare.mkdir()
        bare_copy(project, bare)
        build_s, rss = timed([sys.executable, "-m", "gongkai.cli", "build", "--strict"], project)
        bare_s, _ = timed([sys.executable, "-m", "mkdocs", "build", "--quiet"], bare)
        nojieba_s, _ = timed([sys.executable, "-c", NO_JIEBA, "build", "--quiet"], bare)
        site = project / "site"
        pages = list(site.rglob("*.html"))
        largest = max(p.stat().st_size for p in pages)
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        rebuild = rebuild_seconds(project)
        inspect_s = inspect_seconds(project)
    return {"entries": count, "build_s": round(build_s, 1), "bare_material_s": round(bare_s, 1),
            "ratio": round(build_s / bare_s, 2), "peak_rss_mb": rss, "rebuild_s": round(rebuild, 1),
            "largest_page_kb": round(largest / 1024, 1), "site_mb": round(size / 2**20, 1),
            "bare_material_nojieba_s": round(nojieba_s, 1), "inspect_s": round(inspect_s, 1)}


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10000)))
