"""Structured content types from the project's catalogue.yml: service guides and policy interpretations."""

from __future__ import annotations

import re

import pytest

from conftest import PDF, PROJECT

CATALOGUE = (PROJECT / "catalogue.yml").read_text(encoding="utf-8")
BUREAU = "11990000MB1234567A"

POLICY = f"""---
title: 示例市公安局关于户口迁移的规定
index_no: {BUREAU}/2024-00001
category: 规范性文件
publisher: 示例市公安局
date: 2024-03-01
disclosure: 主动公开
validity: 有效
---

规定正文。
"""

GUIDE = f"""---
title: 户口迁入登记
index_no: {BUREAU}/2024-00002
category: 户籍管理
publisher: 示例市公安局
item_code: SL-HJ-001
item_type: 行政确认
topic: 户籍
audience: [个人]
date: 2024-05-06
disclosure: 主动公开
basis: 《中华人民共和国户口登记条例》第十条
conditions: 在本市有合法稳定住所的人员。
materials:
  - name: 户口迁入申请表
    form: 原件
    copies: 1
    blank: {{file: forms/biao.pdf, title: 户口迁入申请表（空白）}}
  - name: 居民身份证
    form: 原件和复印件
    copies: 1
steps: [提交申请, 窗口受理, 审核, 办结]
legal_limit: 20个工作日
promised_limit: 即办
fee: 不收费
place: 示例市政务服务中心公安窗口
hours: 工作日 9:00—17:00
phone: 0000-12345601
complaint_phone: 0000-12345699
visits: 1
online: https://zwfw.example.gov.cn/hj/
faq:
  - {{q: 可以委托他人办理吗？, a: 可以，需提供委托书。}}
---

本指南说明户口迁入登记的办理方式。
"""


def interpretation(date: str = "2024-03-05", policy: str = f"{BUREAU}/2024-00001", **extra: str) -> str:
    lines = "".join(f"{k}: {v}\n" for k, v in extra.items())
    return (f"---\ntitle: 图解户口迁移新规\nindex_no: {BUREAU}/2024-00003\ncategory: 政策解读\npublisher: 示例市公安局\n"
            f"date: {date}\ndisclosure: 主动公开\npolicy: {policy}\nform: 图解\n{lines}---\n\n解读正文。\n")


def files(**overrides: str | bytes) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {"content/xxgk/policy.md": POLICY, "content/bszn/guide.md": GUIDE,
                                   "content/bszn/forms/biao.pdf": PDF,
                                   "content/zcjd/jd.md": interpretation()}
    out.update(overrides)
    return out


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_guide_page_shows_every_element(site):
    build = site(files(), catalogue=CATALOGUE)
    assert build.ok, build.errors
    html = build.html(f"bszn/{BUREAU}-2024-00002/index.html")
    page = text(html)
    for row in ("事项名称 户口迁入登记", "事项编码 SL-HJ-001", "事项类型 行政确认", "服务对象 个人", "法定办结时限 20个工作日",
                "承诺办结时限 即办", "收费标准及依据 不收费", "咨询电话 0000-12345601", "监督投诉电话 0000-12345699",
                "到现场次数 1", "设定依据 《中华人民共和国户口登记条例》第十条", "受理条件 在本市有合法稳定住所的人员。"):
        assert row in page, row
    assert "材料名称 原件/复印件 份数 空白表格 示例样表 说明 户口迁入申请表 原件 1 户口迁入申请表（空白） （PDF，606 B） —" in page
    assert "<ol><li>提交申请</li><li>窗口受理</li><li>审核</li><li>办结</li></ol>" in html
    assert 'href="biao.pdf">户口迁入申请表（空白）</a>' in html
    assert (build.site / f"bszn/{BUREAU}-2024-00002/biao.pdf").is_file()
    assert '<a href="https://zwfw.example.gov.cn/hj/">https://zwfw.example.gov.cn/hj/</a>' in html
    assert "常见问题 问题 解答 可以委托他人办理吗？ 可以，需提供委托书。" in page


def test_guides_are_browsable_by_topic_and_audience(site):
    build = site(files(), catalogue=CATALOGUE)
    index = text(build.html("bszn/index.html"))
    assert "办事指南 全部办事指南 按主题 户籍 按服务对象 个人" in index  # beside the list, as the directory's tree
    assert "户口迁入登记" in build.html("bszn/topic/户籍/index.html")
    assert not (build.site / "bszn/audience/法人").exists()  # no empty columns
    assert "办事指南" in build.html("index.html").split('class="md-nav md-nav--primary"')[1]


