/**
 * `paycheck audit [FILE|-] | --from URL`: a cashier's conduct judged from a request journal
 * (src/checks/audit/audit.ts), read from a file, standard input or a running mock. Exit 0 when every
 * order passes, 1 with findings (or no order to judge), 2 on bad input.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_BASE_URL, isLoopbackUrl } from '../kernel/settings.ts';
import { auditJournal } from '../checks/audit/audit.ts';
import { formatAuditReport } from '../checks/audit/audit-report.ts';
import type { JournalEntry } from '../kernel/journal-entry.ts';
import { journalEntriesOf, JournalShapeError } from '../checks/audit/journal-input.ts';
import { parseTimeScale } from '../kernel/lifecycle/policy.ts';
import { CliError, type CliIo } from './cli-error.ts';
import { parseOptions } from './options.ts';

export const JOURNAL_ROUTE = '/__mock/journal';

export const AUDIT_HELP = `usage: paycheck audit [FILE|-] [--from URL] [--order-id ID] [--time-scale F] [--json]

Judges a cashier's conduct from the mock's request journal against the documented practice:
after a 1002 or a timeout, query every 5–10 s, stop by 30 s, cancel only without a result and
not before 15 s, never pay the same order_id twice, leave no order open.
Exit 0 when every order passes, 1 with findings (or when no order is in the journal), 2 on bad input.

  FILE             a journal as JSON ({"entries": [...]} or an array); '-' or nothing: standard input
  --from URL       fetch it from a running mock instead (e.g. ${DEFAULT_BASE_URL}), GET ${JOURNAL_ROUTE}
  --order-id ID    judge this order only
  --time-scale F   multiplies every time bound (0.01 for a cashier run against 'paycheck mock --pending-ms 150')
  --json           print the report as JSON
  --allow-remote   let --from read a mock that is not on loopback`;

const OPTIONS = {
  from: { type: 'string' },
  'order-id': { type: 'string' },
  'time-scale': { type: 'string' },
  json: { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
} as const;

const FETCH_TIMEOUT_MS = 5_000;

export async function runAudit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, OPTIONS);
  if (values.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new CliError('PAYCHECK_USAGE', 'give one journal file at most');
  if (positionals.length === 1 && values.from !== undefined) throw new CliError('PAYCHECK_USAGE', 'give a journal FILE or --from URL, not both');
  let timeScale = 1;
  if (values['time-scale'] !== undefined) {
    try {
      timeScale = parseTimeScale(values['time-scale']);
    } catch (error) {
      throw new CliError('PAYCHECK_BAD_SETTING', (error as Error).message);
    }
  }
  const orderId = values['order-id'];
  const { name, text } = values.from !== undefined ? await fetchJournal(values.from, orderId, values['allow-remote'] ?? false) : await readJournal(positionals[0], io);
  let entries = entriesOf(name, text);
  if (orderId !== undefined) entries = entries.filter((e) => e.order_id === orderId);

  const report = auditJournal(entries, { timeScale });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatAuditReport(report)) io.out(line);
  return report.passed && report.orders.length > 0 ? 0 : 1;
}

async function readJournal(source: string | undefined, io: CliIo): Promise<{ name: string; text: string }> {
  const name = source === undefined || source === '-' ? 'standard input' : source;
  try {
    return { name, text: source === undefined || source === '-' ? await io.readStdin() : await readFile(source, 'utf8') };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

async function fetchJournal(from: string, orderId: string | undefined, allowRemote: boolean): Promise<{ name: string; text: string }> {
  let url: URL;
  try {
    url = new URL(from);
  } catch {
    throw new CliError('PAYCHECK_USAGE', `--from "${from}" is not a URL`);
  }
  if (!/^https?:$/.test(url.protocol)) throw new CliError('PAYCHECK_USAGE', `--from "${from}" is not an http(s) URL`);
  if (!allowRemote && !isLoopbackUrl(url)) throw new CliError('PAYCHECK_USAGE', `refusing ${url.origin}: not loopback (pass --allow-remote to read a mock elsewhere)`);
  if (!url.pathname.endsWith(JOURNAL_ROUTE)) url.pathname = url.pathname.replace(/\/$/, '') + JOURNAL_ROUTE;
  if (orderId !== undefined) url.searchParams.set('order_id', orderId);
  const name = url.toString();
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    throw new CliError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (${e.name === 'TimeoutError' ? 'timed out' : (e.cause?.code ?? 'fetch failed')})`);
  }
  if (response.status !== 200) throw new CliError('PAYCHECK_INPUT_UNREADABLE', `cannot read ${name} (HTTP ${response.status}): is a paycheck mock serving there?`);
  return { name, text };
}

function entriesOf(name: string, text: string): JournalEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError('PAYCHECK_INPUT_NOT_JSON', `${name} is not JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    return journalEntriesOf(value);
  } catch (error) {
    if (error instanceof JournalShapeError) throw new CliError('PAYCHECK_INPUT_NOT_OBJECT', `${name}: ${error.message}`);
    throw error;
  }
}
