/** `paycheck sign`, `explain` and `verify` in-process (main with a captured io): what they refuse to sign and what they say. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.ts';
import type { CliIo } from './io.ts';
import { payRequest, signedPay, testEngine } from '../../test/support/signed-request.ts';

async function cli(args: string[], stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line), readStdin: async () => stdin, env: { PAY_APP_SECRET: 'paycheck-demo-secret' } };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const request = (fields: string) => `{"app_id":"paycheck-demo-app","sign_type":"MD5","order_id":"A1",${fields},"total_amount":"1.00"}`;

test('a number JSON.parse would round is refused, not signed rounded: exit 2, PAYCHECK_INPUT_IMPRECISE, the path named, a pay code masked unless shown', async () => {
  for (const command of ['sign', 'explain', 'verify']) {
    const shown = await cli([command, '--show-pay-code'], request('"pay_code":134567890123456789'));
    assert.deepEqual(shown, {
      code: 2,
      out: '',
      err: `paycheck ${command}: PAYCHECK_INPUT_IMPRECISE standard input has the number 134567890123456789 at $.pay_code: more digits than a JSON number keeps (2^53), so it reads 134567890123456780; send it as a string`,
    });
    const masked = await cli([command], request('"pay_code":134567890123456789'));
    assert.equal(masked.code, 2);
    assert.match(masked.err, /the number 1345\*{10}6789 at \$\.pay_code/);
    const decimal = await cli([command], request('"pay_code":"134567890123456789","goods_list":[{"barcode":"1","title":"t","num":1,"price":0.1000000000000000055511151231257827}]'));
    assert.match(decimal.err, /PAYCHECK_INPUT_IMPRECISE standard input has the number 0\.1000000000000000055511151231257827 at \$\.goods_list\[0\]\.price: .* so it reads 0\.1;/);
  }
});

test('a number read exactly is still signed in its shortest form (D-33): 11.00 → 11, and an integer up to 2^53', async () => {
  const explained = await cli(['explain'], request('"pay_code":"134567890123456789","x":11.00,"y":9007199254740992'));
  assert.equal(explained.code, 0, explained.err);
  assert.match(explained.out, /x=11&y=9007199254740992/);
});

test('a sign_type the API refuses: verify says refused (exit 1), sign and explain sign it with a warning — each with the code the mock answers', async () => {
  const { engine } = testEngine();
  const variants: [string, unknown][] = [['md5', 'md5'], ['rsa', 'rsa'], ['SHA1', 'SHA1'], ['""', ''], ['null', null], ['{}', {}], ['absent', undefined]];
  for (const [label, signType] of variants) {
    const { sign_type: _type, ...rest } = signedPay();
    const unsigned = signType === undefined ? rest : { ...rest, sign_type: signType };
    const signed = await cli(['sign'], JSON.stringify(unsigned));
    assert.equal(signed.code, 0, `${label}: ${signed.err}`);
    const body = signed.out;
    const mockCode = (JSON.parse(engine.handle(payRequest(JSON.parse(body) as Record<string, unknown>)).body) as { code: number }).code;
    assert.ok(mockCode === 3001 || mockCode === 3002, `${label}: the mock answers ${mockCode}`);
    assert.match(signed.err, new RegExp(`^paycheck sign: warning: the API refuses this request before it checks any sign: .* \\(${mockCode}, D-47\\); signed as MD5 all the same$`), label);
    const verified = await cli(['verify'], body);
    assert.equal(verified.code, 1, `${label}: ${verified.out}`);
    assert.match(verified.out, new RegExp(`^invalid: the API refuses this request before it checks any sign: .* \\(${mockCode}, D-47\\)\\n  send sign_type "MD5" or "RSA", and sign again`), label);
    const explained = await cli(['explain'], body);
    assert.match(explained.out, new RegExp(`^sign_type: +\\S+, refused \\(${mockCode}\\); signed as MD5`), label);
    assert.match(explained.err, /^paycheck explain: warning: /, label);
  }
  assert.match(((await cli(['verify'], (await cli(['sign'], JSON.stringify(signedPay()))).out))).out, /^valid: the sign matches/, 'MD5, spelt so, verifies');
});

test('a request file that begins with a UTF-8 byte order mark (as Windows editors write it) is read past it: signed as without it', async () => {
  const text = request('"pay_code":"134567890123456789"');
  const plain = await cli(['sign'], text);
  assert.equal(plain.code, 0, plain.err);
  assert.deepEqual(await cli(['sign'], `\ufeff${text}`), plain);
  const file = join(mkdtempSync(join(tmpdir(), 'paycheck-bom-')), 'bom.json');
  writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
  assert.deepEqual(await cli(['sign', file], ''), plain);
  assert.equal((await cli(['verify', file], '')).code, 1, 'read as a request: it has no sign');
  const broken = await cli(['sign'], '\ufeff{"a":');
  assert.match(broken.err, /^paycheck sign: PAYCHECK_INPUT_NOT_JSON standard input is not JSON: (?!.*\ufeff)/);
});
