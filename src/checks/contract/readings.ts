/**
 * Where the documents allow two readings of one rule, a live server may take either. The suite
 * accepts both, reports which one each target took, and fails only where the user demands one
 * (the row's variable) or where one target mixes them. The error-code dialect (D-17) is one such
 * reading; this table holds every one: the decision it comes from, the variable that demands one,
 * what each reading means and which is paycheck's own, how an exchange shows it, and — for a value
 * written two ways — how an answer is read in paycheck's own form before the schema and the
 * rules see it, so a reading is reported once instead of as a cascade of findings.
 */
import { CHANNEL_VOUCHER_FIELDS, PAY_TYPE, type Channel } from '../../kernel/channel.ts';
import { DIALECT_CODES, type FaultClass } from '../../kernel/codes.ts';
import { ORDER_STATUSES } from '../../kernel/lifecycle/order-status.ts';
import type { Env } from '../../kernel/settings.ts';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { asRecord, channelOfOrder, codeOf, lifecycleData, orderData, vouchersOf, type JsonObject } from './answer-data.ts';
import type { Finding } from './finding.ts';

/** What a reading sees of one exchange (a rule's CheckContext is one). */
interface ReadingView {
  call: string;
  request?: JsonObject;
  body: unknown;
  expectation?: { fault: FaultClass } | { reading: string } | object;
}

interface ReadingRow {
  decision: string;
  /** The variable that demands one reading. */
  env: string;
  /** What the summary calls the thing read. */
  subject: string;
  /** Where in an answer it shows. */
  path: string;
  /** Each reading and what it means. */
  readings: Readonly<Record<string, string>>;
  /** paycheck's own reading, which its mock takes. */
  own: string;
  /** A reading shown by the code a case's request is answered with: `{ reading: name }` expects any of these. */
  codes?: Readonly<Record<string, readonly number[]>>;
  /** The reading one exchange shows, if it shows one (else by `codes`). */
  shows?(view: ReadingView): string | undefined;
  /** The answer in paycheck's own reading, when this one writes a value differently (a copy; the raw answer stays in the report). */
  normalise?(body: unknown, call: string): unknown;
}

/** The `data` of an answer that carries an order, on the pay call or a lifecycle call. */
function dataOf(view: Pick<ReadingView, 'call' | 'body'>): JsonObject | undefined {
  return view.call === API_PATHS.pay ? orderData(view.body) : lifecycleData(view);
}

/** A value the table types String but the example writes as a number: which of the two an answer used. */
function numberOrString(value: unknown, allowed: readonly number[]): string | undefined {
  if (typeof value === 'number') return allowed.includes(value) ? 'number' : undefined;
  if (typeof value === 'string') return allowed.map(String).includes(value) ? 'string' : undefined;
  return undefined;
}

/** `data[key]` written as a string of one of the allowed numbers, read as that number. */
function numberAt(key: string, allowed: readonly number[]) {
  return (body: unknown, call: string): unknown => {
    const data = dataOf({ call, body });
    if (!data || numberOrString(data[key], allowed) !== 'string') return body;
    return { ...asRecord(body), data: { ...data, [key]: Number(data[key]) } };
  };
}

const PAY_TYPES: readonly number[] = Object.values(PAY_TYPE);

/** Which dialect a fault's code shows; undefined where the dialects agree or neither matches. */
function dialectOf(fault: FaultClass, code: unknown): string | undefined {
  const { flowchart, table } = DIALECT_CODES[fault];
  if (flowchart === table) return undefined;
  return code === flowchart ? 'flowchart' : code === table ? 'table' : undefined;
}

const OTHER: Readonly<Record<Channel, Channel>> = { wechat: 'alipay', alipay: 'wechat' };

