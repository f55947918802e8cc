"""Site search: the words index and browser agree on, the index holding public pages only, and the
search page driven in headless Chromium against the example site served by nginx."""

from __future__ import annotations

import bisect
import gzip
import html
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from itertools import pairwise
from pathlib import Path
from urllib.parse import quote

import pytest

import serving
from conftest import PROJECT, build_site, entry
from gongkai.search import index as searchindex
from gongkai.search import segment, synonyms
from gongkai.search.records import Record, newest_first, page_record
from leak import leaks

SCRIPTS = PROJECT / "overrides/assets/javascripts"
SAMPLES = ["户口迁移办理流程：申请人携带身份证到派出所。", "示公通〔2021〕12号", "11990000MB1234567A/2021-00012",
           "Ｐｏｌｉｃｅ　１２３ＡＢ，G20峰会", "𠀀𠀁好", "① ㎡ ｶ Ⅻ", "", "。，、"]
FOUND = re.compile("[条條][结結]果|[没沒]有找到")  # either script: the 繁體 switch converts the page


def test_words_cover_every_character_and_stay_ascii() -> None:
    code = {"政": "0jzz", "府": "0ios", "信": "0fs1", "息": "0j1r"}  # each code point in four base-36 digits
    assert [ord(c) for c in code] == [int(v, 36) for v in code.values()]
    assert segment.words("政府信息") == ["h" + code[a] + code[b] for a, b in ["政府", "府信", "信息"]] + ["h" + code["息"]]
    assert segment.words("《条例》第12条 Police") == [*segment.words("条例"), *segment.words("第"), "a12",
                                                   *segment.words("条"), "apolice"]
    assert all(w.isascii() and w.isalnum() for w in segment.words(SAMPLES[0] + SAMPLES[3]))
    assert segment.words("１２３ＡＢ") == ["a123ab"]  # full-width forms are folded
    assert segment.exact_word("示公通〔2021〕12号") == segment.exact_word("示公通 2021 12 号")
    assert segment.exact_word("11990000MB1234567A/2021-00012") == "gkexact11990000mb1234567a202100012"
    assert segment.words("戶口遷移") == segment.words("户口迁移")  # Traditional folds to Simplified


def test_pages_are_numbered_newest_first() -> None:
    dates = {"b/": "2021-03-15", "a/": "2021-03-15", "c/": "2022-01-01", "e/": "", "d/": "2020-12-31"}
    pages = newest_first(Record(url, url, "", "目录条目", date) for url, date in dates.items())
    assert [r.url for r in pages] == ["c/", "a/", "b/", "d/", "e/"]


def test_cbor_is_read_and_written() -> None:
    data = bytes.fromhex("830163616263821864" + "20")
    assert searchindex.decode(data, 0) == ([1, "abc", [100, -1]], 10)
    assert searchindex.encode([1, "abc", [100, -1]]) == data


# The index and Pagefind's indexer --------------------------------------------------------------

PLACEHOLDER = "，"  # a word position Pagefind counts but does not index


def pagefind_document(record: Record) -> str:
    """A record as Pagefind's indexer would be given it: the sections' words in blocks (the title as a
    heading, the keywords weighted 6, the summary 3, the exact-lookup words 10), each block ending with
    a placeholder (Pagefind ends a block's last word with a full stop and also indexes its letters and
    digits as words of their own), and the metadata and filters in an ignored block."""
    title, keywords, summary, text, said, exact = (" ".join(words) for words, _ in record.sections())
    def block(words: str) -> str:
        return f"{words} {PLACEHOLDER}" if words else ""
    hidden = "".join(f'<span data-pagefind-meta="{k}">{html.escape(v)}</span>' for k, v in record.meta().items())
    hidden += "".join(f'<span data-pagefind-filter="{k}">{html.escape(v)}</span>'
                      for k, values in record.filters().items() for v in values)
    return (f'<html lang="und"><body><h1>{block(title)}</h1><div data-pagefind-weight="6">{block(keywords)}</div>'
            f'<div data-pagefind-weight="3">{block(summary)}</div><div>{block(text)}</div><div>{block(said)}</div>'
            f'<div data-pagefind-weight="10">{block(exact)}</div><div data-pagefind-ignore>{hidden}</div></body></html>')


