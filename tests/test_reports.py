"""Annual disclosure reports: tables A–C as printed, their consistency rules, CSV and the chart."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest

from conftest import PROJECT
from gongkai.types import reports

CATALOGUE = (PROJECT / "catalogue.yml").read_text(encoding="utf-8")
BUREAU = "11990000MB1234567A"

TABLES = """\
tables:
  a:
    rules: [0, 0, 0]
    normative: [3, 1, 25]
    licensing: 5321
    penalty: 18650
    coercion: 1203
    fees: 356.8
  b:
    new: [10, 1, 0, 0, 0, 0, 11]
    carried_in: [1, 0, 0, 0, 0, 0, 1]
    disclosed: [7, 1, 0, 0, 0, 0, 8]
    partial: [1, 0, 0, 0, 0, 0, 1]
    refused_third_party: [1, 0, 0, 0, 0, 0, 1]
    unable_not_held: [1, 0, 0, 0, 0, 0, 1]
    total: [10, 1, 0, 0, 0, 0, 11]
    carried_out: [1, 0, 0, 0, 0, 0, 1]
  c:
    review: [1, 0, 0, 0, 1]
"""


def report(year: int = 2021, tables: str = TABLES, edition: str = "2021", serial: int = 1) -> str:
    return (f"---\ntitle: 示例市公安局{year}年政府信息公开工作年度报告\nindex_no: {BUREAU}/{year + 1}-{serial:05d}\n"
            f"category: 年度报告\npublisher: 示例市公安局\nyear: {year}\nedition: \"{edition}\"\n"
            f"date: {year + 1}-01-20\ndisclosure: 主动公开\n{tables}---\n\n"
            "## 一、总体情况\n\n本年度全面推进政务公开。\n\n## 五、存在的主要问题及改进情况\n\n问题与改进。\n\n"
            "## 六、其他需要报告的事项\n\n无。\n")


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def page(build, year: int = 2021) -> str:
    return build.html(f"ndbg/{BUREAU}-{year + 1}-00001/index.html")


def test_tables_are_laid_out_as_printed_between_sections_one_and_five(site):
    build = site({"content/ndbg/2021.md": report()}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    html = page(build)
    body = html[html.index('<div class="gk-entry__body">'):]
    order = [body.index(s) for s in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                     "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况")]
    assert order == sorted(order)
    assert '<td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>' in html
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in html
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    assert '<th scope="rowgroup" rowspan="8">（三）不予公开</th>' in html
    assert '<th scope="rowgroup" rowspan="3">（六）其他处理</th>' in html
    assert '<th scope="col">信息内容</th><th scope="col">本年制发件数</th>' in html
    assert ("<tr><th scope=\"row\" colspan=\"3\">一、本年新收政府信息公开申请数量</th><td>10</td><td>1</td><td>0</td>"
            "<td>0</td><td>0</td><td>0</td><td>11</td></tr>") in html
    assert "<th scope=\"row\">行政事业性收费</th><td colspan=\"3\">356.8</td>" in html
    assert "<td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td>" in html  # table C, 行政复议 then 诉讼


def test_2019_format_has_its_own_table_a_and_one_other_row(site):
    tables = TABLES.replace("    fees: 356.8\n", "    fees: [12, -2]\n    procurement: [3, 45.6]\n    services: [5, 1, 300]\n")
    tables = tables.replace("    licensing: 5321\n    penalty: 18650\n    coercion: 1203\n",
                            "    licensing: [20, 0, 5321]\n    penalty: [10, 1, 18650]\n    coercion: [5, 0, 1203]\n")
    build = site({"content/ndbg/2019.md": report(2019, tables, "2019")}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    html = page(build, 2019)
    assert "本年新制作数量" in html and "政府集中采购" in html and "<td colspan=\"2\">-2</td>" in html
    assert '<th scope="row" colspan="2">（六）其他处理</th>' in html


def test_each_table_is_offered_as_csv(site):
    build = site({"content/ndbg/2021.md": report()}, catalogue=CATALOGUE)
    assert 'href="table-b.csv" download>下载本表数据（CSV）</a>' in page(build)
    data = (build.site / f"ndbg/{BUREAU}-2022-00001/table-b.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["分组", "项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert rows[1] == ["", "一、本年新收政府信息公开申请数量", "10", "1", "0", "0", "0", "0", "11"]
    assert ["（三）不予公开", "4.保护第三方合法权益", "1", "0", "0", "0", "0", "0", "1"] in rows
    a = (build.site / f"ndbg/{BUREAU}-2022-00001/table-a.csv").read_text(encoding="utf-8-sig")
    assert "第二十条第（八）项,行政事业性收费,本年收费金额（单位：万元）,356.8" in a


RULES = {
    "row total": (("new: [10, 1, 0, 0, 0, 0, 11]", "new: [10, 1, 0, 0, 0, 0, 12]"), [
        "字段「统计表」（tables）：表二「一、本年新收政府信息公开申请数量」行：总计列为 12，但自然人与五类法人或其他组织之和为 11。",
        "字段「统计表」（tables）：表二「总计」列：一、本年新收（12）加二、上年结转（1）为 13，但（七）总计（11）加四、结转下年度（1）为 12，两者应相等。"]),
    "outcome total": (("disclosed: [7, 1, 0, 0, 0, 0, 8]", "disclosed: [6, 1, 0, 0, 0, 0, 7]"), [
        "字段「统计表」（tables）：表二「自然人」列：（七）总计为 10，但（一）至（六）各项之和为 9。"]),
    "review total": (("review: [1, 0, 0, 0, 1]", "review: [1, 1, 0, 0, 1]"), [
        "字段「统计表」（tables）：表三「行政复议」：总计为 1，但结果维持、结果纠正、其他结果、尚未审结之和为 2。"]),
    "negative count": (("carried_in: [1, 0, 0, 0, 0, 0, 1]", "carried_in: [1, -1, 0, 0, 0, 0, 0]"), [
        "字段「统计表」（tables）：表二（收到和处理政府信息公开申请情况）「二、上年结转政府信息公开申请数量」行「商业企业」列的值「-1」应为不小于 0 的整数。"]),
    "unknown row": (("    disclosed:", "    publicised: [0, 0, 0, 0, 0, 0, 0]\n    disclosed:"), [
        "字段「统计表」（tables）：表二（收到和处理政府信息公开申请情况）有未知的行「publicised」；可用："]),
    "short row": (("rules: [0, 0, 0]", "rules: [0, 0]"), [
        "字段「统计表」（tables）：表一（主动公开政府信息情况）「规章」（rules）应有 3 个数：本年制发件数、本年废止件数、现行有效件数，现有 2 个。"]),
}


@pytest.mark.parametrize("case", RULES, ids=list(RULES))
def test_consistency_rules_name_table_row_column_and_numbers(site, case):
    change, messages = RULES[case]
    build = site({"content/ndbg/2021.md": report(tables=TABLES.replace(*change))}, catalogue=CATALOGUE)
    assert not build.ok
    lines = [re.sub(r"^  - content/ndbg/2021\.md 第 \d+ 行：", "", line) for line in build.errors.splitlines()]
    for message in messages:
        assert any(line.startswith(message) for line in lines), (message, build.errors)


def test_reports_index_has_a_chart_with_its_data_table(site):
    later = TABLES.replace("new: [10, 1, 0, 0, 0, 0, 11]", "new: [20, 1, 0, 0, 0, 0, 21]").replace(
        "disclosed: [7, 1, 0, 0, 0, 0, 8]", "disclosed: [17, 1, 0, 0, 0, 0, 18]").replace(
        "total: [10, 1, 0, 0, 0, 0, 11]", "total: [20, 1, 0, 0, 0, 0, 21]")
    build = site({"content/ndbg/2021.md": report(), "content/ndbg/2022.md": report(2022, later)}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    html = build.html("ndbg/index.html")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert "<title>2022 年收到申请：21</title>" in html
    table = text(html[html.index("示例市公安局历年收到政府信息公开申请数量及办理结果（图表数据）"):])
    assert "年度 收到申请 予以公开 部分公开 不予公开 其他结果 2021 11 8 1 1 1 2022 21 18 1 1 1" in table
    assert "<script" not in html.split('<div class="md-content"')[1].split("</article>")[0]


def test_report_needs_a_known_edition(site):
    build = site({"content/ndbg/2021.md": report(edition="2020")}, catalogue=CATALOGUE)
    assert "content/ndbg/2021.md 第 7 行：字段「报告格式」（edition）的值「2020」不在可选范围内；可选值：2021、2019。" in build.errors
    assert "统计表" not in build.errors  # one cause, one message


def test_two_reports_for_one_year_and_money_with_decimals(site):
    reissued = report(serial=2).replace("date: 2022-01-20", "date: 2022-01-28").replace(
        "review: [1, 0, 0, 0, 1]", "review: [2, 0, 0, 0, 2]").replace("fees: 356.8", "fees: 12345.67")
    build = site({"content/ndbg/2021.md": report(), "content/ndbg/2021b.md": reissued}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    assert build.html("ndbg/index.html").count("<title>2021 年收到申请：11</title>") == 1
    assert "<td colspan=\"3\">12345.67</td>" in build.html(f"ndbg/{BUREAU}-2022-00002/index.html")


def test_field_values_are_escaped(site):
    build = site({"content/ndbg/2021.md": report().replace("title: 示例市公安局", "title: 示例<b>市</b>公安局")},
                 catalogue=CATALOGUE)
    assert build.ok, build.errors
    html = page(build)
    assert "<b>市</b>" not in html and "示例&lt;b&gt;市&lt;/b&gt;公安局" in html


@pytest.mark.parametrize(("change", "message"), [
    (("## 五、存在的主要问题及改进情况", "## 五. 存在的问题"), None),
    (("## 五、存在的主要问题及改进情况", "### 五、存在的主要问题及改进情况"),
     "content/ndbg/2021.md 第 30 行：正文缺少“## 五、……”一节；年度报告正文应有一、五、六三节，第二至四节的表格由统计表生成。"),
    (("## 一、总体情况", "## 一、总体情况\n\n## 三、收到和处理政府信息公开申请情况"),
     "content/ndbg/2021.md 第 30 行：正文中不要写“## 三、……”一节：第二至四节由统计表自动生成，请删去。"),
    (("year: 2021", "year: 2022"),
     "content/ndbg/2021.md 第 6 行：报告年度（2022）应早于发布日期（2022-01-20）所在的年份：年度报告在次年公布。"),
    (("year: 2021", "year: \"2021\""),
     "content/ndbg/2021.md 第 6 行：字段「报告年度」（year）的值「2021」是加了引号的文字，应为整数：请去掉引号。"),
], ids=["numbered with a dot", "section five missing", "section three written", "year after date", "quoted year"])
def test_report_structure_and_dates(site, change, message):
    build = site({"content/ndbg/2021.md": report().replace(*change)}, catalogue=CATALOGUE)
    if message is None:
        assert build.ok, build.errors
        body = page(build)[page(build).index('<div class="gk-entry__body">'):]
        assert body.index("四、政府信息公开行政复议") < body.index("五. 存在的问题")
    else:
        assert f"  - {message}" in build.errors.splitlines(), build.errors


def test_late_report_is_a_warning(site):
    build = site({"content/ndbg/2021.md": report().replace("date: 2022-01-20", "date: 2022-03-01")}, catalogue=CATALOGUE)
    assert "gongkai: content/ndbg/2021.md 第 8 行：2021 年度的报告应于 2022 年 1 月 31 日前公布，发布日期为 2022-03-01。" in build.log


def test_old_format_for_a_recent_year_is_a_warning():
    body = "## 一、总体情况\n\n## 五、问题\n\n## 六、其他\n"
    assert reports.entry_problems(2022, "2019", dt.date(2023, 1, 20), body) == [
        ("edition", "warning", "2022 年度的报告应使用 2021 年格式（国办公开办函〔2021〕30号）。")]
