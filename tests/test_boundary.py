"""The trust boundary: nothing an editor writes (content/, catalogue.yml, mkdocs.yml) can run script in
a reader's browser, send the reader elsewhere or rewrite the web server, whatever field it is in."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import material.templates
import pytest
import yaml

import conftest
import serving
from conftest import PROJECT, build_site, entry
from gongkai.core.schema import Field, load_schema

MATERIAL = Path(material.templates.__file__).parent / "partials/javascripts"
OURS = PROJECT / "overrides/assets/javascripts/material"


def payload(where: str) -> str:
    """Every way a value could try to run or redirect, tagged with where it was put."""
    return (f'{where}<script>window.__pwned="{where}"</script><img src=x onerror="window.__pwned=1">'
            f'"\'><svg/onload=window.__pwned=2></title><meta http-equiv="refresh" content="0;url=https://evil.example/">'
            '<a href="javascript:window.__pwned=3">链接</a>')


def test_material_s_inline_scripts_are_served_from_files_with_the_same_code():
    """Material's page scripts are files under overrides/ (the policy allows no inline script); an
    upgrade of Material that changes one fails here."""
    for partial in sorted(MATERIAL.glob("*.html")):
        bodies = re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.DOTALL)
        names = [partial.stem] if len(bodies) == 1 else [f"{partial.stem}-tabs", partial.stem]
        for name, body in zip(names, bodies, strict=True):
            ours = (OURS / f"{name}.js").read_text(encoding="utf-8").splitlines()
            assert ours[-1] == re.sub(r'"\{\{[^}]*\}\}"', "__gk_root", body), name
            assert ("__gk_root" not in ours[-1]) or ours[-2].startswith("var __gk_root=")
        override = (PROJECT / "overrides/partials/javascripts" / partial.name).read_text(encoding="utf-8")
        assert "<script>" not in override and all(f"material/{name}.js" in override for name in names)


@pytest.mark.parametrize(("value", "reason"), [
    ("a { return 404; } location ^~ /etc/ { root /; } location = /b", "含有不能直接写在网址中的字符「 」（U+0020）"),
    ('old/a";\\n', "含有不能直接写在网址中的字符「\"」（U+0022）"),
    ("old/a%22%3B", "百分号编码解出了不允许的字符 U+0022"),
    ("old/%0Aroot", "百分号编码解出了不允许的字符 U+000A"),
    ("old/../../etc/passwd", "不能含有“.”或“..”路径段或连续的“/”"),
    ("old//a", "格式不对"),
    ("https://evil.example/a", "只写网址中域名之后的路径"),
    ("art/show.jsp?id=5", "不能含有问号（查询参数）"),
    ("新闻/1.html", "含有不能直接写在网址中的字符「新」（U+65B0）"),
    ("old/%E6%96%B", "格式不对"),
    ("old/%FF", "其中的百分号编码不是有效的 UTF-8 文字"),
])
def test_a_hostile_former_address_is_refused_before_nginx_sees_it(site, value, reason):
    build = site({"content/xxgk/a.md": entry(previous_urls=json.dumps([value], ensure_ascii=False))})
    assert not build.ok
    assert f"content/xxgk/a.md 第 9 行：字段「曾用网址」（previous_urls）中的「{value}」{reason}" in build.errors
    assert not (build.site / ".nginx-site.conf").exists()


def test_a_former_address_may_not_take_a_page_of_the_site_or_another_entry_s(site):
    build = site({"content/xxgk/a.md": entry(previous_urls="[mulu/, old/x.html]"),
                  "content/xxgk/b.md": entry("000014349/2021-00002", previous_urls="[old/x.html]")})
    assert not build.ok
    assert ("content/xxgk/a.md 第 9 行：字段「曾用网址」（previous_urls）中的「mulu/」是本网站现有页面或文件的网址，"
            "转向会使它无法访问。请删去这一项。") in build.errors
    assert re.search(r"content/xxgk/(a|b)\.md 第 9 行：字段「曾用网址」（previous_urls）中的「old/x\.html」也是 content/xxgk/(?!\1)[ab]\.md "
                     "的曾用网址，一个网址只能转向一个页面。", build.errors)


def test_a_former_address_may_not_take_a_file_the_build_writes_late(site):
    """The 404 page (nginx's error_page), the sitemap, feeds, exports and the search index are written
    after the pages: an exact location on one of them would answer for it."""
    taken = ["404.html", "sitemap.xml", "feeds/all.xml", "pagefind/pagefind-entry.json", "catalogue.csv.gz"]
    build = site({"content/xxgk/a.md": entry(previous_urls=json.dumps(taken))})
    assert not build.ok
    for path in taken:
        assert f"content/xxgk/a.md 第 9 行：字段「曾用网址」（previous_urls）中的「{path}」是本网站现有页面或文件的网址" in build.errors


def test_the_generated_include_passes_nginx_t_and_redirects_an_encoded_address(tmp_path):
    encoded = "%E6%96%B0%E9%97%BB/2016/3/art_1229_5.html"  # 新闻/…, as an old portal published it
    project = serving.copy_example(tmp_path / "project")
    path = project / "content/xxgk/2021/huji-qianyi.md"
    path.write_text(path.read_text(encoding="utf-8").replace("disclosure: ", f"previous_urls: [\"{encoded}\", old.htm]\ndisclosure: ", 1),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    include = (project / "site/.nginx-site.conf").read_text(encoding="utf-8")
    assert 'location = "/新闻/2016/3/art_1229_5.html" { return 301 /xxgk/11990000MB1234567A-2021-00012/; }' in include
    target = serving.deploy(project, tmp_path / "srv")
    process, base, conf = serving.start_nginx(tmp_path, target)
    try:
        checked = subprocess.run([serving.ensure("nginx"), "-t", "-c", str(conf)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr
        for old in (encoded, "old.htm"):
            status, headers = _head(f"{base}/{old}")
            assert status == 301 and headers["Location"].endswith("/xxgk/11990000MB1234567A-2021-00012/")
    finally:
        process.terminate()
        process.wait(timeout=10)


def _head(url: str) -> tuple[int, dict[str, str]]:
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any, **kwargs: Any) -> None:
            return None
    try:
        with urllib.request.build_opener(NoRedirect).open(url) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def _hostile_front_matter(text: str, fields: tuple[Field, ...], tag: str) -> str:
    """A content file with a payload in every free-text value of its front matter, lists and items too."""
    head, body = text.split("\n---\n", 1)
    meta = yaml.safe_load(head.removeprefix("---\n"))
    for field in fields:
        value = meta.get(field.key)
        if value is None:
            continue
        if field.type == "text":
            meta[field.key] = payload(f"{tag}.{field.key}")
        elif field.type == "list" and not field.vocabulary:
            meta[field.key] = [payload(f"{tag}.{field.key}"), "普通词"]
        elif field.type == "objects":
            for n, item in enumerate(value):
                for part in field.fields:
                    if part.type == "text" and part.key in item:
                        item[part.key] = payload(f"{tag}.{field.key}.{n}.{part.key}")
        elif field.type == "attachments":
            meta[field.key] = [{"file": a["file"] if isinstance(a, dict) else a, "title": payload(f"{tag}.attachment")}
                               for a in value]
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_style=None)
    return f"---\n{dumped}---\n{body}"


def hostile_project(root: Path) -> Path:
    """The example site with a payload in every place a value reaches a page: the site's name, the footer,
    a category's and a publisher's name, plain pages' titles and first headings, and every free-text
    field of an entry, a service guide, an interpretation and an annual report."""
    project = serving.copy_example(root)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_name: 示例市公安局政府信息公开", f"site_name: {json.dumps(payload('site_name'), ensure_ascii=False)}"),
        encoding="utf-8")
    schema_path = project / "catalogue.yml"
    text = schema_path.read_text(encoding="utf-8")
    category, publisher = payload("category"), payload("publisher")
    text = re.sub(r"(?m)^  sponsor: .*$", lambda _: f"  sponsor: {json.dumps(payload('sponsor'), ensure_ascii=False)}", text, count=1)
    text = text.replace("\npublishers:\n", f"\npublishers:\n  - {{name: {json.dumps(publisher, ensure_ascii=False)}, "
                                           'code: "11990000MB9999999X"}\n', 1)
    text = text.replace("      - {name: 户籍管理, code:", f"      - {{name: {json.dumps(category, ensure_ascii=False)}, code: "
                                                       '"0699"}\n      - {name: 户籍管理, code:', 1)
    schema_path.write_text(text, encoding="utf-8")
    schema = load_schema(schema_path, "catalogue.yml")
    for rel, key in (("xxgk/2021/huji-qianyi.md", "entry"), ("bszn/huzhao-shenling.md", "guide"),
                     ("zcjd/jiedu-huji-qianyi.md", "interpretation"), ("ndbg/2022.md", "report")):
        path = project / "content" / rel
        path.write_text(_hostile_front_matter(path.read_text(encoding="utf-8"), schema.types[key].fields, key),
                        encoding="utf-8")
    (project / "content/xxgk/2026/hostile.md").write_text(
        f"---\ntitle: 类别与机构\nindex_no: 11990000MB9999999X/2026-00001\ncategory: {json.dumps(category, ensure_ascii=False)}\n"
        f"publisher: {json.dumps(publisher, ensure_ascii=False)}\ndate: 2026-11-02\ndisclosure: 主动公开\nvalidity: 有效\n---\n\n正文。\n",
        encoding="utf-8")
    (project / "content/titled.md").write_text(f"---\ntitle: {json.dumps(payload('page_title'), ensure_ascii=False)}\n---\n\n正文。\n",
                                               encoding="utf-8")
    (project / "content/headed.md").write_text(
        "# &lt;/title&gt;&lt;script&gt;window.__pwned='heading'&lt;/script&gt; &lt;img src=x onerror=window.__pwned=4&gt;\n\n"
        "## &lt;svg onload=window.__pwned=5&gt; 小节\n\n正文。\n", encoding="utf-8")
    return project


def test_no_value_from_an_editor_runs_or_redirects_in_chromium_behind_nginx(tmp_path, browser):
    project = hostile_project(tmp_path / "hostile")
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(project)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    target = serving.deploy(project, tmp_path / "srv")
    pages = ["/", "/mulu/", "/mulu/fenlei/0699/", "/mulu/jigou/11990000MB9999999X/", "/xxgk/11990000MB9999999X-2026-00001/",
             "/xxgk/11990000MB1234567A-2021-00012/", "/bszn/11990000MB3456789C-2024-00506/", "/bszn/", "/zcjd/", "/ndbg/",
             "/titled/", "/headed/", "/no/such/page/", "/jiansuo/?q=" + "类别与机构"]
    with serving.nginx(tmp_path, target) as (base, _):
        for path in pages:
            page = browser.page()
            dialogs: list[str] = []
            page.on("dialog", lambda dialog, seen=dialogs: (seen.append(dialog.message), dialog.dismiss()))
            page.goto(base + path)
            page.wait_for_timeout(300)
            assert page.url.startswith(base), (path, page.url)
            assert page.evaluate("window.__pwned") is None, path
            assert dialogs == [], path
            assert page.locator("script:not([src]):not([type^='application/'])").count() == 0, path
            page.context.close()
        # The values are shown, as text: the reader sees what the editor typed.
        page = browser.page()
        page.goto(base + "/xxgk/11990000MB1234567A-2021-00012/")
        assert 'entry.title<script>window.__pwned="entry.title"</script>' in page.locator("h1").inner_text()
        page.context.close()
    assert not browser.outside


def test_a_theme_setting_that_writes_an_inline_script_fails_the_build(site):
    """Material's analytics integration writes an inline script (and loads another host's): no page may
    hold code the policy would block, whatever wrote it."""
    build = site({"content/xxgk/a.md": entry()},
                 mkdocs_extra="extra:\n  generator: false\n  analytics:\n    provider: google\n    property: G-XXXXXXXX\n")
    assert not build.ok
    assert "个页面含有可执行的代码，网站没有发布" in build.errors
    assert "index.html：内联脚本（<script> 元素中的代码）" in build.errors


HOSTILE_SETTINGS = {  # the fixture's mkdocs.yml with lines added or changed -> the message at their line
    "a file of the machine in a page": ("markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['/']\n", None,
                                        "Markdown 扩展「pymdownx.snippets」不在本项目允许的扩展中"),
    "another host's script": ("extra_javascript:\n  - https://evil.example/x.js\n", None,
                              "extra_javascript「https://evil.example/x.js」须是网站自己的文件的路径"),
    "another host's style": ("extra_css:\n  - //evil.example/x.css\n", None, "extra_css「//evil.example/x.css」须是网站自己的文件的路径"),
    "another host's logo": ("", ("  font: false\n", "  font: false\n  logo: https://evil.example/logo.png\n"),
                            "theme.logo「https://evil.example/logo.png」须是网站自己的文件的路径"),
    "Google Fonts": ("", ("  font: false\n", "  font:\n    text: Roboto\n"), "theme.font 须设为 false"),
    "a plugin": ("", ("  - disclosure\n", "  - disclosure\n  - offline\n"), "插件「material/offline」不在本项目允许的插件中"),
    "content from elsewhere on the machine": ("", ("docs_dir: content\n", "docs_dir: ../elsewhere\n"),
                                              "在项目目录之外：网站只发布项目中经过审核的内容"),
}


@pytest.mark.parametrize("case", HOSTILE_SETTINGS, ids=list(HOSTILE_SETTINGS))
def test_mkdocs_yml_may_not_run_read_or_load_what_the_site_did_not_write(site, case, monkeypatch, tmp_path):
    extra, changed, message = HOSTILE_SETTINGS[case]
    if changed:
        assert changed[0] in conftest.MKDOCS_YML
        monkeypatch.setattr(conftest, "MKDOCS_YML", conftest.MKDOCS_YML.replace(*changed))
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere/index.md").write_text("# 别处\n", encoding="utf-8")
    build = site({"content/xxgk/a.md": entry()}, mkdocs_extra=extra)
    assert not build.ok
    assert "mkdocs.yml 第 " in build.errors and message in build.errors, build.errors


def test_mkdocs_yml_that_would_run_python_as_it_is_read_is_refused_first(tmp_path):
    project = tmp_path / "p"
    marker = tmp_path / "ran"
    build_site(project, {}, strict=False)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "hooks.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n", encoding="utf-8")
    for hostile in ("hooks:\n  - hooks.py\n", f"extra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n"):
        (project / "mkdocs.yml").write_text(text.replace("extra:\n  generator: false\n", hostile), encoding="utf-8")
        for command in ("build", "check"):
            result = subprocess.run([sys.executable, "-m", "gongkai.cli", command, "--project", str(project)],
                                    capture_output=True, text=True)
            said = result.stdout + result.stderr
            assert result.returncode == 1 and "Traceback" not in said, said
            assert "mkdocs.yml 第 " in said and ("hooks 会在生成网站时运行" in said or "「!!python/object/apply:os.system」会让 MkDocs 在读取设置时运行程序" in said)
            assert not marker.exists()


def test_mkdocs_own_warnings_never_print_a_whole_personal_number(tmp_path):
    project = tmp_path / "p"
    build_site(project, {"content/a.md": "# 页面\n\n[联系](%31%33%38%31%32%33%34%35%36%37%38.md)\n"}, strict=False)
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--project", str(project)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "13812345678" not in result.stdout + result.stderr
    assert "发现疑似手机号码「138******78」" in result.stderr and "Traceback" not in result.stderr
