/** A checkout's timeline as text: one line per call, relative times, then how the order ended. */
import { shownDuration } from '../../checks/audit/audit-rules.ts';
import type { CheckoutResult, TimelineStep } from './checkout.ts';
import { statusName } from '../../kernel/lifecycle/order-status.ts';
import { echoed } from '../../checks/report/echo.ts';
import type { Mask } from '../../kernel/redaction/mask.ts';

/** One step; its note quotes the target's `msg`, so it is masked with `mask` and bounded like an echoed body. */
export function timelineLine(step: TimelineStep, mask: Mask): string {
  const at = `+${(step.at / 1000).toFixed(3)} s`.padStart(10);
  const code = step.code === undefined ? '—' : String(step.code);
  return `${at}  ${step.call.padEnd(12)} ${code.padEnd(5)} ${statusName(step.order_status).padEnd(16)} ${echoed(step.note, mask)}`;
}

export function outcomeLine(result: CheckoutResult): string {
  const took = result.timeline.length === 0 ? '' : ` after ${shownDuration(result.timeline[result.timeline.length - 1].at)}`;
  return `outcome: ${result.outcome} — order ${result.order_id}, status ${statusName(result.order_status)}, ${result.timeline.length} ${result.timeline.length === 1 ? 'call' : 'calls'}${took}`;
}
