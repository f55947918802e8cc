// gk-query.js: how a query is read into the parts a page covers (the editors' synonyms, question and
// filler words left out, either script), and what kind of page it asks for.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const { Lexicon, names } = await import(pathToFileURL(join(process.env.GK_JAVASCRIPTS, "gk-query.js")));
const lexicon = new Lexicon({
  fold: { 戶: "户", 遷: "迁", 寬: "宽", 證: "证", 換: "换", 領: "领" },
  synonyms: [["身份证", "居民身份证"], ["换证", "换领"], ["到期", "期满"], ["年报", "年度报告"]],
});
const read = (text) => {
  const { parts, left, service } = lexicon.parse(text);
  return { parts: parts.map((p) => p.alternatives), left, service };
};

test("synonyms are parts a page covers with any word of their group; the text between them is one", () => {
  assert.deepEqual(read("身份证到期换领"), {
    parts: [["身份证", "居民身份证"], ["到期", "期满"], ["换领", "换证"]], left: [], service: true });
  assert.deepEqual(read("居民身份证换证").parts, [["居民身份证", "身份证"], ["换证", "换领"]]); // longest first
  assert.deepEqual(read("户口迁移政策").parts, [["户口迁移政策"]]);
});

test("question and filler words are left out, and a lone character they cut off", () => {
  assert.deepEqual(read("护照怎么办"), { parts: [["护照"]], left: ["怎么办"], service: true });
  assert.deepEqual(read("依申请公开 怎么申请"), { parts: [["依申请公开"], ["申请"]], left: ["怎么"], service: true });
  assert.deepEqual(read("港澳通行证在哪里办吗").parts, [["港澳通行证"]]);
  assert.deepEqual(read("港澳通行证在哪里办吗").left, ["在哪里", "办", "吗"]);
  assert.deepEqual(read("开宾馆需要公安审批吗").parts, [["开宾馆"], ["公安审批"]]);
});

test("a query of question words alone asks for them", () => {
  assert.deepEqual(read("流程"), { parts: [["流程"]], left: [], service: true });
  assert.deepEqual(read("怎么办 流程").parts, [["怎么办"], ["流程"]]);
});

test("a query's own lone character is looked up; one beside a synonym is held by the piece", () => {
  assert.deepEqual(read("理").parts, [["理"]]);
  assert.deepEqual(read("吗").parts, [["吗"]]);
  const parsed = lexicon.parse("新身份证");
  assert.deepEqual(parsed.parts.map((p) => p.text), ["身份证"]);
  assert.deepEqual(parsed.pieces.map((p) => p.text), ["新身份证"]);
});

test("either script is read as the index's Simplified, and ASCII runs are parts", () => {
  assert.deepEqual(read("放寬戶口遷移政策").parts, [["放宽户口迁移政策"]]);
  assert.deepEqual(read("身份證換領").parts, [["身份证", "居民身份证"], ["换领", "换证"]]);
  assert.deepEqual(read("2022年部门预算").parts, [["2022"], ["年部门预算"]]);
  assert.equal(lexicon.parse("戶口").pieces[0].to, 2); // where it comes from in what was typed
});

test("a query names a content type by its label, a synonym of it or its ColumnType's cue", () => {
  assert.ok(names(lexicon.parse("2022年年报"), "年度报告", "信息发布"));
  assert.ok(names(lexicon.parse("户口迁移政策解读"), "政策解读", "解读回应"));
  assert.ok(names(lexicon.parse("户口迁移图解"), "政策解读", "解读回应"));
  assert.ok(!names(lexicon.parse("户口迁移"), "政策解读", "解读回应"));
});
