/**
 * MSW (2.15) handlers over the engine, for in-process interception with `setupServer`: a Fetch
 * Request becomes a MockRequest, the MockResponse a Fetch Response. Transport faults map to what
 * a Fetch Response can express: reset → a network error, hang → a response that never comes,
 * truncate → half the body. The pay call, the lifecycle calls and `/__mock/*` (journal included)
 * all go to the engine; status callbacks are not delivered here (no timers or outgoing HTTP in
 * handlers) — an engine made with callbacks on keeps them in `engine.outbox` to drain.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { LIFECYCLE_PATHS, PAY_PATH, type Engine, type MockRequest, type MockResponse } from '../../engine/index.ts';

export interface MswHandlerOptions {
  /** Where the intercepted client aims, e.g. https://api.huishouyin.cn */
  baseUrl: string;
}

export function createMswHandlers(engine: Pick<Engine, 'handle'>, { baseUrl }: MswHandlerOptions): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  const resolve = async ({ request }: { request: Request }) => toFetchResponse(await engine.handle(await toMockRequest(request)));
  return [PAY_PATH, ...LIFECYCLE_PATHS, '/__mock/*'].map((path) => http.all(`${base}${path}`, resolve));
}

export async function toMockRequest(request: Request): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: url.pathname,
    query: url.search === '' ? undefined : url.search.slice(1),
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

export async function toFetchResponse(response: MockResponse): Promise<Response> {
  if (response.delayMs !== undefined) await delay(response.delayMs);
  const fault = response.fault?.kind;
  if (fault === 'reset') return HttpResponse.error();
  if (fault === 'hang') await delay('infinite');
  const body = fault === 'truncate' ? response.body.slice(0, response.body.length >> 1) : response.body;
  return new HttpResponse(body, { status: response.status, headers: response.headers });
}
