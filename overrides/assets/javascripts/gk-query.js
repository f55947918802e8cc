// What a query asks for, in the index's words.
//
// Search words are made exactly as the index makes them (plugins/gongkai/search/segment.py; both are
// checked against tests/vectors/segment.json): each character NFKC-normalised, lower-cased and folded
// from Traditional to Simplified (the table comes with the index, gk-query.json: the Traditional
// characters whose Simplified form the site holds), so either script finds both; every Han character
// gives one word, itself and the next character of its run; every run of ASCII letters and digits is
// one word.
//
// A query is read into parts, the units a page covers or not: the editors' synonyms (synonyms.yml)
// and the question and filler words below are found in it, longest first, and cut it; a synonym is a
// part that any word of its group covers, a filler word is left out (it lowers no page's coverage),
// and the text between them is a part of its own. Cue words say what kind of page is asked for: a
// service guide (怎么办, 申请, 换领 ...) or a type the query names (解读, 年度报告 ...).

const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
const CODE_CHARS = new RegExp(`[${HAN}0-9a-z]`, "gu");
const HAN_CHAR = new RegExp(`[${HAN}]`, "u");
const ASCII_CHAR = /[0-9a-z]/;
export const HAN_WORD = "h";
export const ASCII_WORD = "a";
const EXACT_PREFIX = "gkexact";

// Question and filler words: how people ask, not what they ask about.
const FILLERS = ["怎么办理", "怎么办", "怎么样", "怎么", "如何办理", "如何", "怎样", "咋办", "在哪里", "在哪儿", "在哪",
  "哪里", "哪儿", "这里", "这边", "需要什么", "需要哪些", "需要", "要不要", "是不是", "要什么", "什么", "哪些", "是谁", "流程", "手续", "请问",
  "我想", "我要", "想要", "可以吗", "可以", "能不能", "能否", "是否", "有没有", "多少", "相关"];
const ENDINGS = ["吗", "呢", "吧", "啊", "呀"]; // fillers only at the end of a run
// Words that ask how to get something done: a service guide answers them.
const SERVICE = ["怎么办", "怎么", "如何", "怎样", "咋办", "办理", "办", "申请", "申领", "换领", "补领", "补办", "换证", "开具",
  "需要", "材料", "手续", "流程", "条件", "在哪", "哪里", "多久", "预约", "上牌", "续签", "签注", "收费", "费用"];
// Words that ask for a content type by its ColumnType (catalogue.yml's column_type).
const COLUMN_CUES = { 解读回应: ["解读", "图解", "问答"] };

const code = (char) => char.codePointAt(0).toString(36).padStart(4, "0");
export const hanWord = (chars) => HAN_WORD + chars.map(code).join("");

export class Lexicon {
  // `data`: gk-query.json's `fold` (Traditional → Simplified) and `synonyms` (groups of words,
  // normalised as the index normalises).
  constructor({ fold = {}, synonyms = [] } = {}) {
    this.fold = new Map(Object.entries(fold));
    this.dictionary = new Map(); // normalised word → {filler} or {group}
    for (const group of synonyms) for (const word of group) this.dictionary.set(word, { group });
    for (const word of FILLERS) if (!this.dictionary.has(word)) this.dictionary.set(word, { filler: true });
    this.longest = Math.max(...[...this.dictionary.keys()].map((w) => Array.from(w).length));
  }

  // A character as search words see it: NFKC, lower case, Simplified (one or more characters).
  normaliseChar(c) {
    return Array.from(c.normalize("NFKC").toLowerCase(), (x) => this.fold.get(x) ?? x).join("");
  }

  normalise(text) {
    return Array.from(text, (c) => this.normaliseChar(c)).join("");
  }

  // The text normalised, with the index of the original character each of its characters comes from.
  units(text) {
    const chars = [];
    const origin = [];
    Array.from(text).forEach((c, i) => {
      for (const n of Array.from(this.normaliseChar(c))) { chars.push(n); origin.push(i); }
    });
    return { chars, origin };
  }

  // The search words of `text` with the index of the original character each one starts at (and
  // after which it ends), as the index makes them.
  wordSpans(text) {
    const { chars, origin } = this.units(text);
    const spans = [];
    for (const run of runs(chars)) {
      const piece = chars.slice(run.from, run.to);
      if (!run.han) {
        spans.push({ word: ASCII_WORD + piece.join(""), start: origin[run.from], end: origin[run.to - 1] + 1 });
        continue;
      }
      piece.forEach((_, i) => spans.push({
        word: hanWord(piece.slice(i, i + 2)), start: origin[run.from + i], end: origin[run.from + i] + 1,
      }));
    }
    return spans;
  }

  words(text) {
    return this.wordSpans(text).map((s) => s.word);
  }

