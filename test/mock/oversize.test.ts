/**
 * A body over the limit (issue #12, point 4): the 3002 envelope reaches a client that is still
 * sending — Node's fetch and a raw socket, 4, 16 and 64 MiB, every try — and what the client sends
 * after it is read and thrown away within the drain bounds (DRAIN_BYTES, DRAIN_MS), which the
 * mock's log line states per refusal. The mock runs in its own process: on one event loop the
 * client and the server take turns that hide the race between the close and the client's read.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { DRAIN_BYTES, DRAIN_MS } from '../../src/adapters/http/refuse-body.ts';
import { startPaycheckProcess, type PaycheckProcess } from '../support/paycheck-process.ts';
import { signedBody } from '../../src/runners/bench/lib/signed-bodies.ts';
import { codesIn, everyTry, exchange, fetchOversize, floodBehind, GIVE_UP_MS } from '../support/oversize-clients.ts';

const MIB = 1024 * 1024;
const SIZES_MIB = [4, 16, 64];
const TRIES = 10;
/** The bound is checked after each read, and one read is at most this. */
const ONE_READ = 64 * 1024;
/** Loopback's socket buffers, both ends, with room to spare: what a paused body lets a client write. */
const WAITING_BYTES = 32 * MIB;

let mock: PaycheckProcess;
let refusals = 0;
before(async () => {
  mock = await startPaycheckProcess(['mock', '--port', '0']);
});
after(() => mock.stop());

/** The bytes drained after each refusal so far, from the log lines (written when the connection closes). */
async function drained(expected: number): Promise<number[]> {
  const lines = await mock.linesMatching(/transport=refused drained=\d+/, expected);
  return lines.map((line) => Number(/transport=refused drained=(\d+)/.exec(line)![1]));
}

function head(size: number): string {
  return `POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\n\r\n`;
}

/** The envelope's code once a whole answer is in, else undefined. */
function answeredCode(received: string): number | undefined {
  const end = received.indexOf('\r\n\r\n');
  const length = /content-length: (\d+)/i.exec(received.slice(0, end))?.[1];
  if (end < 0 || length === undefined || Buffer.byteLength(received.slice(end + 4)) < Number(length)) return undefined;
  return (JSON.parse(received.slice(end + 4)) as { code: number }).code;
}

interface RawResult {
  code: number | undefined;
  /** Body bytes this client wrote. */
  sent: number;
  /** From the first body byte to the close. */
  ms: number;
  closedByServer: boolean;
}

/**
 * Declares `size` bytes and sends them in 64 KiB writes, `pauseMs` apart (0: as fast as the socket
 * takes them). `politely`: stops sending and hangs up once it has read the answer, as curl and
 * fetch do; otherwise goes on until the server closes (or GIVE_UP_MS passes).
 */
