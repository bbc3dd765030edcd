/** One line per request, pay codes masked (src/kernel/redaction/mask.ts). */
import { maskPayCode } from '../../kernel/redaction/mask.ts';
import type { MockResponse } from '../../engine/index.ts';

export function requestLogLine(method: string, url: string, response: MockResponse, ms: number, outcome: string): string {
  const info = response.log;
  const parts = [new Date().toISOString(), method, url, String(response.status)];
  if (info?.code !== undefined) parts.push(`code=${info.code}`);
  if (info?.scenario !== undefined) parts.push(`scenario=${info.scenario}`);
  if (info?.orderId !== undefined) parts.push(`order_id=${info.orderId}`);
  if (info?.payCode !== undefined) parts.push(`pay_code=${maskPayCode(info.payCode)}`);
  if (info?.faults !== undefined) parts.push(`faults=${info.faults}`);
  if (outcome !== 'sent') parts.push(`transport=${outcome}`);
  parts.push(`${ms.toFixed(1)}ms`);
  return parts.join(' ');
}
