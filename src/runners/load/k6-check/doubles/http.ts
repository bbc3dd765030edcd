/**
 * Test double for `k6/http`: post() hands the request — to any path — to the mock engine,
 * synchronously as k6 does, and answers with the engine's status and body; its duration is what
 * the test gives (`k6State.durationMs`, default 0: latency faults are not waited out, time moves
 * only when the script sleeps).
 */
import { k6State } from './k6-state.ts';

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
}

function post(url: string, body: string, params: Params = {}) {
  const handler = k6State.handler;
  if (!handler) throw new Error('k6 http double: no handler set');
  const headers = Object.fromEntries(Object.entries(params.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const response = handler({ method: 'POST', path: new URL(url).pathname, headers, body });
  if (response instanceof Promise) throw new Error('k6 http double: the engine answered asynchronously; k6 requests are synchronous');
  const durationMs = k6State.durationMs({ url, body });
  k6State.posts.push({ url, body, headers, tags: params.tags ?? {}, response, durationMs });
  return { status: response.status, body: response.body, headers: response.headers, timings: { duration: durationMs } };
}

export default { post };
export { post };
