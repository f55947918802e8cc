"""Links as editors write them (core/linking.py): found where Markdown makes links and nowhere else,
rewritten to what they reach as published, refused with the reason when they reach nothing public."""

from __future__ import annotations

from conftest import entry
from gongkai.core import linking

ADDRESSES = linking.Addresses(
    published={"xxgk/2021/a.md": "xxgk/000014349-2021-00001.md", "xxgk/2021/fujian/t.pdf": "xxgk/000014349-2021-00001/t.pdf",
               "guide.md": "guide.md", "files/form.docx": "files/form.docx"},
    hidden={"xxgk/2021/secret.md": "是公开属性为「依申请公开」的「内部通知」，没有公开"},
    by_index={"000014349/2021-00001": "xxgk/000014349-2021-00001.md"},
    hidden_index={"000014349/2021-00009": "是公开属性为「依申请公开」的「内部通知」，没有公开"},
    dest={"xxgk/000014349-2021-00001/index.html": "xxgk/000014349-2021-00001.md", "guide/index.html": "guide.md",
          "files/form.docx": "files/form.docx", "xxgk/000014349-2021-00001/t.pdf": "xxgk/000014349-2021-00001/t.pdf"},
    urls={"xxgk/000014349-2021-00001.md": "xxgk/000014349-2021-00001/", "guide.md": "guide/",
          "files/form.docx": "files/form.docx", "xxgk/000014349-2021-00001/t.pdf": "xxgk/000014349-2021-00001/t.pdf"},
    owned=frozenset({"xxgk"}),
    editable=frozenset({"xxgk/2021/a.md", "xxgk/2021/secret.md", "xxgk/2021/fujian/t.pdf", "xxgk/2021/fujian/loose.pdf",
                        "guide.md", "files/form.docx", "xxgk/2022/b.md"}),
)
B = linking.Page("xxgk/2022/b.md", "xxgk/000014349-2022-00002.md", "xxgk/000014349-2022-00002/")


def rewrite(text: str) -> linking.Rewritten:
    return linking.rewrite(text, B, ADDRESSES)


def test_links_are_found_in_markdown_and_html_but_never_in_code():
    text = ("[a](x.md) ![i](y.png \"t\") `[no](z.md)`\n```\n[no](fenced.md)\n```\n"
            "[ref]: <r t.md>\n<a href=\"h.md\">h</a> [s](索引号：A/1) [n]([nested].md)")
    assert [(link.url, link.html) for link in linking.find(text)] == [
        ("x.md", False), ("y.png", False), ("r t.md", False), ("h.md", True), ("索引号：A/1", False), ("[nested].md", False)]


def test_each_form_an_editor_writes_becomes_the_published_address():
    found = rewrite("[通知](../2021/a.md)、[附件](../2021/fujian/t.pdf)、[指南](../../guide.md#liu-cheng)、"
                    "[表](../../files/form.docx)、[短](索引号:000014349/2021-00001)、[外](https://example.gov.cn/)、[本页](#top)")
    assert found.broken == []
    assert found.text == ("[通知](000014349-2021-00001.md)、[附件](000014349-2021-00001/t.pdf)、[指南](../guide.md#liu-cheng)、"
                          "[表](../files/form.docx)、[短](000014349-2021-00001.md)、[外](https://example.gov.cn/)、[本页](#top)")
    assert [(a.site_file, a.anchor) for a in found.anchors] == [("guide.md", "liu-cheng"), (B.site_file, "top")]


def test_raw_html_gets_the_address_itself_since_mkdocs_leaves_it_alone():
    found = rewrite('<a href="../2021/a.md">通知</a><img src="../2021/fujian/t.pdf" alt="">')
    assert found.text == '<a href="../000014349-2021-00001/">通知</a><img src="../000014349-2021-00001/t.pdf" alt="">'


def test_addresses_of_the_built_site_are_left_as_written_when_they_exist():
    found = rewrite("[旧](../000014349-2021-00001/) [指南](/guide/) [无](../000014349-2099-00001/)")
    assert found.text.startswith("[旧](../000014349-2021-00001/) [指南](/guide/) [无](#)")
    assert [b.message for b in found.broken] == [
        "链接「../000014349-2099-00001/」指向的页面不存在（按本文件所在目录算，应是 content/xxgk/000014349-2099-00001/）。"
        "链接请写相对于本文件的路径，如 [通知](../2022/通知.md)、[表格](fujian/表格.pdf)，或按索引号写作 [通知](索引号:该文件的索引号)。"]


def test_links_that_reach_nothing_public_are_refused_with_the_reason():
    found = rewrite("[甲](../2021/secret.md) [乙](../2021/fujian/loose.pdf) [丙](../2021/b.md) [丁](索引号:000014349/2021-00009) "
                    "[戊](索引号:000014349/2021-00010) [己](..\\2021\\a.md)")
    assert [b.message.split("。")[0] for b in found.broken] == [
        "链接「../2021/secret.md」指向的 content/xxgk/2021/secret.md 是公开属性为「依申请公开」的「内部通知」，没有公开",
        "链接「../2021/fujian/loose.pdf」指向的 content/xxgk/2021/fujian/loose.pdf 不会发布：这个目录中的文件只有被条目列为附件"
        "（attachments）才会发布",
        "链接「../2021/b.md」指向的文件不存在（按本文件所在目录算，应在 content/xxgk/2021/b.md）",
        "链接「索引号:000014349/2021-00009」指向的条目是公开属性为「依申请公开」的「内部通知」，没有公开",
        "链接「索引号:000014349/2021-00010」中的索引号不存在：没有公开条目使用这个索引号",
        "链接「..\\2021\\a.md」中用了反斜杠“\\”，请改用“/”分隔目录，如 ../2022/通知.md"]
    assert "是否想写：「b.md」？" in found.broken[2].message  # the same name, in the editor's own folder
    assert "是否想写：000014349/2021-00001？" in found.broken[4].message  # one digit off
    assert found.text.count("(#)") == 6  # nothing else complains of them: the build stops on these


def test_a_raw_html_link_in_an_entry_reaches_its_target(site):
    old = entry("000014349/2019-00003", title="旧通知", date="2019-02-01")
    new = entry("000014349/2021-00012").replace("正文第一段。", '见<a href="../2019/old.md">旧通知</a>和[旧通知](../2019/old.md)。')
    build = site({"content/xxgk/2019/old.md": old, "content/xxgk/2021/new.md": new})
    assert build.ok, build.errors
    html = build.html("xxgk/000014349-2021-00012/index.html")
    assert html.count('<a href="../000014349-2019-00003/">旧通知</a>') == 2
