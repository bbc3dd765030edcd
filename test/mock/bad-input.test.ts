/** Bad input gets a clear envelope (3001/3002), never a crash or a hang, and the server keeps serving. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { payParams, sign, signedPay } from '../support/signed-request.ts';
import { startTestServer, useTestServer } from '../support/test-server.ts';

const LIMIT = 4_096;
const mock = useTestServer({ bodyLimit: LIMIT, headersTimeoutMs: 300, requestTimeoutMs: 600, timeoutCheckIntervalMs: 50 });

async function stillServing(): Promise<void> {
  assert.equal((await mock().post(signedPay())).envelope.code, 1000, 'the server keeps serving');
}

async function expectCode(body: string | Uint8Array<ArrayBuffer>, code: number, contentType = 'application/json'): Promise<void> {
  const response = await fetch(`${mock().url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': contentType }, body });
  assert.equal(response.status, 200);
  const envelope = (await response.json()) as { code: number; data: object };
  assert.equal(envelope.code, code, `${String(body).slice(0, 60)} → ${response.headers.get('x-mock-reason')}`);
  assert.deepEqual(envelope.data, {});
}

/** Writes raw bytes; resolves with what the server sent and whether the server closed first. */
function raw(chunks: (string | Buffer)[], waitMs = 5_000): Promise<{ text: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(mock().server.port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => (socket.destroy(), resolve({ text: received, closedByServer: false })), waitMs);
    socket.on('data', (data) => (received += data.toString()));
    socket.on('close', () => (clearTimeout(timer), resolve({ text: received, closedByServer: true })));
    socket.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    for (const chunk of chunks) socket.write(chunk);
  });
}

test('an empty or whitespace-only body is 3001', async () => {
  await expectCode('', 3001);
  await expectCode('  \r\n ', 3001);
  await expectCode('{}', 3001);
  await stillServing();
});

test('a non-JSON body is 3002', async () => {
  for (const body of ['not json', '{"app_id":', "{'app_id':'a'}", '<xml/>', '{"a":1}{"b":2}']) await expectCode(body, 3002);
  await stillServing();
});

test('a JSON array or scalar at the top is 3002', async () => {
  for (const body of ['[]', `[${JSON.stringify(signedPay())}]`, '42', '"text"', 'true', 'null']) await expectCode(body, 3002);
  await stillServing();
});

test('a wrong content type is 3002, even around a valid signed body', async () => {
  const body = JSON.stringify(signedPay());
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=gbk']) await expectCode(body, 3002, type);
  const response = await fetch(`${mock().url}/pay/qrcode`, { method: 'POST', body: new Uint8Array(Buffer.from(body)) });
  assert.equal(((await response.json()) as { code: number }).code, 3002, 'no content type');
  await stillServing();
});

test('a body over the limit is 3002, answered at once from the declared length, without reading the rest', async () => {
  const { text: reply } = await raw([`POST /pay/qrcode HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n{"app_id":`]);
  assert.match(reply, /^HTTP\/1\.1 200/);
  assert.match(reply, /connection: close/i);
  assert.match(reply, /"code":3002/);
  assert.match(reply, /x-mock-reason: the body \(104857600 bytes\) is over the limit of 4096/);
  await stillServing();
});

test('a chunked body that grows over the limit is cut off with 3002', async () => {
  const chunk = 'x'.repeat(3_000);
  const size = chunk.length.toString(16);
  const { text: reply } = await raw([`POST /pay/qrcode HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, `${size}\r\n${chunk}\r\n`, `${size}\r\n${chunk}\r\n`]);
  assert.match(reply, /"code":3002/);
  assert.match(reply, /over the limit of 4096 bytes/);
  await stillServing();
});

test('deeply nested JSON is 3002', async () => {
  await expectCode('['.repeat(2_000) + ']'.repeat(2_000), 3002);
  const deep = JSON.stringify(signedPay()).replace(/}$/, `,"goods_list":${'['.repeat(1_500)}${']'.repeat(1_500)}}`);
  await expectCode(deep, 3002);
  const deepObject = JSON.stringify(signedPay()).replace(/}$/, `,"store_info":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`);
  await expectCode(deepObject, 3002);
  await stillServing();
});

test('an object nested past 32 levels is 3002 naming the depth, even with no field present (was 3001)', async () => {
  // 10 000 levels are 50 kB: past this suite's small body limit, within the default one.
  const roomy = await startTestServer();
  try {
    for (const depth of [33, 10_000]) {
      const response = await fetch(`${roomy.url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) });
      assert.equal(((await response.json()) as { code: number }).code, 3002, `${depth} levels`);
      assert.equal(response.headers.get('x-mock-reason'), 'the body nests deeper than 32 levels');
    }
  } finally {
    await roomy.close();
  }
  assert.deepEqual(roomy.errors, []);
});

