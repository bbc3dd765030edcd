/**
 * `paycheck audit [FILE|-] | --base-url URL`: a cashier's conduct judged from a request journal
 * (src/checks/audit/audit.ts), read from a file, standard input or a running mock. Exit 0 when every
 * order passes, 1 with findings (or no order to judge), 2 on bad input, 3 when the mock does not answer.
 */
import { isLoopbackUrl } from '../kernel/settings.ts';
import { apiUrl } from '../kernel/spec/api-url.ts';
import { requireBaseUrl } from '../kernel/base-url.ts';
import { describeRedirect, JOURNAL_LIMIT_BYTES, sendOutbound, TransportError } from '../adapters/client/outbound.ts';
import { EXIT, isPaycheckError, PaycheckError } from '../kernel/errors.ts';
import { auditJournal } from '../checks/audit/audit.ts';
import { formatAuditReport } from '../checks/audit/audit-report.ts';
import type { JournalEntry } from '../kernel/journal-entry.ts';
import { journalEntriesOf } from '../checks/audit/journal-input.ts';
import type { ParsedCommand } from './command.ts';
import type { AUDIT } from './commands.ts';
import { setting } from './harness-error.ts';
import type { CliIo } from './io.ts';
import { parseJsonInput, readInput, type InputKind, type InputText } from './request-input.ts';

export const JOURNAL_ROUTE = '/__mock/journal';

const FETCH_TIMEOUT_MS = 5_000;

/** The largest journal a mock keeps (RANGES.journalCap.max calls, about 210 bytes each in JSON) fits. */
const JOURNAL_INPUT: InputKind = { what: 'a journal', limit: 256 * 1024 * 1024 };

export async function runAudit({ values, positionals, given }: ParsedCommand<typeof AUDIT.options>, io: CliIo): Promise<number> {
  let from = values.from;
  let baseUrl = values['base-url'];
  if (from !== undefined && URL.canParse(from) && /^https?:$/.test(new URL(from).protocol)) {
    io.err('paycheck audit: --from URL is deprecated and goes in the next release: use --base-url URL');
    if (given.has('base-url')) throw new PaycheckError('PAYCHECK_USAGE', 'give --base-url once, not also as --from');
    [from, baseUrl] = [undefined, from];
  }
  const file = positionals[0] ?? from;
  if (positionals.length > 0 && from !== undefined) throw new PaycheckError('PAYCHECK_USAGE', 'give the journal FILE once: as an argument or as --from');
  if (file !== undefined && given.has('base-url')) throw new PaycheckError('PAYCHECK_USAGE', 'give a journal FILE or --base-url, not both');
  const timeScale = values['time-scale'] ?? 1;
  const orderId = values['order-id'];
  const fetched = file === undefined && baseUrl !== undefined ? await fetchJournal(baseUrl, orderId, values['allow-remote']) : undefined;
  const input = fetched ?? (await readInput(file, io, JOURNAL_INPUT));
  let entries = fetched ? fromTarget(() => entriesOf(input)) : entriesOf(input);
  if (orderId !== undefined) {
    const all = entries;
    entries = entries.filter((e) => e.order_id === orderId);
    if (entries.length === 0) {
      const orders = new Set(all.filter((e) => e.order_id !== undefined).map((e) => e.order_id)).size;
      io.out(`nothing judged: the journal holds no call of order ${orderId} (it holds calls of ${orders} other ${orders === 1 ? 'order' : 'orders'})`);
      return EXIT.checkFailed;
    }
  }

  const report = auditJournal(entries, { timeScale });
  if (values.json) io.out(JSON.stringify(report, null, 2));
  else for (const line of formatAuditReport(report)) io.out(line);
  return report.passed && report.orders.length > 0 ? 0 : 1;
}

async function fetchJournal(baseUrl: string, orderId: string | undefined, allowRemote: boolean): Promise<InputText> {
  // The journal's own URL is what the proxy's banner prints, so users paste it: it names the same base.
  const trimmed = baseUrl.replace(/\/+$/, '');
  const base = trimmed.endsWith(JOURNAL_ROUTE) ? trimmed.slice(0, -JOURNAL_ROUTE.length) : baseUrl;
  requireBaseUrl(base);
  if (!allowRemote && !isLoopbackUrl(base)) throw new PaycheckError('PAYCHECK_REMOTE_REFUSED', `refusing ${new URL(base).origin}: not loopback (pass --allow-remote to read a mock elsewhere)`);
  const url = new URL(apiUrl(base, JOURNAL_ROUTE));
  if (orderId !== undefined) url.searchParams.set('order_id', orderId);
  const name = url.toString();
  let answer;
  try {
    answer = await sendOutbound(url, { method: 'GET', timeoutMs: FETCH_TIMEOUT_MS, limitBytes: JOURNAL_LIMIT_BYTES });
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    // Only a body past the limit is the journal's size; an overflowing head is the server's.
    const hint = error.bodyLimitBytes !== undefined ? ': read fewer calls with --order-id, or save the journal to a file and audit that' : '';
    throw new PaycheckError('PAYCHECK_TARGET_UNREACHABLE', `cannot read ${name} (${error.message})${hint}`);
  }
  if (answer.status !== 200) {
    const why = describeRedirect(answer) ?? `HTTP ${answer.status}`;
    throw new PaycheckError('PAYCHECK_TARGET_NOT_API', `cannot read ${name} (${why}): is a paycheck mock serving there?`);
  }
  const text = answer.text;
  return { name, text };
}

/** What a server answered instead of a journal says it is no paycheck mock: the target, not the user's input. */
function fromTarget<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (isPaycheckError(error, 'PAYCHECK_INPUT_NOT_JSON') || isPaycheckError(error, 'PAYCHECK_INPUT_NOT_JOURNAL')) {
      throw new PaycheckError('PAYCHECK_TARGET_NOT_API', `${error.message}: is a paycheck mock serving there?`);
    }
    throw error;
  }
}

function entriesOf(input: InputText): JournalEntry[] {
  const value = parseJsonInput(input);
  try {
    return journalEntriesOf(value);
  } catch (error) {
    if (isPaycheckError(error, 'PAYCHECK_INPUT_NOT_JOURNAL')) throw new PaycheckError(error.code, `${input.name}: ${error.message}`);
    throw error;
  }
}
