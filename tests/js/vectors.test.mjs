// The browser's side of the shared test vectors (tests/vectors/*.json; tests/test_vectors.py checks the
// Python side and runs this file with GK_BUNDLE, a search index the Python side wrote from the
// vectors' records, and GK_JAVASCRIPTS, the folder of the site's scripts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const scripts = process.env.GK_JAVASCRIPTS;
const bundle = process.env.GK_BUNDLE;
const vectors = (name) => JSON.parse(readFileSync(new URL(`../vectors/${name}.json`, import.meta.url), "utf8"));
const search = await import(pathToFileURL(join(scripts, "gk-search.js")));
const { Index } = await import(pathToFileURL(join(scripts, "gk-index.js")));
const s2t = createRequire(import.meta.url)(join(scripts, "gongkai.js"));

test("gk-search.js makes the index's words", () => {
  const { words, exact } = vectors("segment");
  for (const [text, expected] of Object.entries(words)) assert.deepEqual(search.words(text), expected, text);
  for (const [code, expected] of Object.entries(exact)) assert.equal(search.exactWord(code), expected, code);
});

test("gongkai.js converts as the table and OpenCC do", () => {
  const { table, texts } = vectors("s2t");
  const prepared = s2t.prepare(table);
  for (const [text, expected] of Object.entries(texts)) assert.equal(s2t.convert(prepared, text), expected, text);
});

// The bundle served over HTTP, as the browser reads it.
async function served() {
  const server = createServer((request, response) => {
    try {
      response.end(readFileSync(join(bundle, decodeURIComponent(new URL(request.url, "http://x").pathname))));
    } catch {
      response.statusCode = 404;
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

test("gk-index.js reads every word's pages and positions from the index the build writes", async () => {
  const { lookups } = vectors("index");
  const { server, url } = await served();
  try {
    const index = new Index(url);
    for (const [word, expected] of Object.entries(lookups)) {
      const found = await index.search(search.queryWords(word).map((t) => t.word));
      const pages = {};
      for (const result of found.results) pages[(await result.data()).url] = Array.from(result.words);
      assert.deepEqual(pages, expected, word);
    }
  } finally {
    server.close();
  }
});
