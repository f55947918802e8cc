"""Every editor mistake fails the build with a Chinese message naming file, line, field and fix."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, entry

SRC = "content/xxgk/a.md"


def only_error(build) -> str:
    assert not build.ok
    lines = [line for line in build.errors.splitlines() if line.startswith("  - ")]
    assert len(lines) == 1, build.errors
    return lines[0].removeprefix("  - ")


CASES = {
    "missing required field": (
        entry(date=None),
        "content/xxgk/a.md 第 8 行：缺少必填字段「发布日期」（date）。请添加一行“date: …”，如 2021-03-15。"),
    "wrong type": (
        entry(title="[一, 二]"),
        "content/xxgk/a.md 第 2 行：字段「标题」（title）应为一段文字，现为「[一, 二]」：YAML 把方括号或花括号读成了列表。如果括号是文字的一部分，请把整个值用英文双引号括起来。"),
    "bad date": (
        entry(date="2021-13-01"),
        "content/xxgk/a.md 第 6 行：字段「发布日期」（date）的值「2021-13-01」不是有效日期，应按“年-月-日”写成 YYYY-MM-DD，如 2021-03-15。"),
    "unknown category": (
        entry(category="交通管理"),
        "content/xxgk/a.md 第 4 行：字段「主题分类」（category）的值「交通管理」不是 catalogue.yml 中的主题分类；可选：规范性文件、其他文件、工作动态。"),
    "top-level category with children": (
        entry(category="法规文件"),
        "content/xxgk/a.md 第 4 行：字段「主题分类」（category）的值「法规文件」是一级分类，请选择它下面的二级分类：规范性文件、其他文件。"),
    "unknown publisher": (
        entry(publisher="测试市交通局"),
        "content/xxgk/a.md 第 5 行：字段「发布机构」（publisher）的值「测试市交通局」不是 catalogue.yml 中登记的发布机构；可选：测试市公安局、测试市公安局交通警察支队。"),
    "index number not matching the pattern": (
        entry(index_no="000014349-2021-1"),
        "content/xxgk/a.md 第 3 行：字段「索引号」（index_no）的值「000014349-2021-1」不符合索引号格式 {org}/{year}-{seq:5}（例如 000014349/2021-00001）。"),
    "index number of another publisher": (
        entry(index_no="000014350/2021-00001"),
        "content/xxgk/a.md 第 3 行：字段「索引号」（index_no）的值「000014350/2021-00001」中的机构代码「000014350」与发布机构「测试市公安局」的代码「000014349」不一致。"),
    "value outside an enum": (
        entry(disclosure="公开"),
        "content/xxgk/a.md 第 7 行：字段「公开属性」（disclosure）的值「公开」不在可选范围内；可选值：主动公开、依申请公开、删减后公开、不予公开。"),
    "reference to a missing entry": (
        entry(validity="废止", superseded_by="000014349/2022-00009"),
        "content/xxgk/a.md 第 9 行：字段「替代文件」（superseded_by）引用的索引号「000014349/2022-00009」不存在：content/ 中没有这个索引号的条目。请核对索引号，或先添加被引用的条目。"),
    "successor missing when repealed": (
        entry(validity="废止"),
        "content/xxgk/a.md 第 8 行：缺少必填字段「替代文件」（superseded_by）（因为「有效性」（validity）为「废止」）。请添加一行“superseded_by: …”。"),
    "yaml syntax error": (
        entry(title="关于: 测试"),
        "content/xxgk/a.md 第 2 行：字段「标题」（title）的值中有“英文冒号+空格”，YAML 会把它当成另一个字段。请把整个值用英文双引号括起来，如 title: \"关于: 测试\"。也可以改用中文冒号“：”。"),
    "full-width colon": (
        entry().replace("title: ", "title："),
        "content/xxgk/a.md 第 2 行：元数据格式错误：字段 title 后面用了中文全角冒号“：”，请改为英文半角冒号“:”并在其后留一个空格。"),
    "a # that YAML would take for a comment": (
        entry(summary="交警提示 #1 请佩戴头盔"),
        "content/xxgk/a.md 第 9 行：元数据中「#1 请佩戴头盔」会被当作注释丢掉（YAML 中空格后的 # 表示注释），字段 summary 的值只剩「交警提示」。如果 # 是内容的一部分，请把整个值用英文双引号括起来，如 summary: \"交警提示 #1 请佩戴头盔\"；如果是说明文字，请在 # 后留一个空格。"),
    "an invisible character copied along": (
        entry(disclosure="主动公开\u200b"),
        "content/xxgk/a.md 第 7 行：字段「公开属性」（disclosure）的值中有看不见的字符（U+200B），常见于从网页或 Word 复制的文字；请删去这个值，再用键盘重新输入。"),
    "duplicate key": (
        entry().replace("date: 2021-03-15", "date: 2021-03-15\ndate: 2021-03-16"),
        "content/xxgk/a.md 第 7 行：字段「发布日期」（date）写了两次，YAML 只会保留后一个。请删去多余的一行。"),
    "no front matter": (
        "# 标题\n\n正文\n",
        "content/xxgk/a.md 第 1 行：缺少元数据：文件须以一行“---”开头，接着是“字段: 值”形式的元数据，再以一行“---”结束，之后才是正文。请参照 README 中的示例文件。"),
    "not utf-8": (
        entry(title="测试通知").encode("gbk"),
        "content/xxgk/a.md 第 2 行：文件不是 UTF-8 编码（这一行有无法识别的字节，常见于 GBK/GB2312 编码）。请在编辑器中选择“另存为”，编码选“UTF-8”后重新提交。"),
    "yaml alias": (
        entry(title="&t 标题", doc_no="*t"),
        "content/xxgk/a.md 第 9 行：使用了不支持的 YAML 写法（别名 *、锚点 &、合并键 << 或复合键）。请把每个字段直接写成“字段: 值”；值以 * 或 & 开头时，请把整个值用英文双引号括起来。"),
    "complex key": (
        entry().replace("title:", "? [a, b]\n: x\ntitle:"),
        "content/xxgk/a.md 第 2 行：使用了不支持的 YAML 写法（别名 *、锚点 &、合并键 << 或复合键）。请把每个字段直接写成“字段: 值”；值以 * 或 & 开头时，请把整个值用英文双引号括起来。"),
    "blank title": (
        entry(title='" "'),
        "content/xxgk/a.md 第 2 行：必填字段「标题」（title）没有填写。请在“title:”后面填写。"),
    "two attachments with one name": (
        entry(attachments="[a/x.txt, b/x.txt]"),
        "content/xxgk/a.md 第 9 行：附件文件名重复（x.txt）：同一条目的附件发布在同一目录下，文件名须各不相同，请重命名其中一个。"),
    "missing attachment file": (
        entry(attachments="[附件/表格.pdf]"),
        "content/xxgk/a.md 第 9 行：字段「附件」（attachments）中的文件「附件/表格.pdf」不存在（应在 content/xxgk/附件/表格.pdf）；请检查文件名和路径。"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_fails_with_its_message(site, case):
    content, message = CASES[case]
    build = site({SRC: content, "content/xxgk/a/x.txt": "甲", "content/xxgk/b/x.txt": "乙"})
    assert only_error(build) == message
    assert not (build.site / "xxgk").exists()


def test_hidden_files_are_neither_published_nor_warned_about(site):
    """.gitkeep, .DS_Store: MkDocs leaves them out of the site, so the strict build does not stop on them."""
    build = site({SRC: entry(), "content/xxgk/.gitkeep": "", "content/.DS_Store": b"\x00\x01"})
    assert build.ok, build.errors
    assert build.log == []
    assert not (build.site / "xxgk/.gitkeep").exists() and not (build.site / ".DS_Store").exists()


def test_duplicate_index_number_names_both_files(site):
    build = site({"content/xxgk/a.md": entry(), "content/xxgk/b.md": entry(title="另一个通知")})
    assert only_error(build) == (
        "content/xxgk/b.md 第 3 行：索引号「000014349/2021-00001」重复：content/xxgk/a.md 与 content/xxgk/b.md "
        "使用了同一个索引号。索引号是条目的永久编号，必须唯一，请为后加入的条目分配新的索引号。")


def test_all_problems_are_reported_in_one_run(site):
    build = site({
        "content/xxgk/a.md": entry(date="2021-02-30", category="无此分类"),
        "content/xxgk/b.md": entry("000014349/2021-00002", publisher="无此机构"),
        "content/xxgk/c.md": b"\xff\xfe",
    })
    assert not build.ok
    assert "内容检查发现 4 个错误，网站没有生成。" in build.errors
    for needle in ("a.md 第 6 行：字段「发布日期」", "a.md 第 4 行：字段「主题分类」", "b.md 第 5 行：字段「发布机构」",
                   "c.md 第 1 行：文件不是 UTF-8 编码"):
        assert needle in build.errors


def test_unknown_field_is_a_warning_that_strict_mode_stops(site):
    content = entry(colour="红色")
    warning = ("gongkai: content/xxgk/a.md 第 9 行：未知字段「colour」：目录条目没有这个字段，它将被忽略。请检查拼写；可用字段："
               "title、index_no、category、publisher、doc_no、date、disclosure、validity、superseded_by、keywords、attachments、"
               "withdrawn、previous_urls。")
    strict = site({SRC: content})
    assert not strict.ok and warning in strict.log
    lenient = site({SRC: content}, strict=False)
    assert lenient.ok and warning in lenient.log
    assert "红色" not in lenient.html("xxgk/000014349-2021-00001/index.html")


def test_schema_errors_name_the_key(site):
    bad = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8")
    bad = bad.replace('pattern: "{org}/{year}-{seq:5}"', 'pattern: "{org}/{yr}-{seq:5}"')
    bad = bad.replace('code: "000014350"', 'code: "14350"')
    build = site({SRC: entry()}, catalogue=bad)
    assert not build.ok
    assert "内容检查发现 2 个错误" in build.errors
    assert "catalogue.yml 第 11 行：index_number.pattern 中有未知占位符：yr；可用 {org} {year} {month} {seq:N}。" in build.errors
    assert ("catalogue.yml 第 17 行：publishers 第 2 项（测试市公安局交通警察支队）的 code「14350」应为 9 位组织机构代码或 18 位统一社会信用代码，"
            "并用引号括起，如 \"000014349\"。") in build.errors


def test_list_items_written_with_chinese_commas_are_split(site):
    build = site({"content/xxgk/a.md": entry(keywords="[交通安全日，交通安全宣传、电动自行车]")})
    assert build.ok, build.errors
    data = json.loads((build.site / "catalogue.json").read_text(encoding="utf-8"))
    assert data["entries"][0]["keywords"] == ["交通安全日", "交通安全宣传", "电动自行车"]
