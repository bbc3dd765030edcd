/**
 * A journal as `paycheck audit` reads it — `{entries: [...]}` as `GET /__mock/journal` serves it,
 * or the bare array — checked field by field. Only the known fields are kept, so whatever else a
 * hand-made file carries (a pay code, say) never reaches a report. Runtime-neutral.
 */
import type { JournalEntry } from '../../kernel/journal-entry.ts';
import { PaycheckError } from '../../kernel/errors.ts';

const notJournal = (message: string) => new PaycheckError('PAYCHECK_INPUT_NOT_JOURNAL', message);

const STRINGS = ['app_id', 'order_id', 'trade_no', 'refund_order_id', 'scenario'] as const;
const INTEGERS = ['code', 'order_status'] as const;

export function journalEntriesOf(value: unknown): JournalEntry[] {
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.entries) ? value.entries : undefined;
  if (list === undefined) throw notJournal('not a journal: expected {"entries": [...]} or an array of entries');
  return list.map((raw: unknown, i: number) => entryOf(raw, i));
}

function entryOf(raw: unknown, index: number): JournalEntry {
  const where = `entry ${index + 1}`;
  if (!isObject(raw)) throw notJournal(`${where} is not an object`);
  const { seq, at_ms, method, path } = raw;
  if (!(Number.isSafeInteger(seq) && (seq as number) >= 0)) throw notJournal(`${where}: seq must be a whole number`);
  if (!(typeof at_ms === 'number' && Number.isFinite(at_ms))) throw notJournal(`${where}: at_ms must be a number of milliseconds`);
  if (typeof method !== 'string' || typeof path !== 'string') throw notJournal(`${where}: method and path must be strings`);
  const entry: JournalEntry = { seq: seq as number, at_ms, method, path };
  for (const key of STRINGS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw notJournal(`${where}: ${key} must be a string`);
    entry[key] = v;
  }
  for (const key of INTEGERS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (!Number.isSafeInteger(v)) throw notJournal(`${where}: ${key} must be a whole number`);
    entry[key] = v as number;
  }
  return entry;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
