/**
 * Test-only: the mock over real HTTP on an ephemeral port, in test mode — manual clock,
 * self-check on, latency recorded instead of slept, engine failures collected (and asserted
 * empty by the tests). `post` sends a pay request and reads the envelope.
 */
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { manualClock } from '../../src/engine/index.ts';
import { startMockServer, type MockServerOptions } from '../../src/adapters/http/server.ts';
import type { Envelope, Params } from './signed-request.ts';

export interface Posted {
  status: number;
  headers: Headers;
  text: string;
  envelope: Envelope;
}

export async function startTestServer(options: MockServerOptions = {}) {
  const clock = manualClock();
  const sleeps: number[] = [];
  const errors: unknown[] = [];
  const server = await startMockServer({
    port: 0,
    clock,
    selfCheck: true,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  async function post(body: Params | string, headers: Record<string, string> = {}, path = '/pay/qrcode'): Promise<Posted> {
    const response = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      envelope = { code: -1, msg: 'not JSON', data: {} };
    }
    return { status: response.status, headers: response.headers, text, envelope };
  }
  async function get(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(server.url + path);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  return { server, clock, sleeps, errors, post, get, url: server.url, close: () => server.close() };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * Starts a test server before the enclosing suite and closes it after, failing the suite if the
 * engine reported any failure (in test mode: a self-check violation). Returns the server getter.
 */
export function useTestServer(options: MockServerOptions = {}): () => TestServer {
  let mock: TestServer | undefined;
  before(async () => {
    mock = await startTestServer(options);
  });
  after(async () => {
    await mock?.close();
    assert.deepEqual(mock?.errors, [], 'engine failures (self-check)');
  });
  return () => mock!;
}
