import { ASCII_WORD, hanWord, names } from "./gk-query.js";

// How pages are ranked for a query (its pieces and parts, gk-query.js) over the index (gk-index.js).
//
// Every part is looked up by all its words (a Han text of n characters by its n - 1 words of two
// characters, a lone character as a prefix, an ASCII run as itself), and so is each of its synonyms
// and each piece of the query as typed. A page covers a character of a form (a part's text or one
// of its synonyms) when it holds a word of the form containing it, and a part as far as the best of
// its forms. A character weighs 1 and up to 1 more the rarer its words are
// (`weights`); one no page holds a word of weighs nothing, and is said not to be found. A page's
// coverage is the share of the query's weight it covers; the pages covering at least half as much as
// the page covering most are the results: a query with a word no page holds still finds the pages
// holding the others, and a page lacking a word is still found, below those that hold it.
//
// A result's score: its coverage cubed (covering the query comes first), times the sum of
//   - BM25 over the weighted counts of its words (title 7, keywords 6, summary 3, text 1), as a share
//     of the most the query's words can score;
//   - the share of the query its title and keywords cover (a part by a synonym counting 0.8);
//   - the share of the query it holds as typed: for each piece, the longest run of its parts side by
//     side as in the query (a part by any of its forms, a synonym counting 0.8), or of its characters;
//   - the same in its title;
// times its prior: a page of a type the query names (年度报告, 解读), or a guide when the query asks how
// to get something done (怎么办, 申请, 换领 ...), and a little for a guide anyway; less for a page no
// longer in force (失效, 废止; 已修改 less so; less so again when it holds every word of the query, so
// that a repealed document asked for by its title comes before pages lacking a word of it), and for an
// item of a list page. Scores within 1 % are
// ties, which the newer page wins (pages are numbered newest first).

const K1 = 1.4; // term saturation
const B = 0.75; // page length
const KEYWORD_WEIGHT = 144; // positions weighted at least this are in the title or keywords (search/index.py)
const TITLE_WEIGHT = 168; // and these in the title
const SYNONYM = 0.8; // a part covered by a synonym rather than as typed counts this much
const CUBE = 3; // coverage's power
const CUT = 0.5; // a page covering less than this share of the best coverage is not a result
const SIGNALS = { bm25: 1, title: 1, phrase: 1.5, titlePhrase: 1 };
const PRIORS = { named: 1.6, guide: 1.35, guideAnyway: 1.15, listed: 0.6, amended: 0.6, repealed: 0.2, repealedWhole: 0.5 };
const AMENDED = "已修改";
// Characters that say little wherever they are (的, 了, 在, 能 ...): they weigh a fifth of a character.
const LIGHT = new Set(Array.from("的了在是我你他她它们个有和与及或就也都要会能可以去到说这那吗呢吧啊把被给让从向对而很还又再之其于办"));
const LIGHT_WEIGHT = 0.2;

const idf = (total, containing) => Math.log((total - containing + 0.5) / (containing + 0.5) + 1);

// A text's form: the index words a page holding the text has at its positions 0, 1, ... (word i
// covers characters i and i + 1; a lone word covers the one character). A Han text of one character
// is looked up as a prefix.
function form(text, han) {
  const chars = Array.from(text);
  if (!han) return { text, terms: [ASCII_WORD + text], size: 1 };
  if (chars.length === 1) return { text, terms: [hanWord(chars)], size: 1 };
  return { text, terms: chars.slice(1).map((c, i) => hanWord([chars[i], c])), size: chars.length };
}

const isHan = (text) => !/^[0-9a-z]+$/.test(text);

// The query's plan: each piece's form and parts (each with its forms, its text first, and where it
// starts in its piece), and every word to look up.
export function plan(parsed) {
  const pieces = parsed.pieces.map((p) => ({ ...form(p.text, p.han), parts: [] }));
  const parts = parsed.parts.map((part) => {
    const piece = pieces[part.piece];
    const planned = { ...part, whole: piece, at: part.at ?? 0, length: Array.from(part.text).length,
      forms: part.alternatives.map((t) => form(t, isHan(t))) };
    piece.parts.push(planned);
    return planned;
  });
  const terms = [...new Set([...pieces, ...parts.flatMap((p) => p.forms)].flatMap((f) => f.terms))];
  return { parsed, pieces, parts, terms };
}

// Whether a page covers character c of a form: it holds a word of the form holding it (`has[at + id]`:
// whether it holds the word numbered id).
const holds = (f, has, at, c) => (f.size === 1 ? has[at + f.ids[0]] : (c && has[at + f.ids[c - 1]]) || (c < f.ids.length && has[at + f.ids[c]]));

