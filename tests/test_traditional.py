"""The 繁體 switch: the build-time table converts exactly as OpenCC's s2t does, and the browser applies it."""

from __future__ import annotations

import json

import opencc
import pytest

from gongkai.outputs import traditional
from gongkai.outputs.traditional import Table

SENTENCES = ["后台管理与皇后的故事", "示例市公安局政府信息公开", "新闻发布会后发布了通知", "头发和发展", "答复复议申请",
             "面条里面有干货", "一只犬只", "〇"]


@pytest.fixture(scope="module")
def s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def test_table_converts_as_opencc_with_only_what_the_texts_need(s2t):
    pieces = [run for sentence in SENTENCES for run in traditional.runs(sentence)]
    table = traditional.table(pieces)
    for sentence in SENTENCES:
        assert table.convert(sentence) == s2t.convert(sentence), sentence
    assert table.convert("后台") == "後臺" and table.convert("皇后") == "皇后" and table.chars["后"] == "後"
    assert table.phrases["皇后"] == "皇后" and "后台" not in table.phrases  # 後臺 is what its characters give
    assert set(table.chars) <= set("".join(SENTENCES))
    assert len(table.phrases) < 20  # phrases converting like their characters are left out unless needed


def test_phrases_that_convert_like_their_characters_are_kept_where_segmentation_needs_them():
    full = Table({"后": "後", "台": "臺"}, {"皇后": "皇后", "后台": "後臺"})
    assert full.convert("皇后台") == "皇后臺" and full.convert("后台") == "後臺"
    assert list(full.segments("皇后台")) == ["皇后", "台"]


def test_the_sites_table_converts_every_text_of_the_site_as_opencc(served_example, s2t):
    asset = served_example.site / traditional.ASSET
    data = json.loads(asset.read_text(encoding="utf-8"))
    table = Table(data["chars"], data["phrases"])
    pieces = {run for page in served_example.site.rglob("*.html") for run in traditional.runs(page.read_text("utf-8"))}
    wrong = [p for p in pieces if table.convert(p) != s2t.convert(p)]
    assert wrong == []
    assert asset.stat().st_size < 12_000 and asset.with_name(asset.name + ".gz").stat().st_size < 5_000


TEXTS = """() => { const out = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) { const n = walk.currentNode;
        if (!["SCRIPT", "STYLE"].includes(n.parentNode.nodeName)) out.push(n.data); }
    return out; }"""


def test_switch_converts_the_page_like_opencc_and_is_remembered(served_example, browser, s2t):
    page = browser.page()
    page.goto(served_example.base + "/")
    before = page.evaluate(TEXTS)
    button = page.locator('[data-gk-switch="script"]')
    button.click()
    page.wait_for_selector('[data-gk-switch="script"][aria-pressed="true"]')
    assert page.locator("h1").inner_text() == "示例市公安局政府信息公開"
    assert page.evaluate("document.documentElement.lang") == "zh-Hant"
    assert page.evaluate(TEXTS) == [s2t.convert(text) for text in before]
    assert page.title() == s2t.convert("示例市公安局政府信息公开")
    page.goto(served_example.base + "/xxgk/11990000MB1234567A-2021-00012/")  # remembered on the next page
    page.wait_for_selector('[data-gk-switch="script"][aria-pressed="true"]')
    assert "示例市公安局關於進一步放寬戶口遷移政策的通知" in page.locator("h1").inner_text()
    assert page.evaluate("document.body.style.visibility || getComputedStyle(document.body).visibility") == "visible"
    assert page.locator(".gk-qr svg").get_attribute("aria-label").startswith("本頁網址的二維碼：")
    page.locator('[data-gk-switch="script"]').click()  # and back, to the text as it was
    page.wait_for_selector('[data-gk-switch="script"][aria-pressed="false"]')
    assert "示例市公安局关于进一步放宽户口迁移政策的通知" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.reload()
    assert page.locator('[data-gk-switch="script"]').get_attribute("aria-pressed") == "false"
    page.context.close()


def test_runs_are_the_han_runs_for_every_character():
    every = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(c + c + "x" + c for c in every)  # runs of one and two of each character
    assert traditional.runs(text) == set(traditional.HAN.findall(text))
    assert "〇〇" in traditional.runs(text) and "x" not in traditional.runs(text)
