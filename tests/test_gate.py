"""The disclosure gate: nothing that is not cleared for publication reaches any output."""

from __future__ import annotations

import os
import re

import pytest

from conftest import FIXTURES, entry
from gongkai.core import gate
from leak import leaks

GATE = """
gate:
  keep_withheld_files: true
  list_on_request: true
  application_guide: ysq.md
  allow_numbers: ["0000-12345678"]
"""
MARKER = "〔此处依法删减〕"


def catalogue(extra: str = GATE) -> str:
    return (FIXTURES / "catalogue.yml").read_text(encoding="utf-8") + extra


REDACTED_BODY = """\
第一段公开内容，[[删减]]LEAK-PARA[[/删减]]之后继续公开。

## 关于[[删减]]LEAK-HEADING[[/删减]]的说明

- 列表项[[删减]]LEAK-LIST[[/删减]]
- 列表项二

| 项目 | 数值 |
| --- | --- |
| 经费[[删减]]LEAK-TABLE[[/删减]] | 12 |

请见[通知[[删减]]LEAK-LINK[[/删减]]全文](https://example.gov.cn/a.html)。

[[删减]]跨段落 LEAK-BLOCK-1

LEAK-BLOCK-2[[/删减]]

结尾公开段落。
"""


def leak_fixture() -> dict[str, str | bytes]:
    return {
        "content/ysq.md": "# 依申请公开指南\n\n向本机关提出申请。\n",
        "content/xxgk/public.md": entry("000014349/2021-00001", title="公开的通知", validity="废止",
                                        superseded_by="000014349/2021-00002"),
        "content/xxgk/redacted.md": entry("000014349/2021-00002", title="关于[[删减]]LEAK-TITLE[[/删减]]的通知",
                                          disclosure="删减后公开",
                                          keywords="[公开词, \"[[删减]]LEAK-KEYWORD[[/删减]]\"]").replace(
            "正文第一段。\n", REDACTED_BODY),
        "content/xxgk/withheld.md": entry("000014349/2021-00003", title="LEAK-WITHHELD-TITLE 内部文件",
                                          disclosure="不予公开",
                                          attachments="[{file: secret/LEAK-WITHHELD-FILE.csv, title: LEAK-WITHHELD-NAME}]").replace(
            "正文第一段。", "LEAK-WITHHELD-BODY"),
        "content/xxgk/secret/LEAK-WITHHELD-FILE.csv": "LEAK-WITHHELD-ATTACHMENT\n",
        "content/xxgk/onrequest.md": entry("000014349/2021-00004", title="依申请公开的批复[[删减]]LEAK-ONREQ-TITLE[[/删减]]",
                                           disclosure="依申请公开",
                                           keywords="[LEAK-ONREQ-KEYWORD]",
                                           attachments="[{file: req/LEAK-ONREQ-FILE.txt, title: LEAK-ONREQ-ATT}]"
                                           ).replace("正文第一段。", "LEAK-ONREQ-BODY"),
        "content/xxgk/req/LEAK-ONREQ-FILE.txt": "LEAK-ONREQ-ATTACHMENT\n",
    }


MARKERS = ["LEAK-PARA", "LEAK-HEADING", "LEAK-LIST", "LEAK-TABLE", "LEAK-LINK", "LEAK-BLOCK-1", "LEAK-BLOCK-2",
           "LEAK-TITLE", "LEAK-KEYWORD", "LEAK-WITHHELD-TITLE", "LEAK-WITHHELD-FILE", "LEAK-WITHHELD-ATTACHMENT",
           "LEAK-WITHHELD-BODY", "LEAK-ONREQ-KEYWORD", "LEAK-ONREQ-FILE", "LEAK-ONREQ-ATT", "LEAK-ONREQ-ATTACHMENT",
           "LEAK-ONREQ-BODY", "LEAK-ONREQ-TITLE", "LEAK-WITHHELD-NAME", "删减]]"]