test('a key twice in one object, at any depth, is 3002 naming the key, never last-wins', async () => {
  const signed = JSON.stringify(signedPay());
  const cases: [string, string][] = [
    [signed.replace(/}$/, ',"total_amount":"100.00"}'), '$.total_amount'],
    [signed.replace(/"total_amount":/, '"total\\u005famount":"100.00","total_amount":'), '$.total_amount'],
    [signed.replace(/}$/, ',"store_info":{"store_id":"S1","store_id":"S2"}}'), '$.store_info.store_id'],
    [signed.replace(/}$/, ',"goods_list":[{"num":1,"num":2}]}'), '$.goods_list[0].num'],
  ];
  for (const [body, path] of cases) {
    const response = await fetch(`${mock().url}/pay/qrcode`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.deepEqual(await response.json(), { code: 3002, msg: '参数值格式错误', data: {} }, body);
    assert.equal(response.headers.get('x-mock-reason'), `the body has the key ${path} twice in one object (which one counts is ambiguous)`);
  }
  await stillServing();
});

test('__proto__ and constructor keys are unknown fields (3002) and pollute nothing', async () => {
  const signed = JSON.stringify(signedPay());
  await expectCode(signed.replace(/}$/, ',"__proto__":{"polluted":true}}'), 3002);
  await expectCode(signed.replace(/}$/, ',"constructor":{"prototype":{"polluted":true}}}'), 3002);
  await expectCode(signed.replace(/}$/, ',"store_info":{"__proto__":{"polluted":true}}}'), 3002);
  await expectCode(signed.replace(/}$/, ',"goods_list":[{"__proto__":{"num":1}}]}'), 3002);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  await stillServing();
});

test('invalid UTF-8 is 3002', async () => {
  const body = Buffer.from(JSON.stringify(signedPay()).replace('"MD5"', '"MD5\u00ff"'), 'latin1');
  await expectCode(new Uint8Array(body), 3002);
  await expectCode(new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), 3002);
  await stillServing();
});

test('numbers like 1e309, -0 and 1e-7 are 3002', async () => {
  const signed = JSON.stringify(signedPay());
  for (const number of ['1e309', '-0', '-1e309', '1e-7', '0.001']) {
    await expectCode(signed.replace(/"total_amount":"[^"]*"/, `"total_amount":${number}`), 3002);
  }
  await expectCode(signed.replace(/}$/, ',"goods_list":[{"price":1e309}]}'), 3002);
  await expectCode(signed.replace(/}$/, ',"goods_list":[{"num":-0}]}'), 3002);
  await stillServing();
});

test('an amount written with an exponent or a third decimal is 3002, not rescaled (D-6)', async () => {
  for (const amount of ['1E2', '1.1000000000000000888', '0.30000000000000001', '2e-2']) {
    const params = payParams();
    const signed = sign({ ...params, total_amount: Number(amount) });
    await expectCode(JSON.stringify(signed).replace(/"total_amount":[^,}]+/, `"total_amount":${amount}`), 3002);
  }
  await stillServing();
});

test('empty strings for required fields are 3001; unknown fields 3002', async () => {
  for (const field of ['app_id', 'sign', 'sign_type', 'order_id', 'pay_code', 'total_amount']) await expectCode(JSON.stringify({ ...signedPay(), [field]: '' }), 3001);
  await expectCode(JSON.stringify(sign(payParams({ notify_url: 'http://127.0.0.1/n' }))), 3002);
  await stillServing();
});

test('a client too slow with its headers is cut off by the headers timeout', async () => {
  const reply = await raw(['POST /pay/qrcode HTTP/1.1\r\nHost: x\r\n']);
  assert.equal(reply.closedByServer, true, 'the server, not the test, ended the connection');
  assert.match(reply.text, /^HTTP\/1\.1 408|^$/, 'closed, with a 408 or nothing');
  await stillServing();
});

test('a client too slow with its body is cut off by the request timeout', async () => {
  const reply = await raw(['POST /pay/qrcode HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"app_id"']);
  assert.equal(reply.closedByServer, true, 'the server, not the test, ended the connection');
  assert.doesNotMatch(reply.text, /"code":1000/);
  assert.match(reply.text, /^HTTP\/1\.1 408|^$/);
  await stillServing();
});
