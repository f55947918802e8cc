import { Index, chunkSpan } from "./gk-index.js";

// Site search (站内检索) on the search page: the index Pagefind wrote (read by gk-index.js), queried
// with the same words the index was built with (plugins/gongkai/segment.py: one word per Han character, itself and the next,
// written in ASCII so that Pagefind keeps it whole), so a page containing a phrase is always found.
// Ranking: an exact 索引号/文号 match first, then pages containing the whole phrase, then the
// index's score; "按发布日期" sorts by date instead, newest first, undated pages last. Facet counts
// come from the index's filters.

const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
const RUNS = new RegExp(`[${HAN}]+|[0-9a-z]+`, "gu");
const CODE_CHARS = new RegExp(`[${HAN}0-9a-z]`, "gu");
const ASCII_RUN = /^[0-9a-z]+$/;
const HAN_WORD = "h";
const ASCII_WORD = "a";
const EXACT_PREFIX = "gkexact";
const PAGE = 10;

const code = (char) => char.codePointAt(0).toString(36).padStart(4, "0");

// Per character, as in segment.py: NFKC, then lower case.
export function normalise(text) {
  return Array.from(text, (c) => c.normalize("NFKC").toLowerCase()).join("");
}

// The search words of `text` with the index of the original character each one starts at.
export function wordSpans(text) {
  const chars = Array.from(text);
  let normal = "";
  const origin = [];
  chars.forEach((c, i) => {
    const piece = c.normalize("NFKC").toLowerCase();
    normal += piece;
    for (let k = 0; k < Array.from(piece).length; k++) origin.push(i);
  });
  const spans = [];
  const points = Array.from(normal);
  const starts = [];
  for (let k = 0, unit = 0; k < points.length; unit += points[k].length, k++) starts[unit] = k;
  for (const match of normal.matchAll(RUNS)) {
    const run = Array.from(match[0]);
    const first = starts[match.index];
    if (ASCII_RUN.test(match[0])) {
      spans.push({ word: ASCII_WORD + match[0], start: origin[first], end: origin[first + run.length - 1] + 1 });
    } else {
      run.forEach((c, i) => spans.push({
        word: HAN_WORD + run.slice(i, i + 2).map(code).join(""), start: origin[first + i], end: origin[first + i] + 1,
      }));
    }
  }
  return spans;
}

export const words = (text) => wordSpans(text).map((s) => s.word);

// The words a query is looked up by, with their distance from the first one in a page containing
// the phrase. The index has a word at every character, itself and the next (word i of a Han run
// covers characters i and i+1), so a set of these words covering every character of the run pins
// the phrase: the cover chosen is the one whose index chunks weigh least (`chunks`, gk-chunks.json),
// or with the fewest words when the chunks are not known (户口迁移办理 → 户口 迁移 办理). A lone
// character is looked up as a prefix: a page's word there is it and the character after it.
export function queryWords(text, chunks = []) {
  const out = [];
  let offset = 0;
  for (const match of normalise(text).matchAll(RUNS)) {
    const run = Array.from(match[0]);
    if (ASCII_RUN.test(match[0])) {
      out.push({ word: ASCII_WORD + match[0], offset: offset++ });
      continue;
    }
    const han = (i) => ({ word: HAN_WORD + run.slice(i, i + 2).map(code).join(""), offset: offset + i });
    if (run.length === 1) out.push(han(0));
    else out.push(...cover(run.length, (i) => weight(chunks, han(i).word)).map(han));
    offset += run.length;
  }
  return out;
}

// The cheapest set of words (word i covering characters i and i+1) covering n characters, n > 1:
// best[j] is the cheapest way found to cover the characters before j.
function cover(n, cost) {
  const best = [{ cost: 0, words: [] }];
  for (let j = 0; j < n; j++) {
    for (const i of [j - 1, j]) {
      if (!best[j] || i < 0 || i > n - 2) continue;
      const total = best[j].cost + cost(i);
      if (!best[i + 2] || total < best[i + 2].cost) best[i + 2] = { cost: total, words: [...best[j].words, i] };
    }
  }
  return best[n].words;
}

// What looking a word up costs: the kilobytes of its index chunks (`chunks`, gk-chunks.json, written
// with the index: each chunk's first word and size), and one for the request.
function weight(chunks, word) {
  const [from, to] = chunkSpan(chunks, word, (c) => c[0]);
  return chunks.slice(from, to + 1).reduce((sum, c) => sum + c[1], 1);
}

// The index's search for a query's words.
export const searchWords = (index, terms, filters = {}) => index.search(terms.map((t) => t.word), filters);

