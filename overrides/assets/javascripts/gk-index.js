// The search index, read and searched in the page. The index is written by Pagefind 1.5's indexer
// (plugins/gongkai/search.py); its browser code is not used: its search compares every matching
// page with every page of every query word, which at 10,000 entries took 3.4 s for 政府信息公开 on
// the reference machine (3.1 s; docs/search.md). Here a search costs time in proportion to the pages of
// its words, and needs no worker or WebAssembly to start.
//
// Pagefind's files are gzip-compressed, after a signature: CBOR (RFC 8949) for the metadata (pages,
// index chunks, filters), the index chunks and the filter chunks; JSON for a page's fragment. The
// ranking is Pagefind's default: BM25 over word weights, with a bonus for words close in length to
// the query word.

const SIGNATURE = "pagefind_dcd";
const K1 = 1.4; // term saturation
const B = 0.75; // page length
const TOP = "\uffff"; // above every character of a word: prefix + TOP bounds the prefix's words

// The CBOR item at the start of `bytes`, in the subset Pagefind writes: definite lengths; integers,
// text strings and arrays.
function decode(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  const item = () => {
    const head = bytes[at++];
    const major = head >> 5;
    let arg = head & 31;
    if (arg === 24) arg = bytes[at++];
    else if (arg === 25) { arg = view.getUint16(at); at += 2; }
    else if (arg === 26) { arg = view.getUint32(at); at += 4; }
    else if (arg === 27) { arg = Number(view.getBigUint64(at)); at += 8; }
    else if (arg > 27) throw new Error(`unsupported CBOR item ${head}`);
    if (major === 0) return arg;
    if (major === 1) return -1 - arg;
    if (major === 3) { at += arg; return text.decode(bytes.subarray(at - arg, at)); }
    if (major === 4) {
      const list = new Array(arg);
      for (let i = 0; i < arg; i++) list[i] = item();
      return list;
    }
    throw new Error(`unsupported CBOR major type ${major}`);
  };
  return item();
}

async function unpack(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  if (new TextDecoder().decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) throw new Error(`${url}: not Pagefind's`);
  return bytes.subarray(SIGNATURE.length);
}

// The first index i with key(list[i]) >= value, list sorted by key.
function lowerBound(list, value, key) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(list[mid]) < value) low = mid + 1; else high = mid;
  }
  return low;
}

// The index chunks a word's index words may be in, [from, to] in `chunks` (in word order, `first`
// giving a chunk's first word; a chunk holds the words up to the next chunk's): from the last chunk
// starting at or before the word to the last starting at or before its longest extension.
export function chunkSpan(chunks, word, first) {
  const at = (w) => Math.max(0, lowerBound(chunks, `${w}\u0000`, first) - 1);
  return [at(word), at(word + TOP)];
}

const idf = (total, containing) => Math.log((total - containing + 0.5) / (containing + 0.5) + 1);

// Pagefind's bonus for an index word `extra` characters longer than the query word.
const lengthBonus = (extra) => Math.exp(Math.exp(-0.5 * (extra + 1) ** 2 / 4)) / Math.E;

// Calls `visit(weight, position)` for a page's locations of a word. Negative numbers set the weight
// of the positions after them (Pagefind: -1 - weight, 24 being 1.0); positions are deltas after each.
function locate(encoded, visit) {
  let weight = 25;
  let position = 0;
  for (const n of encoded) {
    if (n < 0) { weight = Math.min(-1 - n, 255); position = 0; } else { position += n; visit(weight, position); }
  }
}

export class Index {
  // `bundle`: the URL of Pagefind's folder.
  constructor(bundle) {
    this.bundle = bundle;
    this.chunks = new Map(); // index chunk name → its words, sorted: [word, pages]
    this.filterValues = new Map(); // filter name → Map(value → page numbers)
    this.fragments = new Map();
    this.terms = new Map(); // query word → its pages (termPages)
    this.ready = this.open();
  }

  async open() {
    const entry = await (await fetch(new URL("pagefind-entry.json", this.bundle), { cache: "no-cache" })).json();
    const { hash } = Object.values(entry.languages)[0];
    const meta = decode(await unpack(new URL(`pagefind.${hash}.pf_meta`, this.bundle)));
    this.pages = meta[1].map(([id, words]) => ({ id, words }));
    this.meanWords = this.pages.reduce((sum, p) => sum + p.words, 0) / this.pages.length;
    this.chunkList = meta[2].map(([first, , name]) => ({ first, name }));
    this.filterChunks = new Map(meta[3].map(([name, chunk]) => [name, chunk]));
  }

  chunk(name) {
    if (!this.chunks.has(name)) {
      this.chunks.set(name, unpack(new URL(`index/${name}.pf_index`, this.bundle)).then((bytes) => decode(bytes)[0]));
    }
    return this.chunks.get(name);
  }

