/**
 * docs/discrepancies.md itself: every D- entry names its sources (a section of the seed, of the
 * platform's facts, a row of the starting list, or paycheck's own assumption), takes a decision,
 * names the tests that pin it, and says how the harness tells which way a live server went — or
 * why it need not. The readings and the strict limits of the contract suite are each an entry's,
 * and that entry names the variable that demands them. The tests an entry quotes exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_NAMES } from '../../src/checks/contract/rule-names.ts';
import { READINGS, READING_NAMES } from '../../src/checks/contract/readings.ts';
import { ALL_CASES } from '../../src/runners/contracts/cases/all-cases.ts';

const DOC = readFileSync('docs/discrepancies.md', 'utf8');

interface Entry {
  id: string;
  title: string;
  paragraphs: Map<string, string>;
}

const ENTRIES: Entry[] = DOC.split(/\n(?=### D-\d+ )/).slice(1).map((text) => {
  const [head, ...rest] = text.split('\n');
  const body = rest.join('\n').split(/\n---\n|\n## /)[0];
  const paragraphs = new Map<string, string>();
  for (const p of body.split(/\n\n+/).map((para) => para.trim())) {
    const label = /^\*\*([A-Z][a-z ]+(?: a live server)?)\.\*\*/.exec(p)?.[1];
    if (label) paragraphs.set(label, p.replace(/\s+/g, ' '));
  }
  const [, id, title] = /^### (D-\d+) (.*)$/.exec(head)!;
  return { id, title, paragraphs };
});

/** The seed page's sections (its ### and ##### headings) and its two images. */
const SEED_SECTIONS = ['接口描述', '时序图', '流程图', '请求地址', '请求方式', '请求参数', 'store_info 结构', 'goods_list 结构', '请求事例', '响应参数', 'voucher_list 结构', '响应事例', '异常响应', '异常响应事例', 'flowchart', 'sequence diagram'];

/** What a citation may name, with the ranges of the reference files (read from them where ../shared is at hand). */
function citationProblem(citation: string): string | undefined {
  const seed = /^seed (.+)$/.exec(citation);
  if (seed) return SEED_SECTIONS.includes(seed[1]) ? undefined : `no seed section "${seed[1]}"`;
  const facts = /^platform-facts §(\d+)$/.exec(citation);
  if (facts) return REFERENCE.facts.includes(Number(facts[1])) ? undefined : `platform-facts has no §${facts[1]}`;
  const row = /^known-discrepancies #(\d+)$/.exec(citation);
  if (row) return REFERENCE.rows.includes(Number(row[1])) ? undefined : `known-discrepancies has no row #${row[1]}`;
  return citation === "paycheck's assumption" ? undefined : `"${citation}" is no source`;
}

