"""Editors' mistakes, one case each, made in a copy of the example site and run through `gongkai check`
and the build as editors run them: the expected first message (file, line, field, fix), the same
problems from both, every line Chinese, no traceback, and the previous site/ untouched."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import PROJECT
from gongkai.cli import check as check_command
from gongkai.mkdocs import command

E = "content/xxgk/2026/fabuhui-fanzha-2026.md"  # an entry (目录条目)
E2 = "content/xxgk/2026/yusuan-2026.md"
OLD = "content/xxgk/2021/old.md"  # 废止, superseded by 2021-00012
NEW = "content/xxgk/2021/huji-qianyi.md"  # 11990000MB1234567A/2021-00012
WITHHELD = "content/xxgk/2025/churujing-tongji-ysq.md"  # 依申请公开, 11990000MB3456789C/2025-00900
G = "content/bszn/shenfenzheng-huanling.md"  # a guide
R = "content/ndbg/2025.md"  # an annual report
INTERPRETATION = "content/zcjd/jiedu-huji-qianyi.md"
Q = "content/qzqd/zhian.yml"  # a power list
P = "content/gongkai-zhinan.md"  # a plain page
HOME = "content/index.md"
CATALOGUE, MKDOCS = "catalogue.yml", "mkdocs.yml"
TODAY = "2026-12-07"  # the date the cases are checked on (the example's entries are older)
BODY = "6月12日，示例市公安局召开新闻发布会"  # the first sentence of E's body, on line 14

Edit = Callable[[str], str]


def sub(old: str, new: str, count: int = 1) -> Edit:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, count)
    return edit


def chain(*edits: Edit) -> Edit:
    def edit(text: str) -> str:
        for one in edits:
            text = one(text)
        return text
    return edit


def body(extra: str) -> Edit:
    return sub(BODY, f"{BODY}{extra}")


@dataclass(frozen=True)
class Case:
    name: str
    edits: dict[str, Edit | str | bytes | None]  # a path's edit, its new content, or None to delete it
    first: str  # how the first problem begins (file, line, message)
    also: tuple[str, ...] = ()  # other problems that must be reported with it
    warning: bool = False  # only a warning: the strict build still refuses it
    links: dict[str, str] = field(default_factory=dict)  # symbolic links to make: path -> target


CASES = [
    # The front matter, as YAML
    Case("全角冒号", {E: sub("title: ", "title：")},
         f"{E} 第 2 行：元数据格式错误：字段 title 后面用了中文全角冒号“：”"),
    Case("冒号后没有空格", {E: sub("source: 示例市", "source:示例市")},
         f"{E} 第 11 行：这一行「source:示例市公安局新闻宣传和政务公开处」缺少“英文冒号+空格”"),
    Case("Tab 缩进", {E: sub("keywords:", "\tkeywords:")}, f"{E} 第 9 行：这一行用了 Tab 键（制表符）"),
    Case("值中有冒号加空格", {E: sub("title: 示例市公安局打击", "title: 示例市公安局: 打击")},
         f"{E} 第 2 行：字段「标题」（title）的值中有“英文冒号+空格”"),
    Case("值以方括号开头", {E: sub("source: 示例市", "doc_no: [2026]3号\nsource: 示例市")},
         f"{E} 第 11 行：字段「文号」（doc_no）的值以「[」开头，但括号或引号之后还有文字。"),
    Case("列表缺右括号", {E: sub("电信网络诈骗]", "电信网络诈骗")},
         f"{E} 第 9 行：字段「主题词」（keywords）的值以「[」开头，YAML 把它当成了括号列表，但括号没有正确结束。"),
    Case("值以百分号开头", {E: sub("summary: 通报", "summary: %通报")},
         f"{E} 第 10 行：字段「内容概述」（summary）的值以「%」开头，YAML 不允许值以 @ ` % * & ! 等符号开头。"),
    Case("值以星号开头", {E: sub("summary: 通报", "summary: *通报")},
         f"{E} 第 10 行：字段「内容概述」（summary）的值以「*」开头"),
    Case("引号没有配对", {E: sub("summary: 通报", "summary: \"通报")},
         f"{E} 第 10 行：字段「内容概述」（summary）的值开头的引号没有配对的结束引号"),
    Case("引号之后还有文字", {E: sub("title: 示例市公安局打击", "title: \"示例市公安局\"打击")},
         f"{E} 第 2 行：字段「标题」（title）的值以「\"」开头，但括号或引号之后还有文字。"),
    Case("字段写了两次", {E: sub("date: 2026-06-12", "date: 2026-06-12\ndate: 2026-06-13")},
         f"{E} 第 7 行：字段「发布日期」（date）写了两次"),
    Case("缩进不齐", {E: sub("source:", "  source:")}, f"{E} 第 11 行：这一行的缩进比上一行多"),
    Case("井号被当作注释", {E: sub("source: 示例市公安局", "source: 示例市公安局 #1")},
         f"{E} 第 11 行：元数据中「#1新闻宣传和政务公开处」会被当作注释丢掉（YAML 中空格后的 # 表示注释），字段 source 的值只剩「示例市公安局」。"),
    Case("缺少元数据", {E: sub("---\ntitle", "title")}, f"{E} 第 1 行：缺少元数据"),
    Case("GBK 编码", {E: Path(PROJECT / E).read_text(encoding="utf-8").encode("gbk")}, f"{E} 第 2 行：文件不是 UTF-8 编码"),
    Case("看不见的字符", {E: sub("disclosure: 主动公开", "disclosure: 主动公开\u200b")},
         f"{E} 第 7 行：字段「公开属性」（disclosure）的值中有看不见的字符（U+200B）"),
    # Fields
    Case("缺少标题", {E: sub("title: 示例市公安局打击治理电信网络诈骗工作新闻发布会\n", "")},
         f"{E} 第 11 行：缺少必填字段「标题」（title）。"),
    Case("标题为空", {E: sub("title: 示例市公安局打击治理电信网络诈骗工作新闻发布会", "title:")},
         f"{E} 第 2 行：必填字段「标题」（title）没有填写。请在“title:”后面填写。"),
    Case("日期不存在", {E: sub("date: 2026-06-12", "date: 2026-13-12")}, f"{E} 第 6 行：字段「发布日期」（date）的值「2026-13-12」不是有效日期"),
    Case("日期用斜杠", {E: sub("date: 2026-06-12", "date: 2026/06/12")}, f"{E} 第 6 行：字段「发布日期」（date）的值「2026/06/12」不是有效日期"),
    Case("日期用全角横线", {E: sub("date: 2026-06-12", "date: 2026－06－12")},
         f"{E} 第 6 行：字段「发布日期」（date）的值「2026－06－12」不是有效日期", ("「－」（U+FF0D，应为“-”）",)),
    Case("发布日期在未来", {E: sub("date: 2026-06-12", "date: 2042-01-01")}, f"{E} 第 6 行：发布日期（2042-01-01）晚于今天（{TODAY}）"),
    Case("成文晚于发布", {E: sub("date: 2026-06-12", "written: 2026-06-20\ndate: 2026-06-12")},
         f"{E} 第 6 行：成文日期（2026-06-20）晚于发布日期（2026-06-12）"),
    Case("分类写错", {E: sub("category: 新闻发布", "category: 新闻发布会")},
         f"{E} 第 4 行：字段「主题分类」（category）的值「新闻发布会」不是 catalogue.yml 中的主题分类"),
    Case("写了一级分类", {E: sub("category: 新闻发布", "category: 工作动态")},
         f"{E} 第 4 行：字段「主题分类」（category）的值「工作动态」是一级分类"),
    Case("发布机构写错", {E: sub("publisher: 示例市公安局", "publisher: 示例市公安")},
         f"{E} 第 5 行：字段「发布机构」（publisher）的值「示例市公安」不是 catalogue.yml 中登记的发布机构"),
    Case("索引号格式错", {E: sub("2026-00019", "2026-19")}, f"{E} 第 3 行：字段「索引号」（index_no）的值「11990000MB1234567A/2026-19」不符合索引号格式"),
    Case("索引号用了全角横线", {E: sub("2026-00019", "2026－00019")},
         f"{E} 第 3 行：字段「索引号」（index_no）的值「11990000MB1234567A/2026－00019」不符合索引号格式",
         ("「－」（U+FF0D，应为“-”）",)),
    Case("索引号机构代码不符", {E: sub("11990000MB1234567A/2026", "11990000MB3456789C/2026")},
         f"{E} 第 3 行：字段「索引号」（index_no）的值「11990000MB3456789C/2026-00019」中的机构代码"),
    Case("索引号重复", {E2: sub("2026-00006", "2026-00019")}, f"{E2} 第 3 行：索引号「11990000MB1234567A/2026-00019」重复"),
    Case("公开属性写错", {E: sub("disclosure: 主动公开", "disclosure: 公开")},
         f"{E} 第 7 行：字段「公开属性」（disclosure）的值「公开」不在可选范围内"),
    Case("未知字段", {E: sub("source:", "colour: 红\nsource:")}, f"{E} 第 11 行：未知字段「colour」", warning=True),
    Case("主题词写成键值", {E: sub("keywords: [新闻发布会, 反诈, 电信网络诈骗]", "keywords: {反诈: 1}")},
         f"{E} 第 9 行：字段「主题词」（keywords）应为文字列表"),
    # Relations
    Case("废止缺替代文件", {E: sub("validity: 有效", "validity: 废止")},
         f"{E} 第 8 行：缺少必填字段「替代文件」（superseded_by）（因为「有效性」（validity）为「废止」）"),
    Case("有效却有替代文件", {E: sub("validity: 有效", "validity: 有效\nsuperseded_by: 11990000MB1234567A/2021-00012")},
         f"{E} 第 9 行：字段「替代文件」（superseded_by）与「有效性」（validity）「有效」相互矛盾"),
    Case("替代文件不存在", {OLD: sub("2021-00012", "2021-00099")},
         f"{OLD} 第 9 行：字段「替代文件」（superseded_by）引用的索引号「11990000MB1234567A/2021-00099」不存在：content/ 中没有这个索引号的条目。"
         "请核对索引号，或先添加被引用的条目。"),
    Case("替代文件索引号打错一位", {OLD: sub("2021-00012", "2021-00021")},
         f"{OLD} 第 9 行：字段「替代文件」（superseded_by）引用的索引号「11990000MB1234567A/2021-00021」不存在：content/ 中没有这个索引号的条目。"
         "是否想写：11990000MB1234567A/2021-00012、"),
    Case("替代文件是自己", {OLD: sub("superseded_by: 11990000MB1234567A/2021-00012", "superseded_by: 11990000MB1234567A/2019-00003")},
         f"{OLD} 第 9 行：字段「替代文件」（superseded_by）引用了条目自身的索引号"),
    Case("替代关系成环", {NEW: sub("validity: 有效", "validity: 废止\nsuperseded_by: 11990000MB1234567A/2019-00003")},
         f"{NEW} 第 11 行：字段「替代文件」（superseded_by）引用的「示例市公安局关于户口迁移有关问题的通知」发布于 2019-02-01，"
         "早于本文件（2021-03-15）：替代本文件的应是更新的文件。",
         (f"{NEW} 第 11 行：字段「替代文件」（superseded_by）形成了循环：「示例市公安局关于进一步放宽户口迁移政策的通知」（{NEW}） → "
          f"「示例市公安局关于户口迁移有关问题的通知」（{OLD}） → 「示例市公安局关于进一步放宽户口迁移政策的通知」（{NEW}）。",)),
    Case("替代文件不公开", {OLD: sub("superseded_by: 11990000MB1234567A/2021-00012",
                                "superseded_by: 11990000MB3456789C/2025-00900")},
         f"{OLD} 第 9 行：字段「替代文件」（superseded_by）引用的条目「11990000MB3456789C/2025-00900」不公开"),
    Case("被引用的文件本身有错", {NEW: sub("date: 2021", "date: 2021-13")},
         f"{NEW} 第 ", ("引用的「11990000MB1234567A/2021-00012」是 content/xxgk/2021/huji-qianyi.md 的索引号，那个文件本身有错误",)),
    # Attachments
    Case("附件不存在", {E: sub("source:", "attachments:\n  - file: fujian/fabuhui.pdf\n    title: 通报\nsource:")},
         f"{E} 第 12 行：字段「附件」（attachments）中的文件「fujian/fabuhui.pdf」不存在"),
    Case("附件绝对路径", {E: sub("source:", "attachments:\n  - file: /home/editor/a.pdf\n    title: 通报\nsource:")},
         f"{E} 第 12 行：字段「附件」（attachments）中的「/home/editor/a.pdf」是绝对路径"),
    Case("附件在目录外", {E: sub("source:", "attachments:\n  - file: ../../files/zhengfu-xinxi-gongkai-shenqingbiao.docx\n"
                                             "    title: 申请表\nsource:")},
         f"{E} 第 12 行：字段「附件」（attachments）中的「../../files/zhengfu-xinxi-gongkai-shenqingbiao.docx」不在"),
    Case("附件是网页", {E: sub("source:", "attachments:\n  - file: fujian/a.html\n    title: 通报\nsource:"),
                    "content/xxgk/2026/fujian/a.html": "<p>通报</p>"},
         f"{E} 第 12 行：字段「附件」（attachments）中的「fujian/a.html」不是可以发布的文件类型"),
    Case("附件没写名称", {E: sub("source:", "attachments:\n  - fujian/tongbao.pdf\nsource:"),
                     "content/xxgk/2026/fujian/tongbao.pdf": (PROJECT / "content/xxgk/2023/fujian/baoan-shenqingbiao.pdf").read_bytes()},
         f"{E} 第 12 行：字段「附件」（attachments）中的「fujian/tongbao.pdf」没有填写名称，页面上只能显示为“附件”", warning=True),
    Case("附件第二项写错", {G: sub("  - {name: 居民户口簿, form: 原件, copies: 1", "  - {name: 居民户口簿, form: 原件, copies: 一")},
         f"{G} 第 16 行：字段「申请材料」（materials）第 2 项的「份数」（copies）的值「一」应为不小于 0 的整数"),
    Case("未列为附件的文件", {"content/xxgk/2026/fujian/extra.pdf": (PROJECT / "content/xxgk/2023/fujian/baoan-shenqingbiao.pdf").read_bytes()},
         "content/xxgk/2026/fujian/extra.pdf：这个文件没有被任何条目列为附件", warning=True),
    # Redaction and personal data
    Case("主动公开却有删减标记", {E: body("[[删减]]专案名称[[/删减]]")}, f"{E} 第 14 行：正文含有删减标记 [[删减]]，但公开属性是「主动公开」"),
    Case("删减后公开没有标记", {E: sub("disclosure: 主动公开", "disclosure: 删减后公开")}, f"{E} 第 7 行：公开属性为「删减后公开」，但正文和元数据中都没有删减标记"),
    Case("删减标记没有结束", {E: chain(sub("disclosure: 主动公开", "disclosure: 删减后公开"), body("[[删减]]专案名称"))},
         f"{E} 第 14 行：正文删减标记不完整"),
    Case("删减标记用了全角括号", {E: body("【删减】专案名称【/删减】")}, f"{E} 第 14 行：正文中的「【删减】」疑似删减标记，但写法不对"),
    Case("身份证号", {E: body("，联系人身份证号110105199003074579")}, f"{E} 第 14 行：发现疑似居民身份证号码「110*************79」"),
    Case("标题中有手机号", {E: sub("新闻发布会\n", "新闻发布会（联系人13812345678）\n")}, f"{E} 第 2 行：发现疑似手机号码「138******78」"),
    Case("银行卡号", {E: body("，退款账户6222 0202 0012 3456 788")}, f"{E} 第 14 行：发现疑似银行卡号「622**************88」"),
    # HTML and the body
    Case("脚本", {E: body("<script>alert(1)</script>")}, f"{E} 第 14 行：正文中的 HTML 不安全"),
    Case("事件属性", {E: body('<span onclick="x()">点</span>')}, f"{E} 第 14 行：正文中的 HTML 不安全"),
    Case("HTML 注释", {E: body("<!-- 内部意见：暂缓 -->")}, f"{E} 第 14 行：正文中的 HTML 不安全：含有 HTML 注释"),
    Case("外站图片", {E: body('<img src="https://cdn.example.com/a.png" alt="">')}, f"{E} 第 14 行：正文中的 HTML 不安全"),
    Case("空条目", {E2: lambda text: text[:text.index("---", 4) + 4]}, f"{E2} 第 ", ("这个条目没有正文，也没有附件",), warning=True),
    Case("没换掉的提示文字", {E: body("\n\n【待填写：正文】")}, f"{E} 第 16 行：正文中还有提示文字「【待填写：正文】"),
    # Links as editors write them
    Case("链接的文件不存在", {E: body("，见[通知](lvguan.md)")},
         f"{E} 第 14 行：链接「lvguan.md」指向的文件不存在（按本文件所在目录算，应在 content/xxgk/2026/lvguan.md）。"
         "是否想写：「../../bszn/lvguan-xuke.md」、「../2020/lvguan-chufa.md」？"),
    Case("链接的附件不存在", {E: body("，见[附件](fujian/x.pdf)")}, f"{E} 第 14 行：链接「fujian/x.pdf」指向的文件不存在"),
    Case("链接到不公开的条目", {E: body("，见[统计](../2025/churujing-tongji-ysq.md)")},
         f"{E} 第 14 行：链接「../2025/churujing-tongji-ysq.md」指向的 content/xxgk/2025/churujing-tongji-ysq.md 是公开属性为「依申请公开」"),
    Case("按索引号链接不存在", {E: body("，见[通知](索引号:11990000MB1234567A/2026-00999)")},
         f"{E} 第 14 行：链接「索引号:11990000MB1234567A/2026-00999」中的索引号不存在"),
    Case("按索引号链接到不公开的条目", {E: body("，见[统计](索引号：11990000MB3456789C/2025-00900)")},
         f"{E} 第 14 行：链接「索引号:11990000MB3456789C/2025-00900」指向的条目是公开属性为「依申请公开」"),
    Case("链接的锚点不存在", {E: body("，见[通知](../2021/huji-qianyi.md#meiyou)")},
         f"{E} 第 14 行：链接「../2021/huji-qianyi.md#meiyou」中的锚点「#meiyou」在目标页面上不存在"),
    Case("链接用了反斜杠", {E: body("，见[通知](..\\2021\\huji-qianyi.md)")}, f"{E} 第 14 行：链接「..\\2021\\huji-qianyi.md」中用了反斜杠"),
    Case("链接到未列为附件的文件", {E: body("，见[表](fujian/extra.pdf)"),
                          "content/xxgk/2026/fujian/extra.pdf": (PROJECT / "content/xxgk/2023/fujian/baoan-shenqingbiao.pdf").read_bytes()},
         "content/xxgk/2026/fujian/extra.pdf：这个文件没有被任何条目列为附件",
         (f"{E} 第 14 行：链接「fujian/extra.pdf」指向的 content/xxgk/2026/fujian/extra.pdf 不会发布",)),
    Case("链接到另一条目的附件", {E: body("，见[表](../2023/fujian/baoan-shenqingbiao.pdf)"), E2: lambda text: f"{text}\n见[表](nothing.md)\n"},
         f"{E2} 第 ", ("链接「nothing.md」指向的文件不存在",)),  # the attachment is published: only the other link is wrong
    Case("站内绝对地址不存在", {E: body("，见[目录](/xxgk/meiyou/)")}, f"{E} 第 14 行：链接「/xxgk/meiyou/」指向的网址在本网站中不存在"),
    Case("普通页面的链接", {P: sub("(mulu/index.md)", "(mulu/indx.md)")},
         f"{P} 第 17 行：链接「mulu/indx.md」指向的文件不存在"),
    Case("链接文字跨行且目标不存在", {E: body("，详见[示例市公安局关于规范旅馆业\n住宿登记的通知](../2022/lvguan.md)")},
         f"{E} 第 15 行：链接「../2022/lvguan.md」指向的文件不存在"),
    Case("图片链接中的目标不存在", {E: body("[![缩略图](fujian/tu.png)](fujian/tu.png)")}, f"{E} 第 14 行：链接「fujian/tu.png」指向的文件不存在"),
    Case("本页锚点不存在", {E: body("，见[高发类型](#gaofa)")},
         f"{E} 第 14 行：链接「#gaofa」中的锚点「#gaofa」在目标页面上不存在。目标页面上的锚点有：#一工作成效"),
    Case("视频指向不存在的文件", {E: body('<video controls src="fujian/shipin.mp4"></video>')}, f"{E} 第 14 行：链接「fujian/shipin.mp4」指向的文件不存在"),
    Case("HTML 块中的链接", {E: body("\n\n<details>\n\n详见[通知](../2022/lvguan-dengji-guifan.md)。\n\n</details>")},
         f"{E} 第 18 行：正文中的链接「[通知]」在页面上显示为文字，没有成为链接：它写在 HTML 标签"),
    Case("全角括号的链接", {E: body("，详见[通知]（../2022/lvguan-dengji-guifan.md）")},
         f"{E} 第 14 行：正文中的链接「[通知]」在页面上显示为文字，没有成为链接：链接须全部用英文半角的方括号和圆括号"),
    Case("链接到文件夹", {E: body("，见[2022年](../2022/)")}, f"{E} 第 14 行：链接「../2022/」指向的是文件夹 content/xxgk/2022/"),
    Case("链接到 content 之外", {E: body("，见[设置](../../../catalogue.yml)")}, f"{E} 第 14 行：链接「../../../catalogue.yml」指向 content/ 目录之外的文件"),
    Case("电子邮箱少了 mailto", {E: body("，邮箱[gk@example.gov.cn](gk@example.gov.cn)")},
         f"{E} 第 14 行：链接「gk@example.gov.cn」不是本网站中的文件。如果这是电子邮箱，请写成 mailto:gk@example.gov.cn。"),
    Case("字段值中的链接", {E: sub("summary: 通报", "summary: 详见[通知](../2022/lvguan-dengji-guifan.md)。通报")},
         f"{E} 第 10 行：字段「内容概述」（summary）中的「[通知](../2022/lvguan-dengji-guifan.md)」不会成为链接", warning=True),
    Case("花括号中的值有冒号", {G: sub("  - {name: 居民户口簿, form: 原件", "  - {name: 居民户口簿: 首页, form: 原件")},
         f"{G} 第 16 行：这一项写在花括号 {{…}} 中"),
    Case("花括号中用了全角冒号", {G: sub("  - {name: 居民户口簿, form: 原件", "  - {name：居民户口簿, form: 原件")},
         f"{G} 第 16 行：元数据格式错误：字段 name 后面用了中文全角冒号“：”"),
    Case("一行写了两个字段", {E: sub("source:", "attachments:\n  - file: fujian/a.pdf title: 申请表\nsource:")},
         f"{E} 第 12 行：这一行写了两个字段（file 和 title）"),
    Case("列表项用了全角减号", {G: sub("steps:\n  - 到户籍窗口取号", "steps:\n  － 到户籍窗口取号")},
         f"{G} 第 18 行：字段「办理流程」（steps）应为列表，每项一行，以英文半角减号加一个空格（“- ”）开头"),
    Case("冒号后是全角空格", {E: sub("summary: 通报", "summary:\u3000通报")}, f"{E} 第 10 行：这一行冒号后面是全角空格或其他特殊空格（U+3000）"),
    Case("元数据用破折号结束", {E: sub("\n---\n\n6月12日", "\n———\n\n6月12日")}, f"{E} 第 12 行：这一行的「———」不是三个英文减号"),
    Case("统计表用了中文逗号", {R: sub("new: [19, 3, 0, 1, 0, 0, 23]", "new: [19，3，0，1，0，0，23]")},
         f"{R} 第 19 行：字段「统计表」（tables）：表二（收到和处理政府信息公开申请情况）「一、本年新收政府信息公开申请数量」（new）应为 7 个数的列表",
         ("（数字之间用了中文逗号“，”，须用英文逗号“,”）",)),
    Case("字段名写成中文", {E: sub("source:", "信息来源:")}, f"{E} 第 11 行：未知字段「信息来源」：公开文件没有这个字段，它将被忽略。是不是想写 source（信息来源）？",
         warning=True),
    Case("撤回日期在未来", {E: sub("source:", "withdrawn: 2042-01-01\nsource:")}, f"{E} 第 11 行：撤回日期（2042-01-01）晚于今天"),
    Case("撤回早于发布", {E: sub("source:", "withdrawn: 2026-01-01\nsource:")}, f"{E} 第 11 行：撤回日期（2026-01-01）早于发布日期（2026-06-12）"),
    Case("替代文件是办事指南", {OLD: sub("superseded_by: 11990000MB1234567A/2021-00012", "superseded_by: 11990000MB1234567A/2023-00503")},
         f"{OLD} 第 9 行：字段「替代文件」（superseded_by）引用的「居民身份证换领、补领」是办事指南，这里应引用公开文件。"),
    Case("与生成的目录页同名", {"content/mulu/index.md": "# 我的目录\n"}, "content/mulu/index.md：网站会在这个位置自动生成页面"),
    Case("Windows 缩略图文件", {"content/files/Thumbs.db": b"\x00\x01"}, "content/files/Thumbs.db：这是 Windows 或 Office 自动生成的临时文件"),
    Case("Word 的锁定文件", {"content/xxgk/2026/fujian/~$tongzhi.docx": b"\x00\x01"},
         "content/xxgk/2026/fujian/~$tongzhi.docx：这是 Windows 或 Office 自动生成的临时文件"),
    Case("mkdocs.yml 的值有冒号", {MKDOCS: sub("site_name: 示例市公安局政府信息公开", "site_name: 示例市公安局: 政府信息公开")},
         f"{MKDOCS} 第 1 行：字段 site_name 的值中有“英文冒号+空格”"),
    Case("mkdocs.yml 的设置名写错", {MKDOCS: sub("site_url:", "site_urls:")}, f"{MKDOCS}：设置 site_urls：不认识这个设置名"),
    Case("catalogue.yml 的段名写错", {CATALOGUE: sub("\ngate:", "\ngates:")}, f"{CATALOGUE} 第 "),
    # Files
    Case("扩展名大写", {E2: None, E2.replace(".md", ".MD"): (PROJECT / E2).read_text(encoding="utf-8")},
         "content/xxgk/2026/yusuan-2026.MD：文件扩展名「.MD」须写成小写「.md」"),
    Case("与生成文件重名", {"content/catalogue.csv": "a,b\n"}, "content/catalogue.csv：网站会在这个位置自动生成"),
    Case("符号链接", {}, "content/xxgk/2026/link.md：content/ 中不能使用符号链接", links={"content/xxgk/2026/link.md": "yusuan-2026.md"}),
    Case("曾用网址有空格", {E: sub("source:", "previous_urls: [\"old page/1.html\"]\nsource:")},
         f"{E} 第 11 行：字段「曾用网址」（previous_urls）中的「old page/1.html」"),
    Case("曾用网址是现有页面", {E: sub("source:", "previous_urls: [mulu/]\nsource:")},
         f"{E} 第 11 行：字段「曾用网址」（previous_urls）中的「mulu/」是本网站现有页面或文件的网址"),
    Case("撤回日期写错", {E: sub("source:", "withdrawn: 昨天\nsource:")}, f"{E} 第 11 行：字段「撤回日期」（withdrawn）的值「昨天」不是有效日期"),
    # Guides
    Case("材料缺名称", {G: sub("  - {name: 原居民身份证", "  - {nam: 原居民身份证")},
         f"{G} 第 15 行：字段「申请材料」（materials）第 1 项缺少「材料名称」（name）。"),
    Case("办理流程写成键值", {G: sub("steps:\n  - 到户籍窗口取号", "steps:\n  - 第一步: 到户籍窗口取号")},
         f"{G} 第 19 行：字段「办理流程」（steps）第 1 项「第一步: 到户籍窗口取号，或通过网上服务平台预约办理时段」中有“英文冒号+空格”"),
    Case("到现场次数写成文字", {G: sub("visits: 1", "visits: 一次")}, f"{G} 第 31 行：字段「到现场次数」（visits）的值「一次」应为不小于 0 的整数"),
    Case("网上办理入口不是网址", {G: sub("online: https://", "online: ")}, f"{G} 第 32 行：字段「网上办理入口」（online）的值"),
    Case("服务对象不在词表", {G: sub("audience: [个人]", "audience: [群众]")}, f"{G} 第 9 行：字段「服务对象」（audience）中的「群众」不在可选范围内"),
    Case("常见问题缺解答", {G: sub("    a: 可以。办理时选择邮寄送达", "    answer: 可以。办理时选择邮寄送达")},
         f"{G} 第 34 行：字段「常见问题」（faq）第 1 项缺少「解答」（a）。"),
    # Annual reports
    Case("表二总计对不上", {R: sub("new: [19, 3, 0, 1, 0, 0, 23]", "new: [19, 3, 0, 1, 0, 0, 24]")},
         f"{R} 第 19 行：字段「统计表」（tables）：表二「一、本年新收政府信息公开申请数量」行：总计列为 24"),
    Case("表二未知的行", {R: sub("    carried_in:", "    carried_in_x: [0, 0, 0, 0, 0, 0, 0]\n    carried_in:")},
         f"{R} 第 20 行：字段「统计表」（tables）：表二（收到和处理政府信息公开申请情况）有未知的行「carried_in_x」"),
    Case("表一个数不对", {R: sub("rules: [0, 0, 0]", "rules: [0, 0]")}, f"{R} 第 12 行：字段「统计表」（tables）：表一（主动公开政府信息情况）「规章」（rules）应有 3 个数"),
    Case("报告年度不早于发布", {R: sub("year: 2025", "year: 2026")}, f"{R} 第 6 行：报告年度（2026）应早于发布日期"),
    Case("报告格式写错", {R: sub('edition: "2021"', 'edition: "2020"')}, f"{R} 第 7 行：字段「报告格式」（edition）的值「2020」不在可选范围内"),
    Case("报告写了第二节", {R: sub("## 一、总体情况", "## 二、主动公开政府信息情况\n\n## 一、总体情况")}, f"{R} 第 "),
    # Interpretations and the power list
    Case("解读引用了办事指南", {INTERPRETATION: sub("policy: 11990000MB1234567A/2021-00012", "policy: 11990000MB1234567A/2023-00503")},
         f"{INTERPRETATION} 第 8 行：字段「解读的政策」（policy）引用的「居民身份证换领、补领」是办事指南"),
    Case("权责清单缺字段", {Q: sub("    remedy: 对不予受理或者不予许可决定不服的", "    remedies: 对不予受理或者不予许可决定不服的")},
         f"{Q} 第 3 行：第 1 项缺少「救济途径」（remedy）。"),
    Case("权责清单类型写错", {Q: sub("    type: 行政许可", "    type: 审批")}, f"{Q} 第 5 行：第 1 项的「类型」（type）的值「审批」不在可选范围内"),
    Case("权责清单 YAML 错误", {Q: sub("    name: 旅馆业特种行业许可证核发", "    name: 旅馆业: 许可")},
         f"{Q} 第 4 行：字段 name 的值中有“英文冒号+空格”"),
    # Plain pages and the home page
    Case("普通页面设了公开属性", {P: "---\ndisclosure: 依申请公开\n---\n\n# 指南\n"}, f"{P}"),
    Case("普通页面有身份证号", {P: sub("编制本指南。", "编制本指南。联系人身份证号110105199003074579。")},
         f"{P} 第 8 行：发现疑似居民身份证号码「110*************79」。公开内容不得含有公民个人信息：请删除。"),
    Case("普通页面不安全的 HTML", {P: sub("编制本指南。", "编制本指南。<script>x()</script>")}, f"{P} 第 8 行：正文中的 HTML 不安全"),
    Case("普通页面用了目录模板", {P: "---\ntemplate: directory.html\n---\n\n# 指南\n"}, f"{P}"),
    Case("首页入口缺链接", {HOME: sub("{title: 政府信息公开制度, link: gongkai-zhidu.md,", "{title: 政府信息公开制度,")},
         f"{HOME} 第 7 行：首页「portal」第 2 项：须写成 {{title: 名称, link: 页面文件, note: 说明}}，title 和 link 必填。"),
    Case("首页入口的页面不存在", {HOME: sub("link: gongkai-zhidu.md", "link: gongkai-zhidu2.md")},
         f"{HOME} 第 7 行：首页「portal」第 2 项：链接「gongkai-zhidu2.md」指向的文件不存在（按本文件所在目录算，应在 content/gongkai-zhidu2.md）。"
         "是否想写：「gongkai-zhidu.md」"),
    # catalogue.yml and mkdocs.yml
    Case("网站标识码不是 10 位", {CATALOGUE: sub('id_code: "1199000001"', 'id_code: "11990001"')}, f"{CATALOGUE} 第 "),
    Case("机构代码格式错", {CATALOGUE: sub('code: "11990000MB1234567A"', 'code: "1199"')}, f"{CATALOGUE} 第 "),
    Case("catalogue.yml 的 YAML 错误", {CATALOGUE: sub("site:\n", "site:\n\tsponsor: x\n")}, f"{CATALOGUE} 第 "),
    Case("更新周期写错", {CATALOGUE: sub("freshness: 2w", "freshness: 两周")}, f"{CATALOGUE} 第 "),
    Case("导航中的页面不存在", {MKDOCS: sub("markdown_extensions:", "nav:\n  - 首页: index.md\n  - 指南: zhinan.md\n\nmarkdown_extensions:")},
         "mkdocs.yml 的 nav 中列出的「zhinan.md」在 content/ 中不存在"),
    Case("网站名称中有手机号", {MKDOCS: sub("site_description: ", "site_description: 咨询13812345678 ")},
         f"{MKDOCS} 第 2 行：发现疑似手机号码「138******78」"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the example site, built once: every case must leave that site/ as it was."""
    root = tmp_path_factory.mktemp("mistakes")
    for part in ("content", "overrides", "catalogue.yml", "mkdocs.yml"):
        (shutil.copytree if (PROJECT / part).is_dir() else shutil.copy)(PROJECT / part, root / part)
    os.environ["GONGKAI_TODAY"] = TODAY
    assert command.build(root, root / "site", strict=True) == 0
    yield root
    os.environ.pop("GONGKAI_TODAY", None)


