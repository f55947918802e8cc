"""Real servers and a real browser for tests: Debian's nginx and chromium (installed when missing,
never skipped), the example site deployed as ops would deploy it, and Playwright driving chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from conftest import PROJECT

DEPLOY = PROJECT / "deploy/deploy.sh"
EXAMPLE_PARTS = ("content", "overrides", "catalogue.yml", "synonyms.yml", "wording.yml", "mkdocs.yml")


def ensure(program: str, package: str | None = None) -> str:
    """A Debian package's program (nginx, chromium, node from nodejs), installed when missing: these
    tests never skip."""
    search = f"{os.environ.get('PATH', '')}:/usr/sbin:/usr/bin"
    if not shutil.which(program, path=search):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", package or program], check=True, env=env)
    found = shutil.which(program, path=search)
    assert found, program
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, text: str, timeout: float) -> None:
    """Until the page at `url` shows `text` (a server starting, a preview rebuilding)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show {text} within {timeout} s")


def copy_example(project: Path) -> Path:
    """A copy of the example project (content, theme overrides, catalogue.yml, mkdocs.yml)."""
    for part in EXAMPLE_PARTS:
        copy = shutil.copytree if (PROJECT / part).is_dir() else shutil.copy
        copy(PROJECT / part, project / part)
    return project


def build_example(project: Path) -> Path:
    """A copy of the example project, built strictly as `make site` builds it; returns the project."""
    copy_example(project)
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def deploy(project: Path, target: Path) -> Path:
    subprocess.run([str(DEPLOY), str(target), str(project)], check=True, capture_output=True)
    return target


def start_nginx(tmp: Path, target: Path) -> tuple[subprocess.Popen[bytes], str, Path]:
    """The sample server block, pointed at `target`, in a throwaway nginx on a free localhost port."""
    port = free_port()
    server = (PROJECT / "deploy/nginx.conf.example").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("/srv/gongkai", str(target))
    conf = tmp / "nginx.conf"
    temps = "".join(f"{name}_temp_path {tmp}/{name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf.write_text(f"pid {tmp}/nginx.pid;\nerror_log {tmp}/error.log;\nevents {{}}\nhttp {{\n"
                    f"include /etc/nginx/mime.types;\naccess_log off;\n{temps}{server}\n}}\n", encoding="utf-8")
    process = subprocess.Popen([ensure("nginx"), "-c", str(conf), "-g", "daemon off; user root;"])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}", conf


@contextmanager
def nginx(tmp: Path, target: Path) -> Iterator[tuple[str, Path]]:
    process, base, conf = start_nginx(tmp, target)
    try:
        yield base, conf
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Browser:
    """Headless chromium through Playwright; every request that would leave localhost is blocked and kept."""
    chromium: object
    outside: list[str] = field(default_factory=list)

    def page(self, **options: object):  # type: ignore[no-untyped-def]
        context = self.chromium.new_context(**options)  # type: ignore[attr-defined]
        context.route("**/*", self._guard)
        return context.new_page()

    def timed_page(self):  # type: ignore[no-untyped-def]
        """A page for timings: Playwright's interception adds a round trip through Python to every
        request, so requests are only watched, and those leaving localhost kept."""
        context = self.chromium.new_context()  # type: ignore[attr-defined]
        context.on("request", lambda r: None if self._local(r.url) else self.outside.append(r.url))
        return context.new_page()

    @staticmethod
    def _local(url: str) -> bool:
        return url.startswith(("data:", "blob:")) or urlsplit(url).hostname in ("127.0.0.1", "localhost")

    def _guard(self, route, request) -> None:  # type: ignore[no-untyped-def]
        if self._local(request.url):
            route.continue_()
        else:
            self.outside.append(request.url)
            route.abort()


@contextmanager
def chromium() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=ensure("chromium"), args=["--no-sandbox"])
        try:
            yield Browser(browser)
        finally:
            browser.close()
