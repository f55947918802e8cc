import { Index } from "./gk-index.js";
import { HAN_WORD, Lexicon, looksLikeCode } from "./gk-query.js";
import { Priors, plan, rank } from "./gk-rank.js";

// Site search (站内检索) on the search page: the index the build wrote (read by gk-index.js), a query
// read into parts with the editors' synonyms and without its question words (gk-query.js), the pages
// ranked by how much of it they cover, then by field, phrase and kind of page (gk-rank.js). An exact
// 索引号/文号 match comes first; "按发布日期" sorts by date instead, newest first (the pages are
// numbered newest first), undated pages last. Facet counts come from the index's filters.

const PAGE = 10;
const TYPING_PAUSE = 150; // ms without a keystroke before the typed query's chunks are fetched
const IN_FORCE = "有效";

// The search of one query (as typed: the index's words fold either script) within `filters`:
// {query (its plan), found (gk-rank.js's ranking, the exact match first), filters (facet counts
// among the results), totalFilters (among the results before filtering)}.
export async function searchQuery(index, setup, text, filters = {}) {
  const { lexicon, priors } = await setup;
  const query = plan(lexicon.parse(text));
  const allowed = await allowedPages(index, filters);
  const every = () => [...(allowed || index.pages.keys())].sort((a, b) => a - b).map((p) => index.page(p));
  const found = query.parts.length ? await rank(index, query, priors, allowed)
    : { results: text.trim() ? [] : every(), missing: [], whole: true }; // nothing to look up, or only filters
  const exact = looksLikeCode(lexicon, text) ? await exactPages(index, lexicon.exactWord(text), allowed) : [];
  const ids = new Set(exact.map((r) => r.id));
  found.results = [...exact, ...found.results.filter((r) => !ids.has(r.id))];
  found.exact = ids;
  const unfiltered = allowed && query.parts.length ? (await rank(index, query, priors)).results : found.results;
  return { query, found, filters: await index.counts(new Set(found.results.map((r) => r.page))),
    totalFilters: await index.counts(new Set((allowed ? unfiltered : found.results).map((r) => r.page))) };
}

// The pages the chosen facet values allow ({name: {any: [values]}}), or null for all.
async function allowedPages(index, filters) {
  let allowed = null;
  for (const [name, { any = [] }] of Object.entries(filters)) {
    const values = await index.filterValuesOf(name);
    const pages = new Set(any.flatMap((value) => values.get(value) || []));
    allowed = allowed ? new Set([...allowed].filter((p) => pages.has(p))) : pages;
  }
  return allowed;
}

async function exactPages(index, word, allowed) {
  if (!word) return [];
  const found = await index.termPages(word);
  return [...found.pages.keys()].filter((p) => !allowed || allowed.has(p)).sort((a, b) => a - b).map((p) => index.page(p));
}

