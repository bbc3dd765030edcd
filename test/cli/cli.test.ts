import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { nodeSigner } from '../../src/adapters/node/node-digests.ts';
import { loadSpec } from '../../src/adapters/node/spec-file.ts';
import { REQUEST_SIZE_LIMIT } from '../../src/kernel/settings.ts';
import { maxRssMib, REPORT_MAX_RSS } from '../support/max-rss.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'paycheck-cli-'));

function io(stdin = '', env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => stdin, env };
  return { value, out, err };
}

async function cli(args: string[], stdin = '', env: Record<string, string> = {}) {
  const captured = io(stdin, env);
  const code = await main(args, captured.value);
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n') };
}

type Example = { value: Record<string, unknown> };
const examples = (loadSpec().paths['/pay/qrcode'].post as { requestBody: { content: Record<string, { examples: Record<string, Example> }> } })
  .requestBody.content['application/json'].examples;
const seed = JSON.stringify(examples.seed.value);

test('sign then verify: the seed example with a chosen secret is accepted', async () => {
  const signed = await cli(['sign', '--secret', 'my-secret'], seed);
  assert.equal(signed.code, 0, signed.err);
  const body = JSON.parse(signed.out) as Record<string, unknown>;
  assert.match(String(body.sign), /^[A-Za-z0-9+/]{43}=$/);
  const verified = await cli(['verify', '--secret', 'my-secret'], signed.out);
  assert.equal(verified.code, 0, verified.out);
  assert.match(verified.out, /^valid/);
});

