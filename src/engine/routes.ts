/**
 * The engine's one route table: method + path → handler, for the API calls and the `/__mock/*`
 * routes alike. A pattern ending in `*` takes every longer path under it (`/__mock/orders/*`);
 * the handler gets the rest. Exact paths are one map lookup, which is all the pay path costs.
 */
import { MockControlError } from './control-error.ts';
import { JSON_TYPE } from './envelope.ts';
import type { MockRequest, MockResponse } from './types.ts';

export const ADMIN_PREFIX = '/__mock/';

export interface Route {
  method: string;
  /** An API call: journaled even when refused before its pipeline (wrong method, unreadable control header). */
  api: boolean;
  /** `rest` is what follows a `*` pattern's prefix ('' for an exact path). */
  run(request: MockRequest, rest: string): MockResponse;
}

export type RouteTable = readonly (readonly [pattern: string, route: Route])[];

/** A plain JSON response (the mock's own answers, not the API envelope). */
export function json(status: number, value: unknown, extra?: Record<string, string>): MockResponse {
  return { status, headers: { 'content-type': JSON_TYPE, ...extra }, body: JSON.stringify(value) };
}

/** Dispatches by the table; `refused` hears of each API call answered before its pipeline ran. */
export function createRouter(table: RouteTable, refused: (request: MockRequest) => void): (request: MockRequest) => MockResponse {
  const exact = new Map<string, Route>();
  const prefixed: [string, Route][] = [];
  for (const [pattern, route] of table) {
    if (pattern.endsWith('*')) prefixed.push([pattern.slice(0, -1), route]);
    else exact.set(pattern, route);
  }
  function dispatch(request: MockRequest, route: Route, rest: string): MockResponse {
    try {
      if (request.method !== route.method) {
        if (route.api) refused(request);
        return json(405, { error: `${request.path} takes ${route.method}` }, { allow: route.method });
      }
      return route.run(request, rest);
    } catch (error) {
      if (!(error instanceof MockControlError)) throw error;
      if (route.api) refused(request);
      return json(400, { error: error.message, code: error.code });
    }
  }
  return (request) => {
    const path = request.path;
    const route = exact.get(path);
    if (route) return dispatch(request, route, '');
    for (const [prefix, under] of prefixed) if (path.length > prefix.length && path.startsWith(prefix)) return dispatch(request, under, path.slice(prefix.length));
    return json(404, { error: path.startsWith(ADMIN_PREFIX) ? `no mock route ${path}` : `no route ${request.method} ${path}` });
  };
}
