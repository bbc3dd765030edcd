/**
 * The audit as a contract-suite target: the reference checkout (src/runners/checkout/checkout.ts) pays a
 * USER_PAYING order on the target and follows it up, the target's request journal is fetched, and
 * `paycheck audit` must find nothing wrong with what it recorded. Run against the suite's own
 * mocks, it shows the journal and the audit agree with a correct cashier; aimed at your own
 * cashier's mock, the same two calls audit yours (docs/contracts.md, "Audit your own cashier").
 */
import { auditJournal } from '../../../checks/audit/audit.ts';
import { describeRedirect, JOURNAL_LIMIT_BYTES, sendOutbound } from '../../../adapters/client/outbound.ts';
import { runCheckout } from '../../checkout/checkout.ts';
import { apiUrl } from '../../../kernel/spec/api-url.ts';
import { journalEntriesOf } from '../../../checks/audit/journal-input.ts';
import type { Finding } from '../../../checks/contract/finding.ts';
import type { ContractCase } from '../support/case-context.ts';

/**
 * The documented timings × 0.1 (polls every 0.5 s, cancel from 1.5 s, deadline 3 s) around the
 * mocks' 1 s pending delay; 200 ms of slack for timers on a busy 2-core machine.
 */
const SCALE = 0.1;
const POLICY = { timeScale: SCALE, toleranceMs: 200 / SCALE };

const finding = (path: string, expected: string, actual: string, message: string): Finding => ({ rule: 'cashier-audit', path, expected, actual, message, severity: 'error' });

function audited(scenario: string): ContractCase {
  return {
    title: `the reference checkout on ${scenario}: its calls, as the target's journal records them, pass paycheck audit`,
    tags: ['@moves-money', '@mock-controls', '@lifecycle-writes'],
    run: async (ctx) => {
      const result = await runCheckout({ target: ctx.client.options, request: ctx.request(), scenario, policy: POLICY });
      const url = apiUrl(ctx.target.baseUrl, `/__mock/journal?order_id=${encodeURIComponent(result.order_id)}`);
      let entries;
      try {
        const answer = await sendOutbound(url, { method: 'GET', timeoutMs: 5_000, limitBytes: JOURNAL_LIMIT_BYTES });
        if (answer.status !== 200) throw new Error(describeRedirect(answer) ?? `HTTP ${answer.status}`);
        entries = journalEntriesOf(JSON.parse(answer.text));
      } catch (error) {
        ctx.judged('cashier-audit', [finding('GET /__mock/journal', 'a journal', (error as Error).message, 'the target\'s request journal could not be read')]);
        return;
      }
      const report = auditJournal(entries, POLICY);
      const timeline = result.timeline.map((s) => `${s.call} ${s.code ?? '—'}`).join(', ');
      ctx.judged('cashier-audit', [
        ...(report.orders.length === 1 ? [] : [finding('journal', `the checkout's order ${result.order_id}`, `${report.orders.length} order(s) judged`, `the journal must hold the calls the checkout made (${timeline})`)]),
        ...report.findings.map((f) => finding(`journal seq ${f.seq} (+${f.at} ms)`, f.expected, f.actual, `[${f.rule}] ${f.message} — checkout: ${timeline}`)),
      ]);
    },
  };
}

export const CASHIER_AUDIT_CASES: readonly ContractCase[] = [audited('USER_PAYING'), audited('USER_PAYING_FAILS')];
