/** What the mock server tells its log about each request, and the one-line form of it, pay codes masked (src/kernel/redaction/mask.ts). */
import { maskPayCode } from '../../kernel/redaction/mask.ts';
import type { MockResponse } from '../../engine/index.ts';

export interface RequestLogEntry {
  method: string;
  url: string;
  response: MockResponse;
  /** From the request's arrival to its answer's hand-over to the socket. */
  ms: number;
  /** `sent`, or the transport fault carried out, or `refused drained=N`. */
  outcome: string;
}

/** The server's log: called once per request answered; what it writes, and when, is its own affair. */
export type RequestLog = (entry: RequestLogEntry) => void;

/** The fields of a log line, pay code masked, in the order the text form prints them. */
export function requestLogFields({ method, url, response, ms, outcome }: RequestLogEntry): Record<string, string | number> {
  const info = response.log;
  const fields: Record<string, string | number> = { method, url, status: response.status };
  if (info?.code !== undefined) fields.code = info.code;
  if (info?.scenario !== undefined) fields.scenario = info.scenario;
  if (info?.orderId !== undefined) fields.order_id = info.orderId;
  if (info?.payCode !== undefined) fields.pay_code = maskPayCode(info.payCode);
  if (info?.faults !== undefined) fields.faults = info.faults;
  if (outcome !== 'sent') fields.transport = outcome;
  fields.ms = Number(ms.toFixed(1));
  return fields;
}

export function requestLogLine(entry: RequestLogEntry, at: Date = new Date()): string {
  const { method, url, status, ms, ...rest } = requestLogFields(entry);
  return [at.toISOString(), method, url, String(status), ...Object.entries(rest).map(([key, value]) => `${key}=${value}`), `${entry.ms.toFixed(1)}ms`].join(' ');
}