OUTPUTS = ["feeds/all.xml", "feeds/fenlei/02.xml", "feeds/fenlei/0202.xml", "catalogue.json", "catalogue.csv",
           "sitemap.xml"]


def test_nothing_withheld_or_redacted_reaches_any_output(site):
    build = site(leak_fixture(), catalogue=catalogue())
    assert build.ok, build.errors
    assert leaks(build.site, MARKERS) == {}
    for output in OUTPUTS:  # searched above with every other file; here: they exist and list the public entries
        text = (build.site / output).read_bytes().decode("utf-8-sig")
        assert "000014349-2021-00002" in text and "2021-00003" not in text and "2021-00004" not in text, output
    assert (build.site / "xxgk/000014349-2021-00001/index.html").is_file()
    assert (build.site / "xxgk/000014349-2021-00002/index.html").is_file()
    assert not (build.site / "xxgk/000014349-2021-00003").exists()
    assert not list(build.site.glob("xxgk/000014349-2021-00003*"))
    assert not list(build.site.glob("xxgk/000014349-2021-00004*"))


def test_leak_test_catches_a_bypassed_gate(site, monkeypatch):
    monkeypatch.setattr(gate, "apply", lambda cat, config, memo=None: gate.GateResult(cat, (), {}, 0, []))
    build = site(leak_fixture(), catalogue=catalogue())
    assert build.ok, build.errors
    found = leaks(build.site, MARKERS)
    for marker in ("LEAK-PARA", "LEAK-TITLE", "LEAK-WITHHELD-BODY", "LEAK-WITHHELD-ATTACHMENT", "LEAK-ONREQ-BODY"):
        assert marker in found
    for marker in ("LEAK-TITLE", "LEAK-WITHHELD-TITLE"):
        assert {"feeds/all.xml", "catalogue.json", "catalogue.csv"} <= set(found[marker]), marker
    for marker in ("LEAK-KEYWORD", "LEAK-ONREQ-KEYWORD"):  # feeds carry no keywords
        assert {"catalogue.json", "catalogue.csv"} <= set(found[marker]), marker


def test_redaction_marker_appears_in_every_context(site):
    build = site(leak_fixture(), catalogue=catalogue())
    html = build.html("xxgk/000014349-2021-00002/index.html")
    assert f"<title>关于{MARKER}的通知" in html
    assert f"<h1>关于{MARKER}的通知</h1>" in html
    assert f"<p>第一段公开内容，{MARKER}之后继续公开。</p>" in html
    assert re.search(rf"<h2[^>]*>关于{MARKER}的说明</h2>", html)
    assert f"<li>列表项{MARKER}</li>" in html
    assert f"<td>经费{MARKER}</td>" in html
    assert f'<a href="https://example.gov.cn/a.html">通知{MARKER}全文</a>' in html
    assert f"<p>{MARKER}</p>" in html and "<p>结尾公开段落。</p>" in html
    assert f"公开词、{MARKER}" in html


def test_directory_counts_and_lists_only_public_entries(site):
    build = site(leak_fixture(), catalogue=catalogue())
    whole = build.html("mulu/index.html")
    assert "共 2 条" in whole
    table = whole[whole.index('<table class="gk-listing'):]
    assert "公开的通知" in table and "依申请公开的批复" not in table
    listed = build.html("mulu/yishenqing/index.html")
    assert "依申请公开的批复" in listed and "000014349/<wbr>2021-00004" in listed  # a 索引号 breaks after its /
    assert "xxgk/000014349-2021-00004" not in listed
    assert '<a href="../../ysq/">依申请公开指南</a>' in listed
    assert f"依申请公开的批复{MARKER}" in listed


def test_build_report_is_written_outside_site(site):
    build = site(leak_fixture(), catalogue=catalogue())
    import json
    report = json.loads((build.root / "build-report.json").read_text(encoding="utf-8"))
    assert report["published"] == 2
    assert report["withheld"] == {"不予公开": 1, "依申请公开": 1}
    assert report["on_request_listed"] == 1
    assert report["redacted_spans"] == 8
    assert report["errors"] == []
    assert not list(build.site.rglob("build-report.json"))


