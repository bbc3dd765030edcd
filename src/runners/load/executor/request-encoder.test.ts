import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { encodeCall, installRequestEncoder } from './request-encoder.ts';

const require = createRequire(import.meta.url);

test('a call is written as one HTTP/1.1 request: its path or the batch\'s, its headers, the body\'s length in bytes', () => {
  const head = { host: '127.0.0.1:4010', path: '/pay/qrcode?x=1' };
  assert.equal(
    encodeCall(head, { body: '{"title":"可口可乐"}' }).toString(),
    'POST /pay/qrcode?x=1 HTTP/1.1\r\nHost: 127.0.0.1:4010\r\nConnection: keep-alive\r\ncontent-type: application/json\r\nContent-Length: 24\r\n\r\n{"title":"可口可乐"}',
  );
  assert.equal(
    encodeCall(head, { body: '{}', path: '/pay/get', headers: { 'x-mock-scenario': 'USER_PAYING' } }).toString(),
    'POST /pay/get HTTP/1.1\r\nHost: 127.0.0.1:4010\r\nConnection: keep-alive\r\ncontent-type: application/json\r\nx-mock-scenario: USER_PAYING\r\nContent-Length: 2\r\n\r\n{}',
  );
});

test("autocannon's request iterator (the pinned version's) builds each next request with the encoder, and a fresh context each time", () => {
  const RequestIterator = require('autocannon/lib/requestIterator.js') as new (opts: object) => {
    nextRequest(): { requestBuffer: Buffer };
    context: Record<string, unknown>;
  };
  const request = { method: 'POST', path: '/pay/qrcode', setupRequest: (req: object) => req };
  const iterator = new RequestIterator({ hostname: '127.0.0.1', port: 1, requests: [request] });
  const contexts: object[] = [];
  let n = 0;
  installRequestEncoder({ requestIterator: iterator }, () => {
    contexts.push(iterator.context);
    return Buffer.from(`request ${n++}`);
  });
  assert.equal(iterator.nextRequest().requestBuffer.toString(), 'request 0');
  assert.equal(iterator.nextRequest().requestBuffer.toString(), 'request 1');
  assert.notEqual(contexts[0], contexts[1], 'each call its own context');
  assert.equal(iterator.context, contexts[1]);
});
