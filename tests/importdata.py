"""Sources for the import tests, made at test time and always the same: an old portal's catalogue export
(214 rows, as XLSX and as GB18030 CSV, mixed date formats, HTML bodies with tables, attachments named
in a folder, a few bad rows), and a folder of 26 saved article pages in two portal layouts (a
provincial platform's `<table class="xxgk">`, a city CMS's `<div class="info">` line saved as GB2312,
with its page_files/ folder), with the import.yml a migrating engineer would write for each.

The facts are those of the seed reports (a city bureau's 2,600 items a year, 531 questions, 索引号
719776475-GK-2016-91826, dates like 2016-03-09 11:09); the sentences are ours. No row carries a
personal number but the one that tests the scanner.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import openpyxl

from conftest import pdf
from gongkai.core.personal import id_check_digit_ok

OLD_ORG = "719776475"  # the old platform's organisation code, in every old 索引号
OLD_SITE = "http://gaj.example.gov.cn/"
HEADERS = ["索引号", "标题", "发布机构", "主题分类", "文号", "成文日期", "发布日期", "有效性", "公开属性", "主题词", "内容概述",
           "正文", "附件", "原网址"]
# The old portal's names and the catalogue's (import.yml's values maps them).
OLD_CATEGORIES = {"警务动态": "工作要闻", "通知公告": "通知公告", "户政管理": "户籍管理", "交警业务": "交通管理",
                  "出入境业务": "出入境管理", "行政许可公示": "行政许可", "行政处罚公示": "行政处罚", "财务公开": "部门预决算",
                  "便民服务": "便民服务", "警务辅助人员招录": "警务辅助人员招录"}
OLD_PUBLISHERS = {"示例市公安局": "示例市公安局", "示例市公安局交警支队": "示例市公安局交通警察支队",
                  "市局出入境管理支队": "示例市公安局出入境管理支队", "市局治安支队": "示例市公安局治安管理支队"}
PUBLISHER_CODES = {"示例市公安局": "11990000MB1234567A", "示例市公安局交通警察支队": "11990000MB2345678B",
                   "示例市公安局出入境管理支队": "11990000MB3456789C", "示例市公安局治安管理支队": "11990000MB4567890D"}
SUBJECTS = ["户口迁移", "居民身份证换领", "机动车登记", "春运道路交通安全", "出入境证件办理", "烟花爆竹燃放管理",
            "反电信网络诈骗宣传", "警务辅助人员招录", "部门预算公开", "旅馆业治安管理", "校园周边安全", "网上办事大厅"]
KINDS = ["通知", "通告", "公示", "工作方案", "情况通报", "答复"]
SENTENCES = [
    "为进一步做好{s}工作，方便群众办事，结合本市实际，现将有关事项{k}如下。",
    "各分局、各派出所要严格落实{s}有关规定，做到依法、公开、便民。",
    "群众办理{s}业务，可登录网上办事大厅，也可到就近的派出所窗口办理。",
    "全年共受理群众咨询531件，答复519件，按时办结率达到百分之百。",
    "全年主动公开政府信息2600条，其中{s}相关信息均在本网站公开。",
]
BAD_ID = "110101199003070000"  # fixed below to carry a valid check digit: the one personal number here


def personal_number() -> str:
    """An 18-digit number with a valid check digit, for the one row that tests the scanner."""
    return next(BAD_ID[:17] + c for c in "0123456789X" if id_check_digit_ok(BAD_ID[:17] + c))


def rows(count: int = 214) -> list[dict[str, object]]:
    """The export's rows, header excluded; rows 9, 27, 45, 63, 81, 99, 117 (sheet numbering) are bad."""
    rng = random.Random(28)
    out = [_row(n, rng) for n in range(count)]
    _spoil(out)
    return out


