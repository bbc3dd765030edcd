/**
 * The reports of a `paycheck fuzz` run: the console text (a line per property, each failure as a
 * minimal case, the coverage table), the same as JSON, and JUnit XML (a property a test case, a
 * failure a `<failure>`). A failure shows the rule, the request and the string signed with the
 * secret and pay code masked, the answer, the earlier steps of a stateful case, the token that
 * replays it and a curl command — the exchange report of the contract suite, reused.
 */
import type { Exchange } from '../../adapters/client/pay-client.ts';
import type { Finding } from '../contract/finding.ts';
import { maskPayCodesIn } from '../../kernel/redaction/mask.ts';
import { curlCommand } from './curl.ts';
import { renderExchangeReport } from './exchange-report.ts';
import { xmlEscape } from './load-junit.ts';

/** One request of a failing case. */
export interface FuzzStep {
  /** What the step was: `positive request`, or a stateful command (`refund(order 1, the rest)`). */
  label: string;
  exchange: Exchange;
  findings: Finding[];
  /** The codes the flowchart (or the model) called for. */
  expected: string;
  /** What was done to a valid request to make this one. */
  done: readonly string[];
}

interface FuzzFailure {
  /** The minimal case: its steps in order, the failing one last. */
  steps: FuzzStep[];
  /** `paycheck fuzz --replay <token>` sends the same case again. */
  token: string;
  seed: number;
  path: string;
  shrinks: number;
}

export type PropertyKind = 'positive' | 'negative' | 'signing' | 'stateful';

export interface PropertyReport {
  id: string;
  call?: string;
  kind: PropertyKind;
  status: 'passed' | 'failed' | 'skipped';
  /** Runs made (up to the failure, when one failed); runs skipped as not money-safe. */
  runs: number;
  skips: number;
  /** Why a property was skipped, or stopped at its time share. */
  note?: string;
  durationMs: number;
  failure?: FuzzFailure;
}

export interface CoverageReport {
  fields: { call: string; field: string; present: number; absent: number; atMax: number; types: Record<string, number>; values: Record<string, number> }[];
  codes: { call: string; codes: Record<string, number> }[];
  mutations: Record<string, number>;
  commands: { command: string; codes: Record<string, number> }[];
}

export interface FuzzReport {
  target: string;
  appId: string;
  seed: number;
  budget: string;
  startedAt: string;
  durationMs: number;
  /** Every check each answer went through. */
  checks: readonly string[];
  properties: PropertyReport[];
  coverage: CoverageReport;
}

const rulesOf = (step: FuzzStep) => [...new Set(step.findings.filter((f) => f.severity === 'error').map((f) => f.rule))];

function failedProperties(report: FuzzReport): (PropertyReport & { failure: FuzzFailure })[] {
  return report.properties.filter((p): p is PropertyReport & { failure: FuzzFailure } => p.failure !== undefined);
}

export function propertyLine(p: PropertyReport): string {
  const what = `${p.id.padEnd(20)} ${String(p.runs).padStart(5)} run(s)${p.skips > 0 ? `, ${p.skips} skipped` : ''} in ${(p.durationMs / 1000).toFixed(1)} s`;
  if (p.status === 'skipped') return `  -  ${p.id.padEnd(20)} skipped: ${p.note ?? ''}`;
  if (p.failure) return `  ✗  ${what}: rule(s) ${rulesOf(p.failure.steps.at(-1)!).join(', ')} broken`;
  return `  ✓  ${what}${p.note ? ` (${p.note})` : ''}`;
}

/** A failure as a minimal case, ready to act on. */
function renderFailure(p: PropertyReport & { failure: FuzzFailure }, seed?: number): string {
  const { steps, token, shrinks } = p.failure;
  const last = steps.at(-1)!;
  const lines = [
    `✗ ${p.id}: ${rulesOf(last).join(', ')} — ${shrinks > 0 ? `shrunk in ${shrinks} step(s) to ` : ''}${steps.length === 1 ? 'one request' : `${steps.length} calls`}`,
  ];
  if (steps.length > 1) {
    lines.push('  the calls, in order:');
    steps.forEach((s, i) => lines.push(`    ${i + 1}. ${s.label} → ${answerCode(s.exchange)}${i === steps.length - 1 ? '   ← here' : ''}`));
  }
  // What was done may name the pay code it put there: masked as everywhere else in the report.
  const mask = maskPayCodesIn;
  if (last.done.length > 0) lines.push('  made from a valid request by:', ...last.done.map((d) => `    - ${mask(d)}`));
  lines.push(`  expected: ${last.expected}`, '');
  lines.push(...renderExchangeReport({ exchange: last.exchange, findings: last.findings, seed, secret: '' }).split('\n').map((l) => `  ${l}`));
  lines.push('', `  replay: paycheck fuzz --replay ${token}   (seed ${p.failure.seed}, path ${p.failure.path}; give the same --base-url)`);
  return lines.join('\n');
}