const REFERENCE = (() => {
  const dir = '../shared/reference';
  if (!existsSync(dir)) return { facts: [1, 2, 3, 4], rows: Array.from({ length: 23 }, (_, i) => i + 1) };
  const facts = [...readFileSync(join(dir, 'platform-facts.md'), 'utf8').matchAll(/^## (\d+)\./gm)].map((m) => Number(m[1]));
  const rows = [...readFileSync(join(dir, 'known-discrepancies.md'), 'utf8').matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
  return { facts, rows };
})();

test('every entry names its sources: sections of the seed, of the platform facts, rows of the starting list, or paycheck\'s assumption', () => {
  assert.ok(ENTRIES.length >= 55, String(ENTRIES.length));
  for (const entry of ENTRIES) {
    const sources = entry.paragraphs.get('Sources');
    assert.ok(sources, `${entry.id}: no **Sources.**`);
    const cited = /^\*\*Sources\.\*\* \[([^\]]+)\]/.exec(sources)?.[1];
    assert.ok(cited, `${entry.id}: **Sources.** must begin with its citations in brackets`);
    for (const citation of cited.split('·').map((c) => c.trim())) assert.equal(citationProblem(citation), undefined, `${entry.id}: ${citation}`);
  }
});

test('every entry decides, is pinned by a test, and says how a live server is told apart — or why it need not be', () => {
  const mechanisms = [...RULE_NAMES, ...READING_NAMES, ...READING_NAMES.map((n) => READINGS[n].env), 'PAY_STRICT', 'preflight', 'paycheck explain', 'paycheck verify'];
  const problems: string[] = [];
  for (const entry of ENTRIES) {
    for (const label of ['Decision', 'Why', 'Pinned by', 'Detecting a live server']) if (!entry.paragraphs.has(label)) problems.push(`${entry.id}: no **${label}.**`);
    const detecting = entry.paragraphs.get('Detecting a live server') ?? '';
    if (detecting.includes('None needed:')) continue;
    if (!mechanisms.some((m) => detecting.includes(m))) problems.push(`${entry.id}: the detection names no rule, reading, variable or tool: ${detecting}`);
    // A rule-like name in backticks is a rule or a reading of today's suite.
    for (const [, name] of detecting.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)) {
      if (!(RULE_NAMES as readonly string[]).includes(name) && !(READING_NAMES as readonly string[]).includes(name)) problems.push(`${entry.id}: \`${name}\` is no rule or reading`);
    }
  }
  assert.deepEqual(problems, []);
});

test('each reading is its decision\'s, whose entry names the reading and the variable that demands it', () => {
  for (const name of READING_NAMES) {
    const { decision, env } = READINGS[name];
    const detecting = ENTRIES.find((e) => e.id === decision)?.paragraphs.get('Detecting a live server') ?? '';
    assert.ok(detecting.includes(`\`${name}\``) && detecting.includes(env), `${decision} should name the reading \`${name}\` and ${env}: ${detecting}`);
  }
});

test('each strict limit of the suite is a decision whose entry says so, with PAY_STRICT', () => {
  const strict = new Set(ALL_CASES.map((c) => /\(strict, (D-\d+)\)/.exec(c.title)?.[1]).filter((d): d is string => d !== undefined));
  assert.deepEqual([...strict].sort(), ['D-10', 'D-11', 'D-28', 'D-38', 'D-46', 'D-48', 'D-50', 'D-6'].sort());
  for (const decision of strict) {
    const detecting = ENTRIES.find((e) => e.id === decision)?.paragraphs.get('Detecting a live server') ?? '';
    assert.ok(detecting.includes('`strict-limit`') && detecting.includes('PAY_STRICT=1'), `${decision}: ${detecting}`);
  }
});

test('the summary lists every entry once, and no other', () => {
  const summary = DOC.slice(DOC.indexOf('## Summary'), DOC.indexOf('\n---\n'));
  const listed = [...summary.matchAll(/^\| \[(D-\d+)\]\(#[^)]+\) \|/gm)].map((m) => m[1]);
  assert.deepEqual([...listed].sort(), ENTRIES.map((e) => e.id).sort());
  assert.equal(new Set(listed).size, listed.length);
});

/** Every test title in the repository's test files. */
function testTitles(): Set<string> {
  const titles = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) for (const [, , title] of readFileSync(path, 'utf8').matchAll(/\btest\((['"`])((?:\\.|(?!\1).)*)\1/g)) titles.add(title.replace(/\\(.)/g, '$1'));
    }
  };
  for (const dir of ['test', 'src']) walk(dir);
  return titles;
}

test('the tests an entry quotes by their full title exist', () => {
  const titles = [...testTitles()];
  const problems: string[] = [];
  for (const entry of ENTRIES) {
    const pinned = entry.paragraphs.get('Pinned by')!;
    // A title may hold quotes itself: at each quote that opens one, some test's title must follow, then a closing quote.
    for (const at of [...pinned.matchAll(/"(?=D-\d+[,:])/g)].map((m) => m.index + 1)) {
      const rest = pinned.slice(at);
      if (/^[^"]*…/.test(rest)) continue;
      if (!titles.some((t) => rest.startsWith(`${t}"`))) problems.push(`${entry.id} quotes a test that does not exist: "${rest.slice(0, 120)}…"`);
    }
  }
  assert.deepEqual(problems, []);
});
