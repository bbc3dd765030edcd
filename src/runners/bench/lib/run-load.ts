/**
 * One autocannon run: POST bodies built beforehand, taken in turn from one shared cursor so that
 * no two requests of a run repeat a body until the list wraps. Prints nothing; returns figures.
 */
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  path: string;
  bodies: readonly string[];
  headers?: Record<string, string>;
  connections?: number;
  durationS: number;
  /** Requests per second over all connections; absent = as fast as the server answers. */
  overallRate?: number;
  /** Index of the first body, so that consecutive runs against one server do not repeat bodies. */
  startAt?: number;
}

export interface LoadFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Where the body cursor stopped, for the next run's startAt. */
  next: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const { bodies } = options;
  let cursor = options.startAt ?? 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 32,
    duration: options.durationS,
    overallRate: options.overallRate,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => {
          request.body = bodies[cursor++ % bodies.length];
          return request;
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    next: cursor,
  };
}