test('verify fails when any signed field, the secret or the encoding changes', async () => {
  const signed = JSON.parse((await cli(['sign', '--secret', 'my-secret'], seed)).out) as Record<string, unknown>;
  const tampered: Record<string, unknown>[] = [
    { ...signed, order_id: '2017102100151092' },
    { ...signed, total_amount: 11.01 },
    { ...signed, pay_code: '284637162531748291' },
    { ...signed, app_id: 'other' },
    { ...signed, sign_type: 'RSA' },
    { ...signed, store_info: { ...(signed.store_info as object), store_id: 'X' } },
    { ...signed, goods_list: [{ barcode: '6983748939221', title: '可口可乐300ml', num: 3, price: 3 }] },
  ];
  // A downgrade to RSA is judged against a real public key, as a verifier that has one would.
  const publicKey = join(dir, 'public.pem');
  writeFileSync(publicKey, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  for (const request of tampered) {
    const result = await cli(['verify', '--secret', 'my-secret', '--public-key', publicKey], JSON.stringify(request));
    assert.equal(result.code, 1, JSON.stringify(request));
    assert.match(result.out, /^invalid/);
  }
  assert.equal((await cli(['verify', '--secret', 'other-secret'], JSON.stringify(signed))).code, 1);
  assert.equal((await cli(['verify', '--secret', 'my-secret', '--encoding', 'hex'], JSON.stringify(signed))).code, 1);
});

test('hex encoding round-trips and PAY_SIGN_ENCODING / PAY_APP_SECRET are honoured', async () => {
  const env = { PAY_APP_SECRET: 'env-secret', PAY_SIGN_ENCODING: 'hex' };
  const signed = await cli(['sign'], seed, env);
  assert.match(String((JSON.parse(signed.out) as { sign: string }).sign), /^[0-9A-F]{32}$/);
  assert.equal((await cli(['verify'], signed.out, env)).code, 0);
  assert.equal((await cli(['verify'], signed.out, { PAY_APP_SECRET: 'env-secret' })).code, 1);
});

test('explain shows the string with the secret and the pay code masked, the MD5 and the sign', async () => {
  const result = await cli(['explain', '--secret', 'my-secret'], seed);
  assert.equal(result.code, 0);
  assert.match(result.out, /string to sign: app_id=bT2CAkZUgoOr36BnZhuC1aTvXgxhvmhF&app_sercet=\*\*\*&goods_list=\[/);
  assert.match(result.out, /pay_code=2846\*{10}8290/);
  assert.doesNotMatch(result.out, /my-secret/);
  assert.match(result.out, /md5 \(upper hex\): [0-9A-F]{32}/);
});

test('verify --compare points at the first difference from the caller-signed string', async () => {
  const request = { app_id: 'a', sign_type: 'MD5', order_id: 'o1', total_amount: 11.0, sign: 'x' };
  const theirs = 'app_id=a&app_sercet=my-secret&order_id=o1&sign_type=MD5&total_amount=11.00';
  const result = await cli(['verify', '--secret', 'my-secret', '--compare', theirs], JSON.stringify(request));
  assert.equal(result.code, 1);
  assert.match(result.out, /first difference at character \d+/);
  assert.match(result.out, /theirs: …[^\n]*total_amount=11\.00/);
});

test('verify --compare compares whether or not the sign is valid: identical, or the first difference', async () => {
  const signed = nodeSigner.signed({ app_id: 'a', sign_type: 'MD5', order_id: 'o1', total_amount: '11.00' }, { secret: 'my-secret', encoding: 'base64' });
  const ours = 'app_id=a&app_sercet=my-secret&order_id=o1&sign_type=MD5&total_amount=11.00';
  const same = await cli(['verify', '--secret', 'my-secret', '--compare', ours], JSON.stringify(signed));
  assert.equal(same.code, 0);
  assert.match(same.out, /^valid: the sign matches\n {2}your string is identical to ours$/m);
  const other = await cli(['verify', '--secret', 'my-secret', '--compare', ours.replace('11.00', '11')], JSON.stringify(signed));
  assert.equal(other.code, 0);
  assert.match(other.out, /first difference at character \d+:\n {4}ours: {3}…[^\n]*11\.00/);
  assert.doesNotMatch(same.out + other.out, /my-secret/);
  const wrong = await cli(['verify', '--secret', 'other-secret', '--compare', ours.replace('my-secret', 'other-secret')], JSON.stringify(signed));
  assert.equal(wrong.code, 1);
  assert.match(wrong.out, /your string is identical to ours: so the secret or the encoding differs/);
});

test('bad input: one coded line on stderr, exit 2', async () => {
  const cases: [string[], string, Record<string, string>, RegExp][] = [
    [['sign', '--secret', 's'], 'not json', {}, /^paycheck sign: PAYCHECK_INPUT_NOT_JSON standard input is not JSON/],
    [['sign', '--secret', 's'], '[1,2]', {}, /^paycheck sign: PAYCHECK_INPUT_NOT_OBJECT .*one JSON object/],
    [['sign'], seed, {}, /^paycheck sign: PAYCHECK_NO_SECRET no secret/],
    [['sign', '--bogus'], seed, {}, /^paycheck sign: PAYCHECK_UNKNOWN_OPTION Unknown option '--bogus'/],
    [['sign', '--compare', 'x'], seed, {}, /^paycheck sign: PAYCHECK_UNKNOWN_OPTION Unknown option '--compare'/],
    [['sign', '--secret', 's', '--encoding', 'sha1'], seed, {}, /^paycheck sign: PAYCHECK_BAD_SETTING .*--encoding/],
    [['sign', '--secret', 's', join(dir, 'missing.json')], '', {}, /^paycheck sign: PAYCHECK_INPUT_UNREADABLE cannot read .*ENOENT/],
    [['sign', '--secret', 's', 'a.json', 'b.json'], '', {}, /^paycheck sign: PAYCHECK_USAGE unexpected argument "b\.json"/],
    [['frobnicate'], '', {}, /^paycheck: PAYCHECK_UNKNOWN_COMMAND unknown command "frobnicate"/],
  ];
  for (const [args, stdin, env, message] of cases) {
    const result = await cli(args, stdin, env);
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.err, message);
    assert.equal(result.err.split('\n').length, 1, result.err);
  }
});

test('a request nested 5 000 deep, or with a key twice, is bad input to sign, explain and verify: exit 2 naming it (was 70, a stack overflow; and last-wins)', async () => {
  const deep = seed.replace(/}$/, `,"extra":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`);
  const twice = seed.replace(/}$/, ',"total_amount":"100.00"}');
  const nestedTwice = seed.replace(/}$/, ',"extra":{"k":[{"x":1,"x":2}]}}');
  for (const command of ['sign', 'explain', 'verify']) {
    const cases: [string, string][] = [
      [deep, 'PAYCHECK_INPUT_TOO_DEEP standard input nests deeper than 32 levels'],
      [twice, 'PAYCHECK_INPUT_AMBIGUOUS standard input has the key $.total_amount twice in one object (which one counts is ambiguous)'],
      [nestedTwice, 'PAYCHECK_INPUT_AMBIGUOUS standard input has the key $.extra.k[0].x twice in one object (which one counts is ambiguous)'],
    ];
    for (const [stdin, line] of cases) {
      const result = await cli([command, '--secret', 's'], stdin);
      assert.deepEqual({ code: result.code, err: result.err, out: result.out }, { code: 2, err: `paycheck ${command}: ${line}`, out: '' });
    }
  }
});

test('--help on every command', async () => {
  for (const command of ['sign', 'explain', 'verify', 'gen', 'mock', 'load', 'checkout', 'audit']) {
    const result = await cli([command, '--help']);
    assert.equal(result.code, 0);
    assert.match(result.out, new RegExp(`usage: paycheck ${command}`));
  }
  assert.match((await cli(['--help'])).out, /commands:/);
});