  exactWord(text) {
    const parts = Array.from(this.normalise(text).matchAll(CODE_CHARS), ([c]) => {
      const point = c.codePointAt(0);
      if (point < 128) return c;
      return point <= 0xffff ? `x${point.toString(16).padStart(4, "0")}` : `y${point.toString(16).padStart(6, "0")}`;
    });
    return parts.length ? EXACT_PREFIX + parts.join("") : "";
  }

  // The query read: {pieces, parts, left, service, names}. Pieces are the runs of the query cut at
  // filler words, each {text (normalised), from, to (the original characters it comes from), han}:
  // a page holding a piece as it is holds the phrase. Parts are what a page covers or not, each
  // {text, alternatives (its text first, then its synonyms), piece (its number), at (where it starts
  // in the piece)}: a synonym, or the text between synonyms; a lone character between them is not a
  // part (the piece's phrase still holds it), nor is one a filler cut off (怎么[办]), but a query's
  // lone character is (理). `left`: the filler words and characters left out (none when the query
  // holds nothing else: then they are what it asks); `service`: a service guide is asked for;
  // `names`: texts that may name a content type.
  parse(text, fillers = true) {
    const { chars, origin } = this.units(text);
    const pieces = [];
    const parts = [];
    const left = [];
    const piece = (from, to, cut) => {
      if (to - from === 1 && cut) { left.push(chars[from]); return; }
      const han = HAN_CHAR.test(chars[from]);
      pieces.push({ text: chars.slice(from, to).join(""), from: origin[from], to: origin[to - 1] + 1, han });
      this.cut(chars.slice(from, to), cut).forEach((part) => parts.push({ ...part, piece: pieces.length - 1 }));
    };
    for (const { from, to, han } of runs(chars)) {
      let start = from;
      for (let i = from; han && fillers && i < to;) {
        const n = this.filler(chars, i, from, to);
        if (!n) { i++; continue; }
        if (i > start) piece(start, i, true);
        left.push(chars.slice(i, i + n).join(""));
        i += n;
        start = i;
      }
      if (to > start) piece(start, to, start > from);
    }
    if (!parts.length && left.length) return this.parse(text, false); // a query of question words only
    const asked = this.normalise(text);
    return { pieces, parts, left, service: SERVICE.some((w) => asked.includes(w)),
      names: [asked, ...parts.flatMap((p) => p.alternatives)] };
  }

  // The length of the filler word at chars[i] (in the run from `from` to `to`), or 0.
  filler(chars, i, from, to) {
    for (let n = Math.min(this.longest, to - i); n > 1; n--) {
      if (this.dictionary.get(chars.slice(i, i + n).join(""))?.filler) return n;
    }
    return i + 1 === to && i > from && ENDINGS.includes(chars[i]) ? 1 : 0;
  }

  // A piece's parts: its synonyms, longest first, and the text between them (`cut`: a filler cut the
  // piece from its run).
  cut(chars, cut) {
    const out = [];
    let plain = 0;
    const flush = (end) => {
      if (end - plain > 1 || (end - plain === 1 && chars.length === 1 && !cut)) {
        const text = chars.slice(plain, end).join("");
        out.push({ text, alternatives: [text], at: plain });
      }
    };
    for (let i = 0; i < chars.length;) {
      const n = this.synonym(chars, i);
      if (!n) { i++; continue; }
      flush(i);
      const word = chars.slice(i, i + n).join("");
      out.push({ text: word, alternatives: [word, ...this.dictionary.get(word).group.filter((w) => w !== word)], at: i });
      i += n;
      plain = i;
    }
    flush(chars.length);
    return out;
  }

  // The length of the longest synonym at chars[i], or 0.
  synonym(chars, i) {
    for (let n = Math.min(this.longest, chars.length - i); n > 1; n--) {
      if (this.dictionary.get(chars.slice(i, i + n).join(""))?.group) return n;
    }
    return 0;
  }
}

// The runs of Han characters and of ASCII letters and digits in normalised characters.
function runs(chars) {
  const out = [];
  for (let i = 0; i < chars.length;) {
    const han = HAN_CHAR.test(chars[i]);
    if (!han && !ASCII_CHAR.test(chars[i])) { i++; continue; }
    let j = i + 1;
    while (j < chars.length && (han ? HAN_CHAR.test(chars[j]) : ASCII_CHAR.test(chars[j]))) j++;
    out.push({ from: i, to: j, han });
    i = j;
  }
  return out;
}

// Whether a query names a content type: its label (办事指南, 年度报告 ...) or a cue word of its ColumnType.
export function names(parsed, label, column) {
  const cues = [label, ...(COLUMN_CUES[column] || [])];
  return parsed.names.some((text) => cues.some((cue) => text.includes(cue)));
}

// A query that could be a 索引号 or 文号: it has a four-digit number and code punctuation or 号.
export const looksLikeCode = (lexicon, q) => /\d{4}/.test(lexicon.normalise(q)) && /[/\-〔〕[\]号]/.test(q);
