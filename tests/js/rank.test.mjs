// gk-rank.js over the index the Python side wrote from the vectors' records (GK_BUNDLE, with the
// synonyms 身份证 = 居民身份证, 换证 = 换领, 到期 = 期满): partial matches, synonyms, either script, the
// priors of validity and of guides, and the date order of the pages.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { served } from "./bundle.mjs";

const scripts = process.env.GK_JAVASCRIPTS;
const { Index } = await import(pathToFileURL(join(scripts, "gk-index.js")));
const { searchQuery, loadSetup } = await import(pathToFileURL(join(scripts, "gk-search.js")));

async function searcher() {
  const { server, url } = await served();
  const index = new Index(url);
  const setup = loadSetup(index, url);
  const search = async (text) => {
    const { found } = await searchQuery(index, setup, text);
    const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
    return { urls, found };
  };
  return { search, close: () => server.close() };
}

test("a query finds pages in either script, the guide first for a service query, 有效 above 废止", async () => {
  const { search, close } = await searcher();
  try {
    // c is written in Traditional characters and is a service guide; b is d repealed.
    assert.deepEqual((await search("居民身份证换领")).urls.slice(0, 3), ["bszn/c/", "xxgk/d/", "xxgk/b/"]);
    assert.deepEqual((await search("居民身份證換領")).urls.slice(0, 3), ["bszn/c/", "xxgk/d/", "xxgk/b/"]);
  } finally {
    close();
  }
});

test("synonyms cover a part; a page lacking a word is still found, and the word no page has is named", async () => {
  const { search, close } = await searcher();
  try {
    const expired = await search("身份证到期换证");
    assert.ok(expired.found.whole); // c holds 身份证, 期满 and 换领; d and b 身份证, 到期 and 换领
    assert.deepEqual(expired.urls.slice(0, 2), ["bszn/c/", "xxgk/d/"]);
    const strange = await search("户口迁移 鳄鱼");
    assert.deepEqual(strange.found.missing, ["鳄鱼"]);
    assert.equal(strange.urls[0], "xxgk/a/");
    assert.deepEqual((await search("户口迁移 鳄鱼 鳄鱼")).found.missing, ["鳄鱼"]); // told once
    assert.deepEqual((await search("户口迁移了鳄鱼的")).found.missing, ["鳄鱼"]); // not the particles around it
    assert.ok(!strange.found.whole);
    const none = await search("鳄鱼企鹅");
    assert.deepEqual([none.urls, none.found.missing], [[], ["鳄鱼企鹅"]]);
    const partly = await search("户口簿 换领 指南"); // no page holds all three
    assert.ok(partly.urls.length >= 3 && !partly.found.whole && !partly.found.missing.length);
    assert.deepEqual(partly.found.results[0].missing.length, 1); // the best holds two of them
  } finally {
    close();
  }
});

test("question words lower no page's coverage", async () => {
  const { search, close } = await searcher();
  try {
    const asked = await search("怎么办理户口迁移");
    assert.equal(asked.urls[0], "xxgk/a/");
    assert.equal(asked.found.results[0].coverage, 1);
  } finally {
    close();
  }
});

test("pages are numbered newest first, undated last: the order 按发布日期 shows", async () => {
  const { search, close } = await searcher();
  try {
    const { found } = await search("");
    const urls = await Promise.all(found.results.map(async (r) => (await r.data()).url));
    assert.deepEqual(urls, ["xxgk/b/", "xxgk/d/", "xxgk/a/", "bszn/c/", "gongkai-zhinan/"]);
  } finally {
    close();
  }
});