def snapshot(site: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(site)): (p.stat().st_size, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


def apply(root: Path, case: Case) -> dict[Path, bytes | None]:
    """The case's edits made, and what each path held before."""
    before: dict[Path, bytes | None] = {}
    for rel, edit in case.edits.items():
        path = root / rel
        before[path] = path.read_bytes() if path.exists() else None
        if edit is None:
            path.unlink()
        elif isinstance(edit, (str, bytes)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(edit.encode("utf-8") if isinstance(edit, str) else edit)
        else:
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    for rel, target in case.links.items():
        before[root / rel] = None
        (root / rel).symlink_to(target)
    return before


def restore(before: dict[Path, bytes | None]) -> None:
    for path, data in before.items():
        if path.is_symlink() or path.exists():
            path.unlink()
        if data is not None:
            path.write_bytes(data)


def said(lines: list[str]) -> list[str]:
    """The problems a command printed: `gongkai check`'s 错误：/警告： lines, the build's listed errors and warnings."""
    found = []
    for line in lines:
        for prefix in ("错误：", "警告：", "  - "):
            if line.startswith(prefix) and not line.startswith(("错误：内容检查发现", "警告：严格模式")):
                found.append(line.removeprefix(prefix))
    return sorted(set(found))  # the build lists MkDocs' warnings again among the errors they became


def chinese(lines: list[str]) -> None:
    """Every line an editor reads is Chinese: no English sentence, no traceback."""
    for line in lines:
        assert re.search(r"[\u4e00-\u9fff]", line), line
        assert not re.search(r"Traceback|Error|Abort|WARNING|ERROR|[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+", line), line


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_and_build_report_the_same_mistake(project: Path, case: Case, capsys: pytest.CaptureFixture[str]) -> None:
    site_before = snapshot(project / "site")
    before = apply(project, case)
    try:
        capsys.readouterr()
        checked = check_command.run(project, None, "text")
        check_out = capsys.readouterr()
        built = command.main(project, None, strict=True)
        build_out = capsys.readouterr()
    finally:
        restore(before)
    check_lines = [line for line in (check_out.out + check_out.err).splitlines() if line.strip()]
    build_lines = [line for line in (build_out.out + build_out.err).splitlines() if line.strip()]
    problems = said(check_out.out.splitlines())
    assert checked == 1 and built == 1, check_out.out + build_out.err
    assert check_out.out.splitlines()[0].split("：", 1)[1].startswith(case.first), check_out.out
    for text in case.also:
        assert text in check_out.out, check_out.out
    assert problems == said(build_out.err.splitlines()), build_out.err
    assert all(line.startswith("警告：") for line in check_out.out.splitlines()) == case.warning
    chinese(check_lines + build_lines)
    assert snapshot(project / "site") == site_before


def test_there_are_at_least_eighty_cases() -> None:
    assert len(CASES) >= 80
    assert len({c.name for c in CASES}) == len(CASES)


def test_a_publisher_code_that_looks_like_an_id_number_is_not_one(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A code registered in catalogue.yml repeats in every 索引号 of its publisher: never a personal number."""
    code = "110105199003074579"  # a valid ID number's form, used as an organisation's code
    extra = {CATALOGUE: sub("publishers:\n", f"publishers:\n  - {{name: 示例市公安局东城分局, code: \"{code}\"}}\n"),
             "content/xxgk/2026/dongcheng.md": (PROJECT / E).read_text(encoding="utf-8").replace(
                 "11990000MB1234567A/2026-00019", f"{code}/2026-00001").replace("publisher: 示例市公安局", "publisher: 示例市公安局东城分局")}
    before = apply(project, Case("", extra, ""))
    try:
        capsys.readouterr()
        assert check_command.run(project, None, "text") == 0, capsys.readouterr().out
    finally:
        restore(before)
