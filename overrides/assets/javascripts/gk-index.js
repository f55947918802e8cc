// The search index, read in the page. The index is written in Pagefind 1.5's format by the build
// (plugins/gongkai/search/index.py); Pagefind's browser code is not used: its search compares every
// matching page with every page of every query word, which at 10,000 entries took 3.4 s for 政府信息公开
// on the reference machine. Here looking a word up costs time in proportion to its pages, and needs
// no worker or WebAssembly to start; gk-rank.js ranks the pages.
//
// Pagefind's files are gzip-compressed, after a signature: CBOR (RFC 8949) for the metadata (pages,
// index chunks, filters), the index chunks and the filter chunks; JSON for a page's fragment.

const SIGNATURE = "pagefind_dcd";
const TOP = "\uffff"; // above every character of a word: prefix + TOP bounds the prefix's words
const NUMBER = /^a[0-9]+$/; // the search word of a number (segment.py: ASCII words start with a)

// A reader of CBOR (RFC 8949) in the subset Pagefind writes: definite lengths; integers, text
// strings and arrays. An index chunk is read lazily: `skip` steps over an item without building it,
// so a chunk's words are listed without their pages, and only the pages of the words a query needs
// are read, their locations only for the pages scored.
class Reader {
  constructor(bytes, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  // The next `n` bytes as a big-endian unsigned integer.
  uint(n) {
    let value = 0;
    for (const end = this.at + n; this.at < end; this.at++) value = value * 256 + this.bytes[this.at];
    return value;
  }

  // The next item's major type and argument (a length for strings and arrays).
  head() {
    const head = this.bytes[this.at++];
    const arg = head & 31;
    this.major = head >> 5;
    if (arg < 24) return arg;
    if (arg > 27) throw new Error(`unsupported CBOR item ${head}`);
    return this.uint(2 ** (arg - 24)); // 24: one byte, 25: two, 26: four, 27: eight
  }

  value() {
    const arg = this.head();
    if (this.major === 0) return arg;
    if (this.major === 1) return -1 - arg;
    if (this.major === 3) { this.at += arg; return TEXT.decode(this.bytes.subarray(this.at - arg, this.at)); }
    if (this.major === 4) {
      const list = new Array(arg);
      for (let i = 0; i < arg; i++) list[i] = this.value();
      return list;
    }
    throw new Error(`unsupported CBOR major type ${this.major}`);
  }

  skip() {
    const arg = this.head();
    if (this.major === 3) this.at += arg;
    else if (this.major === 4) for (let i = 0; i < arg; i++) this.skip();
    else if (this.major > 1) throw new Error(`unsupported CBOR major type ${this.major}`);
  }

  // Steps over an array of integers: the bulk of an index chunk, so without building or checking.
  skipIntegers() {
    for (let n = this.head(); n > 0; n--) {
      const arg = this.bytes[this.at++] & 31;
      if (arg >= 24) this.at += 2 ** (arg - 24);
    }
  }

  // A word's pages, [[page number (after the previous), locations, metadata locations]]: calls
  // `visit(page number, where its locations start)` for each.
  pages(visit) {
    let page = 0;
    for (let n = this.head(); n > 0; n--) {
      const fields = this.head();
      page += this.value();
      if (visit) visit(page, this.at);
      for (let f = 1; f < fields; f++) this.skipIntegers();
    }
  }
}

const TEXT = new TextDecoder();
const decode = (bytes) => new Reader(bytes).value();

// An index chunk's words, in order, each with where its pages start: [[word, at, bytes]].
// A chunk is [[word, pages, variants]].
function chunkWords(bytes) {
  const reader = new Reader(bytes);
  reader.head(); // the chunk
  const words = new Array(reader.head());
  for (let i = 0; i < words.length; i++) {
    const fields = reader.head();
    const word = reader.value();
    words[i] = [word, reader.at, bytes];
    reader.pages();
    for (let f = 2; f < fields; f++) reader.skip();
  }
  return words;
}

async function unpack(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  const bytes = new Uint8Array(await new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
  if (TEXT.decode(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) throw new Error(`${url}: not Pagefind's`);
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

// Pagefind's bonus for an index word `extra` characters longer than the query word.
const lengthBonus = (extra) => Math.exp(Math.exp(-0.5 * (extra + 1) ** 2 / 4)) / Math.E;

// Calls `sink.add(weight, position, bonus)` for a page's locations of a word, the array at `at` in
// `bytes`. Negative numbers set the weight of the positions after them (Pagefind: -1 - weight, 24
// being 1.0); positions are deltas after each. Read in place, allocating nothing: a search reads the
// locations of every page it ranks.
function locate(bytes, at, sink, bonus) {
  let i = at;
  let n = bytes[i] & 31;
  i++;
  if (n >= 24) { let value = 0; for (const end = i + 2 ** (n - 24); i < end; i++) value = value * 256 + bytes[i]; n = value; }
  let weight = 24;
  let position = 0;
  for (; n > 0; n--) {
    const negative = bytes[i] >> 5 === 1;
    let value = bytes[i] & 31;
    i++;
    if (value >= 24) { let v = 0; for (const end = i + 2 ** (value - 24); i < end; i++) v = v * 256 + bytes[i]; value = v; }
    if (negative) { weight = Math.min(value, 255); position = 0; } else { position += value; sink.add(weight, position, bonus); }
  }
}

class Result {
  constructor(index, p) {
    this.index = index;
    this.page = p;
    this.id = index.pages[p].id;
  }

  data() {
    return this.index.fragment(this.id);
  }

  // The parts of the query the page lacks, when the ranking says (gk-rank.js).
  get missing() {
    return this.lacks ? this.lacks(this.page) : [];
  }
}

export class Index {
  // `bundle`: the URL of Pagefind's folder.
  constructor(bundle) {
    this.bundle = bundle;
    this.chunks = new Map(); // index chunk name → its words, sorted (chunkWords)
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
      this.chunks.set(name, unpack(new URL(`index/${name}.pf_index`, this.bundle)).then(chunkWords));
    }
    return this.chunks.get(name);
  }

  // The index words with `term` as prefix, but a number only as itself (8 is not 814): [word, at,
  // bytes] each (chunkWords). (Pagefind would take the longest index word that is a prefix of `term`
  // when there is none: here a word of two characters no page holds is not found, so a query's
  // coverage counts only what pages hold.)
  async matches(term) {
    await this.ready;
    const [from, to] = chunkSpan(this.chunkList, term, (c) => c.first);
    const names = this.chunkList.slice(from, to + 1).map((c) => c.name);
    const words = (await Promise.all(names.map((n) => this.chunk(n)))).flat(); // in order, as the chunks
    const whole = NUMBER.test(term);
    const found = [];
    for (let i = lowerBound(words, term, (w) => w[0]); i < words.length && words[i][0].startsWith(term); i++) {
      if (!whole || words[i][0] === term) found.push(words[i]);
    }
    return found;
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

  // A query word's index words ({bytes, bonus}: their chunk and Pagefind's bonus for index words
  // close in length to the query word) and its pages (Map(page → [index word, where its locations
  // start, ...]), flat: a page of a common word is one small array). Kept: a query typed is searched
  // as it grows, mostly with the same words.
  termPages(term) {
    if (!this.terms.has(term)) this.terms.set(term, this.matches(term).then((matches) => {
      const pages = new Map();
      const words = matches.map(([word, at, bytes], w) => {
        new Reader(bytes, at).pages((page, locations) => {
          const found = pages.get(page);
          if (found) found.push(w, locations); else pages.set(page, [w, locations]);
        });
        return { bytes, bonus: lengthBonus(Math.abs(word.length - term.length)) };
      });
      return { term, pages, words };
    }));
    return this.terms.get(term);
  }

  // Calls `sink.add(weight, position, bonus)` for each location on page `p` of the index words of a
  // looked-up term (termPages), in the order of its index words.
  locate(found, p, sink) {
    const at = found.pages.get(p);
    if (!at) return;
    for (let i = 0; i < at.length; i += 2) {
      const { bytes, bonus } = found.words[at[i]];
      locate(bytes, at[i + 1], sink, bonus);
    }
  }

  // A page as a result: its id, number (the page order is newest first) and fragment (`data()`).
  page(p) {
    return new Result(this, p);
  }

  fragment(id) {
    if (!this.fragments.has(id)) {
      this.fragments.set(id, unpack(new URL(`fragment/${id}.pf_fragment`, this.bundle))
        .then((bytes) => JSON.parse(TEXT.decode(bytes))));
    }
    return this.fragments.get(id);
  }
}
