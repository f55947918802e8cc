"""The Python↔JavaScript pairs kept in step by shared test vectors (tests/vectors/*.json), which this
module checks the Python side against and tests/js/vectors.test.mjs (run here in Node) the browser's:

- search words: search/segment.py ↔ gk-query.js (`Lexicon.words`, `exactWord`), Traditional characters
  folded to Simplified with the table the build ships (segment.fold_table);
- the search index: search/index.py writes a bundle that gk-index.js reads (each word's pages and
  positions, the filters, the fragments); gk-rank.js ranks pages of it (tests/js/rank.test.mjs);
- the 繁體 table: outputs/traditional.py ↔ gongkai.js (the table cut down to the texts, and its
  conversions, which are OpenCC's).

`python tests/test_vectors.py` writes the vector files anew from the Python side; a change there then
fails the Node test until the browser's code follows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import opencc

import serving
from conftest import PROJECT
from gongkai.outputs import traditional
from gongkai.search import records, segment
from gongkai.search.records import Record

VECTORS = Path(__file__).parent / "vectors"
WORDS = ["户口迁移办理流程：申请人携带身份证到派出所。", "示公通〔2021〕12号", "11990000MB1234567A/2021-00012",
         "Ｐｏｌｉｃｅ　１２３ＡＢ，G20峰会", "𠀀𠀁好", "① ㎡ ｶ Ⅻ", "", "。，、", "〇一二", "A-b_c.d 中文English混排",
         "戶口遷移辦理流程：申請人攜帶身份證到派出所。", "乾淨的頭髮、後來、裏面和裡面", "薴麻", "著作和着急"]
CODES = ["示公通〔2021〕12号", "11990000MB1234567A/2021-00012", "000014349/2017-00110", "719776475-GK-2016-91826", "〔〕"]
RECORDS = [
    {"url": "xxgk/a/", "title": "户口迁移办理指南", "text": "申请户口迁移，携带居民身份证。", "kind": "目录条目",
     "date": "2021-03-15", "index_no": "000014349/2021-00001", "publisher": "示例市公安局", "validity": "有效",
     "keywords": ["户口迁移", "落户"], "summary": "户口迁移的办理指南。"},
    {"url": "xxgk/b/", "title": "居民身份证换领", "text": "身份证到期前三个月可以换领。户口簿也要带。", "kind": "目录条目",
     "date": "2022-05-01", "index_no": "000014349/2022-00002", "publisher": "示例市公安局交通警察支队", "validity": "废止"},
    {"url": "gongkai-zhinan/", "title": "政府信息公开指南", "text": "依申请公开的办理流程。", "kind": "指南与说明"},
    {"url": "bszn/c/", "title": "居民身份證換領", "text": "身份證有效期滿的，請到戶籍窗口換領。", "kind": "办事指南",
     "date": "2020-01-02", "index_no": "000014349/2020-00003", "publisher": "示例市公安局", "column": "办事服务"},
    {"url": "xxgk/d/", "title": "居民身份证换领", "text": "身份证到期前三个月可以换领。户口簿也要带。", "kind": "目录条目",
     "date": "2022-05-01", "index_no": "000014349/2022-00004", "publisher": "示例市公安局交通警察支队", "validity": "有效"},
]
LOOKUPS = ["户口", "身份", "迁", "指南", "公开", "换领", "戶籍"]
S2T_TEXTS = ["皇后在后台发表讲话", "头发和发展", "干部干净地晒干衣服", "后来", "里程和里面", "公安局发布通知", "〇"]


def vectors() -> dict[str, Any]:
    """What the Python side gives for every input of the vectors."""
    return {
        "segment": {
            "words": {text: segment.words(text) for text in WORDS},
            "exact": {code: segment.exact_word(code) for code in CODES},
            "fold": segment.fold_table(set(segment.normalise("".join(WORDS + CODES)))),
        },
        "index": {"records": RECORDS, "lookups": {word: _lookup(word) for word in LOOKUPS}},
        "s2t": _s2t(),
    }


def _records() -> list[Record]:
    """The records, numbered as the index numbers them (newest first)."""
    return records.newest_first(Record(**{**fields, "keywords": tuple(fields.get("keywords", ()))}) for fields in RECORDS)


def _lookup(word: str) -> dict[str, list[int]]:
    """The pages (by URL) whose index words start with the search word of `word`, with their positions."""
    term = segment.words(word)[0] if len(word) > 1 else segment.words(word)[0][:5]
    found: dict[str, list[int]] = {}
    for record in _records():
        positions = [n for section, _ in _sections(record) for n, w in section if w.startswith(term)]
        if positions:
            found[record.url] = sorted(positions)
    return found


def _sections(record: Record) -> list[tuple[list[tuple[int, str]], int]]:
    """A record's words with their positions, as index.page numbers them (a position left after each section)."""
    out, at = [], 0
    for words, weight in record.sections():
        if words:
            out.append((list(enumerate(words, at)), weight))
            at += len(words) + 1
    return out


def _s2t() -> dict[str, Any]:
    table = traditional.table(set().union(*(traditional.runs(t) for t in S2T_TEXTS)))
    converter = opencc.OpenCC("s2t")
    return {"table": json.loads(table.to_json()), "texts": {text: converter.convert(text) for text in S2T_TEXTS}}


def stored() -> dict[str, Any]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(VECTORS.glob("*.json"))}


def test_the_python_side_gives_the_vectors():
    assert vectors() == stored()


def test_the_s2t_table_converts_as_opencc_does():
    found = stored()["s2t"]
    table = traditional.Table(found["table"]["chars"], found["table"]["phrases"])
    assert {text: table.convert(text) for text in found["texts"]} == found["texts"]


def test_the_browser_s_code_gives_the_vectors(tmp_path):
    """tests/js/vectors.test.mjs, in Node, over the bundle the Python side writes from the vectors' records."""
    records.write_index(tmp_path, _records(), [("身份证", "居民身份证"), ("换证", "换领"), ("到期", "期满")])
    result = subprocess.run([serving.ensure("node", "nodejs"), "--test", str(Path(__file__).parent / "js")],
                            capture_output=True, text=True, env={**os.environ, "GK_BUNDLE": str(tmp_path / records.OUTPUT),
                                                                 "GK_JAVASCRIPTS": str(PROJECT / "overrides/assets/javascripts")})
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout


if __name__ == "__main__":
    for name, value in vectors().items():
        (VECTORS / f"{name}.json").write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sys.exit(0)
