/**
 * MSW (2.15) handlers over the engine, for in-process interception with `setupServer`: a Fetch
 * Request becomes a MockRequest, the MockResponse a Fetch Response. A transport fault is carried
 * out as the engine describes it, byte for byte as the node:http server does: no head → a network
 * error (or, for `hang`, a response that never comes); a head → the status and headers, then a
 * body stream of exactly the fault's bytes that then fails (`close`, `reset`) or never ends
 * (`hang`). The pay call, the lifecycle calls and `/__mock/*` (journal included) all go to the
 * engine; status callbacks are not delivered here (no timers or outgoing HTTP in handlers) — an
 * engine made with callbacks on keeps them in `engine.outbox` to drain.
 */
import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { API_PATHS } from '../../kernel/spec/api-paths.ts';
import { apiUrl } from '../../kernel/spec/api-url.ts';
import { ADMIN_PREFIX, type Engine, type MockRequest, type MockResponse, type TransportFault } from '../../engine/index.ts';

export interface MswHandlerOptions {
  /** Where the intercepted client aims, e.g. https://api.huishouyin.cn; a path in it is a prefix of every call. */
  baseUrl: string;
}

export function createMswHandlers(engine: Pick<Engine, 'handle'>, { baseUrl }: MswHandlerOptions): HttpHandler[] {
  // The engine routes the API's own paths: a base URL's path (a gateway's prefix) is taken off.
  const prefix = new URL(apiUrl(baseUrl, '/')).pathname.slice(0, -1);
  const resolve = async ({ request }: { request: Request }) => toFetchResponse(engine.handle(await toMockRequest(request, prefix)));
  return [...Object.values(API_PATHS), `${ADMIN_PREFIX}*`].map((path) => http.all(apiUrl(baseUrl, path), resolve));
}

async function toMockRequest(request: Request, prefix: string): Promise<MockRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    method: request.method,
    path: url.pathname.slice(prefix.length),
    query: url.search === '' ? undefined : url.search.slice(1),
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

async function toFetchResponse(response: MockResponse): Promise<Response> {
  if (response.delayMs !== undefined) await delay(response.delayMs);
  const fault = response.fault;
  if (!fault) return new HttpResponse(response.body, { status: response.status, headers: response.headers });
  if (!fault.head) {
    if (fault.then === 'hang') await delay('infinite');
    return HttpResponse.error();
  }
  return new HttpResponse(faultBody(fault), { status: response.status, headers: response.headers });
}

/** The fault's bytes, then a failed read (the connection went) or none ever again (it hangs). */
function faultBody(fault: TransportFault): ReadableStream<Uint8Array> {
  let sent = fault.bytes.length === 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!sent) {
        sent = true;
        controller.enqueue(fault.bytes);
        return undefined;
      }
      // The close comes after the bytes, as on a wire: MSW tees the response, and an error in the
      // same turn would discard bytes the client has not read yet.
      return new Promise<void>((resolve) => {
        if (fault.then !== 'hang') {
          setTimeout(() => {
            controller.error(new TypeError('terminated: the mock closed the connection'));
            resolve();
          }, 0);
        }
      });
    },
  });
}