// The pages with a query's words: first by the words cheapest to load, which together pin the
// phrase; when no page has the phrase, by the fewest words (户口 迁移 办理 流程), so that the pages
// with all of those are found instead.
async function lookUp(index, chunks, query, filters) {
  const terms = queryWords(query, chunks);
  const found = await searchWords(index, terms, filters);
  const fewest = queryWords(query);
  const same = fewest.map((t) => t.word).join(" ") === terms.map((t) => t.word).join(" ");
  if (same || found.results.some((r) => hasPhrase(r.words || [], terms))) return { terms, found };
  return { terms: fewest, found: await searchWords(index, fewest, filters) };
}

export function exactWord(code) {
  const parts = Array.from(normalise(code).matchAll(CODE_CHARS), ([c]) => {
    const point = c.codePointAt(0);
    if (c.length === 1 && point < 128) return c;
    return point <= 0xffff ? `x${point.toString(16).padStart(4, "0")}` : `y${point.toString(16).padStart(6, "0")}`;
  });
  return parts.length ? EXACT_PREFIX + parts.join("") : "";
}

// A query typed while the page is shown in 繁體 is looked up in Simplified, the index's script: the
// site's own s2t table (characters and phrases), turned around. Only then: some characters are both
// a Traditional form and a Simplified character of their own (著), and must stay as typed otherwise.
export function simplifier(table) {
  const back = new Map();
  for (const [simple, traditional] of [...Object.entries(table.phrases), ...Object.entries(table.chars)]) {
    if (!back.has(traditional)) back.set(traditional, simple);
  }
  const longest = Math.max(1, ...[...back.keys()].map((k) => Array.from(k).length));
  return (text) => {
    const chars = Array.from(text);
    let out = "";
    for (let i = 0; i < chars.length;) {
      let n = Math.min(longest, chars.length - i);
      while (n > 1 && !back.has(chars.slice(i, i + n).join(""))) n--;
      const piece = chars.slice(i, i + n).join("");
      out += back.get(piece) ?? piece;
      i += n;
    }
    return out;
  };
}

// The page is (or is about to be: gk-hant-wait, set before first paint) shown in 繁體.
const traditional = () => document.documentElement.lang === "zh-Hant"
  || document.documentElement.classList.contains("gk-hant-wait");

async function inIndexScript(query) {
  if (!traditional() || !/[^\x00-\x7f]/.test(query)) return query;
  const response = await fetch(new URL("gongkai-s2t.json", import.meta.url));
  return response.ok ? simplifier(await response.json())(query) : query;
}

const TYPING_PAUSE = 150; // ms without a keystroke before the typed query's chunks are fetched

// A query that could be a 索引号 or 文号: it has a four-digit number and code punctuation or 号.
const looksLikeCode = (q) => /\d{4}/.test(normalise(q)) && /[/\-〔〕[\]号]/.test(q);