@pytest.mark.parametrize(("change", "message"), [
    (("visits: 1", "visits: 一次"),
     "content/bszn/guide.md 第 30 行：字段「到现场次数」（visits）的值「一次」应为不小于 0 的整数（阿拉伯数字，不加单位）。"),
    (("    copies: 1\n    blank", "    copies: 两份\n    blank"),
     "content/bszn/guide.md 第 17 行：字段「申请材料」（materials）第 1 项的「份数」（copies）的值「两份」应为不小于 0 的整数（阿拉伯数字，不加单位）。"),
    (("  - name: 居民身份证\n", "  - nam: 居民身份证\n"),
     "content/bszn/guide.md 第 19 行：字段「申请材料」（materials）第 2 项缺少「材料名称」（name）。"),
    (("phone: 0000-12345601\n", ""),
     "content/bszn/guide.md 第 33 行：缺少必填字段「咨询电话」（phone）。请添加一行“phone: …”。"),
    (("blank: {file: forms/biao.pdf", "blank: {file: forms/nope.pdf"),
     "content/bszn/guide.md 第 18 行：字段「申请材料」（materials）第 1 项的「空白表格」（blank）中的文件「forms/nope.pdf」不存在（应在 content/bszn/forms/nope.pdf）；请检查文件名和路径。"),
    (("audience: [个人]", "audience: [群众]"),
     "content/bszn/guide.md 第 9 行：字段「服务对象」（audience）中的「群众」不在可选范围内；可选值：个人、法人。"),
    (("online: https://zwfw", "online: zwfw"),
     "content/bszn/guide.md 第 31 行：字段「网上办理入口」（online）的值「zwfw.example.gov.cn/hj/」应为以 http:// 或 https:// 开头的完整网址。"),
], ids=["visits", "copies", "material name", "phone", "blank form", "audience", "online"])
def test_guide_errors(site, change, message):
    build = site(files(**{"content/bszn/guide.md": GUIDE.replace(*change)}), catalogue=CATALOGUE)
    assert not build.ok
    assert f"  - {message}" in build.errors.splitlines(), build.errors
    assert "没有被任何条目列为附件" not in build.errors  # its blank form is listed by the guide itself


def test_policy_and_interpretation_link_each_other(site):
    build = site(files(), catalogue=CATALOGUE)
    policy = build.html(f"xxgk/{BUREAU}-2024-00001/index.html")
    assert "相关解读" in policy and f'href="../../zcjd/{BUREAU}-2024-00003/">图解户口迁移新规</a>' in policy
    jd = build.html(f"zcjd/{BUREAU}-2024-00003/index.html")
    assert f'解读的政策</th>\n        <td><a href="../../xxgk/{BUREAU}-2024-00001/">示例市公安局关于户口迁移的规定</a>' in jd


def test_interpretation_of_a_missing_or_withheld_policy_fails(site):
    missing = site(files(**{"content/zcjd/jd.md": interpretation(policy=f"{BUREAU}/2024-00099")}), catalogue=CATALOGUE)
    assert (f"content/zcjd/jd.md 第 8 行：字段「解读的政策」（policy）引用的索引号「{BUREAU}/2024-00099」不存在"
            in missing.errors)
    withheld = site(files(**{"content/xxgk/policy.md": POLICY.replace("主动公开", "依申请公开")}), catalogue=CATALOGUE)
    assert (f"content/zcjd/jd.md 第 8 行：字段「解读的政策」（policy）引用的条目「{BUREAU}/2024-00001」不公开，"
            "公开的条目只能引用公开的条目。") in withheld.errors


def test_late_interpretation_is_a_warning(site):
    build = site(files(**{"content/zcjd/jd.md": interpretation(date="2024-03-07")}), catalogue=CATALOGUE)
    assert not build.ok  # strict
    assert ("gongkai: content/zcjd/jd.md 第 6 行：发布日期（2024-03-07）比所引用的「示例市公安局关于户口迁移的规定」的发布日期"
            "（2024-03-01）晚 4 个工作日，超过了规定的 3 个工作日（catalogue.yml 中「解读的政策」（policy）的 max_delay_days）。"
            "请与其同步发布。") in build.log


