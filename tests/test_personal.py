"""The personal-data scanner on its own: every way of writing a number it must see, and the ordinary
numbers of government text it must not flag."""

from __future__ import annotations

import io
import zipfile

import pytest

from conftest import pdf
from gongkai.core import filetext, gate, personal
from gongkai.core.schema import GateConfig

ID, MOBILE, CARD = "居民身份证号码", "手机号码", "银行卡号"


@pytest.mark.parametrize(("text", "kind"), [
    ("身份证 110101199003074514", ID),
    ("身份证 110101 19900307 4514", ID),  # 6-8-4
    ("身份证 110101 1990 0307 4514", ID),  # 6-4-4-4
    ("身份证 1101 0119 9003 0745 14", ID),  # 4-4-4-4-2
    ("身份证 110101  19900307  4514", ID),  # double spaces
    ("身份证 110101·19900307·4514", ID),  # middle dots
    ("身份证 110101－19900307－4514", ID),  # full-width hyphens
    ("手机 13812345678", MOBILE),
    ("手机 138 1234 5678", MOBILE),  # 3-4-4
    ("手机 1381 234 5678", MOBILE),  # 4-3-4
    ("手机 138  1234  5678", MOBILE),
    ("手机 138·1234·5678", MOBILE),
    ("手机 +86 138 1234 5678", MOBILE),
    ("手机 １３８１２３４５６７８", MOBILE),  # full-width digits
    ("手机 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖", MOBILE),  # mathematical bold digits
    ("手机 ①③⑧①②③④⑤⑥⑦⑧", MOBILE),  # circled digits
    ("手机 138\u200b1234\u200b5678", MOBILE),  # zero-width spaces
    ("<a href=\"tel:%31%33%38%31%32%33%34%35%36%37%38\">电话</a>", MOBILE),  # %-escaped in an address
    ("卡号 6222021234567890128", CARD),
    ("卡号 6222 0212 3456 7890 128", CARD),
    ("存折 622202 1234567890128", CARD),
])
def test_the_scanner_sees_every_form(text, kind):
    hits = personal.scan(text)
    assert [hit.kind for hit in hits] == [kind]
    assert "*" in hits[0].masked


@pytest.mark.parametrize("text", [
    "国庆节放假时间为2021.10.01-2021.10.07。", "2017 2018 2019 2020 年度数据", "2017-2018-2019-2020",
    "索引号 11990000MB1234567A/2021-00050", "索引号 000014349/2021-00002", "电话 0871-12345678", "电话 0871–12345678",
    "金额 1234567890123456.00 元的一半", "文号 示公通〔2021〕12号，日期 20210315", "期限 2021/10/01–2021/10/07",
    "2017/2018/2019/2020 年度", "数据 13 5 2 0 1 1 4 2 6 7 9", "本年度收到申请 11 件，予以公开 8 件，无法提供 2 件。",
    "身份证 110101199003074515",  # a wrong check digit is not a number anyone has
    "2022年本局收支预算总额123014.00万元，其中一般公共预算拨款收入118652.30万元",
])
def test_ordinary_government_text_is_not_flagged(text):
    assert personal.scan(text) == []


def test_allowed_numbers_and_masking_in_messages():
    assert personal.scan("服务热线 138 1234 5678", ["13812345678"]) == []
    assert personal.mask_all("号码 𝟏𝟑𝟖𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖 与 110101 19900307 4514") == "号码 138******78 与 110*************14"


def docx(text: str) -> bytes:
    """A Word document whose number is split across three formatting runs, as Word often writes it."""
    out = io.BytesIO()
    runs = "".join(f"<w:r><w:t>{part}</w:t></w:r>" for part in text.split("|"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f"<w:document><w:body><w:p>{runs}</w:p></w:body></w:document>")
    return out.getvalue()


def ofd(text: str) -> bytes:
    """An OFD document (GB/T 33190), whose text objects often hold a few glyphs each."""
    out = io.BytesIO()
    codes = "".join(f"<ofd:TextObject><ofd:TextCode X=\"0\" Y=\"10\">{part}</ofd:TextCode></ofd:TextObject>" for part in text.split("|"))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", "<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        archive.writestr("Doc_0/Pages/Page_0/Content.xml", f"<ofd:Page><ofd:Content><ofd:Layer>{codes}</ofd:Layer></ofd:Content></ofd:Page>")
    return out.getvalue()


@pytest.mark.parametrize(("name", "data"), [("a.docx", docx("联系电话 138|1234|5678")), ("a.pdf", pdf("Tel 13812345678")),
                                            ("a.ofd", ofd("联系电话 138|1234|5678"))])
def test_attachments_are_read_for_their_text(name, data):
    assert b"13812345678" not in data  # neither the XML runs nor the compressed stream hold it whole
    problems = gate.check_static(f"content/xxgk/fujian/{name}", data, GateConfig())
    assert [p.message.split("。")[0] for p in problems] == ["发现疑似手机号码「138******78」"]
    assert problems[0].line is None  # a line of a document's text is no line of the file


@pytest.mark.parametrize(("name", "data", "why"), [
    ("a.docx", b"PK\x03\x04broken", "文件已损坏或格式不对，无法读取其中的文字"),
    ("a.pdf", b"%PDF-1.4\nnot a pdf", "PDF 文件已损坏或格式不对，无法读取其中的文字"),
])
def test_an_unreadable_document_is_a_warning_for_a_person_to_check(name, data, why):
    problems = gate.check_static(f"content/xxgk/fujian/{name}", data, GateConfig())
    assert [(p.level, p.message.split("，因此")[0]) for p in problems] == [("warning", why)]


def test_a_zip_bomb_is_read_only_so_far():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(3):
            archive.writestr(f"xl/worksheets/sheet{n}.xml", "<c><v>1</v></c>" * (2 * 1024 * 1024))
    found = filetext.of("a.xlsx", out.getvalue())
    assert found.unread == "文件中的文字过多，没有读完"
