"""`python -m gongkai.build`: build the site into a fresh folder and swap it in only on success.

A failed build (bad content, a broken template) leaves the previous site/ exactly as it was,
so ops never deploy half a site.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def build(project: Path, site: Path, strict: bool) -> int:
    staging = site.with_name(f".{site.name}-new")
    previous = site.with_name(f".{site.name}-old")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(staging),
               "--config-file", str(project / "mkdocs.yml"), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if subprocess.run(command, cwd=project, env=env).returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"构建失败，{site.name}/ 保持上一次成功构建的内容，未作任何改动。", file=sys.stderr)
        return 1
    if site.exists():
        site.rename(previous)
    staging.rename(site)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"构建成功：{site}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--project", type=Path, default=Path.cwd())
    parser.add_argument("--site-dir", type=Path, default=None)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    return build(project, (args.site_dir or project / "site").resolve(), args.strict)


if __name__ == "__main__":
    sys.exit(main())
