/**
 * A recorded session (`paycheck proxy --record FILE`) sent again — to the mock or another server,
 * through a proxy in front of it so that every exchange is judged and journalled again — with the
 * recorded gaps between the calls, so that the cashier's conduct (poll intervals, cancel timing)
 * is what the audit sees again. The record is masked: a pay code is refilled to a code of the same
 * channel (its first and last four digits kept), and a request that was signed right is signed
 * again with the configured application; a wrong signature stays wrong.
 */
import { sendOutbound, TransportError } from '../../adapters/client/outbound.ts';
import { nodeSigner } from '../../adapters/node/node-digests.ts';
import type { AppCredentials } from '../../kernel/settings.ts';
import type { SignEncoding } from '../../kernel/signing/encoding.ts';
import { PaycheckError } from '../../kernel/errors.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import type { RecordedExchange } from './proxy-server.ts';

export interface ReplayOptions {
  /** The proxy the session goes through (in front of the upstream). */
  proxyUrl: string;
  app: AppCredentials;
  encoding: SignEncoding;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReplayedExchange {
  seq: number;
  path: string;
  recorded?: number;
  replayed?: number;
  /** Why the replayed call has no code. */
  failure?: string;
}

/** The record's JSON lines, checked enough to be sent again. */
export function readRecord(text: string, source: string): RecordedExchange[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        throw new PaycheckError('PAYCHECK_INPUT_NOT_JSON', `${source}: line ${i + 1} is not JSON`);
      }
      const e = value as Partial<RecordedExchange> | null;
      if (!e || typeof e.seq !== 'number' || typeof e.at_ms !== 'number' || typeof e.method !== 'string' || typeof e.path !== 'string' || typeof e.body !== 'string' || !e.path.startsWith('/')) {
        throw new PaycheckError('PAYCHECK_INPUT_NOT_JOURNAL', `${source}: line ${i + 1} is not a recorded exchange (seq, at_ms, method, path, body)`);
      }
      return e as RecordedExchange;
    });
}

/** A masked pay code (`1345**********6789`) made whole again: same channel, same length. */
function refilled(body: string): string {
  return body.replace(/(\d{4})(\*+)(\d{4})/g, (_, head: string, stars: string, tail: string) => head + '0'.repeat(stars.length) + tail);
}

function resigned(body: string, { app, encoding }: Pick<ReplayOptions, 'app' | 'encoding'>): string {
  try {
    const params = JSON.parse(body) as Record<string, unknown>;
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return body;
    return JSON.stringify(nodeSigner.signed(params, { secret: app.secret, encoding }));
  } catch {
    return body;
  }
}

export async function replaySession(exchanges: readonly RecordedExchange[], options: ReplayOptions): Promise<ReplayedExchange[]> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const out: ReplayedExchange[] = [];
  const started = performance.now();
  const first = exchanges[0]?.at_ms ?? 0;
  for (const exchange of exchanges) {
    const due = exchange.at_ms - first - (performance.now() - started);
    if (due > 0) await sleep(due);
    const whole = refilled(exchange.body);
    const body = exchange.sign === 'valid' ? resigned(whole, options) : whole;
    const url = apiUrl(options.proxyUrl, `${exchange.path}${exchange.query === undefined ? '' : `?${exchange.query}`}`);
    const recorded = 'code' in exchange.answer ? exchange.answer.code : undefined;
    const row: ReplayedExchange = { seq: exchange.seq, path: exchange.path, ...(recorded === undefined ? {} : { recorded }) };
    try {
      const answer = await sendOutbound(url, { method: exchange.method, headers: exchange.headers, body: exchange.method === 'GET' ? undefined : body, timeoutMs: options.timeoutMs });
      const code = (() => {
        try {
          return (JSON.parse(answer.text) as { code?: unknown }).code;
        } catch {
          return undefined;
        }
      })();
      if (typeof code === 'number') row.replayed = code;
      else row.failure = `HTTP ${answer.status}, no code`;
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      row.failure = error.message;
    }
    out.push(row);
  }
  return out;
}
