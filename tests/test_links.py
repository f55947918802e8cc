"""The link check over a built site: each recurring link is checked once, with the same verdicts."""

from __future__ import annotations

from pathlib import Path

from gongkai.outputs import links
from gongkai.outputs.sitefiles import SiteFiles

LINKS = ['../../mulu/', '../../nope/', '../../../outside/', '../../mulu/#list', '../../mulu/#nope', '#here', '#gone',
         '/mulu/', '/elsewhere/', 'mailto:gk@example.gov.cn', 'a.pdf', '../', './']


def test_recurring_links_get_the_verdicts_of_the_page_they_are_on(tmp_path: Path):
    site = tmp_path
    for rel, ids in (("mulu/index.html", "list"), ("xxgk/a/index.html", "here"), ("xxgk/b/index.html", ""),
                     ("xxgk/index.html", "")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(f'<div id="{ids}"></div>' + "".join(f'<a href="{u}">x</a>' for u in LINKS))
    (site / "xxgk/a/a.pdf").write_bytes(b"%PDF")
    parsed = {p.relative_to(site).as_posix(): links.parse(p.read_text()) for p in site.rglob("*.html")}
    found = {(b.page, b.url) for b in links.check_site(SiteFiles.of(site), "/", parsed)}
    expected = {(page, url) for page in ("xxgk/a/index.html", "xxgk/b/index.html")
                for url in ("../../nope/", "../../../outside/", "../../mulu/#nope", "/elsewhere/", "#gone")}
    expected.add(("xxgk/b/index.html", "a.pdf"))  # only a/ holds it
    expected.add(("xxgk/b/index.html", "#here"))  # only a/ has the anchor
    expected |= {("xxgk/index.html", url) for url in ("../../nope/", "../../../outside/", "../../mulu/",
                                                      "../../mulu/#list", "../../mulu/#nope", "/elsewhere/",
                                                      "#gone", "#here", "a.pdf")}
    expected |= {("mulu/index.html", url) for url in ("../../nope/", "../../../outside/", "../../mulu/",
                                                      "../../mulu/#list", "../../mulu/#nope", "/elsewhere/",
                                                      "#gone", "#here", "a.pdf")}
    expected |= {("xxgk/index.html", "../"), ("mulu/index.html", "../")}  # the site has no home page
    assert found == expected
