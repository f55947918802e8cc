// The browser's side of the shared test vectors (tests/vectors/*.json; tests/test_vectors.py checks the
// Python side and runs this folder with GK_BUNDLE, a search index the Python side wrote from the
// vectors' records, and GK_JAVASCRIPTS, the folder of the site's scripts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { served, vectors } from "./bundle.mjs";

const scripts = process.env.GK_JAVASCRIPTS;
const { Lexicon, hanWord } = await import(pathToFileURL(join(scripts, "gk-query.js")));
const { Index } = await import(pathToFileURL(join(scripts, "gk-index.js")));
const s2t = createRequire(import.meta.url)(join(scripts, "gongkai.js"));

test("gk-query.js makes the index's words, either script folded as the build folds it", () => {
  const { words, exact, fold } = vectors("segment");
  const lexicon = new Lexicon({ fold });
  for (const [text, expected] of Object.entries(words)) assert.deepEqual(lexicon.words(text), expected, text);
  for (const [code, expected] of Object.entries(exact)) assert.equal(lexicon.exactWord(code), expected, code);
});

test("gongkai.js converts as the table and OpenCC do", () => {
  const { table, texts } = vectors("s2t");
  const prepared = s2t.prepare(table);
  for (const [text, expected] of Object.entries(texts)) assert.equal(s2t.convert(prepared, text), expected, text);
});

test("gk-index.js reads every word's pages and positions from the index the build writes", async () => {
  const { lookups } = vectors("index");
  const { fold } = vectors("segment");
  const lexicon = new Lexicon({ fold });
  const { server, url } = await served();
  try {
    const index = new Index(url);
    for (const [word, expected] of Object.entries(lookups)) {
      const chars = Array.from(lexicon.normalise(word));
      const found = await index.termPages(chars.length > 1 ? lexicon.words(word)[0] : hanWord(chars));
      const pages = {};
      for (const p of found.pages.keys()) {
        const positions = [];
        index.locate(found, p, { add: (weight, position) => positions.push(position) });
        pages[(await index.page(p).data()).url] = positions.sort((a, b) => a - b);
      }
      assert.deepEqual(pages, expected, word);
    }
  } finally {
    server.close();
  }
});