// Each character's weight in a form: 1, and up to 1 more for the rarity (IDF) of the most common
// word holding it that some page has (a word across two words of the query, 证到, is rare but says
// little); 0 when no page has a word holding it; a fifth for a character that says little (LIGHT).
function weigh(f, counts, total) {
  const most = idf(total, 0);
  const chars = Array.from(f.text);
  f.weights = Array.from({ length: f.size }, (_, c) => {
    const held = f.size === 1 ? [f.ids[0]] : [f.ids[c - 1], f.ids[c]].filter((id) => id !== undefined);
    const pages = held.map((id) => counts[id]).filter(Boolean);
    if (!pages.length) return 0;
    return LIGHT.has(chars[c]) && f.size > 1 ? LIGHT_WEIGHT : 1 + idf(total, Math.max(...pages)) / most;
  });
  f.total = f.weights.reduce((a, b) => a + b, 0);
}

// The share of a form a page covers, by its characters' weights.
function share(f, has, at) {
  let got = 0;
  for (let c = 0; c < f.size; c++) if (holds(f, has, at, c)) got += f.weights[c];
  return f.total ? got / f.total : 0;
}

// The share of a part a page covers: the best of its forms (`synonym`: what a synonym counts).
function covered(part, has, at, synonym = 1) {
  let best = 0;
  for (let i = 0; i < part.forms.length; i++) best = Math.max(best, share(part.forms[i], has, at) * (i ? synonym : 1));
  return best;
}

// The words of a part a page lacks: a part of synonyms when it covers less than half of it, else the
// runs of two characters or more of its text that it does not hold (货车[进城时间]).
function lacking(part, has, at) {
  if (part.forms.length > 1) return covered(part, has, at) < 0.5 ? [part.text] : [];
  const f = part.forms[0];
  if (f.size === 1) return share(f, has, at) ? [] : [part.text];
  const runs = [];
  let run = "";
  Array.from(part.text).forEach((c, i) => {
    if (holds(f, has, at, i) || !f.weights[i]) { runs.push(run); run = ""; } else run += c;
  });
  return words([...runs, run]);
}

// The words of a part no page holds: the whole part when no form of it is found, else the runs of
// two or more characters of its text that no page holds a word of (户口登记[鳄鱼]; a lone character so
// left, 2022[年]信息公开, is one a query's words hold only across two words).
function unfound(part) {
  if (!part.weight) return [part.text];
  if (part.forms.length > 1 || part.forms[0].size === 1) return [];
  const runs = [];
  let run = "";
  Array.from(part.text).forEach((c, i) => {
    if (part.forms[0].weights[i]) { runs.push(run); run = ""; } else run += c;
  });
  return words([...runs, run]);
}

// Runs of a query's text as words a reader recognises: the particles a question wraps them in
// (了, 的, 在 …) trimmed from either end ([外地人]在, 了[一年]); a run left shorter than two characters
// is not told.
const PARTICLES = /^[了的在着过吗呢吧啊呀么去来地得和与及或也都就还又再]+|[了的在着过吗呢吧啊呀么去来地得和与及或也都就还又再]+$/gu;
const words = (runs) => runs.map((r) => r.replace(PARTICLES, "")).filter((r) => Array.from(r).length > 1);

// Whether a sorted list of positions holds `p`.
function includes(list, p) {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid] < p) low = mid + 1; else high = mid;
  }
  return list[low] === p;
}

// A page's words where they are: each word's positions (`lists`), those in the title (`titles`), its
// weighted count (`tf`) and whether it is in the title or keywords (`keyword`). Made for one page after
// another, reusing its storage (a search reads the words of every page it ranks).
class Places {
  constructor(count) {
    this.count = count;
    this.lists = Array.from({ length: count }, () => []);
    this.titles = Array.from({ length: count }, () => []);
    this.tf = new Float64Array(count);
    this.keyword = new Uint8Array(count);
    this.unsorted = new Uint8Array(count); // positions came in more than one run (of weights)
  }

  read(index, looked, has, at, p) {
    for (let id = 0; id < this.count; id++) {
      this.lists[id].length = 0;
      this.titles[id].length = 0;
      this.tf[id] = 0;
      this.keyword[id] = 0;
      this.unsorted[id] = 0;
      if (!has[at + id]) continue;
      this.id = id;
      index.locate(looked[id], p, this);
      if (this.unsorted[id]) {
        this.lists[id].sort((a, b) => a - b);
        this.titles[id].sort((a, b) => a - b);
      }
    }
    return this;
  }