test('the installed bin: a file argument, exit codes and no stack trace', async () => {
  const file = join(dir, 'seed.json');
  writeFileSync(file, seed);
  const signed = await run(process.execPath, ['bin/paycheck.js', 'sign', file, '--secret', 'bin-secret']);
  writeFileSync(join(dir, 'signed.json'), signed.stdout);
  const ok = await run(process.execPath, ['bin/paycheck.js', 'verify', join(dir, 'signed.json'), '--secret', 'bin-secret']);
  assert.match(ok.stdout, /^valid/);
  await assert.rejects(run(process.execPath, ['bin/paycheck.js', 'verify', join(dir, 'signed.json'), '--secret', 'nope']), (error: { code: number }) => error.code === 1);
  await assert.rejects(run(process.execPath, ['bin/paycheck.js', 'sign', join(dir, 'nothing.json')], { env: { ...process.env, PAY_APP_SECRET: 'x' } }), (error: { code: number; stderr: string }) => {
    assert.equal(error.code, 2);
    assert.doesNotMatch(error.stderr, /\n\s+at /);
    return true;
  });
});

test('standard input and files are read up to the request limit: `sign < /dev/zero` ends at once, exit 2, in little memory', async () => {
  const zero = openSync('/dev/zero', 'r');
  try {
    for (const [args, stdin, name] of [
      [['sign'], zero, 'standard input'],
      [['explain', '-'], zero, 'standard input'],
      [['verify', '/dev/zero'], 'ignore', '/dev/zero'],
    ] as const) {
      const started = performance.now();
      const child = spawnSync(process.execPath, [...REPORT_MAX_RSS, 'bin/paycheck.js', ...args], { stdio: [stdin, 'pipe', 'pipe'], env: { ...process.env, PAY_APP_SECRET: 's' }, encoding: 'utf8', timeout: 20_000 });
      const seconds = (performance.now() - started) / 1000;
      assert.equal(child.status, 2, `${args.join(' ')}: ${child.stderr}`);
      assert.equal(child.stderr.split('\n')[0], `paycheck ${args[0]}: PAYCHECK_INPUT_TOO_LARGE ${name} is over ${REQUEST_SIZE_LIMIT} bytes, the most paycheck reads of a request`);
      assert.ok(seconds < 10, `${seconds.toFixed(1)} s`);
      // A plain sign of a small request peaks near 80 MiB (Node and tsx); reading on would have no end.
      assert.ok(maxRssMib(child.stderr) < 160, `peak RSS ${maxRssMib(child.stderr).toFixed(0)} MiB`);
    }
  } finally {
    closeSync(zero);
  }
});

test('mock and load are reachable through the paycheck bin', async () => {
  const load = await run(process.execPath, ['bin/paycheck.js', 'load', '--help']);
  assert.match(load.stdout, /--profile NAME/);
  const mock = await run(process.execPath, ['bin/paycheck.js', 'mock', '--help']);
  assert.match(mock.stdout + mock.stderr, /--port/);
});

test('a reader that closes early gets no stack trace (EPIPE)', async () => {
  const errFile = join(dir, 'epipe.err');
  await run('sh', ['-c', `node bin/paycheck.js gen request --count 3000 --seed 1 2>${errFile} | head -c 100 >/dev/null`]);
  assert.equal(readFileSync(errFile, 'utf8').includes('EPIPE'), false, readFileSync(errFile, 'utf8'));
});

test('explain never prints the secret, even when a value imitates the secret pair', async () => {
  const request = { aa: 'x&app_sercet=decoy', app_id: 'a', sign_type: 'MD5' };
  const result = await cli(['explain', '--secret', 'REAL-SECRET-123'], JSON.stringify(request));
  assert.equal(result.out.includes('REAL-SECRET-123'), false, result.out);
  assert.match(result.out, /app_id=a&app_sercet=\*\*\*&sign_type=MD5/);
});

test('RSA verify without a public key is missing input: exit 2', async () => {
  const result = await cli(['verify'], JSON.stringify({ app_id: 'a', sign_type: 'RSA', sign: 'abc' }));
  assert.equal(result.code, 2);
  assert.match(result.err, /no public key/);
});

test('verify --compare does not print pay-code digits when the difference lies there', async () => {
  const request = { app_id: 'a', sign_type: 'MD5', pay_code: '134567890123456789', sign: 'x' };
  const theirs = 'app_id=a&app_sercet=s&pay_code=134567890123456780&sign_type=MD5';
  const result = await cli(['verify', '--secret', 's', '--compare', theirs], JSON.stringify(request));
  assert.match(result.out, /inside pay_code, at its digit 18/);
  assert.equal(result.out.includes('134567890123456780'), false);
});

