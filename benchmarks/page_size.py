"""Directory and entry pages weigh the same whatever the catalogue's size.

`python benchmarks/page_size.py 500 5000` builds a synthetic catalogue of each size and prints,
as JSON, the build time and the size in bytes of typical pages.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

PAGES = ["xxgk/11990000MB1234567A-2019-00008/index.html", "mulu/index.html", "mulu/page/2/index.html",
         "mulu/fenlei/0601/index.html", "mulu/nian/2021/index.html", "mulu/jigou/11990000MB1234567A/index.html"]


def measure(count: int, work: Path) -> dict[str, object]:
    project = work / f"n{count}"
    corpus.write(count, project)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = round(time.perf_counter() - start, 2)
    return {"entries": count, "build_s": seconds,
            "page_bytes": {page: (project / "site" / page).stat().st_size for page in PAGES}}


def main(counts: list[int]) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as work:
        return [measure(n, Path(work)) for n in counts]


if __name__ == "__main__":
    print(json.dumps(main([int(a) for a in sys.argv[1:]] or [500, 5000]), ensure_ascii=False, indent=2))