def _row(n: int, rng: random.Random) -> dict[str, object]:
    year = 2016 + n % 4
    when = dt.datetime(year, 1 + n % 12, 1 + n % 28, 9 + n % 8, n % 60)
    old_category = list(OLD_CATEGORIES)[n % len(OLD_CATEGORIES)]
    old_publisher = list(OLD_PUBLISHERS)[n % len(OLD_PUBLISHERS)]
    subject, kind = SUBJECTS[n % len(SUBJECTS)], KINDS[n % len(KINDS)]
    dates: list[object] = [when, when.strftime("%Y-%m-%d %H:%M"), f"{year}年{when.month}月{when.day}日", f"{year}/{when.month}/{when.day}"]
    disclosure = ["主动公开"] * 8 + ["", "依申请公开"]
    return {
        "索引号": f"{OLD_ORG}-GK-{year}-{10000 + n:05d}",
        "标题": f"示例市公安局关于{subject}的{kind}（{year}年第{n + 1}期）",
        "发布机构": old_publisher, "主题分类": old_category,
        "文号": f"示公通〔{year}〕{n + 1}号" if n % 3 == 0 else "",
        "成文日期": (when - dt.timedelta(days=3)).strftime("%Y年%m月%d日") if n % 2 else "",
        "发布日期": dates[n % len(dates)],
        "有效性": "有效" if n % 7 else "失效",
        "公开属性": disclosure[n % len(disclosure)],
        "主题词": f"{subject} {kind}",
        "内容概述": f"关于{subject}的{kind}。",
        "正文": _body(n, subject, kind, rng),
        "附件": f"{subject}办理须知|xuzhi-{n:03d}.pdf" if n % 5 == 0 else "",
        "原网址": _address(n, when),
    }


def _body(n: int, subject: str, kind: str, rng: random.Random) -> str:
    paragraphs = [rng.choice(SENTENCES).format(s=subject, k=kind) for _ in range(3)]
    if n % 4 == 3:
        return "\n".join(paragraphs)  # plain text, a paragraph a line
    html = "".join(f"<p style=\"text-indent:2em\">\u3000\u3000{p}</p>" for p in paragraphs)
    if n % 4 == 1:
        html += ("<table border=\"1\"><tr><td>项目</td><td>数量</td></tr><tr><td>受理咨询</td><td>531</td></tr>"
                 f"<tr><td>答复</td><td>519</td></tr><tr><td>{subject}</td><td>{n}</td></tr></table>")
    if n % 10 == 2:
        html += "<p>本報(bào)告由市局政務(wù)公開(kāi)辦公室負(fù)責(zé)解釋。</p><p>\u3000</p><p><br></p>"
    return html


def _address(n: int, when: dt.datetime) -> str:
    if n % 50 == 7:
        return f"{OLD_SITE}jsp/show.jsp?id={n}"  # cannot be redirected
    if n % 50 == 13:
        return f"{OLD_SITE}新闻/{when.year}/{when.month}/art_1229_{n}.html"
    if n % 50 == 19:  # a Java server's session in the address, and a second address after a semicolon
        return f"{OLD_SITE}art/{when.year}/{when.month}/{when.day}/art_1229_{n}.html;jsessionid=A1B2;{OLD_SITE}b/{n}.html"
    return f"{OLD_SITE}art/{when.year}/{when.month}/{when.day}/art_1229_{n}.html"


def _spoil(out: list[dict[str, object]]) -> None:
    """The bad rows: each fails for one reason the report must name (row = index + 2); those the export holds."""
    spoil = {7: {"发布日期": "2016-13-45"}, 25: {"标题": ""}, 43: {"主题分类": "不存在的栏目"},
             61: {"正文": f"<p>当事人居民身份证号码{personal_number()}，已依法处理。</p>"}, 79: {"附件": "不存在的附件.pdf"},
             115: {"索引号": "ABC-123"}, 130: {"公开属性": "不予公开"}, 131: {"公开属性": "删减后公开"}}
    if len(out) > 97:
        spoil[97] = {"索引号": out[96]["索引号"], "发布机构": out[96]["发布机构"]}
    for index, changes in spoil.items():
        if index < len(out):
            out[index].update(changes)


def existing_clash(out: list[dict[str, object]]) -> None:
    """Row 152 takes the 索引号 of an entry the example site already has (11990000MB1234567A/2021-00012)."""
    out[150].update({"索引号": f"{OLD_ORG}-GK-2021-00012", "发布机构": "示例市公安局"})
    out[150]["发布日期"] = "2021-03-15"


