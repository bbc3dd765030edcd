/**
 * The mock's console (`/__mock/`), in the browser: the mock's settings, the journal live with each
 * order's audit and each refused sign's diagnosis, the scenario and fault tables, and the signing
 * playground. It reads the mock's own admin routes, same origin; it sends nothing else anywhere.
 */
import type { Journal, JournalEntry } from '../../../kernel/journal-entry.ts';
import { parseSignEncoding } from '../../../kernel/signing/encoding.ts';
import { fill, h, table } from './dom.ts';
import { diagnosisView, journalView } from './journal-view.ts';
import { playgroundResult } from './playground.ts';

interface Health {
  dialect: string;
  signEncoding: string;
  apps: number;
  orders: number;
  scenario: string | null;
  settings?: { faults: { kind: string; at: string; rate: number }[]; latency: { minMs: number; maxMs: number } | null; rateLimit: unknown; pendingMs: number; slowMs: number };
  journal: { entries: number; cap: number; dropped: number };
}

interface Scenarios {
  scenarios: { name: string; amount?: string; outcome: string; description: string }[];
  faults: string[];
  points: string[];
  headers: Record<string, string>;
  callbackVariants: Record<string, string>;
}

/** How often the page asks whether the journal grew. */
const POLL_MS = 1_000;

/** `path` is relative to the page (`/__mock/`, or under a gateway's prefix), as its own script is. */
async function get<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

let entries: JournalEntry[] = [];
/** Calls the journal has taken in (kept + dropped): it changes when a call comes in or on reset. */
let seen = -1;
let live = true;
/** A poll under way or waiting for its turn: pausing and resuming never starts a second loop. */
let polling = false;

const filterInput = () => document.getElementById('order-filter') as HTMLInputElement;

function drawJournal(): void {
  fill('journal', journalView(entries, filterInput().value));
  const refused = entries.filter((e) => e.sign_diagnosis).reverse();
  fill(
    'signatures',
    refused.length === 0
      ? h('p', { class: 'empty' }, 'No call refused for its sign (3004, or 2000 in the table dialect).')
      : h('div', {}, ...refused.slice(0, 50).map((e) => h('section', { class: 'refused' }, h('h3', {}, `seq ${e.seq} · ${e.path} · order ${e.order_id ?? '—'} · code ${e.code}`), diagnosisView(e.sign_diagnosis!)))),
  );
}

function drawHealth(health: Health): void {
  const s = health.settings;
  const faults = s && s.faults.length > 0 ? s.faults.map((f) => `${f.kind}@${f.at}:${f.rate}`).join(', ') : 'none';
  const latency = s?.latency ? `${s.latency.minMs}–${s.latency.maxMs} ms` : 'none';
  fill(
    'status',
    table(
      ['error codes', 'sign encoding', 'apps', 'orders', 'scenario', 'faults (pay)', 'latency (pay)', 'pending / slow', 'journal'],
      [[health.dialect, health.signEncoding, String(health.apps), String(health.orders), health.scenario ?? 'by header, else by amount', faults, latency, s ? `${s.pendingMs} ms / ${s.slowMs} ms` : '—', `${health.journal.entries} of ${health.journal.cap}${health.journal.dropped ? `, ${health.journal.dropped} dropped` : ''}`]],
    ),
  );
}

async function poll(): Promise<void> {
  polling = true;
  try {
    const health = await get<Health>('health');
    drawHealth(health);
    const taken = health.journal.entries + health.journal.dropped;
    if (taken !== seen) {
      entries = (await get<Journal>('journal')).entries;
      seen = taken;
      drawJournal();
    }
    fill('connection', h('span', { class: 'ok' }, `live · ${new Date().toLocaleTimeString('en-GB', { hour12: false })}`));
  } catch (error) {
    fill('connection', h('span', { class: 'bad' }, `the mock does not answer (${(error as Error).message}); retrying`));
  }
  if (live) setTimeout(() => void poll(), POLL_MS);
  else polling = false;
}

async function drawScenarios(): Promise<void> {
  const s = await get<Scenarios>('scenarios');
  fill(
    'scenarios',
    table(['scenario', 'amount', 'outcome', 'what happens'], s.scenarios.map((row) => [h('code', {}, row.name), row.amount ?? '—', row.outcome, row.description])),
    h('p', {}, 'A request picks its scenario by the ', h('code', {}, s.headers.scenario), " header, else the mock's --scenario, else its amount. The mock's own faults and latency are in the table at the top; a request adds its own by these headers:"),
    table(['control', 'header'], Object.entries(s.headers).map(([control, header]) => [control, h('code', {}, header)])),
    table(['fault kinds', 'fault points (kind@point:rate)'], [[s.faults.join(', '), s.points.join(', ')]]),
    table(['callback variant', 'what it does'], Object.entries(s.callbackVariants).map(([name, what]) => [h('code', {}, name), what])),
  );
}

function drawPlayground(encoding: string): void {
  const run = () => {
    const text = (document.getElementById('playground-request') as HTMLTextAreaElement).value;
    const secret = (document.getElementById('playground-secret') as HTMLInputElement).value;
    fill('playground-result', playgroundResult(text, secret, parseSignEncoding((document.getElementById('playground-encoding') as HTMLSelectElement).value)));
  };
  (document.getElementById('playground-encoding') as HTMLSelectElement).value = encoding;
  // Enter in a field would submit the form: the playground computes as you type and sends nothing.
  document.getElementById('playground')!.addEventListener('submit', (event) => event.preventDefault());
  for (const id of ['playground-request', 'playground-secret', 'playground-encoding']) document.getElementById(id)!.addEventListener('input', run);
  run();
}

function start(): void {
  const params = new URLSearchParams(location.search);
  filterInput().value = params.get('order_id') ?? '';
  filterInput().addEventListener('input', () => {
    const url = new URL(location.href);
    if (filterInput().value) url.searchParams.set('order_id', filterInput().value);
    else url.searchParams.delete('order_id');
    history.replaceState(null, '', url);
    drawJournal();
  });
  const toggle = document.getElementById('live-toggle') as HTMLInputElement;
  toggle.addEventListener('change', () => {
    live = toggle.checked;
    if (live && !polling) void poll();
  });
  void poll();
  drawScenarios().catch((error: unknown) => fill('scenarios', h('p', { class: 'bad' }, String(error))));
  get<Health>('health').then(
    (health) => drawPlayground(health.signEncoding),
    () => drawPlayground('base64'),
  );
}

start();
