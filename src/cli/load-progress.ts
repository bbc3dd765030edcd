/** The once-a-second progress line of a running load (stderr in the CLI). */
import type { ProgressInfo } from '../runners/load/executor/run-load.ts';

export function renderProgressLine(p: ProgressInfo): string {
  const codes = Object.entries(p.codes)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  const p95 = p.windowP95Ms === undefined ? '—' : `${p.windowP95Ms.toFixed(1)} ms`;
  return [
    `[${p.scenario}] ${p.elapsedS.toFixed(0)}/${p.totalS.toFixed(0)} s`,
    `rate ${p.rate.toFixed(1)}/s`,
    `sent ${p.sent}`,
    `answered ${p.answered} (${p.windowAnswered}/s)`,
    p.openOrders === undefined ? `in flight ${p.inFlight}` : `open orders ${p.openOrders} · follow-ups ${p.followUps ?? 0}`,
    `p95 ${p95}`,
    `failed ${p.failed}`,
    codes || 'no answers yet',
  ].join(' · ');
}
