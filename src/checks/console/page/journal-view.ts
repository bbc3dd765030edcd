/**
 * The journal as the console shows it: one block per order (its calls in time order, code,
 * status, scenario, faults, delay), the audit's findings for that order beside its calls, and the
 * signature diagnosis under each call refused for its sign.
 */
import type { JournalEntry } from '../../../kernel/journal-entry.ts';
import type { SignDiagnosis } from '../../../kernel/signing/mistakes.ts';
import { codeEntry } from '../../../kernel/codes.ts';
import { statusName } from '../../../kernel/lifecycle/order-status.ts';
import { auditJournal, type AuditFinding } from '../../audit/audit.ts';
import { h, table } from './dom.ts';

interface OrderBlock {
  key: string;
  orderId: string | undefined;
  appId: string | undefined;
  entries: JournalEntry[];
}

/** How many orders the page draws at most, newest first (the journal keeps up to its cap). */
const MAX_ORDERS = 200;

function blocksOf(entries: readonly JournalEntry[]): OrderBlock[] {
  const blocks = new Map<string, OrderBlock>();
  for (const entry of entries) {
    const key = entry.order_id === undefined ? '' : `${entry.app_id ?? ''}\u0000${entry.order_id}`;
    let block = blocks.get(key);
    if (!block) blocks.set(key, (block = { key, orderId: entry.order_id, appId: entry.app_id, entries: [] }));
    block.entries.push(entry);
  }
  return [...blocks.values()].sort((a, b) => b.entries.at(-1)!.seq - a.entries.at(-1)!.seq);
}

const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false }) + `.${String(ms % 1000).padStart(3, '0')}`;

function codeCell(entry: JournalEntry): string {
  if (entry.code === undefined) return '—';
  const known = codeEntry(entry.code);
  return known ? `${entry.code} ${known.meaning}` : String(entry.code);
}

/** The mock's string and the mistakes it found; shown under the refused call and in the signatures list. */
export function diagnosisView(diagnosis: SignDiagnosis, signer = 'the mock'): HTMLElement {
  const mistakes = diagnosis.mistakes.length === 0
    ? [h('p', { class: 'mistake' }, 'No common mistake reproduces this sign, and it is neither the hex nor the Base64 of an MD5.')]
    : diagnosis.mistakes.map((m) =>
        h('p', { class: 'mistake', 'data-mistake': m.id }, h('b', {}, m.id), ': ', m.what, m.decision ? ` (${m.decision})` : '', h('br'), h('span', { class: 'fix' }, 'fix: ', m.fix)),
      );
  return h('div', { class: 'diagnosis' }, h('p', {}, `${signer} signed (secret and pay code masked):`), h('code', { class: 'signed' }, diagnosis.signed), ...mistakes);
}

function findingsView(findings: readonly AuditFinding[]): HTMLElement {
  if (findings.length === 0) return h('p', { class: 'audit ok' }, 'audit: no finding so far');
  return h(
    'ul',
    { class: 'audit findings' },
    ...findings.map((f) => h('li', {}, h('b', {}, f.rule), ` at seq ${f.seq} (+${f.at} ms): ${f.message}`, h('br'), `expected ${f.expected}; actual ${f.actual}`)),
  );
}

function callsTable(block: OrderBlock): HTMLTableElement {
  const first = block.entries[0].at_ms;
  const rows = block.entries.flatMap((e) => {
    const row = [String(e.seq), `${clock(e.at_ms)} (+${e.at_ms - first} ms)`, `${e.method} ${e.path}`, codeCell(e), statusName(e.order_status), e.scenario ?? '—', e.fault ?? '—', e.delay_ms === undefined ? '—' : `${Math.round(e.delay_ms)} ms`];
    return [row];
  });
  const view = table(['seq', 'time', 'call', 'code', 'status after', 'scenario', 'faults', 'delay'], rows, { class: 'calls' });
  // Each refused sign's diagnosis in a row of its own, under its call.
  const body = view.tBodies[0];
  block.entries.forEach((entry, index) => {
    if (!entry.sign_diagnosis) return;
    const cell = h('td', { colspan: '8' }, diagnosisView(entry.sign_diagnosis));
    body.rows[index].after(h('tr', { class: 'diagnosis-row' }, cell));
  });
  return view;
}

/** Every order of the journal (newest first) whose order_id contains `filter`. */
export function journalView(entries: readonly JournalEntry[], filter: string): HTMLElement {
  const audit = auditJournal(entries);
  const wanted = filter.trim();
  const blocks = blocksOf(entries).filter((b) => wanted === '' || (b.orderId ?? '').includes(wanted));
  if (blocks.length === 0) return h('p', { class: 'empty' }, entries.length === 0 ? 'No call yet: pay through the mock and it shows here.' : `No order matches "${wanted}".`);
  const shown = blocks.slice(0, MAX_ORDERS);
  return h(
    'div',
    {},
    ...shown.map((block) => {
      const findings = audit.findings.filter((f) => f.order_id === block.orderId && f.app_id === block.appId);
      const last = block.entries.findLast((e) => e.order_status !== undefined)?.order_status;
      const title = block.orderId === undefined ? 'calls that named no order' : `order ${block.orderId}`;
      return h(
        'section',
        { class: 'order', 'data-order-id': block.orderId ?? '' },
        h('h3', {}, title, h('span', { class: 'meta' }, ` ${block.appId ?? ''} · ${block.entries.length} call(s) · last status ${statusName(last)}`)),
        h('div', { class: 'order-body' }, callsTable(block), block.orderId === undefined ? null : findingsView(findings)),
      );
    }),
    blocks.length > MAX_ORDERS ? h('p', { class: 'empty' }, `… and ${blocks.length - MAX_ORDERS} older orders (filter by order_id to find one).`) : null,
  );
}
