/**
 * The request journal: every API call the mock received (pay and lifecycle, never `/__mock/*`), in
 * order, as `JournalEntry` (src/kernel/journal-entry.ts, which `paycheck audit` reads). A ring
 * of the last `cap` calls.
 *
 * Stored by column, not as entry objects: every entry lives for `cap` calls, long enough to be
 * copied out of V8's young generation and promoted, and on the pay path that was a fixed cost per
 * request. In columns an append copies a few references and numbers into preallocated arrays: the
 * strings are constants (method, route, scenario, the configured app id) or kept by the order
 * anyway (order_id, trade_no), and times sit unboxed in a Float64Array. Entries become objects
 * again only when somebody reads the journal.
 */
import type { Journal, JournalEntry } from '../kernel/journal-entry.ts';
import type { SignDiagnosis } from '../kernel/signing/mistakes.ts';
import { checkNumber, RANGES } from '../kernel/number-range.ts';

export const DEFAULT_JOURNAL_CAP = 10_000;

export interface JournalFilter {
  orderId?: string;
  appId?: string;
}

/** What a caller hands in: the mock numbers the entries itself. */
export type JournalCall = Omit<JournalEntry, 'seq'>;

/** The optional text fields, split where the entry lists `code` and `order_status` between them. */
const IDS = ['app_id', 'order_id', 'trade_no', 'refund_order_id'] as const;
const NOTES = ['scenario', 'fault'] as const;
const TEXT_FIELDS = ['method', 'path', ...IDS, ...NOTES] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/**
 * Marks "absent" in the integer columns. Codes are four-digit and statuses -10…5 (openapi.yaml),
 * far from -2³¹; an Int32Array would wrap anything outside 32 bits, which neither can be.
 */
const ABSENT = -0x80000000;

export function createJournal(cap = DEFAULT_JOURNAL_CAP) {
  checkNumber(cap, RANGES.journalCap, 'the journal cap');
  const atMs = new Float64Array(cap);
  /** NaN: no delay. */
  const delays = new Float64Array(cap);
  const codes = new Int32Array(cap);
  const statuses = new Int32Array(cap);
  const text = {} as Record<TextField, (string | undefined)[]>;
  for (const field of TEXT_FIELDS) text[field] = new Array<string | undefined>(cap).fill(undefined);
  /** Only refused signs have one: a sparse column. */
  const diagnoses = new Map<number, SignDiagnosis>();
  /** Calls appended since start or the last clear; the newest has this `seq`. */
  let appended = 0;
  let size = 0;

  /** The entry in the order the journal always listed its fields; absent ones left out. */
  function entryAt(slot: number, seq: number): JournalEntry {
    const entry: JournalEntry = { seq, at_ms: atMs[slot], method: text.method[slot]!, path: text.path[slot]! };
    for (const field of IDS) {
      const value = text[field][slot];
      if (value !== undefined) entry[field] = value;
    }
    if (codes[slot] !== ABSENT) entry.code = codes[slot];
    if (statuses[slot] !== ABSENT) entry.order_status = statuses[slot];
    for (const field of NOTES) {
      const value = text[field][slot];
      if (value !== undefined) entry[field] = value;
    }
    if (!Number.isNaN(delays[slot])) entry.delay_ms = delays[slot];
    const diagnosis = diagnoses.get(slot);
    if (diagnosis !== undefined) entry.sign_diagnosis = diagnosis;
    return entry;
  }

  return {
    cap,
    get dropped() {
      return appended - size;
    },
    get size() {
      return size;
    },
    append(call: JournalCall): void {
      const slot = appended % cap;
      appended++;
      if (size < cap) size++;
      atMs[slot] = call.at_ms;
      codes[slot] = call.code ?? ABSENT;
      statuses[slot] = call.order_status ?? ABSENT;
      text.method[slot] = call.method;
      text.path[slot] = call.path;
      text.app_id[slot] = call.app_id;
      text.order_id[slot] = call.order_id;
      text.trade_no[slot] = call.trade_no;
      text.refund_order_id[slot] = call.refund_order_id;
      text.scenario[slot] = call.scenario;
      text.fault[slot] = call.fault;
      delays[slot] = call.delay_ms ?? NaN;
      if (call.sign_diagnosis === undefined) diagnoses.delete(slot);
      else diagnoses.set(slot, call.sign_diagnosis);
    },
    read(filter: JournalFilter = {}): Journal {
      const { orderId, appId } = filter;
      const entries: JournalEntry[] = [];
      const firstSeq = appended - size + 1;
      for (let seq = firstSeq; seq <= appended; seq++) {
        const slot = (seq - 1) % cap;
        if (orderId !== undefined && text.order_id[slot] !== orderId) continue;
        if (appId !== undefined && text.app_id[slot] !== appId) continue;
        entries.push(entryAt(slot, seq));
      }
      return { entries };
    },
    clear(): number {
      const n = size;
      for (const field of TEXT_FIELDS) text[field].fill(undefined);
      diagnoses.clear();
      appended = 0;
      size = 0;
      return n;
    },
  };
}

export type RequestJournal = ReturnType<typeof createJournal>;
