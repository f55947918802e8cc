"""Deployment to a plain web server: a real nginx on localhost with the sample configuration."""

from __future__ import annotations

import gzip
import os
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import build_site, entry
from serving import DEPLOY, build_example, ensure, start_nginx


def deployed_site(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    moved = entry("000014349/2021-00002", title="换了目录的通知", previous_urls="[old/000014349-2021-00002/]")
    build = build_site(root, {
        "content/xxgk/a.md": entry(),
        "content/xxgk/b.md": moved,
        "content/xxgk/c.md": entry("000014349/2021-00003", title="已撤回的通知", withdrawn="2021-06-01"),
    })
    assert build.ok, build.errors
    target = tmp_path / "srv"
    subprocess.run([str(DEPLOY), str(target), str(root)], check=True, capture_output=True)
    return root, target


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("nginx")
    _, target = deployed_site(tmp)
    process, base, _ = start_nginx(tmp, target)
    yield base, target
    process.terminate()
    process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers)) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_security_headers_and_a_strict_policy(nginx):
    base, _ = nginx
    status, headers, body = fetch(f"{base}/xxgk/000014349-2021-00001/")
    assert status == 200 and "测试市公安局关于测试事项的通知" in body.decode()
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "SAMEORIGIN"
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self';" in policy and "sha256" not in policy
    for directive in ("object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'self'"):
        assert directive in policy


def test_gzip_static_serves_the_precompressed_file(nginx):
    base, target = nginx
    status, headers, body = fetch(f"{base}/mulu/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip"
    assert body == (target / "current/site/mulu/index.html.gz").read_bytes()
    assert gzip.decompress(body) == (target / "current/site/mulu/index.html").read_bytes()


def test_moved_entry_redirects_and_withdrawn_entry_is_gone(nginx):
    base, _ = nginx
    status, headers, _ = fetch(f"{base}/old/000014349-2021-00002/")
    assert status == 301 and headers["Location"].endswith("/xxgk/000014349-2021-00002/")
    status, headers, _ = fetch(f"{base}/xxgk/000014349-2021-00003/")
    assert status == 410 and headers["X-Content-Type-Options"] == "nosniff"
    status, _, body = fetch(f"{base}/no/such/page/")
    assert status == 404 and "页面未找到" in body.decode() and "返回首页" in body.decode()


def test_deploy_switches_atomically_and_rolls_back(tmp_path):
    root, target = deployed_site(tmp_path)
    first = os.readlink(target / "current")
    time.sleep(0.01)
    subprocess.run([str(DEPLOY), str(target), str(root)], check=True, capture_output=True)
    second = os.readlink(target / "current")
    assert first != second and (Path(second) / "site/index.html").is_file()
    subprocess.run([str(DEPLOY), str(target), "--rollback"], check=True, capture_output=True)
    assert os.readlink(target / "current") == first
    rollback_again = subprocess.run([str(DEPLOY), str(target), "--rollback"], capture_output=True, text=True)
    assert rollback_again.returncode == 1 and "no release before" in rollback_again.stderr


def console(url: str, profile: Path) -> str:
    """What headless Chromium logs while loading `url`: CSP violations are reported there."""
    result = subprocess.run(
        [ensure("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", "--dump-dom", url],
        capture_output=True, text=True, timeout=90)
    return result.stderr


def test_example_site_pages_satisfy_the_policy_in_chromium(tmp_path):
    project = build_example(tmp_path / "example")
    target = tmp_path / "srv"
    subprocess.run([str(DEPLOY), str(target), str(project)], check=True, capture_output=True)
    process, base, _ = start_nginx(tmp_path, target)
    try:
        bureau = "11990000MB1234567A"
        pages = ["/", "/mulu/", "/mulu/fenlei/06/", f"/xxgk/{bureau}-2021-00012/", "/bszn/", "/zcjd/", "/ndbg/",
                 f"/ndbg/{bureau}-2023-00003/", "/qzqd/", "/yishenqing/", "/no/such/page/"]
        for n, page in enumerate(pages):
            log = console(base + page, tmp_path / f"profile{n}")
            assert "Content Security Policy" not in log, (page, log[-2000:])
        # The check can fail: an inline script, which the theme no longer writes, breaks the policy.
        page = Path(os.readlink(target / "current")) / "site/mulu/index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<script>document.title='x'</script></body>"),
                        encoding="utf-8")
        (page.parent / "index.html.gz").unlink()
        assert "Content Security Policy" in console(base + "/mulu/", tmp_path / "profile-control")
    finally:
        process.terminate()
        process.wait(timeout=10)