  add(weight, position, bonus) {
    const id = this.id;
    const list = this.lists[id];
    this.tf[id] += (weight / 24) * bonus;
    if (list.length && list[list.length - 1] > position) this.unsorted[id] = 1;
    list.push(position);
    if (weight >= KEYWORD_WEIGHT) this.keyword[id] = 1;
    if (weight >= TITLE_WEIGHT) this.titles[id].push(position);
  }

  // Where a form is held as a phrase (in the title only: `title`): its first positions.
  starts(f, title) {
    const lists = title ? this.titles : this.lists;
    return lists[f.ids[0]].filter((p) => f.ids.every((id, i) => !i || includes(lists[id], p + i)));
  }

  // The longest run of a form's characters held side by side, as a share of the characters some
  // page holds: 1 for the whole phrase; 户口登记 is all of 户口登记鳄鱼 a page can hold.
  stretch(f, title) {
    const findable = f.weights.filter(Boolean).length;
    if (!findable) return 0;
    const lists = title ? this.titles : this.lists;
    if (f.size === 1) return lists[f.ids[0]].length ? 1 : 0;
    let longest = 0;
    for (let i = 0; i < f.ids.length && f.ids.length - i > longest; i++) {
      for (const p of lists[f.ids[i]]) {
        if (i && includes(lists[f.ids[i - 1]], p - 1)) continue; // not where a run starts
        let length = 1;
        while (i + length < f.ids.length && includes(lists[f.ids[i + length]], p + length)) length++;
        longest = Math.max(longest, length);
      }
    }
    return Math.min(1, (longest + 1) / findable);
  }

  // The weight of the longest chain of a piece's parts held side by side as in the query, each part
  // by any of its forms (a synonym counting less), as a share of the piece's weight.
  chain(piece, title) {
    if (piece.parts.length === 1 && piece.parts[0].forms.length === 1) return 0; // its stretch says it
    let best = 0;
    let before = null; // the previous part: where its forms held end → the chain's weight up to there
    let end = 0; // where the previous part ends in the piece
    for (const part of piece.parts) {
      const here = new Map();
      part.forms.forEach((f, i) => {
        const weight = part.weight * (i ? SYNONYM : 1);
        for (const p of this.starts(f, title)) {
          const total = (before && part.at === end ? before.get(p) || 0 : 0) + weight;
          if (total > (here.get(p + f.size) || 0)) here.set(p + f.size, total);
          best = Math.max(best, total);
        }
      });
      before = here;
      end = part.at + part.length;
    }
    return piece.weight ? best / piece.weight : 0;
  }

  // How much of a piece is held as in the query: its longest chain of parts or of characters.
  held(piece, title) {
    return Math.max(this.chain(piece, title), this.stretch(piece, title));
  }
}

function* undelta(deltas) {
  let p = 0;
  for (const d of deltas) { p += d; yield p; }
}

// The pages' priors from gk-query.json: kinds [[label, column, pages]] (the most common kind's pages
// null: all the others), guides, validity [[value, pages]], listed (pages sharing their address); page
// numbers as differences (search/records.py: deltas).
export class Priors {
  constructor(data, count) {
    this.labels = (data.kinds || []).map(([label, column]) => ({ label, column }));
    this.kinds = new Uint8Array(count).fill((data.kinds || []).findIndex(([, , pages]) => !pages) + 1);
    (data.kinds || []).forEach(([, , pages], k) => { for (const p of undelta(pages || [])) this.kinds[p] = k + 1; });
    this.guides = new Set(undelta(data.guides || []));
    this.validity = new Map();
    for (const [value, pages] of data.validity || []) for (const p of undelta(pages)) this.validity.set(p, value);
    this.listed = new Set(undelta(data.listed || []));
  }

  // The prior of each page (a function of its number, and whether it holds every part) for a query.
  of(parsed) {
    const named = new Set(this.labels.map((k, i) => (names(parsed, k.label, k.column) ? i + 1 : 0)).filter(Boolean));
    return (p, whole) => {
      let prior = 1;
      if (named.size) prior *= named.has(this.kinds[p]) ? PRIORS.named : 1;
      else if (this.guides.has(p)) prior *= parsed.service ? PRIORS.guide : PRIORS.guideAnyway;
      const validity = this.validity.get(p);
      if (validity) prior *= validity === AMENDED ? PRIORS.amended : whole ? PRIORS.repealedWhole : PRIORS.repealed;
      if (this.listed.has(p)) prior *= PRIORS.listed;
      return prior;
    };
  }
}

