import { sendOutbound } from '../../../adapters/client/outbound.ts';

/** Polls a URL until the server answers anything (any status), or gives up after `timeoutMs`. */
export async function waitUntilAnswering(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      await sendOutbound(url, { method: 'GET', timeoutMs: 1_000 });
      return;
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${String(last)}`);
}