const ROWS = {
  'error-codes': {
    decision: 'D-17', env: 'PAY_ERROR_CODES', subject: 'error codes', path: '$.code', own: 'flowchart',
    readings: {
      flowchart: "the flowchart's: 3003 AppID, 3004 signature, 1007 repeated order_id",
      table: "the seed's error table's: 3000 AppID, 2000 signature, 1003 for every repeat",
    },
    shows: ({ expectation, body }) => (expectation && 'fault' in expectation ? dialectOf(expectation.fault, codeOf(body)) : undefined),
  },
  'repeat-of-paid': {
    decision: 'D-34', env: 'PAY_REPEAT_PAID', subject: 'a repeat of a paid order', path: '$.code', own: '1003',
    readings: {
      '1003': "1003 重复支付 (the platform's error table; the seed's error table's 订单已支付)",
      '1007': "1007 业务订单号重复, the flowchart's one branch for a repeated order_id",
    },
    codes: { '1003': [1003], '1007': [1007] },
  },
  'pay-type': {
    decision: 'D-4', env: 'PAY_PAY_TYPE', subject: 'pay_type', path: '$.data.pay_type', own: 'number',
    readings: { number: 'the number 0 / 1, as the response example', string: 'the string "0" / "1", as the response table (String)' },
    shows: (view) => (view.call === API_PATHS.pay ? numberOrString(orderData(view.body)?.pay_type, PAY_TYPES) : undefined),
    normalise: numberAt('pay_type', PAY_TYPES),
  },
  'order-status': {
    decision: 'D-5', env: 'PAY_ORDER_STATUS', subject: 'order_status', path: '$.data.order_status', own: 'number',
    readings: { number: 'a number (1, 0, -1 …), as the response example', string: 'a string ("1", "0", "-1" …), as the response table (String)' },
    shows: (view) => numberOrString(dataOf(view)?.order_status, ORDER_STATUSES),
    normalise: numberAt('order_status', ORDER_STATUSES),
  },
  'voucher-fields': {
    decision: 'D-9', env: 'PAY_VOUCHER_FIELDS', subject: "the other channel's voucher fields", path: '$.data.voucher_list', own: 'absent',
    readings: {
      absent: '空 read as "absent": an Alipay voucher has no activity_id or type, a WeChat one no purchase_ant_contribute',
      allowed: '空 read as "not required" (the column is 必填): a voucher may carry the other channel\'s fields',
    },
    shows: (view) => {
      const data = view.call === API_PATHS.pay ? orderData(view.body) : undefined;
      const channel = data ? channelOfOrder(view.request, data) : undefined;
      if (!data || !channel) return undefined;
      const foreign = CHANNEL_VOUCHER_FIELDS[OTHER[channel]];
      return vouchersOf(data).some((v) => foreign.some((key) => v[key] !== undefined)) ? 'allowed' : undefined;
    },
  },
  'purchase-ant': {
    decision: 'D-52', env: 'PAY_PURCHASE_ANT', subject: 'purchase_ant_contribute on Alipay vouchers', path: '$.data.voucher_list', own: 'always',
    readings: {
      always: 'on every Alipay voucher (必填: `alipay` 是)',
      'when-bought': 'only on a voucher the customer bought (its description: 如果使用的这张券是用户购买的)',
    },
    shows: (view) => {
      const data = view.call === API_PATHS.pay ? orderData(view.body) : undefined;
      if (!data || channelOfOrder(view.request, data) !== 'alipay') return undefined;
      return vouchersOf(data).some((v) => v.purchase_ant_contribute === undefined) ? 'when-bought' : undefined;
    },
  },
  'order-id-length': {
    decision: 'D-12', env: 'PAY_ORDER_ID_MAX', subject: 'order_id length', path: '$.code', own: '64',
    readings: { '64': "at most 64 characters, the response table's echo (a longer one is 3002)", '128': 'at most 128 characters, the request table' },
    codes: { '64': [3002], '128': [1000] },
  },
  'sign-length': {
    decision: 'D-13', env: 'PAY_SIGN_MAX', subject: 'sign length', path: '$.code', own: '344',
    readings: {
      '344': "the signing rule's: Base64 (44 characters) and RSA (344) fit",
      '32': "held to the request table's 32 characters: MD5 hex only, a longer sign is 3002",
    },
    codes: { '344': [DIALECT_CODES.signature.flowchart, DIALECT_CODES.signature.table], '32': [DIALECT_CODES.format.flowchart] },
  },
} as const satisfies Record<string, ReadingRow>;

export type ReadingName = keyof typeof ROWS;
export const READINGS: Readonly<Record<ReadingName, ReadingRow>> = ROWS;
export const READING_NAMES = Object.keys(ROWS) as ReadingName[];