def records(count: int) -> list[Record]:
    """Records of every kind, with repeated words, ASCII, full-width forms and codes."""
    rng = random.Random(7)
    text = "户口迁移办理流程：申请人携带居民身份证到派出所办理，办理时限为五个工作日。Police 12 号，Ｇ２０，𠀀。"
    out = []
    for n in range(count):
        body = "".join(text[rng.randrange(len(text)):] for _ in range(rng.randrange(0, 6)))
        if n % 5 == 0:
            out.append(page_record(f"page{n}/", f"公开指南{n}", body))
        else:
            out.append(Record(f"xxgk/{n}/", f"关于{body[:8]}的通知", body, rng.choice(["目录条目", "办事指南"]),
                                     f"202{n % 4}-0{n % 9 + 1}-15", f"11990000MB/202{n % 4}-{n:05d}",
                                     f"示公通〔2021〕{n}号" if n % 3 else "", "示例市公安局" if n % 2 else "",
                                     ("户籍", "户口") if n % 4 else (), "有效" if n % 2 else "",
                                     (body[2:6], "户口迁移") if n % 3 else (), body[-9:] if n % 2 else ""))
    return out


def test_the_index_is_the_one_pagefinds_indexer_writes(tmp_path: Path) -> None:
    """Every word with its pages and locations, the word counts, the filters and the results' facts
    are those of Pagefind 1.5.2's extended indexer over the same records as HTML documents (which
    also indexes the metadata's words; the metadata is not searched here)."""
    made = records(60)
    ours = tmp_path / "ours"
    bundle = searchindex.write(ours, [r.document() for r in made])
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, record in enumerate(made):
        (pages / f"r{n:04d}.html").write_text(pagefind_document(record), encoding="utf-8")
    theirs = tmp_path / "theirs"
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(theirs),
                    "--force-language", "und"], check=True, capture_output=True)
    their_meta = searchindex.read(next(theirs.glob("*.pf_meta")))
    fragments = [json.loads(gzip.decompress((theirs / "fragment" / f"{page_id}.pf_fragment").read_bytes())[12:])
                 for page_id, _ in their_meta[1]]
    numbers = [int(f["url"][2:6]) for f in fragments]  # their page number → the record's
    assert sorted(numbers) == list(range(len(made)))
    our_meta = searchindex.read(next(ours.glob("*.pf_meta")))
    assert [page_id for page_id, _ in our_meta[1]] == bundle.pages
    assert {numbers[p]: searchindex.rounded(count) for p, (_, count) in enumerate(their_meta[1])} == {
        p: count for p, (_, count) in enumerate(our_meta[1])}
    words = located(ours, our_meta, list(range(len(made))))
    assert len(words) > 1000 and words == located(theirs, their_meta, numbers)
    assert filtered(theirs, their_meta, numbers) == filtered(ours, our_meta, list(range(len(made))))
    for page_id, record in zip(bundle.pages, made, strict=True):
        fragment = json.loads(gzip.decompress((ours / "fragment" / f"{page_id}.pf_fragment").read_bytes())[12:])
        their = fragments[numbers.index(made.index(record))]
        assert fragment["meta"] == {**their["meta"], **({"text": record.text} if record.text else {})}
        assert fragment["filters"] == their["filters"]


def located(bundle: Path, meta: list, numbers: list[int]) -> dict[tuple[str, int], list[int]]:  # type: ignore[type-arg]
    """Each word's locations on each page that has it in its text, by (word, record number)."""
    found = {}
    for _, _, name in meta[2]:
        for word, pages, _ in searchindex.read(bundle / "index" / f"{name}.pf_index")[0]:
            page = 0
            for delta, locations, _ in pages:
                page += delta
                if locations:
                    found[word, numbers[page]] = locations
    return found


def filtered(bundle: Path, meta: list, numbers: list[int]) -> dict[str, dict[str, set[int]]]:  # type: ignore[type-arg]
    found = {}
    for _, name in meta[3]:
        filter_name, values = searchindex.read(bundle / "filter" / f"{name}.pf_filter")
        found[filter_name] = {value: {numbers[p] for p in pages} for value, pages in values}
    return found