// Whether a page holds the query's words side by side as in the query, from the positions of its
// matched words: then it contains the whole phrase.
function hasPhrase(positions, query) {
  if (query.length < 2) return false;
  const found = new Set(positions);
  return positions.some((p) => query.every(({ offset }) => found.has(p + offset)));
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The characters of a text to mark for a query (its `queryWords`): every
// occurrence of the whole phrase, or failing that every word of it. A Han query word covers as
// many characters as it has (one or two), an ASCII word its whole span.
function marks(spans, query) {
  const found = new Set();
  const width = ({ word }) => (word.startsWith(HAN_WORD) ? (word.length - HAN_WORD.length) / 4 : 0);
  const mark = (span, n) => { for (let i = span.start; i < (n ? span.start + n : span.end); i++) found.add(i); };
  const fits = (i, w) => spans[i + w.offset]?.word.startsWith(w.word);
  spans.forEach((_, i) => {
    if (query.length && query.every((w) => fits(i, w))) query.forEach((w) => mark(spans[i + w.offset], width(w)));
  });
  if (!found.size) spans.forEach((span) => query.forEach((w) => { if (span.word.startsWith(w.word)) mark(span, width(w)); }));
  return found;
}

function highlight(chars, marked, from = 0, to = chars.length) {
  let out = "";
  let open = false;
  for (let i = from; i < Math.min(to, chars.length); i++) {
    if (marked.has(i) !== open) { out += open ? "</mark>" : "<mark>"; open = !open; }
    out += escapeHtml(chars[i]);
  }
  return out + (open ? "</mark>" : "");
}

// About `size` characters of the text, from a little before the first match.
function excerpt(text, marked, size = 110) {
  const chars = Array.from(text);
  const first = [...marked].reduce((a, b) => Math.min(a, b), Infinity);
  const from = Number.isFinite(first) ? Math.max(0, first - Math.floor(size * 0.2)) : 0;
  const to = Math.min(chars.length, from + size);
  return (from ? "…" : "") + highlight(chars, marked, from, to) + (to < chars.length ? "…" : "");
}

class Search {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.status = root.querySelector("[role=status]");
    this.list = root.querySelector(".gk-results");
    this.more = root.querySelector(".gk-results-more");
    this.siteRoot = new URL(root.dataset.root, document.baseURI);
    this.bundle = new URL(root.dataset.index, document.baseURI); // the index's folder
    this.index = new Index(this.bundle);
    // The plugin's files beside the index keep their names from build to build, so the browser
    // asks the server whether its copy is still current (a stale one would not fit a new index).
    this.chunks = fetch(new URL("gk-chunks.json", this.bundle), { cache: "no-cache" })
      .then((response) => (response.ok ? response.json() : [])).catch(() => []);
    this.form.addEventListener("submit", (event) => { event.preventDefault(); this.update(true); });
    this.form.elements.q.addEventListener("input", (event) => { if (!event.isComposing) this.preload(); });
    this.form.addEventListener("change", (event) => { if (event.target.type !== "search") this.update(true); });
    this.more.addEventListener("click", () => this.showMore());
    for (const group of root.querySelectorAll("details")) {
      group.addEventListener("toggle", () => { if (group.open) this.loadFacets(); });
    }
    window.addEventListener("popstate", () => { this.restore(); this.run(); });
    this.restore();
    if (Object.keys(this.filters()).length) this.loadFacets();
    else this.run();
  }

  // The form's state lives in the address, so results can be bookmarked and shared.
  restore() {
    const params = new URLSearchParams(location.search);
    this.form.elements.q.value = params.get("q") || "";
    this.form.elements.sort.value = params.get("sort") || "";
    for (const box of this.form.querySelectorAll("input[type=checkbox]")) {
      box.checked = params.getAll(box.name).includes(box.value);
    }
  }

  update(push) {
    const params = new URLSearchParams(new FormData(this.form));
    for (const [key, value] of [...params]) if (!value) params.delete(key);
    const url = `${location.pathname}${params.size ? `?${params}` : ""}`;
    if (push) history.pushState(null, "", url);
    this.run();
  }

  filters() {
    const chosen = {};
    for (const box of this.form.querySelectorAll("input[type=checkbox]:checked")) {
      (chosen[box.name] ||= { any: [] }).any.push(box.value);
    }
    return chosen;
  }

  // While a query is typed, it is searched after each pause, so pressing Enter only shows the results.
  preload() {
    clearTimeout(this.typing);
    this.typing = setTimeout(async () => {
      const query = this.form.elements.q.value.trim();
      if (query) this.search(await inIndexScript(query), this.filters());
    }, TYPING_PAUSE);
  }

  // The search for a query (in the index's script) and filters. The latest is kept, so a search made
  // while the query was typed is not made again; one that failed is made again.
  search(query, filters) {
    const key = JSON.stringify([query, filters]);
    if (this.latestSearch?.key !== key) {
      const found = this.chunks.then((chunks) => lookUp(this.index, chunks, query, filters));
      found.catch(() => { if (this.latestSearch?.found === found) this.latestSearch = null; });
      this.latestSearch = { key, found };
    }
    return this.latestSearch.found;
  }

  // The facets' data is fetched when a facet group is first opened (or a filter comes in the
  // address), not for every search: at 10,000 pages it weighs more than a query's index chunks.
  async loadFacets() {
    if (this.facets) return;
    this.facets = await this.index.filters();
    this.counts(this.facets);
    this.latestSearch = null; // a search made before has no facet counts
    this.run();
  }

  // Each dated page's place, newest first (gk-dates.json, written with the index), fetched the first
  // time a reader sorts by date rather than with every search.
  dateOrder() {
    this.dates ||= fetch(new URL("gk-dates.json", this.bundle), { cache: "no-cache" })
      .then((response) => (response.ok ? response.json() : []))
      .then((ids) => new Map(ids.map((id, i) => [id, i]))).catch(() => new Map());
    return this.dates;
  }

  // Counts beside the facet values; values that no result has are hidden unless chosen. In a group
  // with a choice made, the counts are those of the query alone, so other values stay selectable.
  counts(filters, unfiltered = filters) {
    if (!this.facets) return;
    const chosen = this.filters();
    for (const box of this.form.querySelectorAll("input[type=checkbox]")) {
      const count = (chosen[box.name] ? unfiltered : filters)[box.name]?.[box.value] ?? 0;
      const label = box.closest("label");
      label.querySelector(".gk-facet-count").textContent = `（${count}）`;
      label.hidden = count === 0 && !box.checked;
    }
  }

  async run() {
    const query = this.form.elements.q.value.trim();
    const filters = this.filters();
    const byDate = this.form.elements.sort.value === "date";
    const run = (this.latest = Symbol("search"));
    if (!query && !Object.keys(filters).length) {
      this.render([], "请输入检索词，或展开筛选条件进行选择。");
      return;
    }
    this.status.textContent = "正在检索……";
    const looked = await inIndexScript(query);
    // A lone character is matched with every word starting with it (at 10,000 entries, 理: 8 index
    // chunks, 216 KB, and 10,739 pages), so the reader is told why it takes long.
    if (queryWords(looked).some(({ word }) => word.length === HAN_WORD.length + 4)) {
      this.status.textContent = "正在检索……单个汉字出现在很多页面中，检索需要较长时间；输入完整的词语可以更快找到。";
    }
    const { terms, found } = await this.search(looked, filters);
    if (run !== this.latest) return;
    const results = found.results;
    const exact = looksLikeCode(looked) ? await searchWords(this.index, [{ word: exactWord(looked) }], filters)
      : { results: [] };
    const dates = byDate ? await this.dateOrder() : null;
    if (run !== this.latest) return;
    this.counts(found.filters || {}, found.totalFilters || {});
    const ids = new Set(exact.results.map((r) => r.id));
    const phrase = (r) => hasPhrase(r.words || [], terms);
    const rank = (r) => (ids.has(r.id) ? 2 : 0) + (!byDate && phrase(r) ? 1 : 0);
    const merged = [...exact.results, ...results.filter((r) => !ids.has(r.id))];
    const place = (r, i) => (dates ? dates.get(r.id) ?? dates.size + i : i); // undated pages last
    const ordered = merged.map((r, i) => [r, rank(r), place(r, i)]).sort((a, b) => b[1] - a[1] || a[2] - b[2])
      .map(([r]) => r);
    const label = query ? `“${query}”` : "所选条件";
    // Pagefind leaves out words no page has, so results may hold only some of the query's words.
    const whole = terms.length < 2 || ordered.some((r) => ids.has(r.id) || phrase(r));
    const note = whole ? "" : `没有页面包含完整的“${query}”，以下结果包含其中的词语。`;
    this.render(ordered, ordered.length ? `${label}共找到 ${ordered.length} 条结果。${note}` :
      `没有找到与${label}相符的结果。请换用较短或其他的检索词，或减少筛选条件。`, terms);
  }

  // The status is announced (role=status) once the first results are on the page.
  async render(results, message, terms = []) {
    this.results = results;
    this.terms = terms;
    this.shown = 0;
    this.list.replaceChildren();
    await this.showMore(false);
    this.status.textContent = message;
  }

  // The next results, each shown as soon as its page's data and that of those above it are in (the
  // first of them focused when the reader asked for more); one batch at a time, and none once a
  // later search has replaced these results.
  async showMore(focus = true) {
    const results = this.results;
    if (this.loadingMore === results) return;
    this.loadingMore = results;
    const batch = results.slice(this.shown, this.shown + PAGE);
    this.shown += batch.length;
    const loading = batch.map((r) => r.data());
    try {
      for (const [i, data] of loading.entries()) {
        const item = this.item(await data);
        if (this.results !== results) return;
        this.list.append(item);
        if (focus && i === 0) item.querySelector("a").focus();
      }
      this.more.hidden = this.shown >= results.length;
    } finally {
      if (this.loadingMore === results) this.loadingMore = null;
    }
  }

  item(data) {
    const meta = data.meta;
    const title = meta.title || data.url;
    const text = meta.text || "";
    const query = this.terms;
    const li = document.createElement("li");
    const facts = [
      meta.index_no && `索引号：${escapeHtml(meta.index_no)}`,
      meta.date && `发布日期：<time datetime="${escapeHtml(meta.date)}">${escapeHtml(meta.date)}</time>`,
      meta.publisher && `发布机构：${escapeHtml(meta.publisher)}`,
      meta.kind && `类型：${escapeHtml(meta.kind)}`,
    ].filter(Boolean);
    const href = new URL(meta.url || data.url, this.siteRoot).href;
    li.innerHTML = `<h2 class="gk-result-title"><a href="${escapeHtml(href)}">${highlight(Array.from(title), marks(wordSpans(title), query))}</a></h2>`
      + `<p class="gk-result-facts">${facts.join("<span aria-hidden=\"true\"> · </span>")}</p>`
      + (text ? `<p class="gk-result-excerpt">${excerpt(text, marks(wordSpans(text), query))}</p>` : "");
    return li;
  }
}

const root = typeof document === "undefined" ? null : document.querySelector("[data-gk-search]");
if (root) new Search(root);
