"""The power and responsibility list (权责清单): items in YAML, one paginated table, views, CSV."""

from __future__ import annotations

import csv
import io
import re

from conftest import PROJECT

CATALOGUE = (PROJECT / "catalogue.yml").read_text(encoding="utf-8")


def item(n: int, subject: str = "示例市公安局", kind: str = "行政许可", **extra: str) -> str:
    fields = {"subject": subject, "name": f"事项{n}", "type": kind, "basis": f"《某条例》第{n}条",
              "accountability": "《行政许可法》第七十二条", "supervision": "内部监督", "remedy": "行政复议、行政诉讼", **extra}
    return "  - " + "\n    ".join(f"{k}: {v}" for k, v in fields.items()) + "\n"


def items(count: int) -> str:
    return "items:\n" + "".join(item(n, "示例市公安局交通警察支队" if n % 3 == 0 else "示例市公安局",
                                     "行政处罚" if n % 2 == 0 else "行政许可") for n in range(1, count + 1))


def test_power_list_table_views_and_csv(site):
    build = site({"content/qzqd/a.yml": items(60), "content/qzqd/b.yml": "items:\n" + item(61, kind="行政检查")},
                 catalogue=CATALOGUE)
    assert build.ok, build.errors
    first = build.html("qzqd/index.html")
    assert "共 61 项，第 1 / 2 页" in first
    # a compact row (序号, 事项名称, 类型, 责任主体) whose name opens the other elements without scripts
    row = re.sub(r"\s*\n\s*", "", first[first.index('<tr id="item-1">'):first.index("</tr>", first.index('<tr id="item-1">'))])
    assert row == ('<tr id="item-1"><td class="gk-power__number">1</td><td class="gk-power__name"><details><summary>事项1</summary><dl>'
            "<dt>设定依据</dt><dd>《某条例》第1条</dd><dt>追责依据</dt><dd>《行政许可法》第七十二条</dd>"
            "<dt>监督方式</dt><dd>内部监督</dd><dt>救济途径</dt><dd>行政复议、行政诉讼</dd></dl></details></td>"
            '<td class="gk-power__short"><span class="gk-list__label">类型：</span>行政许可</td>'
            '<td class="gk-power__short"><span class="gk-list__label">责任主体：</span>示例市公安局</td>')
    assert "事项51" not in first and "事项51" in build.html("qzqd/page/2/index.html")
    tree = first[first.index('<nav class="gk-tree"'):]
    assert '<a href="type/%E8%A1%8C%E6%94%BF%E8%AE%B8%E5%8F%AF/">行政许可</a>' in tree and ">行政检查</a>" in tree
    assert "共 30 项" in build.html("qzqd/type/行政许可/index.html")
    assert "事项61" in build.html("qzqd/type/行政检查/index.html")
    assert "共 20 项" in build.html("qzqd/subject/示例市公安局交通警察支队/index.html")
    rows = list(csv.reader(io.StringIO((build.site / "qzqd/qzqd.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["序号", "责任主体", "事项名称", "类型", "设定依据", "追责依据", "监督方式", "救济途径"]
    assert len(rows) == 62 and rows[61][:4] == ["61", "示例市公安局", "事项61", "行政检查"]
    assert not (build.site / "qzqd/a.yml").exists()


def test_power_list_errors_name_file_line_item_and_field(site):
    bad = "items:\n" + item(1) + item(2, kind="行政审批") + item(3).replace("    remedy: 行政复议、行政诉讼\n", "")
    build = site({"content/qzqd/a.yml": bad + "  - {subject: 示例市公安局, nme: 错字}\n"}, catalogue=CATALOGUE)
    assert not build.ok
    for message in (
        "content/qzqd/a.yml 第 11 行：第 2 项的「类型」（type）的值「行政审批」不在可选范围内；可选值：行政许可、行政处罚、行政强制、",
        "content/qzqd/a.yml 第 16 行：第 3 项缺少「救济途径」（remedy）。",
        "content/qzqd/a.yml 第 22 行：第 4 项有未知的键「nme」；可用：subject、name、type、basis、accountability、supervision、remedy。",
    ):
        assert f"  - {message}" in build.errors, build.errors


def test_personal_data_in_the_power_list_is_refused(site):
    build = site({"content/qzqd/a.yml": "items:\n" + item(1, supervision="举报电话 13812345678")}, catalogue=CATALOGUE)
    assert "content/qzqd/a.yml 第 7 行：发现疑似手机号码「138******78」。" in build.errors


def test_a_thousand_items_stay_in_pages_of_fifty(site):
    build = site({"content/qzqd/a.yml": items(1000)}, catalogue=CATALOGUE)
    assert build.ok, build.errors
    first = build.html("qzqd/index.html")
    assert "共 1000 项，第 1 / 20 页" in first and first.count('<tr id="item-') == 50
    assert "事项1000" in build.html("qzqd/page/20/index.html")


def test_only_yaml_files_belong_in_the_power_list_folder(site):
    build = site({"content/qzqd/a.yml": items(2), "content/qzqd/readme.md": "# 说明\n"}, catalogue=CATALOGUE)
    assert ("  - content/qzqd/readme.md：权责清单目录中只能放 .yml 文件（每个文件以 items: 列出事项）；请把这个文件移到别处或删除。"
            in build.errors.splitlines())


def test_no_empty_columns_are_published(site):
    build = site({"content/xxgk/a.md": "---\ntitle: 通知\nindex_no: 11990000MB1234567A/2021-00001\ncategory: 通知公告\n"
                                       "publisher: 示例市公安局\ndate: 2021-03-15\ndisclosure: 主动公开\nvalidity: 有效\n---\n正文\n"},
                 catalogue=CATALOGUE)
    assert build.ok, build.errors
    for folder in ("bszn", "zcjd", "ndbg", "qzqd"):
        assert not (build.site / folder).exists(), folder