def write_attachments(folder: Path, data: list[dict[str, object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for row in data:
        for item in str(row["附件"]).split("；"):
            name = item.rpartition("|")[2]
            if name.startswith("xuzhi"):
                (folder / name).write_bytes(pdf("Notice"))


def write_xlsx(path: Path, data: list[dict[str, object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "信息公开目录"
    sheet.append(HEADERS)
    for row in data:
        sheet.append([row[h] for h in HEADERS])
    book.save(path)


def write_csv(path: Path, data: list[dict[str, object]], encoding: str = "gb18030") -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in data:
        writer.writerow([_as_text(row[h]) for h in HEADERS])
    path.write_bytes(out.getvalue().encode(encoding))


def _as_text(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, dt.datetime) else str(value)


def write_ods(path: Path, data: list[list[str]]) -> None:
    """A minimal OpenDocument spreadsheet, as LibreOffice would save its cells."""
    cells = "".join("<table:table-row>" + "".join(f'<table:table-cell office:value-type="string"><text:p>{v}</text:p>'
                                                  "</table:table-cell>" for v in row) + "</table:table-row>" for row in data)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="目录">{cells}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)


TABLE_MAPPING = f"""\
# 导入设置（测试用）
type: entry
columns:
  索引号: index_no
  标题: title
  发布机构: publisher
  主题分类: category
  文号: doc_no
  成文日期: written
  发布日期: date
  有效性: validity
  公开属性: disclosure
  主题词: keywords
  内容概述: summary
  正文: body
  附件: attachments
  原网址: previous_urls
values:
  category:
{chr(10).join(f'    {old}: {new}' for old, new in OLD_CATEGORIES.items())}
  publisher:
{chr(10).join(f'    {old}: {new}' for old, new in OLD_PUBLISHERS.items())}
index_number:
  pattern: "{{org}}-GK-{{year}}-{{seq:5}}"
attachments: 附件
old_site: {OLD_SITE}
on_error: skip
"""


# --- saved pages ---------------------------------------------------------------------------------

PAGE_TOPICS = ["交通安全宣传月活动", "出入境证件办理提速", "户籍窗口延时服务", "冬季消防安全检查", "校园周边治安整治",
               "反诈骗宣传进社区", "节日期间道路交通管制", "警营开放日", "旅馆业治安检查", "流动人口服务站启用",
               "警务辅助人员体检安排", "网上办事大厅升级"]


def write_pages(folder: Path) -> list[dict[str, str]]:
    """12 pages of each layout, a broken one (no 发布日期) and a list page; returns what each good page says."""
    folder.mkdir(parents=True, exist_ok=True)
    said = []
    for n in range(24):
        page = _page_facts(n)
        said.append(page)
        if n % 2 == 0:
            _platform_page(folder / "sheng" / f"art_{n}.html", page)
        else:
            _city_page(folder / "shi" / f"t2018_{n}.html", page)
    broken = {**_page_facts(40), "date": ""}
    _city_page(folder / "shi" / "t2018_broken.html", broken)
    (folder / "index.html").write_text("<html><head><title>信息公开</title></head><body><ul><li><a href='sheng/art_0.html'>"
                                       "一篇文章</a></li></ul></body></html>", encoding="utf-8")
    return said


def _page_facts(n: int) -> dict[str, str]:
    year = 2018 + n % 2
    day = dt.date(year, 1 + n % 12, 3 + n % 20)
    topic = PAGE_TOPICS[n % len(PAGE_TOPICS)]
    return {"n": str(n), "title": f"示例市公安局{topic}（{year}）", "index": f"{OLD_ORG}-GK-{year}-{20000 + n:05d}",
            "date": day.isoformat(), "written": f"{year}年{day.month}月{day.day}日", "topic": topic,
            "address": f"{OLD_SITE}art/{year}/{day.month}/{day.day}/art_2001_{n}.html"}


def _platform_page(path: Path, page: dict[str, str]) -> None:
    """A provincial platform's article page: an xxgk table above the text, UTF-8, attachments in files/."""
    n = int(page["n"])
    files = path.parent / "files"
    files.mkdir(parents=True, exist_ok=True)
    (files / f"fujian-{n}.pdf").write_bytes(pdf("Attachment"))
    public = "主动公开"
    text = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{page['title']}_示例市公安局</title>
<meta name="ArticleTitle" content="{page['title']}"><meta name="PubDate" content="{page['date']} 09:30">
<link rel="canonical" href="{page['address']}"><script>var _hmt = _hmt || [];</script>
<style>.xxgk td {{ border: 1px solid #ccc; }}</style></head>
<body><div class="top"><a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a></div>
<table class="xxgk">
<tr><th>索 引 号：</th><td>{page['index']}</td><th>主题分类：</th><td>警务动态</td></tr>
<tr><th>发布机构：</th><td>示例市公安局</td><th>成文日期：</th><td>{page['written']}</td></tr>
<tr><th>名　　称：</th><td colspan="3">{page['title']}</td></tr>
<tr><th>文　　号：</th><td></td><th>发布日期：</th><td>{page['date']}</td></tr>
<tr><th>公开方式：</th><td>{public}</td><th>有 效 性：</th><td>有效</td></tr>
</table>
<h1 class="title">{page['title']}</h1>
<div id="zoom"><p>　　近日，示例市公安局组织开展{page['topic']}，全市各分局、派出所共同参与。</p>
<p>　　活动期间共接待群众咨询531人次，现场答复519件，群众满意率明显提升。</p>
<table border="1"><tr><th>单位</th><th>参与警力</th></tr><tr><td>各分局</td><td>{120 + n}</td></tr><tr><td>派出所</td><td>{300 + n}</td></tr></table>
<p>　　详情见<a href="../shi/t2018_1.html">相关报道</a>和<a href="http://www.gov.cn/">中国政府网</a>。</p></div>
<div class="fujian">附件：<a href="files/fujian-{n}.pdf">{page['topic']}安排表</a></div>
<div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】 <a href="#">打印本页</a> <a href="#">关闭窗口</a></div>
</body></html>"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _city_page(path: Path, page: dict[str, str]) -> None:
    """A city CMS's article page saved by a browser: GB2312, an info line, images in page_files/."""
    n = int(page["n"])
    resources = path.parent / f"{path.stem}_files"
    resources.mkdir(parents=True, exist_ok=True)
    (resources / "xianchang.png").write_bytes(_PNG)
    public = "　公开方式：主动公开" if n % 4 == 1 else ""
    date_line = f"发布日期：{page['date']} 11:09　" if page["date"] else ""
    text = f"""<!-- saved from url=(0070){page['address']} -->
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{page['title']} - 示例市公安局</title></head>
<body><div class="main"><div class="article"><h2 class="art-title">{page['title']}</h2>
<div class="info"><p>索引号：{page['index']}　{date_line}来源：市局治安支队{public}　浏览次数：<span>128</span></p>
<p>内容概述：{page['topic']}的有关情况。</p></div>
<div class="font">【字体：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】 分享：</div>
<div class="TRS_Editor"><p>　　為(wèi)做好{page['topic']}，市局治安支队提前部署。</p>
<p><img src="{path.stem}_files/xianchang.png" alt="活动现场"></p>
<p>　　下一步，将持续做好相关工作。</p><p>&nbsp;</p></div></div></div></body></html>"""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("gb18030"))


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f5d1e70000000049454e44ae426082")

PAGES_MAPPING = f"""\
type: entry
columns:
  索引号: index_no
  标题: title
  名称: title
  主题分类: category
  发布机构: publisher
  来源: [source, publisher]
  成文日期: written
  发布日期: date
  有效性: validity
  公开方式: disclosure
  内容概述: summary
  正文: body
  原网址: previous_urls
values:
  category:
    警务动态: 工作要闻
  publisher:
    市局治安支队: 示例市公安局治安管理支队
defaults:
  category: 工作要闻
  validity: 有效
index_number:
  pattern: "{{org}}-GK-{{year}}-{{seq:5}}"
old_site: {OLD_SITE}
clean: true
"""