  // The index words with `term` as prefix, or if there is none the longest index word that is a
  // prefix of `term` (as Pagefind matches): [word, pages] each.
  async matches(term) {
    await this.ready;
    const [from, to] = chunkSpan(this.chunkList, term, (c) => c.first);
    const names = this.chunkList.slice(from, to + 1).map((c) => c.name);
    const words = (await Promise.all(names.map((n) => this.chunk(n)))).flat(); // in order, as the chunks
    const found = [];
    for (let i = lowerBound(words, term, (w) => w[0]); i < words.length && words[i][0].startsWith(term); i++) found.push(words[i]);
    if (found.length) return found;
    for (let n = term.length - 1; n > 0; n--) {
      const i = lowerBound(words, term.slice(0, n), (w) => w[0]);
      if (words[i]?.[0] === term.slice(0, n)) return [words[i]];
    }
    return [];
  }

  async filterValuesOf(name) {
    await this.ready;
    if (!this.filterValues.has(name)) {
      const chunk = this.filterChunks.get(name);
      this.filterValues.set(name, chunk ? unpack(new URL(`filter/${chunk}.pf_filter`, this.bundle))
        .then((bytes) => new Map(decode(bytes)[1])) : Promise.resolve(new Map()));
    }
    return this.filterValues.get(name);
  }

  // Each filter's values with their number of pages among `pages` (a Set), or of all pages; over
  // the filters loaded so far.
  async counts(pages) {
    const out = {};
    for (const [name, values] of this.filterValues) {
      out[name] = {};
      for (const [value, list] of await values) {
        out[name][value] = pages ? list.reduce((n, p) => (pages.has(p) ? n + 1 : n), 0) : list.length;
      }
    }
    return out;
  }

  // Every filter's values with their number of pages.
  async filters() {
    await this.ready;
    await Promise.all([...this.filterChunks.keys()].map((name) => this.filterValuesOf(name)));
    return this.counts(null);
  }

  // The pages holding every word of `terms` (index words or prefixes of them) that some page has,
  // or every page when `terms` is empty, that match `filters` ({name: {any: [values]}}), best first: {results: [{id,
  // score, words (the matched positions), data()}], filters (counts among the results), totalFilters
  // (counts among the pages before filtering)}.
  async search(terms, filters = {}) {
    await this.ready;
    // As Pagefind does, a query word that no page has is left out, unless no word is found at all.
    const perTerm = (await Promise.all(terms.map((term) => this.termPages(term)))).filter((t) => t.pages.size);
    const [rarest, ...others] = [...perTerm].sort((a, b) => a.pages.size - b.pages.size);
    const pages = rarest ? new Set([...rarest.pages.keys()].filter((p) => others.every((t) => t.pages.has(p))))
      : new Set(terms.length ? [] : this.pages.keys());
    let chosen = pages;
    for (const [name, { any = [] }] of Object.entries(filters)) {
      const values = await this.filterValuesOf(name);
      const allowed = new Set(any.flatMap((value) => values.get(value) || []));
      chosen = new Set([...chosen].filter((p) => allowed.has(p)));
    }
    const results = [...chosen].map((p) => this.result(p, perTerm)).sort((a, b) => b.score - a.score);
    return { results, filters: await this.counts(chosen), totalFilters: await this.counts(pages) };
  }

  // A query word's pages: Map(page → [[index word, its encoded locations]]), each index word's
  // length bonus, and the IDF of the pages holding any of them. Kept: a query typed is searched as
  // it grows, mostly with the same words.
  termPages(term) {
    if (!this.terms.has(term)) this.terms.set(term, this.matches(term).then((matches) => {
      const pages = new Map();
      const bonus = new Map();
      for (const [word, encoded] of matches) {
        bonus.set(word, lengthBonus(Math.abs(word.length - term.length)));
        let page = 0;
        for (const [delta, locs] of encoded) {
          page += delta;
          if (!pages.has(page)) pages.set(page, []);
          pages.get(page).push([word, locs]);
        }
      }
      return { pages, bonus, idf: idf(this.pages.length, pages.size) };
    }));
    return this.terms.get(term);
  }

  // A page's score: for each index word matched, BM25 of its count of positions, each counted at
  // its weight; and the positions matched, in order.
  result(p, perTerm) {
    const page = this.pages[p];
    const norm = K1 * (1 - B + B * (page.words / this.meanWords));
    const positions = new Set();
    let score = 0;
    for (const term of perTerm) {
      for (const [word, encoded] of term.pages.get(p)) {
        let count = 0;
        locate(encoded, (weight, position) => { count += weight; positions.add(position); });
        const tf = (count / 24) * term.bonus.get(word);
        score += term.idf * ((K1 + 1) * tf) / (norm + tf);
      }
    }
    const words = [...positions].sort((a, b) => a - b);
    return { id: page.id, score, words, data: () => this.fragment(page.id) };
  }

  fragment(id) {
    if (!this.fragments.has(id)) {
      this.fragments.set(id, unpack(new URL(`fragment/${id}.pf_fragment`, this.bundle))
        .then((bytes) => JSON.parse(new TextDecoder().decode(bytes))));
    }
    return this.fragments.get(id);
  }
}