def test_material_with_an_unknown_key(site):
    guide = GUIDE.replace("    copies: 1\n    blank", "    copies: 1\n    colour: 红\n    blank")
    build = site(files(**{"content/bszn/guide.md": guide}), catalogue=CATALOGUE)
    assert ("  - content/bszn/guide.md 第 18 行：字段「申请材料」（materials）第 1 项有未知的键「colour」；"
            "可用：name、form、copies、blank、sample、note。") in build.errors.splitlines()


def test_working_days_follow_the_holiday_calendar(site):
    policy = POLICY.replace("date: 2024-03-01", "date: 2024-09-30")
    build = site(files(**{"content/xxgk/policy.md": policy, "content/zcjd/jd.md": interpretation(date="2024-10-08")}),
                 catalogue=CATALOGUE)
    assert build.ok, build.errors  # 国庆: 10-01 to 10-07 are holidays, so 10-08 is the first working day after


def dated_pair(policy_date: str, interpretation_date: str) -> dict[str, str | bytes]:
    """The policy and its interpretation published on these dates (their index numbers follow the year)."""
    year = policy_date[:4]
    policy = POLICY.replace("2024-00001", f"{year}-00001").replace("date: 2024-03-01", f"date: {policy_date}")
    jd = interpretation(date=interpretation_date, policy=f"{BUREAU}/{year}-00001").replace("2024-00003", f"{year}-00003")
    return files(**{"content/xxgk/policy.md": policy, "content/zcjd/jd.md": jd})


def test_the_example_calendar_holds_2026s_spring_festival(site):
    build = site(dated_pair("2026-02-13", "2026-02-25"), catalogue=CATALOGUE)
    assert build.ok, build.errors  # 02-14 (a Saturday) is worked, 02-15 to 02-23 are off: 3 working days


def test_a_late_interpretation_in_a_year_the_calendar_lacks_says_so(site):
    build = site(dated_pair("2023-09-28", "2023-10-09"), catalogue=CATALOGUE)
    assert ("gongkai: content/zcjd/jd.md 第 6 行：发布日期（2023-10-09）比所引用的「示例市公安局关于户口迁移的规定」的发布日期"
            "（2023-09-28）晚 7 个工作日，超过了规定的 3 个工作日（catalogue.yml 中「解读的政策」（policy）的 max_delay_days）。"
            "请与其同步发布。（注意：catalogue.yml 的工作日历 calendar.holidays 中没有 2023 年的节假日，这些年的法定节假日被算作了"
            "工作日；请按国务院办公厅当年的节假日安排补充。）") in build.log


def test_a_document_written_after_it_was_published_is_an_error(site):
    policy = POLICY.replace("date: 2024-03-01", "written: 2024-03-20\ndate: 2024-03-01")
    build = site(files(**{"content/xxgk/policy.md": policy}), catalogue=CATALOGUE)
    assert not build.ok
    assert ("  - content/xxgk/policy.md 第 6 行：成文日期（2024-03-20）晚于发布日期（2024-03-01）：文件须先成文、后发布，"
            "请核对这两个日期。") in build.errors.splitlines()


def test_interpretation_before_its_policy_is_a_warning(site):
    build = site(files(**{"content/zcjd/jd.md": interpretation(date="2024-02-20")}), catalogue=CATALOGUE)
    assert ("gongkai: content/zcjd/jd.md 第 6 行：发布日期（2024-02-20）早于所引用的「示例市公安局关于户口迁移的规定」的发布日期"
            "（2024-03-01），请核对日期。") in build.log


def test_interpretation_must_point_at_a_catalogue_entry(site):
    build = site(files(**{"content/zcjd/jd.md": interpretation(policy=f"{BUREAU}/2024-00002")}), catalogue=CATALOGUE)
    assert ("content/zcjd/jd.md 第 8 行：字段「解读的政策」（policy）引用的「户口迁入登记」是办事指南，这里应引用公开文件。"
            in build.errors)


def test_power_list_subject_cannot_escape_its_folder(site):
    item = ("items:\n  - {subject: ../.., name: 事项, type: 行政许可, basis: 依据, accountability: 追责, "
            "supervision: 监督, remedy: 救济}\n")
    build = site({"content/qzqd/a.yml": item}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    assert (build.site / "qzqd/subject/x1/index.html").is_file()
    assert "权责清单：../.." not in build.html("index.html")
