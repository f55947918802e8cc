"""`gongkai inspect`: each rule of the national website inspection pinned on a small project that passes
it and one that fails it, as users see them (report.json, report.html, the console, annotations); the
annual report contradicted by the catalogue; the build's report; the example site's real findings."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

import axecore
import serving
from conftest import FIXTURES, MKDOCS_YML, PROJECT, build_site, entry
from gongkai.cli.main import main

TODAY = "2021-06-30"
BUREAU = "000014349"


def _catalogue() -> str:
    """The fixture catalogue with what the inspection reads: 成文日期 and 有效期 on entries, interpretations
    and annual reports with their columns, and an inspection section under which the base project passes."""
    text = (FIXTURES / "catalogue.yml").read_text(encoding="utf-8")
    text = text.replace("  validity: [有效, 失效, 废止, 已修改]\n",
                        "  validity: [有效, 失效, 废止, 已修改]\n  editions: [\"2021\", \"2019\"]\n  forms: [文字, 图解]\n")
    text = text.replace('      - {key: date, label: 发布日期, type: date, required: true, hint: "如 2021-03-15"}\n',
                        '      - {key: written, label: 成文日期, type: date}\n'
                        '      - {key: date, label: 发布日期, type: date, required: true, hint: "如 2021-03-15"}\n')
    text = text.replace("      - {key: withdrawn, label: 撤回日期, type: date}\n",
                        "      - {key: valid_until, label: 有效期至, type: date}\n      - {key: withdrawn, label: 撤回日期, type: date}\n")
    text = text.replace('  - name: 工作动态\n    code: "04"\n',
                        '  - name: 工作动态\n    code: "04"\n  - {name: 政策解读, code: "10"}\n  - {name: 年度报告, code: "11"}\n')
    common = ("      - {key: title, label: 标题, type: text, required: true}\n"
              "      - {key: index_no, label: 索引号, type: index, required: true}\n"
              "      - {key: category, label: 主题分类, type: category, required: true}\n"
              "      - {key: publisher, label: 发布机构, type: publisher, required: true}\n"
              "      - {key: date, label: 发布日期, type: date, required: true}\n"
              "      - {key: disclosure, label: 公开属性, type: enum, values: disclosure, required: true}\n")
    text += ("  interpretation:\n    label: 政策解读\n    folder: zcjd\n    column_type: 解读回应\n    template: entry.html\n"
             f"    fields:\n{common}"
             "      - {key: policy, label: 解读的政策, type: reference, required: true, backlink: 相关解读, targets: [entry]}\n"
             "      - {key: form, label: 解读形式, type: enum, values: forms, required: true}\n"
             "  report:\n    label: 年度报告\n    folder: ndbg\n    template: report.html\n"
             f"    fields:\n{common}"
             "      - {key: year, label: 报告年度, type: integer, required: true}\n"
             "      - {key: edition, label: 报告格式, type: enum, values: editions, required: true}\n"
             "      - {key: tables, label: 统计表, type: annual_report, required: true}\n")
    return text + INSPECTION


STATUTORY = "".join(f"    {n}: 不适用：测试\n" for n in ("二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
                                                              "十三", "十四", "十五"))
INSPECTION = ("inspection:\n"
              "  columns:\n    动态要闻: {period: 2w, categories: [工作动态]}\n"
              "  thin_column_items: 0\n"
              "  statistics: {licensing: [], penalty: [], coercion: []}\n"
              f"  statutory:\n    一: [规范性文件]\n{STATUTORY}"
              "  guide: {page: zhinan.md}\n")
CATALOGUE = _catalogue()


def line_of(needle: str, text: str = CATALOGUE) -> int:
    """The line of the test catalogue where `needle` first stands."""
    return text[:text.index(needle)].count("\n") + 1
WORDING = ("# 测试词典\n- {wrong: 中华人名共和国, right: 中华人民共和国, verdict: 否决}\n"
           "- {wrong: 中华民国, why: 除历史叙述外不得使用, verdict: 提醒, except: [中华民国时期]}\n"
           "- {wrong: 截止目前, right: 截至目前, verdict: 扣分}\n")


def interpretation(date: str = "2021-03-16", policy: str = f"{BUREAU}/2021-00001") -> str:
    return (f"---\ntitle: 图解测试规范性文件\nindex_no: {BUREAU}/2021-00004\ncategory: 政策解读\npublisher: 测试市公安局\n"
            f"date: {date}\ndisclosure: 主动公开\npolicy: {policy}\nform: 图解\n---\n\n解读正文。\n")


def report(year: int = 2020, date: str = "2021-01-20", normative: str = "[0, 0, 0]", index: str = "2021-00005") -> str:
    return (f"---\ntitle: 测试市公安局{year}年政府信息公开工作年度报告\nindex_no: {BUREAU}/{index}\ncategory: 年度报告\n"
            f"publisher: 测试市公安局\nyear: {year}\nedition: \"2021\"\ndate: {date}\ndisclosure: 主动公开\n"
            f"tables:\n  a:\n    normative: {normative}\n---\n\n"
            "## 一、总体情况\n\n本年度全面推进政务公开工作，主动公开各类信息。\n\n"
            "## 五、存在的主要问题及改进情况\n\n栏目更新不够及时，下一年度加强审核和更新。\n\n"
            "## 六、其他需要报告的事项\n\n本年度没有收取信息处理费，没有其他需要报告的事项。\n")


DOC = entry(title="测试市公安局关于规范测试事项的通知", written="2021-03-10", valid_until="2026-03-01", doc_no="测公规〔2021〕1号")
BASE: dict[str, str] = {
    "content/index.md": "# 首页\n\n[政府信息公开指南](zhinan.md)\n",
    "content/zhinan.md": "---\ndate: 2021-01-10\n---\n\n# 政府信息公开指南\n\n公开的范围、方式和申请办法。\n",
    "content/xxgk/doc.md": DOC,
    "content/xxgk/other.md": entry(f"{BUREAU}/2021-00002", category="其他文件", date="2021-05-10",
                                   title="测试市公安局关于其他事项的通知"),
    "content/xxgk/news.md": entry("000014350/2021-00003", category="工作动态", date="2021-06-25",
                                  title="测试市公安局开展测试宣传活动", publisher="测试市公安局交通警察支队"),
    "content/zcjd/jd.md": interpretation(),
    "content/ndbg/2020.md": report(),
}


@dataclass
class Inspected:
    status: int
    out: str
    err: str
    root: Path

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.root / "inspection/report.json").read_text(encoding="utf-8"))

    @property
    def html(self) -> str:
        return (self.root / "inspection/report.html").read_text(encoding="utf-8")

    def rule(self, rule_id: str) -> dict[str, Any]:
        return next(r for r in self.report["rules"] if r["id"] == rule_id)

    def findings(self, rule_id: str) -> list[tuple[str, str, str, int | None]]:
        return [(f["verdict"], f["message"], f["file"], f["line"]) for f in self.rule(rule_id)["findings"]]


def write_project(root: Path, files: dict[str, str | None], catalogue: str = CATALOGUE,
                  wording: str | None = WORDING) -> Path:
    """The base project with `files` changed (None: removed), in `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(overrides=PROJECT / "overrides"), encoding="utf-8")
    (root / "catalogue.yml").write_text(catalogue, encoding="utf-8")
    if wording is not None:
        (root / "wording.yml").write_text(wording, encoding="utf-8")
    for rel, text in {**BASE, **files}.items():
        if text is not None:
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def inspect(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., Inspected]:
    count = 0

    def run(files: dict[str, str | None] | None = None, *args: str, today: str = TODAY, **kwargs: Any) -> Inspected:
        nonlocal count
        count += 1
        root = write_project(tmp_path / f"p{count}", files or {}, **kwargs)
        status = main(["inspect", "--project", str(root), "--today", today, *args])
        captured = capsys.readouterr()
        return Inspected(status, captured.out, captured.err, root)

    return run


def test_the_base_project_passes_every_rule_with_full_marks(inspect):
    result = inspect()
    assert result.status == 0, result.err
    report = result.report
    assert (report["score"], report["passed"], report["vetoes"]) == (100, True, [])
    failed = {r["id"]: r["findings"] for r in report["rules"] if r["findings"]}
    assert failed == {}
    assert result.out.splitlines()[0] == "网站自查（2021-06-30）：得分 100 / 100，没有单项否决；扣分问题 0 个（扣 0 分），提醒 0 条。"
    assert "报告：inspection/report.html" in result.err


# Columns.

def test_home_page_newest_item_older_than_two_weeks_is_a_veto(inspect):
    result = inspect(today="2021-07-10")
    assert result.status == 1
    assert result.findings("home-newest") == [(
        "否决", "首页最新的一条信息「测试市公安局开展测试宣传活动」发布于 2021-06-25，距今 15 天，超过了 2 周"
                "（catalogue.yml 的 inspection.home_max_age）。", "content/xxgk/news.md", 6)]
    assert result.report["vetoes"][0]["rule"] == "home-newest"
    assert result.out.splitlines()[1].startswith("单项否决：首页信息更新：content/xxgk/news.md 第 6 行：首页最新的一条信息")


def test_a_stale_column_costs_points_and_enough_of_them_veto_the_site(inspect):
    news = BASE["content/xxgk/news.md"].replace("date: 2021-06-25", "date: 2021-06-01")
    recent = {"content/xxgk/news.md": news, "content/xxgk/other.md": BASE["content/xxgk/other.md"].replace("2021-05-10", "2021-06-28")}
    stale = ("扣分", "栏目「工作动态」已 29 天没有新信息（最近一条发布于 2021-06-01），超过了更新周期 2 周"
                     "（动态要闻类栏目，catalogue.yml 的 inspection.columns）。", "catalogue.yml", line_of("- name: 工作动态"))
    result = inspect(recent)
    assert result.findings("column-freshness") == [stale]
    assert result.status == 0 and result.rule("column-freshness")["deduction"] == 2
    vetoed = inspect(recent, catalogue=CATALOGUE.replace("  thin_column_items: 0\n", "  thin_column_items: 0\n  stale_columns_veto: 1\n"))
    assert vetoed.findings("column-freshness") == [("否决", *stale[1:])]
    assert vetoed.status == 1


def test_the_build_freshness_period_of_a_category_comes_first(inspect):
    own = CATALOGUE.replace('  - name: 工作动态\n    code: "04"\n', '  - name: 工作动态\n    code: "04"\n    freshness: 1y\n')
    assert inspect({"content/xxgk/news.md": BASE["content/xxgk/news.md"].replace("2021-06-25", "2021-06-01")},
                   catalogue=own).findings("column-freshness") == []


def test_empty_columns_cost_points_and_five_veto_the_site(inspect):
    result = inspect({"content/xxgk/other.md": None})
    assert result.findings("empty-columns") == [("扣分", "栏目「其他文件」中没有任何公开信息。", "catalogue.yml", line_of("{name: 其他文件"))]
    vetoed = inspect({"content/xxgk/other.md": None},
                     catalogue=CATALOGUE.replace("  thin_column_items: 0\n", "  thin_column_items: 0\n  empty_columns_veto: 1\n"))
    assert vetoed.findings("empty-columns")[0][0] == "否决" and vetoed.status == 1


def test_thin_columns_are_reminders(inspect):
    assert inspect(catalogue=CATALOGUE.replace("thin_column_items: 0", "thin_column_items: 1")).findings("thin-columns") == []
    result = inspect(catalogue=CATALOGUE.replace("thin_column_items: 0", "thin_column_items: 2"))
    assert ("提醒", "栏目「规范性文件」只有 1 条信息，少于 2 条。", "catalogue.yml", line_of("{name: 规范性文件")) in result.findings("thin-columns")
    assert result.status == 0 and result.report["score"] == 100


# Wording.

def test_a_serious_wording_error_is_a_veto_naming_file_line_and_the_right_form(inspect):
    doc = DOC.replace("正文第一段。", "依据《中华人名共和国政府信息公开条例》，\n中华民国时期的档案除外；截止目前已公开。")
    result = inspect({"content/xxgk/doc.md": doc})
    assert result.status == 1
    assert result.findings("wording") == [
        ("否决", "「中华人名共和国」应为「中华人民共和国」。原文：依据《中华人名共和国政府信息公开条例》， 中…", "content/xxgk/doc.md", 14),
        ("扣分", "「截止目前」应为「截至目前」。原文：…中华民国时期的档案除外；截止目前已公开。", "content/xxgk/doc.md", 15),
    ]  # 中华民国时期 is one of the form's exceptions


def test_wording_is_found_in_titles_plain_pages_and_catalogue_names(inspect):
    catalogue = CATALOGUE.replace("{name: 其他文件, code: \"0203\"}", "{name: 中华民国其他文件, code: \"0203\"}").replace(
        "category: 其他文件", "category: 中华民国其他文件")
    result = inspect({"content/xxgk/other.md": BASE["content/xxgk/other.md"].replace("其他事项", "中华人名共和国事项").replace(
        "category: 其他文件", "category: 中华民国其他文件"),
                      "content/zhinan.md": BASE["content/zhinan.md"] + "\n截止目前的情况。\n"}, catalogue=catalogue)
    found = {(verdict, file, line) for verdict, _, file, line in result.findings("wording")}
    assert found == {("否决", "content/xxgk/other.md", 2), ("扣分", "content/zhinan.md", 9), ("提醒", "catalogue.yml", line_of("{name: 其他文件"))}


def test_withheld_text_never_reaches_the_report_and_numbers_are_masked(inspect):
    withheld = entry(f"{BUREAU}/2021-00009", disclosure="依申请公开", title="机密标记XYZ中华人名共和国")
    mobile = DOC.replace("正文第一段。", "联系人身份证 11010519491231002X 中华人名共和国")  # the window falls inside the number
    result = inspect({"content/xxgk/secret.md": withheld, "content/xxgk/doc.md": mobile})
    assert [f[1:3] for f in result.findings("wording")] == [
        ("「中华人名共和国」应为「中华人民共和国」。原文：…110*************2X 中华人名共和国", "content/xxgk/doc.md")]
    for text in (result.html, json.dumps(result.report, ensure_ascii=False), result.out):
        assert "机密标记XYZ" not in text and "1231002X" not in text


def test_without_a_dictionary_the_wording_is_not_checked_and_says_so(inspect):
    result = inspect(wording=None)
    assert result.findings("wording") == [("提醒", "没有找到用语词典 wording.yml，没有检查严重表述错误。请从示例项目复制 wording.yml，"
                                                  "或在 catalogue.yml 的 inspection.wording 中写明词典文件。", "catalogue.yml", None)]


def test_a_malformed_dictionary_stops_the_inspection_with_each_problem(inspect):
    result = inspect(wording="- {wrong: 共合国, verdict: 否决}\n- {wrong: 共和国, right: 共和国, verdict: 严重}\n")
    assert result.status == 2
    assert "错误：wording.yml：第 1 项（第 1 行）（共合国）须写明 right（正确写法）或 why（不能使用的原因）。" in result.err
    assert "错误：wording.yml：第 2 项（第 2 行）（共和国）的 right 与 wrong 相同。" in result.err
    assert "错误：wording.yml：第 2 项（第 2 行）（共和国）的 verdict「严重」应为 否决、扣分 或 提醒。" in result.err
    assert not (result.root / "inspection").exists()
    broken = inspect(wording="- wrong: 共合国\n  right：共和国\n")  # a full-width colon
    assert broken.status == 2 and "错误：wording.yml：第 2 行：这一行「right：共和国」缺少“英文冒号+空格”" in broken.err, broken.err
    assert "expected" not in broken.err and "mapping values" not in broken.err  # no English parser text


# 规范性文件.

def test_a_normative_document_needs_an_interpretation(inspect):
    result = inspect({"content/zcjd/jd.md": None})
    assert result.findings("interpretation") == [
        ("扣分", "规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）（发布于 2021-03-15）没有政策解读。",
         "content/xxgk/doc.md", 2)]


def test_an_interpretation_later_than_three_working_days_costs_points(inspect):
    assert inspect({"content/zcjd/jd.md": interpretation("2021-03-18")}).findings("interpretation") == []
    result = inspect({"content/zcjd/jd.md": interpretation("2021-03-22")})
    assert result.findings("interpretation") == [
        ("扣分", "规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）发布于 2021-03-15，最早的解读「图解测试规范性文件」"
                 "发布于 2021-03-22，晚了 5 个工作日（应在 3 个工作日内）。", "content/zcjd/jd.md", 6)]


@pytest.mark.parametrize(("change", "expected"), [
    ({"valid_until": None}, ("扣分", "现行有效的规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）没有注明有效期（valid_until）。")),
    ({"valid_until": "2021-05-31"}, ("扣分", "规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）的有效期已于 2021-05-31 届满，"
                                             "仍标注为“有效”。请改为失效或废止；需要继续施行的，应重新发布。")),
    ({"valid_until": "2021-10-31"}, ("提醒", "规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）将于 2021-10-31 到期"
                                             "（123 天后）：请评估是否延续，并及时公布结果。")),
    ({"valid_until": "2031-03-09"}, ("提醒", "规范性文件「测试市公安局关于规范测试事项的通知」（测公规〔2021〕1号）的有效期约 10.0 年"
                                             "（2021-03-10 至 2031-03-09），超过了规范性文件一般不超过 5 年的规定。")),
    ({"valid_until": "2024-03-09", "title": "测试市公安局测试管理办法（试行）"},
     ("提醒", "规范性文件「测试市公安局测试管理办法（试行）」（测公规〔2021〕1号）的有效期约 3.0 年（2021-03-10 至 2024-03-09），"
              "超过了试行、暂行的文件一般不超过 2 年的规定。")),
])
def test_the_validity_period_of_normative_documents(inspect, change, expected):
    fields: dict[str, object] = {"title": "测试市公安局关于规范测试事项的通知", "written": "2021-03-10", "valid_until": "2026-03-01",
                                 "doc_no": "测公规〔2021〕1号", **change}
    result = inspect({"content/xxgk/doc.md": entry(**fields)})
    assert [f[:2] for f in result.findings("normative-validity")] == [expected]


def test_an_expired_document_marked_as_expired_passes(inspect):
    expired = entry(written="2021-03-10", valid_until="2021-05-31", validity="失效", doc_no="测公规〔2021〕1号")
    assert inspect({"content/xxgk/doc.md": expired}).findings("normative-validity") == []


# 条例第二十条, the annual report, the guide, timeliness.

def test_a_statutory_item_without_a_column_or_without_items_costs_points(inspect):
    unmapped = inspect(catalogue=CATALOGUE.replace("    八: 不适用：测试\n", ""))
    assert unmapped.findings("statutory") == [
        ("扣分", "第二十条第（八）项“行政事业性收费项目及其依据、标准”没有对应的栏目：请在 catalogue.yml 的 inspection.statutory.八 "
                 "中列出发布它的分类或内容类型，本机关不涉及的写“不适用：原因”。", "catalogue.yml", line_of("  statutory:"))]  # the item is not written: its section
    empty = inspect({"content/xxgk/other.md": None}, catalogue=CATALOGUE.replace("    九: 不适用：测试\n", "    九: [其他文件, 政策解读]\n"))
    assert empty.findings("statutory") == []  # 政策解读 has an item
    empty = inspect({"content/xxgk/other.md": None}, catalogue=CATALOGUE.replace("    九: 不适用：测试\n", "    九: [其他文件]\n"))
    assert empty.findings("statutory") == [("扣分", "第二十条第（九）项“政府集中采购项目的目录、标准及实施情况”：对应的栏目（其他文件）中没有任何公开信息。",
                                            "catalogue.yml", line_of("    九:"))]


def test_the_annual_report_is_due_by_31_january(inspect):
    missing = inspect({"content/ndbg/2020.md": None, "content/zcjd/jd.md": interpretation().replace("政策解读", "年度报告")})
    assert missing.findings("annual-report") == [("扣分", "没有 2020 年度的政府信息公开工作年度报告（应于 2021 年 1 月 31 日前公布）。", "", None)]
    late = inspect({"content/ndbg/2020.md": report(date="2021-02-05")})
    assert late.findings("annual-report") == [("扣分", "2020 年度报告发布于 2021-02-05，晚于 2021-01-31。", "content/ndbg/2020.md", 8)]
    january = inspect({"content/ndbg/2020.md": None, "content/ndbg/2019.md": report(2019, "2020-01-20", index="2020-00005")},
                      today="2021-01-15")
    assert january.findings("annual-report") == [("提醒", "2020 年度报告应于 2021 年 1 月 31 日前公布，还没有发布。", "", None)]


@pytest.mark.parametrize(("page", "expected"), [
    ("# 指南\n\n没有日期。\n", ("扣分", "信息公开指南没有注明更新日期：请在页面开头的元数据中写 date: YYYY-MM-DD（最近一次核对、更新的日期）。",
                               "content/zhinan.md", 1)),
    ("---\ndate: 2020-05-01\n---\n\n# 指南\n", ("扣分", "信息公开指南最近更新于 2020-05-01，已超过 1 年。", "content/zhinan.md", 2)),
    (None, ("扣分", "信息公开指南页面 content/zhinan.md 不存在（catalogue.yml 的 inspection.guide.page）。", "catalogue.yml", line_of("  guide:"))),
])
def test_the_disclosure_guide_is_updated_within_a_year(inspect, page, expected):
    files = {"content/zhinan.md": page, "content/index.md": "# 首页\n"}
    assert inspect(files).findings("guide") == [expected]


def test_publishing_more_than_twenty_working_days_after_writing_is_a_reminder(inspect):
    late = entry(f"{BUREAU}/2021-00002", category="其他文件", date="2021-05-10", written="2021-04-01", title="测试通知")
    assert inspect({"content/xxgk/other.md": late}).findings("timeliness") == [
        ("提醒", "「测试通知」成文于 2021-04-01，发布于 2021-05-10，相隔 27 个工作日。", "content/xxgk/other.md", 6)]


# Links.

def test_internal_links_to_missing_pages_cost_points_and_external_ones_are_listed(inspect):
    index = ("# 首页\n\n[指南](zhinan.md) [目录](mulu/index.md) [检索](jiansuo/) [订阅](feeds/all.xml)\n"
             "[旧页面](jiu.md) `[代码](daima.md)`\n\n另见 <https://www.gov.cn/zhengce/> 和 [省政府](http://sheng.example.gov.cn/a)。\n")
    result = inspect({"content/index.md": index})
    assert [(f[0], f[1].split("。")[0], f[2], f[3]) for f in result.findings("internal-links")] == [
        ("扣分", "链接「jiu.md」指向的文件不存在（按本文件所在目录算，应在 content/jiu.md）", "content/index.md", 4)]
    assert result.findings("external-links") == [
        ("提醒", "外部链接 https://www.gov.cn/zhengce/", "content/index.md", 6),
        ("提醒", "外部链接 http://sheng.example.gov.cn/a", "content/index.md", 6)]
    assert "external-links" not in "".join(line for line in result.out.splitlines() if line.startswith("::"))


def test_links_as_editors_write_them_reach_entries_attachments_and_tables(inspect):
    index = (f"# 首页\n\n[文件](xxgk/doc.md) [同一文件](索引号:{BUREAU}/2021-00001) "
             f"[年报表](ndbg/{BUREAU}-2021-00005/table-a.csv) [目录](mulu/)\n")
    news = BASE["content/xxgk/news.md"].replace("正文第一段。", "见[通知](doc.md)和[解读](../zcjd/jd.md)。")
    assert inspect({"content/index.md": index, "content/xxgk/news.md": news}).findings("internal-links") == []


def test_a_link_to_a_withheld_entry_is_reported_without_saying_what_it_is(inspect):
    secret = entry(f"{BUREAU}/2021-00009", disclosure="依申请公开", title="机密标记XYZ")
    result = inspect({"content/xxgk/secret.md": secret, "content/index.md": "# 首页\n\n[内部](xxgk/secret.md)\n"})
    assert [f[1] for f in result.findings("internal-links")] == [
        "链接「xxgk/secret.md」指向的 content/xxgk/secret.md 没有公开。公开页面不能链接到它（链接会暴露这份文件），请删除这个链接。"]
    assert "机密标记XYZ" not in result.html


# Statistics.

def test_an_annual_report_that_the_catalogue_contradicts_names_both_numbers(inspect):
    result = inspect({"content/ndbg/2020.md": report(normative="[2, 0, 3]")})
    assert result.findings("statistics") == [
        ("扣分", "2020 年度报告表二「行政规范性文件」行「本年制发件数」：报告填报 2，目录中为 0（按成文日期计）。", "content/ndbg/2020.md", 10),
        ("扣分", "2020 年度报告表二「行政规范性文件」行「现行有效件数」：报告填报 3，目录中为 0（年末未废止、未失效）。", "content/ndbg/2020.md", 10)]
    table = result.report["statistics"]["table_a"][0]
    assert table["year"] == 2020 and table["report"] == "content/ndbg/2020.md"
    assert "<td class=\"n\">0</td><td class=\"n\">2</td><td><span class=\"disagree\">不一致</span></td>" in result.html


def test_table_two_counts_documents_issued_repealed_and_in_force(inspect):
    old = entry(f"{BUREAU}/2020-00001", date="2020-02-01", validity="废止", superseded_by=f"{BUREAU}/2021-00001",
                valid_until="2025-01-31", title="旧办法")
    result = inspect({"content/xxgk/old.md": old, "content/ndbg/2020.md": report(normative="[1, 0, 1]"),
                      "content/ndbg/2021.md": report(2021, "2022-01-20", "[1, 1, 1]", "2022-00001")}, today="2022-03-01")
    assert result.findings("statistics") == []
    figures = {(t["year"], f["column"]): f["catalogue"] for t in result.report["statistics"]["table_a"] for f in t["figures"]}
    assert (figures[(2021, "本年制发件数")], figures[(2021, "本年废止件数")], figures[(2021, "现行有效件数")]) == (1, 1, 1)


def test_items_per_publisher_and_month_as_a_table_and_an_escaped_chart(inspect):
    catalogue = CATALOGUE.replace("测试市公安局交通警察支队", "<b>交警</b>&支队")
    news = BASE["content/xxgk/news.md"].replace("测试市公安局交通警察支队", "\"<b>交警</b>&支队\"")
    result = inspect({"content/xxgk/news.md": news}, catalogue=catalogue)
    publishers = result.report["statistics"]["publishers"]
    assert publishers["months"][0] == "2020-07" and publishers["months"][-1] == "2021-06"
    rows = {r["publisher"]: (r["counts"][-1], r["total"]) for r in publishers["rows"]}
    assert rows == {"测试市公安局": (0, 4), "<b>交警</b>&支队": (1, 1)}
    html = result.html
    assert "<b>交警" not in html and "&lt;b&gt;交警&lt;/b&gt;&amp;支队" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<title>&lt;b&gt;交警&lt;/b&gt;&amp;支队，2021-06：1 条</title>" in html


# The report as users see it.

def test_the_page_is_self_contained_accessible_and_escapes_content(inspect):
    doc = entry(title="<script>alert(1)</script>中华人名共和国", written="2021-03-10", valid_until="2026-03-01")
    html = inspect({"content/xxgk/doc.md": doc}).html
    assert '<html lang="zh-CN">' in html and "<script" not in html and "<link" not in html
    assert not re.search(r"""(?:src|href)=["'](?:https?:)?//(?!gk\.|example\.gov\.cn)""", html)
    assert "原文：…(1)&lt;/script&gt;中华人名共和国" in html and "</script>中华" not in html
    assert '<th scope="col">检查项目</th>' in html and '<th scope="row">' in html
    assert html.index("单项否决问题</h2>") < html.index("各项检查</h2>")
    assert 'href="https://example.gov.cn/xxgk/000014349-2021-00001/"' in html  # the entry's public page


def test_axe_finds_no_violation_on_the_report_page(inspect, browser):
    doc = DOC.replace("正文第一段。", "中华人名共和国")
    result = inspect({"content/xxgk/doc.md": doc, "content/zcjd/jd.md": None}, today="2021-07-20")
    page = browser.page()
    page.set_content(result.html)  # no request at all: anything the page asked another host for would be kept
    assert axecore.violations(page) == []
    page.context.close()


def test_annotations_for_a_pull_request(tmp_path):
    root = write_project(tmp_path / "p", {"content/xxgk/doc.md": DOC.replace("正文第一段。", "中华人名共和国")})
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "inspect", "--project", str(root), "--today", TODAY,
                             "--format", "github"], capture_output=True, text=True)
    assert result.returncode == 1
    assert ("::error file=content/xxgk/doc.md,line=14,title=严重表述错误（否决）::「中华人名共和国」应为「中华人民共和国」。"
            "原文：中华人名共和国") in result.stdout.splitlines()
    assert "Traceback" not in result.stderr


def test_a_malformed_inspection_section_names_each_key(inspect):
    catalogue = CATALOGUE.replace("  thin_column_items: 0\n", "  thin_column_items: 0\n  home_max_age: 两周\n  stale_column_veto: 3\n"
                                  "  wording: ../../etc/wording.yml\n").replace(
        "动态要闻: {period: 2w, categories: [工作动态]}", "动态要闻: {period: 2w, categories: [工作新闻]}")
    result = inspect(catalogue=catalogue)
    assert result.status == 2
    for message in ("inspection 中有未知设置：stale_column_veto；", "inspection.home_max_age「两周」格式不对",
                    "inspection.columns.动态要闻.categories 中的「工作新闻」不是 catalogue.yml 中的主题分类（categories）名称。",
                    "inspection.wording「../../etc/wording.yml」应为 catalogue.yml 所在目录中的文件名"):
        assert message in result.err
    assert "Traceback" not in result.err


# The build and the example site.

def test_the_build_writes_the_inspection_into_its_report_and_still_publishes(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2021-07-10")  # the home page's newest item is 15 days old: a veto
    files = {rel: text for rel, text in BASE.items() if rel != "content/index.md"}
    (tmp_path / "wording.yml").write_text(WORDING, encoding="utf-8")
    build = build_site(tmp_path, files, catalogue=CATALOGUE)
    assert build.ok, build.errors
    inspection = json.loads((tmp_path / "build-report.json").read_text(encoding="utf-8"))["inspection"]
    assert inspection["passed"] is False and inspection["vetoes"][0]["rule"] == "home-newest"


def test_make_inspect_reports_the_example_sites_real_findings(tmp_path):
    project = serving.copy_example(tmp_path / "example")
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.installed", "inspect", f"PROJECT_DIR={project}",
                             "TODAY=2026-12-07"], cwd=PROJECT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert "Traceback" not in result.stderr
    assert result.returncode != 0  # the example's home page has not changed for seven weeks: a veto
    report = json.loads((project / "inspection/report.json").read_text(encoding="utf-8"))
    messages = [f["message"] for r in report["rules"] for f in r["findings"]]
    assert report["vetoes"][0]["message"].startswith("首页最新的一条信息「示例市公安局“高效办成一件事”公安政务服务事项清单」发布于 2026-10-16")
    assert "没有 2021 年度的政府信息公开工作年度报告（应于 2022 年 1 月 31 日前公布）。" in messages
    assert ("2025 年度报告表二「行政规范性文件」行「现行有效件数」：报告填报 13，目录中为 2（年末未废止、未失效）。") in messages
    assert any(m.startswith("第二十条第（八）项“行政事业性收费项目及其依据、标准”没有对应的栏目") for m in messages)
    assert "外部链接 https://zwfw.example.gov.cn/gaj/huji-qianru" in messages
    wording = next(r for r in report["rules"] if r["id"] == "wording")
    assert (wording["verdict"], wording["checked"].endswith("对照 wording.yml 中的 21 个词条")) == (None, True)
    html = (project / "inspection/report.html").read_text(encoding="utf-8")
    assert "自查得分 <strong>" in html and "示例市公安局交通警察支队" in html