function rawPost(size: number, { politely, pauseMs = 0, chunk = 64 * 1024 }: { politely: boolean; pauseMs?: number; chunk?: number }): Promise<RawResult> {
  return new Promise((resolve) => {
    // Half-open allowed, so that the server's FIN after its answer does not end our sending for us.
    const socket = connect({ port: mock.port, host: '127.0.0.1', allowHalfOpen: true });
    const bytes = Buffer.alloc(chunk, 0x20);
    let received = '';
    let sent = 0;
    let code: number | undefined;
    let byUs = false;
    const started = performance.now();
    const giveUp = setTimeout(() => {
      byUs = true;
      socket.destroy();
    }, GIVE_UP_MS);
    socket.on('data', (data) => {
      received += data.toString();
      code ??= answeredCode(received);
      if (code !== undefined && politely) {
        byUs = true;
        socket.destroy();
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(giveUp);
      resolve({ code, sent, ms: performance.now() - started, closedByServer: !byUs });
    });
    const pump = () => {
      while (!socket.destroyed && sent < size) {
        sent += chunk;
        if (!socket.write(bytes)) return void socket.once('drain', pump);
        if (pauseMs > 0) return void setTimeout(pump, pauseMs);
      }
    };
    socket.write(head(size), pump);
  });
}

test('Node fetch posting 4, 16 and 64 MiB gets the 3002 envelope on every try', async () => {
  const outcomes = await fetchOversize(`${mock.url}/pay/qrcode`, SIZES_MIB, TRIES, 'x-mock-reason');
  refusals += SIZES_MIB.length * TRIES;
  assert.deepEqual(outcomes, everyTry(SIZES_MIB, TRIES));
});

test('a raw socket posting 4, 16 and 64 MiB reads the 3002 envelope on every try', async () => {
  const outcomes: Record<string, Record<string, number>> = {};
  for (const mib of SIZES_MIB) {
    const tally: Record<string, number> = (outcomes[`${mib} MiB`] = {});
    for (let i = 0; i < TRIES; i++) {
      const { code } = await rawPost(mib * MIB, { politely: true });
      tally[String(code ?? 'no answer')] = (tally[String(code ?? 'no answer')] ?? 0) + 1;
      refusals++;
    }
  }
  assert.deepEqual(outcomes, everyTry(SIZES_MIB, TRIES));
});

test('a client that never stops sending gets the answer, and the server reads at most DRAIN_BYTES before it closes', async () => {
  const result = await rawPost(1024 * MIB, { politely: false });
  refusals++;
  assert.equal(result.code, 3002);
  assert.equal(result.closedByServer, true);
  assert.ok(result.sent < 1024 * MIB, 'cut off long before the declared 1 GiB');
  const last = (await drained(refusals)).at(-1)!;
  assert.ok(last >= DRAIN_BYTES - ONE_READ && last <= DRAIN_BYTES + ONE_READ, `drained ${last} bytes; the bound is ${DRAIN_BYTES}`);
});

test('a client that trickles gets the answer, and the connection closes after DRAIN_MS', async () => {
  const result = await rawPost(100 * MIB, { politely: false, pauseMs: 20, chunk: 1024 });
  refusals++;
  assert.equal(result.code, 3002);
  assert.equal(result.closedByServer, true);
  assert.ok(result.ms >= DRAIN_MS - 100 && result.ms < DRAIN_MS + 1_000, `closed after ${Math.round(result.ms)} ms; the bound is ${DRAIN_MS}`);
});

test('a refusal pipelined behind a pay call is answered after it: the pay first, then the 3002, then the close', async () => {
  const pay = signedBody(1, 'PIPE');
  const first = `POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(pay)}\r\n\r\n${pay}`;
  const received = await exchange(mock.port, first + head(MIB));
  refusals++;
  assert.deepEqual(codesIn(received), [1000, 3002], received.slice(0, 400));
});

test('a chunked body over the limit, pipelined behind a call answered 1.5 s later, is not read while it waits', { timeout: 15_000 }, async () => {
  const pay = signedBody(1, 'FLOOD');
  const slow = `POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Mock-Latency: 1500\r\nContent-Length: ${Buffer.byteLength(pay)}\r\n\r\n${pay}`;
  const result = await floodBehind(mock.port, slow);
  refusals++;
  assert.deepEqual(result.codes, [1000, 3002]);
  assert.equal(result.closedByServer, true);
  // What the kernel's socket buffers and one paused read hold; read and thrown away, a loopback
  // client writes about a gigabyte in those 1.5 s.
  assert.ok(result.sentBeforeAnswer <= WAITING_BYTES, `${result.sentBeforeAnswer} bytes written while the refusal waited`);
  assert.ok(result.sent <= WAITING_BYTES + DRAIN_BYTES + ONE_READ, `${result.sent} bytes written in all`);
});

test('a client that resets the connection while its refusal waits behind a slow call: the log line still comes, on the answer\'s turn', { timeout: 15_000 }, async () => {
  const pay = signedBody(1, 'GONE');
  const slow = `POST /pay/qrcode HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Mock-Latency: 1500\r\nContent-Length: ${Buffer.byteLength(pay)}\r\n\r\n${pay}`;
  const before = (await drained(refusals)).length;
  const socket = connect({ port: mock.port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  socket.write(slow + head(MIB) + ' '.repeat(64 * 1024));
  await new Promise((resolve) => setTimeout(resolve, 300));
  socket.resetAndDestroy();
  refusals++;
  const counts = await drained(refusals);
  assert.equal(counts.length, before + 1, 'one log line for the refusal');
  assert.ok(counts.at(-1)! <= 64 * 1024, `drained ${counts.at(-1)}: at most what the client sent`);
});

test('no refusal read more than DRAIN_BYTES (and the read that crossed it)', async () => {
  const counts = await drained(refusals);
  assert.equal(counts.length, refusals, 'one log line per refusal');
  for (const count of counts) assert.ok(count <= DRAIN_BYTES + ONE_READ, `drained ${count}`);
});
