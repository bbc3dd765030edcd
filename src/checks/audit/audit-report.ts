/**
 * An audit report as text for a terminal: the policy judged by, each order with its findings, and
 * a verdict. The journal holds no pay codes, so neither does this. Runtime-neutral.
 */
import { shownDuration } from './audit-rules.ts';
import type { AuditFinding, AuditReport } from './audit.ts';
import { statusName } from '../../kernel/lifecycle/order-status.ts';

export function formatAuditReport(report: AuditReport): string[] {
  const p = report.policy;
  const lines = [
    `policy: queries every ${shownDuration(p.minPollIntervalMs)}–${shownDuration(p.maxPollIntervalMs)}, until ${shownDuration(p.deadlineMs)}; ` +
      `cancel no sooner than ${shownDuration(p.minCancelAfterMs)}, at most ${p.maxCancelAttempts} times; tolerance ${shownDuration(p.toleranceMs)}` +
      (p.timeScale === 1 ? '' : ` (time scale ${p.timeScale})`),
    `rules:  ${report.rules.join(', ')}`,
    '',
  ];
  const byOrder = new Map<string, AuditFinding[]>();
  for (const finding of report.findings) byOrder.set(keyOf(finding), [...(byOrder.get(keyOf(finding)) ?? []), finding]);
  for (const order of report.orders) {
    const findings = byOrder.get(keyOf(order)) ?? [];
    lines.push(`${findings.length === 0 ? 'ok  ' : 'FAIL'}  order ${order.order_id}${order.app_id === undefined ? '' : ` (${order.app_id})`}: ${order.calls} ${order.calls === 1 ? 'call' : 'calls'}, last status ${statusName(order.last_status)}`);
    for (const f of findings) {
      lines.push(`        ${f.rule} at seq ${f.seq} (+${shownDuration(f.at)}): ${f.message}`);
      lines.push(`          expected ${f.expected}; actual ${f.actual}`);
    }
  }
  if (report.skipped > 0) lines.push(`(${report.skipped} ${report.skipped === 1 ? 'entry' : 'entries'} not judged: no order named, or no pay call of the order in the journal)`);
  const failing = new Set(report.findings.map(keyOf)).size;
  lines.push(
    '',
    report.orders.length === 0
      ? 'nothing judged: the journal holds no pay call'
      : report.passed
      ? `passed: ${report.orders.length} ${report.orders.length === 1 ? 'order' : 'orders'}, ${report.rules.length} rules, no findings`
      : `failed: ${report.findings.length} ${report.findings.length === 1 ? 'finding' : 'findings'} in ${failing} of ${report.orders.length} ${report.orders.length === 1 ? 'order' : 'orders'}`,
  );
  return lines;
}

function keyOf(x: { order_id: string; app_id?: string }): string {
  return `${x.app_id ?? ''}\u0000${x.order_id}`;
}