// The ranked pages for a query's plan: {results: [{id, page, score, coverage, signals, missing (the
// parts the page lacks, when asked), data()}], missing (what no page holds), whole (some page covers
// every part)}. `allowed`: a Set of page numbers (the filters), or null.
export async function rank(index, query, priors, allowed = null) {
  await index.ready;
  const total = index.pages.length;
  const count = query.terms.length;
  const ids = new Map(query.terms.map((t, i) => [t, i]));
  const looked = await Promise.all(query.terms.map((t) => index.termPages(t)));
  const counts = looked.map((l) => l.pages.size);
  const forms = [...query.pieces, ...query.parts.flatMap((p) => p.forms)];
  for (const f of forms) { f.ids = f.terms.map((t) => ids.get(t)); weigh(f, counts, total); }
  for (const part of query.parts) part.weight = Math.max(0, ...part.forms.map((f) => f.total / f.size));
  for (const piece of query.pieces) piece.weight = piece.parts.reduce((a, part) => a + part.weight, 0);
  const counted = query.parts.filter((p) => p.weight > 0);
  const sum = counted.reduce((a, p) => a + p.weight, 0);
  const held = new Uint8Array(total * count); // page p holds word id: held[p * count + id]
  const seen = new Uint8Array(total);
  const candidates = [];
  looked.forEach((l, id) => {
    for (const p of l.pages.keys()) {
      if (allowed && !allowed.has(p)) continue;
      if (!seen[p]) { seen[p] = 1; candidates.push(p); }
      held[p * count + id] = 1;
    }
  });
  const coverage = new Float64Array(candidates.length);
  let best = 0;
  let whole = false; // some page covers every part, as typed or by a synonym
  candidates.forEach((p, i) => {
    let c = 0;
    for (const part of counted) c += part.weight * covered(part, held, p * count);
    coverage[i] = c / sum;
    best = Math.max(best, coverage[i]);
    whole ||= counted.every((part) => part.forms.some((f) => share(f, held, p * count) > 0.999));
  });
  const prior = priors.of(query.parsed);
  const most = counted.reduce((a, part) => a + part.forms[0].ids.reduce((b, id) => b + idf(total, counts[id]) * (K1 + 1), 0), 0) || 1;
  const places = new Places(count);
  const results = [];
  const lacks = (p) => [...new Set(counted.flatMap((part) => lacking(part, held, p * count)))];
  candidates.forEach((p, i) => {
    const c = coverage[i];
    if (c < best * CUT || c <= 0) return;
    const result = index.page(p);
    result.coverage = c;
    result.signals = score(index, p, places.read(index, looked, held, p * count, p), counts, query.pieces, counted, sum, most, total);
    result.score = prior(p, c > 0.999) * c ** CUBE * result.signals.sum;
    result.tie = Math.round(Math.log(result.score || 1e-9) * 100); // within 1 %: a tie
    result.lacks = lacks;
    results.push(result);
  });
  results.sort((a, b) => b.tie - a.tie || a.page - b.page);
  const missing = [...new Set(query.parts.flatMap(unfound))]; // a word typed twice is told once
  return { results, missing, whole: whole && !missing.length };
}

// A page's signals: BM25, title and keyword coverage, the query held as typed, in its text and title.
function score(index, p, places, counts, pieces, parts, sum, most, total) {
  const norm = K1 * (1 - B + B * (index.pages[p].words / index.meanWords));
  let text = 0;
  let title = 0;
  for (const part of parts) {
    const scale = Math.max(1, part.forms[0].ids.length);
    let best = 0;
    for (const f of part.forms) {
      let got = 0;
      for (const id of f.ids) {
        const tf = places.tf[id];
        if (tf) got += idf(total, counts[id]) * ((K1 + 1) * tf) / (norm + tf);
      }
      best = Math.max(best, got * scale / Math.max(1, f.ids.length));
    }
    text += best;
    title += part.weight * covered(part, places.keyword, 0, SYNONYM);
  }
  let phrase = 0;
  let titlePhrase = 0;
  for (const piece of pieces) {
    if (!piece.weight) continue;
    phrase += piece.weight * places.held(piece, false);
    titlePhrase += piece.weight * places.held(piece, true);
  }
  const signals = { bm25: Math.min(1, text / most), title: title / sum, phrase: phrase / sum, titlePhrase: titlePhrase / sum };
  signals.sum = SIGNALS.bm25 * signals.bm25 + SIGNALS.title * signals.title + SIGNALS.phrase * signals.phrase
    + SIGNALS.titlePhrase * signals.titlePhrase;
  return signals;
}