GATE_ERRORS = {
    "withheld file in content": (
        entry(disclosure="不予公开"), "",
        "content/xxgk/a.md 第 7 行：公开属性为「不予公开」的文件不得放在 content/ 目录中，以免误发布。请将它移出本仓库；"
        "如确需保留，请在 catalogue.yml 中设置 gate.keep_withheld_files: true（文件仍不会发布）。"),
    "redaction markup in a fully public entry": (
        entry().replace("正文第一段。", "甲\n\n乙[[删减]]丙[[/删减]]"), "",
        "content/xxgk/a.md 第 13 行：正文含有删减标记 [[删减]]，但公开属性是「主动公开」。需要删减的信息，公开属性应设为「删减后公开」；"
        "否则请去掉删减标记。"),
    "redacted entry without markup": (
        entry(disclosure="删减后公开"), "",
        "content/xxgk/a.md 第 7 行：公开属性为「删减后公开」，但正文和元数据中都没有删减标记。请用 [[删减]]…[[/删减]] 标出不予公开的内容；"
        "如无需删减，请改为「主动公开」。"),
    "unclosed redaction": (
        entry(disclosure="删减后公开").replace("正文第一段。", "甲\n\n乙[[删减]]丙"), "",
        "content/xxgk/a.md 第 13 行：正文删减标记不完整：删减标记 [[删减]] 没有结束，请在要删减的内容之后加上 [[/删减]]。"),
    "identity card number": (
        entry().replace("正文第一段。", "当事人身份证号 11010519491231002X。"), "",
        "content/xxgk/a.md 第 11 行：发现疑似居民身份证号码「110*************2X」。公开内容不得含有公民个人信息：请删除，或用 "
        "[[删减]]…[[/删减]] 删减并把公开属性设为「删减后公开」。如这是应当公开的号码（如服务电话），请把它加入 catalogue.yml 的 "
        "gate.allow_numbers。"),
    "mobile number in metadata": (
        entry(title="联系人电话13812345678"), "",
        "content/xxgk/a.md 第 2 行：发现疑似手机号码「138******78」。"),
    "bank card": (
        entry().replace("正文第一段。", "退款账户 6222 0212 3456 7890 128"), "",
        "content/xxgk/a.md 第 11 行：发现疑似银行卡号「622**************28」。"),
    "script element": (
        entry().replace("正文第一段。", "<script>alert(1)</script>"), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：不允许使用 <script> 元素。公开页面不得含有可执行代码、不得从其他网站加载内容，请删除或改写这段 HTML。"),
    "event handler": (
        entry().replace("正文第一段。", '<p onclick="x()">点我</p>'), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<p> 的 onclick 属性会执行代码或向其他网站发送请求，不允许使用。"),
    "javascript link": (
        entry().replace("正文第一段。", "[点我](javascript:alert(1))"), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<a> 的 href 属性使用了不允许的地址「javascript:alert(1)」（只允许 http、https、mailto、tel 和站内地址）。"),
    "frame from another host": (
        entry().replace("正文第一段。", '<iframe src="https://evil.example.com/x"></iframe>'), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<iframe> 引用了其他网站（evil.example.com）的内容；网站不得从其他网站加载内容。"),
    "frame behind a backslash": (
        entry().replace("正文第一段。", '<iframe src="/\\evil.example.com/x"></iframe>'), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<iframe> 引用了其他网站（evil.example.com）的内容"),
    "markup hidden from the parser in a textarea": (
        entry().replace("正文第一段。", '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>'), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：不允许使用 <textarea> 元素。"),
    "svg": (
        entry().replace("正文第一段。", '<svg><a><animate attributeName="href" values="javascript:alert(1)"/></a></svg>'), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：不允许使用 <svg> 元素。"),
    "content inside an iframe": (
        entry().replace("正文第一段。", '<iframe src="/map/"><img title="</iframe><img src=x onerror=alert(1)>"></iframe>'),
        "", "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<iframe> 内不能有内容（发现 <img>）。"),
    "html comment": (
        entry().replace("正文第一段。", "正文。\n\n<!-- 内部意见：暂缓 -->"), "",
        "content/xxgk/a.md 第 13 行：正文中的 HTML 不安全：含有 HTML 注释 <!-- … -->，注释虽不显示，但任何人都能在网页源代码中看到，请删除。"),
    "image from another host": (
        entry().replace("正文第一段。", "![图](https://cdn.example.com/a.png)"), "",
        "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：<img> 引用了其他网站（cdn.example.com）的内容"),
    "markdown file as attachment": (
        entry(attachments="[other.md]"), "",
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「other.md」不是可以发布的文件类型；附件须为 PDF、OFD、Word、WPS、Excel、CSV、TXT、图片、音视频或压缩包（网页、脚本、SVG、XML 等可能含有可执行代码）。"),
    "xml attachment": (
        entry(attachments="[x.xml]"), "",
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「x.xml」不是可以发布的文件类型"),
    "attachment outside the catalogue folder": (
        entry(attachments="[../fujian/a.txt]"), "",
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「../fujian/a.txt」不在 content/xxgk/ 目录内；附件须和条目放在同一目录下，这样只有公开的条目才会带出它的附件。"),
    "mistyped redaction markup": (
        entry(disclosure="删减后公开").replace("正文第一段。", "甲[[删减]]乙[[/删减]]\n\n丙［［删减］］丁［［/删减］］"), "",
        "content/xxgk/a.md 第 13 行：正文中的「［［删减］］」疑似删减标记，但写法不对，不会起作用。删减标记须写成 [[删减]]…[[/删减]]（英文半角方括号，中间没有空格）。"),
    "number split by markup": (
        entry().replace("正文第一段。", "号码 1101011990**0307**7774"), "",
        "content/xxgk/a.md：发现疑似居民身份证号码「110*************74」。"),
    "full-width digits": (
        entry().replace("正文第一段。", "电话１３８００１３８０００"), "",
        "content/xxgk/a.md 第 11 行：发现疑似手机号码「138******00」。"),
    "attachment outside content": (
        entry(attachments="[../../secret.txt]"), "",
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「../../secret.txt」指向 content/ 目录之外；附件须放在 content/ 目录内。"),
    "absolute attachment path": (
        entry(attachments="[/etc/passwd]"), "",
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「/etc/passwd」是绝对路径；请写相对于本文件的路径，并用“/”分隔，如 附件/表格.pdf。"),
}


@pytest.mark.parametrize("case", GATE_ERRORS, ids=list(GATE_ERRORS))
def test_gate_errors(site, case):
    content, extra, message = GATE_ERRORS[case]
    build = site({"content/xxgk/a.md": content}, catalogue=catalogue(extra))
    assert not build.ok
    assert any(line.startswith(f"  - {message}") for line in build.errors.splitlines()), build.errors
    assert not (build.site / "xxgk").exists()


def test_full_personal_numbers_never_appear_in_logs_or_report(site):
    build = site({
        "content/xxgk/a.md": entry().replace("正文第一段。", "身份证 11010519491231002X 手机 13812345678"),
        "content/xxgk/b.md": entry("000014349/2021-00002", date="13900139000", disclosure="110101199003077774"),
    })
    assert not build.ok
    report = (build.root / "build-report.json").read_text(encoding="utf-8")
    for number in ("11010519491231002X", "13812345678", "13900139000", "110101199003077774"):
        assert number not in build.errors and number not in report
    assert "「139******00」不是有效日期" in build.errors
    assert '"personal_data_hits": 2' in report


def test_public_entry_cannot_point_at_a_withheld_one(site):
    build = site({
        "content/xxgk/a.md": entry(validity="废止", superseded_by="000014349/2021-00002"),
        "content/xxgk/b.md": entry("000014349/2021-00002", disclosure="依申请公开"),
    })
    assert ("content/xxgk/a.md 第 9 行：字段「替代文件」（superseded_by）引用的条目「000014349/2021-00002」不公开，"
            "公开的条目只能引用公开的条目。请改为引用公开的文件，或删去这一行。") in build.errors


def test_other_files_in_content_are_checked(site, tmp_path):
    build = site({
        "content/docs/list.csv": "姓名,手机\n张三,13800138000\n".encode("gb18030"),
        "content/docs/page.html": "<script>alert(1)</script>",
        "content/docs/note.MD": "---\ndisclosure: 不予公开\n---\n",
        "content/about.md": "---\ntitle: 联系 13800138000\n---\n\n关于[[删减]]内部[[/删减]]\n",
    })
    assert "content/docs/list.csv 第 2 行：发现疑似手机号码「138******00」。" in build.errors
    blocked = ("这种类型的文件不能放在 content/ 中：只能发布 PDF、OFD、Word、WPS、Excel、CSV、TXT、图片、音视频和压缩包；"
               "Markdown 文件的扩展名须为小写 .md（网页、脚本、SVG、XML 等可能含有可执行代码，网站样式和图标请放在 overrides/ 中）。"
               "请删除或转换这个文件。")
    assert f"content/docs/page.html：{blocked}" in build.errors
    assert f"content/docs/note.MD：{blocked}" in build.errors
    assert "content/about.md 第 2 行：发现疑似手机号码「138******00」。" in build.errors
    assert ("content/about.md 第 5 行：删减标记只能用于公开属性为「删减后公开」的目录条目；这个页面不是目录条目，"
            "「[[删减]]」会原样发布。请删除不能公开的内容。") in build.errors


def test_allowed_numbers_pass_the_scanner(site):
    allow = '\ngate:\n  allow_numbers: ["13812345678"]\n'
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", "服务热线 13812345678")}, catalogue=catalogue(allow))
    assert build.ok, build.errors


def test_symlink_pointing_outside_content_is_refused(site, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    files = {"content/xxgk/a.md": entry(attachments="[link.txt]")}
    root = tmp_path / "project1"
    (root / "content/xxgk").mkdir(parents=True)
    os.symlink(outside, root / "content/xxgk/link.txt")
    build = site(files)
    assert not build.ok
    assert ("content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的「link.txt」是符号链接（快捷方式）或位于链接目录中；"
            "附件须是 content/ 目录内的普通文件。") in build.errors
    assert ("content/xxgk/link.txt：content/ 中不能使用符号链接（快捷方式）：这个文件本身或它所在的目录是链接。"
            "请放入文件本身，或删除这个链接。") in build.errors


def test_symlinked_folder_inside_content_is_refused(site, tmp_path):
    root = tmp_path / "project1"
    (root / "content/xxgk/req").mkdir(parents=True)
    os.symlink(root / "content/xxgk/req", root / "content/files")
    build = site({"content/xxgk/req/secret.txt": "内部"})
    assert not build.ok
    assert "content/files/secret.txt：content/ 中不能使用符号链接（快捷方式）" in build.errors
    assert not (build.site / "files").exists()


@pytest.mark.parametrize("page", ["---\ndisclosure: 依申请公开\n---\n\n内部说明\n",
                                  "disclosure: 依申请公开\n\n内部说明\n",
                                  "---\rdisclosure: 依申请公开\r---\r\r内部说明\r"], ids=["yaml", "multimarkdown", "cr"])
def test_plain_page_cannot_carry_a_non_public_attribute(site, page):
    build = site({"content/notes.md": page})
    assert not build.ok
    assert re.search("content/notes.md( 第 2 行)?：这个页面的公开属性是「依申请公开」，但它不在目录条目的目录中，无法按公开属性处理。"
                     "非主动公开的信息只能作为目录条目提交；如这个页面可以公开，请删去 disclosure 这一行。", build.errors)
    assert not (build.site / "notes").exists()


def test_personal_data_in_a_plain_page_and_a_text_attachment(site):
    build = site({
        "content/about.md": "# 关于\n\n联系 13812345678\n",
        "content/xxgk/a.md": entry(attachments="[list.csv]"),
        "content/xxgk/list.csv": "姓名,身份证\n张三,11010519491231002X\n",
    })
    assert "content/about.md 第 3 行：发现疑似手机号码「138******78」。" in build.errors
    assert "content/xxgk/list.csv 第 2 行：发现疑似居民身份证号码「110*************2X」。" in build.errors


MORE_HTML = {
    "cdata": "<![CDATA[ > <img src=x onerror=alert(1)> ]]>",
    "unfinished tag": "<div>\n<img src=x onerror=alert(1)",
    "style loading another host": '<p style="background:url(http://evil.example.com/)">x</p>',
    "scheme without slashes": '<img src="https:evil.example.com/x.png">',
    "ping": '<a href="/" ping="http://evil.example.com/">x</a>',
}


@pytest.mark.parametrize("case", MORE_HTML, ids=list(MORE_HTML))
def test_more_unsafe_html_is_refused_without_traceback(site, case):
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", MORE_HTML[case])})
    assert not build.ok
    assert "content/xxgk/a.md 第 11 行：正文中的 HTML 不安全：" in build.errors
    assert "Traceback" not in build.errors


def test_malformed_link_is_an_error_not_a_traceback(site):
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", "[x](http://[evil)")})
    assert not build.ok
    assert "  - content/xxgk/a.md 第 11 行：链接地址「http://[evil」格式有误，无法解析，请改正。" in build.errors


@pytest.mark.parametrize("typo", ["［［删减］］乙［［/删减］］", "[删减]乙[/删减]", "[[刪減]]乙[[/刪減]]", "（删减）乙（/删减）",
                                  "{{删减}}乙{{/删减}}", "\\[\\[删减\\]\\]乙\\[\\[/删减\\]\\]", "[[ 删减 ]]乙[[ /删减 ]]"])
def test_mistyped_redaction_markup_is_refused(site, typo):
    body = f"甲[[删减]]丙[[/删减]]\n\n{typo}"
    build = site({"content/xxgk/a.md": entry(disclosure="删减后公开").replace("正文第一段。", body)})
    assert not build.ok
    assert "疑似删减标记，但写法不对，不会起作用。" in build.errors


def test_mistyped_markup_in_the_on_request_list_is_refused(site):
    build = site({"content/ysq.md": "# 指南\n", "content/xxgk/a.md": entry(title="批复【删减】秘密【/删减】",
                                                                          disclosure="依申请公开")},
                 catalogue=catalogue())
    assert "content/xxgk/a.md 第 2 行：字段「标题」（title）中的「【删减】」疑似删减标记" in build.errors


def test_numbers_in_file_names_and_mkdocs_yml(site):
    build = site({"content/img/13812345678.png": b"\x89PNG", "content/13912345678.md": "# 页面\n"})
    assert "content/img/138******78.png：文件名或目录名中发现疑似手机号码「138******78」。" in build.errors
    assert "content/139******78.md：文件名或目录名中发现疑似手机号码「139******78」。" in build.errors
    assert "13812345678" not in build.errors and "13912345678" not in build.errors
    configured = site({}, mkdocs_extra="copyright: 联系人 13712345678\n")
    assert "mkdocs.yml 第 " in configured.errors and "发现疑似手机号码「137******78」" in configured.errors


def test_plain_page_with_unreadable_front_matter_is_refused(site):
    build = site({"content/internal.md": "---\ntitle: 内部: 通知\ndisclosure: 依申请公开\n---\n\n秘密\n"})
    assert not build.ok
    assert "content/internal.md 第 2 行：字段 title 的值中有“英文冒号+空格”，YAML 会把它当成另一个字段。" in build.errors
    assert not (build.site / "internal").exists()


@pytest.mark.parametrize("template", ["entry.html", "redirect.html", "404.html", "search.html"])
def test_plain_page_is_shown_by_a_page_template_only(site, template):
    build = site({"content/p.md": f"---\ntitle: 页面\ntemplate: {template}\nlocation: https://evil.example/\n---\n\n文字\n"})
    assert not build.ok
    assert (f"content/p.md 第 3 行：模板（template）「{template}」不能用于普通页面；普通页面可用 main.html、home.html"
            "（首页用 home.html）。不写 template 这一行即使用默认的 main.html。") in build.errors


@pytest.mark.parametrize("text", ["号码 138\u200b1234\u200b5678", "号码 138\u200e1234\u202c5678", "身份证 110101 1990 0307 4514",
                                  "身份证 11010119900307\n4514", '<abbr title="1381234&#53;678">联系</abbr>'])
def test_scanner_sees_through_disguises(site, text):
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", text)})
    assert not build.ok and "发现疑似" in build.errors


@pytest.mark.parametrize(("text", "found"), [
    ("电话 138–1234–5678", "手机号码「138******78」"), ("电话 138—1234—5678", "手机号码「138******78」"),
    ("电话 138/1234/5678", "手机号码「138******78」"), ("电话 138_1234_5678", "手机号码「138******78」"),
    ("电话 138\u00a01234\u00a05678", "手机号码「138******78」"), ("电话 138−1234−5678", "手机号码「138******78」"),
    ("身份证 110101／19900307／4514", "居民身份证号码「110*************14」"),
    ("存折 622202 1234567890128", "银行卡号「622**************28」"),
    ("卡号 622202-1234567890128", "银行卡号「622**************28」"),
])
def test_scanner_reads_dashes_slashes_underscores_and_a_passbooks_split(site, text, found):
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", text)})
    assert not build.ok
    assert f"content/xxgk/a.md 第 11 行：发现疑似{found}。" in build.errors


@pytest.mark.parametrize("text", ["国庆节放假时间为2021.10.01-2021.10.07。", "2017 2018 2019 2020 年度数据",
                                  "2017-2018-2019-2020", "索引号 11990000MB1234567A/2021-00050", "电话 0871-12345678",
                                  "金额 1234567890123456.00 元的一半", "文号 示公通〔2021〕12号，日期 20210315",
                                  "期限 2021/10/01–2021/10/07", "2017/2018/2019/2020 年度", "电话 0871–12345678",
                                  "索引号 000014349/2021-00002"])
def test_ordinary_government_text_is_not_flagged(site, text):
    build = site({"content/xxgk/a.md": entry().replace("正文第一段。", text)})
    assert build.ok, build.errors


def test_full_width_numbers_are_masked_in_messages(site):
    build = site({"content/xxgk/a.md": entry(date="１３８１２３４５６７８")})
    assert "「138******78」不是有效日期" in build.errors
    assert "１３８１２３４５６７８" not in build.errors


def test_redaction_span_across_list_items_is_an_error_not_a_crash(site):
    content = entry(disclosure="删减后公开", keywords='["[[删减]]甲", "乙[[/删减]]"]')
    build = site({"content/xxgk/a.md": content})
    assert not build.ok
    assert "content/xxgk/a.md 第 9 行：字段「主题词」（keywords）删减标记不完整：" in build.errors


def test_application_guide_must_exist(site):
    build = site({"content/xxgk/a.md": entry()}, catalogue=catalogue(GATE.replace("ysq.md", "nosuch.md")))
    assert ("catalogue.yml：gate.application_guide 指向的页面「nosuch.md」在 content/ 中不存在（依申请公开目录要链接到它）；"
            "请写 content/ 下的 Markdown 文件路径，如 yishenqing.md。") in build.errors


def test_an_entry_outside_its_folder_is_refused_not_published_as_a_plain_page(site):
    build = site({"content/a.md": entry()})
    assert not build.ok
    message = "content/a.md 第 3 行：这个页面写有索引号（index_no），是一条目录条目，但它不在目录条目的文件夹中，会被当作普通页面发布"
    assert build.errors.count(message) == 1, build.errors
    assert not (build.site / "a").exists()
