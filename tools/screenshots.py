"""A gallery of the example site for reviewers: `python tools/screenshots.py [DEST]` (`make screenshots`);
`python tools/screenshots.py --readme` writes the two first screens the README shows (docs/images/).

Builds the example project strictly into a temporary folder, serves it on localhost and photographs
every kind of page the public sees in headless Chromium at 1366 and 390 px wide, in the normal and
the 适老化 mode, whole pages, as PNG files in DEST (screenshots/ by default, not committed), with an
index.html that shows them side by side. Nothing is fetched from another host. Chinese text needs a
CJK font on the machine (Debian: fonts-noto-cjk); without one the script says so and stops.
"""

from __future__ import annotations

import functools
import html
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("content", "overrides", "catalogue.yml", "mkdocs.yml")
WIDTHS = {1366: 768, 390: 844}  # desktop and phone viewports
MODES = {"normal": "0", "elder": "1"}  # 适老化 off and on, as the utility bar's switch stores it
README = {"directory-1366.png": ("directory", 1366), "entry-390.png": ("entry", 390)}  # first screens, in docs/images/


def page_kinds(site: Path) -> dict[str, str]:
    """One page of each kind, by a file name for it: found in the built site, not guessed."""
    def first(pattern: str, holding: str = "") -> str:
        found = sorted(p for p in site.glob(pattern) if holding in p.read_text(encoding="utf-8"))
        return "/" + found[0].parent.relative_to(site).as_posix() + "/"
    return {
        "home": "/", "directory": "/mulu/", "directory-page-2": "/mulu/page/2/", "by-category": "/mulu/fenlei/",
        "category": "/mulu/fenlei/0601/", "by-year": "/mulu/nian/", "publisher": first("mulu/jigou/*/index.html"),
        "on-request": "/mulu/yishenqing/", "entry": first("xxgk/*/index.html", "本文件替代或修改了以下文件"),
        "repealed-entry": first("xxgk/*/index.html", "现行文件："), "guide-index": "/bszn/",
        "guide": first("bszn/*-*/index.html"), "interpretation": first("zcjd/*-*/index.html"), "report-index": "/ndbg/",
        "report": first("ndbg/*-*/index.html"), "power-list": "/qzqd/", "plain-page": "/gongkai-zhinan/",
        "search": "/jiansuo/?q=户口迁移", "site-map": "/wzdt/", "contact": "/lxwm/", "not-found": "/404.html",
        "feed": "/feeds/all.xml",
    }


def build(project: Path) -> Path:
    for part in PARTS:
        copy = shutil.copytree if (ROOT / part).is_dir() else shutil.copy
        copy(ROOT / part, project / part)
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(project)],
                            capture_output=True, text=True)
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    return project / "site"


@contextmanager
def served(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def photograph(base: str, kinds: dict[str, str], dest: Path) -> list[str]:
    """Every page kind at every width in both modes, whole pages; the file names written."""
    names = []
    with chromium() as browser:
        for width, height in WIDTHS.items():
            page = local_page(browser, width, height)
            for mode, stored in MODES.items():
                page.goto(base + "/")
                page.evaluate(f"localStorage.setItem('gongkai.elder', '{stored}')")
                for kind, path in kinds.items():
                    page.goto(base + path)
                    if kind == "search":
                        page.locator(".gk-results li").first.wait_for()
                    name = f"{kind}-{width}-{mode}.png"
                    page.screenshot(path=str(dest / name), full_page=kind != "feed")
                    names.append(name)
            page.context.close()
    return names


def first_screens(base: str, kinds: dict[str, str], dest: Path) -> None:
    """The README's pictures: what a reader sees first, in the normal mode."""
    with chromium() as browser:
        for name, (kind, width) in README.items():
            page = local_page(browser, width, WIDTHS[width])
            page.goto(base + kinds[kind])
            page.screenshot(path=str(dest / name))
            page.context.close()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or None, args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


def local_page(browser: Any, width: int, height: int) -> Any:
    """A page of its own context that asks nothing of another host."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route, request: route.continue_() if urlsplit(request.url).hostname == "127.0.0.1"
                  else route.abort())
    return context.new_page()


def index(dest: Path, kinds: dict[str, str]) -> None:
    rows = "".join(f"<h2>{html.escape(kind)} <code>{html.escape(path)}</code></h2><div>"
                   + "".join(f'<figure><img src="{kind}-{w}-{m}.png" alt="" loading="lazy" width="{w // 2}">'
                             f"<figcaption>{w} px，{'适老化' if m == 'elder' else '标准'}</figcaption></figure>"
                             for w in WIDTHS for m in MODES) + "</div>" for kind, path in kinds.items())
    (dest / "index.html").write_text(
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面截图</title>'
        "<style>div{display:flex;gap:1rem;align-items:flex-start}figure{margin:0}img{border:1px solid #ccc}</style>"
        f"<h1>示例网站页面截图</h1>{rows}</html>", encoding="utf-8")


def main(dest: Path, readme: bool) -> None:
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout if shutil.which("fc-list") else ""
    if not fonts.strip():
        sys.exit("没有中文字体，截图中的汉字会显示为方框。请先安装（Debian/Ubuntu：apt-get install fonts-noto-cjk）。")
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        kinds = page_kinds(site)
        with served(site) as base:
            if readme:
                first_screens(base, kinds, dest)
                print(f"README 的 {len(README)} 张截图已写入 {dest}。")
                return
            names = photograph(base, kinds, dest)
    index(dest, kinds)
    print(f"{len(names)} 张截图已写入 {dest}（index.html 并排显示）。")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--readme"]
    readme = "--readme" in sys.argv[1:]
    main(Path(arguments[0]) if arguments else ROOT / ("docs/images" if readme else "screenshots"), readme)