function answerCode(exchange: Exchange): string {
  const code = (exchange.response?.body as { code?: unknown } | undefined)?.code;
  if (!exchange.response) return `no answer (${exchange.transportError ?? 'none'})`;
  return code === undefined ? `HTTP ${exchange.response.status}, no code` : String(code);
}

function coverageLines(c: CoverageReport): string[] {
  const counts = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ');
  const lines = ['coverage — fields of the requests the flowchart accepts (present / absent / at their longest; JSON types; values):'];
  const width = Math.max(...c.fields.map((f) => f.call.length + f.field.length + 2), 20);
  for (const f of c.fields) {
    const extra = [counts(f.types), counts(f.values)].filter(Boolean).join('; ');
    lines.push(`  ${`${f.call} ${f.field}`.padEnd(width)} ${String(f.present).padStart(6)} ${String(f.absent).padStart(6)} ${String(f.atMax).padStart(5)}   ${extra}`);
  }
  lines.push('coverage — codes answered:');
  for (const r of c.codes) lines.push(`  ${r.call.padEnd(12)} ${counts(r.codes)}`);
  if (Object.keys(c.mutations).length > 0) lines.push('coverage — mutations:', `  ${counts(c.mutations)}`);
  if (c.commands.length > 0) {
    lines.push('coverage — stateful commands (codes met):');
    for (const r of c.commands) lines.push(`  ${r.command.padEnd(8)} ${counts(r.codes)}`);
  }
  return lines;
}

/** What follows the property lines: each failure's minimal case, the coverage table, the verdict. */
export function renderFuzzTail(report: FuzzReport): string {
  const failed = failedProperties(report);
  return [
    ...failed.flatMap((p) => [renderFailure(p, report.seed), '']),
    ...coverageLines(report.coverage),
    '',
    failed.length === 0 ? `no finding in ${(report.durationMs / 1000).toFixed(1)} s` : `${failed.length} propert${failed.length === 1 ? 'y' : 'ies'} failed: ${failed.map((p) => p.id).join(', ')}`,
  ].join('\n');
}

export function renderFuzzText(report: FuzzReport): string {
  return [
    `paycheck fuzz: ${report.target}, app ${report.appId}, seed ${report.seed}, budget ${report.budget}`,
    `checks on every answer: ${report.checks.join(', ')}`,
    ...report.properties.map(propertyLine),
    '',
    renderFuzzTail(report),
  ].join('\n');
}

/** A step as JSON: pay codes masked, the secret never there (the string signed carries `***`). */
function stepJson(step: FuzzStep) {
  const { exchange } = step;
  const mask = maskPayCodesIn;
  return {
    label: step.label,
    done: step.done.map(mask),
    expected: step.expected,
    findings: step.findings.map((f) => ({ ...f, actual: mask(f.actual), expected: mask(f.expected) })),
    request: { method: exchange.request.method, url: exchange.request.url, headers: exchange.request.headers, body: mask(exchange.request.text) },
    signed: mask(exchange.canonical),
    response: exchange.response ? { status: exchange.response.status, body: mask(exchange.response.text) } : { error: exchange.transportError ?? 'no answer' },
    curl: curlCommand(exchange.request).command,
  };
}

export function renderFuzzJson(report: FuzzReport): string {
  const properties = report.properties.map(({ failure, ...p }) => ({ ...p, ...(failure ? { failure: { ...failure, steps: failure.steps.map(stepJson) } } : {}) }));
  return `${JSON.stringify({ ...report, properties }, null, 2)}\n`;
}

export function renderFuzzJUnit(report: FuzzReport): string {
  const failures = failedProperties(report).length;
  const skipped = report.properties.filter((p) => p.status === 'skipped').length;
  const cases = report.properties.map((p) => {
    const open = `    <testcase classname="fuzz.${xmlEscape(p.kind)}" name="${xmlEscape(p.id)}" time="${(p.durationMs / 1000).toFixed(3)}">`;
    if (p.status === 'skipped') return `${open}\n      <skipped message="${xmlEscape(p.note ?? '')}"/>\n    </testcase>`;
    if (!p.failure) return `${open}</testcase>`;
    const message = `${rulesOf(p.failure.steps.at(-1)!).join(', ')} broken; replay: paycheck fuzz --replay ${p.failure.token}`;
    return `${open}\n      <failure type="contract" message="${xmlEscape(message)}">${xmlEscape(renderFailure({ ...p, failure: p.failure }, report.seed))}</failure>\n    </testcase>`;
  });
  const time = (report.durationMs / 1000).toFixed(3);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="paycheck fuzz" tests="${report.properties.length}" failures="${failures}" time="${time}">`,
    `  <testsuite name="fuzz" tests="${report.properties.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}" timestamp="${xmlEscape(report.startedAt)}">`,
    '    <properties>',
    `      <property name="target" value="${xmlEscape(report.target)}"/>`,
    `      <property name="seed" value="${report.seed}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
