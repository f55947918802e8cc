"""Search at scale: `python benchmarks/search.py [N] [--against REF] [--rounds R]` (`make bench-search`,
N=10000 by default).

Builds a synthetic catalogue of N entries with the example site mixed in (corpus.py --example),
serves it with nginx on localhost and searches it in headless Chromium (Debian's chromium through
Playwright). Prints one JSON line:

- index_s: seconds the build took to write the search index (from the build log);
- first_query_kb: bytes of the search files (pagefind/...) a fresh browser fetches to show the
  first results (page load + first query; nginx serves the precompressed .gz where there is one);
- first_results_ms: from pressing Enter on a freshly opened search page to the frame that shows the
  first result, timed in the page (the median of five fresh pages, as is typed_results_ms), the
  query filled in at once just before;
- typed_results_ms: the same when the query was typed and Enter pressed half a second later, as a
  person does: the page loads the index and the query's chunks while the query is typed;
- top1, top3: hit rates over queries with one right answer (titles, phrases from bodies, 索引号, 文号);
- slowest_common_ms: the longest search among the common phrases below, its index chunks fetched;
- recall: for common phrases, the share of the pages containing the phrase (in their title or text)
  that the search returns (the lowest over the phrases), and recall_by_phrase;
- judged: the judged query set (judged-queries.yml, natural queries with the pages that answer them):
  top1, top3 (an answer first, among the first three), ndcg3 (nDCG@3, each answer counted once),
  empty (queries with an answer and no result at all).

With `--against REF` (a commit), the same is measured for the tree of REF (git archive) and for this
one, in alternating rounds (`--rounds`, 2 by default; REF first), a JSON line each, with `tree`: the
machine is shared and noisy, so before and after are compared within one run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
import corpus  # noqa: E402
import serving  # noqa: E402

COMMON = ["政府信息公开", "公安机关", "派出所", "户口迁移", "交通安全", "按时办结率", "整改情况", "政务服务网", "居民身份证办理",
          "示例市公安局", "依法、公开、便民", "反诈骗宣传", "流动人口服务", "理"]
PAGE = "/jiansuo/"
RUNS = 5  # timings in a browser on this machine vary by half; the median of five
JUDGED = ROOT / "benchmarks/judged-queries.yml"
_INDEX_LOG = re.compile(r"站内检索索引：(\d+) 个页面，用时 ([\d.]+) 秒")


def build(project: Path, tree: Path) -> float:
    """Build the project as `make site` does, with the package of `tree`; returns the indexing seconds
    from the build log."""
    env = {**os.environ, "PYTHONPATH": str(tree / "plugins")}
    result = subprocess.run([sys.executable, "-m", "gongkai.cli", "build", "--strict", "--project", str(project)],
                            capture_output=True, text=True, env=env)
    if result.returncode:
        sys.exit(result.stderr[-3000:])
    found = _INDEX_LOG.search(result.stderr + result.stdout)
    assert found, "the build did not report the search index"
    return float(found.group(2))


def sources(project: Path) -> list[dict[str, str]]:
    """Every synthetic entry's URL, title, 索引号, 文号 and body, from the Markdown the corpus wrote."""
    out = []
    for path in sorted((project / "content/xxgk").rglob("e*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        url = f"/xxgk/{meta['index_no'].replace('/', '-')}/"
        out.append({"url": url, "title": meta["title"], "index_no": meta["index_no"], "doc_no": meta["doc_no"],
                    "text": f"{meta['title']}\n{body}"})
    return out


def known_answers(pages: list[dict[str, str]]) -> list[tuple[str, str]]:
    """At least 40 queries with exactly one right page, spread over the catalogue."""
    step = max(1, len(pages) // 12)
    picked = pages[::step][:12]
    queries = [(p["title"], p["url"]) for p in picked]
    queries += [(re.search(r"由(.+?)具体承办", p["text"]).group(1), p["url"]) for p in picked]  # type: ignore[union-attr]
    queries += [(p["index_no"], p["url"]) for p in picked]
    queries += [(p["doc_no"], p["url"]) for p in picked]
    return queries


def fragments(site: Path) -> dict[str, dict[str, str]]:
    """Pagefind's page ids (fragment file names) -> the pages' metadata (url made absolute)."""
    out = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        meta = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))["meta"]
        out[path.stem] = {**meta, "url": "/" + meta["url"]}
    return out


def answer_urls(project: Path, pages: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each page's URL -> the example file it answers as: its own, or the one the corpus retold."""
    by_index = {meta["index_no"]: meta["url"] for meta in pages.values() if meta.get("index_no")}
    retold = corpus.retold_from()
    out = {}
    for path in sorted((project / "content").rglob("*.md")):
        rel = path.relative_to(project / "content").as_posix()
        head = path.read_text(encoding="utf-8").split("---\n")
        meta = yaml.safe_load(head[1]) if len(head) > 2 and not head[0] else None
        url = by_index.get(meta["index_no"]) if isinstance(meta, dict) and "index_no" in meta else f"/{rel[:-3]}/"
        if url:
            out[url] = retold.get(rel, rel)
    return out


def judged(browser: serving.Browser, base: str, answers: dict[str, str]) -> dict[str, object]:
    """top1, top3, nDCG@3 and empty result pages over the judged queries, as the search page shows them."""
    queries = yaml.safe_load(JUDGED.read_text(encoding="utf-8"))
    page = browser.page()
    top1 = top3 = gain = 0.0
    empty = []
    for item in queries:
        page.goto(f"{base}{PAGE}?q={quote(item['q'])}")
        page.locator(".gk-search__status").filter(has_text=re.compile("条结果|没有")).wait_for(timeout=30000)
        hrefs = [urlsplit(a.get_attribute("href") or "").path for a in page.locator(".gk-results li h2 a").all()[:3]]
        got = [answers.get(h) if answers.get(h) in item["a"] else None for h in hrefs]
        top1 += bool(got[:1] and got[0])
        top3 += any(got)
        seen: set[str] = set()
        dcg = 0.0
        for rank, answer in enumerate(got):
            if answer and answer not in seen:
                seen.add(answer)
                dcg += 1 / math.log2(rank + 2)
        gain += dcg / sum(1 / math.log2(r + 2) for r in range(min(3, len(item["a"]))))
        if not hrefs:
            empty.append(item["q"])
        if not (got[:1] and got[0]):
            print(f"judged, not first: {item['q']} -> {item['a']}; got {[answers.get(h, h) for h in hrefs]}", file=sys.stderr)
    page.context.close()
    n = len(queries)
    return {"queries": n, "top1": round(top1 / n, 3), "top3": round(top3 / n, 3), "ndcg3": round(gain / n, 3),
            "empty": empty}


def transferred(site: Path, urls: list[str]) -> int:
    """Body bytes nginx sends for these URLs: the .gz beside a file when there is one (gzip_static)."""
    total = 0
    for url in urls:
        path = site / urlsplit(url).path.lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        packed = path.with_name(path.name + ".gz")
        total += (packed if packed.exists() else path).stat().st_size
    return total


# In the page: the time from the Enter key's event to the frame that shows the first result. Timed
# in the page, not from Python: Playwright waits for an element by polling at growing intervals
# (…, 270, 770 ms), which rounds a wait up by as much as half a second. And awaited as a promise:
# a wait_for_function would compile Playwright's injected script and poll on the page's main
# thread while the search runs there (15 ms in a trace).
_TIMER = """() => {
    let enter;
    addEventListener("keydown", (e) => { if (e.key === "Enter") enter = e.timeStamp; }, true);
    const list = document.querySelector(".gk-results");
    window.gkShown = new Promise((resolve, reject) => {
        new MutationObserver((_, observer) => {
            if (!list.querySelector("li")) return;
            observer.disconnect();
            requestAnimationFrame((frame) => resolve(frame - enter));
        }).observe(list, { childList: true });
        setTimeout(() => reject(new Error("no results within 30 s")), 30000);
    });
}"""


def first_query(browser: serving.Browser, base: str, site: Path, query: str, pause: float = 0) -> tuple[int, float]:
    """Bytes fetched and milliseconds to the first result, Enter pressed `pause` seconds after typing."""
    page = browser.timed_page()
    requested: list[str] = []
    page.context.on("request", lambda r: requested.append(r.url))
    page.goto(base + PAGE)
    page.evaluate(_TIMER)
    page.fill("#gk-q", query)
    page.wait_for_timeout(pause * 1000)
    page.press("#gk-q", "Enter")
    elapsed = page.evaluate("gkShown")  # awaited in the page: no polling beside the search
    searched = [u for u in requested if "/pagefind/" in u]
    page.context.close()
    return transferred(site, searched), elapsed


def median_of(runs: int, measure: Callable[[], tuple[int, float]]) -> tuple[int, float]:
    """Bytes and the median milliseconds of `runs` measurements, each in a fresh browser context."""
    results = [measure() for _ in range(runs)]
    return results[0][0], statistics.median(ms for _, ms in results)


def top_hits(browser: serving.Browser, base: str, queries: list[tuple[str, str]]) -> tuple[float, float, list]:
    page = browser.page()
    top1 = top3 = 0
    misses = []
    for query, url in queries:
        page.goto(f"{base}{PAGE}?q={quote(query)}")
        page.locator(".gk-search__status").filter(has_text=re.compile("条结果|没有")).wait_for(timeout=30000)
        hrefs = [urlsplit(a.get_attribute("href") or "").path for a in page.locator(".gk-results li a").all()[:3]]
        top1 += hrefs[:1] == [url]
        top3 += url in hrefs
        if url not in hrefs[:1]:
            misses.append((query, url, hrefs))
    page.context.close()
    return top1 / len(queries), top3 / len(queries), misses


def returned(browser: serving.Browser, base: str, phrases: list[str]) -> tuple[dict[str, list[str]], float]:
    """Every page id the search returns for each phrase (all results, not only the first ten), and
    the longest a phrase's search took, from a fresh index each (its chunks fetched included). The
    search page's module is asked as it is (searchQuery), or as it was before (a tree from before
    #27: searchWords over queryWords), so that `--against` measures both alike."""
    page = browser.timed_page()
    page.goto(base + PAGE)
    found, slowest = page.evaluate("""async (phrases) => {
        const search = await import(new URL("../assets/javascripts/gk-search.js", location.href));
        const { Index } = await import(new URL("../assets/javascripts/gk-index.js", location.href));
        const bundle = new URL("../pagefind/", location.href);
        const chunks = search.searchQuery ? null : await (await fetch(new URL("gk-chunks.json", bundle))).json();
        const out = {};
        let slowest = 0;
        for (const p of phrases) {
            const index = new Index(bundle);
            await index.ready;
            const start = performance.now();
            const r = search.searchQuery ? (await search.searchQuery(index, search.loadSetup(index, bundle), p)).found
                : await search.searchWords(index, search.queryWords(p, chunks));
            slowest = Math.max(slowest, performance.now() - start);
            out[p] = r.results.map((x) => x.id);
        }
        return [out, slowest];
    }""", phrases)
    page.context.close()
    return found, slowest


def main(count: int, tree: Path = ROOT) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as work:
        tmp = Path(work)
        project = tmp / "project"
        corpus.write(count, project, example=True, tree=tree)
        index_s = build(project, tree)
        site = project / "site"
        pages = sources(project)
        queries = known_answers(pages)
        metas = fragments(site)
        with serving.nginx(tmp, serving.deploy(project, tmp / "srv")) as (base, _), serving.chromium() as browser:
            kb, ms = median_of(RUNS, lambda: first_query(browser, base, site, "居民身份证办理"))
            _, typed_ms = median_of(RUNS, lambda: first_query(browser, base, site, "机动车登记的通知", pause=0.5))
            top1, top3, misses = top_hits(browser, base, queries)
            natural = judged(browser, base, answer_urls(project, metas))
            ids, slowest_ms = returned(browser, base, COMMON)
        if browser.outside:
            raise SystemExit(f"the search page asked for files outside localhost: {browser.outside[:5]}")
        recall = {}
        for phrase in COMMON:
            truth = {m["url"] for m in metas.values() if phrase in f"{m['title']}\n{m.get('text', '')}"}
            got = {metas[i]["url"] for i in ids[phrase]}
            recall[phrase] = round(len(truth & got) / len(truth), 4) if truth else None
        for query, url, hrefs in misses:
            print(f"not first: {query} -> {url}; got {hrefs}", file=sys.stderr)
    return {"entries": count, "index_s": index_s, "first_query_kb": round(kb / 1024, 1),
            "first_results_ms": round(ms), "typed_results_ms": round(typed_ms), "queries": len(queries), "top1": round(top1, 3), "top3": round(top3, 3),
            "judged": natural, "slowest_common_ms": round(slowest_ms),
            "recall": min(r for r in recall.values() if r is not None), "recall_by_phrase": recall}


def tree_of(ref: str, into: Path) -> Path:
    """The source tree of commit `ref`, unpacked into `into` (with the repository's .venv untouched)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("entries", nargs="?", type=int, default=10000)
    parser.add_argument("--against", help="a commit to compare with, in alternating rounds")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if not args.against:
        print(json.dumps(main(args.entries), ensure_ascii=False))
        sys.exit(0)
    with tempfile.TemporaryDirectory() as other:
        before = tree_of(args.against, Path(other) / "tree")
        for round_number in range(1, args.rounds + 1):
            for name, tree in ((args.against, before), ("this tree", ROOT)):
                result = main(args.entries, tree)
                print(json.dumps({"round": round_number, "tree": name, **result}, ensure_ascii=False), flush=True)