/** One reading one exchange showed. */
export interface ShownReading {
  name: ReadingName;
  value: string;
}

/** The codes `{ reading: name }` accepts: any reading's. */
export function readingCodes(name: ReadingName): number[] {
  return Object.values(READINGS[name].codes ?? {}).flat();
}

/** Every reading one exchange shows. */
export function readingsShown(view: ReadingView): ShownReading[] {
  const out: ShownReading[] = [];
  for (const name of READING_NAMES) {
    const row = READINGS[name];
    const value = row.shows ? row.shows(view) : byCode(name, view);
    if (value !== undefined) out.push({ name, value });
  }
  return out;
}

function byCode(name: ReadingName, { expectation, body }: ReadingView): string | undefined {
  if (!expectation || !('reading' in expectation) || expectation.reading !== name) return undefined;
  const code = codeOf(body);
  return Object.entries(READINGS[name].codes ?? {}).find(([, codes]) => typeof code === 'number' && codes.includes(code))?.[0];
}

/** The answer as paycheck's own reading writes it, for the schema and the rules. */
export function normalised(body: unknown, call: string, shownHere: readonly ShownReading[]): unknown {
  return shownHere.reduce((b, { name }) => READINGS[name].normalise?.(b, call) ?? b, body);
}

/** What the run keeps of readings: how often each was seen, and which the user demands. */
export interface ReadingState {
  readonly readings: Map<ReadingName, Map<string, number>>;
  readonly demands: ReadonlyMap<ReadingName, string>;
}

/**
 * What one exchange showed, judged: an error where a demanded reading was not the one shown, or
 * where the target showed the other one earlier in the run. Each reading seen is counted in the
 * state (the summary's, through the observations), never a finding of its own.
 */
export function judgeReadings(shownHere: readonly ShownReading[], state: ReadingState | undefined): Finding[] {
  const findings: Finding[] = [];
  for (const { name, value } of shownHere) {
    const row = READINGS[name];
    const demand = state?.demands.get(name);
    const seen = state?.readings.get(name) ?? new Map<string, number>();
    const earlier = [...seen.keys()].find((v) => v !== value);
    const finding = { rule: 'reading', path: row.path, actual: `${value} — ${row.readings[value]}`, severity: 'error' } as const;
    if (demand !== undefined && demand !== value) {
      findings.push({ ...finding, expected: `${demand} — ${row.readings[demand]} (${row.env})`, message: `${row.env}=${demand} demands ${row.subject} read as ${row.readings[demand]}; the target reads it as ${value} (${row.decision})` });
    } else if (earlier !== undefined) {
      findings.push({ ...finding, expected: `${earlier} (as earlier in this run)`, message: `the target mixes readings of ${row.subject} (${row.decision}): ${earlier} earlier in this run, ${value} now` });
    }
    if (state) state.readings.set(name, seen.set(value, (seen.get(value) ?? 0) + 1));
  }
  return findings;
}

/** The readings an environment demands (each row's variable; unset or empty demands none). */
export function readingDemands(env: Env): Map<ReadingName, string> {
  const demands = new Map<ReadingName, string>();
  for (const name of READING_NAMES) {
    const row = READINGS[name];
    const value = env[row.env];
    if (value === undefined || value === '') continue;
    const allowed = [row.own, ...Object.keys(row.readings).filter((r) => r !== row.own)];
    if (!allowed.includes(value)) throw new RangeError(`${row.env} must be ${allowed.map((a) => `"${a}"`).join(' or ')} (${row.decision}); got "${value}"`);
    demands.set(name, value);
  }
  return demands;
}

/** `value (n)` per reading seen, `not shown` when none was; the summary's words for one row. */
export function describeSeen(name: ReadingName, seen: Readonly<Record<string, number>> | undefined, demand?: string): string {
  const row = READINGS[name];
  const values = Object.entries(seen ?? {});
  const what = values.length === 0 ? 'not shown' : `${values.length > 1 ? 'MIXED: ' : ''}${values.map(([v, n]) => `${v} (${n})`).join(', ')}`;
  return `${row.subject} ${what}${demand ? `, ${row.env}=${demand} demanded` : ''} [${row.decision}]`;
}

