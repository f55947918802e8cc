"""What a change publishes: public pages added, changed or removed between two built sites.

A pull request's reviewers see this list before anything ships. A page counts as changed when
its main content differs; navigation and directory counts that move on every page do not.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from gongkai.search import records as search

_NOT_PAGES = ("assets/", f"{search.OUTPUT}/", ".")  # theme files, the search index, dot-files
_MAIN = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>\s*</div>', re.DOTALL)


@dataclass(frozen=True)
class Changes:
    added: list[str]
    changed: list[str]
    removed: list[str]


def _pages(site: Path) -> dict[str, str]:
    """Each public URL path and a fingerprint of its content (files other than HTML: of their bytes)."""
    out = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if not path.is_file() or rel.startswith(_NOT_PAGES) or rel.endswith(".gz") or rel == "sitemap.xml":
            continue
        data = path.read_bytes()
        if rel.endswith(".html"):
            main = _MAIN.search(data.decode("utf-8", errors="replace"))
            data = main.group(1).encode() if main else data
            rel = rel.removesuffix("index.html")
        out[rel] = hashlib.sha256(data).hexdigest()
    return out


def compare(old: Path, new: Path) -> Changes:
    before, after = _pages(old), _pages(new)
    return Changes(sorted(after.keys() - before.keys()), sorted(k for k in after.keys() & before.keys()
                                                                if after[k] != before[k]),
                   sorted(before.keys() - after.keys()))


def markdown(changes: Changes, base_url: str = "/") -> str:
    """The change as a Markdown summary (for a pull request's job summary)."""
    parts = [f"本次提交：新增 {len(changes.added)} 个、修改 {len(changes.changed)} 个、删除 {len(changes.removed)} 个公开网址。"]
    for title, urls in (("新增", changes.added), ("修改", changes.changed), ("删除", changes.removed)):
        if urls:
            parts.append(f"\n### {title}\n\n" + "\n".join(f"- {base_url.rstrip('/')}/{u}" for u in urls))
    return "\n".join(parts) + "\n"
