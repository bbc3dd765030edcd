/**
 * A runner's summary as `paycheck load merge` takes it in: JSON from another machine, checked
 * against the summary's schema (summary-schema.ts) and then across its fields — what a schema
 * cannot say — before anything is added up. What is wrong is named by file and field, as
 * PAYCHECK_INPUT_NOT_SUMMARY (exit 2), never as an internal error deep in the merge.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { PaycheckError } from '../../../kernel/errors.ts';
import type { LoadSummary } from '../../../checks/report/load-summary.ts';
import type { LatencyHistogram } from '../../../checks/load/latency-histogram.ts';
import { LOAD_SUMMARY_SCHEMA } from './summary-schema.ts';

/** The first problems named; the rest are counted. */
const NAMED_PROBLEMS = 5;

/** JSONSchemaType has optional properties marked nullable; no writer writes null, so none is accepted. */
function withoutNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutNullable);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== 'nullable').map(([key, value]) => [key, withoutNullable(value)]));
}

const validate = new Ajv2020({ allErrors: true, strict: true }).compile<LoadSummary>(withoutNullable(LOAD_SUMMARY_SCHEMA) as typeof LOAD_SUMMARY_SCHEMA);

/** `/histograms/pay/buckets/300` → `histograms.pay.buckets.300`. */
const fieldOf = (pointer: string, child?: string): string =>
  [...pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~')), ...(child === undefined ? [] : [child])].join('.');

function schemaProblems(errors: readonly ErrorObject[]): string[] {
  const missing = errors.filter((e) => e.keyword === 'required').map((e) => fieldOf(e.instancePath, String(e.params.missingProperty)));
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties').map((e) => fieldOf(e.instancePath, String(e.params.additionalProperty)));
  const other = errors.filter((e) => e.keyword !== 'required' && e.keyword !== 'additionalProperties').map((e) => `${fieldOf(e.instancePath) || 'the summary'} ${e.message ?? 'is not valid'}`);
  return [...(missing.length > 0 ? [`no ${missing.join(', ')}`] : []), ...(unknown.length > 0 ? [`unknown field ${unknown.join(', ')}`] : []), ...other];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function histogramProblems(field: string, h: LatencyHistogram): string[] {
  const counted = sum(Object.values(h.buckets));
  const problems = counted === h.count ? [] : [`${field}.count is ${h.count} but its buckets hold ${counted}`];
  if (h.count > 0 && h.minMs > h.maxMs) problems.push(`${field}.minMs ${h.minMs} is above its maxMs ${h.maxMs}`);
  return problems;
}

/** What the fields say of each other: counts that add up, parts no larger than their whole. */
function crossFieldProblems(s: LoadSummary): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(Date.parse(s.startedAt))) problems.push(`startedAt "${s.startedAt}" is not a time`);
  if (s.requests.answered > s.requests.sent) problems.push(`requests.answered ${s.requests.answered} is above requests.sent ${s.requests.sent}`);
  if (s.failedRequests.count > s.requests.sent) problems.push(`failedRequests.count ${s.failedRequests.count} is above requests.sent ${s.requests.sent}`);
  for (const [e, h] of Object.entries(s.histograms ?? {})) problems.push(...histogramProblems(`histograms.${e}`, h));
  // The top-level codes are the pay call's: one per pay call sent, `none` for those without an answer.
  const paySent = s.endpoints?.pay?.sent ?? s.requests.sent;
  const coded = sum(Object.values(s.codes));
  if (coded !== paySent) problems.push(`codes add up to ${coded}, not the ${paySent} pay calls sent (${s.endpoints ? 'endpoints.pay.sent' : 'requests.sent'})`);
  for (const [e, part] of Object.entries(s.endpoints ?? {})) {
    const codes = sum(Object.values(part.codes));
    if (codes !== part.sent) problems.push(`endpoints.${e}.codes add up to ${codes}, not its ${part.sent} calls sent`);
    if (part.answered > part.sent) problems.push(`endpoints.${e}.answered ${part.answered} is above its sent ${part.sent}`);
  }
  return problems;
}

/** `value`: parsed JSON; `name`: the file (and line) it came from, for the message. */
export function readSummary(value: unknown, name: string): LoadSummary {
  const problems = validate(value) ? crossFieldProblems(value) : schemaProblems(validate.errors ?? []);
  if (problems.length === 0) return value as LoadSummary;
  const more = problems.length > NAMED_PROBLEMS ? ` (and ${problems.length - NAMED_PROBLEMS} more)` : '';
  throw new PaycheckError('PAYCHECK_INPUT_NOT_SUMMARY', `${name} is not a load summary: ${problems.slice(0, NAMED_PROBLEMS).join('; ')}${more}`);
}