// Issue 12, point 2: a secret or pay code printed because of the key it sat under, or the form it took.
const PROBE_SECRET = 'S3cr3t-L3ak-Probe-7Qz9';
/** The probe secret as a careless printer could show it (computed here with Buffer, not with the masking module). */
const probeSpellings = () => {
  const raw = Buffer.from(PROBE_SECRET);
  return [PROBE_SECRET, raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64'), raw.toString('base64url'), encodeURIComponent(PROBE_SECRET), [...raw].map((b) => `%${b.toString(16)}`).join('')];
};

/** Whether any eight characters in a row of `spelling` appear in `text`. */
const showsPartOf = (text: string, spelling: string) => Array.from({ length: spelling.length - 7 }, (_, i) => spelling.slice(i, i + 8)).some((part) => text.includes(part));

test('verify --compare masks the configured secret wherever the compared string carries it: app_sercet=, app_secret=, key= or bare', async () => {
  const request = { app_id: 'a', sign_type: 'MD5', order_id: 'o1', total_amount: '0.01', sign: 'x' };
  const raw = Buffer.from(PROBE_SECRET);
  const strings = [
    `app_id=a&app_sercet=${PROBE_SECRET}&order_id=o1&sign_type=MD5&total_amount=0.02`,
    `app_id=a&app_secret=${PROBE_SECRET}&order_id=o1&sign_type=MD5&total_amount=0.01`,
    `app_id=a&order_id=o1&sign_type=MD5&total_amount=0.01&key=${PROBE_SECRET}`,
    `app_id=a${PROBE_SECRET}&order_id=o1`,
    `app_id=a&app_sercet=${raw.toString('base64')}&order_id=o1`,
    `app_id=a&app_sercet=${raw.toString('hex')}&order_id=o1`,
    `app_id=a&app_sercet=${encodeURIComponent(PROBE_SECRET).replace(/-/g, '%2D')}&order_id=o1`,
  ];
  for (const theirs of strings) {
    const result = await cli(['verify', '--compare', theirs], JSON.stringify(request), { PAY_APP_SECRET: PROBE_SECRET });
    assert.equal(result.code, 1, result.err);
    assert.match(result.out, /first difference at character \d+/, theirs);
    for (const spelling of probeSpellings()) assert.equal(showsPartOf(result.out + result.err, spelling), false, `${spelling} printed for --compare ${theirs}:\n${result.out}`);
  }
});

test('verify --compare prints no pay code whole when the first difference falls after pay_code=', async () => {
  for (const code of ['2846371625317482', '134567890123456789']) {
    const request = { app_id: 'a', sign_type: 'MD5', order_id: 'o1', pay_code: code, sign: 'x' };
    const theirs = `app_id=a&app_sercet=${PROBE_SECRET}&order_id=o1&pay_code=${code}&sign_typ=MD5`;
    const result = await cli(['verify', '--secret', PROBE_SECRET, '--compare', theirs], JSON.stringify(request));
    assert.match(result.out, /first difference at character \d+:\n {4}ours: /);
    assert.equal(result.out.includes(code), false, result.out);
    assert.equal(result.out.includes(code.slice(4)), false, `the digits after the channel prefix: ${result.out}`);
    const shown = await cli(['verify', '--secret', PROBE_SECRET, '--show-pay-code', '--compare', theirs], JSON.stringify(request));
    assert.ok(shown.out.includes(code), `--show-pay-code prints it: ${shown.out}`);
  }
});

test('a numeric pay_code (a JSON number) is never printed whole by explain or verify', async () => {
  // 2846371625317482 is below 2^53 and signed; the longer two are rounded by JSON.parse, so refused with the number in the message.
  for (const digits of ['134567890123456789', '2846371625317482', '284637162531748290123456']) {
    const text = `{"app_id":"a","sign_type":"MD5","order_id":"o1","pay_code":${digits},"total_amount":"0.01","sign":"x"}`;
    const value = JSON.parse(text) as { pay_code: number };
    // What JSON.parse makes of it, as JSON and the canonical string write it again.
    const forms = [digits, JSON.stringify(value.pay_code), String(BigInt(value.pay_code))].map((form) => form.replace(/e\+\d+$/, ''));
    for (const command of ['explain', 'verify']) {
      const result = await cli([command, '--secret', PROBE_SECRET], text);
      for (const form of forms) assert.equal((result.out + result.err).includes(form.slice(0, -4)), false, `${command} printed ${form}:\n${result.out}${result.err}`);
      if (Number.isSafeInteger(value.pay_code)) assert.match(result.out, /pay_code=\S*\*{4}/, result.out);
      else assert.match(result.err, /PAYCHECK_INPUT_IMPRECISE standard input has the number \S*\*{4}\S* at \$\.pay_code/, result.err);
    }
  }
});
