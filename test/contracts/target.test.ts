import { test } from 'node:test';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { describeTarget, targetFrom } from '../../src/runners/contracts/support/target.ts';
import { skipReason } from '../../src/runners/contracts/support/fixtures.ts';
import { createLivePayCodes } from '../../src/runners/contracts/support/live-pay-codes.ts';
import { testSeed } from '../../src/runners/contracts/support/run-identity.ts';

const REMOTE = 'https://pay-test.example.com';
const env = { PAY_APP_ID: 'app', PAY_APP_SECRET: 's' };

test('a non-loopback live target without codes runs only what cannot move money, and says so', () => {
  const target = { ...targetFrom('live', REMOTE, env), controls: false };
  assert.equal(target.loopback, false);
  assert.equal(target.moneyAllowed, false);
  assert.match(skipReason(['@moves-money'], target) ?? '', /PAY_LIVE_PAY_CODES/);
  assert.match(skipReason(['@mock-controls'], target) ?? '', /no mock controls/);
  assert.equal(skipReason([], target), undefined);
  assert.match(describeTarget('live', target), /only tests that cannot move money run/);
});

test('PAY_LIVE_PAY_CODES allow money tests on a remote target; loopback needs none', () => {
  const withCodes = targetFrom('live', REMOTE, { ...env, PAY_LIVE_PAY_CODES: ' 134567890123456789, 284637162531748290 ' });
  assert.equal(withCodes.moneyAllowed, true);
  assert.deepEqual(withCodes.livePayCodes, ['134567890123456789', '284637162531748290']);
  const loop = targetFrom('live', 'http://127.0.0.1:9', {});
  assert.equal(loop.moneyAllowed, true);
  assert.equal(loop.app.appId, 'paycheck-demo-app');
  assert.equal(targetFrom('msw', undefined, {}).baseUrl, 'https://api.huishouyin.cn');
});

test('cancels and refunds of real orders: loopback always, a remote target only with PAY_LIVE_LIFECYCLE=1, said either way', () => {
  const remote = { ...targetFrom('live', REMOTE, { ...env, PAY_LIVE_PAY_CODES: '134567890123456789' }), controls: false };
  assert.equal(remote.lifecycleWrites, false);
  assert.match(skipReason(['@moves-money', '@lifecycle-writes'], remote) ?? '', /PAY_LIVE_LIFECYCLE is not 1/);
  assert.match(describeTarget('live', remote), /@lifecycle-writes skipped/);
  const allowed = { ...targetFrom('live', REMOTE, { ...env, PAY_LIVE_PAY_CODES: '134567890123456789', PAY_LIVE_LIFECYCLE: '1' }), controls: false };
  assert.equal(skipReason(['@moves-money', '@lifecycle-writes'], allowed), undefined);
  assert.match(describeTarget('live', allowed), /PAY_LIVE_LIFECYCLE=1: @lifecycle-writes tests cancel and refund real orders/);
  assert.equal(targetFrom('live', REMOTE, { ...env, PAY_LIVE_LIFECYCLE: 'yes' }).lifecycleWrites, false);
  assert.equal(targetFrom('live', 'http://127.0.0.1:9', {}).lifecycleWrites, true);
  assert.equal(targetFrom('msw', undefined, {}).lifecycleWrites, true);
});

test('each reading\'s variable demands one reading (PAY_ERROR_CODES among them), junk refused naming the choices; PAY_STRICT 1 or 0', () => {
  const demanding = targetFrom('mock', 'http://127.0.0.1:9', { PAY_ERROR_CODES: 'table', PAY_REPEAT_PAID: '1007', PAY_PAY_TYPE: 'string' });
  assert.deepEqual(Object.fromEntries(demanding.demands), { 'error-codes': 'table', 'repeat-of-paid': '1007', 'pay-type': 'string' });
  assert.match(describeTarget('mock', demanding), /readings demanded: PAY_ERROR_CODES=table, PAY_REPEAT_PAID=1007, PAY_PAY_TYPE=string, else either, strict limits reported/);
  assert.equal(targetFrom('mock', 'http://127.0.0.1:9', {}).demands.size, 0);
  assert.throws(() => targetFrom('mock', 'http://127.0.0.1:9', { PAY_ERROR_CODES: 'both' }), /PAY_ERROR_CODES must be "flowchart" or "table" \(D-17\); got "both"/);
  assert.throws(() => targetFrom('mock', 'http://127.0.0.1:9', { PAY_SIGN_MAX: '44' }), /PAY_SIGN_MAX must be "344" or "32" \(D-13\)/);
  assert.equal(targetFrom('mock', 'http://127.0.0.1:9', { PAY_STRICT: '1' }).strict, true);
  assert.equal(targetFrom('mock', 'http://127.0.0.1:9', { PAY_STRICT: '0' }).strict, false);
  assert.match(describeTarget('mock', { ...targetFrom('mock', 'http://127.0.0.1:9', { PAY_STRICT: '1' }), controls: true }), /strict limits must hold \(PAY_STRICT=1\)/);
  assert.throws(() => targetFrom('mock', 'http://127.0.0.1:9', { PAY_STRICT: 'yes' }), /PAY_STRICT must be 1/);
});

test('live pay codes are each claimed once, by channel, across claimers', () => {
  const tag = `t${process.pid}${Date.now()}`;
  const codes = ['134567890123456789', '284637162531748290'];
  const a = createLivePayCodes(codes, tag);
  const b = createLivePayCodes(codes, tag);
  assert.equal(a.claim('alipay'), '284637162531748290');
  assert.equal(b.claim('alipay'), undefined);
  assert.equal(b.claim(undefined), '134567890123456789');
  assert.equal(a.claim(undefined), undefined);
  rmSync(join(tmpdir(), `paycheck-live-codes-${tag}`), { recursive: true, force: true });
});

test('each test gets a seed of its own, stable for a run seed', () => {
  assert.equal(testSeed(5, 'mock', 'a'), testSeed(5, 'mock', 'a'));
  assert.notEqual(testSeed(5, 'mock', 'a'), testSeed(5, 'msw', 'a'));
  assert.notEqual(testSeed(5, 'mock', 'a'), testSeed(6, 'mock', 'a'));
});