// What the search page needs besides the index: gk-query.json read into the query's lexicon (the
// folding table and the synonyms) and the pages' priors.
export async function loadSetup(index, bundle) {
  const response = await fetch(new URL("gk-query.json", bundle), { cache: "no-cache" });
  const data = response.ok ? await response.json() : {};
  await index.ready;
  return { lexicon: new Lexicon(data), priors: new Priors(data, index.pages.length) };
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// The characters of a text to mark for a query: those of each index word of the query the text
// holds (a word of two characters marks both).
function marks(lexicon, text, query) {
  const terms = new Set(query.terms);
  const prefixes = query.terms.filter((t) => t.length === HAN_WORD.length + 4);
  const spans = lexicon.wordSpans(text);
  const found = new Set();
  spans.forEach((span, i) => {
    if (terms.has(span.word) || prefixes.some((t) => span.word.startsWith(t))) {
      for (let c = span.start; c < span.end; c++) found.add(c);
      if (span.word.length > HAN_WORD.length + 4 && spans[i + 1]) found.add(spans[i + 1].start);
    }
  });
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

// The status line for a query's results.
function statusOf(text, found, filtered) {
  const label = text ? `“${text.replace(/^["“「『]+|["”」』]+$/gu, "")}”` : "所选条件"; // typed in quotes: quoted once
  if (!found.results.length) {
    return `没有找到与${label}相符的结果。请换用较短或其他的检索词${filtered ? "，或减少筛选条件" : ""}。`;
  }
  const notes = [];
  if (found.missing.length) notes.push(`没有页面含有${found.missing.map((w) => `“${w}”`).join("、")}，以下结果含有其余的词。`);
  else if (!found.whole && !found.exact?.size) notes.push("没有页面同时含有全部检索词，以下结果按含有检索词的多少排列。");
  return `${label}共找到 ${found.results.length} 条结果。${notes.join("")}`;
}

// A label for a document no longer in force: 已废止, 已失效, 已修改 (as the entry page's banner says it).
const stateOf = (validity) => (validity.startsWith("已") ? validity : `已${validity}`);

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
    this.setup = loadSetup(this.index, this.bundle);
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
    this.typing = setTimeout(() => {
      const query = this.form.elements.q.value.trim();
      if (query) this.search(query, this.filters());
    }, TYPING_PAUSE);
  }

  // The search for a query and filters. The latest is kept, so a search made while the query was
  // typed is not made again; one that failed is made again.
  search(query, filters) {
    const key = JSON.stringify([query, filters]);
    if (this.latestSearch?.key !== key) {
      const found = searchQuery(this.index, this.setup, query, filters);
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
    const { lexicon } = await this.setup;
    // A lone character is matched with every word starting with it (at 10,000 entries, 理: 8 index
    // chunks, 216 KB, and 10,739 pages), so the reader is told why it takes long.
    if (plan(lexicon.parse(query)).terms.some((t) => t.length === HAN_WORD.length + 4)) {
      this.status.textContent = "正在检索……单个汉字出现在很多页面中，检索需要较长时间；输入完整的词语可以更快找到。";
    }
    const searched = await this.search(query, filters);
    if (run !== this.latest) return;
    this.counts(searched.filters, searched.totalFilters);
    const { found } = searched;
    const results = byDate ? [...found.results].sort((a, b) => a.page - b.page) : found.results;
    this.render(results, statusOf(query, found, Object.keys(filters).length > 0), searched.query, lexicon);
  }

  // The status is announced (role=status) once the first results are on the page.
  async render(results, message, query = null, lexicon = null) {
    this.results = results;
    this.query = query;
    this.lexicon = lexicon;
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
        const item = this.item(await data, batch[i]);
        if (this.results !== results) return;
        this.list.append(item);
        if (focus && i === 0) item.querySelector("a").focus();
      }
      this.more.hidden = this.shown >= results.length;
    } finally {
      if (this.loadingMore === results) this.loadingMore = null;
    }
  }

  item(data, result) {
    const meta = data.meta;
    const title = meta.title || data.url;
    const text = meta.text || "";
    const mark = (t) => (this.query ? marks(this.lexicon, t, this.query) : new Set());
    const li = document.createElement("li");
    const facts = [
      meta.validity && meta.validity !== IN_FORCE && `<strong class="gk-result-status">${escapeHtml(stateOf(meta.validity))}</strong>`,
      meta.index_no && `索引号：${escapeHtml(meta.index_no)}`,
      meta.date && `发布日期：<time datetime="${escapeHtml(meta.date)}">${escapeHtml(meta.date)}</time>`,
      meta.publisher && `发布机构：${escapeHtml(meta.publisher)}`,
      meta.kind && `类型：${escapeHtml(meta.kind)}`,
    ].filter(Boolean);
    const missing = result.missing?.length ? `<p class="gk-result-missing">未含：${result.missing.map(escapeHtml).join("、")}</p>` : "";
    const href = new URL(meta.url || data.url, this.siteRoot).href;
    li.innerHTML = `<h2 class="gk-result-title"><a href="${escapeHtml(href)}">${highlight(Array.from(title), mark(title))}</a></h2>`
      + `<p class="gk-result-facts">${facts.join("<span aria-hidden=\"true\"> · </span>")}</p>`
      + (text ? `<p class="gk-result-excerpt">${excerpt(text, mark(text))}</p>` : "") + missing;
    return li;
  }
}

const root = typeof document === "undefined" ? null : document.querySelector("[data-gk-search]");
if (root) new Search(root);