def node_eval(tmp_path: Path, expression: str) -> object:
    """The value of a JavaScript expression over gk-query.js's (`query`) and gk-rank.js's (`rank`)
    exports, in Node."""
    for path in SCRIPTS.glob("gk-*.js"):
        shutil.copy(path, tmp_path)
    (tmp_path / "package.json").write_text('{"type": "module"}', encoding="utf-8")
    script = tmp_path / "eval.mjs"
    script.write_text(f'import * as query from "{tmp_path / "gk-query.js"}";\nimport * as rank from "{tmp_path / "gk-rank.js"}";\n'
                      f"console.log(JSON.stringify({expression}));\n", encoding="utf-8")
    result = subprocess.run([serving.ensure("node", "nodejs"), str(script)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def test_the_browser_makes_the_same_words_as_the_index(tmp_path: Path) -> None:
    found = node_eval(tmp_path, f"{json.dumps(SAMPLES)}.map((t) => [new query.Lexicon().words(t), new query.Lexicon().exactWord(t)])")
    assert found == [[segment.words(t), segment.exact_word(t)] for t in SAMPLES]


def test_a_query_is_looked_up_by_every_word_of_its_parts(tmp_path: Path) -> None:
    """A Han run of n characters by its n - 1 words of two, whichever index chunks they are in, so that a
    page holding its words apart is found as well as one holding the phrase."""
    words = segment.words("政府信息公开")  # 政府 府信 信息 息公 公开 开
    looked = node_eval(tmp_path, 'rank.plan(new query.Lexicon().parse("政府信息公开")).terms')
    assert looked == words[:-1]


def test_the_index_is_rewritten_for_a_small_first_search(site) -> None:  # type: ignore[no-untyped-def]
    text = "".join(chr(0x4E00 + k * 7 % 3000) for k in range(3000))  # 3,000 words, each on one page
    build = site({"content/xxgk/a.md": entry(title="关于户口迁移的通知") + f"\n{text}\n"})
    assert build.ok, build.errors
    pagefind = build.site / "pagefind"
    ranges = searchindex.read(next(pagefind.glob("*.pf_meta")))[2]
    # Each chunk reaches up to the next one's first word, so Pagefind loads one chunk per word.
    assert len(ranges) > 1 and all(last == after[:-1] + chr(ord(after[-1]) - 1) + "~"
                                   for (_, last, _), (after, _, _) in pairwise(ranges))
    fragments = list((pagefind / "fragment").glob("*.pf_fragment"))
    assert fragments and all(len(f.stem) <= 8 for f in fragments)  # a six-character tag and a number
    data = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in fragments]
    assert all(d["content"] == "" and d["meta"]["url"] for d in data)  # the search words are not shipped


def test_index_holds_public_pages_only(site) -> None:  # type: ignore[no-untyped-def]
    secret = "绝密测试标记甲乙丙"
    build = site({
        "content/xxgk/a.md": entry(title="公开的通知", disclosure="删减后公开").replace(
            "正文第一段。", f"公开的正文。[[删减]]{secret}[[/删减]]"),
        "content/xxgk/b.md": entry("000014349/2021-00002", title="依申请公开的通知" + secret, disclosure="依申请公开"),
    })
    assert build.ok, build.errors
    pagefind = build.site / "pagefind"
    assert (pagefind / "pagefind-entry.json").is_file() and len(list((pagefind / "fragment").iterdir())) == 2  # + yishenqing
    assert not list(pagefind.glob("pagefind-ui*")) and not list(pagefind.glob("*.js")), "Pagefind's browser code is not shipped"
    withheld = segment.words("标记甲乙丙")  # the search words of the secret that no public text has
    assert leaks(pagefind, [secret, "依申请公开的通知", *withheld]) == {}
    # The same check finds what is published, in the original text and in search words.
    published = segment.words("公开的正文")
    assert set(leaks(pagefind, ["公开的正文", *published])) == {"公开的正文", *published}


def test_search_can_be_turned_off(site) -> None:  # type: ignore[no-untyped-def]
    on = site({"content/xxgk/a.md": entry()})
    assert 'action="../jiansuo/"' in on.html("mulu/index.html") and (on.site / "jiansuo/index.html").is_file()
    off = site({"content/xxgk/a.md": entry()}, options={"search": False})
    assert off.ok, off.errors
    assert not (off.site / "pagefind").exists() and not (off.site / "jiansuo").exists()
    assert "gk-searchbox" not in off.html("mulu/index.html")


# In the browser -------------------------------------------------------------------------------


def search(page, base: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/jiansuo/?q={quote(query)}")
    page.locator(".gk-search__status").filter(has_text=FOUND).wait_for()
    return [a.inner_text() for a in page.locator(".gk-results .gk-result-title a").all()]


def test_header_box_leads_to_results(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    page.goto(served_example.base + "/")
    page.fill("#gk-searchbox-q", "放宽户口迁移政策")
    page.press("#gk-searchbox-q", "Enter")
    page.locator(".gk-search__status").filter(has_text=FOUND).wait_for()
    assert page.url.endswith("/jiansuo/?q=%E6%94%BE%E5%AE%BD%E6%88%B7%E5%8F%A3%E8%BF%81%E7%A7%BB%E6%94%BF%E7%AD%96")
    titles = page.locator(".gk-results .gk-result-title a").all_inner_texts()
    # the notice and its interpretation, whose text quotes the notice's title twice
    assert set(titles[:2]) == {"示例市公安局关于进一步放宽户口迁移政策的通知", "《示例市公安局关于进一步放宽户口迁移政策的通知》解读"}
    first = page.locator(".gk-results li").filter(has_text="索引号：11990000MB1234567A/2021-00012")
    facts = first.locator(".gk-result-facts").inner_text()
    assert "索引号：11990000MB1234567A/2021-00012" in facts and "发布日期：2021-03-15" in facts
    assert "发布机构：示例市公安局" in facts and "类型：公开文件" in facts
    assert first.locator(".gk-result-title mark").count() >= 1
    assert first.locator(".gk-result-excerpt mark").count() >= 1  # the text, added to the index after Pagefind
    assert page.locator(".gk-search__status").inner_text().startswith("“放宽户口迁移政策”共找到")


@pytest.mark.parametrize("query", ["11990000MB1234567A/2021-00012", "11990000mb1234567a/2021-00012", "示公通〔2021〕12号"])
def test_index_number_or_document_number_puts_its_entry_first(served_example, browser, query) -> None:  # type: ignore[no-untyped-def]
    titles = search(browser.page(), served_example.base, query)
    assert titles[0] == "示例市公安局关于进一步放宽户口迁移政策的通知"


def test_facets_count_and_filter(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    titles = search(page, served_example.base, "户口")
    total = int(re.search(r"共找到 (\d+) 条", page.locator(".gk-search__status").inner_text()).group(1))
    assert len(titles) == min(total, 10)
    page.locator(".gk-facet-group summary", has_text="类型").click()  # facet data loads when a group opens
    guide = page.locator("label.gk-facet-option", has=page.locator("input[name=type][value=办事指南]"))
    guide.locator(".gk-facet-count").filter(has_text="（").wait_for()
    count = int(re.search(r"（(\d+)）", guide.inner_text()).group(1))
    assert 0 < count < total
    guide.locator("input").check()
    page.locator(".gk-search__status").filter(has_text=f"共找到 {count} 条").wait_for()
    assert "type=%E5%8A%9E%E4%BA%8B%E6%8C%87%E5%8D%97" in page.url
    facts = [f.inner_text() for f in page.locator(".gk-result-facts").all()]
    assert len(facts) == min(count, 10) and all("类型：办事指南" in f for f in facts)


def test_sort_by_date_and_keyboard_only(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    page.goto(served_example.base + "/jiansuo/")
    page.locator("#gk-q").focus()
    page.keyboard.type("公安局")
    page.keyboard.press("Enter")
    page.locator(".gk-search__status").filter(has_text=FOUND).wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "gk-sort"
    page.keyboard.press("ArrowDown")  # 按发布日期: the pages' own order, newest first
    page.wait_for_url(re.compile("sort=date"))
    page.locator(".gk-search__status").filter(has_text=FOUND).wait_for()
    dates = [t.get_attribute("datetime") for t in page.locator(".gk-result-facts time").all()]
    assert len(dates) == 10 and dates == sorted(dates, reverse=True)
    more = page.locator(".gk-results-more")
    more.focus()
    page.keyboard.press("Enter")
    page.locator(".gk-results li").nth(10).wait_for()
    assert page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('.gk-results li')[10]")


def test_typing_fetches_the_query_chunks_before_enter(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    chunks: list[str] = []
    page.context.on("request", lambda r: chunks.append(r.url) if "/pagefind/index/" in r.url else None)
    page.goto(served_example.base + "/jiansuo/")
    page.locator("#gk-q").fill("户口迁移")
    page.wait_for_timeout(2000)
    assert chunks and page.locator(".gk-results li").count() == 0  # fetched, nothing searched yet
    fetched = len(chunks)
    page.press("#gk-q", "Enter")
    page.locator(".gk-search__status").filter(has_text=FOUND).wait_for()
    assert len(chunks) == fetched  # the search needed nothing more


def test_no_match_says_so(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    assert search(page, served_example.base, "鳄鱼企鹅") == []
    assert "没有找到与“鳄鱼企鹅”相符的结果" in page.locator(".gk-search__status").inner_text()


@contextmanager
def plain_server(root: Path) -> Iterator[str]:
    """Python's static file server: a plain web server with no configuration at all."""
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_phrase_ranks_first_and_works_under_a_subpath(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    build = build_site(tmp_path / "project", {
        "content/xxgk/a.md": entry("000014349/2021-00001", title="关于调整工作的通知")
        + "\n流程说明：户口的迁移，办理前请阅读。\n",
        "content/xxgk/b.md": entry("000014349/2021-00002", title="关于便民服务的通知")
        + "\n户口迁移办理流程如下。\n",
        "content/xxgk/c.md": entry("000014349/2021-00003", title="关于户口登记的通知") + "\n户口登记。\n",
    }, mkdocs_extra="site_url: https://example.gov.cn/gk/\n")
    assert build.ok, build.errors
    www = tmp_path / "www"
    shutil.copytree(build.site, www / "gk")
    with plain_server(www) as base:
        page = browser.page()
        assert search(page, base + "/gk", "户口迁移办理流程") == ["关于便民服务的通知", "关于调整工作的通知"]
        page.locator(".gk-results a").first.click()
        page.wait_for_url(f"{base}/gk/xxgk/000014349-2021-00002/")
        # No page has one of its words: the pages with the others are listed, and it says which.
        assert search(page, base + "/gk", "户口登记鳄鱼")[0] == "关于户口登记的通知"
        assert "没有页面含有“鳄鱼”" in page.locator(".gk-search__status").inner_text()


def test_every_page_is_found_however_the_index_chunks_fall(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Pagefind looks a word up in one index chunk. Here the words of 理 (理 and the character after
    it) fill several chunks: the one page with 理续 must still be found by 理 and by 件办理."""
    filler = "。".join("".join("理" + chr(0x4E00 + (k + line) % 700) for k in range(100)) for line in range(30))
    files = {f"content/xxgk/f{i:02d}.md": entry(f"000014349/2021-{i:05d}") + f"\n{filler}\n" for i in range(1, 16)}
    files["content/xxgk/target.md"] = entry("000014349/2021-00099", title="关于证件续期的通知") + "\n证件办理续期。\n"
    build = build_site(tmp_path / "project", files)
    assert build.ok, build.errors
    starts = [first for first, *_ in searchindex.read(next((build.site / "pagefind").glob("*.pf_meta")))[2]]
    lone, target = segment.words("理")[0], segment.words("理续")[0]
    assert bisect.bisect(starts, lone) < bisect.bisect(starts, target)  # in different chunks
    with plain_server(build.site) as base:
        page = browser.page()
        assert search(page, base, "件办理") == ["关于证件续期的通知"]
        search(page, base, "理")
        assert page.locator(".gk-search__status").inner_text().startswith("“理”共找到 16 条结果")


def test_a_traditional_query_finds_simplified_pages_in_traditional_mode(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    page.goto(served_example.base + "/")
    page.evaluate("localStorage.setItem('gongkai.script', 'hant')")  # the reader chose 繁體 earlier
    titles = search(page, served_example.base, "放寬戶口遷移政策")
    assert "示例市公安局關於進一步放寬戶口遷移政策的通知" in titles[:2]  # found, and shown in 繁體
    assert page.locator(".gk-results li").first.locator("mark").count() >= 1


# Natural queries -------------------------------------------------------------------------------

# A dozen queries as people type them (questions, everyday words, partial names, the other script),
# and the first result the example site answers with.
NATURAL = {
    "身份证到期换领": "居民身份证换领、补领",
    "护照 申领": "普通护照签发",
    "依申请公开 怎么申请": "依申请公开指南",
    "护照怎么办": "普通护照签发",
    "烟花爆竹燃放": "焰火晚会及大型焰火燃放活动许可",
    "户口迁移": "户口迁移“跨省通办”办事指南",
    "公章刻制备案": "单位印章刻制备案",
    "新生儿 出生 户口登记": "出生登记",
    "身份证丢了怎么补办": "居民身份证换领、补领",
    "驾照过期怎么换": "机动车驾驶证有效期满换证",
    "港澳通行证续签": "往来港澳通行证及签注",
    "暂住证办理": "居住证申领办事指南",
    "无犯罪证明怎么开": "无犯罪记录证明开具",
    "2022年信息公开年报": "示例市公安局2022年政府信息公开工作年度报告",
    "居民身份證換領": "居民身份证换领、补领",
}


def results(page) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each result's title and the rest of its text, as shown."""
    return [(li.locator(".gk-result-title").inner_text(), li.inner_text()) for li in page.locator(".gk-results li").all()]


def test_natural_queries_find_their_answer_first(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    firsts = {query: (search(page, served_example.base, query) or ["（没有结果）"])[0] for query in NATURAL}
    assert firsts == NATURAL


def test_results_say_what_they_lack_and_what_is_no_longer_in_force(served_example, browser) -> None:  # type: ignore[no-untyped-def]
    page = browser.page()
    search(page, served_example.base, "户口迁移")
    shown = results(page)
    repealed = next(i for i, (title, _) in enumerate(shown) if title == "示例市公安局关于户口迁移有关问题的通知")
    assert repealed >= 3 and "已废止" in shown[repealed][1] and "已废止" not in shown[0][1]
    search(page, served_example.base, "货车限行")  # two notices of one title: the one in force first
    assert [("已废止" in text) for _, text in results(page)[:2]] == [False, True]
    search(page, served_example.base, "护照 申领")  # no page holds both: the best holds 护照
    assert page.locator(".gk-search__status").inner_text().endswith("没有页面同时含有全部检索词，以下结果按含有检索词的多少排列。")
    assert "未含：申领" in results(page)[0][1]
    search(page, served_example.base, "户口登记鳄鱼")
    assert "没有页面含有“鳄鱼”，以下结果含有其余的词。" in page.locator(".gk-search__status").inner_text()


def test_every_synonym_pair_resolves(served_example, tmp_path: Path) -> None:
    """For every pair of words of a group in the example's synonyms.yml, searching the one finds every
    page of the example site holding the other; and every group holds a word some page has."""
    groups = synonyms.load(PROJECT / "synonyms.yml", "synonyms.yml").groups
    pagefind = served_example.site / "pagefind"
    texts = {}
    for path in (pagefind / "fragment").glob("*.pf_fragment"):
        meta = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["meta"]
        texts.setdefault(meta["url"], "")
        texts[meta["url"]] += segment.normalise(f"{meta['title']}\n{meta.get('text', '')}")
    holding = {word: {url for url, text in texts.items() if word in text} for group in groups for word in group}
    assert all(any(holding[word] for word in group) for group in groups), [g for g in groups if not any(holding[w] for w in g)]
    words = sorted(holding)
    found = node_search(tmp_path, served_example.site, words)
    for group in groups:
        for word in group:
            others = set().union(*(holding[other] for other in group if other != word))
            assert others <= set(found[word]), (word, others - set(found[word]))


def node_search(tmp_path: Path, site: Path, queries: list[str]) -> dict[str, list[str]]:
    """Every result's URL for each query, searched in Node with the search page's own modules over a
    built site's index, served over HTTP."""
    script = tmp_path / "search.mjs"
    script.write_text(f"""
import {{ readFileSync }} from "node:fs";
import {{ createServer }} from "node:http";
import {{ join }} from "node:path";
const {{ Index }} = await import("{SCRIPTS / 'gk-index.js'}");
const {{ searchQuery, loadSetup }} = await import("{SCRIPTS / 'gk-search.js'}");
const root = {json.dumps(str(site))};
const server = createServer((request, response) => {{
  try {{ response.end(readFileSync(join(root, decodeURIComponent(new URL(request.url, "http://x").pathname)))); }}
  catch {{ response.statusCode = 404; response.end(); }}
}});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${{server.address().port}}/pagefind/`;
const index = new Index(url);
const setup = loadSetup(index, url);
const out = {{}};
for (const query of {json.dumps(queries, ensure_ascii=False)}) {{
  const {{ found }} = await searchQuery(index, setup, query);
  out[query] = await Promise.all(found.results.map(async (r) => (await r.data()).url));
}}
server.close();
console.log(JSON.stringify(out));
""", encoding="utf-8")
    result = subprocess.run([serving.ensure("node", "nodejs"), str(script)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_either_script_finds_both(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """Some bureaus write pages in Traditional characters: a Simplified query finds them, and a
    Traditional one the Simplified pages, whichever script the reader chose."""
    build = build_site(tmp_path / "project", {
        "content/xxgk/a.md": entry("000014349/2021-00001", title="關於戶口遷移登記的通知") + "\n戶口遷移須攜帶居民身份證。\n",
        "content/xxgk/b.md": entry("000014349/2021-00002", title="关于机动车登记的通知") + "\n机动车登记请到车管所。\n",
    })
    assert build.ok, build.errors
    with plain_server(build.site) as base:
        page = browser.page()
        assert search(page, base, "户口迁移")[0] == "關於戶口遷移登記的通知"
        assert search(page, base, "機動車登記")[0] == "关于机动车登记的通知"
        assert page.locator(".gk-results mark").count() >= 2  # the words found are marked, in either script


def test_every_page_holding_a_phrase_or_its_words_is_found_however_the_chunks_fall(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    """At a size where the query's words lie in different index chunks, one of them heavy: every page
    holding 烟花爆竹燃放 is found, and the page holding its words apart (燃放烟花爆竹) too, below them.
    (Looked up only by the words in the lightest chunks, all of them required, the phrase was found
    only on the pages holding it as typed: the word across its two words, 竹燃, is on no other page.
    That was the fault at 10,000 entries, where 爆竹 shares its chunk with a common word.)"""
    rng = random.Random(27)
    common = "爆" + chr(ord("竹") + 1)  # the word right after 爆竹, on every filler page: its chunk is heavy
    def filler() -> str:  # the common word at random distances, among random words
        return "。".join(common + "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(rng.randrange(1, 16)))
                        for _ in range(1500))
    files = {f"content/xxgk/f{i:02d}.md": entry(f"000014349/2021-{i:05d}") + f"\n{filler()}\n" for i in range(1, 13)}
    for i in range(13, 19):
        files[f"content/xxgk/p{i:02d}.md"] = entry(f"000014349/2021-{i:05d}", title=f"关于安全检查的通知{i}") + "\n春节期间烟花爆竹燃放须遵守规定。\n"
    files["content/xxgk/apart.md"] = entry("000014349/2021-00099", title="焰火晚会许可") + "\n主办单位燃放烟花爆竹须经许可。\n"
    build = build_site(tmp_path / "project", files)
    assert build.ok, build.errors
    chunks = searchindex.read(next((build.site / "pagefind").glob("*.pf_meta")))[2]
    starts = [first for first, *_ in chunks]
    sizes = {name: (build.site / "pagefind/index" / f"{name}.pf_index").stat().st_size for *_, name in chunks}
    words = segment.words("烟花爆竹燃放")[:-1]
    at = [bisect.bisect(starts, w) - 1 for w in words]  # each word's chunk
    assert len(set(at)) >= 3 and sizes[chunks[at[2]][2]] > sizes[chunks[at[1]][2]] + sizes[chunks[at[3]][2]]
    with plain_server(build.site) as base:
        page = browser.page()
        titles = search(page, base, "烟花爆竹燃放")
        assert sorted(titles[:6]) == sorted(f"关于安全检查的通知{i}" for i in range(13, 19)) and titles[6:] == ["焰火晚会许可"]
        assert page.locator(".gk-search__status").inner_text().startswith("“烟花爆竹燃放”共找到 7 条结果。")
