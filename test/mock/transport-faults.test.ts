/**
 * A transport fault is described once by the engine and carried out by each adapter: the same
 * request through the node:http server and through MSW in-process must reach the client as the
 * same status, headers, bytes and ending.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setupServer } from 'msw/node';
import { createMswHandlers } from '../../src/adapters/msw/handlers.ts';
import { signedPay } from '../support/signed-request.ts';
import { testEngine } from '../support/signed-request.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const MSW_BASE = 'http://msw.invalid';
/** Headers the engine sets; node:http adds its own (date, connection), which MSW cannot. */
const COMPARED_HEADERS = ['content-type', 'content-length', 'x-mock-fault', 'x-mock-scenario'];

interface Received {
  status?: number;
  headers?: Record<string, string | null>;
  bytes?: string;
  /** `complete`; `cut`: the body failed part-way; `network error`: no response; `no answer` within the wait. */
  ending: 'complete' | 'cut' | 'network error' | 'no answer';
}

// Two engines fed the same calls in the same order answer the same bytes (same clock, same trade numbers).
let http: TestServer;
const msw = setupServer(...createMswHandlers(testEngine().engine, { baseUrl: MSW_BASE }));
before(async () => {
  http = await startTestServer();
  msw.listen({ onUnhandledRequest: 'bypass' });
});
after(async () => {
  msw.close();
  await http.close();
  assert.deepEqual(http.errors, []);
});

/** How long a client waits before it calls a silence `no answer`: a hang only needs a short wait. */
const waitFor = (fault: string) => (fault === 'hang' ? 300 : 10_000);

async function receive(base: string, body: string, fault: string): Promise<Received> {
  const signal = AbortSignal.timeout(waitFor(fault));
  let response: Response;
  try {
    response = await fetch(`${base}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-mock-fault': fault }, body, signal });
  } catch (error) {
    return { ending: signal.aborted ? 'no answer' : 'network error' };
  }
  const headers = Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)]));
  const chunks: Uint8Array[] = [];
  let ending: Received['ending'] = 'complete';
  const reader = response.body!.getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  } catch {
    ending = signal.aborted ? 'no answer' : 'cut';
  }
  return { status: response.status, headers, bytes: Buffer.concat(chunks).toString('hex'), ending };
}

/** The same signed request through both adapters. */
async function both(fault: string): Promise<{ viaHttp: Received; viaMsw: Received }> {
  const body = JSON.stringify(signedPay());
  return { viaHttp: await receive(http.url, body, fault), viaMsw: await receive(MSW_BASE, body, fault) };
}

test('truncate: the headers promise the whole body, exactly the first half of its UTF-8 bytes arrives, then the connection goes', async () => {
  const { viaHttp, viaMsw } = await both('truncate');
  assert.deepEqual(viaMsw, viaHttp);
  assert.equal(viaHttp.ending, 'cut');
  const promised = Number(viaHttp.headers!['content-length']);
  // The envelope's msg is Chinese: halving UTF-16 units would send more bytes than this.
  assert.equal(viaHttp.bytes!.length / 2, Math.floor(promised / 2));
});

test('non-json, truncated non-json and http-503 arrive as the same bytes through both adapters', async () => {
  for (const fault of ['non-json', 'truncate, non-json', 'http-503']) {
    const { viaHttp, viaMsw } = await both(fault);
    // node:http always sends content-length; MSW only when the engine set it (a truncation's promise).
    if (viaHttp.ending === 'complete') viaHttp.headers!['content-length'] = viaMsw.headers!['content-length'];
    assert.deepEqual(viaMsw, viaHttp, fault);
  }
});

test('reset is a network error with nothing received, hang no answer at all, through both adapters', async () => {
  for (const [fault, ending] of [['reset', 'network error'], ['reset@received', 'network error'], ['hang', 'no answer']] as const) {
    const { viaHttp, viaMsw } = await both(fault);
    assert.deepEqual(viaHttp, { ending }, fault);
    assert.deepEqual(viaMsw, viaHttp, fault);
  }
});
